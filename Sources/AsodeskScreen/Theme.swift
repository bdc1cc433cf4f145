/// A colour as a theme names it: the terminal's own (`default`) or a palette index
/// (0–7 the basic colours, 8–15 their bright variants, 16–255 on 256-colour terminals).
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    case palette(Int)

    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
}

public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let reverse = TextAttributes(rawValue: 8)
}

public struct ThemeStyle: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var attributes: TextAttributes
    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                attributes: TextAttributes = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }
}

/// Semantic roles mapped to colours and attributes. Every role has a style.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [StyleRole: ThemeStyle]

    public init(name: String, styles: [StyleRole: ThemeStyle]) {
        self.name = name
        self.styles = styles
    }

    public func style(_ role: StyleRole) -> ThemeStyle { styles[role] ?? ThemeStyle() }

    /// Whether any role uses a colour (a terminal without colour gets `monochrome` instead).
    public var usesColour: Bool {
        styles.values.contains { $0.foreground != .terminalDefault || $0.background != .terminalDefault }
    }
}
