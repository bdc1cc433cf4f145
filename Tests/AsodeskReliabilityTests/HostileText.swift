import AsodeskDomain
import Foundation

/// Text an attacker, a broken scanner or a careless paste could put into a field, and the check
/// that nothing of it can act on a terminal once shown.
enum HostileText {
    /// Sequences that do something to a terminal or to how text reads, each as typed into a field.
    static let payloads: [String] = [
        "\u{1B}]0;PWNED\u{07}",            // OSC 0: window title
        "\u{1B}]52;c;SEVMTE8=\u{07}",      // OSC 52: write the clipboard
        "\u{1B}]8;;http://evil.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\",  // OSC 8 hyperlink
        "\u{1B}[6n",                       // CSI: report the cursor (answers into the input)
        "\u{1B}[2J\u{1B}[H",               // CSI: clear the screen
        "\u{1B}[31m",                      // CSI: red from here on
        "\u{1B}P+q\u{1B}\\",               // DCS: termcap query
        "\u{1B}c",                         // RIS: reset the terminal
        "\u{9B}2J",                        // C1 CSI (U+009B)
        "\u{9D}0;PWNED\u{9C}",             // C1 OSC … ST
        "\u{90}+q\u{9C}",                  // C1 DCS … ST
        "\u{85}",                          // C1 NEL
        "\u{202E}",                        // right-to-left override
        "\u{202D}\u{202A}\u{202B}\u{202C}",
        "\u{2066}\u{2067}\u{2068}\u{2069}",  // isolates
        "\u{200E}\u{200F}\u{061C}",        // direction marks
        "\u{200B}\u{2060}\u{FEFF}\u{00AD}",  // zero width, word joiner, BOM, soft hyphen
        "\u{0301}\u{0301}\u{0301}",        // combining marks with nothing to attach to
        "Z\u{0351}\u{0352}\u{0353}\u{0354}\u{0355}a\u{0356}\u{0357}\u{0358}lgo",
        "\u{07}\u{08}\u{0B}\u{0C}\u{0D}\u{7F}",  // BEL, BS, VT, FF, CR, DEL
        "\r\u{1B}[K",                      // overwrite the line
        "line one\nline two\ttab",
    ]

    /// The escape-prefixed forms of the payloads above that must never reach the terminal raw
    /// (ncurses writes its own ESC [ sequences, so those are checked by their exact payloads; a
    /// raw C1 byte is counted apart, since 0x9B is also a continuation byte of box-drawing characters).
    static let forbiddenOutputs: [[UInt8]] = [
        Array("\u{1B}]0;PWNED".utf8), Array("\u{1B}]52;".utf8), Array("\u{1B}]8;".utf8),
        Array("\u{1B}P".utf8), Array("\u{1B}c".utf8), Array("\u{1B}[6n".utf8),
        Array("\u{9B}".utf8), Array("\u{9D}".utf8), Array("\u{90}".utf8),
        Array("\u{202E}".utf8), Array("\u{2066}".utf8), Array("\u{2067}".utf8), Array("\u{2068}".utf8),
    ]

    /// Random text mixing hostile payloads, Polish letters, emoji and arbitrary scalars.
    static func random(_ random: inout SeededRandom, maxPieces: Int = 6) -> String {
        var text = ""
        for _ in 0..<random.int(1...maxPieces) {
            switch random.int(0...5) {
            case 0, 1: text += random.pick(payloads)
            case 2: text += random.pick(["Żółć", "Jan Kowalski", "Łódź", "👨‍👩‍👧", "שלום", "مرحبا", "WX 12345", " "])
            case 3: text.unicodeScalars.append(scalar(&random))
            case 4: text += String(repeating: random.pick(["a", "ą", "\u{1B}", "\u{202E}", "x\u{0301}"]), count: random.int(1...300))
            default: text += "Klient \(random.int(1...999))"
            }
        }
        return text
    }

    /// A scalar from ranges weighted towards the ones that matter: controls, Latin-1 with C1,
    /// combining marks, general punctuation (bidi), specials, emoji, tags; or any at all.
    static func scalar(_ random: inout SeededRandom) -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x80...0xFF, 0x0300...0x036F, 0x2000...0x206F,
                                             0xFE00...0xFFFF, 0x1F300...0x1FAFF, 0xE0000...0xE007F, 0x0...0x10FFFF]
        while true {
            if let scalar = Unicode.Scalar(UInt32.random(in: random.pick(ranges), using: &random)) { return scalar }
        }
    }

    /// Bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates, a raw C1 CSI.
    static func invalidUTF8(_ random: inout SeededRandom) -> [UInt8] {
        let pieces: [[UInt8]] = [[0x80], [0xBF], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
                                 [0xFF], [0xFE], [0x9B, 0x32, 0x4A], [0xC3], [0x1B, 0x9B, 0x33, 0x31, 0x6D]]
        var bytes = Array("Jan ".utf8)
        for _ in 0..<random.int(1...4) { bytes += random.pick(pieces) + Array("x".utf8) }
        return bytes
    }

    /// What in `bytes` could act on a terminal or spoof the reading order: invalid UTF-8, C0
    /// controls other than line feed, tab and CR LF, DEL, C1 controls, bidi embeddings, overrides,
    /// isolates and marks. Empty when the bytes are safe to print.
    static func hazards(in bytes: [UInt8]) -> [String] {
        guard let text = String(validating: bytes, as: UTF8.self) else { return ["invalid UTF-8"] }
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            // CR LF ends a CSV record (RFC 4180) and does nothing more than LF; a lone CR overwrites a line.
            let lineEnd = value == 0x0A || value == 0x09 || (value == 0x0D && index + 1 < scalars.count && scalars[index + 1] == "\n")
            let hazard = (value < 0x20 && !lineEnd) || value == 0x7F || (0x80...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
                || value == 0x200E || value == 0x200F || value == 0x061C
            if hazard { found.append(String(format: "U+%04X", value)) }
        }
        return found
    }
}
