import AsodeskDomain
import Foundation

/// A report as a document: a title, sections of tables and notes, and a footer. Built from
/// `DeskReport` in the reader's language (`DeskReport.document(in:)`); `text` sets it in plain
/// text and AsodeskPDF's `ReportPDF` on A4, so the two can never disagree. A new section (a
/// trend, a breakdown, a Pareto) is one more `Section` with its rows.
public struct ReportDocument: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public enum Alignment: Sendable, Equatable { case left, right }
        public var title: String
        public var alignment: Alignment
        public init(_ title: String, _ alignment: Alignment = .left) { self.title = title; self.alignment = alignment }
    }

    public struct Table: Sendable, Equatable {
        public var columns: [Column]
        /// Each row has one cell per column.
        public var rows: [[String]]
        public init(columns: [Column], rows: [[String]]) { self.columns = columns; self.rows = rows }
    }

    public struct Section: Sendable, Equatable {
        public var title: String
        public var table: Table?
        /// Lines after the table (or alone): remarks, totals, explanations.
        public var notes: [String]
        public init(title: String, table: Table? = nil, notes: [String] = []) { self.title = title; self.table = table; self.notes = notes }
    }

    public var language: Language
    public var title: String
    public var sections: [Section]
    /// Printed on every page of the PDF and at the end of the text.
    public var site: String
    public var generatedAt: String
    public var chainHead: String
    /// Below the sections in the text, and in the last section of the PDF: the log's size and
    /// why the chain head should leave the machine.
    public var closing: [String]

    public init(language: Language, title: String, sections: [Section], site: String, generatedAt: String,
                chainHead: String, closing: [String]) {
        self.language = language; self.title = title; self.sections = sections; self.site = site
        self.generatedAt = generatedAt; self.chainHead = chainHead; self.closing = closing
    }

    /// The footer of every PDF page, two lines (the page number is the renderer's): the chain head
    /// whole, so that any printed page can be checked with `asodesk verify`.
    public var footer: String {
        language == .polish ? "\(site) · sporządzono \(generatedAt) · głowa łańcucha:\n\(chainHead)"
                            : "\(site) · generated \(generatedAt) · chain head:\n\(chainHead)"
    }

    public func pageLabel(_ page: Int, of count: Int) -> String {
        language == .polish ? "strona \(page) z \(count)" : "page \(page) of \(count)"
    }

    /// The document in plain text: each section's title, its table with aligned columns, its notes.
    public var text: String {
        var lines = [title, ""]
        for (index, section) in sections.enumerated() {
            if index > 0 { lines.append("") }
            lines.append(section.title + ":")
            if let table = section.table { lines += Self.textLines(table) }
            lines += section.notes.map { "  " + $0 }
        }
        lines.append("")
        lines += closing
        return lines.joined(separator: "\n")
    }

    /// Columns padded to their widest cell; the last column is never padded (it may be long).
    static func textLines(_ table: Table) -> [String] {
        let all = [table.columns.map(\.title)] + table.rows
        let widths = table.columns.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = table.columns.indices.map { column -> String in
                let cell = cells.indices.contains(column) ? cells[column] : ""
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                if column == table.columns.count - 1 && table.columns[column].alignment == .left { return cell }
                return table.columns[column].alignment == .right ? pad + cell : cell + pad
            }
            let line = "  " + padded.joined(separator: "  ")
            return String(line[..<(line.lastIndex { $0 != " " }.map(line.index(after:)) ?? line.startIndex)])
        }
        return [line(table.columns.map(\.title))] + table.rows.map(line)
    }
}
