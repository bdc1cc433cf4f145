import AsodeskDomain
import Foundation

/// `asodesk show`: one complaint for a person, every stored text made harmless.
public enum ComplaintText {
    /// One event in one line: in Polish the dashboard's words (`EventText.entry`, the address in
    /// full), in English the line exports and scripts have always read (`EventText.describe`).
    public static func eventLine(_ action: ComplaintAction, desk: Desk, language: Language) -> String {
        guard language == .polish else { return EventText.describe(action) }
        let entry = EventText.entry(action, language: language, library: desk.procedures, causes: desk.config.causes,
                                    masked: false, name: desk.personLabel)
        return entry.headline + (entry.detail.map { ": " + $0 } ?? "")
    }

    /// In the reader's language; the history uses the dashboard's words for each event
    /// (`EventText.entry`), with an answer's address in full, as the owner reads it.
    public static func render(_ complaint: Complaint, desk: Desk, now: Date, explain: Bool, language: Language = .english) -> String {
        let pl = language == .polish
        func t(_ text: LocalizedText) -> String { text.text(language) }
        // English keeps the vocabulary's own codes, as `list`, the JSON and scripts read them.
        func word(_ text: LocalizedText, _ code: String) -> String { pl ? text.pl : code }
        let times = TimeText(timeZone: desk.calendar.timeZone)
        let intake = complaint.intake
        func safe(_ text: String?) -> String { SafeText.display(text ?? "—") }
        var out: [String] = []
        let state = complaint.state == .waiting
            ? (pl ? "czeka: " : "waiting for ") + (complaint.waitingFor.map { word(Labels.waitReason($0), $0.rawValue) } ?? "?")
            : word(Labels.state(complaint.state), complaint.state.rawValue)
        let reopened = complaint.cycle > 1 ? (pl ? "  (otwarta ponownie, cykl \(complaint.cycle))" : "  (reopened, cycle \(complaint.cycle))") : ""
        let test = complaint.isMysteryShoppingTest ? "  " + t(Labels.mysteryShoppingTest).uppercased() : ""
        out.append("\(complaint.number)  \(state.uppercased())  \(pl ? "priorytet" : "priority") \(word(Labels.priority(complaint.priority), complaint.priority.rawValue))" + reopened + test)
        out.append(pl ? "Przyjęta   \(times.short(complaint.receivedAt)), \(word(Labels.channel(intake.channel), intake.channel.rawValue)); kategoria \(word(Labels.category(intake.category), intake.category.rawValue)); podstawa \(word(Labels.legalBasis(intake.legalBasis), intake.legalBasis.rawValue))"
                      : "Received   \(times.short(complaint.receivedAt)) by \(word(Labels.channel(intake.channel), intake.channel.rawValue)); category \(word(Labels.category(intake.category), intake.category.rawValue)); legal basis \(word(Labels.legalBasis(intake.legalBasis), intake.legalBasis.rawValue))")
        out.append((pl ? "Prowadzi   " : "Owner      ") + safe(complaint.owner.map(desk.personLabel)))
        out.append((pl ? "Klient     " : "Customer   ") + "\(safe(intake.customer))  \(pl ? "telefon" : "phone") \(safe(intake.phone))  e-mail \(safe(intake.email))"
                   + (pl ? "  kontakt: " : "  contact by ") + (intake.contactPreference.map { word(Labels.contactPreference($0), $0.rawValue) } ?? "—"))
        out.append((pl ? "Pojazd     " : "Vehicle    ") + "\(safe(intake.plate))  VIN \(safe(intake.vin))  \(safe(intake.vehicle))  \(pl ? "zlecenie" : "order") \(safe(intake.order))")
        if !complaint.links.isEmpty {
            out.append((pl ? "Związane   " : "Linked     ") + complaint.links.map(\.description).joined(separator: ", "))
        }
        for entry in desk.state.feedback(about: complaint) {
            out.append((pl ? "Opinia     " : "Feedback   ") + FeedbackText.line(entry, desk: desk, language: language))
        }
        let actions = desk.state.actions(answering: complaint.number)
        if !actions.isEmpty {
            out.append((pl ? "Działania  " : "Actions    ") + actions.map { "\($0.id) (\(Labels.improvementStatus($0.status).text(language)))" }.joined(separator: ", "))
        }
        out.append((pl ? "Reklamacja " : "Complaint  ") + safe(intake.summary))
        out.append((pl ? "Żądanie    " : "Remedy     ") + safe(intake.remedy))
        if let decision = complaint.decision {
            out.append((pl ? "Decyzja    " : "Decision   ") + "\(word(Labels.outcome(decision.outcome), decision.outcome.rawValue)): \(safe(decision.reasons))"
                       + (decision.remedyGranted.map { (pl ? "; przyznano: " : "; granted: ") + SafeText.display($0) } ?? ""))
        }
        if let cause = complaint.cause {
            out.append((pl ? "Przyczyna  " : "Cause      ") + SafeText.display(t(desk.config.causes.label(of: cause))) + " (\(cause.text))")
        }
        if let audit = complaint.testAudit {
            out.append((pl ? "Test       " : "Test       ") + t(Labels.mysteryShoppingTest) + (pl ? ", audyt " : ", audit ") + SafeText.display(audit))
        }
        out.append("")
        let legal = desk.legalStatuses(of: complaint, now: now)
        if legal.isEmpty {
            out.append(pl ? "Termin ustawowy: nie dotyczy (podstawa: \(word(Labels.legalBasis(intake.legalBasis), intake.legalBasis.rawValue)))."
                          : "Legal clock: none for the \(word(Labels.legalBasis(intake.legalBasis), intake.legalBasis.rawValue)) basis.")
        }
        for status in legal {
            var detail = t(LegalReading.sentence(status))
            if let sent = status.sentAt, let medium = status.sentBy {
                detail += pl ? "; odpowiedź wysłana \(times.short(sent)), \(word(Labels.medium(medium), medium.rawValue))"
                             : "; answer sent \(times.short(sent)) by \(word(Labels.medium(medium), medium.rawValue))"
                detail += status.deliveredAt.map { (pl ? ", doręczona " : ", delivered ") + times.short($0) } ?? ""
            }
            let cycle = legal.count > 1 ? (pl ? " (cykl \(status.cycle))" : " (cycle \(status.cycle))") : ""
            out.append("\(LegalReading.glyph(status, warnings: desk.config.warnings)) \(pl ? "Termin ustawowy" : "Legal deadline")\(cycle): \(status.deadline) — \(detail)")
        }
        out.append("")
        out.append(pl ? "Terminy (czas pracy):" : "Timers (business time):")
        var rows: [[String]] = [pl ? ["", "TERMIN", "CYKL", "STAN", "CEL", "UPŁYNĘŁO", "WSTRZYMANY", "ZOSTAŁO", "DO"]
                                   : ["", "TIMER", "CYCLE", "STATE", "TARGET", "ELAPSED", "PAUSED", "LEFT", "DUE"]]
        let timers = desk.timers(of: complaint, now: now)
        for timer in timers {
            rows.append([TimerReading.glyph(timer.state), word(Labels.timer(timer.name), timer.name.rawValue), String(timer.cycle), t(EventText.verdict(timer)),
                         DurationText.minutes(timer.targetMinutes), DurationText.minutes(timer.elapsedBusinessMinutes),
                         DurationText.minutes(timer.pausedMinutes),
                         TimerReading.leftText(timer) ?? "—",
                         timer.dueAt.map(times.short) ?? "—"])
        }
        out.append(QueueTable.table(rows))
        if explain {
            for timer in timers where timer.state != .notStarted {
                out.append("")
                out.append(pl ? "Dlaczego \(t(Labels.timer(timer.name))) (cykl \(timer.cycle)) stoi tutaj:"
                              : "Why \(timer.name.rawValue) (cycle \(timer.cycle)) stands here:")
                out.append(contentsOf: timer.explanation.lines().map { "  " + $0 })
            }
        }
        let pauses = complaint.clockFacts.pauses
        if !pauses.isEmpty {
            out.append("")
            out.append(pl ? "Wstrzymania:" : "Pauses:")
            for pause in pauses {
                let end = pause.end.map { (pl ? "do " : "to ") + times.short($0) } ?? (pl ? "(nadal czeka)" : "(still waiting)")
                out.append((pl ? "  czeka: \(word(Labels.waitReason(pause.reason), pause.reason.rawValue)) od " : "  waiting for \(word(Labels.waitReason(pause.reason), pause.reason.rawValue)) from ")
                           + "\(times.short(pause.start)) " + end)
            }
        }
        out.append("")
        out.append(ChecklistText.render(complaint, library: desk.procedures, language: language, name: desk.personLabel))
        out.append("")
        out.append(pl ? "Historia:" : "History:")
        let unproven = desk.unprovenHistory(of: complaint.number)
        for (index, event) in complaint.history.enumerated() {
            let late = event.lateEntry.map { "  " + SafeText.display(t(EventText.lateEntry($0, times: times, name: desk.personLabel))) } ?? ""
            let proof = unproven[index].map { (pl ? "  [AUTOR NIEPOTWIERDZONY: " : "  [AUTHOR NOT PROVEN: ") + t(LogText.authorship($0)) + "]" } ?? ""
            let role = pl ? Labels.role(event.actor.role).pl : event.actor.role.rawValue
            out.append("  \(times.short(event.occurredAt))  \(SafeText.display(desk.personLabel(event.actor.id))) [\(role)]  "
                       + SafeText.display(eventLine(event.action, desk: desk, language: language)) + late + SafeText.display(proof))
        }
        let verbs = Lifecycle.verbs(allowedIn: complaint.state)
        out.append("")
        out.append((pl ? "Teraz można: " : "Allowed now: ")
                   + (verbs.isEmpty ? (pl ? "nic (zakończona)" : "nothing (finished)") : verbs.map(\.command).joined(separator: ", ")))
        return out.joined(separator: "\n")
    }
}

