import AsodeskDomain
import Foundation

/// One line per event for timelines, `show` and exports. Customer text goes through
/// `SafeText` wherever it is finally displayed, not here.
public enum EventText {
    /// `masked`: an answer's address shown as on shared screens (`ContactMask.address`).
    public static func describe(_ action: ComplaintAction, masked: Bool = false) -> String {
        switch action {
        case .receive(let intake):
            return "received by \(intake.channel.rawValue): \(intake.summary)"
        case .acknowledge(let note):
            return "acknowledged" + suffix(note)
        case .contact(let contact):
            return "\(contact.substantive ? "contact" : "message (not substantive)") by \(contact.channel.rawValue): \(contact.summary)"
        case .wait(let reason, let note):
            return "waiting for \(reason.rawValue)" + suffix(note)
        case .resume(let note):
            return "resumed analysis" + suffix(note)
        case .assign(let to, let note):
            return (to.map { "assigned to \($0)" } ?? "unassigned") + suffix(note)
        case .escalate(let reason, let priority):
            return "escalated" + (priority.map { " (priority \($0.rawValue))" } ?? "") + ": \(reason)"
        case .decide(let decision):
            return "decided: \(decision.outcome.rawValue); reasons: \(decision.reasons)"
                + (decision.remedyGranted.map { "; remedy: \($0)" } ?? "")
                + (decision.cause.map { "; cause: \($0.text)" } ?? "")
        case .close(let accepted, let response):
            return "closed, customer \(accepted ? "accepts" : "disputes") the decision: \(response)"
        case .reopen(let reason):
            return "reopened: \(reason)"
        case .note(let text):
            return "note: \(text)"
        case .checkStep(let procedure, let version, let step):
            return "ticked \(procedure)/\(step) (v\(version))"
        case .overrideStep(let procedure, let version, let step, let reason):
            return "OVERRIDE of \(procedure)/\(step) (v\(version)): \(reason)"
        case .withdrawTick(let procedure, let version, let step):
            return "withdrew the tick of \(procedure)/\(step) (v\(version))"
        case .followUp(let satisfaction, let note):
            return "follow-up call done, satisfaction \(satisfaction)/5" + suffix(note)
        case .answer(let answer):
            return "answer sent by \(answer.medium.rawValue)" + (answer.address.map { " to \(masked ? ContactMask.address($0) : $0)" } ?? "")
                + (answer.documentSHA256.map { "; document SHA-256 \($0)" } ?? "")
        case .confirmDelivery(let note):
            return "answer delivered" + suffix(note)
        case .amend(let corrections, let reason):
            return corrections.map { correction(of: $0).en }.joined(separator: "; ") + " – " + reason
        case .link(let other, let note):
            return "linked with \(other)" + suffix(note)
        case .attach(let document):
            return "document attached: \(document.reference)" + (document.description.map { " – \($0)" } ?? "")
                + (document.sha256.map { "; SHA-256 \($0)" } ?? "")
        case .markTest(let audit):
            return "marked as a mystery-shopping test (audit \(audit))"
        }
    }

