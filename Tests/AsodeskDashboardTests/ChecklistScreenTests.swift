import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskScreen
import Foundation
import Testing

/// The checklist: which steps are mandatory at any width, a tick withdrawn only after a yes, a
/// refusal that names the blocking steps in full, and the checklist reached from an action form
/// that keeps what was typed.
@Suite struct ChecklistScreenTests {
    static func inAnalysisWithOpenSteps(_ dashboard: Dashboard, atLeast count: Int = 2) throws -> Complaint {
        let library = dashboard.desk.procedures.procedures
        return try DetailScreenTests.pick(dashboard) { c in
            c.state == .inAnalysis && Checklist.openMandatorySteps(at: .beforeDecision, on: c, procedures: library).count >= count
        }
    }

    static func openSteps(_ dashboard: Dashboard, _ number: ComplaintNumber) -> [Checklist.OpenStep] {
        Checklist.openMandatorySteps(at: .beforeDecision, on: DetailScreenTests.current(dashboard, number),
                                     procedures: dashboard.desk.procedures.procedures)
    }

    /// The decision form filled in: an outcome chosen and the reasons typed.
    static func fillDecision(_ dashboard: Dashboard, reasons: String) {
        DashboardFixture.press(dashboard, .character("d"), .right, .tab, .right, .tab)
        DashboardFixture.type(dashboard, reasons)
    }

    // MARK: Item 6: the mandatory mark

