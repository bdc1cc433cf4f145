import AsodeskDomain
import AsodeskScreen

/// Every key of the screen it was opened from, read from the key-binding table.
public final class HelpScreen: Screen {
    private let described: Screen
    private var scroll = 0

    public init(describing screen: Screen) { described = screen }

    public var contexts: [KeyContext] { [.help, .list] }
    public var title: LocalizedText {
        LocalizedText("Pomoc: \(described.title.pl)", "Help: \(described.title.en)")
    }

    /// The rows shown: keys and what they do, only what this person is offered there.
    public func rows(dashboard: Dashboard) -> [(keys: String, label: String)] {
        KeyTable.reachable(in: described.contexts)
            .filter { dashboard.isOffered($0, on: described) }
            .map { binding in
                (binding.keys.map(\.label).joined(separator: ", "), binding.label.text(dashboard.language))
            }
    }

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        switch command {
        case .up: scroll = max(0, scroll - 1)
        case .down: scroll += 1
        case .pageUp: scroll = max(0, scroll - 10)
        case .pageDown: scroll += 10
        case .top: scroll = 0
        case .help: break
        default: return false
        }
        return true
    }

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let pl = dashboard.language == .polish
        let rows = rows(dashboard: dashboard)
        let intro = described.capturesText
            ? (pl ? "W polu tekstowym litery i cyfry wpisują tekst; działają klawisze funkcyjne, Tab i Esc."
                  : "In a text field letters and digits type; function keys, Tab and Esc work.")
            : (pl ? "Klawisze tego ekranu (Esc wraca):" : "Keys of this screen (Esc goes back):")
        buffer.write(" " + intro, x: area.x, y: area.y, role: .muted, maxWidth: area.width)
        let visible = max(0, area.height - 2)
        scroll = min(scroll, max(0, rows.count - visible))
        let keyWidth = min(24, (rows.map { DisplayWidth.of($0.keys) }.max() ?? 8) + 2)
        for (offset, row) in rows.dropFirst(scroll).prefix(visible).enumerated() {
            let y = area.y + 2 + offset
            buffer.write(" " + row.keys, x: area.x, y: y, role: .footerKey, maxWidth: keyWidth)
            buffer.write(row.label, x: area.x + keyWidth + 1, y: y, role: .body, maxWidth: area.width - keyWidth - 1)
        }
    }
}
