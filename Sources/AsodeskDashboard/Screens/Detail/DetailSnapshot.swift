import AsodeskApp
import AsodeskDomain
import AsodeskScreen
import Foundation

/// Everything the detail screen shows of one complaint at one instant, recomputed on every tick
/// and every change of the log (another terminal may have changed the complaint).
struct DetailSnapshot {
    /// A step of a checklist that applies now.
    struct Step {
        var procedure: Procedure
        var step: ProcedureStep
        var mark: StepMark?
    }

    let complaint: Complaint
    let now: Date
    let timers: [TimerStatus]
    let legal: [LegalClockStatus]
    let procedures: [Procedure]
    let steps: [Step]
    /// The pause point of this stage that gates a transition, with its open mandatory steps.
    let gate: (point: PausePoint, verb: ActionVerb, open: [Checklist.OpenStep])?
    /// History entries (by index) whose author no signature proves, and why.
    let unproven: [Int: AuthorshipProblem]
    /// Survey and mystery-shopping results about the complaint, in words in both languages.
    let feedback: [LocalizedText]

    /// The complaint read again for a screen: nil when the number is unknown; unreadable now (the
    /// log changed under it, or is damaged), what was shown stays and the reason is said.
    static func reread(_ number: ComplaintNumber, keeping shown: DetailSnapshot?, dashboard: Dashboard) -> DetailSnapshot? {
        do {
            return DetailSnapshot(complaint: try dashboard.desk.complaint(number), desk: dashboard.desk, now: dashboard.now)
        } catch DeskError.noSuchComplaint {
            return nil
        } catch {
            dashboard.message = StatusMessage(Dashboard.explain(error, language: dashboard.language), role: .error)
            return shown
        }
    }

    init(complaint: Complaint, desk: Desk, now: Date) {
        self.complaint = complaint
        self.now = now
        timers = desk.timers(of: complaint, now: now)
        legal = desk.legalStatuses(of: complaint, now: now)
        let library = desk.procedures.procedures
        procedures = Checklist.procedures(now: complaint, in: library)
        steps = procedures.flatMap { procedure in
            procedure.steps.map { step in
                Step(procedure: procedure, step: step, mark: complaint.marks.last {
                    $0.cycle == complaint.cycle && $0.procedure == procedure.id && $0.step == step.id
                })
            }
        }
        let gating = Checklist.pausePoints(in: complaint.state).compactMap { point in
            ActionVerb.allCases.first { Lifecycle.gate(of: $0) == point }.map { (point, $0) }
        }.first
        gate = gating.map { ($0.0, $0.1, Checklist.openMandatorySteps(at: $0.0, on: complaint, procedures: library)) }
        unproven = desk.unprovenHistory(of: complaint.number)
        feedback = desk.state.feedback(about: complaint).map {
            LocalizedText(pl: FeedbackText.line($0, desk: desk, language: .polish), en: FeedbackText.line($0, desk: desk, language: .english))
        }
    }
}

/// Builds the text of each pane from a snapshot, for a given pane width.
struct DetailContentBuilder {
    let snapshot: DetailSnapshot
    let dashboard: Dashboard
    let width: Int
    let wide: Bool

    private var language: Language { dashboard.language }
    private var pl: Bool { language == .polish }
    private var style: LocalStyle { dashboard.style }
    private func t(_ text: LocalizedText) -> String { text.text(language) }

    func name(of id: String) -> String {
        dashboard.desk.personName(id)
    }

    // MARK: Header

