import AsodeskDomain
import AsodeskScreen

/// Layout helpers for procedure texts (steps, reasons) and field messages: they are sentences,
/// so they are wrapped at word boundaries instead of cut.
enum ProcedureText {
    /// Writes `text` wrapped into `area` from row `y` on, at most `maxLines` lines, each starting
    /// with `indent` columns after the first (which starts with `prefix`). Returns the next free row.
    @discardableResult
    static func write(_ text: String, prefix: String = "", into buffer: inout CellBuffer, x: Int, y: Int, width: Int,
                      maxY: Int, role: StyleRole, maxLines: Int = .max) -> Int {
        let indent = DisplayWidth.of(prefix)
        var lines = DisplayWidth.wrap(text, width: width - indent)
        if lines.count > maxLines {
            // Keep the last line's start and mark that the text goes on.
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = DisplayWidth.truncate(lines[maxLines - 1] + " …", to: width - indent)
        }
        var row = y
        for (index, line) in lines.enumerated() {
            guard row < maxY else { break }
            if index == 0 && !prefix.isEmpty { buffer.write(prefix, x: x, y: row, role: role) }
            buffer.write(line, x: x + indent, y: row, role: role, maxWidth: width - indent)
            row += 1
        }
        return row
    }

    /// `Krok 3 z 7` / `Step 3 of 7`.
    static func stepOf(_ index: Int, _ count: Int, language: Language) -> String {
        language == .polish ? "Krok \(index) z \(count)" : "Step \(index) of \(count)"
    }
}
