// Field-level validation errors. The intake form shows each message beside its field and the
// CLI prints "field: message", so a message says what is wrong and what is expected, in both
// interface languages, and never depends on another field's message to make sense.

/// The fields a person types at the desk: the intake form and the lifecycle actions.
/// Raw values are stable names used by the CLI and scripts; never rename one.
public enum Field: String, Sendable, CaseIterable, Hashable, Codable {
    case customer
    case phone
    case email
    /// How the customer wants to be contacted (`ContactPreference`), optional at intake.
    case contactPreference = "contact-by"
    case plate
    case vin
    case vehicle
    case order
    case summary
    case remedy
    case reason
    case note
    case channel
    case category
    case priority
    case legalBasis = "legal-basis"
    case outcome
    case waitReason = "wait-reason"
    case assignee
    case complaint
    /// Where an answer was sent: a postal or e-mail address.
    case address
    /// A document attached to a complaint: a path, a file name or an outside reference ("DMS 12345").
    case reference
    /// The SHA-256 of an attached document's file (64 hex digits).
    case sha256
    /// Why the complaint happened (`CauseCode`): given with the decision, corrected by an amendment.
    case cause

    /// The intake fields a correction may change (`ComplaintAction.amend`): who, how to reach
    /// them, the vehicle and what it is about. Channel, category, priority and legal basis are not
    /// data typed wrong but the case itself (priority changes by escalation).
    public static let correctable: [Field] = [.customer, .phone, .email, .contactPreference, .plate, .vin, .vehicle, .order,
                                              .summary, .remedy]

    /// The field's name as the form labels it.
    public var label: LocalizedText {
        switch self {
        case .customer: LocalizedText(pl: "Klient", en: "Customer name")
        case .phone: LocalizedText(pl: "Telefon", en: "Phone")
        case .email: LocalizedText(pl: "E-mail", en: "E-mail")
        case .contactPreference: LocalizedText(pl: "Preferowany kontakt", en: "Contact by")
        case .plate: LocalizedText(pl: "Numer rejestracyjny", en: "Registration plate")
        case .vin: LocalizedText(pl: "VIN", en: "VIN")
        case .vehicle: LocalizedText(pl: "Pojazd", en: "Vehicle")
        case .order: LocalizedText(pl: "Zlecenie naprawy", en: "Repair order")
        case .summary: LocalizedText(pl: "Opis reklamacji", en: "Summary")
        case .remedy: LocalizedText(pl: "Żądanie klienta", en: "Remedy sought")
        case .reason: LocalizedText(pl: "Uzasadnienie", en: "Reason")
        case .note: LocalizedText(pl: "Notatka", en: "Note")
        case .channel: LocalizedText(pl: "Kanał", en: "Channel")
        case .category: LocalizedText(pl: "Kategoria", en: "Category")
        case .priority: LocalizedText(pl: "Priorytet", en: "Priority")
        case .legalBasis: LocalizedText(pl: "Podstawa prawna", en: "Legal basis")
        case .outcome: LocalizedText(pl: "Decyzja", en: "Decision")
        case .waitReason: LocalizedText(pl: "Oczekuje na", en: "Waiting for")
        case .assignee: LocalizedText(pl: "Osoba odpowiedzialna", en: "Assignee")
        case .complaint: LocalizedText(pl: "Numer reklamacji", en: "Complaint number")
        case .address: LocalizedText(pl: "Adres", en: "Address")
        case .reference: LocalizedText(pl: "Dokument", en: "Document")
        case .sha256: LocalizedText(pl: "SHA-256", en: "SHA-256")
        case .cause: LocalizedText(pl: "Przyczyna", en: "Cause")
        }
    }
}

/// What is wrong with one field's value.
public struct FieldError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: Field
    public var message: LocalizedText
    public init(field: Field, message: LocalizedText) { self.field = field; self.message = message }
    public init(_ field: Field, pl: String, en: String) {
        self.init(field: field, message: LocalizedText(pl: pl, en: en))
    }
    /// `field: message` in English, as the CLI prints it.
    public var description: String { "\(field.rawValue): \(message.en)" }
}

/// Every field error of one form or command, in field order, so all of them can be shown at once.
public struct FieldErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
    /// The message to show beside `field`, if it has one.
    public func message(for field: Field) -> LocalizedText? {
        errors.first { $0.field == field }?.message
    }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Wording helpers shared by the validators, and the one way every layer that owns words counts.
public enum Wording {
    /// Polish plural form: 1 znak, 2–4 znaki (but 12–14 znaków), 5+ znaków.
    public static func pl(_ n: Int, one: String, few: String, many: String) -> String {
        if n == 1 { return "\(n) \(one)" }
        let lastDigit = n % 10, lastTwo = n % 100
        if (2...4).contains(lastDigit) && !(12...14).contains(lastTwo) { return "\(n) \(few)" }
        return "\(n) \(many)"
    }
    /// English: 1 record, 0 or 2 records.
    public static func en(_ n: Int, _ singular: String, _ plural: String) -> String {
        n == 1 ? "\(n) \(singular)" : "\(n) \(plural)"
    }
    static func charactersPL(_ n: Int) -> String { pl(n, one: "znak", few: "znaki", many: "znaków") }
    static func charactersEN(_ n: Int) -> String { en(n, "character", "characters") }
    static func digitsPL(_ n: Int) -> String { pl(n, one: "cyfrę", few: "cyfry", many: "cyfr") }
    static func digitsEN(_ n: Int) -> String { en(n, "digit", "digits") }

    /// A piece of the user's own input quoted inside a message, made safe to print.
    static func quoted(_ text: String) -> String { "“" + SafeText.singleLine(text, maxCharacters: 24) + "”" }
    static func quoted(_ scalar: Unicode.Scalar) -> String {
        quoted(String(Character(scalar)))
    }
}
