import AsodeskDomain
import AsodeskScreen

/// The four panes of the detail screen, in Tab order.
public enum DetailPane: Int, CaseIterable, Sendable {
    case timers, data, timeline, checklist

    var title: LocalizedText {
        switch self {
        case .timers: LocalizedText("Liczniki (czas roboczy)", "Timers (business time)")
        case .data: LocalizedText("Klient i pojazd", "Customer and vehicle")
        case .timeline: LocalizedText("Historia (najnowsze u góry)", "History (newest first)")
        case .checklist: LocalizedText("Lista kontrolna", "Checklist")
        }
    }

    /// Whether up and down select an item (a timer, a step) rather than scroll text.
    var selects: Bool { self == .timers || self == .checklist }
}

/// A piece of a pane line in one role. With `width`, it takes exactly that many columns
/// (clipped with "…", or right-aligned when `alignRight`), so rows line up as a table.
struct Span {
    var text: String
    var role: StyleRole
    var width: Int?
    var alignRight = false
    /// Keep the last column blank (off for a column followed by right-aligned numbers, which
    /// bring their own gap).
    var gap = true

    init(_ text: String, _ role: StyleRole = .body, width: Int? = nil, right: Bool = false, gap: Bool = true) {
        self.text = text; self.role = role; self.width = width; self.alignRight = right; self.gap = gap
    }
}

/// One row of a pane; `item` ties it to a selectable thing (a timer, a checklist step).
struct PaneLine {
    var spans: [Span]
    var item: Int?
    /// The first row of its item: where the selection marker goes.
    var startsItem = false

    init(_ spans: [Span], item: Int? = nil, startsItem: Bool = false) {
        self.spans = spans; self.item = item; self.startsItem = startsItem
    }

    static func text(_ text: String, _ role: StyleRole = .body, indent: Int = 0, item: Int? = nil) -> PaneLine {
        PaneLine([Span(String(repeating: " ", count: indent) + text, role)], item: item)
    }
}

/// What a pane shows: a title row (with optional column headings), lines pinned under it that
/// never scroll away (what blocks the next step), and its lines.
struct PaneContent {
    var title: String
    var headings: [Span] = []
    var pinned: [PaneLine] = []
    var lines: [PaneLine] = []

    /// Rows it needs with its title.
    var rows: Int { 1 + pinned.count + lines.count }
}

enum PaneDrawing {
    /// Writes spans from `x`, never past `maxX`. Every text goes through `CellBuffer.write`.
    static func draw(_ spans: [Span], into buffer: inout CellBuffer, x startX: Int, y: Int, maxX: Int) {
        var x = startX
        for span in spans {
            guard x < maxX else { return }
            let room = maxX - x
            if let width = span.width {
                let columns = min(width, room)
                if span.alignRight {
                    let text = DisplayWidth.truncate(SafeText.display(span.text), to: max(0, columns - 1))
                    buffer.writeRightAligned(text, endX: x + columns, y: y, role: span.role)
                } else {
                    buffer.write(span.text, x: x, y: y, role: span.role, maxWidth: max(0, span.gap ? columns - 1 : columns))
                }
                x += columns
            } else {
                x += buffer.write(span.text, x: x, y: y, role: span.role, maxWidth: room)
            }
        }
    }