/// Checklists as text: the library, one procedure's steps, and a complaint's marks, in the
/// reader's language (the steps as the procedure words them, with their ids for `asodesk check`).
public enum ChecklistText {
    /// `name` shows who ticked a step (`Desk.personLabel`); the id by default.
    public static func render(_ complaint: Complaint, library: ProcedureLibrary, language: Language,
                              name: (String) -> String = { $0 }) -> String {
        let pl = language == .polish
        let current = Checklist.procedures(now: complaint, in: library.procedures)
        guard !current.isEmpty else { return pl ? "Listy kontrolne: żadna na tym etapie." : "Checklists: none at this stage." }
        var out = [pl ? "Listy kontrolne tego etapu (cykl \(complaint.cycle)):" : "Checklists of this stage (cycle \(complaint.cycle)):"]
        for procedure in current {
            let gate = verbGated(by: procedure.pausePoint).map { verb in
                pl ? "; kroki obowiązkowe (*) blokują „\(Labels.verb(verb).pl)” (\(verb.command))"
                   : "; mandatory steps (*) block '\(verb.command)'"
            } ?? ""
            out.append("  \(procedure.id) v\(procedure.version) – \(procedure.title.text(language)) [\(Labels.mode(procedure.mode).text(language))\(gate)]")
            for step in procedure.steps {
                let mark = complaint.marks.last { $0.cycle == complaint.cycle && $0.procedure == procedure.id && $0.step == step.id }
                let box = mark == nil ? "[ ]" : (mark!.overrideReason != nil ? "[o]" : "[x]")
                let who = mark.map { mark in
                    " — \(SafeText.display(name(mark.actor.id)))" + (mark.overrideReason.map { (pl ? ", pominięcie: " : ", override: ") + SafeText.display($0) } ?? "")
                } ?? ""
                // The mark of a mandatory step comes first, so no cut line can hide it.
                out.append("    \(box)\(step.mandatory ? "*" : " ") \(step.id) – \(SafeText.display(step.text.text(language)))\(who)")
            }
        }
        out.append(pl ? "  ([x] odhaczony, [o] pominięty przez kierownika zmiany, * obowiązkowy; `asodesk procedures ID` wyjaśnia każdy krok)"
                      : "  ([x] ticked, [o] overridden by a shift lead, * mandatory; `asodesk procedures ID` explains each step)")
        return out.joined(separator: "\n")
    }

