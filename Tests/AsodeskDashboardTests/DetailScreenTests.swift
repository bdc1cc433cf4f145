import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Foundation
import Testing

@Suite struct DetailScreenTests {
    // MARK: Helpers

    /// The first demo complaint (by number) in a state that matches.
    static func pick(_ dashboard: Dashboard, where matches: (Complaint) -> Bool) throws -> Complaint {
        let found = (try dashboard.desk.allComplaints()).first(where: matches)
        return try #require(found)
    }

    static func open(_ dashboard: Dashboard, _ complaint: Complaint) -> DetailScreen {
        let screen = DetailScreen(number: complaint.number, dashboard: dashboard)
        dashboard.push(screen)
        return screen
    }

    static func current(_ dashboard: Dashboard, _ number: ComplaintNumber) -> Complaint {
        (try? dashboard.desk.complaint(number))!
    }

    /// Ticks every open mandatory step of the current stage with Space, as a person would.
    static func tickMandatorySteps(_ dashboard: Dashboard, _ screen: DetailScreen) {
        let complaint = current(dashboard, screen.number)
        guard let point = Checklist.pausePoints(in: complaint.state).first else { return }
        for open in Checklist.openMandatorySteps(at: point, on: complaint, procedures: dashboard.desk.procedures.procedures) {
            screen.selectStep(procedure: open.procedure.id, step: open.step.id)
            DashboardFixture.press(dashboard, .character(" "))
        }
    }

    /// A breached, open complaint with a history: the richest screen to look at.
    static func breachedComplaint(_ dashboard: Dashboard) throws -> Complaint {
        try pick(dashboard) { c in
            c.state == .inAnalysis && dashboard.desk.timers(of: c, now: dashboard.now).contains { $0.state == .breached }
        }
    }

    // MARK: Golden screens

    @Test func goldenPolish80x24() throws {
        let dashboard = try DashboardFixture.dashboard()
        _ = Self.open(dashboard, try Self.breachedComplaint(dashboard))
        let buffer = DashboardFixture.render(dashboard)
        #expect(buffer.line(0).contains("Reklamacja R/"))
        #expect(buffer.text.contains("po terminie"))
        try Golden.check(buffer, "detail-pl-80x24")
    }

    @Test func goldenPolish200x50() throws {
        let dashboard = try DashboardFixture.dashboard(width: 200, height: 50)
        let complaint = try Self.breachedComplaint(dashboard)
        _ = Self.open(dashboard, complaint)
        let buffer = DashboardFixture.render(dashboard)
        // Everything visible at once: timers, legal clock, data, history, checklist.
        #expect(buffer.text.contains("Termin ustawowy"))
        #expect(buffer.text.contains("Klient i pojazd"))
        #expect(buffer.text.contains("Historia"))
        #expect(buffer.text.contains("Lista kontrolna"))
        #expect(buffer.text.contains(complaint.intake.customer))
        try Golden.check(buffer, "detail-pl-200x50")
    }

