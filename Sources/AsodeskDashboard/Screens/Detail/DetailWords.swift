import AsodeskApp
import AsodeskDomain
import AsodeskScreen

/// The words of the detail screen in both languages: timer and legal-clock states with their
/// glyphs, and each history entry as a headline plus the text the person wrote.
enum DetailWords {
    /// The glyph and role of a timer state: colour alone never carries the meaning.
    static func mark(_ state: TimerState) -> (glyph: String, role: StyleRole) {
        (TimerReading.glyph(state), StyleRole(TimerReading.tone(state)))
    }

    static func state(_ state: TimerState) -> LocalizedText { TimerReading.word(state) }

    /// The legal clock's glyph and role, by the site's one legal warning threshold.
    static func legalMark(_ status: LegalClockStatus, warnings: WarningThresholds) -> (glyph: String, role: StyleRole) {
        (LegalReading.glyph(status, warnings: warnings), StyleRole(LegalReading.tone(status, warnings: warnings)))
    }

    static func days(_ count: Int, _ language: Language) -> String {
        language == .polish ? "\(count) \(count == 1 ? "dzień" : "dni")" : "\(count) day\(count == 1 ? "" : "s")"
    }

    /// `zostało 3 dni`, `termin mija dziś`, `po terminie o 2 dni bez odpowiedzi – …` (`LegalReading.sentence`).
    static func legalState(_ status: LegalClockStatus, _ language: Language, date: (LocalDate) -> String) -> String {
        LegalReading.sentence(status, date: date).text(language)
    }

    /// What the marks of a checklist line mean, under the list (one line at 80 columns).
    static let checklistLegend = LocalizedText(
        "* obowiązkowy · [x] odhaczony · [o] pominięty · Spacja odhacza/cofa",
        "* mandatory · [x] ticked · [o] overridden · Space ticks/withdraws")

    /// The same in help, a mark and its meaning a row.
    static let checklistLegendRows: [(String, LocalizedText)] = [
        ("[ ]*", LocalizedText("krok obowiązkowy do zrobienia: blokuje następny etap", "a mandatory step to do: it blocks the next stage")),
        ("[ ]", LocalizedText("krok nieobowiązkowy do zrobienia", "an optional step to do")),
        ("[x]", LocalizedText("odhaczony (kto i kiedy); Spacja cofa, po pytaniu", "ticked (who and when); Space withdraws it, after asking")),
        ("[o]", LocalizedText("pominięty przez kierownika zmiany, z uzasadnieniem", "overridden by the shift lead, with a reason")),
        ("!", LocalizedText("otwarte kroki obowiązkowe blokują następny etap", "open mandatory steps block the next stage")),
    ]

    static func mode(_ mode: ChecklistMode) -> LocalizedText {
        switch mode {
        case .readDo: LocalizedText("czytaj i wykonuj", "read-do")
        case .doConfirm: LocalizedText("wykonaj i potwierdź", "do-confirm")
        }
    }

    static func pausePoint(_ point: PausePoint) -> LocalizedText {
        switch point {
        case .intake: LocalizedText("przyjęcie", "intake")
        case .beforeDecision: LocalizedText("przed decyzją", "before the decision")
        case .beforeClosing: LocalizedText("przed zamknięciem", "before closing")
        case .followUp: LocalizedText("kontakt po zamknięciu", "follow-up")
        case .escalation: LocalizedText("eskalacja", "escalation")
        case .periodic: LocalizedText("okresowe", "periodic")
        }
    }