    /// The one line above the panes: number, state, owner, priority, cycle, received.
    func header() -> [Span] {
        let c = snapshot.complaint
        var state = t(Labels.state(c.state))
        if c.state == .waiting, let reason = c.waitingFor { state += " " + t(Labels.waitReason(reason)) }
        var spans = [Span(c.number.description + " ", .header), Span(state, c.state.isOpen ? .body : .muted)]
        let owner = c.owner.map(name(of:)) ?? (pl ? "nieprzydzielona" : "unassigned")
        spans.append(Span((pl ? " · prowadzi: " : " · owner: "), .muted))
        spans.append(Span(owner, c.owner == nil ? .warning : .body))
        spans.append(Span((pl ? " · priorytet: " : " · priority: "), .muted))
        spans.append(Span(t(Labels.priority(c.priority)), c.priority == .normal ? .body : .warning))
        if c.escalationCount > 0 {
            spans.append(Span((pl ? " · eskalowana ×" : " · escalated ×") + "\(c.escalationCount)", .warning))
        }
        if c.cycle > 1 {
            spans.append(Span((pl ? " · wznowiona, cykl " : " · reopened, cycle ") + "\(c.cycle)", .warning))
        }
        spans.append(Span((pl ? " · przyjęta " : " · received ") + style.dateTime(c.receivedAt), .muted))
        return spans
    }

    // MARK: Timers

    private var nameWidth: Int { wide ? 24 : 17 }
    private var stateWidth: Int { wide ? 14 : 11 }
    private var numberWidth: Int { wide ? 13 : 12 }
    /// The time left is the widest number (`-38 h 28 min`).
    private var leftWidth: Int { 13 }

    func timers(explaining: Bool, selected: Int) -> PaneContent {
        var content = PaneContent(title: t(DetailPane.timers.title))
        let n = numberWidth
        content.headings = [
            Span(wide ? content.title : (pl ? "Liczniki" : "Timers"), width: 2 + nameWidth),
            Span(pl ? "stan" : "state", width: stateWidth, gap: false),
            Span(pl ? "cel" : "target", width: n, right: true),
            Span(pl ? "upłynęło" : "elapsed", width: n, right: true),
            Span(pl ? "wstrzym." : "paused", width: n, right: true),
            Span(pl ? "zostało" : "left", width: leftWidth, right: true),
        ] + (wide ? [Span(pl ? "  termin / koniec" : "  due / stopped")] : [])
        for (index, timer) in snapshot.timers.enumerated() {
            let (glyph, role) = DetailWords.mark(timer.state)
            let stopped = TimerReading.minutesLeft(timer) == nil
            let textRole: StyleRole = stopped ? .muted : .body
            var label = t(Labels.timer(timer.name))
            if timer.cycle > 1 { label += pl ? " (cykl \(timer.cycle))" : " (cycle \(timer.cycle))" }
            let left = TimerReading.leftText(timer) ?? "—"
            var spans = [
                Span(glyph, role, width: 2),
                Span(label, textRole, width: nameWidth),
                Span(t(DetailWords.state(timer.state)), role, width: stateWidth, gap: false),
                Span(style.minutes(timer.targetMinutes), textRole, width: n, right: true),
                Span(timer.state == .notStarted ? "—" : style.minutes(timer.elapsedBusinessMinutes), textRole, width: n, right: true),
                Span(style.minutes(timer.pausedMinutes), timer.pausedMinutes > 0 ? .paused : textRole, width: n, right: true),
                Span(left, stopped ? .muted : role, width: leftWidth, right: true),
            ]
            if wide {
                let when = timer.stoppedAt ?? timer.dueAt
                spans.append(Span("  " + (when.map(style.dateTime) ?? "—"), .muted))
            }
            content.lines.append(PaneLine(spans, item: index, startsItem: true))
            // A verdict that rests on a late entry says so, under its row.
            if let late = timer.lateEntry {
                let recorded = style.shortDate(style.localDate(late.recordedAt)) + " " + style.time(late.recordedAt)
                let text = pl ? "  \(t(DetailWords.state(timer.state))) — wpisano \(late.delayText) później (\(name(of: late.actor.id)), \(recorded))"
                              : "  \(t(DetailWords.state(timer.state))) — entered \(late.delayText) late (\(name(of: late.actor.id)), \(recorded))"
                content.lines.append(PaneLine([Span(text, .warning)], item: index))
            }
            if explaining && index == selected {
                for line in timer.explanation.lines(language: language) {
                    for piece in DisplayWidth.wrap(line, width: max(10, width - 6)) {
                        content.lines.append(PaneLine([Span("    " + piece, .muted)], item: index))
                    }
                }
            }
        }
        if snapshot.legal.isEmpty {
            let basis = t(Labels.legalBasis(snapshot.complaint.intake.legalBasis))
            content.lines.append(.text(pl ? "§ Bez terminu ustawowego (podstawa: \(basis))."
                                          : "§ No statutory deadline (legal basis: \(basis)).", .muted))
        }
        for status in snapshot.legal {
            let (glyph, role) = DetailWords.legalMark(status, warnings: dashboard.desk.config.warnings)
            let cycle = snapshot.legal.count > 1 ? (pl ? " (cykl \(status.cycle))" : " (cycle \(status.cycle))") : ""
            content.lines.append(PaneLine([
                Span(glyph, role, width: 2),
                Span((pl ? "§ Termin ustawowy" : "§ Legal deadline") + cycle + ": ", .body),
                Span(style.date(status.deadline), role),
                Span(pl ? " (\(status.days) dni) · " : " (\(status.days) days) · ", .muted),
                Span(DetailWords.legalState(status, language, date: style.date), role),
            ]))
            if let sent = status.sentAt, let medium = status.sentBy {
                let delivered = status.deliveredAt.map { (pl ? ", doręczona " : ", delivered ") + style.dateTime($0) } ?? ""
                content.lines.append(.text((pl ? "  odpowiedź wysłana " : "  answer sent ") + style.dateTime(sent) + " · "
                                           + t(Labels.medium(medium)) + delivered, .muted))
            }
        }
        if wide && !explaining {
            content.lines.append(.text(pl ? "i – dlaczego licznik tak stoi (godziny zamknięcia, święta, wstrzymania)"
                                          : "i – why a timer stands where it does (closed hours, holidays, pauses)", .muted))
        }
        return content
    }

