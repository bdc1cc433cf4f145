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
        TextScrolling.apply(command, to: &scroll) || command == .help
    }

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let pl = dashboard.language == .polish
        let rows = rows(dashboard: dashboard)
        let intro = described.capturesText
            ? (pl ? "W polu tekstowym litery i cyfry wpisują tekst; działają klawisze funkcyjne, Tab i Esc."
                  : "In a text field letters and digits type; function keys, Tab and Esc work.")
            : (pl ? "Klawisze tego ekranu (Esc wraca):" : "Keys of this screen (Esc goes back):")
        buffer.write(" " + intro, x: area.x, y: area.y, role: .muted, maxWidth: area.width)
        // The marks of the screen under the keys, always in view: what a glyph means is asked first.
        let legend = described.legend
        let legendRows = legend.isEmpty ? 0 : min(legend.count + 1, max(0, area.height - 4))
        for (offset, entry) in legend.prefix(max(0, legendRows - 1)).enumerated() {
            let y = area.maxY - legendRows + 1 + offset
            buffer.write(" " + entry.mark, x: area.x, y: y, role: .footerKey, maxWidth: 6)
            buffer.write(entry.meaning.text(dashboard.language), x: area.x + 7, y: y, role: .body, maxWidth: area.width - 8)
        }
        if legendRows > 0 {
            buffer.write(pl ? " Znaczenie oznaczeń:" : " What the marks mean:", x: area.x, y: area.maxY - legendRows, role: .muted,
                         maxWidth: area.width)
        }
        let visible = max(1, area.height - 2 - (legendRows > 0 ? legendRows + 1 : 0))
        // As many columns of at least 38 cells as the rows need and the width allows; what still
        // does not fit scrolls, with a mark saying so.
        let columns = max(1, min(area.width / 38, (rows.count + visible - 1) / visible))
        let columnWidth = area.width / columns
        let capacity = visible * columns
        scroll = min(scroll, max(0, rows.count - capacity))
        let keyWidth = min(16, (rows.map { DisplayWidth.of($0.keys) }.max() ?? 8) + 2)
        for (offset, row) in rows.dropFirst(scroll).prefix(capacity).enumerated() {
            let x = area.x + (offset / visible) * columnWidth
            let y = area.y + 2 + offset % visible
            buffer.write(" " + row.keys, x: x, y: y, role: .footerKey, maxWidth: keyWidth)
            buffer.write(row.label, x: x + keyWidth + 1, y: y, role: .body, maxWidth: columnWidth - keyWidth - 2)
        }
        if scroll + capacity < rows.count {
            buffer.writeRightAligned(pl ? "↓ więcej" : "↓ more", endX: area.maxX - 1, y: area.y, role: .muted)
        }
    }
}
