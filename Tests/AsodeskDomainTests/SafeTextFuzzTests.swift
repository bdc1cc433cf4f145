import Testing
@testable import AsodeskDomain

@Suite struct SafeTextFuzzTests {
    /// Ranges weighted towards the characters that matter: controls, Latin-1, the general
    /// punctuation block with the bidi controls, combining marks, emoji, tags, and anything at all.
    static let ranges: [ClosedRange<UInt32>] = [
        0x00...0x7F, 0x80...0xFF, 0x0300...0x036F, 0x0600...0x06FF, 0x2000...0x206F,
        0xFE00...0xFFFF, 0x1F300...0x1FAFF, 0xE0000...0xE007F, 0x0...0x10FFFF,
    ]

    static func randomScalar(_ rng: inout SeededRandom) -> Unicode.Scalar {
        while true {
            let range = ranges.randomElement(using: &rng)!
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { return scalar }
        }
    }

    @Test(arguments: [UInt64(1), 2026, 0xA50DE5C])
    func randomTextAlwaysComesOutHarmless(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        for _ in 0..<1_500 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &rng) {
                text.unicodeScalars.append(Self.randomScalar(&rng))
            }
            let maxCharacters = Int.random(in: 0...30, using: &rng)
            expectHarmless(SafeText.display(text))
            let cell = SafeText.singleLine(text, maxCharacters: maxCharacters)
            expectHarmless(cell)
            #expect(cell.count <= maxCharacters)
            expectHarmless(SafeText.csvField(text))
            for line in SafeText.displayLines(text) { expectHarmless(line) }
        }
    }
}
