/// A key press, normalised by the terminal backend before dispatch (as btop and ratatui do), so the
/// dashboard never sees escape sequences or curses codes.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    /// Ctrl plus a letter, as the lower-case letter: Ctrl-L is `.control("l")`.
    case control(Character)
    /// Alt (Meta) plus a letter, which terminals send as Esc then the letter: Alt-B is `.alt("b")`.
    case alt(Character)

    /// Whether typing this key into a text field inserts it.
    public var isPrintable: Bool {
        if case .character = self { return true }
        return false
    }

    /// How the key is written in the footer and help.
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .function(let n): "F\(n)"
        case .control(let c): "^" + c.uppercased()
        case .alt(let c): "Alt-" + c.uppercased()
        }
    }
}
