import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskScreen
import Foundation
import Testing

/// The Improvement screen: the register of corrective and preventive actions (issue 16, item 2).
@Suite struct ImprovementScreenTests {
    static let day: TimeInterval = 86_400

    /// The demo desk with three actions: one overdue, one due soon, one done whose check is due.
    static func desk() throws -> Desk {
        let desk = try DashboardFixture.desk()
        let now = DashboardFixture.now
        let numbers = desk.state.complaints.open.map(\.number).sorted()
        let lead = Actor(id: "anowak", role: .lead), advisor = Actor(id: "pwisniewski", role: .advisor)
        try desk.recordImprovement(.open(ImprovementOpening(
            kind: .corrective, title: "Kontrola momentu dokręcenia kół po wymianie opon", causes: ["workshop-error/torque"],
            complaints: Array(numbers.prefix(2)), owner: "pwisniewski", due: LocalDate(year: 2026, month: 11, day: 20),
            measure: "Zero reklamacji na koła przez kwartał")), by: lead, occurredAt: now - 20 * day, now: now - 20 * day)
        try desk.recordImprovement(.open(ImprovementOpening(
            kind: .preventive, title: "Szkolenie z potwierdzania terminów odbioru", causes: ["communication"],
            complaints: [], owner: "anowak", due: LocalDate(year: 2026, month: 11, day: 25),
            measure: "Mniej telefonów z pytaniem o auto")), by: advisor, occurredAt: now - 5 * day, now: now - 5 * day)
        let third = try desk.recordImprovement(.open(ImprovementOpening(
            kind: .corrective, title: "Lista kontrolna odbioru pojazdu przy kasie", causes: ["delay"],
            complaints: Array(numbers.suffix(1)), owner: "pwisniewski", due: LocalDate(year: 2026, month: 9, day: 30),
            measure: "Brak reklamacji na brudne auto")), by: lead, occurredAt: now - 90 * day, now: now - 90 * day)
        try desk.recordImprovement(.done(note: "Lista wdrożona, omówiona na odprawie"), on: third.id, by: advisor,
                                   occurredAt: now - 70 * day, now: now - 70 * day)
        return desk
    }