    @Test(arguments: [80, 120, 200])
    func theMandatoryMarkStandsBeforeEveryStepTextAtAnyWidth(width: Int) throws {
        let dashboard = try DashboardFixture.dashboard(language: .english, width: width, height: 50)
        let complaint = try Self.inAnalysisWithOpenSteps(dashboard)
        _ = DetailScreenTests.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("l"))
        let text = DashboardFixture.render(dashboard).text
        let mandatory = Self.openSteps(dashboard, complaint.number)
        for open in mandatory {
            let start = String(open.step.text.en.prefix(20))
            #expect(text.contains("[ ]* " + start), "\(start) is marked mandatory before its text")
        }
        let optional = try #require(dashboard.desk.procedures.procedures.first { $0.pausePoint == .beforeDecision }?
            .steps.first { !$0.mandatory })
        #expect(text.contains("[ ]  " + optional.text.en.prefix(20)))
        #expect(!text.contains(". *\n") && !text.contains(" *\n"), "no mark at the end of a line, where it was cut")
    }

    @Test func helpExplainsTheChecklistMarks() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        _ = DetailScreenTests.open(dashboard, try Self.inAnalysisWithOpenSteps(dashboard))
        DashboardFixture.press(dashboard, .character("?"))
        let text = DashboardFixture.render(dashboard).text
        #expect(text.contains("What the marks mean"))
        #expect(text.contains("[ ]*     mandatory: blocks the stage"))
        #expect(text.contains("[o]      overridden by the lead"))
    }

    // MARK: Item 4: withdrawing a tick

    @Test(arguments: [Language.polish, .english])
    func spaceOnATickedStepAsksAndWithdrawsOnlyOnYes(language: Language) throws {
        let dashboard = try DashboardFixture.dashboard(as: "pwisniewski", language: language)
        let complaint = try DetailScreenTests.pick(dashboard) { c in
            c.state == .inAnalysis && c.owner == "pwisniewski"
                && !Checklist.openMandatorySteps(at: .beforeDecision, on: c, procedures: dashboard.desk.procedures.procedures).isEmpty
        }
        let screen = DetailScreenTests.open(dashboard, complaint)
        let step = try #require(Self.openSteps(dashboard, complaint.number).first)
        screen.selectStep(procedure: step.procedure.id, step: step.step.id)
        DashboardFixture.press(dashboard, .character(" "))
        #expect(!Self.openSteps(dashboard, complaint.number).contains(step))
        let ticked = DetailScreenTests.current(dashboard, complaint.number).history.count

        // On the ticked step Space asks; no (and Esc) writes nothing.
        screen.selectStep(procedure: step.procedure.id, step: step.step.id)
        DashboardFixture.press(dashboard, .character(" "))
        let question = try #require(dashboard.top as? QuestionScreen)
        #expect(question.question.contains(language == .polish ? "Cofnąć odhaczenie kroku „" : "Withdraw the tick of “"))
        DashboardFixture.press(dashboard, .character("n"))
        DashboardFixture.press(dashboard, .character(" "), .escape)
        #expect(DetailScreenTests.current(dashboard, complaint.number).history.count == ticked)
        #expect(dashboard.top === screen)

        // Yes withdraws it: one event, who and when recorded, and the step blocks again.
        DashboardFixture.press(dashboard, .character(" "), .character(language == .polish ? "t" : "y"))
        let after = DetailScreenTests.current(dashboard, complaint.number)
        #expect(after.history.count == ticked + 1)
        let last = try #require(after.history.last)
        #expect(last.action == .withdrawTick(procedure: step.procedure.id, version: step.procedure.version, step: step.step.id))
        #expect(last.actor.id == "pwisniewski" && last.occurredAt == dashboard.now)
        #expect(Self.openSteps(dashboard, complaint.number).contains(step))
        #expect(dashboard.message?.role == .ok)
        // The history says it in words, with the step's text.
        let words = EventText.entry(last.action, language: language, library: dashboard.desk.procedures, causes: .standard, name: { $0 })
        #expect(words.headline == (language == .polish ? "Cofnięto odhaczenie: " : "Withdrawn tick: ") + step.step.text.text(language))
    }

    // MARK: Item 7: the refusal, and the checklist from a form

    @Test(arguments: [Language.polish, .english])
    func aRefusalNamesTheBlockingStepsByTheirTextAndIsNotCut(language: Language) throws {
        let dashboard = try DashboardFixture.dashboard(language: language)
        let complaint = try Self.inAnalysisWithOpenSteps(dashboard, atLeast: 4)
        _ = DetailScreenTests.open(dashboard, complaint)
        Self.fillDecision(dashboard, reasons: "Usterka potwierdzona w oględzinach")
        DashboardFixture.press(dashboard, .function(2))
        let message = try #require(dashboard.message)
        #expect(message.role == .error)
        #expect(!message.text.contains("/"), "no procedure or step ids: \(message.text)")
        let open = Self.openSteps(dashboard, complaint.number)
        #expect(message.text.contains("(\(open.count))") || message.text.contains("\(open.count) mandatory steps"))
        for step in open.prefix(3) {
            #expect(message.text.contains(RefusalText.shortened(step.step.text.text(language), to: 30)))
        }
        #expect(message.text.contains("F8"))
        // Every word of it is on the screen at 80 columns: the message takes the lines it needs.
        let buffer = DashboardFixture.render(dashboard)
        let rows = buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let shown = rows.joined(separator: " ")
        #expect(shown.contains(message.text), "the whole message is on screen")
        try Golden.check(buffer, "decide-refused-\(language.rawValue)-80x24")
    }

    @Test(arguments: [Language.polish, .english], [80, 100, 160, 200])
    func theRefusalIsWholeOnScreenAtEveryWidth(language: Language, width: Int) throws {
        let dashboard = try DashboardFixture.dashboard(language: language, width: width, height: width >= 160 ? 50 : 24)
        _ = DetailScreenTests.open(dashboard, try Self.inAnalysisWithOpenSteps(dashboard, atLeast: 4))
        Self.fillDecision(dashboard, reasons: "Usterka potwierdzona w oględzinach")
        DashboardFixture.press(dashboard, .function(2))
        let message = try #require(dashboard.message?.text)
        let rows = DashboardFixture.render(dashboard).text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(rows.joined(separator: " ").contains(message), "the whole refusal at \(width) columns")
        #expect(!rows.contains { $0.hasSuffix("…") && $0.contains("F8") })
    }

    @Test(arguments: [Language.polish, .english])
    func f8InTheDecisionFormOpensTheChecklistAndEscReturnsToWhatWasTyped(language: Language) throws {
        let dashboard = try DashboardFixture.dashboard(language: language)
        let complaint = try Self.inAnalysisWithOpenSteps(dashboard)
        _ = DetailScreenTests.open(dashboard, complaint)
        Self.fillDecision(dashboard, reasons: "Usterka potwierdzona w oględzinach")
        let form = try #require(dashboard.top as? FormScreen)
        #expect(Chrome.footerBindings(dashboard).contains { $0.command == .showChecklist }, "the footer names F8")
        DashboardFixture.press(dashboard, .function(8))
        let checklist = try #require(dashboard.top as? ChecklistScreen)
        let buffer = DashboardFixture.render(dashboard)
        #expect(buffer.text.contains(language == .polish ? "Otwarte kroki obowiązkowe: " : "Open mandatory steps: "))
        try Golden.check(buffer, "checklist-from-form-\(language.rawValue)-80x24")

        // Every open mandatory step ticked there, Esc goes back to the form as it was typed, and it saves.
        for step in Self.openSteps(dashboard, complaint.number) {
            checklist.selectStep(procedure: step.procedure.id, step: step.step.id)
            DashboardFixture.press(dashboard, .character(" "))
        }
        #expect(Self.openSteps(dashboard, complaint.number).isEmpty)
        DashboardFixture.press(dashboard, .escape)
        #expect(dashboard.top === form)
        #expect(form.form["reasons"] == "Usterka potwierdzona w oględzinach")
        #expect(form.form["outcome"] == DecisionOutcome.accepted.rawValue)
        DashboardFixture.press(dashboard, .function(2))
        let after = DetailScreenTests.current(dashboard, complaint.number)
        #expect(after.state == .decided)
        #expect(after.decision?.reasons == "Usterka potwierdzona w oględzinach")
    }

    @Test func theDetailScreenKeepsWhatBlocksInViewAt80x24() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        _ = DetailScreenTests.open(dashboard, try Self.inAnalysisWithOpenSteps(dashboard))
        #expect(DashboardFixture.render(dashboard).text.contains("! Open mandatory steps: "))
    }
}
