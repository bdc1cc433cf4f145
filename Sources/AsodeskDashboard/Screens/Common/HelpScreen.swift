import AsodeskApp
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

    /// The rows shown: keys and what they do, only what this person is offered there; then the
    /// field-editing keys where text is typed, and what the screen's marks mean (`Screen.legend`).
    /// A row without keys heads a section.
    public func rows(dashboard: Dashboard) -> [(keys: String, label: String)] {
        let language = dashboard.language
        var rows = KeyTable.reachable(in: described.contexts)
            .filter { dashboard.isOffered($0, on: described) }
            .map { binding in
                (keys: binding.keys.map(\.label).joined(separator: ", "), label: binding.label.text(language))
            }
        if described.contexts.contains(.form) || described.capturesText {
            rows.append((keys: "", label: LocalizedText("Edycja pola tekstowego", "Editing a text field").text(language)))
            rows += Form.editingKeys.map { (keys: $0.keys.map(\.label).joined(separator: ", "), label: $0.label.text(language)) }
        }
        let legend = described.legend
        if !legend.isEmpty {
            rows.append((keys: "", label: LocalizedText("Znaczenie oznaczeń", "What the marks mean").text(language)))
            rows += legend.map { (keys: $0.mark, label: $0.meaning.text(language)) }
        }
        return rows
    }

    /// The marks every surface puts beside a timer or the legal clock (`TimerReading`), so the
    /// meaning never rests on colour: the legend of every screen that shows timers.
    static let timerMarks: [(mark: String, meaning: LocalizedText)] = [
        (TimerReading.glyph(.running), LocalizedText("na czas albo dotrzymany", "on track, or met")),
        (TimerReading.glyph(.warning), LocalizedText("ostrzeżenie: termin blisko", "warning: deadline near")),
        (TimerReading.glyph(.breached), LocalizedText("po terminie, niewykonany", "overdue, missed, not done")),
        (TimerReading.glyph(.paused), LocalizedText("wstrzymany: sprawa czeka", "paused: the case waits")),
        (TimerReading.glyph(.notStarted), LocalizedText("jeszcze nie ruszył", "not started yet")),
        (ShiftBoardText.escalatedMark, LocalizedText("eskalowana", "escalated")),
        ("—", LocalizedText("nie dotyczy / brak danych", "does not apply, or none")),
    ]

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
        let visible = max(1, area.height - 2)
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
            if row.keys.isEmpty {
                buffer.write(" " + row.label, x: x, y: y, role: .header, maxWidth: columnWidth - 1)
                continue
            }
            buffer.write(" " + row.keys, x: x, y: y, role: .footerKey, maxWidth: keyWidth)
            buffer.write(row.label, x: x + keyWidth + 1, y: y, role: .body, maxWidth: columnWidth - keyWidth - 2)
        }
        if scroll + capacity < rows.count {
            buffer.writeRightAligned(pl ? "↓ więcej" : "↓ more", endX: area.maxX - 1, y: area.y, role: .muted)
        }
    }
}
