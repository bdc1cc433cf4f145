import AsodeskDomain
import AsodeskScreen
import Testing

@Suite struct CellBufferTests {
    @Test func textIsMadeSafeAndClippedWithAnEllipsis() {
        var buffer = CellBuffer(width: 12, height: 2)
        let used = buffer.write("Zażółć\u{1B}[2Jgęślą", x: 0, y: 0, role: .body)
        #expect(used == 12)
        #expect(buffer.line(0) == "Zażółć␛[2Jg…")
        #expect(!buffer.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } })
    }

    @Test func wideCharactersTakeTwoCellsAndNeverOverflow() {
        var buffer = CellBuffer(width: 5, height: 1)
        buffer.write("日本語", x: 0, y: 0, role: .warning)
        #expect(buffer.line(0) == "日本…")
        #expect(buffer[0, 0].text == "日" && buffer[1, 0].text == "")
        #expect(buffer[4, 0].role == .warning)
    }

    @Test(arguments: [
        ("Klient zgłasza stuki w zawieszeniu", 12, ["Klient", "zgłasza", "stuki w", "zawieszeniu"]),
        ("ABCDEFGHIJ", 4, ["ABCD", "EFGH", "IJ"]),
        ("linia 1\nlinia 2", 20, ["linia 1", "linia 2"]),
    ])
    func wrapBreaksBetweenWordsAndKeepsTypedLineBreaks(text: String, width: Int, expected: [String]) {
        #expect(DisplayWidth.wrap(text, width: width) == expected)
    }

    @Test func rolesCanBeReadBackPerCell() {
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.write("✗ 1:00", x: 2, y: 0, role: .breached)
        #expect(buffer.column(of: "✗", row: 0) == 2)
        #expect(buffer[2, 0].role == .breached)
        #expect(buffer[1, 0].role == .body)
    }

    /// Text of one-cell characters takes a shorter path; it must place, make safe, clip and count
    /// exactly as the general path does: what DisplayWidth.truncate keeps of SafeText.display, from
    /// x on. The letters mix that path's characters with ones it must leave to the general path.
    @Test func oneCellTextIsPlacedAndClippedLikeAnyOtherText() {
        var random = SeededRandom(seed: 7)
        let letters = Array("abc XYZ 0123-/:.żółćŁ✓✗‖·—„”\u{AD}\u{202E}\u{200B}\u{2028}\u{7F}\u{1B}日e\u{301}❤\u{FE0F}🇵🇱…")
        for _ in 0..<2_000 {
            let text = String((0..<random.int(0...30)).map { _ in random.pick(Array(letters.dropLast())) })
            let x = random.int(-6...20), maxWidth = random.chance(0.3) ? nil : random.int(-1...25)
            var buffer = CellBuffer(width: 20, height: 1)
            let used = buffer.write(text, x: x, y: 0, role: .warning, maxWidth: maxWidth)
            let limit = min(maxWidth ?? Int.max, 20 - max(0, x))
            // The cells the text should take: each character, then "" for the right half of a wide one.
            let kept = x >= 20 || limit <= 0 ? [] : DisplayWidth.truncate(SafeText.display(text), to: limit)
                .flatMap { DisplayWidth.of($0) == 2 ? [String($0), ""] : [String($0)] }
            #expect(used == kept.count, "“\(text)” at \(x), at most \(String(describing: maxWidth))")
            for column in 0..<20 {
                let index = column - x
                // A wide character cut by the left edge leaves its right half blank, not half drawn.
                let written = kept.indices.contains(index) && !(column == 0 && kept[index].isEmpty)
                #expect(buffer[column, 0].text == (written ? kept[index] : " "), "“\(text)” at \(x), column \(column)")
                #expect(buffer[column, 0].role == (written ? .warning : .body))
            }
        }
    }
}
