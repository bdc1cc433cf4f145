import AsodeskDomain
import Foundation

/// The scripting shape of a complaint (`show --json`, `list --json`, `add --json`). Field names
/// are a documented interface: add fields, never rename or remove one.
public struct ComplaintJSON: Encodable {
    public struct TimerJSON: Encodable {
        var name: String
        var cycle: Int
        var state: String
        var startedAt: String?
        var dueAt: String?
        var stoppedAt: String?
        var targetBusinessMinutes: Int
        var elapsedBusinessMinutes: Int
        var pausedMinutes: Int
        var remainingBusinessMinutes: Int?
        /// The event that stopped the timer was entered late: the verdict rests on a given time.
        var enteredLate: LateJSON?
    }

    /// An event entered more than 15 minutes after it happened: how late, by whom, when.
    public struct LateJSON: Encodable {
        var minutesLate: Int
        var enteredBy: String
        var recordedAt: String
        var backdateReason: String?
    }

    public struct LegalJSON: Encodable {
        var cycle: Int
        var deadline: String
        var state: String
        var daysLeft: Int?
        /// The standing every surface shows (`LegalStanding`).
        var standing: String
        var sendBy: String
        var daysLeftToSend: Int?
        var answerCountsAt: String
        var answeredAt: String?
        var answerSentAt: String?
        var answerMedium: String?
        var answerDeliveredAt: String?
        var possiblyDeemedAccepted: Bool
    }

    public struct EventJSON: Encodable {
        var type: String
        var actor: String
        /// The actor's name as the site config gives it (`Desk.personName`); null when it gives none.
        var actorName: String?
        var role: String
        var occurredAt: String
        var recordedAt: String
        var text: String
        /// Set when the event's signature does not prove its author (what is wrong, in English).
        var authorNotProven: String?
        /// Entered more than 15 minutes after it happened (occurredAt earlier than recordedAt).
        var enteredLate: Bool
        var minutesLate: Int?
        /// A shift lead's reason for dating back an acknowledgement or decision.
        var backdateReason: String?
    }

    /// A photo or document attached by reference (`asodesk attach`): never the file itself.
    public struct DocumentJSON: Encodable {
        var reference: String
        var description: String?
        var sha256: String?
        var attachedAt: String
        var attachedBy: String
    }

    public struct PauseJSON: Encodable {
        var reason: String
        var start: String
        var end: String?
    }

    var number: String
    var state: String
    var waitingFor: String?
    var receivedAt: String
    var channel: String
    var category: String
    var priority: String
    var legalBasis: String
    /// Date of the current legal answer deadline (YYYY-MM-DD), null when no statutory clock applies.
    var legalDeadline: String?
    var legalClocks: [LegalJSON]
    var owner: String?
    /// The owner's name as the site config gives it; null when it gives none (or nobody owns it).
    var ownerName: String?
    var customer: String
    var phone: String?
    var email: String?
    /// How the customer wants to be contacted (phone, sms, email, letter, in-person); null: not given.
    var contactBy: String?
    var plate: String?
    var vin: String?
    var vehicle: String?
    var order: String?
    var summary: String
    var remedy: String?
    var decision: Decision?
    /// The cause of the latest decision as amended (`code` or `code/sub`); null before a decision
    /// (and for decisions recorded before causes were asked). `decision.cause` is what the decision said.
    var cause: String?
    /// The cause's name in both languages, from the site's catalogue; null for a code it does not know.
    var causeName: LocalizedText?
    /// Marked as a mystery-shopping test (`asodesk mark-test`): handled as any, left out of the figures.
    var mysteryShoppingTest: Bool
    /// The audit's reference given with the mark.
    var testAudit: String?
    var customerAccepted: Bool?
    var satisfaction: Int?
    var cycle: Int
    var escalations: Int
    /// Complaints linked with this one (both ways: the link is on both histories).
    var links: [String]
    var nextDue: TimerJSON?
    var timers: [TimerJSON]
    var pauses: [PauseJSON]
    var documents: [DocumentJSON]
    /// `show --json`: survey and mystery-shopping results naming the complaint or its repair order.
    var feedback: [FeedbackJSON]?
    /// Ids of the actions of the register that answer it (`D-2026/7`); absent when none.
    var actions: [String]?
    var events: [EventJSON]?


    public init(_ complaint: Complaint, desk: Desk, now: Date, includeEvents: Bool) {
        self.init(QueueRow(complaint, desk: desk, now: now), desk: desk, now: now, includeEvents: includeEvents)
    }

