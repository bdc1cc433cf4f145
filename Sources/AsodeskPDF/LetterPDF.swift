import AsodeskApp
import AsodeskDomain
import CPangoCairo
import Foundation

/// A letter as an A4 PDF: the letterhead and a page number on every page, the body laid out by
/// Pango in DejaVu Sans (every Polish letter; embedded as a subset with its Unicode map, so
/// `pdftotext` gives the text back). Deterministic: the document's dates are the letter's own,
/// so the same letter gives the same bytes.
public enum LetterPDF {
    static let pageWidth = 595.276, pageHeight = 841.89          // A4 in points
    static let margin = 56.7                                     // 2 cm
    static let headerHeight = 62.0, footerHeight = 28.0

    public struct RenderError: Error, CustomStringConvertible {
        public var description: String
    }

    enum Style {
        case title, heading, body, letterhead, letterheadName, footer
        /// A report's tables: monospaced, the header row bold.
        case table, tableHeader
        var font: String {
            switch self {
            case .table: "DejaVu Sans Mono 8"
            case .tableHeader: "DejaVu Sans Mono Bold 8"
            case .title: "DejaVu Sans Bold 14"
            case .heading: "DejaVu Sans Bold 10.5"
            case .body: "DejaVu Sans 10"
            case .letterhead: "DejaVu Sans 8"
            case .letterheadName: "DejaVu Sans Bold 10"
            case .footer: "DejaVu Sans 8"
            }
        }
        /// Space before a block of this style.
        var spaceBefore: Double {
            switch self {
            case .title: 14
            case .heading: 10
            case .body: 6
            default: 0
            }
        }
    }

    struct Block {
        var style: Style
        var text: String
    }

