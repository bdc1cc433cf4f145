import AsodeskDomain
import AsodeskScreen

/// Draws a form: each field on its rows (label, value, required mark; a long free text wrapped
/// over several) and, under a field with a problem, the problem in the error style, wrapped from
/// the label column so a whole sentence shows. A form taller than its area scrolls to keep the
/// focused field in view, with ▲ and ▼ where rows are hidden. The focused text field gets the
/// terminal cursor. The one drawing of every form: intake, actions, filters.
public enum FormView {
    private enum Row { case field(Int, line: Int), error(Int, String, first: Bool) }

    private static func rows(of form: Form, width: Int, language: Language) -> [Row] {
        var rows: [Row] = []
        for (index, field) in form.fields.enumerated() {
            for line in 0..<field.lines { rows.append(.field(index, line: line)) }
            if let error = field.error {
                for (number, line) in DisplayWidth.wrap(error.text(language), width: max(8, width - 4)).prefix(3).enumerated() {
                    rows.append(.error(index, line, first: number == 0))
                }
            }
        }
        return rows
    }

    /// Rows the form needs at this width: its fields' rows and errors, plus the hint line.
    public static func height(of form: Form, width: Int, language: Language) -> Int {
        rows(of: form, width: width, language: language).count + 1
    }

    /// `isRequired` marks a label with `*` (intake asks for the phone or the e-mail, not each);
    /// `showsHint` false leaves the hint of the focused field to the caller.
    public static func render(_ form: inout Form, into buffer: inout CellBuffer, area: Rect, language: Language,
                              isRequired: (FormField) -> Bool = { $0.required }, showsHint: Bool = true) {
        let labelWidth = min(24, max(12, (form.fields.map { DisplayWidth.of($0.label.text(language)) }.max() ?? 10) + 3))
        let valueX = area.x + labelWidth
        let valueWidth = max(4, area.width - labelWidth - 1)
        let rows = rows(of: form, width: area.width, language: language)
        let visible = max(1, area.height - (showsHint ? 1 : 0))
        let focus = form.focus
        let focusRows = rows.indices.filter {
            switch rows[$0] { case .field(let i, _), .error(let i, _, _): i == focus }
        }
        if let first = focusRows.first, first < form.scroll { form.scroll = first }
        if let last = focusRows.last, last >= form.scroll + visible { form.scroll = last - visible + 1 }
        form.scroll = max(0, min(form.scroll, max(0, rows.count - visible)))

        var y = area.y
        for (offset, row) in rows.enumerated().dropFirst(form.scroll).prefix(visible) {
            switch row {
            case .field(let index, let line):
                let field = form.fields[index]
                let focused = index == focus
                let role: StyleRole = focused ? .selection : .muted
                if line == 0 {
                    let label = field.label.text(language) + (isRequired(field) ? " *" : "")
                    buffer.write(label, x: area.x, y: y, role: field.error != nil ? .error : (focused ? .header : .body),
                                 maxWidth: labelWidth - 1)
                }
                buffer.fill(Rect(x: valueX, y: y, width: valueWidth, height: 1), role: role)
                switch field.kind {
                case .choice:
                    buffer.write("◂ " + field.display(language) + " ▸", x: valueX, y: y, role: role, maxWidth: valueWidth)
                case .text where field.lines == 1:
                    // Long text scrolls so the cursor stays visible; other fields show their beginning.
                    let characters = Array(SafeText.display(field.value))
                    let cursor = min(field.cursor, characters.count)
                    let start = focused ? max(0, cursor - (valueWidth - 1)) : 0
                    buffer.write(String(characters[start...]), x: valueX, y: y, role: role, maxWidth: valueWidth)
                    if focused { buffer.cursor = (valueX + DisplayWidth.of(String(characters[start..<cursor])), y) }
                case .text:
                    renderWrapped(field, line: line, focused: focused, into: &buffer, x: valueX, y: y, width: valueWidth, role: role)
                }
            case .error(_, let line, let first):
                buffer.write((first ? "↳ " : "  ") + line, x: area.x + 2, y: y, role: .error, maxWidth: area.width - 2)
            }
            if offset == form.scroll, form.scroll > 0 { buffer.write("▲", x: area.maxX - 1, y: y, role: .muted) }
            y += 1
        }
        if form.scroll + visible < rows.count { buffer.write("▼", x: area.maxX - 1, y: y - 1, role: .muted) }
        if showsHint, let hint = form.focused.hint, y < area.maxY {
            buffer.write(hint.text(language), x: valueX, y: y, role: .muted, maxWidth: valueWidth)
        }
    }