    public init(_ row: QueueRow, desk: Desk, now: Date, includeEvents: Bool) {
        let complaint = row.complaint
        let times = TimeText(timeZone: desk.calendar.timeZone)
        func timerJSON(_ t: TimerStatus) -> TimerJSON {
            TimerJSON(name: t.name.rawValue, cycle: t.cycle, state: t.state.rawValue,
                      startedAt: t.startedAt.map(times.iso), dueAt: t.dueAt.map(times.iso),
                      stoppedAt: t.stoppedAt.map(times.iso), targetBusinessMinutes: t.targetMinutes,
                      elapsedBusinessMinutes: t.elapsedBusinessMinutes, pausedMinutes: t.pausedMinutes,
                      remainingBusinessMinutes: t.remainingBusinessMinutes,
                      enteredLate: t.lateEntry.map { LateJSON(minutesLate: $0.delayMinutes, enteredBy: $0.actor.id,
                                                             recordedAt: times.iso($0.recordedAt), backdateReason: $0.reason) })
        }
        let timers = row.timers
        let legal = desk.legalStatuses(of: complaint, now: now)
        let intake = complaint.intake
        number = complaint.number.description
        state = complaint.state.rawValue
        waitingFor = complaint.waitingFor?.rawValue
        receivedAt = times.iso(complaint.receivedAt)
        channel = intake.channel.rawValue
        category = intake.category.rawValue
        priority = complaint.priority.rawValue
        legalBasis = intake.legalBasis.rawValue
        legalDeadline = legal.last?.deadline.description
        legalClocks = legal.map {
            LegalJSON(cycle: $0.cycle, deadline: $0.deadline.description, state: $0.state.rawValue,
                      daysLeft: $0.daysLeft, standing: LegalReading.code($0), sendBy: $0.sendBy.description,
                      daysLeftToSend: $0.daysLeftToSend, answerCountsAt: $0.countsAt.rawValue,
                      answeredAt: $0.answeredAt.map(times.iso), answerSentAt: $0.sentAt.map(times.iso),
                      answerMedium: $0.sentBy?.rawValue, answerDeliveredAt: $0.deliveredAt.map(times.iso),
                      possiblyDeemedAccepted: $0.possiblyDeemedAccepted)
        }
        owner = complaint.owner
        links = complaint.links.map(\.description)
        if includeEvents {
            let about = desk.state.feedback(about: complaint).compactMap { FeedbackJSON($0, desk: desk) }
            feedback = about.isEmpty ? nil : about
        }
        func named(_ id: String) -> String? { desk.personName(id) == id ? nil : desk.personName(id) }
        ownerName = complaint.owner.flatMap(named)
        customer = intake.customer
        phone = intake.phone
        email = intake.email
        contactBy = intake.contactPreference?.rawValue
        plate = intake.plate
        vin = intake.vin
        vehicle = intake.vehicle
        order = intake.order
        summary = intake.summary
        remedy = intake.remedy
        decision = complaint.decision
        cause = complaint.cause?.text
        causeName = complaint.cause.flatMap(desk.config.causes.name(of:))
        mysteryShoppingTest = complaint.isMysteryShoppingTest
        testAudit = complaint.testAudit
        customerAccepted = complaint.customerAccepted
        satisfaction = complaint.satisfaction
        cycle = complaint.cycle
        escalations = complaint.escalationCount
        nextDue = row.nextDue.map(timerJSON)
        self.timers = timers.map(timerJSON)
        pauses = complaint.clockFacts.pauses.map {
            PauseJSON(reason: $0.reason.rawValue, start: times.iso($0.start), end: $0.end.map(times.iso))
        }
        documents = complaint.documents.map {
            DocumentJSON(reference: $0.document.reference, description: $0.document.description, sha256: $0.document.sha256,
                         attachedAt: times.iso($0.event.occurredAt), attachedBy: $0.event.actor.id)
        }
        let answering = desk.state.actions(answering: complaint.number).map(\.id.description)
        actions = answering.isEmpty ? nil : answering
        let unproven = includeEvents ? desk.unprovenHistory(of: complaint.number) : [:]
        events = includeEvents ? complaint.history.enumerated().map { index, event in
            EventJSON(type: event.action.verb.rawValue, actor: event.actor.id, actorName: named(event.actor.id), role: event.actor.role.rawValue,
                      occurredAt: times.iso(event.occurredAt), recordedAt: times.iso(event.recordedAt),
                      text: EventText.describe(event.action), authorNotProven: unproven[index].map { LogText.authorship($0).en },
                      enteredLate: event.lateEntry != nil, minutesLate: event.lateEntry?.delayMinutes, backdateReason: event.backdateReason)
        } : nil
    }
}
