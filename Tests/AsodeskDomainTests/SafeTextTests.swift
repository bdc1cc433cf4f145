import Testing
@testable import AsodeskDomain

/// Scalars that must never leave SafeText raw, whatever the input.
func expectHarmless(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let bidiControls: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                     0x2066, 0x2067, 0x2068, 0x2069]
    for scalar in text.unicodeScalars {
        let v = scalar.value
        #expect(v >= 0x20, "C0 control U+\(String(v, radix: 16))", sourceLocation: sourceLocation)
        #expect(v != 0x7F, "DEL", sourceLocation: sourceLocation)
        #expect(!(0x80...0x9F).contains(v), "C1 control U+\(String(v, radix: 16))", sourceLocation: sourceLocation)
        #expect(!bidiControls.contains(v), "bidi control U+\(String(v, radix: 16))", sourceLocation: sourceLocation)
        #expect(v != 0x2028 && v != 0x2029, "line separator", sourceLocation: sourceLocation)
    }
    // The only format characters left are joiners and tags inside a cluster, never leading one.
    for character in text {
        for (index, scalar) in character.unicodeScalars.enumerated() where scalar.properties.generalCategory == .format {
            let keptInside = [0x200C, 0x200D].contains(scalar.value) || (0xE0020...0xE007F).contains(scalar.value)
            #expect(keptInside && index > 0, "format character U+\(String(scalar.value, radix: 16))",
                    sourceLocation: sourceLocation)
        }
    }
}

@Suite struct SafeTextTests {
    @Test(arguments: [
        ("clear \u{1B}[2J screen", "clear ␛[2J screen"),
        ("\u{1B}]52;c;SGVsbG8=\u{07}", "␛]52;c;SGVsbG8=␇"),
        ("\u{9B}31mred", "<U+009B>31mred"),
        ("nul\u{0}byte", "nul␀byte"),
        ("del\u{7F}", "del␡"),
        ("abc\u{202E}fed\u{202C}", "abc<U+202E>fed<U+202C>"),
        ("\u{2066}isolated\u{2069}", "<U+2066>isolated<U+2069>"),
        ("mark\u{200F}", "mark<U+200F>"),
        ("zero\u{200B}width\u{FEFF}", "zero<U+200B>width<U+FEFF>"),
        ("line 1\nline 2\r\nline 3\rline 4", "line 1⏎line 2⏎line 3⏎line 4"),
        ("NEL\u{85}LS\u{2028}PS\u{2029}", "NEL⏎LS⏎PS⏎"),
        ("a\tb", "a→b"),
        ("\u{301}orphan", "◌\u{301}orphan"),
    ])
    func displayMakesControlsVisible(input: String, shown: String) {
        let output = SafeText.display(input)
        #expect(output == shown)
        expectHarmless(output)
    }

    @Test(arguments: [
        "Zażółć gęślą jaźń — ZAŻÓŁĆ GĘŚLĄ JAŹŃ",
        "שלום עולם and مرحبا",
        "👨‍👩‍👧 family, 👍🏽 thumbs, 🇵🇱 flag",
        "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland",
        "e\u{301} combined, Z\u{335}\u{317}a\u{334}\u{31E}l\u{336}\u{31F}g\u{337}o",
        "नमस्ते",
        "می‌خواهم",
        "日本語のテキスト",
    ])
    func ordinaryTextIsShownUnchanged(input: String) {
        #expect(SafeText.display(input) == input)
        #expect(SafeText.singleLine(input, maxCharacters: 1000) == input)
    }

    @Test func linesAreSplitAndEachIsSafe() {
        #expect(SafeText.displayLines("") == [""])
        #expect(SafeText.displayLines("a\r\nb\n\nc\u{1B}") == ["a", "b", "", "c␛"])
    }

