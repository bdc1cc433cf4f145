import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Testing

@Suite struct ProceduresScreenTests {
    /// Opens the procedure library the way a person does (F5) with `procedureID` selected.
    static func openProcedures(as operatorID: String = "jlewandowska", language: Language = .polish,
                               width: Int = 80, height: Int = 24, select procedureID: String = "complaint-intake",
                               desk: Desk? = nil) throws -> (Dashboard, ProceduresScreen) {
        let dashboard = try DashboardFixture.dashboard(as: operatorID, language: language, width: width, height: height, desk: desk)
        DashboardFixture.press(dashboard, .function(5))
        let screen = try #require(dashboard.top as? ProceduresScreen)
        screen.select(id: procedureID, dashboard: dashboard)
        return (dashboard, screen)
    }

    static func row(of text: String, in buffer: CellBuffer) -> Int? {
        (0..<buffer.height).first { buffer.line($0).contains(text) }
    }

    // MARK: Library

    @Test func libraryInPolishAt80x24MarksOverdueReviews() throws {
        let (dashboard, _) = try Self.openProcedures()
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "procedures-library-pl-80x24")
        // Reviewed 2024-03-11: more than two years before 2026-11-23.
        let overdue = try #require(Self.row(of: "Audyt stanowiska", in: buffer))
        let glyph = try #require(buffer.column(of: "✗", row: overdue))
        #expect(buffer[glyph, overdue].role == .error)
        #expect(buffer.line(overdue).contains("11.03.2026  ✗ po terminie"), "due two years after the review")
        let current = try #require(Self.row(of: "Przyjęcie reklamacji", in: buffer))
        let tick = try #require(buffer.column(of: "✓", row: current))
        #expect(buffer[tick, current].role == .ok)
        #expect(dashboard.desk.procedures.overdueReviews(today: LocalDate(year: 2026, month: 11, day: 23)).map(\.id)
                == ["follow-up-call", "mystery-shopping-audit"])
    }

    @Test func libraryInPolishAt200x50ShowsStepsWithReasons() throws {
        let (dashboard, _) = try Self.openProcedures(width: 200, height: 50)
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "procedures-library-pl-200x50")
        #expect(buffer.text.contains("Tak wychwytuje się nieporozumienia"), "reasons fit at this size")
        #expect(buffer.text.contains("mystery-shopping-audit"))
    }

    @Test func libraryInEnglishAt80x24() throws {
        let (dashboard, _) = try Self.openProcedures(as: "anowak", language: .english, select: "decision-letter")
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "procedures-library-en-80x24")
        #expect(buffer.text.contains("Complaint decision letter · v3"))
    }

    // MARK: Walk-through

    @Test func aWalkThroughShowsOneStepAtATimeAndCannotSkipAMandatoryStep() throws {
        let (dashboard, screen) = try Self.openProcedures()
        DashboardFixture.press(dashboard, .enter)
        #expect(screen.mode == .walkThrough)
        DashboardFixture.press(dashboard, .character("s"))      // step 1 is optional: skipped
        DashboardFixture.press(dashboard, .character(" "))      // step 2 confirmed
        let walk = try #require(screen.walk)
        #expect(walk.outcomes == [.skipped, .confirmed])
        #expect(walk.current?.id == "repeat-back" && walk.current?.mandatory == true)

        // Nothing but confirming passes a mandatory step.
        for key: Key in [.character("s"), .character("j"), .down, .tab, .pageDown, .character("n"), .right, .end] {
            DashboardFixture.press(dashboard, key)
            #expect(screen.walk?.outcomes.count == 2, "\(key.label) must not pass a mandatory step")
        }
        let skip = try #require(KeyTable.binding(for: .character("s"), in: screen.contexts))
        #expect(!dashboard.isOffered(skip, on: screen), "skipping is not even offered")
        DashboardFixture.press(dashboard, .character("s"))
        #expect(dashboard.message?.text == "Ten krok jest obowiązkowy: wykonaj go i potwierdź (Enter).", "pressed anyway, it says why")
        DashboardFixture.press(dashboard, .character("j"))
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "procedures-walk-pl-80x24")
        #expect(buffer.text.contains("Krok 3 z 7"))
        #expect(buffer.text.contains("Dlaczego: Tak wychwytuje się"))
        #expect(!buffer.line(23).contains("Pomiń"), "the footer does not offer skipping here")

        DashboardFixture.press(dashboard, .enter, .enter, .enter, .enter, .enter)
        #expect(screen.walk?.isFinished == true)
        #expect(DashboardFixture.render(dashboard).text.contains("Gotowe"))
        #expect(dashboard.desk.state.training.isEmpty, "a walk-through alone is not a training entry")
        DashboardFixture.press(dashboard, .enter)
        #expect(screen.mode == .library)
    }

    // MARK: Practice and the training record

    @Test func practiceRecordsATrainingEntryAndNoComplaint() throws {
        let (dashboard, screen) = try Self.openProcedures(width: 200, height: 50)
        let complaintsBefore = dashboard.desk.state.complaints
        let sequenceBefore = dashboard.desk.log.lastSequence
        DashboardFixture.press(dashboard, .character("p"))
        DashboardFixture.press(dashboard, .enter, .enter)
        try Golden.check(DashboardFixture.render(dashboard), "procedures-practice-pl-200x50")
        DashboardFixture.press(dashboard, .enter, .enter, .enter, .enter, .enter)
        #expect(screen.walk?.recorded != nil)
        #expect(DashboardFixture.render(dashboard).text.contains("żadna reklamacja nie powstała"))

        let fresh = try DashboardFixture.desk(logPath: dashboard.desk.log.path)
        #expect(fresh.log.lastSequence == sequenceBefore + 1)
        let entry = try #require(fresh.state.training.last)
        #expect(fresh.state.training.count == 1)
        #expect(entry.person == "jlewandowska" && entry.role == .trainee)
        #expect(entry.procedure == "complaint-intake" && entry.version == 4 && entry.steps == 7 && entry.mode == .practice)
        #expect(fresh.state.complaints == complaintsBefore, "no complaint was created or touched")
    }

    @Test func theTrainingRecordListsThePracticeWithTheCurrentPersonFirst() throws {
        let desk = try DashboardFixture.desk()
        try desk.recordTraining(procedure: "decision-letter", version: 3, steps: 7, by: Actor(id: "pwisniewski", role: .advisor),
                                now: DashboardFixture.now.addingTimeInterval(-86_400))
        let (dashboard, screen) = try Self.openProcedures(desk: desk)
        DashboardFixture.press(dashboard, .character("p"))
        DashboardFixture.press(dashboard, .enter, .enter, .enter, .enter, .enter, .enter, .enter, .enter)
        #expect(screen.mode == .library)
        DashboardFixture.press(dashboard, .character("t"))
        #expect(screen.mode == .trainingRecord)
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "procedures-training-pl-80x24")
        let me = try #require(Self.row(of: "Julia Lewandowska · praktykant (Ty)", in: buffer))
        let other = try #require(Self.row(of: "Piotr Wiśniewski · doradca", in: buffer))
        #expect(me < other, "the current person first")
        let practised = try #require(Self.row(of: "Przyjęcie reklamacji", in: buffer))
        #expect(practised > me && practised < other)
        #expect(buffer.line(practised).contains("v4") && buffer.line(practised).contains("23.11.2026"))
        let tick = try #require(buffer.column(of: "✓", row: practised))
        #expect(buffer[tick, practised].role == .ok)
        DashboardFixture.press(dashboard, .escape)
        #expect(screen.mode == .library)
    }

    @Test func aNewerProcedureVersionIsMarkedToRepeat() throws {
        let path = try DashboardFixture.demoLogCopy()
        let writer = try DashboardFixture.desk(logPath: path)
        try writer.recordTraining(procedure: "complaint-intake", version: 4, steps: 7, by: Actor(id: "jlewandowska", role: .trainee),
                                  now: DashboardFixture.now)
        var revised = writer.procedures.procedures
        let index = try #require(revised.firstIndex { $0.id == "complaint-intake" })
        revised[index].version = 5
        let desk = try Desk(log: try EventLog(path: path, create: false), config: DashboardFixture.config,
                            procedures: try ProcedureLibrary(procedures: revised))
        desk.useSigningKeys(DemoSite.sharedKeyring.signers)
        let (dashboard, _) = try Self.openProcedures(language: .english, desk: desk)
        DashboardFixture.press(dashboard, .character("t"))
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "procedures-training-en-80x24")
        let row = try #require(Self.row(of: "Taking a complaint", in: buffer))
        #expect(buffer.line(row).contains("↻ to repeat (now v5)"))
        let glyph = try #require(buffer.column(of: "↻", row: row))
        #expect(buffer[glyph, row].role == .warning)
    }
}
