// The words of the complaint desk. Raw values are the stable scripting and storage names:
// they appear in the log, the CLI and JSON output, so never rename one.

public enum Channel: String, Codable, CaseIterable, Sendable {
    case phone, email, web, social, letter
    case inPerson = "in-person"
    /// A written entry found when the suggestion box is emptied; received when it is read.
    case suggestionBox = "suggestion-box"
    /// An entry in the customer comment book (książka skarg i wniosków), received when it is read.
    case commentBook = "comment-book"
}

/// How the customer wants to hear from the desk (asked at intake, optional). Not a `Channel`:
/// a channel is how a complaint or a contact came in (a web form, social media), a preference is
/// how to reach the customer (an SMS is no way to file a complaint, a web form no way to call back).
public enum ContactPreference: String, Codable, CaseIterable, Sendable {
    case phone, sms, email, letter
    case inPerson = "in-person"
}

public enum ComplaintCategory: String, Codable, CaseIterable, Sendable {
    case repair       // repair not effective
    case damage       // damage during service
    case invoice      // invoice / price
    case delay
    case staff        // staff behaviour
    case parts        // parts availability
    case warranty     // warranty refusal
    case communication
    case other
}

public enum Priority: String, Codable, CaseIterable, Sendable, Comparable {
    case normal, high
    case critical     // safety issue or immobilised car
    public static func < (a: Priority, b: Priority) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum LegalBasis: String, Codable, CaseIterable, Sendable {
    case consumer     // consumer complaint, art. 7a ustawy o prawach konsumenta
    case business     // business customer
    case warranty     // manufacturer warranty
    case goodwill
}

public enum Role: String, Codable, CaseIterable, Sendable {
    case trainee, advisor
    case lead         // shift lead (kierownik zmiany)

    /// Whether this role may do everything `other` may.
    public func includes(_ other: Role) -> Bool { rank >= other.rank }
    private var rank: Int { Role.allCases.firstIndex(of: self)! }
}

public enum WaitReason: String, Codable, CaseIterable, Sendable {
    case customer, parts, manufacturer
}

public enum DecisionOutcome: String, Codable, CaseIterable, Sendable {
    case accepted, partly, rejected
}

/// How the answer to a complaint reached (or was sent to) the customer: each is a durable medium
/// in the sense of art. 7a ust. 3 of the consumer rights act, in person meaning a letter handed over.
public enum AnswerMedium: String, Codable, CaseIterable, Sendable {
    case letter, email
    case inPerson = "in-person"
    case other
}

/// What stops the statutory clock: the answer sent (the default) or the answer delivered
/// (art. 61 k.c.: a declaration takes effect when it reaches its addressee).
public enum AnswerCountsAt: String, Codable, CaseIterable, Sendable {
    case sent, delivered
}

/// The SLA timers every complaint runs, each stopped by a named event.
public enum TimerName: String, Codable, CaseIterable, Sendable {
    case acknowledgement
    case firstContact = "first-contact"
    case update
    case decision
    case followUp = "follow-up"
}

/// ISO weekday numbering: Monday = 1 ... Sunday = 7.
public enum Weekday: Int, Codable, CaseIterable, Sendable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday
    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}