    /// One row of a long text wrapped at spaces over the field's rows; the rows scroll to keep
    /// the cursor in view, and an ellipsis says when more lies beyond the last row shown.
    private static func renderWrapped(_ field: FormField, line: Int, focused: Bool, into buffer: inout CellBuffer,
                                      x: Int, y: Int, width: Int, role: StyleRole) {
        let characters = Array(SafeText.display(field.value))
        var rows = wrap(characters, width: width)
        let cursor = min(field.cursor, characters.count)
        var cursorRow = rows.lastIndex { $0.lowerBound <= cursor } ?? 0
        var cursorColumn = DisplayWidth.of(String(characters[rows[cursorRow].lowerBound..<cursor]))
        if cursorColumn >= width {
            // At the end of a full row the cursor stands at the start of the next.
            cursorRow += 1
            cursorColumn = 0
            if cursorRow == rows.count { rows.append(characters.count..<characters.count) }
        }
        let first = focused ? max(0, cursorRow - field.lines + 1) : 0
        let index = first + line
        if index < rows.count {
            var text = String(characters[rows[index]])
            if line == field.lines - 1, index < rows.count - 1 {
                text = String(text.prefix(max(0, text.count - 1))) + "…"
            }
            buffer.write(text, x: x, y: y, role: role, maxWidth: width)
        }
        if focused, cursorRow - first == line { buffer.cursor = (x + cursorColumn, y) }
    }

    /// Rows of at most `width` cells, broken after a space where one falls in the row (a word
    /// longer than a row is broken where it must be).
    static func wrap(_ characters: [Character], width: Int) -> [Range<Int>] {
        var rows: [Range<Int>] = []
        var start = 0
        while start < characters.count {
            var end = start, used = 0
            var lastBreak: Int?
            while end < characters.count {
                let cell = DisplayWidth.of(String(characters[end]))
                if used + cell > width { break }
                used += cell
                end += 1
                if characters[end - 1] == " " { lastBreak = end }
            }
            if end < characters.count, let lastBreak, lastBreak > start { end = lastBreak }
            if end == start { end = start + 1 }
            rows.append(start..<end)
            start = end
        }
        return rows.isEmpty ? [0..<0] : rows
    }
}

/// A bordered box with a title, for overlays and panes.
public enum Panel {
    /// Draws the box and returns the area inside it.
    @discardableResult
    public static func box(into buffer: inout CellBuffer, area: Rect, title: String, role: StyleRole = .body,
                           focused: Bool = false) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        buffer.fill(area, role: role)
        let edge: StyleRole = focused ? .header : .muted
        let horizontal = String(repeating: "─", count: area.width - 2)
        buffer.write("┌" + horizontal + "┐", x: area.x, y: area.y, role: edge)
        buffer.write("└" + horizontal + "┘", x: area.x, y: area.maxY - 1, role: edge)
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer.write("│", x: area.x, y: y, role: edge)
            buffer.write("│", x: area.maxX - 1, y: y, role: edge)
        }
        if !title.isEmpty {
            buffer.write(" \(title) ", x: area.x + 2, y: area.y, role: focused ? .header : .body, maxWidth: area.width - 4)
        }
        return Rect(x: area.x + 1, y: area.y + 1, width: area.width - 2, height: area.height - 2)
    }

    /// A rectangle of the given size centred in `area` (shrunk to fit).
    public static func centred(width: Int, height: Int, in area: Rect) -> Rect {
        let w = min(width, area.width), h = min(height, area.height)
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }
}
