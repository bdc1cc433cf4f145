import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskScreen
import Foundation
import Testing

@Suite struct ShiftBoardScreenTests {
    /// The demo desk's shift board, opened with its key as a person would.
    static func board(as operatorID: String = "anowak", language: Language = .polish, width: Int = 80, height: Int = 24,
                      handoverDirectory: String? = nil) throws -> (Dashboard, ShiftBoardScreen) {
        let desk = try DashboardFixture.desk()
        let settings = DashboardSettings(language: language,
                                         handoverDirectory: handoverDirectory ?? FileManager.default.temporaryDirectory.path)
        let dashboard = Dashboard(desk: desk, actor: try desk.actor(id: operatorID, requestedRole: nil), settings: settings,
                                  now: DashboardFixture.now, width: width, height: height)
        DashboardFixture.press(dashboard, .character("3"))
        return (dashboard, try #require(dashboard.top as? ShiftBoardScreen))
    }

    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-handover-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Moves the selection down to the first row that satisfies `matches`.
    static func select(_ screen: ShiftBoardScreen, in dashboard: Dashboard, where matches: (BoardRow) -> Bool) throws -> BoardRow {
        let found = screen.model.rows.firstIndex(where: matches)
        let target = try #require(found)
        DashboardFixture.press(dashboard, .home)
        for _ in 0..<target { DashboardFixture.press(dashboard, .down) }
        return try #require(screen.selectedRow)
    }

    // MARK: Golden screens

    @Test(arguments: [(80, 24, Language.polish, "shift-board-80x24-pl"), (200, 50, .polish, "shift-board-200x50-pl"),
                      (80, 24, .english, "shift-board-80x24-en"), (200, 50, .english, "shift-board-200x50-en")])
    func goldenScreen(_ width: Int, _ height: Int, _ language: Language, _ name: String) throws {
        let (dashboard, screen) = try Self.board(language: language, width: width, height: height)
        // The demo desk has work in every timer section; an empty board would prove nothing.
        for section in [BoardSection.breached, .laterToday, .legal] {
            #expect(!screen.model.rows(in: section).isEmpty, "\(section)")
        }
        try Golden.check(DashboardFixture.render(dashboard), name)
    }

    @Test func breachedRowsCarryTheBreachedRoleAndGlyphEvenWhenSelected() throws {
        let (dashboard, screen) = try Self.board(width: 200, height: 50)
        let buffer = DashboardFixture.render(dashboard)
        let breached = screen.model.rows(in: .breached)
        #expect(!breached.isEmpty)
        for (index, row) in breached.enumerated() {
            // The breached section comes first, so the first line with the number is this row's.
            let y = try #require((0..<buffer.height).first { buffer.line($0).contains(row.number.description) })
            #expect(buffer[0, y].text == "✗")
            #expect(buffer[0, y].role == .breached)
            let overdueX = try #require(buffer.column(of: "po terminie", row: y))
            #expect(buffer[overdueX, y].role == (index == 0 ? .selection : .breached))
            if index == 0 { #expect(buffer[2, y].role == .selection) }
        }
    }

    @Test func aTimerThatComesDueWhileOnScreenMovesToBreachedWithoutAKey() throws {
        let (dashboard, screen) = try Self.board()
        let dueSoon = try #require(screen.model.rows.first { $0.section != .breached && $0.timer?.dueAt != nil })
        let due = try #require(dueSoon.timer?.dueAt)
        _ = dashboard.handle(.tick(due.addingTimeInterval(60)))
        #expect(screen.model.rows(in: .breached).contains { $0.number == dueSoon.number })
    }

    // MARK: Reassign and escalate

    @Test func reassignThroughTheFormIsRecordedInTheLog() throws {
        let (dashboard, screen) = try Self.board()
        let row = try Self.select(screen, in: dashboard) { $0.owner != nil && $0.section != .legal }
        DashboardFixture.press(dashboard, .character("o"))
        let form = try #require(dashboard.top as? FormScreen)
        let chosen = form.form["operator"]
        #expect(chosen != row.owner)
        DashboardFixture.press(dashboard, .function(2))
        #expect(!(dashboard.top is FormScreen))
        let complaint = try #require((try? dashboard.desk.complaint(row.number)))
        #expect(complaint.owner == chosen)
        #expect(complaint.history.last?.action == .assign(to: chosen, note: nil))
        #expect(complaint.history.last?.actor.id == "anowak")
        #expect(dashboard.message?.role == .ok)
    }

    @Test func reassignWithANoteToTheChosenOperator() throws {
        let (dashboard, screen) = try Self.board(language: .english)
        let row = try Self.select(screen, in: dashboard) { $0.owner != nil && $0.owner != "mkaminski" && $0.section != .legal }
        DashboardFixture.press(dashboard, .character("o"))
        let form = try #require(dashboard.top as? FormScreen)
        // Step through the choices to Marek Kamiński.
        for _ in 0..<10 where form.form["operator"] != "mkaminski" { DashboardFixture.press(dashboard, .right) }
        #expect(form.form["operator"] == "mkaminski")
        DashboardFixture.press(dashboard, .tab)
        DashboardFixture.type(dashboard, "Piotr on leave")
        DashboardFixture.press(dashboard, .function(2))
        let complaint = try #require((try? dashboard.desk.complaint(row.number)))
        #expect(complaint.owner == "mkaminski")
        #expect(complaint.history.last?.action == .assign(to: "mkaminski", note: "Piotr on leave"))
        #expect(dashboard.message?.text == "✓ \(row.number) assigned to Marek Kamiński")
    }

    @Test func escalateNeedsAReasonAndMayRaiseThePriority() throws {
        let (dashboard, screen) = try Self.board()
        let row = try Self.select(screen, in: dashboard) { $0.priority == .normal && $0.section == .breached }
        let before = try #require((try? dashboard.desk.complaint(row.number)))
        DashboardFixture.press(dashboard, .character("e"))
        let form = try #require(dashboard.top as? FormScreen)
        DashboardFixture.press(dashboard, .function(2))
        // Refused without a reason: the form stays and says which field.
        #expect(dashboard.top === form)
        #expect(form.form.fields[0].error != nil)
        #expect((try? dashboard.desk.complaint(row.number))?.history.count == before.history.count)

        DashboardFixture.type(dashboard, "Klient grozi UOKiK, brak decyzji")
        DashboardFixture.press(dashboard, .tab, .right)
        #expect(form.form["priority"] == Priority.high.rawValue)
        DashboardFixture.press(dashboard, .function(2))
        let after = try #require((try? dashboard.desk.complaint(row.number)))
        #expect(after.escalationCount == before.escalationCount + 1)
        #expect(after.priority == .high)
        #expect(after.history.last?.action == .escalate(reason: "Klient grozi UOKiK, brak decyzji", priority: .high))
        #expect(!(dashboard.top is FormScreen))
    }

    @Test func aTraineeIsNotOfferedToReassignSomeoneElsesComplaint() throws {
        let (dashboard, screen) = try Self.board(as: "jlewandowska")
        let row = try Self.select(screen, in: dashboard) { $0.owner != nil && $0.owner != "jlewandowska" }
        let complaint = try #require((try? dashboard.desk.complaint(row.number)))
        let reassign = try #require(KeyTable.bindings.first { $0.context == .shiftBoard && $0.command == .reassign })
        let escalate = try #require(KeyTable.bindings.first { $0.context == .shiftBoard && $0.command == .escalate })
        #expect(!dashboard.isOffered(reassign, on: screen))
        // What is offered follows the domain's rules for the role, whatever they are.
        let verbs = Lifecycle.availableVerbs(on: complaint, for: dashboard.actor)
        #expect(dashboard.isOffered(escalate, on: screen) == verbs.contains(.escalate))

        let footer = DashboardFixture.render(dashboard).line(23)
        #expect(!footer.contains("Przydziel ponownie"))
        DashboardFixture.press(dashboard, .character("o"))
        #expect(dashboard.top === screen)
        #expect((try? dashboard.desk.complaint(row.number))?.owner == row.owner)

        // The shift lead is offered both on the same complaint.
        let (leadDashboard, leadScreen) = try Self.board()
        _ = try Self.select(leadScreen, in: leadDashboard) { $0.number == row.number }
        #expect(leadDashboard.isOffered(reassign, on: leadScreen))
        #expect(leadDashboard.isOffered(escalate, on: leadScreen))
        #expect(DashboardFixture.render(leadDashboard).line(23).contains("Przydziel ponownie"))
    }

    // MARK: Handover

    @Test func handoverIsWrittenWithTheBoardAndNeverOverwritten() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (dashboard, screen) = try Self.board(handoverDirectory: folder)
        // Someone already wrote a handover at this minute: it must survive.
        let taken = folder + "/" + ShiftHandover.baseName(dashboard.now, style: dashboard.style) + ".txt"
        try "earlier handover\n".write(toFile: taken, atomically: true, encoding: .utf8)

        DashboardFixture.press(dashboard, .character("h"))
        let message = try #require(dashboard.message)
        #expect(message.role == .ok)
        let path = try #require(message.text.components(separatedBy: ": ").last)
        #expect(path != taken)
        #expect(path.hasPrefix(folder + "/handover-2026-11-23-1030"))
        #expect(try String(contentsOfFile: taken, encoding: .utf8) == "earlier handover\n")

        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("PRZEKAZANIE ZMIANY — ASO Przykład Kraków"))
        #expect(text.contains("Anna Nowak (anowak), kierownik zmiany"))
        #expect(text.contains("pon. 23.11.2026 10:30:00"))
        for section in BoardSection.allCases {
            let rows = screen.model.rows(in: section)
            let title = section.title(legalDays: dashboard.desk.config.warnings.legalDaysBeforeDeadline).pl.uppercased()
            #expect(text.contains(title), "\(section)")
            for row in rows.prefix(ShiftHandover.rowsPerSection) { #expect(text.contains("\(row.number) | \(SafeText.singleLine(row.customer, maxCharacters: 40))")) }
        }
        for person in screen.model.load { #expect(text.contains("\(person.name): \(person.open) / \(person.dueToday) / \(person.breachedTimers)")) }
        #expect(text.contains("WSKAŹNIKI DZISIAJ (23.11.2026)"))
        #expect(text.contains("Mediana do decyzji"))
        #expect(!text.contains("\u{1B}"))

        DashboardFixture.press(dashboard, .character("h"))
        let second = try #require(dashboard.message?.text.components(separatedBy: ": ").last)
        #expect(second != path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 3)
    }

    @Test func aHandoverThatCannotBeWrittenSaysSoClearly() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A file where the folder should be: nothing can be created under it, whoever runs the test.
        let blocker = folder + "/not-a-folder"
        try "x".write(toFile: blocker, atomically: true, encoding: .utf8)
        let (dashboard, _) = try Self.board(language: .english, handoverDirectory: blocker + "/handovers")
        DashboardFixture.press(dashboard, .character("h"))
        let message = try #require(dashboard.message)
        #expect(message.role == .error)
        #expect(message.text.hasPrefix("✗ Shift handover not written: \(blocker) is not a folder"), "\(message.text)")
        #expect(message.text.contains("remove or rename it, or choose another folder"), "says what to do: \(message.text)")
        // The whole message, on as many lines as it needs above the status line: nothing is cut.
        let rows = DashboardFixture.render(dashboard).text.split(separator: "\n").map(String.init)
        let first = try #require(rows.firstIndex { $0.contains("Shift handover not written") })
        #expect(rows[first...21].map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ").contains("remove or rename it, or choose another folder"))
    }

    @Test func enterOpensTheSelectedComplaint() throws {
        let (dashboard, screen) = try Self.board()
        DashboardFixture.press(dashboard, .down)
        let row = try #require(screen.selectedRow)
        DashboardFixture.press(dashboard, .enter)
        let detail = try #require(dashboard.top as? DetailScreen)
        #expect(detail.number == row.number)
    }
}

/// A low survey or mystery-shopping result on the board (section "Low scores") until a lead reviews it with `v`.
@Suite struct LowFeedbackBoardTests {
    static func deskWithALowScore() throws -> (Desk, String) {
        let desk = try DashboardFixture.desk()
        let csv = "date;advisor;complaint;repair_order;score;comment\n2026-11-20;pwisniewski;;;3;Nikt nie oddzwonił\n"
        let entries = try desk.importFeedback(Array(csv.utf8), fileName: "ankiety.csv", kind: .survey,
                                              by: Actor(id: "anowak", role: .lead), now: DashboardFixture.now)
        return (desk, try #require(entries.first?.id))
    }

    @Test func aLowScoreIsListedAndALeadReviewsItWithV() throws {
        let (desk, id) = try Self.deskWithALowScore()
        let dashboard = try DashboardFixture.dashboard(as: "anowak", language: .english, width: 200, height: 50, desk: desk)
        DashboardFixture.press(dashboard, .character("3"))
        let screen = try #require(dashboard.top as? ShiftBoardScreen)
        DashboardFixture.press(dashboard, .end)
        #expect(screen.selectedFeedback?.id == id && screen.selectedRow == nil)
        let shown = DashboardFixture.render(dashboard)
        let header = try #require((0..<shown.height).first { shown.line($0).contains("Low scores (1)") })
        #expect(shown.line(header + 1).contains("2026-11-20 survey 3/10, Piotr Wiśniewski (pwisniewski), Nikt nie oddzwonił"),
                "\(shown.line(header + 1))")

        let handover = ShiftHandover.text(screen.model, dashboard: dashboard)
        #expect(handover.contains("LOW SCORES (1)\n  ! \(id) 2026-11-20 survey 3/10"), "\(handover)")

        DashboardFixture.press(dashboard, .character("v"))
        #expect(dashboard.top is FormScreen)
        DashboardFixture.type(dashboard, "Rozmowa z doradcą")
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top is ShiftBoardScreen, "\(String(describing: dashboard.message))")
        #expect(desk.state.feedbackReview(of: id)?.note == "Rozmowa z doradcą")
        #expect(screen.model.figures.lowFeedback.isEmpty)
        let after = DashboardFixture.render(dashboard)
        #expect(!(0..<after.height).contains { after.line($0).contains("Low scores") })
    }

    @Test func anAdvisorSeesTheItemButMayNotReviewIt() throws {
        let (desk, id) = try Self.deskWithALowScore()
        let dashboard = try DashboardFixture.dashboard(as: "pwisniewski", language: .english, width: 200, height: 50, desk: desk)
        DashboardFixture.press(dashboard, .character("3"))
        let screen = try #require(dashboard.top as? ShiftBoardScreen)
        DashboardFixture.press(dashboard, .end)
        #expect(screen.selectedFeedback?.id == id)
        DashboardFixture.press(dashboard, .character("v"))
        #expect(dashboard.top is ShiftBoardScreen)
        #expect(dashboard.message?.text.contains("A low score is reviewed by a shift lead") == true, "\(String(describing: dashboard.message))")
        #expect(desk.state.feedbackReview(of: id) == nil)
    }
}
