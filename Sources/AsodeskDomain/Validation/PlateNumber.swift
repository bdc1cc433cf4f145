// Polish registration plates (numer rejestracyjny), as typed at the desk: "wx12345",
// "Wx-123 45" and "WX 12345" are the same plate.
//
// What the regulation on vehicle registration (rozporządzenie w sprawie rejestracji i oznaczania
// pojazdów) lays down, and what this parser relies on:
// - Standard plates: the area code (wyróżnik miejsca) is 2 or 3 letters; the first letter is the
//   voivodeship: B C D E F G K L N O P R S T W Z. H (uniformed services) and U (armed forces) also
//   begin service plates.
// - The vehicle part (wyróżnik pojazdu) that follows always contains digits. For cars the layouts are,
//   with a 2-letter area code (5 characters, always starting with a digit):
//     12345, 1234A, 123AB, 1A234, 1AB23          e.g. WX 12345, DW 1A234, KR 4F123
//   and with a 3-letter area code (4 characters, extended to 5 when a county ran out of numbers):
//     A123, 12AB, 1A23, 12A3, 1AB2, ... , 1234A  e.g. WPI 1234A
//   Motorcycle and moped plates use shorter layouts.
// - Custom plates (indywidualne): the voivodeship letter and a digit, then 3 to 5 characters chosen
//   by the owner, letters except that at most the last two may be digits: W1 KAROL, B4 BMW99, K6 Z17.
//
// The layouts have been extended over the years, so this parser does not enforce the layout list;
// it enforces the structure above and rejects what cannot be a plate: characters outside A–Z/0–9,
// fewer than 5 or more than 8 characters, an unknown first letter, a vehicle part without a digit.
// The regulation also avoids B, D, I, O, Z in new vehicle parts, but older plates use them, so
// they are accepted.
//
// Canonical form: area code, one space, vehicle part ("WX 12345", "WPI 1234A", "W1 KAROL"). The
// split is made from the characters alone: the area code is the leading run of letters (at most 3),
// so a motorcycle plate printed "KR A123" is stored as "KRA 123"; the same plate always gets the
// same canonical form, which is what matching needs.

public struct PlateNumber: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case standard
        case custom
    }

    /// "WX", "WPI", or for a custom plate the voivodeship letter and digit, "W1".
    public let areaCode: String
    /// Everything after the area code: "12345", "1234A", "KAROL".
    public let vehiclePart: String
    public let kind: Kind
    /// The stored form: `areaCode + " " + vehiclePart`.
    public var canonical: String { areaCode + " " + vehiclePart }
    public var description: String { canonical }

    /// First letters of Polish plates: the 16 voivodeships, H (services) and U (armed forces).
    public static let firstLetters: Set<Character> = ["B", "C", "D", "E", "F", "G", "H", "K", "L", "N", "O", "P", "R", "S", "T", "U", "W", "Z"]
    public static let lengthRange = 5...8

    public init(parsing raw: String) throws(FieldError) {
        // Keep only letters and digits, upper-cased; spaces and dashes are separators people type.
        var chars: [Character] = []
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x30...0x39: chars.append(Character(scalar))
            case 0x61...0x7A: chars.append(Character(Unicode.Scalar(scalar.value - 0x20)!))
            case 0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212: continue
            default:
                if scalar.properties.isWhitespace { continue }
                throw FieldError(
                    .plate,
                    pl: "Numer rejestracyjny może zawierać tylko litery A–Z i cyfry (bez polskich znaków); usuń \(Wording.quoted(scalar)).",
                    en: "A registration plate may contain only letters A–Z and digits; remove \(Wording.quoted(scalar)).")
            }
        }
        if chars.isEmpty { throw FreeText.required(.plate) }
        guard Self.lengthRange.contains(chars.count) else {
            let tooShort = chars.count < Self.lengthRange.lowerBound
            throw FieldError(
                .plate,
                pl: "Numer rejestracyjny ma \(Wording.charactersPL(chars.count)) — za \(tooShort ? "mało" : "dużo"); polska tablica ma od 5 do 8 liter i cyfr, np. WX 12345.",
                en: "The registration plate has \(Wording.charactersEN(chars.count)), too \(tooShort ? "few" : "many"); a Polish plate has 5 to 8 letters and digits, e.g. WX 12345.")
        }
        guard Self.firstLetters.contains(chars[0]) else {
            let first = String(chars[0])
            throw FieldError(
                .plate,
                pl: "Polska tablica zaczyna się od litery województwa (B C D E F G K L N O P R S T W Z, służby H i U), nie od „\(first)”; sprawdź numer.",
                en: "A Polish plate starts with the voivodeship letter (B C D E F G K L N O P R S T W Z, services H and U), not “\(first)”; check the number.")
        }
        if chars[1].isASCIIDigit {
            // Custom plate: voivodeship letter, digit, then 3-5 letters of which only the last two may be digits.
            let rest = Array(chars[2...])
            let lettersOnlyPart = rest.dropLast(2)
            guard (3...5).contains(rest.count), rest[0].isASCIILetter, lettersOnlyPart.allSatisfy(\.isASCIILetter) else {
                throw FieldError(
                    .plate,
                    pl: "Tablica indywidualna to litera województwa, cyfra i 3–5 liter (tylko dwie ostatnie mogą być cyframi), np. W1 KAROL; sprawdź numer.",
                    en: "A custom plate is the voivodeship letter, a digit and 3–5 letters (only the last two may be digits), e.g. W1 KAROL; check the number.")
            }
            areaCode = String(chars[0...1])
            vehiclePart = String(rest)
            kind = .custom
            return
        }
        let leadingLetters = chars.prefix(while: \.isASCIILetter).count
        let areaLength = min(leadingLetters, 3)
        let rest = Array(chars[areaLength...])
        let area = String(chars[..<areaLength])
        let allowedRest = areaLength == 2 ? 4...5 : 3...5
        guard allowedRest.contains(rest.count) else {
            throw FieldError(
                .plate,
                pl: "Po wyróżniku \(area) tablica ma \(allowedRest.lowerBound)–\(allowedRest.upperBound) znaków, a ten numer ma \(Wording.charactersPL(rest.count)); sprawdź numer (np. WX 12345, WPI 1234A).",
                en: "After the area code \(area) a plate has \(allowedRest.lowerBound)–\(allowedRest.upperBound) characters, this one has \(rest.count); check the number (e.g. WX 12345, WPI 1234A).")
        }
        guard rest.contains(where: \.isASCIIDigit) else {
            throw FieldError(
                .plate,
                pl: "Po wyróżniku \(area) numer tablicy zawiera cyfry, a „\(String(rest))” ich nie ma; sprawdź numer.",
                en: "After the area code \(area) a plate number contains digits, “\(String(rest))” has none; check the number.")
        }
        areaCode = area
        vehiclePart = String(rest)
        kind = .standard
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    fileprivate var isASCIILetter: Bool { ("A"..."Z").contains(self) }
}
