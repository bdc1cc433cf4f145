// Making stored text harmless wherever it is shown: the terminal dashboard, CLI output, CSV exports.
//
// Stored text is kept exactly as typed (see FreeText), so it may hold terminal escape sequences,
// bidi overrides that reorder what the reader sees, or invisible characters. Everything that could
// act on a terminal or spoof the display is replaced by a visible stand-in. The scheme:
//
// - Line breaks (LF, CR, CRLF, VT, FF, NEL U+0085, LS U+2028, PS U+2029) are shown as "⏎" and a
//   tab as "→"; `singleLine` instead collapses any run of whitespace, line breaks included, to one space.
// - Every other C0 control U+0000–U+001F is shown as its Unicode control picture U+2400–U+241F
//   (NUL "␀", BEL "␇", ESC "␛", ...), and DEL U+007F as "␡". An escape sequence thus becomes
//   readable and inert: ESC [2J is shown as "␛[2J".
// - Every other character without a control picture that must not reach the screen raw is shown as
//   "<U+XXXX>" (upper-case hex, at least 4 digits): the C1 controls U+0080–U+009F (including the
//   8-bit CSI U+009B), line/paragraph separators, and all format characters (Unicode category Cf):
//   bidi embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, the marks U+200E,
//   U+200F and U+061C, zero-width space U+200B, word joiner U+2060, BOM U+FEFF, soft hyphen U+00AD,
//   tag characters and the rest.
// - Exceptions that keep real text and emoji intact: zero-width (non-)joiners U+200C/U+200D inside
//   a grapheme cluster (emoji sequences such as 👨‍👩‍👧, Indic and Persian text), and tag characters
//   inside a black-flag cluster (subdivision flags such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿). At the start of a cluster they
//   are escaped like other format characters.
// - A combining mark with nothing to attach to (at the start of the text or after a control) is
//   shown on a dotted circle "◌", as Unicode charts do, so it cannot decorate a neighbouring cell
//   or border.
//
// The output therefore never contains a scalar below U+0020, U+007F, U+0080–U+009F or a bidi
// control; the tests check exactly that, including over random input.

public enum SafeText {
    public static let lineBreakMarker = "⏎"
    public static let tabMarker = "→"
    public static let ellipsis = "…"

    /// The text with every control, bidi and format character made visible (see the scheme above).
    public static func display(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character.isNewline {
                out += lineBreakMarker
            } else if character == "\t" {
                out += tabMarker
            } else {
                appendRendered(character, to: &out)
            }
        }
        return out
    }

    /// The text split at its line breaks, each line made safe as by `display`. Never empty:
    /// an empty text is one empty line.
    public static func displayLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = ""
        for character in text {
            if character.isNewline {
                lines.append(current)
                current = ""
            } else if character == "\t" {
                current += tabMarker
            } else {
                appendRendered(character, to: &current)
            }
        }
        lines.append(current)
        return lines
    }

    /// One table cell: trimmed, every run of whitespace and line breaks collapsed to one space,
    /// made safe as by `display`, and cut to at most `maxCharacters` Characters (grapheme clusters),
    /// the last of them "…" when something was cut. An escape such as "<U+202E>" is never cut in half.
    public static func singleLine(_ text: String, maxCharacters: Int) -> String {
        guard maxCharacters > 0 else { return "" }
        var units: [String] = []
        var unitLengths: [Int] = []
        var total = 0
        var pendingSpace = false
        for character in text {
            if character.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                pendingSpace = true
                continue
            }
            if pendingSpace && !units.isEmpty {
                units.append(" "); unitLengths.append(1); total += 1
            }
            pendingSpace = false
            var rendered = ""
            if character == "\t" { rendered = tabMarker } else { appendRendered(character, to: &rendered) }
            let length = rendered.count
            units.append(rendered); unitLengths.append(length); total += length
            // Collect only as much as the cell can show, plus enough to know that more follows.
            if total > maxCharacters { break }
        }
        guard total > maxCharacters else { return units.joined() }
        while let last = unitLengths.last, total + 1 > maxCharacters || units.last == " " {
            total -= last
            units.removeLast(); unitLengths.removeLast()
        }
        return units.joined() + ellipsis
    }

    /// One CSV field: made safe as by `display` (so a record stays on one line), always quoted with
    /// inner quotes doubled, and prefixed with an apostrophe when it would start with =, +, - or @
    /// (after any leading spaces), so a spreadsheet shows it as text instead of running a formula.
    public static func csvField(_ text: String) -> String {
        let safe = display(text)
        var out = "\""
        if let first = safe.unicodeScalars.first(where: { !$0.properties.isWhitespace }),
           first == "=" || first == "+" || first == "-" || first == "@" {
            out += "'"
        }
        // Scalar by scalar: a quote followed by a combining mark is one Character but still a quote to CSV.
        for scalar in safe.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        out += "\""
        return out
    }

    /// Whether `scalar` is never shown raw, wherever it stands.
    public static func isAlwaysEscaped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200C, 0x200D, 0xE0020...0xE007F: return false
        default: return escape(scalar, insideCluster: false, inFlagCluster: false) != nil
        }
    }

    private static func appendRendered(_ character: Character, to out: inout String) {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return }
        switch first.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: out.unicodeScalars.append("\u{25CC}")
        default: break
        }
        let inFlagCluster = first.value == 0x1F3F4
        var insideCluster = false
        for scalar in scalars {
            if let replacement = escape(scalar, insideCluster: insideCluster, inFlagCluster: inFlagCluster) {
                out += replacement
            } else {
                out.unicodeScalars.append(scalar)
            }
            insideCluster = true
        }
    }

    private static func escape(_ scalar: Unicode.Scalar, insideCluster: Bool, inFlagCluster: Bool) -> String? {
        let value = scalar.value
        switch value {
        case 0x00...0x1F: return String(Unicode.Scalar(0x2400 + value)!)
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F: return codePoint(value)
        case 0x200C, 0x200D: return insideCluster ? nil : codePoint(value)
        case 0xE0020...0xE007F: return insideCluster && inFlagCluster ? nil : codePoint(value)
        default:
            switch scalar.properties.generalCategory {
            case .format, .control, .lineSeparator, .paragraphSeparator, .surrogate: return codePoint(value)
            default: return nil
            }
        }
    }

    private static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
    }
}
