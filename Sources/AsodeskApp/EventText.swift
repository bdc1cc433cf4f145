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
        }
    }

    /// "Phone corrected: 601 234 567 → 601 234 576" / "Poprawiono telefon: …"; an empty value is "—".
    /// The values are the customer's data: the caller makes them safe where it shows them.
    public static func correction(of correction: IntakeCorrection) -> LocalizedText {
        LocalizedText(pl: "Poprawiono \(correctedFieldPL(correction.field)): \(change(correction))",
                      en: "\(correction.field.label.en) corrected: \(change(correction))")
    }

    /// "Phone, VIN corrected" / "Poprawiono telefon, VIN": what a correction changed, without the values.
    public static func corrected(_ corrections: [IntakeCorrection]) -> LocalizedText {
        LocalizedText(pl: "Poprawiono " + corrections.map { correctedFieldPL($0.field) }.joined(separator: ", "),
                      en: corrections.map(\.field.label.en).joined(separator: ", ") + " corrected")
    }

    /// "601 234 567 → 601 234 576", an empty value as "—".
    public static func change(_ correction: IntakeCorrection) -> String {
        "\(correction.old ?? "—") → \(correction.new ?? "—")"
    }

    /// The field as the object of "Poprawiono …" (accusative; the same form for each of these).
    private static func correctedFieldPL(_ field: Field) -> String {
        switch field {
        case .customer: "imię i nazwisko klienta"
        case .phone: "telefon"
        case .email: "e-mail"
        case .plate: "numer rejestracyjny"
        case .vin: "VIN"
        case .vehicle: "pojazd"
        case .order: "zlecenie naprawy"
        case .summary: "opis reklamacji"
        case .remedy: "żądanie klienta"
        default: field.label.pl.lowercased()
        }
    }

    /// "ENTERED LATE: 7 h 46 min after it happened, by pwisniewski at 2026-11-23 17:30 (reason: …)",
    /// in both languages. Typed text (the reason) is the caller's to make safe.
    public static func lateEntry(_ late: LateEntry, times: TimeText) -> LocalizedText {
        let reasonPL = late.reason.map { "; uzasadnienie: \($0)" } ?? ""
        let reasonEN = late.reason.map { "; reason: \($0)" } ?? ""
        return LocalizedText(
            pl: "WPISANO PÓŹNIEJ: \(late.delayText) po zdarzeniu, wpisał(a) \(late.actor.id) \(times.short(late.recordedAt))\(reasonPL)",
            en: "ENTERED LATE: \(late.delayText) after it happened, by \(late.actor.id) at \(times.short(late.recordedAt))\(reasonEN)")
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
