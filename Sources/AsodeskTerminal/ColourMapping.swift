import AsodeskScreen

/// What a terminal can show, as far as colour goes.
public struct ColourCapabilities: Hashable, Sendable {
    /// How many palette colours the terminal has (COLORS): 8, 16, 88, 256...
    public var colours: Int
    /// Whether `use_default_colors` worked, so -1 means the terminal's own colour.
    public var defaultColours: Bool
    public init(colours: Int, defaultColours: Bool) {
        self.colours = colours
        self.defaultColours = defaultColours
    }
}

/// A theme style as the terminal can draw it: colour numbers for a colour pair, and attributes.
public struct TerminalStyle: Hashable, Sendable {
    /// A curses colour number, -1 for the terminal's own colour.
    public var foreground: Int16
    public var background: Int16
    public var attributes: TextAttributes
    public init(foreground: Int16, background: Int16, attributes: TextAttributes) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// Maps theme colours onto what the terminal has, like btop's 16-colour fallback: a colour the
/// palette lacks becomes the nearest one it has, and a bright colour on an 8-colour terminal
/// becomes its basic colour drawn bold (which most such terminals show brighter).
public enum ColourMapping {
    public static let terminalDefault: Int16 = -1

    public static func resolve(_ style: ThemeStyle, on terminal: ColourCapabilities) -> TerminalStyle {
        var attributes = style.attributes
        let (foreground, brightenForeground) = number(for: style.foreground, on: terminal, isBackground: false)
        let (background, _) = number(for: style.background, on: terminal, isBackground: true)
        if brightenForeground { attributes.insert(.bold) }
        return TerminalStyle(foreground: foreground, background: background, attributes: attributes)
    }

    /// The colour number to use and whether bold must stand in for a missing bright colour.
    static func number(for colour: ThemeColor, on terminal: ColourCapabilities, isBackground: Bool) -> (Int16, Bool) {
        let index: Int
        switch colour {
        case .terminalDefault:
            guard !terminal.defaultColours else { return (terminalDefault, false) }
            // Without default colours curses starts as white on black.
            return (isBackground ? 0 : 7, false)
        case .palette(let requested):
            index = requested
        }
        guard index >= 0, index < 256 else { return number(for: .terminalDefault, on: terminal, isBackground: isBackground) }
        if index < terminal.colours { return (Int16(index), false) }
        let basic = index < 16 ? index : nearestOfSixteen(index)
        if basic < terminal.colours { return (Int16(basic), false) }
        // 8 colours: bright x is x, made bold for text (bold does not brighten a background).
        return (Int16(basic % 8), basic >= 8 && !isBackground)
    }

    /// The nearest of the 16 basic colours to an xterm 256-colour index (16–255).
    static func nearestOfSixteen(_ index: Int) -> Int {
        if index >= 232 {
            // The grey ramp (8, 18 … 238) against black (0), bright black (127) and white (229).
            let level = index - 232  // 0...23
            switch level {
            case ..<6: return 0
            case ..<17: return 8
            default: return 7
            }
        }
        let cube = index - 16
        let red = cube / 36, green = (cube / 6) % 6, blue = cube % 6
        let brightest = max(red, green, blue)
        if brightest == 0 { return 0 }
        // A channel counts when it is at least half as strong as the strongest one.
        let threshold = (brightest + 1) / 2
        var basic = 0
        if red >= threshold { basic |= 1 }
        if green >= threshold { basic |= 2 }
        if blue >= threshold { basic |= 4 }
        if basic == 7 && brightest <= 2 { return 8 }  // a dark grey in the cube
        return brightest >= 4 ? basic + 8 : basic
    }
}
