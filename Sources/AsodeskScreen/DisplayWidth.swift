import AsodeskDomain

/// How many terminal columns text takes. Polish letters take one; East Asian wide characters
/// and most emoji take two; combining marks ride on the cell before them.
public enum DisplayWidth {
    public static func of(_ character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark {
            return 0
        }
        if character.unicodeScalars.count > 1, character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) {
            return 2  // emoji presentation selector
        }
        return isWide(first.value) ? 2 : 1
    }

    public static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }

    /// The text cut to at most `columns` columns, ending in "…" when anything was cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > columns - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// Lines of at most `width` columns, broken between words where possible. Each line of the
    /// source is made safe first (a line break typed by the customer starts a new line).
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 1 else { return [text] }
        var out: [String] = []
        for line in SafeText.displayLines(text) {
            var current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
                let candidate = current.isEmpty ? word : current + " " + word
                if DisplayWidth.of(candidate) <= width {
                    current = candidate
                    continue
                }
                if !current.isEmpty { out.append(current) }
                current = word
                // A word longer than the line is cut into pieces.
                while DisplayWidth.of(current) > width {
                    var piece = "", rest = Substring(current)
                    while let c = rest.first, DisplayWidth.of(piece) + DisplayWidth.of(c) <= width {
                        piece.append(c)
                        rest = rest.dropFirst()
                    }
                    out.append(piece)
                    current = String(rest)
                }
            }
            out.append(current)
        }
        return out
    }

    /// The text cut or padded with spaces to exactly `columns` columns.
    public static func pad(_ text: String, to columns: Int) -> String {
        let cut = truncate(text, to: columns)
        return cut + String(repeating: " ", count: max(0, columns - of(cut)))
    }

    // East Asian Wide and Fullwidth ranges, and the emoji blocks terminals draw two columns wide.
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1F680...0x1F6FF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
