import AsodeskDomain

/// What a cell means, not what colour it is: a theme maps each role to colours and attributes.
public enum StyleRole: String, CaseIterable, Sendable, Hashable {
    case body, header, selection, footer
    case footerKey = "footer-key"
    case muted, ok, warning, breached, paused, error
}

/// One terminal cell: one grapheme cluster, or "" for the right half of a wide character.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var role: StyleRole
    public init(text: String, role: StyleRole) { self.text = text; self.role = role }
    public static let blank = Cell(text: " ", role: .body)
}

public struct Rect: Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public func inset(by margin: Int) -> Rect {
        Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
    }
    /// Splits off `columns` on the left; the rest is the second part.
    public func splitColumns(_ columns: Int) -> (left: Rect, right: Rect) {
        let left = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: left, height: height), Rect(x: x + left, y: y, width: width - left, height: height))
    }
    public func splitRows(_ rows: Int) -> (top: Rect, bottom: Rect) {
        let top = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: top), Rect(x: x, y: y + top, width: width, height: height - top))
    }
}

/// A plain grid of styled cells: views draw into it, tests read it, the terminal backend copies
/// what changed to the screen. Every text written is made safe first (SafeText), so no control or
/// escape character from stored text can reach a terminal through it.
public struct CellBuffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should blink (a text field being edited), or nil to hide it.
    public var cursor: (x: Int, y: Int)? {
        get { cursorPosition.map { ($0 % max(width, 1), $0 / max(width, 1)) } }
        set { cursorPosition = newValue.flatMap { contains(x: $0.x, y: $0.y) ? $0.y * width + $0.x : nil } }
    }
    private var cursorPosition: Int?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    public mutating func fill(_ rect: Rect, role: StyleRole) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { cells[y * width + x] = Cell(text: " ", role: role) }
        }
    }

    /// Sets the role of cells without changing their text (highlighting a row).
    public mutating func restyle(_ rect: Rect, role: StyleRole) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { cells[y * width + x].role = role }
        }
    }

    /// Writes one line of text at (x, y), made safe and clipped to `maxWidth` columns (and the
    /// buffer's edge); a clipped text ends in "…". Returns the number of columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? Int.max, width - max(0, x))
        guard limit > 0 else { return 0 }
        if let written = writeSingleCellText(text, x: x, y: y, role: role, limit: limit) { return written }
        let safe = DisplayWidth.truncate(SafeText.display(text), to: limit)
        var column = x
        for character in safe {
            let cellWidth = DisplayWidth.of(character)
            if cellWidth == 0 { continue }  // SafeText leaves no lone combining marks; a cluster carries its own
            if column >= 0 {
                self[column, y] = Cell(text: String(character), role: role)
                if cellWidth == 2 { self[column + 1, y] = Cell(text: "", role: role) }
            }
            column += cellWidth
        }
        return column - x
    }

    /// Most of a frame is ASCII, Polish letters and a few marks (✓ ‖ … „”), each of which SafeText
    /// leaves as it is and which take one cell and one grapheme cluster each: written scalar by
    /// scalar, without SafeText and width tables. Places, clips and counts exactly as `write`
    /// does, or returns nil (writing nothing) when the text holds anything else.
    private mutating func writeSingleCellText(_ text: String, x: Int, y: Int, role: StyleRole, limit: Int) -> Int? {
        let scalars = text.unicodeScalars
        var count = 0
        for scalar in scalars {
            guard Self.isSingleCellAsItIs(scalar.value) else { return nil }
            count += 1
        }
        let clipped = count > limit
        var remaining = clipped ? limit - 1 : count
        var column = x
        for scalar in scalars {
            guard remaining > 0 else { break }
            if column >= 0 { self[column, y] = Cell(text: String(scalar), role: role) }
            column += 1
            remaining -= 1
        }
        if clipped {
            if column >= 0 { self[column, y] = Cell(text: "…", role: role) }
            column += 1
        }
        return column - x
    }

    /// Printable ASCII; Latin-1 and Latin Extended (not the soft hyphen, not combining marks);
    /// punctuation, super- and subscripts, currency, letterlike symbols, arrows, technical marks,
    /// box drawing, shapes and dingbats — leaving out the format and separator characters of
    /// U+2000–U+206F, which SafeText escapes, and everything that combines with its neighbour.
    static func isSingleCellAsItIs(_ value: UInt32) -> Bool {
        switch value {
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x2FF, 0x2010...0x2027, 0x2030...0x205F, 0x2070...0x20CF, 0x2100...0x2BFF:
            return true
        default:
            return false
        }
    }

    /// Writes `text` padded with spaces to exactly `width` columns (clipped with "…" if longer).
    public mutating func writePadded(_ text: String, x: Int, y: Int, width: Int, role: StyleRole) {
        fill(Rect(x: x, y: y, width: width, height: 1), role: role)
        write(text, x: x, y: y, role: role, maxWidth: width)
    }

    /// Writes text right-aligned so that it ends at column `endX` (exclusive).
    @discardableResult
    public mutating func writeRightAligned(_ text: String, endX: Int, y: Int, role: StyleRole) -> Int {
        let columns = DisplayWidth.of(SafeText.display(text))
        return write(text, x: endX - columns, y: y, role: role)
    }

    /// The text of one row, trailing spaces removed: what a golden-screen test compares.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var out = ""
        for x in 0..<width { out += cells[y * width + x].text }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// Every row as text, joined by newlines.
    public var text: String { (0..<height).map(line).joined(separator: "\n") }

    /// The column where `needle` starts on row y, counted in cells, or nil.
    public func column(of needle: String, row y: Int) -> Int? {
        guard y >= 0, y < height else { return nil }
        var x = 0
        while x < width {
            var candidate = ""
            var cx = x
            while cx < width, DisplayWidth.of(candidate) < DisplayWidth.of(needle) {
                candidate += cells[y * width + cx].text
                cx += 1
            }
            if candidate == needle { return x }
            x += 1
        }
        return nil
    }
}
