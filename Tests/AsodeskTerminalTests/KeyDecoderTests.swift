import AsodeskDashboard
import AsodeskTerminal
import Testing

/// The curses key codes, as <ncurses.h> defines them (octal there too), so the tests need no terminal.
private enum CursesCode {
    static let down: Int32 = 0o402, up: Int32 = 0o403, left: Int32 = 0o404, right: Int32 = 0o405
    static let home: Int32 = 0o406, backspace: Int32 = 0o407
    static func f(_ n: Int32) -> Int32 { 0o410 + n }
    static let delete: Int32 = 0o512, pageDown: Int32 = 0o522, pageUp: Int32 = 0o523
    static let enter: Int32 = 0o527, keypadUpperLeft: Int32 = 0o534, keypadLowerLeft: Int32 = 0o537
    static let backTab: Int32 = 0o541, end: Int32 = 0o550, resize: Int32 = 0o632, mouse: Int32 = 0o631
    /// Past KEY_MAX (0o777): the codes asodesk defines for Alt-B and Alt-F.
    static let altB: Int32 = 0o1000, altF: Int32 = 0o1001
}

@Suite struct KeyDecoderTests {
    @Test(arguments: [
        (CursesCode.up, TerminalInput.key(.up)), (CursesCode.down, .key(.down)),
        (CursesCode.left, .key(.left)), (CursesCode.right, .key(.right)),
        (CursesCode.pageUp, .key(.pageUp)), (CursesCode.pageDown, .key(.pageDown)),
        (CursesCode.home, .key(.home)), (CursesCode.end, .key(.end)),
        (CursesCode.keypadUpperLeft, .key(.home)), (CursesCode.keypadLowerLeft, .key(.end)),
        (CursesCode.enter, .key(.enter)), (CursesCode.backspace, .key(.backspace)),
        (CursesCode.delete, .key(.delete)), (CursesCode.backTab, .key(.backTab)),
        (CursesCode.f(1), .key(.function(1))), (CursesCode.f(2), .key(.function(2))),
        (CursesCode.f(10), .key(.function(10))), (CursesCode.f(12), .key(.function(12))),
        (CursesCode.resize, .resized),
        (CursesCode.altB, .key(.alt("b"))), (CursesCode.altF, .key(.alt("f"))),
    ])
    func functionKeyCodes(code: Int32, expected: TerminalInput) {
        #expect(KeyDecoder.input(forKeyCode: code) == expected)
    }

    @Test func codesWithoutMeaningAreDropped() {
        for code in [CursesCode.mouse, CursesCode.f(0), CursesCode.f(13), CursesCode.f(24)] {
            #expect(KeyDecoder.input(forKeyCode: code) == nil, "code \(code)")
        }
    }

    @Test(arguments: [
        (UInt32(0x0D), TerminalInput.key(.enter)), (0x0A, .key(.enter)),
        (0x09, .key(.tab)), (0x1B, .key(.escape)),
        (0x7F, .key(.backspace)), (0x08, .key(.backspace)),
        (0x0C, .key(.control("l"))), (0x03, .key(.control("c"))), (0x13, .key(.control("s"))),
        (0x01, .key(.control("a"))), (0x1A, .key(.control("z"))),
        (0x71, .key(.character("q"))), (0x3F, .key(.character("?"))), (0x20, .key(.character(" "))),
        (0x0105, .key(.character("ą"))), (0x0141, .key(.character("Ł"))), (0x017C, .key(.character("ż"))),
        (0x4E2D, .key(.character("中"))),
    ])
    func characters(value: UInt32, expected: TerminalInput) {
        #expect(KeyDecoder.input(forCharacter: value) == expected)
    }

    @Test func controlBytesWithoutMeaningAreDropped() {
        for value: UInt32 in [0x00, 0x1C, 0x1D, 0x1E, 0x1F, 0x80, 0x9B, 0xD800] {
            #expect(KeyDecoder.input(forCharacter: value) == nil, "U+\(String(value, radix: 16))")
        }
    }
}