    /// One history entry: what happened (our words) and the text a person wrote with it (theirs;
    /// drawn only through the cell buffer, which makes it safe).
    static func event(_ action: ComplaintAction, language: Language, library: ProcedureLibrary,
                      name: (String) -> String) -> (headline: String, detail: String?) {
        let pl = language == .polish
        func t(_ text: LocalizedText) -> String { text.text(language) }
        switch action {
        case .receive(let intake):
            return ((pl ? "Przyjęcie – " : "Received – ") + t(Labels.channel(intake.channel)), intake.summary)
        case .acknowledge(let note):
            return (pl ? "Potwierdzenie przyjęcia" : "Acknowledged", note)
        case .contact(let contact):
            let kind = contact.substantive ? (pl ? "Kontakt" : "Contact") : (pl ? "Wiadomość (nie merytoryczna)" : "Message (not substantive)")
            return (kind + " – " + t(Labels.channel(contact.channel)), contact.summary)
        case .wait(let reason, let note):
            return ((pl ? "Wstrzymana: oczekuje " : "Waiting for: ") + t(Labels.waitReason(reason)), note)
        case .resume(let note):
            return (pl ? "Wznowiona analiza" : "Analysis resumed", note)
        case .assign(let to, let note):
            let headline = to.map { (pl ? "Przydzielona: " : "Assigned to ") + name($0) }
                ?? (pl ? "Zwolniona (bez prowadzącego)" : "Unassigned")
            return (headline, note)
        case .escalate(let reason, let priority):
            let raised = priority.map { (pl ? " – priorytet " : " – priority ") + t(Labels.priority($0)) } ?? ""
            return ((pl ? "Eskalacja" : "Escalated") + raised, reason)
        case .decide(let decision):
            let remedy = decision.remedyGranted.map { (pl ? " · Przyznano: " : " · Granted: ") + $0 } ?? ""
            return ((pl ? "Decyzja: " : "Decision: ") + t(Labels.outcome(decision.outcome)), decision.reasons + remedy)
        case .close(let accepted, let response):
            let answer = accepted ? (pl ? "klient akceptuje decyzję" : "customer accepts the decision")
                                  : (pl ? "klient kwestionuje decyzję" : "customer disputes the decision")
            return ((pl ? "Zamknięta – " : "Closed – ") + answer, response)
        case .reopen(let reason):
            return (pl ? "Otwarta ponownie" : "Reopened", reason)
        case .note(let text):
            return (pl ? "Notatka" : "Note", text)
        case .checkStep(let procedure, let version, let step):
            return ((pl ? "Odhaczony krok " : "Ticked step ") + "\(procedure)/\(step) (v\(version))",
                    stepText(procedure, step, library: library, language: language))
        case .withdrawTick(let procedure, let version, let step):
            // The step in words, as the checklist shows it; the ids for whoever checks the procedure file.
            let text = stepText(procedure, step, library: library, language: language) ?? "\(procedure)/\(step)"
            return ((pl ? "Cofnięto odhaczenie: " : "Withdrawn tick: ") + text, "\(procedure)/\(step) (v\(version))")
        case .overrideStep(let procedure, let version, let step, let reason):
            return ((pl ? "POMINIĘTY krok " : "OVERRIDDEN step ") + "\(procedure)/\(step) (v\(version))", reason)
        case .followUp(let satisfaction, let note):
            return ((pl ? "Telefon kontrolny: zadowolenie " : "Follow-up call: satisfaction ") + "\(satisfaction)/5", note)
        case .answer(let answer):
            // A shared screen: the address is masked (`asodesk show` prints it whole).
            let to = answer.address.map { (pl ? " na " : " to ") + ContactMask.address($0) } ?? ""
            return ((pl ? "Odpowiedź wysłana – " : "Answer sent – ") + t(Labels.medium(answer.medium)) + to,
                    answer.documentSHA256.map { "SHA-256 \($0)" })
        case .confirmDelivery(let note):
            return (pl ? "Odpowiedź doręczona" : "Answer delivered", note)
        case .amend(let corrections, let reason):
            // The headline names the fields; the values (in full, as the data pane shows them) wrap below with the reason.
            let changes = corrections.map { t($0.field.label) + ": " + EventText.change($0) }.joined(separator: "; ")
            return (t(EventText.corrected(corrections)), changes + " – " + reason)
        }
    }

    static func stepText(_ procedure: String, _ step: String, library: ProcedureLibrary, language: Language) -> String? {
        library.procedure(id: procedure)?.steps.first { $0.id == step }?.text.text(language)
    }
}
