// Free text and length limits.
//
// Free text (names, summaries, notes, reasons) may contain any Unicode: Polish letters, emoji,
// right-to-left scripts, combining marks, even control characters. It is stored exactly as typed,
// only trimmed of leading and trailing whitespace, because the history is evidence and must not be
// rewritten; making it harmless is the job of `SafeText` wherever it is shown. A Swift `String`
// cannot hold invalid UTF-8, so the CLI decodes its arguments lossily (invalid bytes become U+FFFD)
// before they reach these functions.
//
// Lengths are counted in Characters (grapheme clusters): "Żółć" is 4, a family emoji is 1.

/// How long a free-text field may be, in Characters. A minimum of 0 makes the field optional.
public struct TextLimits: Hashable, Sendable {
    public var minimum: Int
    public var maximum: Int
    public init(minimum: Int, maximum: Int) { self.minimum = minimum; self.maximum = maximum }
    public var isRequired: Bool { minimum > 0 }
}

extension Field {
    /// Length limits of the free-text fields; nil for fields with their own format or a fixed set of values.
    public var textLimits: TextLimits? {
        switch self {
        case .customer: TextLimits(minimum: 2, maximum: 120)
        case .summary: TextLimits(minimum: 5, maximum: 4000)
        case .remedy: TextLimits(minimum: 0, maximum: 1000)
        case .note: TextLimits(minimum: 1, maximum: 4000)
        case .reason: TextLimits(minimum: 3, maximum: 1000)
        case .vehicle: TextLimits(minimum: 0, maximum: 80)
        case .address: TextLimits(minimum: 3, maximum: 300)
        case .reference: TextLimits(minimum: 2, maximum: 300)
        case .phone, .email, .plate, .vin, .order, .channel, .category, .priority, .legalBasis,
             .outcome, .waitReason, .assignee, .complaint, .contactPreference, .sha256, .cause:
            nil
        }
    }
}

public enum FreeText {
    /// The text without leading and trailing whitespace (Unicode White_Space, newlines included);
    /// everything inside is kept as typed. Trims whole scalars, so a combining mark typed after a
    /// leading space stays with the text.
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    /// Trims `raw` and checks it against `limits`. Returns nil for an optional field left empty.
    public static func validate(_ raw: String, field: Field, limits: TextLimits) throws(FieldError) -> String? {
        let text = trimmed(raw)
        if text.isEmpty {
            if limits.isRequired { throw required(field) }
            return nil
        }
        let length = text.count
        if length < limits.minimum {
            throw FieldError(
                field,
                pl: "\(field.label.pl): za krótki tekst (\(Wording.charactersPL(length))); wpisz co najmniej \(Wording.charactersPL(limits.minimum)).",
                en: "\(field.label.en) is too short (\(Wording.charactersEN(length))); write at least \(Wording.charactersEN(limits.minimum)).")
        }
        if length > limits.maximum {
            throw FieldError(
                field,
                pl: "\(field.label.pl): za długi tekst (\(Wording.charactersPL(length))); dopuszczalne najwyżej \(Wording.charactersPL(limits.maximum)) — skróć go.",
                en: "\(field.label.en) is too long (\(Wording.charactersEN(length))); at most \(Wording.charactersEN(limits.maximum)) are allowed — shorten it.")
        }
        return text
    }

    /// The error for a required field left empty.
    public static func required(_ field: Field) -> FieldError {
        FieldError(field, pl: "\(field.label.pl): pole wymagane — uzupełnij je.",
                   en: "\(field.label.en) is required — fill it in.")
    }
}

/// A repair order number (numer zlecenia naprawy) as the dealer management system prints it,
/// e.g. "ZN/2026/00123" or "RO-12345".
///
/// Accepted: 1–40 characters of letters A–Z, digits, "-", "/", "." and single spaces; it starts
/// with a letter or digit and contains at least one digit. Stored upper-cased with runs of spaces
/// collapsed to one, so the same order typed twice is stored the same way.
public struct RepairOrderNumber: Hashable, Sendable, CustomStringConvertible {
    public let canonical: String
    public static let maximumLength = 40

    public init(parsing raw: String) throws(FieldError) {
        let text = FreeText.trimmed(raw)
        guard !text.isEmpty else { throw FreeText.required(.order) }
        var result = ""
        var pendingSpace = false
        var hasDigit = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace { pendingSpace = true; continue }
            let upper: Unicode.Scalar
            switch scalar.value {
            case 0x61...0x7A: upper = Unicode.Scalar(scalar.value - 0x20)!
            case 0x41...0x5A, 0x2D, 0x2F, 0x2E: upper = scalar
            case 0x30...0x39: upper = scalar; hasDigit = true
            default:
                throw FieldError(
                    .order,
                    pl: "Numer zlecenia może zawierać tylko litery A–Z, cyfry, „-”, „/”, „.” i spacje; usuń \(Wording.quoted(scalar)).",
                    en: "A repair order number may contain only letters A–Z, digits, “-”, “/”, “.” and spaces; remove \(Wording.quoted(scalar)).")
            }
            if pendingSpace { result.append(" "); pendingSpace = false }
            result.unicodeScalars.append(upper)
        }
        guard let first = result.unicodeScalars.first, first.properties.isAlphabetic || (0x30...0x39).contains(first.value) else {
            throw FieldError(.order, pl: "Numer zlecenia zaczyna się od litery lub cyfry, np. ZN/2026/00123.",
                             en: "A repair order number starts with a letter or a digit, e.g. ZN/2026/00123.")
        }
        guard hasDigit else {
            throw FieldError(.order, pl: "Numer zlecenia musi zawierać cyfry, np. ZN/2026/00123; sprawdź go na zleceniu.",
                             en: "A repair order number contains digits, e.g. ZN/2026/00123; check it on the order.")
        }
        guard result.count <= Self.maximumLength else {
            throw FieldError(
                .order,
                pl: "Numer zlecenia ma \(Wording.charactersPL(result.count)); dopuszczalne najwyżej \(Self.maximumLength).",
                en: "The repair order number has \(Wording.charactersEN(result.count)); at most \(Self.maximumLength) are allowed.")
        }
        canonical = result
    }
    public var description: String { canonical }
}
