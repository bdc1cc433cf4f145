import AsodeskDashboard
import CNcursesw

/// What one read from the terminal means for the loop: a key for the dashboard, or a new size.
public enum TerminalInput: Hashable, Sendable {
    case key(Key)
    case resized
}

/// Turns what `get_wch` returns into the dashboard's `Key`, so nothing past the backend sees
/// curses codes or control bytes. Pure functions of the value read: testable without a terminal.
public enum KeyDecoder {
    /// A function-key code (`get_wch` returned KEY_CODE_YES), or nil for codes the desk has no use for.
    public static func input(forKeyCode code: Int32) -> TerminalInput? {
        switch code {
        case KEY_RESIZE: return .resized
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        // Terminals send Home/End under several names (keypad corners, "begin", "select").
        case KEY_HOME, KEY_A1, KEY_FIND: return .key(.home)
        case KEY_END, KEY_C1, KEY_LL, KEY_SELECT: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_BTAB: return .key(.backTab)
        case asodesk_key_f(1)...asodesk_key_f(12): return .key(.function(Int(code - asodesk_key_f(0))))
        default:
            if let letter = altLetters.first(where: { $0.code == code })?.letter { return .key(.alt(letter)) }
            return nil
        }
    }

    /// Alt plus a letter arrives as Esc then the letter; curses is taught these sequences under
    /// codes of their own (past KEY_MAX), so Esc alone still means Esc and the letter never types.
    public static let altLetters: [(letter: Character, code: Int32)] = [("b", KEY_MAX + 1), ("f", KEY_MAX + 2)]

    /// A character (`get_wch` returned OK): printable text, or a control byte given its meaning.
    public static func input(forCharacter value: UInt32) -> TerminalInput? {
        switch value {
        case 0x0D, 0x0A: return .key(.enter)  // Enter arrives as CR in raw input, LF from some terminals
        case 0x09: return .key(.tab)
        case 0x08, 0x7F: return .key(.backspace)  // ^H and DEL: terminals disagree on which Backspace sends
        case 0x1B: return .key(.escape)
        case 0x01...0x1A:
            // Ctrl-A … Ctrl-Z, named by their lower-case letter.
            return .key(.control(Character(Unicode.Scalar(value + 0x60)!)))
        case 0x00, 0x1C...0x1F, 0x80...0x9F:
            return nil  // Ctrl-@, Ctrl-\ … Ctrl-_ and C1 controls mean nothing here
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }
}
