// Vehicle identification numbers (ISO 3779).
//
// A VIN is exactly 17 characters, A–Z and 0–9 without I, O and Q (too easily read as 1 and 0).
// Input is upper-cased and spaces and dashes are dropped, so "wvw zzz 1jz xw000001" is accepted.
// The check digit (position 9) is mandatory only in North America; European manufacturers do not
// use it, so a wrong check digit is never a rejection: `checkDigitValid` is there for information.

public struct VIN: Hashable, Sendable, CustomStringConvertible {
    public static let length = 17
    /// The 17 upper-case characters.
    public let canonical: String
    public var description: String { canonical }

    public init(parsing raw: String) throws(FieldError) {
        var chars: [Unicode.Scalar] = []
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x30...0x39: chars.append(scalar)
            case 0x61...0x7A: chars.append(Unicode.Scalar(scalar.value - 0x20)!)
            case 0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212: continue
            default:
                if scalar.properties.isWhitespace { continue }
                throw FieldError(
                    .vin,
                    pl: "VIN może zawierać tylko litery A–Z (bez I, O, Q) i cyfry; usuń \(Wording.quoted(scalar)).",
                    en: "A VIN may contain only letters A–Z (no I, O or Q) and digits; remove \(Wording.quoted(scalar)).")
            }
        }
        if chars.isEmpty { throw FreeText.required(.vin) }
        guard chars.count == Self.length else {
            throw FieldError(
                .vin,
                pl: "VIN ma \(Wording.charactersPL(chars.count)); VIN ma dokładnie 17 znaków (litery i cyfry, bez I, O, Q) — sprawdź go w dowodzie rejestracyjnym.",
                en: "VIN has \(Wording.charactersEN(chars.count)); a VIN has exactly 17 (letters and digits, no I, O or Q) — check it on the registration certificate.")
        }
        if let index = chars.firstIndex(where: { "IOQ".unicodeScalars.contains($0) }) {
            let letter = chars[index]
            let digit = letter == "I" ? "1" : "0"
            throw FieldError(
                .vin,
                pl: "VIN nie zawiera liter I, O ani Q, a na pozycji \(index + 1) jest „\(letter)” — to zapewne cyfra \(digit).",
                en: "A VIN never contains I, O or Q, but position \(index + 1) is “\(letter)” — probably the digit \(digit).")
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: chars)
        canonical = text
    }

    /// Whether position 9 holds the ISO 3779 / North American check digit. Informational only.
    public var checkDigitValid: Bool { VIN.vinCheckDigitValid(canonical) }

    /// Whether `vin` (17 characters, upper case) has a correct check digit at position 9:
    /// letters transliterated to numbers, weighted, summed, modulo 11, with 10 written as X.
    public static func vinCheckDigitValid(_ vin: String) -> Bool {
        let scalars = Array(vin.unicodeScalars)
        guard scalars.count == length else { return false }
        let weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
        var sum = 0
        for (scalar, weight) in zip(scalars, weights) {
            guard let value = transliteration(scalar) else { return false }
            sum += value * weight
        }
        let remainder = sum % 11
        let expected: Unicode.Scalar = remainder == 10 ? "X" : Unicode.Scalar(UInt8(0x30 + remainder))
        return scalars[8] == expected
    }

    private static func transliteration(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "0"..."9": return Int(scalar.value - 0x30)
        case "A", "J": return 1
        case "B", "K", "S": return 2
        case "C", "L", "T": return 3
        case "D", "M", "U": return 4
        case "E", "N", "V": return 5
        case "F", "W": return 6
        case "G", "P", "X": return 7
        case "H", "Y": return 8
        case "R", "Z": return 9
        default: return nil
        }
    }
}
