// E-mail addresses: a pragmatic check that catches typing and pasting mistakes, not RFC 5322.
//
// Accepted: exactly one @; a non-empty part before it of at most 64 characters; after it a domain
// with at least one dot, no empty labels and a last label of at least 2 characters; no spaces or
// control characters; none of , ; : < > ( ) [ ] \ " (they come from pasting "Name <address>" or
// lists); at most 254 bytes in all. The domain is stored lower-cased (domains are case-insensitive);
// the part before @ is kept as typed, because in principle it is case-sensitive.

public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let canonical: String
    public var description: String { canonical }
    public static let maximumLength = 254
    public static let maximumLocalLength = 64

    public init(parsing raw: String) throws(FieldError) {
        let text = FreeText.trimmed(raw)
        if text.isEmpty { throw FreeText.required(.email) }
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                throw FieldError(.email, pl: "Adres e-mail nie może zawierać spacji ani podziału wiersza; usuń je.",
                                 en: "An e-mail address cannot contain spaces or line breaks; remove them.")
            }
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                || ",;:<>()[]\\\"".unicodeScalars.contains(scalar) {
                throw FieldError(
                    .email,
                    pl: "Adres e-mail nie może zawierać \(Wording.quoted(scalar)); wpisz sam adres, np. jan.kowalski@example.pl.",
                    en: "An e-mail address cannot contain \(Wording.quoted(scalar)); enter the address alone, e.g. jan.kowalski@example.pl.")
            }
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            if parts.count == 1 {
                throw FieldError(.email, pl: "W adresie e-mail brakuje znaku @; adres wygląda np. tak: jan.kowalski@example.pl.",
                                 en: "The e-mail address has no @; it looks like jan.kowalski@example.pl.")
            }
            throw FieldError(
                .email,
                pl: "Adres e-mail ma \(Wording.pl(parts.count - 1, one: "znak", few: "znaki", many: "znaków")) @, a powinien mieć dokładnie jeden; wpisz jeden adres.",
                en: "The e-mail address has \(parts.count - 1) @ signs; an address has exactly one — enter a single address.")
        }
        let local = String(parts[0])
        let domain = String(parts[1]).lowercased()
        guard !local.isEmpty else {
            throw FieldError(.email, pl: "Przed @ brakuje nazwy skrzynki; adres wygląda np. tak: jan.kowalski@example.pl.",
                             en: "Nothing comes before the @; an address looks like jan.kowalski@example.pl.")
        }
        guard local.utf8.count <= Self.maximumLocalLength else {
            throw FieldError(.email, pl: "Część adresu przed @ jest za długa (najwyżej 64 znaki); sprawdź adres.",
                             en: "The part before the @ is too long (at most 64 characters); check the address.")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), labels.last!.count >= 2 else {
            throw FieldError(
                .email,
                pl: "Po @ musi być domena z kropką, np. example.pl, a jest \(Wording.quoted(domain)); sprawdź adres.",
                en: "After the @ comes a domain with a dot, e.g. example.pl, not \(Wording.quoted(domain)); check the address.")
        }
        let address = local + "@" + domain
        guard address.utf8.count <= Self.maximumLength else {
            throw FieldError(
                .email,
                pl: "Adres e-mail jest za długi (\(Wording.charactersPL(address.utf8.count))); dopuszczalne najwyżej 254.",
                en: "The e-mail address is too long (\(Wording.charactersEN(address.utf8.count))); at most 254 are allowed.")
        }
        canonical = address
    }
}
