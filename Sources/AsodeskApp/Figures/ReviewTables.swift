import AsodeskDomain
import Foundation

extension MonthlyReview {
    /// Every table of the review, in the order the report prints them: the twelve months, then the
    /// chosen month by category, cause, channel and advisor, then the causes of its decisions and
    /// of the twelve months' (Pareto).
    public func sections(desk: Desk, language: Language) -> [ReportDocument.Section] {
        let pl = language == .polish
        let measures = MonthlyReview.Measure.allCases
        var trendTable = ReportDocument.Section(
            title: (pl ? "Dwanaście miesięcy (" : "Twelve months (") + ReviewText.window(self, language) + ")",
            table: .init(columns: [.init(pl ? "Miesiąc" : "Month")] + measures.map { .init(ReviewText.column($0).text(language), .right) },
                         rows: []))
        for period in months {
            let key = ReviewText.key(of: period)
            trendTable.table!.rows.append([ReviewText.shortMonth(key, language) + " " + key.prefix(4)]
                              + measures.map { ReviewText.detailed(Self.reading($0, of: period), $0, language) })
        }
        trendTable.table!.rows.append([pl ? "razem" : "all 12"]
                          + measures.map { ReviewText.detailed(Self.reading($0, of: twelveMonths), $0, language) })
        let labelWidth = measures.map { ReviewText.measure($0).text(language).count }.max() ?? 0
        trendTable.notes = measures.map { measure in
            let label = ReviewText.measure(measure).text(language)
            return label + String(repeating: " ", count: labelWidth - label.count) + "  " + ReviewText.sparkline(self.trend(measure), measure)
        }
        var tables = [trendTable]
        let monthName = ReviewText.month(month, language)
        // Each split as two tables, the measures and then each timer, so both fit an A4 page.
        for dimension in DeskReport.Dimension.allCases {
            let groups = Self.groups(dimension, of: chosen)
            let name = ReportDocument.Column(ReviewText.dimension(dimension).text(language))
            var table = ReportDocument.Section(
                title: ReviewText.byDimension(dimension).text(language) + " — " + monthName,
                table: .init(columns: [name] + measures.map { .init(ReviewText.column($0).text(language), .right) },
                             rows: groups.map { key, group in
                                 [ReviewText.group(dimension, key, desk: desk, language)]
                                     + measures.map { ReviewText.detailed(Self.reading($0, of: group), $0, language) }
                             }))
            if groups.isEmpty { table.table = nil; table.notes = [pl ? "brak reklamacji w tym miesiącu" : "no complaints this month"] }
            if let meaning = ReviewText.meaning(dimension) { table.notes.append(meaning.text(language)) }
            tables.append(table)
            guard !groups.isEmpty else { continue }
            tables.append(ReportDocument.Section(
                title: ReviewText.byDimension(dimension).text(language) + " — " + monthName + (pl ? ": liczniki w terminie" : ": timers on time"),
                table: .init(columns: [name] + TimerName.allCases.map { .init(Labels.timer($0).text(language), .right) },
                             rows: groups.map { key, group in
                                 [ReviewText.group(dimension, key, desk: desk, language)]
                                     + TimerName.allCases.map { group.timers[$0.rawValue]?.onTime.text ?? "—" }
                             })))
        }
        for (title, figures) in [(monthName, chosen), (pl ? "12 miesięcy" : "12 months", twelveMonths)] {
            var table = ReportDocument.Section(
                title: (pl ? "Przyczyny decyzji (Pareto) — " : "Causes of the decisions (Pareto) — ") + title,
                table: .init(columns: [.init(pl ? "Przyczyna" : "Cause"), .init(pl ? "Decyzje" : "Decisions", .right),
                                       .init(pl ? "Udział" : "Share", .right), .init(pl ? "Narastająco" : "Cumulative", .right), .init("")],
                             rows: []))
            let rows = Self.pareto(of: figures)
            let top = Double(rows.map(\.decided).max() ?? 0)
            for row in rows {
                table.table!.rows.append([ReviewText.cause(row.cause, desk: desk, language), String(row.decided),
                                   row.share.percent.map { "\($0) %" } ?? "—", row.cumulative.percent.map { "\($0) %" } ?? "—",
                                   ReviewText.bar(Double(row.decided), maximum: top, width: 20)])
            }
            if rows.isEmpty { table.table = nil; table.notes = [pl ? "brak decyzji" : "no decisions"] }
            tables.append(table)
        }
        return tables
    }

    /// `report --month` as a document (text and PDF): what needs attention now, the month's own
    /// figures, then the review's tables.
    public func document(desk: Desk, language: Language) -> ReportDocument {
        report.document(in: language, showing: [Self.monthCount - 1], more: sections(desk: desk, language: language))
    }
}
