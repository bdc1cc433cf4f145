import AsodeskDomain

/// One line per event for timelines, `show` and exports. Customer text goes through
/// `SafeText` wherever it is finally displayed, not here.
public enum EventText {
    public static func describe(_ action: ComplaintAction) -> String {
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
        case .followUp(let satisfaction, let note):
            return "follow-up call done, satisfaction \(satisfaction)/5" + suffix(note)
        }
    }

    private static func suffix(_ note: String?) -> String {
        guard let note, !note.isEmpty else { return "" }
        return ": \(note)"
    }
}