    // MARK: Customer and vehicle

    func data() -> PaneContent {
        var content = PaneContent(title: t(DetailPane.data.title))
        let c = snapshot.complaint, intake = c.intake
        let labelWidth = wide ? 14 : 9
        func row(_ label: String, _ values: [(String, String?)]) {
            var spans = [Span(label, .muted, width: labelWidth)]
            var first = true
            for (prefix, value) in values {
                guard let value, !value.isEmpty else { continue }
                if !first { spans.append(Span(" · ", .muted)) }
                if !prefix.isEmpty { spans.append(Span(prefix + " ", .muted)) }
                spans.append(Span(value, .body))
                first = false
            }
            if first { spans.append(Span("—", .muted)) }
            content.lines.append(PaneLine(spans))
        }
        func lines(_ label: String, _ text: String?) {
            guard let text, !text.isEmpty else { return row(label, []) }
            for (index, piece) in DisplayWidth.wrap(text, width: max(10, width - labelWidth - 2)).enumerated() {
                content.lines.append(PaneLine([Span(index == 0 ? label : "", .muted, width: labelWidth), Span(piece, .body)]))
            }
        }
        let preference = intake.contactPreference.map { t(Labels.contactPreference($0)) }
        if wide {
            row(pl ? "Klient" : "Customer", [("", intake.customer)])
            row(pl ? "Telefon" : "Phone", [("", intake.phone)])
            row("E-mail", [("", intake.email)])
            if let preference { row(pl ? "Kontakt" : "Contact by", [("", preference)]) }
            row(pl ? "Nr rej." : "Plate", [("", intake.plate)])
            row("VIN", [("", intake.vin)])
            row(pl ? "Pojazd" : "Vehicle", [("", intake.vehicle)])
            row(pl ? "Zlecenie" : "Repair order", [("", intake.order)])
            row(pl ? "Kanał" : "Channel", [("", t(Labels.channel(intake.channel)))])
            row(pl ? "Kategoria" : "Category", [("", t(Labels.category(intake.category)))])
            row(pl ? "Priorytet" : "Priority", [("", t(Labels.priority(c.priority))
                + (c.priority != intake.priority ? (pl ? " (przy przyjęciu: " : " (at intake: ") + t(Labels.priority(intake.priority)) + ")" : ""))])
            row(pl ? "Podstawa" : "Legal basis", [("", t(Labels.legalBasis(intake.legalBasis)))])
        } else {
            row(pl ? "Klient" : "Customer", [("", intake.customer), (pl ? "tel." : "phone", intake.phone), ("", intake.email)])
            // Only when the customer said: a row of "—" for every complaint taken in before it was asked says nothing.
            if let preference { row(pl ? "Kontakt" : "Contact", [("", preference)]) }
            row(pl ? "Pojazd" : "Vehicle", [("", intake.plate), ("VIN", intake.vin), ("", intake.vehicle),
                                            (pl ? "zlec." : "RO", intake.order)])
            row(pl ? "Sprawa" : "Case", [("", t(Labels.channel(intake.channel))), ("", t(Labels.category(intake.category))),
                                         (pl ? "priorytet" : "priority", t(Labels.priority(c.priority))),
                                         ("", t(Labels.legalBasis(intake.legalBasis)))])
        }
        if let audit = c.testAudit {
            // Handled like any complaint (the shopper tests exactly that), but the lead sees what it is.
            row("Test", [("", t(Labels.mysteryShoppingTest)), (pl ? "audyt" : "audit", audit)])
        }
        if !c.links.isEmpty {
            // Linked both ways: each complaint's history holds the link.
            row(pl ? "Związane" : "Linked", c.links.map { ("", $0.description) })
        }
        for line in snapshot.feedback { lines(pl ? "Opinia" : "Feedback", t(line)) }
        lines(pl ? "Żądanie" : "Remedy", intake.remedy)
        lines(pl ? "Opis" : "Summary", intake.summary)
        // Photos and documents by reference (the history holds who attached each and its SHA-256).
        let documents = c.documents.map(\.document.reference)
        if !documents.isEmpty { lines(wide ? (pl ? "Dokumenty" : "Documents") : (pl ? "Dok." : "Docs"), documents.joined(separator: " · ")) }
        if let decision = c.decision {
            lines(pl ? "Decyzja" : "Decision", t(Labels.outcome(decision.outcome)) + ": " + decision.reasons)
            if let granted = decision.remedyGranted { lines(pl ? "Przyznano" : "Granted", granted) }
        }
        if let cause = c.cause { lines(pl ? "Przyczyna" : "Cause", t(dashboard.desk.config.causes.label(of: cause))) }
        if let satisfaction = c.satisfaction {
            row(pl ? "Ocena" : "Rating", [("", "\(satisfaction)/5")])
        }
        return content
    }

