import Foundation

extension Complaint {
    /// The facts the clocks are computed from, derived from the history at read time (never
    /// stored), so a calendar or target change recomputes every timer consistently.
    /// Instants are when things happened (`occurredAt`), not when they were typed in.
    public var clockFacts: ComplaintClockFacts {
        var cycles = [ClockCycle(startedAt: receivedAt, isReopen: false)]
        var pauses: [PauseSegment] = []
        var late: [LateEntry] = []
        var escalations: [Escalation] = []
        var assignments: [Assignment] = []
        for event in history {
            let at = event.occurredAt
            if let entry = event.lateEntry { late.append(entry) }
            switch event.action {
            case .receive:
                assignments.append(Assignment(at: at, owner: Lifecycle.ownerAtReceipt(received: event.actor)))
            case .assign(let to, _):
                assignments.append(Assignment(at: at, owner: to))
            case .escalate(_, let priority):
                escalations.append(Escalation(at: at, priority: priority))
            case .acknowledge:
                if cycles[cycles.count - 1].acknowledgedAt == nil { cycles[cycles.count - 1].acknowledgedAt = at }
            case .contact(let contact) where contact.substantive:
                cycles[cycles.count - 1].contacts.append(at)
            case .wait(let reason, _):
                pauses.append(PauseSegment(start: at, end: nil, reason: reason))
            case .resume:
                if let open = pauses.indices.last, pauses[open].end == nil { pauses[open].end = at }
            case .decide:
                cycles[cycles.count - 1].decidedAt = at
            case .close:
                cycles[cycles.count - 1].closedAt = at
            case .followUp:
                cycles[cycles.count - 1].followedUpAt = at
            case .answer(let answer):
                if cycles[cycles.count - 1].answer == nil {
                    cycles[cycles.count - 1].answer = AnswerFact(at: at, medium: answer.medium)
                }
            case .confirmDelivery:
                if cycles[cycles.count - 1].deliveredAt == nil { cycles[cycles.count - 1].deliveredAt = at }
            case .reopen:
                cycles.append(ClockCycle(startedAt: at, isReopen: true))
            default:
                break
            }
        }
        for index in cycles.indices { cycles[index].contacts.sort() }
        return ComplaintClockFacts(receivedAt: receivedAt, receivedPriority: intake.priority, channel: intake.channel,
                                   legalBasis: intake.legalBasis, expectedMedium: intake.email == nil ? .letter : .email,
                                   cycles: cycles, pauses: pauses, lateEntries: late,
                                   escalations: escalations, assignments: assignments)
    }
}
