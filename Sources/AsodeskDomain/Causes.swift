import Foundation

// Why complaints happen: the cause a decision names, from the site's catalogue. The monthly
// review finds causes only if each decision records one, so the codes are stable words (they are
// stored in the log and counted by the report) and the names are what people read.

/// A cause as a decision records it: a catalogue code, optionally narrowed to one of its
/// sub-causes: `workshop-error` or `workshop-error/diagnosis`. Stored as that text.
public struct CauseCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var code: String
    public var sub: String?

    public init(code: String, sub: String? = nil) { self.code = code; self.sub = sub }

    /// Parses `code` or `code/sub`, each part a well-formed code (`CauseCatalogue.isWellFormed`);
    /// nil otherwise. Whether the catalogue knows it is `CauseCatalogue.contains`.
    public init?(text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy(CauseCatalogue.isWellFormed) else { return nil }
        self.init(code: parts[0], sub: parts.count == 2 ? parts[1] : nil)
    }

    /// `code` or `code/sub`: how it is stored, typed and shown in JSON.
    public var text: String { sub.map { "\(code)/\($0)" } ?? code }
    public var description: String { text }

    /// Only the top-level cause (what a Pareto of causes counts).
    public var main: CauseCode { CauseCode(code: code) }

    public static func < (a: CauseCode, b: CauseCode) -> Bool { a.text < b.text }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = CauseCode(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a cause code: \(text)"))
        }
        self = code
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// One cause of the catalogue, with its sub-causes (possibly none).
public struct Cause: Hashable, Sendable, Codable {
    public var code: String
    public var name: LocalizedText
    public var subs: [SubCause]
    public init(code: String, name: LocalizedText, subs: [SubCause] = []) { self.code = code; self.name = name; self.subs = subs }
}

public struct SubCause: Hashable, Sendable, Codable {
    public var code: String
    public var name: LocalizedText
    public init(code: String, name: LocalizedText) { self.code = code; self.name = name }
}

/// The causes a site records (`[[causes]]` of the site config; `standard` when it names none).
public struct CauseCatalogue: Hashable, Sendable, Codable {
    public var causes: [Cause]
    public init(causes: [Cause]) { self.causes = causes }

    /// Longest code part: a word or three joined by hyphens.
    public static let maxCodeLength = 40

    /// Lowercase ASCII letters and digits in words joined by single hyphens, starting with a letter.
    public static func isWellFormed(_ code: String) -> Bool {
        let scalars = Array(code.unicodeScalars)
        guard (1...maxCodeLength).contains(scalars.count), let first = scalars.first, ("a"..."z").contains(first),
              scalars.last != "-" else { return false }
        var previous: Unicode.Scalar = first
        for scalar in scalars.dropFirst() {
            guard ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" else { return false }
            if scalar == "-" && previous == "-" { return false }
            previous = scalar
        }
        return true
    }

    public func cause(_ code: String) -> Cause? { causes.first { $0.code == code } }

    public func contains(_ code: CauseCode) -> Bool {
        guard let cause = cause(code.code) else { return false }
        guard let sub = code.sub else { return true }
        return cause.subs.contains { $0.code == sub }
    }

    /// Every code a decision may name, in catalogue order: each cause, then its sub-causes.
    public var codes: [CauseCode] {
        causes.flatMap { cause in [CauseCode(code: cause.code)] + cause.subs.map { CauseCode(code: cause.code, sub: $0.code) } }
    }

    /// "błąd warsztatu — diagnoza" / "workshop error — diagnosis"; nil for a code the catalogue
    /// does not know (recorded under another catalogue: show the code itself).
    public func name(of code: CauseCode) -> LocalizedText? {
        guard let cause = cause(code.code) else { return nil }
        guard let subCode = code.sub else { return cause.name }
        guard let sub = cause.subs.first(where: { $0.code == subCode }) else { return nil }
        return LocalizedText(pl: "\(cause.name.pl) — \(sub.name.pl)", en: "\(cause.name.en) — \(sub.name.en)")
    }

    /// The name, or the stored code for one the catalogue no longer knows.
    public func label(of code: CauseCode) -> LocalizedText { name(of: code) ?? LocalizedText(pl: code.text, en: code.text) }

    /// What an ASO records when its site config names no causes.
    public static let standard = CauseCatalogue(causes: [
        Cause(code: "workshop-error", name: LocalizedText("błąd warsztatu", "workshop error"), subs: [
            SubCause(code: "diagnosis", name: LocalizedText("diagnoza", "diagnosis")),
            SubCause(code: "assembly", name: LocalizedText("montaż", "assembly")),
            SubCause(code: "damage-during-repair", name: LocalizedText("czystość / uszkodzenie podczas naprawy", "cleanliness / damage during repair")),
        ]),
        Cause(code: "parts-quality", name: LocalizedText("jakość części", "parts quality"), subs: [
            SubCause(code: "defective-part", name: LocalizedText("wadliwa część", "defective part")),
            SubCause(code: "wrong-part", name: LocalizedText("niewłaściwa część", "wrong part")),
            SubCause(code: "aftermarket", name: LocalizedText("część zamienna spoza sieci", "aftermarket part")),
        ]),
        Cause(code: "manufacturer-defect", name: LocalizedText("wada fabryczna", "manufacturer defect"), subs: [
            SubCause(code: "known-issue", name: LocalizedText("znana usterka (akcja serwisowa)", "known issue (service campaign)")),
            SubCause(code: "new-issue", name: LocalizedText("nowa usterka", "new issue")),
        ]),
        Cause(code: "communication", name: LocalizedText("komunikacja", "communication"), subs: [
            SubCause(code: "not-informed", name: LocalizedText("klient nie poinformowany", "customer not informed")),
            SubCause(code: "misunderstanding", name: LocalizedText("nieporozumienie", "misunderstanding")),
            SubCause(code: "staff-behaviour", name: LocalizedText("zachowanie personelu", "staff behaviour")),
        ]),
        Cause(code: "workshop-delay", name: LocalizedText("opóźnienie w warsztacie", "workshop delay"), subs: [
            SubCause(code: "capacity", name: LocalizedText("brak mocy przerobowych", "capacity")),
            SubCause(code: "parts-waiting", name: LocalizedText("oczekiwanie na części", "waiting for parts")),
            SubCause(code: "planning", name: LocalizedText("planowanie", "planning")),
        ]),
        Cause(code: "pricing-invoice", name: LocalizedText("cena/faktura", "pricing / invoice"), subs: [
            SubCause(code: "estimate-exceeded", name: LocalizedText("przekroczony kosztorys", "estimate exceeded")),
            SubCause(code: "invoice-error", name: LocalizedText("błąd na fakturze", "invoice error")),
        ]),
        Cause(code: "customer-use", name: LocalizedText("sposób użytkowania przez klienta", "customer use"), subs: [
            SubCause(code: "misuse", name: LocalizedText("niewłaściwe użytkowanie", "misuse")),
            SubCause(code: "wear", name: LocalizedText("normalne zużycie", "normal wear")),
        ]),
        Cause(code: "not-confirmed", name: LocalizedText("niepotwierdzona", "not confirmed"), subs: [
            SubCause(code: "no-fault-found", name: LocalizedText("usterka nie występuje", "no fault found")),
            SubCause(code: "outside-service", name: LocalizedText("powstała poza serwisem", "arose outside the service")),
        ]),
    ])
}