    // MARK: Timeline

    func timeline() -> PaneContent {
        var content = PaneContent(title: t(DetailPane.timeline.title))
        let library = dashboard.desk.procedures
        for (index, event) in snapshot.complaint.history.enumerated().reversed() {
            let when = wide ? style.dateTime(event.occurredAt)
                            : style.shortDate(style.localDate(event.occurredAt)) + " " + style.time(event.occurredAt)
            let (headline, detail) = EventText.entry(event.action, language: language, library: library,
                                                   causes: dashboard.desk.config.causes, name: name(of:))
            let whenWidth = DisplayWidth.of(when) + 1
            var role: StyleRole = .body
            if case .overrideStep = event.action { role = .warning }
            var spans = [Span(when, .muted, width: whenWidth),
                         Span(name(of: event.actor.id), .body),
                         Span(" (" + t(Labels.role(event.actor.role)) + ") ", .muted),
                         Span(headline, role)]
            // Entered late (a letter dated back): the auditor sees how late, who entered it and when.
            if let late = event.lateEntry {
                let recorded = style.shortDate(style.localDate(late.recordedAt)) + " " + style.time(late.recordedAt)
                let reason = late.reason.map { (pl ? "; uzasadnienie: " : "; reason: ") + $0 } ?? ""
                spans.append(Span(wide
                    ? (pl ? " [wpisano \(late.delayText) później: \(name(of: late.actor.id)), \(recorded)\(reason)]"
                          : " [entered \(late.delayText) late by \(name(of: late.actor.id)), \(recorded)\(reason)]")
                    : (pl ? " [wpisano później]" : " [entered late]"), .warning))
            }
            // A record whose author no signature proves says so in words: the name beside it is a
            // claim. Why (unsigned, another key…) is in `asodesk show` and `verify`.
            if snapshot.unproven[index] != nil {
                spans.append(Span(pl ? " [autor niepotwierdzony]" : " [author not proven]", .warning))
            }
            // The whole entry flows as text: who, what, and what was said, in the customer's words
            // unbroken; wide panes start what was said on a line of its own.
            let lead = spans.removeFirst()
            if let text = detail, !text.isEmpty {
                spans.append(wide ? Span("\n" + text, .body) : Span(": ", role))
                if !wide { spans.append(Span(text, .body)) }
            }
            content.lines += PaneLine.flowing(spans, after: lead, width: width)
        }
        return content
    }

