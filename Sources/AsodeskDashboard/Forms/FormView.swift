import AsodeskDomain
import AsodeskScreen

/// Draws a form: one row per field (label, value, required mark) and, under a field with a
/// problem, the problem in the error style. The focused text field gets the terminal cursor.
public enum FormView {
    /// Rows the form needs: one per field plus one per error, plus the hint line.
    public static func height(of form: Form) -> Int {
        form.fields.count + form.fields.filter { $0.error != nil }.count + 1
    }

    public static func render(_ form: Form, into buffer: inout CellBuffer, area: Rect, language: Language) {
        let labelWidth = min(24, max(12, (form.fields.map { DisplayWidth.of($0.label.text(language)) }.max() ?? 10) + 3))
        let valueWidth = max(4, area.width - labelWidth - 1)
        var y = area.y
        for (index, field) in form.fields.enumerated() {
            guard y < area.maxY else { break }
            let focused = index == form.focus
            let label = field.label.text(language) + (field.required ? " *" : "")
            buffer.write(label, x: area.x, y: y, role: field.error != nil ? .error : (focused ? .header : .body),
                         maxWidth: labelWidth - 1)
            let valueRole: StyleRole = focused ? .selection : .muted
            let valueX = area.x + labelWidth
            buffer.fill(Rect(x: valueX, y: y, width: valueWidth, height: 1), role: valueRole)
            switch field.kind {
            case .choice:
                buffer.write("◂ " + field.display(language) + " ▸", x: valueX, y: y, role: valueRole, maxWidth: valueWidth)
            case .text:
                // Scroll long text so the cursor stays visible.
                let characters = Array(SafeText.display(field.value))
                let cursor = min(field.cursor, characters.count)
                let start = max(0, cursor - (valueWidth - 1))
                let visible = String(characters[start..<characters.count])
                buffer.write(visible, x: valueX, y: y, role: valueRole, maxWidth: valueWidth)
                if focused { buffer.cursor = (valueX + DisplayWidth.of(String(characters[start..<cursor])), y) }
            }
            y += 1
            if let error = field.error, y < area.maxY {
                buffer.write("↳ " + error.text(language), x: valueX, y: y, role: .error, maxWidth: valueWidth)
                y += 1
            }
        }
        if let hint = form.focused.hint, y < area.maxY {
            buffer.write(hint.text(language), x: area.x + labelWidth, y: y, role: .muted, maxWidth: valueWidth)
        }
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