    static func verbGated(by point: PausePoint) -> ActionVerb? {
        ActionVerb.allCases.first { Lifecycle.gate(of: $0) == point }
    }

    public static func steps(of procedure: Procedure, polish: Bool) -> String {
        let language: Language = polish ? .polish : .english
        var out = ["\(procedure.id) v\(procedure.version) — \(procedure.title.text(language))",
                   polish ? "Etap: \(Labels.pausePoint(procedure.pausePoint).pl); tryb: \(Labels.mode(procedure.mode).pl); ostatni przegląd \(procedure.reviewedOn)"
                          : "Pause point: \(Labels.pausePoint(procedure.pausePoint).en); mode: \(Labels.mode(procedure.mode).en); last review \(procedure.reviewedOn)"]
        for (index, step) in procedure.steps.enumerated() {
            let mandatory = step.mandatory ? (polish ? " (obowiązkowy)" : " (mandatory)") : ""
            out.append("\(index + 1). [\(step.id)]\(mandatory) \(step.text.text(language))")
            out.append("   \(polish ? "Dlaczego" : "Why"): \(step.reason.text(language))")
        }
        return out.joined(separator: "\n")
    }

    public static func library(_ library: ProcedureLibrary, today: LocalDate, polish: Bool) -> String {
        let language: Language = polish ? .polish : .english
        let overdue = Set(library.overdueReviews(today: today).map(\.id))
        var rows = [polish ? ["ID", "WERSJA", "PRZEGLĄD", "ETAP", "TRYB", "KROKI", "TYTUŁ"]
                           : ["ID", "VERSION", "REVIEWED", "PAUSE POINT", "MODE", "STEPS", "TITLE"]]
        for p in library.procedures {
            let late = overdue.contains(p.id) ? (polish ? " PRZEGLĄD ZALEGŁY" : " REVIEW OVERDUE") : ""
            rows.append([p.id, "v\(p.version)", p.reviewedOn.description + late,
                         Labels.pausePoint(p.pausePoint).text(language), Labels.mode(p.mode).text(language),
                         String(p.steps.count), p.title.text(language)])
        }
        var text = QueueTable.table(rows)
        if !overdue.isEmpty {
            let ids = overdue.sorted().joined(separator: ", ")
            text += polish
                ? "\n\nProcedury bez przeglądu od ponad dwóch lat (\(overdue.count)): \(ids). Standardy należy przeglądać co najmniej co dwa lata."
                : "\n\n\(Wording.en(overdue.count, "procedure", "procedures")) not reviewed for over two years: \(ids). Standards are to be reviewed at least every two years."
        }
        return text
    }
}
