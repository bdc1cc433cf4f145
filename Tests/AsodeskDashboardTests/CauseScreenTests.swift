import AsodeskApp
import AsodeskDomain
import Testing
@testable import AsodeskDashboard

/// The cause in the decision and correction forms, and the test mark from the detail screen.
@Suite struct CauseScreenTests {
    @Test func theDecisionFormAsksForTheCauseAndWritesNothingWithoutOne() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english, width: 200, height: 50)
        let complaint = try DetailScreenTests.pick(dashboard) { $0.state == .inAnalysis && !$0.isMysteryShoppingTest }
        let screen = DetailScreenTests.open(dashboard, complaint)
        DetailScreenTests.tickMandatorySteps(dashboard, screen)
        let events = DetailScreenTests.current(dashboard, complaint.number).history.count
        // The outcome chosen, the cause left at "— choose —": refused next to the field.
        DashboardFixture.press(dashboard, .character("d"), .right, .tab, .tab)
        DashboardFixture.type(dashboard, "Usterka potwierdzona w oględzinach")
        DashboardFixture.press(dashboard, .function(2))
        let form = try #require(dashboard.top as? FormScreen)
        #expect(form.form.fields.map(\.id).prefix(3) == ["outcome", "cause", "reasons"])
        #expect(form.form.fields[1].error != nil, "the missing cause is marked at its field")
        #expect(DetailScreenTests.current(dashboard, complaint.number).history.count == events)
        // The choices are the catalogue's, named in the UI language.
        let buffer = DashboardFixture.render(dashboard)
        #expect(buffer.text.contains("Cause"))
        form.form.focus = 1
        DashboardFixture.press(dashboard, .right, .right)
        #expect(form.form["cause"] == "workshop-error/diagnosis")
        #expect(DashboardFixture.render(dashboard).text.contains("workshop error — diagnosis"))
        DashboardFixture.press(dashboard, .function(2))
        let after = DetailScreenTests.current(dashboard, complaint.number)
        #expect(after.state == .decided)
        #expect(after.cause == CauseCode(code: "workshop-error", sub: "diagnosis"))
        // The data pane names it.
        let lines = DashboardFixture.render(dashboard).text.split(separator: "\n")
        #expect(lines.contains { $0.contains("Cause ") && $0.contains("workshop error — diagnosis") })
    }

    @Test func theCorrectionFormOffersTheCauseAfterADecision() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        let decided = try DetailScreenTests.pick(dashboard) { $0.state == .decided && $0.cause != nil }
        let undecided = try DetailScreenTests.pick(dashboard) { $0.state == .inAnalysis }
        #expect(!AmendForm.screen(complaint: undecided, dashboard: dashboard).form.fields.contains { $0.id == "cause" })
        let screen = AmendForm.screen(complaint: decided, dashboard: dashboard)
        dashboard.push(screen)
        #expect(screen.form["cause"] == decided.cause?.text)
        let other = try #require(dashboard.desk.config.causes.codes.first { $0.main != decided.cause?.main })
        screen.form["cause"] = other.text
        screen.form[AmendForm.reasonField] = "Przegląd miesięczny: inna przyczyna"
        DashboardFixture.press(dashboard, .function(2))
        let after = DetailScreenTests.current(dashboard, decided.number)
        #expect(after.cause == other)
        guard case .amend(let corrections, _) = after.history.last?.action else { Issue.record("no correction recorded"); return }
        #expect(corrections == [IntakeCorrection(field: .cause, old: decided.cause?.text, new: other.text)])
    }

    @Test func onlyTheLeadMarksATestFromTheDetailScreen() throws {
        let advisor = try DashboardFixture.dashboard(as: "pwisniewski", language: .english)
        let complaint = try DetailScreenTests.pick(advisor) { $0.state == .acknowledged && !$0.isMysteryShoppingTest }
        _ = DetailScreenTests.open(advisor, complaint)
        DashboardFixture.press(advisor, .character("T"))
        #expect(!(advisor.top is FormScreen), "an advisor is not offered the mark")
        #expect(advisor.message?.text.contains("shift lead") == true, "\(String(describing: advisor.message?.text))")

        let lead = try DashboardFixture.dashboard(language: .english)
        _ = DetailScreenTests.open(lead, complaint)
        DashboardFixture.press(lead, .character("T"))
        #expect(lead.top is FormScreen)
        DashboardFixture.type(lead, "TK/2026/11")
        DashboardFixture.press(lead, .function(2))
        let after = DetailScreenTests.current(lead, complaint.number)
        #expect(after.testAudit == "TK/2026/11")
        #expect(DashboardFixture.render(lead).text.contains("Test (mystery shopping)"))
    }
}
