/// How contact data reads on shared screens (the queue, the board, a history seen by anyone): enough
/// to tell two customers apart at the desk, not enough to copy down.
public enum ContactMask {
    /// `+48 601 234 567` → `+48 *** *** 567`: the country code and the last three digits stay.
    public static func phone(_ phone: String) -> String {
        let digitCount = phone.filter(\.isNumber).count
        let countryDigits = phone.hasPrefix("+") ? 2 : 0
        var seen = 0
        return String(phone.map { character -> Character in
            guard character.isNumber else { return character }
            seen += 1
            return seen <= countryDigits || seen > digitCount - 3 ? character : "*"
        })
    }

    /// `jan.kowalski@wp.pl` → `j***@wp.pl`.
    public static func email(_ email: String) -> String {
        guard let at = email.firstIndex(of: "@"), at > email.startIndex else { return "***" }
        return String(email[email.startIndex]) + "***" + String(email[at...])
    }

    /// Where an answer went: an e-mail address as `email(_:)`; a postal address keeps only its
    /// last word (the town): `ul. Długa 5, 00-950 Warszawa` → `*** Warszawa`.
    public static func address(_ address: String) -> String {
        if address.contains("@") && !address.contains(" ") { return email(address) }
        let words = address.split(whereSeparator: { $0.isWhitespace || $0 == "," })
        guard let town = words.last, words.count > 1 else { return "***" }
        return "*** " + town
    }
}