    /// The body as blocks: `# ` title, `## ` heading, paragraphs split at blank lines.
    static func blocks(_ body: String) -> [Block] {
        var result: [Block] = []
        var paragraph: [String] = []
        func flush() {
            if !paragraph.isEmpty { result.append(Block(style: .body, text: paragraph.joined(separator: "\n"))) }
            paragraph = []
        }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("# ") { flush(); result.append(Block(style: .title, text: String(line.dropFirst(2)))) }
            else if line.hasPrefix("## ") { flush(); result.append(Block(style: .heading, text: String(line.dropFirst(3)))) }
            else if line.isEmpty { flush() }
            else { paragraph.append(line) }
        }
        flush()
        return result
    }

    /// One laid-out line: which block, which line of it, where it goes.
    struct Placed {
        var block: Int
        var line: Int
        var page: Int
        var baseline: Double
    }

    public static func render(_ letter: Letter) throws -> [UInt8] {
        try document(title: letter.title, stamp: "\(letter.date)T00:00:00") { cr in try drawLetter(letter, cr) }
    }

    /// An A4 PDF drawn by `draw`, its bytes fixed by what is drawn and by `stamp` (its dates): the
    /// letters and the reports (`ReportPDF`) alike.
    static func document(title: String, stamp: String, _ draw: (OpaquePointer) throws -> Void) throws -> [UInt8] {
        let sink = ByteSink()
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        guard let surface = cairo_pdf_surface_create_for_stream(write, box.toOpaque(), pageWidth, pageHeight) else {
            throw RenderError(description: "cairo could not start a PDF")
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, stamp)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "asodesk")
        guard let cr = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw RenderError(description: "cairo could not draw")
        }
        do { try draw(cr) } catch {
            cairo_destroy(cr)
            cairo_surface_destroy(surface)
            throw error
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError(description: "cairo could not write the PDF: \(String(cString: cairo_status_to_string(status)))")
        }
        return sink.bytes
    }

    static func drawLetter(_ letter: Letter, _ cr: OpaquePointer) throws {

        let contentWidth = pageWidth - 2 * margin
        let top = margin + headerHeight, bottom = pageHeight - margin - footerHeight
        let blocks = blocks(letter.body)
        let layouts = blocks.map { layout(cr, $0.text, style: $0.style, width: contentWidth) }
        defer { layouts.forEach { g_object_unref(UnsafeMutableRawPointer($0)) } }

        // First pass: where every line goes, so the footer can say "page n of N".
        var placed: [Placed] = []
        var page = 0, y = top
        for (index, layout) in layouts.enumerated() {
            if y > top { y += blocks[index].style.spaceBefore }
            let lines = lineMetrics(layout)
            // A heading never ends a page: it moves with the first line after it.
            let keep = blocks[index].style == .heading && index + 1 < layouts.count
                ? (lines.first?.height ?? 0) + (lineMetrics(layouts[index + 1]).first?.height ?? 0) + 10 : 0
            if keep > 0 && y + keep > bottom && y > top { page += 1; y = top }
            for (lineIndex, line) in lines.enumerated() {
                if y + line.height > bottom && y > top { page += 1; y = top }
                placed.append(Placed(block: index, line: lineIndex, page: page, baseline: y + line.baseline))
                y += line.height
            }
        }
        let pageCount = page + 1

        for current in 0..<pageCount {
            drawLetterhead(cr, letter, width: contentWidth)
            drawFooter(cr, letter, page: current + 1, of: pageCount, width: contentWidth)
            cairo_set_source_rgb(cr, 0, 0, 0)
            for item in placed where item.page == current {
                guard let line = pango_layout_get_line_readonly(layouts[item.block], Int32(item.line)) else { continue }
                cairo_move_to(cr, margin, item.baseline)
                pango_cairo_show_layout_line(cr, line)
            }
            cairo_show_page(cr)
        }
    }

    final class ByteSink { var bytes: [UInt8] = [] }

    static func layout(_ cr: OpaquePointer, _ text: String, style: Style, width: Double) -> OpaquePointer {
        let layout = pango_cairo_create_layout(cr)!
        let font = pango_font_description_from_string(style.font)
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_text(layout, text, -1)
        return layout
    }

    /// Height and baseline (from the line's top) of each line, in points.
    static func lineMetrics(_ layout: OpaquePointer) -> [(height: Double, baseline: Double)] {
        var result: [(Double, Double)] = []
        guard let iter = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iter) }
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            let baseline = pango_layout_iter_get_baseline(iter)
            let scale = Double(PANGO_SCALE)
            result.append((Double(logical.height) / scale, Double(baseline - logical.y) / scale))
        } while pango_layout_iter_next_line(iter) != 0
        return result
    }

    static func drawText(_ cr: OpaquePointer, _ text: String, style: Style, x: Double, y: Double, width: Double,
                         alignment: PangoAlignment = PANGO_ALIGN_LEFT) -> Double {
        let layout = layout(cr, text, style: style, width: width)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        pango_layout_set_alignment(layout, alignment)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout)
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        return Double(h) / Double(PANGO_SCALE)
    }

    static func drawLetterhead(_ cr: OpaquePointer, _ letter: Letter, width: Double) {
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
        var y = margin
        for (index, line) in letter.letterhead.enumerated() {
            y += drawText(cr, line, style: index == 0 ? .letterheadName : .letterhead, x: margin, y: y, width: width)
        }
        cairo_set_line_width(cr, 0.6)
        cairo_move_to(cr, margin, margin + headerHeight - 12)
        cairo_line_to(cr, margin + width, margin + headerHeight - 12)
        cairo_stroke(cr)
    }

    static func drawFooter(_ cr: OpaquePointer, _ letter: Letter, page: Int, of count: Int, width: Double) {
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3)
        let words = letter.language == .polish ? "\(letter.number) · strona \(page) z \(count)" : "\(letter.number) · page \(page) of \(count)"
        _ = drawText(cr, words, style: .footer, x: margin, y: pageHeight - margin - 10, width: width, alignment: PANGO_ALIGN_CENTER)
    }
}
