import Foundation

/// The number a person can say on the phone: `R/2026/0042`, counted per year of receipt.
public struct ComplaintNumber: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var year: Int
    public var serial: Int
    public init(year: Int, serial: Int) { self.year = year; self.serial = serial }

    public var description: String {
        let digits = String(serial)
        return "R/\(year)/" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Accepts what people type: `R/2026/0042`, `r/2026/42`, `2026/42`.
    public init?(text: String) {
        var parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/").map(String.init)
        if parts.count == 3, parts[0].uppercased() == "R" { parts.removeFirst() }
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let serial = Int(parts[1]),
              year >= 2000, serial > 0, parts[1].allSatisfy(\.isASCII) else { return nil }
        self.init(year: year, serial: serial)
    }

    public static func < (a: ComplaintNumber, b: ComplaintNumber) -> Bool { (a.year, a.serial) < (b.year, b.serial) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = ComplaintNumber(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a complaint number: \(text)"))
        }
        self = number
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// What the customer told us when the complaint was taken in. Values are already validated
/// and normalised (see `IntakeForm`).
public struct Intake: Codable, Sendable, Hashable {
    public var channel: Channel
    public var category: ComplaintCategory
    public var priority: Priority
    public var legalBasis: LegalBasis
    public var customer: String
    public var phone: String?
    public var email: String?
    public var plate: String?
    public var vin: String?
    public var vehicle: String?
    public var order: String?
    public var summary: String
    public var remedy: String?
    /// How the customer wants to be contacted; nil when not given (and in every record written
    /// before it was asked).
    public var contactPreference: ContactPreference?

    public init(channel: Channel, category: ComplaintCategory, priority: Priority, legalBasis: LegalBasis,
                customer: String, phone: String? = nil, email: String? = nil, plate: String? = nil,
                vin: String? = nil, vehicle: String? = nil, order: String? = nil, summary: String,
                remedy: String? = nil, contactPreference: ContactPreference? = nil) {
        self.channel = channel; self.category = category; self.priority = priority; self.legalBasis = legalBasis
        self.customer = customer; self.phone = phone; self.email = email; self.plate = plate; self.vin = vin
        self.vehicle = vehicle; self.order = order; self.summary = summary; self.remedy = remedy
        self.contactPreference = contactPreference
    }
}

/// One intake field corrected after receipt (`ComplaintAction.amend`): the value it had and the
/// value it has now, both normalised as intake stores them (nil: empty), so the history reads on
/// its own without replaying what came before.
public struct IntakeCorrection: Codable, Sendable, Hashable {
    public var field: Field
    public var old: String?
    public var new: String?
    public init(field: Field, old: String?, new: String?) { self.field = field; self.old = old; self.new = new }
}

extension Intake {
    /// The value of a correctable field (`Field.correctable`); nil for an empty one or another field.
    public subscript(field: Field) -> String? {
        get {
            switch field {
            case .customer: customer
            case .phone: phone
            case .email: email
            case .contactPreference: contactPreference?.rawValue
            case .plate: plate
            case .vin: vin
            case .vehicle: vehicle
            case .order: order
            case .summary: summary
            case .remedy: remedy
            default: nil
            }
        }
        set {
            switch field {
            // Required fields are never emptied (validation refuses it); a nil from an older record keeps the value.
            case .customer: if let newValue { customer = newValue }
            case .summary: if let newValue { summary = newValue }
            case .phone: phone = newValue
            case .email: email = newValue
            case .contactPreference: contactPreference = newValue.flatMap(ContactPreference.init(rawValue:))
            case .plate: plate = newValue
            case .vin: vin = newValue
            case .vehicle: vehicle = newValue
            case .order: order = newValue
            case .remedy: remedy = newValue
            default: break
            }
        }
    }
}

/// Who did something, in which role at that moment.
public struct Actor: Codable, Sendable, Hashable {
    public var id: String
    public var role: Role
    public init(id: String, role: Role) { self.id = id; self.role = role }
}

public struct ContactRecord: Codable, Sendable, Hashable {
    public var channel: Channel
    public var summary: String
    /// A substantive contact (not the automatic confirmation) stops the first-contact timer
    /// and restarts the update cadence.
    public var substantive: Bool
    public init(channel: Channel, summary: String, substantive: Bool = true) {
        self.channel = channel; self.summary = summary; self.substantive = substantive
    }
}

public struct Decision: Codable, Sendable, Hashable {
    public var outcome: DecisionOutcome
    public var reasons: String
    public var remedyGranted: String?
    /// Why the complaint happened, from the site's catalogue (`CauseCatalogue`), as it was given
    /// with the decision; a later correction is an amendment (`Complaint.cause`). nil only in
    /// decisions recorded before causes were asked.
    public var cause: CauseCode?
    public init(outcome: DecisionOutcome, reasons: String, remedyGranted: String?, cause: CauseCode? = nil) {
        self.outcome = outcome; self.reasons = reasons; self.remedyGranted = remedyGranted; self.cause = cause
    }
}

/// The answer the law asks for (art. 7a ust. 1 and 3): by which medium, to which address, and
/// the SHA-256 of the document sent, so the record proves what the customer was told.
public struct AnswerRecord: Codable, Sendable, Hashable {
    public var medium: AnswerMedium
    /// The e-mail or postal address it went to; nil when handed over in person.
    public var address: String?
    /// Lowercase hex SHA-256 of the document sent (the decision letter's PDF or text).
    public var documentSHA256: String?
    public init(medium: AnswerMedium, address: String? = nil, documentSHA256: String? = nil) {
        self.medium = medium; self.address = address; self.documentSHA256 = documentSHA256
    }
}

/// A photo or document that belongs to a complaint, by reference only: where it is (a path or
/// file name as given, or an outside reference such as "DMS 12345"), what it is, and the SHA-256 of
/// its bytes when a file was given, so the record proves which file was meant. The file itself is
/// never stored.
public struct DocumentReference: Codable, Sendable, Hashable {
    public var reference: String
    public var description: String?
    /// Lowercase hex SHA-256 of the file; nil for an outside reference without one.
    public var sha256: String?
    public init(reference: String, description: String? = nil, sha256: String? = nil) {
        self.reference = reference; self.description = description; self.sha256 = sha256
    }
}

/// Everything a person can do to a complaint. The case names and their fields are the
/// storage schema (synthesised Codable): add optional fields or new cases, never rename.
public enum ComplaintAction: Codable, Sendable, Hashable {
    case receive(Intake)
    case acknowledge(note: String?)
    case contact(ContactRecord)
    case wait(reason: WaitReason, note: String?)
    case resume(note: String?)
    case assign(to: String?, note: String?)
    case escalate(reason: String, priority: Priority?)
    case decide(Decision)
    case close(customerAccepted: Bool, response: String)
    case reopen(reason: String)
    case note(text: String)
    case checkStep(procedure: String, version: Int, step: String)
    case overrideStep(procedure: String, version: Int, step: String, reason: String)
    case followUp(satisfaction: Int, note: String?)
    /// The answer of the current cycle was sent or handed over.
    case answer(AnswerRecord)
    /// The answer of the current cycle reached the customer (a return receipt, a read receipt).
    case confirmDelivery(note: String?)
    /// Intake data corrected (a wrong phone digit, a VIN learned later): every field changed by
    /// one command, all or nothing, with the person's reason. The event's actor is who did it.
    case amend(corrections: [IntakeCorrection], reason: String)
    /// A tick (or override) of a checklist step in the current cycle taken back: the step was not
    /// done after all, or was ticked by mistake. The tick stays in the history; the step is open
    /// again, and a mandatory one blocks again. The event's actor is who withdrew it.
    case withdrawTick(procedure: String, version: Int, step: String)
    /// This complaint is linked with another (the same fault again, the same customer or car):
    /// written on both complaints in one append, so each history shows the link.
    case link(to: ComplaintNumber, note: String?)
    /// A photo or document referred to (never stored): `DocumentReference`.
    case attach(DocumentReference)
    /// A shift lead marks the complaint as a mystery-shopping test (the audit's reference): it is
    /// handled like any other, but kept out of the desk's figures.
    case markTest(audit: String)

    /// The verb used by the CLI and in messages.
    public var verb: ActionVerb {
        switch self {
        case .receive: .receive
        case .acknowledge: .acknowledge
        case .contact: .contact
        case .wait: .wait
        case .resume: .resume
        case .assign: .assign
        case .escalate: .escalate
        case .decide: .decide
        case .close: .close
        case .reopen: .reopen
        case .note: .note
        case .checkStep: .check
        case .overrideStep: .override
        case .followUp: .followUp
        case .answer: .answer
        case .confirmDelivery: .delivered
        case .amend: .amend
        case .withdrawTick: .withdrawTick
        case .link: .link
        case .attach: .attach
        case .markTest: .markTest
        }
    }
}

public enum ActionVerb: String, CaseIterable, Sendable, Codable {
    case receive = "add", acknowledge = "ack", contact, wait, resume, assign, escalate, decide, close, reopen, note
    case check, override
    case followUp = "followup"
    case answer, delivered
    case amend
    case withdrawTick = "uncheck"
    case link
    case attach
    case markTest = "mark-test"

    /// How a person asks for it on the command line.
    public var command: String {
        switch self {
        case .override: "check --override"
        case .withdrawTick: "check --undo"
        case .delivered: "answer --delivered"
        default: rawValue
        }
    }
}

/// One entry of a complaint's history: never changed once written.
public struct ComplaintEvent: Codable, Sendable, Hashable {
    public var number: ComplaintNumber
    public var actor: Actor
    /// When it happened (may be given: a letter received yesterday).
    public var occurredAt: Date
    /// When it was written to the log.
    public var recordedAt: Date
    public var action: ComplaintAction
    /// Why a shift lead dated back what asodesk itself sends (an acknowledgement, a decision)
    /// beyond `TimeRules.lateEntryMinutes` (`Lifecycle.entryTimeDenial`); nil otherwise.
    public var backdateReason: String?

    public init(number: ComplaintNumber, actor: Actor, occurredAt: Date, recordedAt: Date, action: ComplaintAction,
                backdateReason: String? = nil) {
        self.number = number; self.actor = actor; self.occurredAt = occurredAt
        self.recordedAt = recordedAt; self.action = action; self.backdateReason = backdateReason
    }

    /// Entered more than `TimeRules.lateEntryMinutes` after it happened: who, when and how late.
    public var lateEntry: LateEntry? {
        let delay = recordedAt.timeIntervalSince(occurredAt)
        guard delay > TimeInterval(TimeRules.lateEntryMinutes * 60) else { return nil }
        return LateEntry(verb: action.verb, occurredAt: occurredAt, recordedAt: recordedAt, actor: actor, reason: backdateReason)
    }
}

/// An event entered late: it happened at `occurredAt` (as the person said, `--at`) and was
/// written to the log at `recordedAt` (the machine's clock), more than
/// `TimeRules.lateEntryMinutes` later. Views put it into words ("entered 7 h 46 min late").
public struct LateEntry: Sendable, Hashable, Codable {
    public var verb: ActionVerb
    public var occurredAt: Date
    public var recordedAt: Date
    /// Who entered it.
    public var actor: Actor
    /// A shift lead's reason for dating back what asodesk sends, if given.
    public var reason: String?

    public init(verb: ActionVerb, occurredAt: Date, recordedAt: Date, actor: Actor, reason: String? = nil) {
        self.verb = verb; self.occurredAt = occurredAt; self.recordedAt = recordedAt; self.actor = actor; self.reason = reason
    }

    /// Whole minutes between happening and entering.
    public var delayMinutes: Int { Int(recordedAt.timeIntervalSince(occurredAt) / 60) }

    /// "7 h 46 min", "2 d 3 h", "40 min": the delay as the desk says it (the same in Polish).
    public var delayText: String { LateEntry.duration(minutes: delayMinutes) }

    public static func duration(minutes: Int) -> String {
        let days = minutes / 1440, hours = (minutes % 1440) / 60, rest = minutes % 60
        if days > 0 { return hours > 0 ? "\(days) d \(hours) h" : "\(days) d" }
        if hours > 0 { return rest > 0 ? "\(hours) h \(rest) min" : "\(hours) h" }
        return "\(rest) min"
    }
}

extension Complaint {
    /// The photos and documents referred to, in the order they were attached, with who attached
    /// each and when: read from the history, which is where they are recorded.
    public var documents: [(document: DocumentReference, event: ComplaintEvent)] {
        history.compactMap { event in
            if case .attach(let document) = event.action { (document, event) } else { nil }
        }
    }
}
