import AsodeskApp
import AsodeskDomain
import CPangoCairo
import Foundation

/// A report (`ReportDocument`) as an A4 PDF through the letters' renderer (`LetterPDF`): the
/// title, each section's heading, its table in DejaVu Sans Mono — columns fitted to the width,
/// long cells wrapped, the header row repeated after a page break — and its notes; on every page
/// the site, the generation time, the chain head and "page N of M". Deterministic: the dates in
/// the file are the report's own generation time.
public enum ReportPDF {
    typealias Style = LetterPDF.Style
    static let cellGap = 8.0, rowGap = 1.5

    /// One thing to draw on one page, once the page count is known.
    enum Item {
        case text(OpaquePointer, x: Double, y: Double)
        case rule(x: Double, y: Double, width: Double)
    }

    public static func render(_ document: ReportDocument) throws -> [UInt8] {
        // cairo takes `2026-11-30T23:59:59+01:00`; its metadata dates come from the document only.
        try LetterPDF.document(title: document.title, stamp: document.generatedAt) { cr in draw(document, cr) }
    }

    static func draw(_ document: ReportDocument, _ cr: OpaquePointer) {
        let margin = LetterPDF.margin, width = LetterPDF.pageWidth - 2 * margin
        let top = margin, bottom = LetterPDF.pageHeight - margin - LetterPDF.footerHeight
        var layouts: [OpaquePointer] = []
        defer { layouts.forEach { g_object_unref(UnsafeMutableRawPointer($0)) } }
        func make(_ text: String, _ style: Style, _ width: Double) -> (OpaquePointer, Double) {
            let layout = LetterPDF.layout(cr, SafeText.display(text), style: style, width: width)
            layouts.append(layout)
            var w: Int32 = 0, h: Int32 = 0
            pango_layout_get_size(layout, &w, &h)
            return (layout, Double(h) / Double(PANGO_SCALE))
        }
        /// The width a text takes unwrapped.
        func natural(_ text: String, _ style: Style) -> Double {
            let layout = LetterPDF.layout(cr, SafeText.display(text), style: style, width: 10_000)
            defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
            pango_layout_set_width(layout, -1)
            var w: Int32 = 0, h: Int32 = 0
            pango_layout_get_size(layout, &w, &h)
            return Double(w) / Double(PANGO_SCALE)
        }

        var pages: [[Item]] = [[]]
        var y = top
        func newPage() { pages.append([]); y = top }
        func place(_ item: Item) { pages[pages.count - 1].append(item) }
        func block(_ text: String, _ style: Style, indent: Double = 0) {
            let (layout, height) = make(text, style, width - indent)
            if y + height > bottom && y > top { newPage() }
            place(.text(layout, x: margin + indent, y: y))
            y += height
        }

        func drawTable(_ table: ReportDocument.Table) {
            let count = table.columns.count
            let headers = table.columns.map(\.title)
            // Natural widths; when they overflow the page, the room is shared fairly: narrowest
            // first, each column takes its natural width or an even share of what is left, and
            // wraps inside it (so a short column never wraps because a long one is there).
            var widths = (0..<count).map { column in
                max(natural(headers[column], .tableHeader),
                    table.rows.map { $0.indices.contains(column) ? natural($0[column], .table) : 0 }.max() ?? 0)
            }
            var room = width - cellGap * Double(count - 1)
            if widths.reduce(0, +) > room {
                var left = count
                for column in widths.indices.sorted(by: { widths[$0] < widths[$1] }) {
                    widths[column] = min(widths[column], room / Double(left))
                    room -= widths[column]
                    left -= 1
                }
            }
            var xs: [Double] = []
            var x = margin
            for w in widths { xs.append(x); x += w + cellGap }
            func row(_ cells: [String], _ style: Style) -> [(OpaquePointer, Double)] {
                (0..<count).map { column in
                    // A share never breaks before its percent sign (`67 % (10/15)`).
                    let text = (cells.indices.contains(column) ? cells[column] : "").replacingOccurrences(of: " %", with: "\u{00A0}%")
                    let (layout, height) = make(text, style, widths[column])
                    if table.columns[column].alignment == .right { pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT) }
                    return (layout, height)
                }
            }
            func put(_ cells: [(OpaquePointer, Double)]) {
                for (column, cell) in cells.enumerated() { place(.text(cell.0, x: xs[column], y: y)) }
                y += (cells.map(\.1).max() ?? 0) + rowGap
            }
            func header() {
                put(row(headers, .tableHeader))
                place(.rule(x: margin, y: y, width: x - cellGap - margin))
                y += rowGap
            }
            header()
            for cells in table.rows {
                let laid = row(cells, .table)
                let height = (laid.map(\.1).max() ?? 0) + rowGap
                if y + height > bottom { newPage(); header() }
                put(laid)
            }
        }

        block(document.title, .title)
        for section in document.sections {
            y += Style.heading.spaceBefore
            // A heading never ends a page: it moves with the first rows after it.
            if y + 40 > bottom { newPage() }
            block(section.title, .heading)
            y += 3
            if let table = section.table { drawTable(table) }
            for note in section.notes { y += 2; block(note, .body, indent: 6) }
        }
        y += Style.heading.spaceBefore
        for line in document.closing { block(line, .footer) }

        for (index, items) in pages.enumerated() {
            cairo_set_source_rgb(cr, 0, 0, 0)
            for item in items {
                switch item {
                case .text(let layout, let x, let y):
                    cairo_move_to(cr, x, y)
                    pango_cairo_show_layout(cr, layout)
                case .rule(let x, let y, let w):
                    cairo_set_line_width(cr, 0.5)
                    cairo_move_to(cr, x, y)
                    cairo_line_to(cr, x + w, y)
                    cairo_stroke(cr)
                }
            }
            cairo_set_source_rgb(cr, 0.3, 0.3, 0.3)
            let footerY = LetterPDF.pageHeight - margin - 16
            _ = LetterPDF.drawText(cr, document.footer, style: .footer, x: margin, y: footerY, width: width)
            _ = LetterPDF.drawText(cr, document.pageLabel(index + 1, of: pages.count), style: .footer, x: margin, y: footerY,
                                   width: width, alignment: PANGO_ALIGN_RIGHT)
            cairo_show_page(cr)
        }
    }
}