    static func screen(as operatorID: String = "anowak", language: Language = .polish, width: Int = 80, height: Int = 24)
        throws -> (Dashboard, ImprovementScreen) {
        let dashboard = try DashboardFixture.dashboard(as: operatorID, language: language, width: width, height: height, desk: try desk())
        DashboardFixture.press(dashboard, .character("5"))
        return (dashboard, try #require(dashboard.top as? ImprovementScreen))
    }

    @Test(arguments: [(80, 24, Language.polish, "improvement-80x24-pl"), (200, 50, .polish, "improvement-200x50-pl"),
                      (80, 24, .english, "improvement-80x24-en"), (200, 50, .english, "improvement-200x50-en")])
    func goldenScreen(_ width: Int, _ height: Int, _ language: Language, _ name: String) throws {
        let (dashboard, screen) = try Self.screen(language: language, width: width, height: height)
        #expect(screen.rows.contains { $0.isOverdue && $0.action != nil })
        #expect(screen.rows.contains { $0.dueState == .dueSoon })
        #expect(screen.rows.contains { $0.checkIsDue })
        #expect(screen.rows.contains { $0.action == nil }, "procedure reviews due are rows too")
        try Golden.check(DashboardFixture.render(dashboard), name)
    }

    /// Without colour the overdue rows still read as such: the mark is text, the role is the breach role.
    @Test func overdueRowsCarryATextMarkAndTheBreachRoleForMonochrome() throws {
        let (dashboard, screen) = try Self.screen(language: .english)
        let buffer = DashboardFixture.render(dashboard)
        let overdue = try #require(screen.rows.first { $0.isOverdue && $0.action != nil })
        let y = try #require((0..<buffer.height).first { buffer.line($0).contains(ImprovementText.id(overdue)) })
        #expect(buffer[0, y].text == "✗" && buffer[0, y].role == .breached)
        // The roles a monochrome theme draws, as a map: b breached, w warning, s selection, m muted.
        let codes: [StyleRole: Character] = [.breached: "b", .warning: "w", .selection: "s", .muted: "m", .header: "h",
                                             .footer: "f", .footerKey: "k", .ok: "o", .error: "e", .paused: "p"]
        var map = CellBuffer(width: buffer.width, height: buffer.height)
        for row in 0..<buffer.height {
            for column in 0..<buffer.width {
                map.write(String(codes[buffer[column, row].role] ?? "."), x: column, y: row, role: .body)
            }
        }
        try Golden.check(buffer, "improvement-80x24-en-monochrome")
        try Golden.check(map, "improvement-80x24-en-monochrome-roles")
    }

    @Test func theDetailShowsTheComplaintsAndHistoryAndEnterOpensAComplaint() throws {
        let (dashboard, screen) = try Self.screen()
        let index = try #require(screen.rows.firstIndex { $0.action?.complaints.count == 2 })
        DashboardFixture.press(dashboard, .home)
        for _ in 0..<index { DashboardFixture.press(dashboard, .down) }
        DashboardFixture.press(dashboard, .enter)
        let detail = try #require(dashboard.top as? ImprovementDetailScreen)
        try Golden.check(DashboardFixture.render(dashboard), "improvement-detail-pl-80x24")
        let first = try #require(detail.row?.action?.complaints.first)
        DashboardFixture.press(dashboard, .enter)
        let opened = try #require(dashboard.top as? DetailScreen)
        #expect(opened.number == first)
    }

    @Test func refusalsAreSaidInWordsAndATraineeChangesNothing() throws {
        let (dashboard, _) = try Self.screen(as: "jlewandowska", language: .english)
        let before = dashboard.desk.log.lastSequence
        DashboardFixture.press(dashboard, .character("n"))
        #expect(dashboard.message?.text.contains("A trainee does not work the action register") == true, "\(dashboard.message?.text ?? "")")
        #expect(dashboard.top is ImprovementScreen)
        let (advisorBoard, advisorScreen) = try Self.screen(as: "pwisniewski", language: .polish)
        let done = try #require(advisorScreen.rows.firstIndex { $0.action?.status == .done })
        DashboardFixture.press(advisorBoard, .home)
        for _ in 0..<done { DashboardFixture.press(advisorBoard, .down) }
        DashboardFixture.press(advisorBoard, .character("v"))
        #expect(advisorBoard.message?.text.contains("tylko kierownik zmiany") == true, "\(advisorBoard.message?.text ?? "")")
        #expect(dashboard.desk.log.lastSequence == before)
    }

    @Test func theLeadOpensAnActionFromTheFormAndVerifiesADoneOne() throws {
        let (dashboard, screen) = try Self.screen(language: .english)
        let count = dashboard.desk.state.improvements.count
        DashboardFixture.press(dashboard, .character("n"))
        #expect(dashboard.top is FormScreen)
        DashboardFixture.press(dashboard, .tab)
        DashboardFixture.type(dashboard, "Nowa tablica godzin odbioru")
        DashboardFixture.press(dashboard, .tab, .tab, .tab, .tab)
        DashboardFixture.type(dashboard, "2026-12-15")
        DashboardFixture.press(dashboard, .tab)
        DashboardFixture.type(dashboard, "Mniej pytań o godziny")
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top is ImprovementScreen, "\(dashboard.message?.text ?? "")")
        #expect(dashboard.desk.state.improvements.count == count + 1)
        #expect(dashboard.message?.text.contains("— saved.") == true)
        let done = try #require(screen.rows.firstIndex { $0.action?.status == .done })
        DashboardFixture.press(dashboard, .home)
        for _ in 0..<done { DashboardFixture.press(dashboard, .down) }
        DashboardFixture.press(dashboard, .character("v"))
        DashboardFixture.press(dashboard, .tab)
        DashboardFixture.type(dashboard, "Brak reklamacji od dwóch miesięcy")
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.desk.state.improvements.values.contains { $0.status == .verifiedEffective })
    }

    @Test func aProcedureReviewRowOpensAsAnActionForTheLead() throws {
        let (dashboard, screen) = try Self.screen(language: .english)
        let review = try #require(screen.rows.firstIndex { $0.action == nil })
        DashboardFixture.press(dashboard, .home)
        for _ in 0..<review { DashboardFixture.press(dashboard, .down) }
        DashboardFixture.press(dashboard, .enter)
        let form = try #require(dashboard.top as? FormScreen)
        #expect(form.form["kind"] == "procedure-review" && form.form["title"].hasPrefix("Review: "))
        DashboardFixture.press(dashboard, .tab, .tab, .tab, .tab, .tab, .tab)
        DashboardFixture.type(dashboard, "Procedura przejrzana i podpisana")
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.desk.state.improvements.values.contains { $0.kind == .procedureReview }, "\(dashboard.message?.text ?? "")")
    }

    @Test func theShiftBoardListsActionsThatNeedAttentionWithCountsInTheTitle() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english, width: 200, height: 50, desk: try Self.desk())
        DashboardFixture.press(dashboard, .character("3"))
        let board = try #require(dashboard.top as? ShiftBoardScreen)
        #expect(board.model.actions.count >= 3)
        let text = DashboardFixture.render(dashboard).text
        #expect(text.contains("Actions (✗ "), "\(text)")
        #expect(text.contains("Kontrola momentu dokręcenia kół"))
        // 80×24: the section follows the complaint rows, in view once the last one is selected.
        let compact = try DashboardFixture.dashboard(language: .polish, desk: try Self.desk())
        DashboardFixture.press(compact, .character("3"), .end)
        let lines = DashboardFixture.render(compact).text
        #expect(lines.contains("Działania (✗ "), "\(lines)")
    }
}