    /// Draws a pane: the title row (focused panes in the header style), then the lines from
    /// `scroll`; a count of hidden rows shows when there is more below.
    static func render(_ content: PaneContent, into buffer: inout CellBuffer, area: Rect, focused: Bool,
                       scroll: Int, selected: Int?, language: Language) {
        guard area.height > 0, area.width > 2 else { return }
        let titleRole: StyleRole = focused ? .header : .muted
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), role: titleRole)
        let pinned = min(content.pinned.count, area.height - 1)
        let visible = area.height - 1 - pinned
        let hidden = max(0, content.lines.count - scroll - visible)
        let more = hidden > 0 ? " ↓\(hidden) " : ""
        let moreWidth = DisplayWidth.of(more)
        let marker = focused ? "▶" : "─"
        if content.headings.isEmpty {
            buffer.write(marker + " " + content.title + " ", x: area.x, y: area.y, role: titleRole,
                         maxWidth: area.width - moreWidth)
        } else {
            // A table's title row: the title over the first column, headings over the others.
            buffer.write(marker, x: area.x, y: area.y, role: titleRole)
            draw(content.headings, into: &buffer, x: area.x + 1, y: area.y, maxX: area.maxX - moreWidth)
            buffer.restyle(Rect(x: area.x, y: area.y, width: area.width, height: 1), role: titleRole)
        }
        if hidden > 0 { buffer.writeRightAligned(more, endX: area.maxX, y: area.y, role: titleRole) }
        for (offset, line) in content.pinned.prefix(pinned).enumerated() {
            draw(line.spans, into: &buffer, x: area.x + 1, y: area.y + 1 + offset, maxX: area.maxX)
        }
        for (offset, line) in content.lines.dropFirst(scroll).prefix(max(0, visible)).enumerated() {
            let y = area.y + 1 + pinned + offset
            let isSelected = selected != nil && line.item == selected
            if isSelected && line.startsItem {
                buffer.write(focused ? "▸" : "›", x: area.x, y: y, role: focused ? .selection : .muted)
            }
            draw(line.spans, into: &buffer, x: area.x + 1, y: y, maxX: area.maxX)
        }
    }

    /// Scrolls so the selected item's rows are in view (as many as fit, its first row first).
    static func scroll(toShow item: Int?, in lines: [PaneLine], current: Int, visible: Int) -> Int {
        let maxScroll = max(0, lines.count - visible)
        var scroll = min(max(0, current), maxScroll)
        guard let item, let first = lines.firstIndex(where: { $0.item == item }),
              let last = lines.lastIndex(where: { $0.item == item }) else { return scroll }
        if last >= scroll + visible { scroll = last - visible + 1 }
        if first < scroll { scroll = first }
        return min(max(0, scroll), maxScroll)
    }

    /// Rows for each pane: every pane gets its title and one line, the focused pane then as much as
    /// it needs, then the others in `order`; what is left goes to the last pane.
    static func allocate(needs: [Int], available: Int, focused: Int?, order: [Int]) -> [Int] {
        guard !needs.isEmpty else { return [] }
        var heights = needs.map { min($0, 2) }
        var left = available - heights.reduce(0, +)
        if left < 0 {
            // Not even a title each: give rows in order until none are left.
            heights = Array(repeating: 0, count: needs.count)
            var rows = available
            for index in ([focused].compactMap { $0 } + order) where rows > 0 && heights[index] == 0 {
                heights[index] = min(2, rows)
                rows -= heights[index]
            }
            return heights
        }
        for index in [focused].compactMap({ $0 }) + order where left > 0 {
            let extra = min(left, max(0, needs[index] - heights[index]))
            heights[index] += extra
            left -= extra
        }
        heights[heights.count - 1] += left
        return heights
    }
}

extension PaneLine {
    /// `spans` as running text after `lead` (e.g. the time, whose width is the indent of every
    /// line), in lines of `width` columns: broken only where there is a space or a line break
    /// the text itself has, so no line hides its end and no word is split — except a word longer
    /// than a whole line, which alone is cut into pieces.
    static func flowing(_ spans: [Span], after lead: Span, width: Int) -> [PaneLine] {
        let indent = lead.width ?? DisplayWidth.of(lead.text)
        let room = max(10, width - indent - 1)
        // Words as runs of styled pieces: a word may change style inside (a name and its colon).
        struct Word { var pieces: [(String, StyleRole)] = []; var breakBefore = false
            var width: Int { pieces.reduce(0) { $0 + DisplayWidth.of($1.0) } } }
        var words: [Word] = []
        var current = Word()
        func endWord() {
            if !current.pieces.isEmpty { words.append(current) }
            current = Word()
        }
        for span in spans {
            for (lineIndex, line) in SafeText.displayLines(span.text).enumerated() {
                if lineIndex > 0 { endWord(); current.breakBefore = true }
                for (index, part) in line.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                    if index > 0 { endWord() }
                    if !part.isEmpty { current.pieces.append((String(part), span.role)) }
                }
            }
        }
        endWord()

        var lines: [[Span]] = [[]]
        var used = 0
        func append(_ text: String, _ role: StyleRole) {
            if let last = lines[lines.count - 1].last, last.role == role {
                lines[lines.count - 1][lines[lines.count - 1].count - 1].text += text
            } else {
                lines[lines.count - 1].append(Span(text, role))
            }
            used += DisplayWidth.of(text)
        }
        func newLine() { lines.append([]); used = 0 }
        for word in words {
            if word.breakBefore || (used > 0 && used + 1 + word.width > room) {
                newLine()
            } else if used > 0 {
                append(" ", word.pieces[0].1)
            }
            for (text, role) in word.pieces {
                var rest = Substring(text)
                while used + DisplayWidth.of(String(rest)) > room {
                    var piece = ""
                    while let c = rest.first, used + DisplayWidth.of(piece) + DisplayWidth.of(c) <= room {
                        piece.append(c)
                        rest = rest.dropFirst()
                    }
                    if piece.isEmpty && used == 0 { piece.append(rest.removeFirst()) }  // never stall
                    if !piece.isEmpty { append(piece, role) }
                    newLine()
                }
                if !rest.isEmpty { append(String(rest), role) }
            }
        }
        return lines.enumerated().map { index, spans in
            PaneLine([index == 0 ? lead : Span("", width: indent)] + spans)
        }
    }
}
