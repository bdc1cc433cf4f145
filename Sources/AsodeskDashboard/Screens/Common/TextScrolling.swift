/// How a screen of text that is read, not selected from (help, a letter, the training record),
/// moves: a line, a page of ten, back to the top. The screen clamps the bottom when it draws.
enum TextScrolling {
    /// Applies a movement command to `scroll`; false for any other command.
    static func apply(_ command: Command, to scroll: inout Int) -> Bool {
        switch command {
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll += 1
        case .pageUp: scroll = max(0, scroll - 10)
        case .pageDown: scroll += 10
        case .top: scroll = 0
        default: return false
        }
        return true
    }
}