    @Test func goldenEnglish80x24() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        _ = Self.open(dashboard, try Self.breachedComplaint(dashboard))
        let buffer = DashboardFixture.render(dashboard)
        #expect(buffer.line(0).contains("Complaint R/"))
        try Golden.check(buffer, "detail-en-80x24")
    }

    @Test func goldenWaitingComplaintShowsPausedTimers() throws {
        let dashboard = try DashboardFixture.dashboard(width: 200, height: 50)
        _ = Self.open(dashboard, try Self.pick(dashboard) { $0.state == .waiting })
        let buffer = DashboardFixture.render(dashboard)
        let row = try #require((0..<buffer.height).first { buffer.line($0).contains("wstrzymany") })
        let x = try #require(buffer.column(of: "‖", row: row))
        #expect(buffer[x, row].role == .paused)
        try Golden.check(buffer, "detail-pl-200x50-waiting")
    }

    // MARK: Roles of cells

    @Test func aBreachedTimerIsMarkedByGlyphAndRole() throws {
        let dashboard = try DashboardFixture.dashboard()
        _ = Self.open(dashboard, try Self.breachedComplaint(dashboard))
        let buffer = DashboardFixture.render(dashboard)
        let row = try #require((0..<buffer.height).first { buffer.line($0).contains("po terminie") && buffer.line($0).contains("✗") })
        let x = try #require(buffer.column(of: "✗", row: row))
        #expect(buffer[x, row].role == .breached)
        let state = try #require(buffer.column(of: "po terminie", row: row))
        #expect(buffer[state, row].role == .breached)
        // The time left is negative (overdue) and drawn as breached too.
        let line = buffer.line(row)
        #expect(line.contains("-"))
    }

    @Test func theCountdownRunsWithTheClock() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { c in
            dashboard.desk.timers(of: c, now: dashboard.now).contains { $0.state == .running || $0.state == .warning }
        }
        _ = Self.open(dashboard, complaint)
        let before = DashboardFixture.render(dashboard).text
        _ = dashboard.handle(.tick(DashboardFixture.now.addingTimeInterval(1)))
        let after = DashboardFixture.render(dashboard).text
        #expect(before != after)
    }

    // MARK: Explanation

    @Test func iTogglesWhyTheTimerStandsThere() throws {
        let dashboard = try DashboardFixture.dashboard(width: 200, height: 50)
        let screen = Self.open(dashboard, try Self.breachedComplaint(dashboard))
        #expect(!DashboardFixture.render(dashboard).text.contains("Naliczono"))
        DashboardFixture.press(dashboard, .character("i"))
        #expect(screen.explaining)
        let shown = DashboardFixture.render(dashboard).text
        #expect(shown.contains("Naliczono"))
        #expect(shown.contains("min roboczych"))
        DashboardFixture.press(dashboard, .character("i"))
        #expect(!DashboardFixture.render(dashboard).text.contains("Naliczono"))
    }

    // MARK: Actions through their forms

    @Test func acknowledgeAfterTickingTheIntakeChecklist() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.state == .received }
        let screen = Self.open(dashboard, complaint)
        let eventsBefore = complaint.history.count
        Self.tickMandatorySteps(dashboard, screen)
        let ticked = Self.current(dashboard, complaint.number)
        #expect(ticked.history.count > eventsBefore)
        #expect(ticked.history.dropFirst(eventsBefore).allSatisfy { if case .checkStep = $0.action { true } else { false } })
        DashboardFixture.press(dashboard, .character("a"))
        #expect(dashboard.top is FormScreen)
        DashboardFixture.type(dashboard, "Wysłano e-mail z potwierdzeniem")
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top === screen)
        let after = Self.current(dashboard, complaint.number)
        #expect(after.state == .acknowledged)
        #expect(after.history.last?.action == .acknowledge(note: "Wysłano e-mail z potwierdzeniem"))
        #expect(dashboard.message?.text.hasPrefix("Zapisano:") == true)
    }

    @Test func aRefusedActionKeepsTheFormAndWhatWasTyped() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { c in
            c.state == .received && !Checklist.openMandatorySteps(at: .intake, on: c, procedures: dashboard.desk.procedures.procedures).isEmpty
        }
        _ = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("a"))
        DashboardFixture.type(dashboard, "Potwierdzono telefonicznie")
        DashboardFixture.press(dashboard, .function(2))
        let form = try #require(dashboard.top as? FormScreen)
        #expect(form.form["note"] == "Potwierdzono telefonicznie")
        #expect(dashboard.message?.role == .error)
        #expect(dashboard.message?.text.contains("otwarte kroki obowiązkowe") == true)
        #expect(dashboard.message?.text.contains("F8 pokazuje listę kroków") == true)
        #expect(Self.current(dashboard, complaint.number).history.count == complaint.history.count)
        let buffer = DashboardFixture.render(dashboard)
        #expect(buffer.text.contains("Potwierdzono telefonicznie"))
    }

    @Test func contactMovesAnAcknowledgedComplaintIntoAnalysis() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.state == .acknowledged }
        _ = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("c"), .tab)
        DashboardFixture.type(dashboard, "Umówiono oględziny na czwartek")
        DashboardFixture.press(dashboard, .function(2))
        let after = Self.current(dashboard, complaint.number)
        #expect(after.state == .inAnalysis)
        #expect(after.history.last?.action == .contact(ContactRecord(channel: .phone, summary: "Umówiono oględziny na czwartek")))
    }

    @Test func waitThenResume() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        _ = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("w"), .right, .right)   // — wybierz — → klient → części
        DashboardFixture.press(dashboard, .function(2))
        var after = Self.current(dashboard, complaint.number)
        #expect(after.state == .waiting)
        #expect(after.waitingFor == .parts)
        DashboardFixture.press(dashboard, .character("r"))
        DashboardFixture.type(dashboard, "Części dotarły")
        DashboardFixture.press(dashboard, .function(2))
        after = Self.current(dashboard, complaint.number)
        #expect(after.state == .inAnalysis)
        #expect(after.history.last?.action == .resume(note: "Części dotarły"))
    }

    @Test func assignAndEscalate() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.isOpen && $0.owner != nil && $0.priority == .normal }
        _ = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("o"), .right)
        DashboardFixture.press(dashboard, .function(2))
        var after = Self.current(dashboard, complaint.number)
        #expect(after.owner != complaint.owner)
        #expect(after.owner != nil)
        DashboardFixture.press(dashboard, .character("e"))
        DashboardFixture.type(dashboard, "Klient grozi sądem")
        DashboardFixture.press(dashboard, .tab, .right)   // unchanged → high
        DashboardFixture.press(dashboard, .function(2))
        after = Self.current(dashboard, complaint.number)
        #expect(after.escalationCount == complaint.escalationCount + 1)
        #expect(after.priority == .high)
    }

    /// The Assign form's choices after "— choose —".
    static func assignChoices(_ dashboard: Dashboard, _ complaint: Complaint) throws -> [FormChoice] {
        _ = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("o"))
        let form = try #require(dashboard.top as? FormScreen)
        return Array(try #require(form.form.fields.first { $0.id == "to" }).choices.dropFirst())
    }

    @Test func theAssignFormOffersMeFirstThenTheSitesOperatorsByName() throws {
        let dashboard = try DashboardFixture.dashboard(as: "anowak", language: .english)
        let complaint = try Self.pick(dashboard) { $0.isOpen && $0.owner == "pwisniewski" }
        let choices = try Self.assignChoices(dashboard, complaint)
        #expect(choices.first?.value == "anowak")
        #expect(choices.first?.label.en == "me – Anna Nowak (anowak)")
        #expect(choices.first?.label.pl == "ja – Anna Nowak (anowak)")
        #expect(choices.contains { $0.value == "mkaminski" && $0.label.en == "Marek Kamiński (mkaminski)" })
        #expect(!choices.contains { $0.value == "pwisniewski" }, "not the owner it already has")
        #expect(choices.last?.value == "-", "and nobody, to release it")
    }

    @Test func withoutOperatorsTheAssignFormOffersThePeopleTheLogKnowsAndRefusesOthers() throws {
        let desk = try Desk(log: try EventLog(path: try DashboardFixture.demoLogCopy(), create: false), config: .standard,
                            procedures: try ProcedureLibrary.bundled())
        let settings = DashboardSettings(language: .polish, handoverDirectory: FileManager.default.temporaryDirectory.path)
        let dashboard = Dashboard(desk: desk, actor: Actor(id: "tkowalski", role: .lead), settings: settings,
                                  now: DashboardFixture.now, width: 80, height: 24)
        let complaint = try Self.pick(dashboard) { $0.isOpen && $0.owner == "pwisniewski" }
        let choices = try Self.assignChoices(dashboard, complaint)
        // Me first; then everyone the log knows, by id (no config gives their names).
        #expect(choices.map(\.value) == ["tkowalski", "anowak", "jlewandowska", "kzielinska", "mkaminski", "-"])
        #expect(choices.first?.label.pl == "ja – tkowalski")
        let form = try #require(dashboard.top as? FormScreen)
        for _ in choices where form.form["to"] != "mkaminski" { DashboardFixture.press(dashboard, .right) }
        DashboardFixture.press(dashboard, .function(2))
        #expect(Self.current(dashboard, complaint.number).owner == "mkaminski")

        // Someone nobody knows is refused where the CLI's typo is, with the nearest id, and nothing is written.
        let before = Self.current(dashboard, complaint.number).history.count
        guard case .failure = dashboard.perform(.assign(to: "mkaminsky", note: nil), on: complaint.number) else {
            Issue.record("a typo was assigned")
            return
        }
        #expect(dashboard.message?.text.contains("„mkaminsky” nie jest osobą znaną temu stanowisku. Czy chodzi o mkaminski?") == true,
                "\(dashboard.message?.text ?? "")")
        #expect(dashboard.message?.text.contains("[[operator]]") == true)
        #expect(Self.current(dashboard, complaint.number).history.count == before)
    }

    @Test func overrideTickAndDecide() throws {
        let dashboard = try DashboardFixture.dashboard()
        let library = dashboard.desk.procedures.procedures
        let complaint = try Self.pick(dashboard) { c in
            c.state == .inAnalysis && Checklist.openMandatorySteps(at: .beforeDecision, on: c, procedures: library).count >= 2
        }
        let screen = Self.open(dashboard, complaint)
        let first = Checklist.openMandatorySteps(at: .beforeDecision, on: complaint, procedures: library)[0]
        screen.selectStep(procedure: first.procedure.id, step: first.step.id)
        DashboardFixture.press(dashboard, .character("O"), .tab)
        DashboardFixture.type(dashboard, "Klient odmówił oględzin, decyzja na podstawie zdjęć")
        DashboardFixture.press(dashboard, .function(2))
        var after = Self.current(dashboard, complaint.number)
        #expect(after.marks.contains { $0.step == first.step.id && $0.overrideReason != nil })
        Self.tickMandatorySteps(dashboard, screen)
        DashboardFixture.press(dashboard, .character("d"), .right, .tab, .right, .tab)   // — wybierz — → uznana
        DashboardFixture.type(dashboard, "Usterka potwierdzona w oględzinach")
        DashboardFixture.press(dashboard, .function(2))
        after = Self.current(dashboard, complaint.number)
        #expect(after.state == .decided)
        #expect(after.decision?.outcome == .accepted)
    }

    @Test func closeReopenAndNote() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.state == .decided }
        let screen = Self.open(dashboard, complaint)
        Self.tickMandatorySteps(dashboard, screen)
        DashboardFixture.press(dashboard, .character("x"), .right, .tab)   // accepts
        DashboardFixture.type(dashboard, "Dziękuję, zgoda")
        DashboardFixture.press(dashboard, .function(2))
        #expect(Self.current(dashboard, complaint.number).state == .closed)
        #expect(Self.current(dashboard, complaint.number).customerAccepted == true)

        DashboardFixture.press(dashboard, .character("R"))
        DashboardFixture.type(dashboard, "Usterka wróciła po tygodniu")
        DashboardFixture.press(dashboard, .function(2))
        let reopened = Self.current(dashboard, complaint.number)
        #expect(reopened.state == .inAnalysis)
        #expect(reopened.cycle == complaint.cycle + 1)

        DashboardFixture.press(dashboard, .character("n"))
        DashboardFixture.type(dashboard, "Zamówiono nowy czujnik")
        DashboardFixture.press(dashboard, .function(2))
        #expect(Self.current(dashboard, complaint.number).history.last?.action == .note(text: "Zamówiono nowy czujnik"))
        #expect(DashboardFixture.render(dashboard).text.contains("Zamówiono nowy czujnik"))
    }

    @Test func followUpCallWithSatisfaction() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.state == .closed }
        let screen = Self.open(dashboard, complaint)
        Self.tickMandatorySteps(dashboard, screen)
        DashboardFixture.press(dashboard, .character("F"), .left)   // — wybierz — ← wraps to 5
        DashboardFixture.press(dashboard, .function(2))
        let after = Self.current(dashboard, complaint.number)
        #expect(after.state == .followedUp)
        #expect(after.satisfaction == 5)
    }

    @Test func anActionGivenAnEarlierTimeIsRecordedThen() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        _ = Self.open(dashboard, complaint)
        // Whole seconds: that is what a person types.
        let latest = try #require(complaint.history.last?.occurredAt)
        let at = Date(timeIntervalSince1970: (latest.timeIntervalSince1970 + 60).rounded(.down))
        let text = TimeText(timeZone: dashboard.desk.calendar.timeZone).iso(at)
        DashboardFixture.press(dashboard, .character("n"))
        DashboardFixture.type(dashboard, "Rozmowa z warsztatem")
        DashboardFixture.press(dashboard, .tab)
        DashboardFixture.type(dashboard, text)
        DashboardFixture.press(dashboard, .function(2))
        let last = try #require(Self.current(dashboard, complaint.number).history.last)
        #expect(last.action == .note(text: "Rozmowa z warsztatem"))
        #expect(last.occurredAt == at)
    }

    // MARK: Field errors

    @Test func aBadTimeIsShownNextToItsField() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        _ = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("n"))
        DashboardFixture.type(dashboard, "Notatka próbna")
        DashboardFixture.press(dashboard, .tab)
        DashboardFixture.type(dashboard, "wczoraj")
        DashboardFixture.press(dashboard, .function(2))
        let form = try #require(dashboard.top as? FormScreen)
        #expect(form.form.fields[form.form.index(of: "when")!].error != nil)
        #expect(form.form["text"] == "Notatka próbna")
        let buffer = DashboardFixture.render(dashboard)
        let labelRow = try #require((0..<buffer.height).first { buffer.line($0).contains("Kiedy") })
        #expect(buffer.line(labelRow).contains("wczoraj"))
        #expect(buffer.line(labelRow + 1).contains("↳ Nie rozpoznano czasu"))
        let x = try #require(buffer.column(of: "↳", row: labelRow + 1))
        #expect(buffer[x, labelRow + 1].role == .error)
        #expect(Self.current(dashboard, complaint.number).history.count == complaint.history.count)
    }

    @Test func aTooShortReasonIsShownNextToItsField() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        _ = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("e"))
        DashboardFixture.type(dashboard, "ok")
        DashboardFixture.press(dashboard, .function(2))
        let form = try #require(dashboard.top as? FormScreen)
        let error = try #require(form.form.fields[form.form.index(of: "reason")!].error)
        #expect(error.pl.contains("za krótki"))
    }

    // MARK: Roles

    @Test func aTraineeIsNotOfferedDecideCloseOrOverride() throws {
        let dashboard = try DashboardFixture.dashboard(as: "jlewandowska")
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        let screen = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .function(1))
        let help = try #require(dashboard.top as? HelpScreen)
        let labels = help.rows(dashboard: dashboard).map(\.label)
        #expect(!labels.contains("Decyzja"))
        #expect(!labels.contains("Zamknij"))
        #expect(!labels.contains("Otwórz ponownie"))
        #expect(!labels.contains("Pomiń krok (kierownik)"))
        #expect(labels.contains("Notatka"))
        #expect(labels.contains("Kontakt"))
        DashboardFixture.press(dashboard, .escape)
        #expect(dashboard.top === screen)
        let footer = DashboardFixture.render(dashboard).line(23)
        #expect(!footer.contains("Decyzja"))
        DashboardFixture.press(dashboard, .character("d"))
        #expect(dashboard.top === screen)
        DashboardFixture.press(dashboard, .character("O"))
        #expect(dashboard.top === screen)
        #expect(Self.current(dashboard, complaint.number).history.count == complaint.history.count)
    }

    /// Presses each key on a colleague's complaint in analysis and returns what the status line
    /// (the line above the status bar at 80×24) says, with the log checked unchanged.
    static func refusals(as person: String, language: Language, keys: [Character]) throws -> [Character: String] {
        let dashboard = try DashboardFixture.dashboard(as: person, language: language)
        let complaint = try pick(dashboard) { $0.state == .inAnalysis && $0.owner != nil && $0.owner != person }
        #expect(complaint.owner == "pwisniewski" || person == "pwisniewski", "the demo's colleague is the advisor")
        let screen = open(dashboard, complaint)
        let log = try Data(contentsOf: URL(fileURLWithPath: dashboard.desk.log.path))
        var said: [Character: String] = [:]
        for key in keys {
            DashboardFixture.press(dashboard, .character(key))
            #expect(dashboard.top === screen, "\(key) opened nothing")
            let buffer = DashboardFixture.render(dashboard)
            #expect(buffer.width == 80 && buffer.height == 24)
            // The whole message, however many status lines it takes (each shown whole: `StatusLineTests`).
            said[key] = dashboard.message?.text ?? ""
            #expect(buffer.text.contains(String(said[key]!.split(separator: " ").prefix(3).joined(separator: " "))), "shown: \(key)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dashboard.desk.log.path)) == log, "refused keys write nothing")
        #expect(current(dashboard, complaint.number).history.count == complaint.history.count)
        return said
    }

    @Test func aTraineePressingAForbiddenKeyIsToldWhyAndWhoMay() throws {
        let polish = try Self.refusals(as: "jlewandowska", language: .polish, keys: ["d", "x", "R", "o", "O"])
        #expect(polish["d"] == "Decyzje wydaje doradca lub kierownik zmiany; eskaluj klawiszem e.")
        #expect(polish["x"] == "Reklamację zamyka doradca lub kierownik zmiany; eskaluj klawiszem e.")
        #expect(polish["R"] == "Ponownie otwiera doradca lub kierownik zmiany; eskaluj klawiszem e.")
        #expect(polish["o"] == "Prowadzi ją pwisniewski; przydzielić ponownie może tylko kierownik zmiany.")
        #expect(polish["O"] == "Obowiązkowy krok pomija tylko kierownik zmiany; wykonaj go i odhacz (Spacja).")
        let english = try Self.refusals(as: "jlewandowska", language: .english, keys: ["d", "x", "R", "o", "O"])
        #expect(english["d"] == "Decisions are made by an advisor or the shift lead; escalate with e.")
        #expect(english["x"] == "Complaints are closed by an advisor or the shift lead; escalate with e.")
        #expect(english["R"] == "Complaints are reopened by an advisor or the shift lead; escalate with e.")
        #expect(english["o"] == "pwisniewski handles it; only the shift lead may reassign it.")
        #expect(english["O"] == "Only the shift lead overrides a mandatory step; do it and tick it (Space).")
    }

    @Test func anAdvisorPressingAKeyTheStateOrRoleForbidsIsToldWhy() throws {
        let polish = try Self.refusals(as: "pwisniewski", language: .polish, keys: ["x", "R", "O"])
        #expect(polish["x"] == "Zamknij: tylko gdy rozpatrzona (teraz: w analizie).")
        #expect(polish["R"] == "Otwórz ponownie: tylko gdy rozpatrzona, zamknięta lub zakończona (teraz: w analizie).")
        #expect(polish["O"] == "Obowiązkowy krok pomija tylko kierownik zmiany; wykonaj go i odhacz (Spacja).")
        let english = try Self.refusals(as: "pwisniewski", language: .english, keys: ["x", "R", "O"])
        #expect(english["x"] == "Close: only when decided (now: in analysis).")
        #expect(english["R"] == "Reopen: only when decided, closed or followed up (now: in analysis).")
        #expect(english["O"] == "Only the shift lead overrides a mandatory step; do it and tick it (Space).")
    }

    @Test func anAdvisorMayNotReassignALeadsComplaintAndIsToldWhoMay() throws {
        let dashboard = try DashboardFixture.dashboard(as: "pwisniewski", language: .english)
        let complaint = try Self.pick(dashboard) { $0.isOpen && $0.owner != nil && $0.owner != "pwisniewski" }
        let owner = try #require(complaint.owner)
        Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("o"))
        #expect(DashboardFixture.render(dashboard).line(21).trimmingCharacters(in: .whitespaces)
                == "\(owner) handles it; only the shift lead may reassign it.")
    }

    /// The class behind issue 12's silent keys: on any screen, a bound key that does not apply
    /// now puts a message in the status line instead of doing nothing.
    @Test func noBoundKeyIsSilent() throws {
        for person in ["jlewandowska", "pwisniewski", "anowak"] {
            let dashboard = try DashboardFixture.dashboard(as: person, language: .english)
            let finished = try Self.pick(dashboard) { !$0.isOpen }
            let inAnalysis = try Self.pick(dashboard) { $0.state == .inAnalysis }
            let screens: [() -> Screen] = [
                { DetailScreen(number: finished.number, dashboard: dashboard) },
                { DetailScreen(number: inAnalysis.number, dashboard: dashboard) },
                { ShiftBoardScreen(dashboard: dashboard) },
            ]
            for make in screens {
                let screen = make()
                dashboard.showRoot(QueueScreen(dashboard: dashboard))
                dashboard.push(screen)
                for binding in KeyTable.reachable(in: screen.contexts) where !dashboard.isOffered(binding, on: screen) {
                    let key = try #require(binding.keys.first)
                    DashboardFixture.press(dashboard, key)
                    #expect(dashboard.message?.text.isEmpty == false, "\(person), \(type(of: screen)): \(binding.label.en) said nothing")
                    #expect(dashboard.top === screen)
                }
            }
        }
    }

    /// A finished complaint offers only what a fault coming back needs: a link to the new
    /// complaint, and to a shift lead reopening; an advisor is not offered the reopen.
    @Test(arguments: [("anowak", [ActionVerb.link, .reopen]), ("pwisniewski", [ActionVerb.link])])
    func onlyVerbsOfTheStateAreOffered(person: String, offered: [ActionVerb]) throws {
        let dashboard = try DashboardFixture.dashboard(as: person)
        let complaint = try Self.pick(dashboard) { $0.state == .followedUp }
        let screen = Self.open(dashboard, complaint)
        for binding in KeyTable.bindings where binding.context == .detail {
            if let verb = binding.verb {
                #expect(screen.offers(binding, dashboard: dashboard) == offered.contains(verb), "\(person): \(verb) on a finished complaint")
            }
        }
        #expect(DashboardFixture.render(dashboard).text.contains("historia jest kompletna"))
    }

    // MARK: The history says what was said

    /// Generated entries at many widths: every word comes back whole and in order, no line is
    /// wider than the pane, and only a word longer than a whole line is ever cut.
    @Test func flowingTextKeepsEveryWordWhole() {
        var random = SeededRandom(seed: 15)
        let vocabulary = ["Klientka", "zadowolona", "z", "naprawy", "konsumentów", "complaining", "ą", "—", ":",
                          "R/2026/0001", "WVWZZZ1KZ6W000019", String(repeating: "x", count: 70), "żółć", "6.", "(kierownik)"]
        for _ in 0..<300 {
            let width = 24 + Int(random.next() % 60)
            let words = (0..<(1 + Int(random.next() % 30))).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }
            let head = [Span("Anna Nowak", .body), Span(" (kierownik) ", .muted), Span("Zamknięto", .body), Span(": ", .body)]
            let lead = Span("07.12 10:15", .muted, width: 12)
            let lines = PaneLine.flowing(head + [Span(words.joined(separator: " "), .body)], after: lead, width: width)
            let texts = lines.map { $0.spans.dropFirst().map(\.text).joined() }
            for text in texts { #expect(DisplayWidth.of(text) <= width - 12, "\(text) wider than \(width - 12)") }
            #expect(lines.first?.spans.first?.text == "07.12 10:15")
            let room = width - 12 - 1
            let flowed = texts.joined(separator: "\n")
            let expected = "Anna Nowak (kierownik) Zamknięto: " + words.joined(separator: " ")
            // Nothing lost, added or reordered: the same characters, breaks aside.
            #expect(flowed.filter { $0 != " " && $0 != "\n" } == expected.filter { $0 != " " })
            for word in words where DisplayWidth.of(word) <= room {
                #expect(texts.contains { $0.split(separator: " ").contains(Substring(word)) } || word == ":",
                        "\(word) split in \(flowed)")
            }
        }
    }

    /// At 80 columns the history shows the customer's own words from the first one, none split.
    @Test(arguments: [Language.polish, .english])
    func theHistoryAt80ColumnsQuotesEveryWord(language: Language) throws {
        let dashboard = try DashboardFixture.dashboard(language: language)
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        let said = "Klientka zadowolona z naprawy, ale pyta o zwrot kosztów dojazdu; complaining konsumentów przedsiębiorców"
        _ = dashboard.perform(.note(text: said), on: complaint.number)
        let screen = Self.open(dashboard, complaint)
        for _ in 0..<4 where screen.focus != .timeline { DashboardFixture.press(dashboard, .tab) }
        #expect(screen.focus == .timeline)
        let text = DashboardFixture.render(dashboard).text
        let historyWords = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "│" }).map(String.init)
        for word in said.split(separator: " ").map(String.init) {
            #expect(historyWords.contains(word), "\(word) missing or split:\n\(text)")
        }
    }

    // MARK: The next step is in sight

    /// The footer names what moves each complaint on in its state: resume while waiting, close
    /// once decided, the follow-up call once closed — at 80 columns, with help and quit kept.
    @Test(arguments: [(ComplaintState.waiting, "r Resume"), (.decided, "x Close"), (.closed, "F Follow-up call"),
                      (.received, "a Acknowledge"), (.inAnalysis, "d Decide")])
    func theFooterShowsTheNextStep(state: ComplaintState, hint: String) throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        let complaint = try Self.pick(dashboard) { $0.state == state }
        _ = Self.open(dashboard, complaint)
        let footer = DashboardFixture.render(dashboard).line(23)
        #expect(footer.contains(hint), "\(footer)")
        #expect(footer.contains("? Help") && footer.contains("q Quit"), "\(footer)")
    }

    /// Space from another pane ticks nothing unseen: it brings the checklist into focus.
    @Test func spaceOutsideTheChecklistFocusesItAndTicksNothing() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        let screen = Self.open(dashboard, complaint)
        #expect(screen.focus == .timers)
        DashboardFixture.press(dashboard, .character(" "))
        #expect(screen.focus == .checklist)
        #expect(Self.current(dashboard, complaint.number).history.count == complaint.history.count)
        #expect(dashboard.message?.text.contains("Spacja odhacza zaznaczony") == true)
        DashboardFixture.press(dashboard, .character(" "))
        #expect(Self.current(dashboard, complaint.number).history.count == complaint.history.count + 1)
    }

    /// Outside opening hours the status line says until when the site is closed (timers stand
    /// still then), and says nothing while it is open.
    @Test func theStatusLineSaysWhenTheSiteIsClosed() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        #expect(!DashboardFixture.render(dashboard).line(22).contains("closed until"))
        let calendar = dashboard.desk.calendar
        let sunday = DashboardFixture.now.addingTimeInterval(-86_400)   // the fixture's Monday, a day before
        _ = dashboard.handle(.tick(sunday))
        let opens = try #require(calendar.closedUntil(sunday))
        #expect(opens > sunday && calendar.closedUntil(opens) == nil)
        let line = DashboardFixture.render(dashboard).line(22)
        #expect(line.contains("‖ closed until Mon \(dashboard.style.time(opens))"), "\(line)")
    }

    // MARK: Long texts

    /// A pasted note is saved whole up to the record's own limit, and above it is kept as pasted,
    /// marked with how much to cut, and refused with nothing written.
    @Test func aLongPastedNoteIsSavedWholeOrRefusedWithNothingCut() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        _ = Self.open(dashboard, complaint)
        let limit = try #require(Field.note.textLimits?.maximum)
        let sentence = "Klientka opisała dokładnie przebieg usterki. "
        let long = String(String(repeating: sentence, count: 200).prefix(3_300)).trimmingCharacters(in: .whitespaces)
        DashboardFixture.press(dashboard, .character("n"))
        DashboardFixture.type(dashboard, long)
        DashboardFixture.press(dashboard, .function(2))
        #expect(Self.current(dashboard, complaint.number).history.last?.action == .note(text: long))

        let tooLong = String(repeating: sentence, count: limit / sentence.count + 2)
        DashboardFixture.press(dashboard, .character("n"))
        DashboardFixture.type(dashboard, tooLong)
        let form = try #require(dashboard.top as? FormScreen)
        #expect(form.form["text"] == tooLong, "everything pasted is kept")
        #expect(form.form.focused.error?.en.contains("Too long: \(tooLong.count) characters, at most \(limit)") == true)
        let before = Self.current(dashboard, complaint.number).history.count
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top === form)
        #expect(dashboard.message?.text.hasPrefix("Not saved") == true)
        #expect(Self.current(dashboard, complaint.number).history.count == before)
        #expect(form.form["text"] == tooLong)
    }

    // MARK: Leaving a form

    @Test func escOnAChangedFormAsksBeforeDiscarding() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        let screen = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("n"))
        DashboardFixture.type(dashboard, "Szkic")
        DashboardFixture.press(dashboard, .escape)
        #expect(dashboard.top is QuestionScreen)
        DashboardFixture.press(dashboard, .character("n"))
        let form = try #require(dashboard.top as? FormScreen)
        #expect(form.form["text"] == "Szkic")
        DashboardFixture.press(dashboard, .escape, .character("t"))
        #expect(dashboard.top === screen)
        #expect(Self.current(dashboard, complaint.number).history.count == complaint.history.count)
        // An untouched form closes at once.
        DashboardFixture.press(dashboard, .character("n"), .escape)
        #expect(dashboard.top === screen)
    }

    /// Every way out of a filled form asks first, and "no" keeps every character: F10 quits
    /// only after "yes", the screen keys switch only after "yes" (F2 saves in a form).
    @Test(arguments: [Key.function(10), .function(3), .function(4), .function(5), .escape])
    func everyWayOutOfAFilledActionFormAsksFirst(key: Key) throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        _ = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("n"))
        DashboardFixture.type(dashboard, "Klientka dzwoniła w sprawie terminu")
        let form = try #require(dashboard.top as? FormScreen)
        #expect(dashboard.handle(.key(key)) != .quit)
        let question = try #require(dashboard.top as? QuestionScreen)
        #expect(question.question.hasPrefix(key == .function(10) ? "Wyjść i porzucić wpisane dane?" : "Porzucić wpisane dane?"))
        // Pressing it again while the question is open does not stack a second one or quit
        // (Esc there means no).
        if key != .escape {
            #expect(dashboard.handle(.key(key)) != .quit)
            #expect(dashboard.top === question)
        }
        DashboardFixture.press(dashboard, .character("n"))
        #expect(dashboard.top === form)
        #expect(form.form["text"] == "Klientka dzwoniła w sprawie terminu")
        _ = dashboard.handle(.key(key))
        let outcome = dashboard.handle(.key(.character("t")))
        if key == .function(10) {
            #expect(outcome == .quit)
        } else {
            #expect(!dashboard.stack.contains { $0 === form })
        }
        #expect(Self.current(dashboard, complaint.number).history.count == complaint.history.count)
    }

    @Test func f10WithNothingTypedQuitsAtOnce() throws {
        let dashboard = try DashboardFixture.dashboard()
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        _ = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("n"))
        #expect(dashboard.handle(.key(.function(10))) == .quit)
    }

    /// While the terminal is too small to show anything, typed keys do not go into the hidden
    /// form; q asks on the notice itself, and the form is as it was once the window is larger.
    @Test func aTooSmallTerminalTakesOnlyQuitAndAsksThere() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        _ = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("n"))
        DashboardFixture.type(dashboard, "Draft")
        let form = try #require(dashboard.top as? FormScreen)
        _ = dashboard.handle(.resized(width: 60, height: 20))
        DashboardFixture.type(dashboard, "xyz")
        DashboardFixture.press(dashboard, .escape, .function(3))
        #expect(dashboard.top === form)
        #expect(dashboard.handle(.key(.character("q"))) != .quit)
        #expect(DashboardFixture.render(dashboard).text.contains("Quit and discard what was typed? (y/n)"))
        DashboardFixture.press(dashboard, .character("n"))
        _ = dashboard.handle(.resized(width: 80, height: 24))
        #expect(dashboard.top === form)
        #expect(form.form["text"] == "Draft")
    }

    // MARK: Live

    @Test func aChangeFromAnotherTerminalShowsWithoutAKeyPress() throws {
        let path = try DashboardFixture.demoLogCopy()
        let dashboard = try DashboardFixture.dashboard(desk: try DashboardFixture.desk(logPath: path))
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        _ = Self.open(dashboard, complaint)
        let other = try DashboardFixture.desk(logPath: path)
        try other.perform(.note(text: "Dopisane z drugiego stanowiska"), on: complaint.number,
                          by: Actor(id: "pwisniewski", role: .advisor), now: DashboardFixture.now)
        #expect(!DashboardFixture.render(dashboard).text.contains("Dopisane z drugiego"))
        #expect(dashboard.handle(.logChanged) == .redraw)
        #expect(DashboardFixture.render(dashboard).text.contains("Dopisane z drugiego"))
    }

    @Test func aFormOpenWhileTheStateChangesElsewhereStillSubmitsAndTheDomainDecides() throws {
        let path = try DashboardFixture.demoLogCopy()
        let dashboard = try DashboardFixture.dashboard(desk: try DashboardFixture.desk(logPath: path))
        let complaint = try Self.pick(dashboard) { $0.state == .inAnalysis }
        _ = Self.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("w"), .right)
        let other = try DashboardFixture.desk(logPath: path)
        try other.perform(.wait(reason: .manufacturer, note: nil), on: complaint.number,
                          by: Actor(id: "anowak", role: .lead), now: DashboardFixture.now)
        _ = dashboard.handle(.logChanged)
        DashboardFixture.press(dashboard, .function(2))
        // Already waiting: the domain refuses, the form stays with its choice.
        let form = try #require(dashboard.top as? FormScreen)
        #expect(form.form["reason"] == "customer")
        #expect(dashboard.message?.role == .error)
        #expect(Self.current(dashboard, complaint.number).waitingFor == .manufacturer)
    }

    // MARK: Authorship

    /// A note written without a signature (a desk whose config had no operators, or a script)
    /// is marked in words in the history, in both languages and at both widths (not by colour
    /// alone); the signed entries around it are not.
    @Test func anUnsignedEntryIsMarkedAuthorNotProvenInWords() throws {
        let path = try DashboardFixture.demoLogCopy()
        let unsigned = try Desk(log: try EventLog(path: path, create: false), config: .standard, procedures: try ProcedureLibrary.bundled())
        let number = try #require((try unsigned.allComplaints()).first { $0.state == .inAnalysis }).number
        try unsigned.perform(.note(text: "Wpis bez podpisu"), on: number, by: Actor(id: "anowak", role: .lead), now: DashboardFixture.now)
        let cases: [(Language, Int, Int, String)] = [
            (.polish, 200, 50, "[autor niepotwierdzony]"), (.english, 200, 50, "[author not proven]"),
            (.polish, 80, 24, "[autor niepotwierdzony]"), (.english, 80, 24, "[author not proven]"),
        ]
        for (language, width, height, mark) in cases {
            let dashboard = try DashboardFixture.dashboard(language: language, width: width, height: height,
                                                           desk: try DashboardFixture.desk(logPath: path))
            #expect(dashboard.desk.unprovenHistory(of: number).count == 1)
            _ = Self.open(dashboard, Self.current(dashboard, number))
            let text = DashboardFixture.render(dashboard).text
            let marked = text.components(separatedBy: "\n").filter { $0.contains(mark) }
            #expect(marked.count == 1, "\(language) \(width)×\(height): \(text)")
            // The mark is on the unsigned note's own row, the newest entry, with its author's name.
            #expect(marked.first?.contains("Anna Nowak") == true, "\(marked)")
        }
    }
}
