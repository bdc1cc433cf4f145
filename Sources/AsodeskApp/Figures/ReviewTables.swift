import AsodeskDomain
import Foundation

/// A table of the monthly review as `report --month` prints it (text and PDF): a title, column
/// heads and rows of text, numbers right-aligned.
public struct ReviewTable: Sendable, Equatable {
    public var title: String
    public var columns: [String]
    /// Per column: numbers are right-aligned.
    public var numeric: [Bool]
    public var rows: [[String]]
    /// Said under the table (what a figure means, how many it rests on).
    public var notes: [String] = []

    /// Columns padded to their widest cell, two spaces apart, indented by two.
    public var textLines: [String] {
        let widths = columns.indices.map { column in
            ([columns[column]] + rows.map { column < $0.count ? $0[column] : "" }).map { DisplayText.width($0) }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            "  " + cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: max(0, widths[index] - DisplayText.width(cell)))
                return numeric[index] ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ["\(title):", line(columns)] + rows.map(line) + notes.map { "  " + $0 }
    }
}

/// Terminal cells a text takes (every character of the review is one cell wide).
enum DisplayText {
    static func width(_ text: String) -> Int { text.count }
}

extension MonthlyReview {
    /// Every table of the review, in the order the report prints them: the twelve months, then the
    /// chosen month by category, cause, channel and advisor, then the causes of its decisions and
    /// of the twelve months' (Pareto).
    public func tables(desk: Desk, language: Language) -> [ReviewTable] {
        let pl = language == .polish
        let measures = MonthlyReview.Measure.allCases
        var trendTable = ReviewTable(
            title: (pl ? "Dwanaście miesięcy (" : "Twelve months (") + ReviewText.window(self, language) + ")",
            columns: [pl ? "Miesiąc" : "Month"] + measures.map { ReviewText.column($0).text(language) },
            numeric: [false] + measures.map { _ in true }, rows: [])
        for period in months {
            trendTable.rows.append([ReviewText.month(ReviewText.key(of: period), language)]
                              + measures.map { ReviewText.detailed(Self.reading($0, of: period), $0, language) })
        }
        trendTable.rows.append([pl ? "razem 12 miesięcy" : "all 12 months"]
                          + measures.map { ReviewText.detailed(Self.reading($0, of: twelveMonths), $0, language) })
        let labelWidth = measures.map { ReviewText.measure($0).text(language).count }.max() ?? 0
        trendTable.notes = measures.map { measure in
            let label = ReviewText.measure(measure).text(language)
            return label + String(repeating: " ", count: labelWidth - label.count) + "  " + ReviewText.sparkline(self.trend(measure), measure)
        }
        var tables = [trendTable]
        let monthName = ReviewText.month(month, language)
        for dimension in DeskReport.Dimension.allCases {
            var table = ReviewTable(
                title: ReviewText.byDimension(dimension).text(language) + " — " + monthName,
                columns: [ReviewText.dimension(dimension).text(language)] + measures.map { ReviewText.column($0).text(language) }
                    + TimerName.allCases.map { Labels.timer($0).text(language) },
                numeric: [false] + measures.map { _ in true } + TimerName.allCases.map { _ in true }, rows: [])
            for (key, group) in Self.groups(dimension, of: chosen) {
                table.rows.append([ReviewText.group(dimension, key, desk: desk, language)]
                                  + measures.map { ReviewText.detailed(Self.reading($0, of: group), $0, language) }
                                  + TimerName.allCases.map { group.timers[$0.rawValue]?.onTime.text ?? "—" })
            }
            if table.rows.isEmpty { table.notes = [pl ? "brak reklamacji w tym miesiącu" : "no complaints this month"] }
            if let meaning = ReviewText.meaning(dimension) { table.notes.append(meaning.text(language)) }
            tables.append(table)
        }
        for (title, figures) in [(monthName, chosen), (pl ? "12 miesięcy" : "12 months", twelveMonths)] {
            var table = ReviewTable(
                title: (pl ? "Przyczyny decyzji (Pareto) — " : "Causes of the decisions (Pareto) — ") + title,
                columns: [pl ? "Przyczyna" : "Cause", pl ? "Decyzje" : "Decisions", pl ? "Udział" : "Share",
                          pl ? "Narastająco" : "Cumulative", ""],
                numeric: [false, true, true, true, false], rows: [])
            let rows = Self.pareto(of: figures)
            let top = Double(rows.map(\.decided).max() ?? 0)
            for row in rows {
                table.rows.append([ReviewText.cause(row.cause, desk: desk, language), String(row.decided),
                                   row.share.percent.map { "\($0) %" } ?? "—", row.cumulative.percent.map { "\($0) %" } ?? "—",
                                   ReviewText.bar(Double(row.decided), maximum: top, width: 20)])
            }
            if rows.isEmpty { table.notes = [pl ? "brak decyzji" : "no decisions"] }
            tables.append(table)
        }
        return tables
    }

    /// `report --month` as text: what needs attention now, the month's own figures, then the
    /// review's tables.
    public func text(desk: Desk, language: Language) -> String {
        var sections: [String] = []
        for table in tables(desk: desk, language: language) {
            sections.append("")
            sections += table.textLines
        }
        return report.text(in: language, showing: [Self.monthCount - 1], sections: sections)
    }
}