    // MARK: Checklist

    func checklist(selected: Int) -> PaneContent {
        var content = PaneContent(title: t(DetailPane.checklist.title))
        let c = snapshot.complaint
        if let gate = snapshot.gate {
            let verb = t(Labels.verb(gate.verb))
            content.title += " – \(t(Labels.pausePoint(gate.point)))"
            // Pinned under the title: what blocks the next step stays in view however the list scrolls.
            if gate.open.isEmpty {
                content.pinned.append(PaneLine([Span("✓ ", .ok), Span(pl ? "Kroki obowiązkowe zrobione; nic nie blokuje: \(verb)."
                                                                         : "Mandatory steps done; nothing blocks: \(verb).", .ok)]))
            } else {
                content.pinned.append(PaneLine([Span("! ", .warning), Span(pl
                    ? "Otwarte kroki obowiązkowe: \(gate.open.count) – blokują: \(verb)"
                    : "Open mandatory steps: \(gate.open.count) – they block: \(verb)", .warning)]))
            }
        }
        if snapshot.steps.isEmpty {
            content.lines.append(.text(c.isOpen ? (pl ? "Na tym etapie nie ma listy kontrolnej." : "No checklist at this stage.")
                                                : (pl ? "Reklamacja zakończona: historia jest kompletna. Jeśli usterka wraca: L wiąże z nową reklamacją, kierownik zmiany może otworzyć ją ponownie (R)."
                                                      : "Finished: the history is complete. If the fault comes back: L links it with a new complaint, a shift lead may reopen it (R)."),
                                       .muted))
            return content
        }
        // Trainees read each step's reason before doing it; the experienced confirm a list.
        let trainee = dashboard.actor.role == .trainee
        var index = 0
        for procedure in snapshot.procedures {
            let mode: ChecklistMode = trainee ? .readDo : procedure.mode
            content.lines.append(PaneLine([Span(procedure.title.text(language), .body),
                                           Span(" · \(procedure.id) v\(procedure.version) · \(t(Labels.mode(mode)))", .muted)]))
            for step in snapshot.steps where step.procedure.id == procedure.id {
                var spans: [Span]
                // The mandatory mark comes before the text, so no width cuts it off, and it is a
                // glyph, so monochrome shows it too.
                let mandatory = Span(step.step.mandatory ? "* " : "  ", .warning)
                if let mark = step.mark {
                    let who = name(of: mark.actor.id) + " " + style.time(mark.at)
                    if let reason = mark.overrideReason {
                        spans = [Span("[o]", .warning), mandatory, Span(step.step.text.text(language), .muted),
                                 Span((pl ? " – pominięty: " : " – overridden: ") + who + ": ", .warning), Span(reason, .warning)]
                    } else {
                        spans = [Span("[x]", .ok), mandatory, Span(step.step.text.text(language), .muted), Span(" – " + who, .muted)]
                    }
                } else {
                    spans = [Span("[ ]", step.step.mandatory ? .warning : .body), mandatory, Span(step.step.text.text(language), .body)]
                }
                content.lines.append(PaneLine(spans, item: index, startsItem: true))
                if mode == .readDo {
                    for (n, piece) in DisplayWidth.wrap(step.step.reason.text(language), width: max(10, width - 10)).enumerated() {
                        content.lines.append(PaneLine([Span((n == 0 ? "    ↳ " : "      ") + piece, .muted)], item: index))
                    }
                }
                index += 1
            }
        }
        content.lines.append(.text(t(DetailWords.checklistLegend), .muted))
        return content
    }
}
