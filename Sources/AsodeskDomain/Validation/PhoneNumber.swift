// Phone numbers as typed at the desk.
//
// Polish numbers have 9 digits and no trunk prefix (a leading 0 was dropped in 2005); they may be
// typed with +48 or 0048 in front. Any other number is international: "+" (or "00") and 8 to 15
// digits including the country code (E.164), whose first digit is never 0. Spaces, dashes, dots,
// slashes and parentheses are separators and are dropped.
//
// Canonical forms: Polish "+48 601 234 567"; international "+" and the digits without spaces
// ("+49301234567"), because where the country code ends depends on the country.

public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    public let canonical: String
    /// True for a Polish (+48) number.
    public let isPolish: Bool
    public var description: String { canonical }

    public static let polishDigits = 9
    public static let internationalDigits = 8...15

    public init(parsing raw: String) throws(FieldError) {
        let text = FreeText.trimmed(raw)
        if text.isEmpty { throw FreeText.required(.phone) }
        var digits = ""
        var hasPlus = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": digits.unicodeScalars.append(scalar)
            case "+" where digits.isEmpty && !hasPlus: hasPlus = true
            case "+":
                throw FieldError(.phone, pl: "Znak + może stać tylko na początku numeru telefonu.",
                                 en: "The + sign may only begin a phone number.")
            case "-", "(", ")", ".", "/", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2212}": continue
            default:
                if scalar.properties.isWhitespace { continue }
                throw FieldError(
                    .phone,
                    pl: "Numer telefonu może zawierać tylko cyfry, spacje, myślniki, nawiasy i + na początku; usuń \(Wording.quoted(scalar)).",
                    en: "A phone number may contain only digits, spaces, dashes, parentheses and a leading +; remove \(Wording.quoted(scalar)).")
            }
        }
        if !hasPlus && digits.hasPrefix("00") && digits.count > 2 {
            // 00 is the international call prefix in Poland: 0048... is +48..., 0049... is +49...
            hasPlus = true
            digits.removeFirst(2)
        }
        if hasPlus {
            if digits.hasPrefix("48") {
                canonical = try Self.polishCanonical(String(digits.dropFirst(2)), afterCountryCode: true)
                isPolish = true
                return
            }
            guard Self.internationalDigits.contains(digits.count) else {
                throw FieldError(
                    .phone,
                    pl: "Numer międzynarodowy ma po + od 8 do 15 cyfr razem z kierunkowym kraju, a ten ma \(Wording.digitsPL(digits.count)); sprawdź go.",
                    en: "An international number has 8 to 15 digits after +, country code included; this one has \(Wording.digitsEN(digits.count)) — check it.")
            }
            guard !digits.hasPrefix("0") else {
                throw FieldError(.phone, pl: "Po + następuje kierunkowy kraju, który nie zaczyna się od 0 (np. +48, +49); sprawdź numer.",
                                 en: "After + comes the country code, which never starts with 0 (e.g. +48, +49); check the number.")
            }
            canonical = "+" + digits
            isPolish = false
            return
        }
        canonical = try Self.polishCanonical(digits, afterCountryCode: false)
        isPolish = true
    }

    /// "+48 601 234 567" from the 9 national digits.
    private static func polishCanonical(_ digits: String, afterCountryCode: Bool) throws(FieldError) -> String {
        guard digits.count == polishDigits else {
            if afterCountryCode {
                throw FieldError(
                    .phone,
                    pl: "Po +48 polski numer ma 9 cyfr, a ten ma \(Wording.digitsPL(digits.count)); sprawdź go.",
                    en: "After +48 a Polish number has 9 digits; this one has \(Wording.digitsEN(digits.count)) — check it.")
            }
            throw FieldError(
                .phone,
                pl: "Numer telefonu ma \(Wording.digitsPL(digits.count)); polski numer ma 9 cyfr (np. 601 234 567), numer zagraniczny wpisz z + i kierunkowym kraju.",
                en: "The phone number has \(Wording.digitsEN(digits.count)); a Polish number has 9 digits (e.g. 601 234 567), a foreign one starts with + and the country code.")
        }
        guard !digits.hasPrefix("0") else {
            throw FieldError(.phone, pl: "Polski numer nie zaczyna się od 0 (np. 601 234 567, 22 123 45 67); sprawdź go.",
                             en: "A Polish number never starts with 0 (e.g. 601 234 567, 22 123 45 67); check it.")
        }
        let d = Array(digits)
        return "+48 " + String(d[0..<3]) + " " + String(d[3..<6]) + " " + String(d[6..<9])
    }
}
