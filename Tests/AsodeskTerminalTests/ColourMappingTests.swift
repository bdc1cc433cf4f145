import AsodeskScreen
import AsodeskTerminal
import Testing

@Suite struct ColourMappingTests {
    static let colour256 = ColourCapabilities(colours: 256, defaultColours: true)
    static let colour16 = ColourCapabilities(colours: 16, defaultColours: true)
    static let colour8 = ColourCapabilities(colours: 8, defaultColours: true)
    static let colour8NoDefaults = ColourCapabilities(colours: 8, defaultColours: false)

    struct Case: Sendable, CustomTestStringConvertible {
        var style: ThemeStyle
        var terminal: ColourCapabilities
        var expected: TerminalStyle
        var testDescription: String { "\(style) on \(terminal.colours) colours" }
    }

    static func style(_ fg: ThemeColor, _ bg: ThemeColor, _ attributes: TextAttributes = []) -> ThemeStyle {
        ThemeStyle(foreground: fg, background: bg, attributes: attributes)
    }

    static func terminal(_ fg: Int16, _ bg: Int16, _ attributes: TextAttributes = []) -> TerminalStyle {
        TerminalStyle(foreground: fg, background: bg, attributes: attributes)
    }

    static let cases: [Case] = [
        // The terminal's own colours stay its own.
        Case(style: style(.terminalDefault, .terminalDefault), terminal: colour256, expected: terminal(-1, -1)),
        Case(style: style(.terminalDefault, .terminalDefault, [.reverse]), terminal: colour8, expected: terminal(-1, -1, [.reverse])),
        // Without use_default_colors curses starts as white on black.
        Case(style: style(.terminalDefault, .terminalDefault), terminal: colour8NoDefaults, expected: terminal(7, 0)),
        // A colour the terminal has is used as is.
        Case(style: style(.palette(2), .palette(0)), terminal: colour8, expected: terminal(2, 0)),
        Case(style: style(.palette(9), .palette(4), [.underline]), terminal: colour16, expected: terminal(9, 4, [.underline])),
        Case(style: style(.palette(208), .terminalDefault), terminal: colour256, expected: terminal(208, -1)),
        // Bright text on 8 colours: the basic colour, bold; a bright background loses only its brightness.
        Case(style: style(.palette(9), .terminalDefault), terminal: colour8, expected: terminal(1, -1, [.bold])),
        Case(style: style(.palette(15), .palette(12)), terminal: colour8, expected: terminal(7, 4, [.bold])),
        Case(style: style(.palette(11), .palette(0), [.dim]), terminal: colour8, expected: terminal(3, 0, [.dim, .bold])),
        // 256-colour indices on smaller palettes: the nearest basic colour.
        Case(style: style(.palette(196), .terminalDefault), terminal: colour16, expected: terminal(9, -1)),  // bright red
        Case(style: style(.palette(196), .terminalDefault), terminal: colour8, expected: terminal(1, -1, [.bold])),
        Case(style: style(.palette(22), .terminalDefault), terminal: colour16, expected: terminal(2, -1)),  // dark green
        Case(style: style(.palette(226), .palette(17)), terminal: colour16, expected: terminal(11, 4)),  // yellow on navy
        Case(style: style(.palette(231), .palette(16)), terminal: colour16, expected: terminal(15, 0)),  // white on black
        Case(style: style(.palette(244), .palette(236)), terminal: colour16, expected: terminal(8, 0)),  // greys
        Case(style: style(.palette(250), .palette(240)), terminal: colour16, expected: terminal(7, 8)),
        // Out of range: the terminal's own colour rather than a wrong one.
        Case(style: style(.palette(300), .palette(-1)), terminal: colour256, expected: terminal(-1, -1)),
    ]

    @Test(arguments: cases)
    func resolvesThemeColoursForTheTerminal(_ example: Case) {
        #expect(ColourMapping.resolve(example.style, on: example.terminal) == example.expected)
    }

    @Test func everyPaletteIndexResolvesWithinTheTerminalsColours() {
        for colours in [8, 16, 88, 256] {
            let capabilities = ColourCapabilities(colours: colours, defaultColours: true)
            for index in 0..<256 {
                let resolved = ColourMapping.resolve(Self.style(.palette(index), .palette(index)), on: capabilities)
                #expect((0..<colours).contains(Int(resolved.foreground)), "fg \(index) on \(colours)")
                #expect((0..<colours).contains(Int(resolved.background)), "bg \(index) on \(colours)")
            }
        }
    }
}