    @Test func singleLineCollapsesWhitespaceAndTruncatesByGrapheme() {
        #expect(SafeText.singleLine("  a \n\n b\tc  ", maxCharacters: 20) == "a b c")
        #expect(SafeText.singleLine("abcdef", maxCharacters: 4) == "abc…")
        #expect(SafeText.singleLine("abcd", maxCharacters: 4) == "abcd")
        #expect(SafeText.singleLine("ab", maxCharacters: 1) == "…")
        #expect(SafeText.singleLine("ab", maxCharacters: 0) == "")
        #expect(SafeText.singleLine("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", maxCharacters: 2) == "👨‍👩‍👧…")
        #expect(SafeText.singleLine("Zażółć gęślą", maxCharacters: 7) == "Zażółć…")
        // An escape is kept whole or dropped whole, and no space is left before the ellipsis.
        #expect(SafeText.singleLine("ab\u{202E}cdef", maxCharacters: 6) == "ab…")
        #expect(SafeText.singleLine("ab\u{202E}cdef", maxCharacters: 11) == "ab<U+202E>…")
        #expect(SafeText.singleLine("ab\u{202E}cdef", maxCharacters: 12) == "ab<U+202E>c…")
        #expect(SafeText.singleLine("ab cd", maxCharacters: 4) == "ab…")
    }

    @Test func csvFieldQuotesAndDefusesFormulas() {
        #expect(SafeText.csvField("plain") == "\"plain\"")
        #expect(SafeText.csvField("say \"hi\", then; go") == "\"say \"\"hi\"\", then; go\"")
        #expect(SafeText.csvField("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(SafeText.csvField("+48 601 234 567") == "\"'+48 601 234 567\"")
        #expect(SafeText.csvField("-5") == "\"'-5\"")
        #expect(SafeText.csvField("@SUM(A1)") == "\"'@SUM(A1)\"")
        #expect(SafeText.csvField("  =1+1") == "\"'  =1+1\"")
        #expect(SafeText.csvField("a=b") == "\"a=b\"")
        #expect(SafeText.csvField("line1\nline2\u{1B}") == "\"line1⏎line2␛\"")
        // A quote with a combining mark is one Character but still a quote to a CSV reader.
        #expect(SafeText.csvField("\"\u{301}") == "\"\"\"\u{301}\"")
        #expect(SafeText.csvField("") == "\"\"")
    }

    @Test func hostileStringsComeOutHarmless() {
        let hostile = [
            "\u{1B}[2J\u{1B}[H", "\u{1B}]52;c;ZXZpbA==\u{1B}\\", "\u{9B}6n", "\u{0}\u{1}\u{2}\u{7}\u{8}",
            "\u{202E}gnp.exe", "\u{2067}\u{2066}x\u{2069}\u{2069}", "\u{200D}\u{E0041}\u{E007F}", "\u{301}\u{302}",
            String(repeating: "\u{1B}[31m", count: 50), "\u{85}\u{8D}\u{9F}\u{80}", "x\u{AD}y\u{2060}z\u{FFF9}",
        ]
        for input in hostile {
            expectHarmless(SafeText.display(input))
            expectHarmless(SafeText.singleLine(input, maxCharacters: 12))
            expectHarmless(SafeText.csvField(input))
            for line in SafeText.displayLines(input) { expectHarmless(line) }
        }
    }

    @Test func veryLongTextIsHandledWhole() {
        let chunk = "Zażółć \u{1B}[2J 👨‍👩‍👧 \u{202E}x\n"
        let long = String(repeating: chunk, count: 100_000 / chunk.count)
        #expect(long.count >= 99_000)
        let shown = SafeText.display(long)
        expectHarmless(shown)
        #expect(shown.hasPrefix("Zażółć ␛[2J 👨‍👩‍👧 <U+202E>x⏎"))
        let cell = SafeText.singleLine(long, maxCharacters: 40)
        #expect(cell.count <= 40 && cell.hasSuffix("…"))
        expectHarmless(cell)
        expectHarmless(SafeText.csvField(long))
    }

    @Test func textThatNeedsNoEscapingIsKnown() {
        #expect(SafeText.isAlwaysEscaped("\u{1B}"))
        #expect(SafeText.isAlwaysEscaped("\u{9B}"))
        #expect(SafeText.isAlwaysEscaped("\u{202E}"))
        #expect(!SafeText.isAlwaysEscaped("ż"))
        #expect(!SafeText.isAlwaysEscaped("\u{200D}"))
    }
}