    /// One history entry in the reader's language: what happened (our words) and the text a person
    /// wrote with it (theirs; the caller makes it safe where it shows it). The dashboard's history
    /// and `asodesk show` read the same entry; `name` turns an operator id into a name.
    /// `causes` names a decision's cause (the site's catalogue).
    public static func entry(_ action: ComplaintAction, language: Language, library: ProcedureLibrary,
                             causes: CauseCatalogue, masked: Bool = true,
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
            let cause = decision.cause.map { (pl ? " · Przyczyna: " : " · Cause: ") + t(causes.label(of: $0)) } ?? ""
            return ((pl ? "Decyzja: " : "Decision: ") + t(Labels.outcome(decision.outcome)), decision.reasons + remedy + cause)
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
            // The address masked, as on shared screens.
            let to = answer.address.map { (pl ? " na " : " to ") + (masked ? ContactMask.address($0) : $0) } ?? ""
            return ((pl ? "Odpowiedź wysłana – " : "Answer sent – ") + t(Labels.medium(answer.medium)) + to,
                    answer.documentSHA256.map { "SHA-256 \($0)" })
        case .confirmDelivery(let note):
            return (pl ? "Odpowiedź doręczona" : "Answer delivered", note)
        case .amend(let corrections, let reason):
            // The headline names the fields; the values (in full, as the data pane shows them) wrap below with the reason.
            let changes = corrections.map { t($0.field.label) + ": " + EventText.change($0, language: language, causes: causes) }
                .joined(separator: "; ")
            return (t(EventText.corrected(corrections)), changes + " – " + reason)
        case .link(let other, let note):
            return ((pl ? "Powiązana z " : "Linked with ") + other.description, note)
        case .attach(let document):
            // The reference and its description are the person's words; the hash proves which file was meant.
            let hash = document.sha256.map { " · SHA-256 \($0)" } ?? ""
            return (pl ? "Dołączono dokument" : "Document attached",
                    document.reference + (document.description.map { " – " + $0 } ?? "") + hash)
        case .markTest(let audit):
            return (t(Labels.mysteryShoppingTest), (pl ? "Audyt: " : "Audit: ") + audit)
        }
    }

    static func stepText(_ procedure: String, _ step: String, library: ProcedureLibrary, language: Language) -> String? {
        library.procedure(id: procedure)?.steps.first { $0.id == step }?.text.text(language)
    }

    /// "Phone corrected: 601 234 567 → 601 234 576" / "Poprawiono telefon: …"; an empty value is "—".
    /// The values are the customer's data: the caller makes them safe where it shows them.
    public static func correction(of correction: IntakeCorrection) -> LocalizedText {
        LocalizedText(pl: "Poprawiono \(correctedFieldPL(correction.field)): \(change(correction, language: .polish))",
                      en: "\(correction.field.label.en) corrected: \(change(correction))")
    }

    /// "Phone, VIN corrected" / "Poprawiono telefon, VIN": what a correction changed, without the values.
    public static func corrected(_ corrections: [IntakeCorrection]) -> LocalizedText {
        LocalizedText(pl: "Poprawiono " + corrections.map { correctedFieldPL($0.field) }.joined(separator: ", "),
                      en: corrections.map(\.field.label.en).joined(separator: ", ") + " corrected")
    }

    /// "601 234 567 → 601 234 576", an empty value as "—".
    /// A contact preference reads as its word ("SMS → e-mail"), not its stored code; so does a
    /// cause, when `causes` is given ("workshop-error" otherwise).
    public static func change(_ correction: IntakeCorrection, language: Language = .english, causes: CauseCatalogue? = nil) -> String {
        func shown(_ value: String?) -> String {
            guard let value else { return "—" }
            if correction.field == .contactPreference, let preference = ContactPreference(rawValue: value) {
                return Labels.contactPreference(preference).text(language)
            }
            if correction.field == .cause, let causes, let code = CauseCode(text: value) {
                return causes.label(of: code).text(language)
            }
            return value
        }
        return "\(shown(correction.old)) → \(shown(correction.new))"
    }

    /// The field as the object of "Poprawiono …" (accusative; the same form for each of these).
    private static func correctedFieldPL(_ field: Field) -> String {
        switch field {
        case .customer: "imię i nazwisko klienta"
        case .phone: "telefon"
        case .email: "e-mail"
        case .contactPreference: "preferowany kontakt"
        case .plate: "numer rejestracyjny"
        case .vin: "VIN"
        case .vehicle: "pojazd"
        case .order: "zlecenie naprawy"
        case .summary: "opis reklamacji"
        case .remedy: "żądanie klienta"
        case .cause: "przyczynę"
        default: field.label.pl.lowercased()
        }
    }

    /// "ENTERED LATE: 7 h 46 min after it happened, by pwisniewski at 2026-11-23 17:30 (reason: …)",
    /// in both languages. Typed text (the reason) is the caller's to make safe.
    /// `name` shows the person who entered it (`Desk.personLabel`); the id by default.
    public static func lateEntry(_ late: LateEntry, times: TimeText, name: (String) -> String = { $0 }) -> LocalizedText {
        let reasonPL = late.reason.map { "; uzasadnienie: \($0)" } ?? ""
        let reasonEN = late.reason.map { "; reason: \($0)" } ?? ""
        return LocalizedText(
            pl: "WPISANO PÓŹNIEJ: \(late.delayText) po zdarzeniu, wpisał(a) \(name(late.actor.id)) \(times.short(late.recordedAt))\(reasonPL)",
            en: "ENTERED LATE: \(late.delayText) after it happened, by \(name(late.actor.id)) at \(times.short(late.recordedAt))\(reasonEN)")
    }

    /// A timer's verdict with what it rests on: "met — entered 7 h 46 min late".
    public static func verdict(_ timer: TimerStatus) -> LocalizedText {
        let state = TimerReading.word(timer.state)
        guard let late = timer.lateEntry else { return state }
        return LocalizedText(pl: "\(state.pl) — wpisano \(late.delayText) później", en: "\(state.en) — entered \(late.delayText) late")
    }

    private static func suffix(_ note: String?) -> String {
        guard let note, !note.isEmpty else { return "" }
        return ": \(note)"
    }
}
