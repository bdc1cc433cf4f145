/// Moving a list's selection by the list keys (↑ ↓ PgUp PgDn Home End), the same on every list.
enum ListMotion {
    /// The selection after `command` in a list of `count` rows with `page` rows on screen, or nil
    /// when the command does not move a selection.
    static func moved(_ command: Command, from selection: Int, count: Int, page: Int) -> Int? {
        let last = max(0, count - 1), step = max(1, page - 1)
        switch command {
        case .up: return max(0, selection - 1)
        case .down: return min(last, selection + 1)
        case .pageUp: return max(0, selection - step)
        case .pageDown: return min(last, selection + step)
        case .top: return 0
        case .bottom: return last
        default: return nil
        }
    }
}
