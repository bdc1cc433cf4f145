import Foundation

/// The rule for operator ids, in the site config and in the log: lowercase ASCII letters, digits,
/// `.`, `_` and `-`, 2–32 characters. An id is what the history shows as the author of an event,
/// so nothing that could pass for another id (an uppercase letter, a Cyrillic look-alike, a path)
/// is one.
public enum OperatorID {
    public static let lengths = 2...32

    /// Why `text` is not an id; nil when it is one.
    public enum Problem: Sendable, Equatable {
        /// Shorter than 2 or longer than 32 characters (the count is of Unicode scalars).
        case length(Int)
        /// The first character outside `[a-z0-9._-]`, with its code point (an uppercase ASCII
        /// letter included: ids are lowercase).
        case character(Unicode.Scalar)
    }

    public static func problem(_ text: String) -> Problem? {
        if let bad = text.unicodeScalars.first(where: { !isAllowed($0) }) { return .character(bad) }
        let count = text.unicodeScalars.count
        return lengths.contains(count) ? nil : .length(count)
    }

    /// A character as a message names it: `U+0430 "а"` (quoted only when printable).
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let printable = scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
            || scalar.properties.generalCategory == .format ? false : scalar.value >= 0x20
        return printable ? "\(code) \"\(Character(scalar))\"" : code
    }

    public static func isValid(_ text: String) -> Bool { problem(text) == nil }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_" || scalar == "-"
    }

    /// What an id looks like to a reader skimming a history, so that two ids with the same
    /// skeleton are confusable:
    ///
    /// | step | what | example |
    /// |---|---|---|
    /// | 1 | lowercase | `JLewandowska` → `jlewandowska` |
    /// | 2 | drop `.`, `_`, `-` | `a.nowak` → `anowak` |
    /// | 3 | `0` → `o` | `an0wak` → `anowak` |
    /// | 4 | `1` → `l`, `i` → `l` | `ania1` → `anlal`, `ania` → `anla` |
    /// | 5 | `rn` → `m` | `rnarek` → `marek` |
    /// | 6 | `vv` → `w` | `vvojtek` → `wojtek` |
    ///
    /// Other characters stay as they are (non-ASCII ones are refused by the id rule before this
    /// is asked).
    public static func skeleton(_ id: String) -> String {
        var text = id.lowercased().filter { $0 != "." && $0 != "_" && $0 != "-" }
        text = String(text.map { switch $0 { case "0": "o"; case "1", "i": "l"; default: $0 } })
        return text.replacingOccurrences(of: "rn", with: "m").replacingOccurrences(of: "vv", with: "w")
    }

    /// Whether `a` and `b` differ yet look alike (the same skeleton).
    public static func confusable(_ a: String, _ b: String) -> Bool {
        a != b && skeleton(a) == skeleton(b)
    }
}
