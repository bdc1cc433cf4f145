import AsodeskApp
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Foundation

/// The monthly review (`MonthlyReview`): the chosen month and the eleven before it as trend lines,
/// then the month (or the twelve months) split by category, cause, channel or advisor, or the
/// causes of its decisions in order (Pareto). ←/→ choose the month, Tab the split, `w` month or
/// twelve months; Enter lists the complaints behind the selected bar.
public final class ReviewScreen: Screen {
    public enum View: CaseIterable, Sendable {
        case category, cause, subCause, channel, advisor, pareto
        var dimension: DeskReport.Dimension? {
            switch self {
            case .category: .category
            case .cause: .cause
            case .subCause: .subCause
            case .channel: .channel
            case .advisor: .advisor
            case .pareto: nil
            }
        }
    }

    public private(set) var review: MonthlyReview
    public private(set) var month: LocalDate
    public private(set) var view: View = .category
    /// The lower part shows the twelve months together instead of the chosen month.
    public private(set) var twelveMonths = false
    public private(set) var selection = 0
    private var scroll = 0
    private var visibleRows = 8
    /// What the figures were taken from (the log's last record, the clock).
    private var builtAt: (records: UInt64, at: Date)
    /// A year of figures is not rebuilt on every save of a busy desk: at most this often, and
    /// never more than a twentieth of the time (a large desk's year takes about a second).
    static let rebuildInterval: TimeInterval = 15
    private var buildSeconds: TimeInterval = 0

    public init(dashboard: Dashboard) {
        // The review is of the month just ended.
        let today = dashboard.desk.calendar.localDate(of: dashboard.now)
        let index = today.year * 12 + today.month - 2
        month = LocalDate(year: index / 12, month: index % 12 + 1, day: 1)
        review = MonthlyReview(desk: dashboard.desk, month: month, now: dashboard.now, attention: false)
        builtAt = (dashboard.desk.log.lastSequence, dashboard.now)
    }

    public var contexts: [KeyContext] { [.review, .panes, .list] }
    public var title: LocalizedText { LocalizedText("Przegląd miesięczny", "Monthly review") }
    public var legend: [(mark: String, meaning: LocalizedText)] {
        [("▁▂▃▄▅▆▇█", LocalizedText("miesiące od najstarszego; wysokość: wartość (odsetki 0–100 %, zadowolenie 1–5, liczby do największej)",
                                     "months, oldest first; height: the value (rates 0–100 %, satisfaction 1–5, counts up to the largest)")),
         ("·", LocalizedText("nie ma czego mierzyć w tym miesiącu", "nothing to measure that month")),
         ("█▌", LocalizedText("słupek: liczba przyjętych (decyzji w Pareto), obok zawsze liczba",
                              "bar: complaints received (decisions in the Pareto), the number always beside it")),
         ("—", LocalizedText("brak danych (np. żaden licznik nie miał werdyktu)", "no data (e.g. no timer had a verdict)"))]
    }

    /// The figures the lower part shows.
    public var shownFigures: DeskReport.PeriodFigures { twelveMonths ? review.twelveMonths : review.chosen }

    /// The rows of the lower part: a group of the split, or a cause of the Pareto.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var complaints: [ComplaintNumber]
    }

    public var rows: [Row] {
        if let dimension = view.dimension {
            return MonthlyReview.groups(dimension, of: shownFigures).map { Row(key: $0.key, complaints: $0.figures.complaints) }
        }
        return MonthlyReview.pareto(of: shownFigures).map { Row(key: $0.cause, complaints: $0.complaints) }
    }

    /// A new record (a late entry can change a past month) or, while the twelve months last, a
    /// minute passing changes the figures.
    public func refresh(dashboard: Dashboard) {
        let now = dashboard.now
        // Under a complaint opened from it, the review waits until it is seen again.
        guard dashboard.top === self,
              abs(now.timeIntervalSince(builtAt.at)) >= max(Self.rebuildInterval, 20 * buildSeconds) else { return }
        let lasting = month >= currentMonth(dashboard)
        let changed = dashboard.desk.log.lastSequence != builtAt.records
        guard changed || (lasting && Int(now.timeIntervalSince1970 / 60) != Int(builtAt.at.timeIntervalSince1970 / 60)) else { return }
        rebuild(dashboard: dashboard)
    }

    private func rebuild(dashboard: Dashboard) {
        let started = ProcessInfo.processInfo.systemUptime
        review = MonthlyReview(desk: dashboard.desk, month: month, now: dashboard.now, attention: false)
        buildSeconds = ProcessInfo.processInfo.systemUptime - started
        builtAt = (dashboard.desk.log.lastSequence, dashboard.now)
        selection = min(selection, max(0, rows.count - 1))
    }

    public func offers(_ binding: KeyBinding, dashboard: Dashboard) -> Bool {
        switch binding.command {
        case .open: return rows.indices.contains(selection) && !rows[selection].complaints.isEmpty
        case .nextMonth: return month < currentMonth(dashboard)
        default: return true
        }
    }

    public func refusal(of binding: KeyBinding, dashboard: Dashboard) -> LocalizedText? {
        switch binding.command {
        case .nextMonth: return LocalizedText("To jest bieżący miesiąc: późniejszego jeszcze nie ma.", "This is the current month: there is no later one yet.")
        case .open: return LocalizedText("Za tym wierszem nie ma reklamacji.", "There are no complaints behind this row.")
        default: return nil
        }
    }

    private func currentMonth(_ dashboard: Dashboard) -> LocalDate {
        let today = dashboard.desk.calendar.localDate(of: dashboard.now)
        return LocalDate(year: today.year, month: today.month, day: 1)
    }

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        if let moved = ListMotion.moved(command, from: selection, count: rows.count, page: visibleRows) {
            selection = moved
            return true
        }
        switch command {
        case .previousMonth, .nextMonth:
            let index = month.year * 12 + (month.month - 1) + (command == .nextMonth ? 1 : -1)
            let wanted = LocalDate(year: index / 12, month: index % 12 + 1, day: 1)
            guard wanted <= currentMonth(dashboard), wanted.year >= 2000 else { return true }
            month = wanted
            rebuild(dashboard: dashboard)
        case .nextPane, .previousPane:
            let all = View.allCases
            let index = all.firstIndex(of: view)! + (command == .nextPane ? 1 : all.count - 1)
            view = all[index % all.count]
            selection = 0; scroll = 0
        case .toggleWindow:
            twelveMonths.toggle()
            selection = min(selection, max(0, rows.count - 1))
        case .open:
            guard rows.indices.contains(selection) else { return true }
            let row = rows[selection]
            dashboard.push(ReviewListScreen(title: rowTitle(row, dashboard: dashboard), complaints: row.complaints))
        default:
            return false
        }
        return true
    }

    /// `naprawa — listopad 2026` / `Pareto: błąd warsztatu — 12 miesięcy`.
    private func rowTitle(_ row: Row, dashboard: Dashboard) -> LocalizedText {
        func title(_ language: Language) -> String {
            let name = view.dimension.map { ReviewText.group($0, row.key, desk: dashboard.desk, language) }
                ?? ReviewText.cause(row.key, desk: dashboard.desk, language)
            return name + " — " + periodName(language)
        }
        return LocalizedText(title(.polish), title(.english))
    }

    private func periodName(_ language: Language) -> String {
        twelveMonths ? ReviewText.window(review, language) : ReviewText.month(review.month, language)
    }

    // MARK: Drawing

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        guard area.height > 8, area.width > 40 else { return }
        let language = dashboard.language
        let pl = language == .polish
        let wide = area.width >= 120
        var y = area.y
        // Where we are, and the keys that move it, in words (so it reads in monochrome too).
        let splitName = view.dimension.map { ReviewText.byDimension($0).text(language) } ?? (pl ? "Przyczyny (Pareto)" : "Causes (Pareto)")
        var x = area.x + 1
        x += buffer.write(ReviewText.month(review.month, language), x: x, y: y, role: .header)
        buffer.write("  ←/→ " + (pl ? "miesiąc" : "month") + " · Tab " + (pl ? "podział" : "split") + " · w "
                     + (pl ? "mies./12 mies." : "month/12 months") + " · Enter " + (pl ? "lista" : "list"),
                     x: x, y: y, role: .muted, maxWidth: area.x + area.width - x - 1)
        y += 1
        y = renderTrends(into: &buffer, x: area.x, y: y, width: area.width, wide: wide, dashboard: dashboard)
        // The lower part's title as a rule.
        let title = "\(splitName) — \(periodName(language))"
        let written = buffer.write("── " + title + " ", x: area.x, y: y, role: .body, maxWidth: area.width)
        buffer.write(String(repeating: "─", count: max(0, area.width - written)), x: area.x + written, y: y, role: .muted)
        y += 1
        let lower = Rect(x: area.x, y: y, width: area.width, height: area.y + area.height - y)
        if view == .pareto {
            renderPareto(into: &buffer, area: lower, wide: wide, dashboard: dashboard)
        } else {
            renderGroups(into: &buffer, area: lower, wide: wide, dashboard: dashboard)
        }
    }

    /// The five measures over the twelve months: a sparkline, the chosen month's value and the
    /// twelve months'. Wide terminals get the months spelled out under a longer line.
    private func renderTrends(into buffer: inout CellBuffer, x: Int, y top: Int, width: Int, wide: Bool, dashboard: Dashboard) -> Int {
        let language = dashboard.language
        let pl = language == .polish
        var y = top
        let labelWidth = wide ? 26 : 21
        let cell = wide ? 5 : 1
        let sparkX = x + 1 + labelWidth
        let monthX = sparkX + 12 * cell + 2
        let monthWidth = wide ? 18 : 15
        let windowX = monthX + monthWidth
        buffer.write(pl ? "Miara" : "Measure", x: x + 1, y: y, role: .muted)
        if wide {
            for (index, period) in review.months.enumerated() {
                buffer.write(ReviewText.shortMonth(ReviewText.key(of: period), language), x: sparkX + index * cell, y: y, role: .muted)
            }
        } else {
            buffer.write(pl ? "12 mies." : "12 mon.", x: sparkX, y: y, role: .muted)
        }
        buffer.write(ReviewText.shortMonth(review.month, language) + " " + String(review.month.prefix(4)), x: monthX, y: y, role: .muted)
        buffer.write(pl ? "razem 12 mies." : "all 12 months", x: windowX, y: y, role: .muted, maxWidth: x + width - windowX)
        y += 1
        for measure in MonthlyReview.Measure.allCases {
            buffer.write(ReviewText.measure(measure).text(language), x: x + 1, y: y, role: .body, maxWidth: labelWidth - 1)
            let trend = review.trend(measure)
            let line = ReviewText.sparkline(trend, measure)
            for (index, mark) in line.enumerated() {
                if wide {
                    // A bar of the month and its value: `▆ 91`.
                    let value = trend[index].value.map { measure == .satisfaction ? ReviewText.value(trend[index], measure, language) : String(Int($0)) } ?? ""
                    buffer.write(String(mark) + value, x: sparkX + index * cell, y: y, role: mark == "·" ? .muted : .body, maxWidth: cell)
                } else {
                    buffer.write(String(mark), x: sparkX + index, y: y, role: mark == "·" ? .muted : .body)
                }
            }
            let reading = MonthlyReview.reading(measure, of: review.chosen)
            buffer.write(ReviewText.detailed(reading, measure, language), x: monthX, y: y, role: .body, maxWidth: monthWidth - 1)
            buffer.write(ReviewText.detailed(MonthlyReview.reading(measure, of: review.twelveMonths), measure, language),
                         x: windowX, y: y, role: .body, maxWidth: x + width - windowX)
            y += 1
        }
        return y
    }

    private func keepSelectionVisible(height: Int) {
        visibleRows = max(1, height)
        if selection < scroll { scroll = selection }
        if selection >= scroll + visibleRows { scroll = selection - visibleRows + 1 }
        scroll = max(0, min(scroll, max(0, rows.count - visibleRows)))
    }

    private func renderGroups(into buffer: inout CellBuffer, area: Rect, wide: Bool, dashboard: Dashboard) {
        guard let dimension = view.dimension, area.height > 1 else { return }
        let language = dashboard.language
        let pl = language == .polish
        let groups = MonthlyReview.groups(dimension, of: shownFigures)
        let nameWidth = wide ? 34 : 18
        let barWidth = wide ? 24 : 8
        let measures = MonthlyReview.Measure.allCases.filter { $0 != .received }
        let columnWidth = wide ? 16 : 9
        let timerWidth = 12
        let barX = area.x + 2 + nameWidth
        let firstMeasureX = barX + barWidth + 5
        // Column titles.
        var y = area.y
        buffer.write(ReviewText.dimension(dimension).text(language), x: area.x + 2, y: y, role: .muted, maxWidth: nameWidth - 1)
        buffer.write(ReviewText.column(.received).text(language), x: barX, y: y, role: .muted)
        for (index, measure) in measures.enumerated() {
            buffer.write(ReviewText.column(measure).text(language), x: firstMeasureX + index * columnWidth, y: y, role: .muted)
        }
        let timersX = firstMeasureX + measures.count * columnWidth
        if wide {
            for (index, timer) in TimerName.allCases.enumerated() {
                buffer.write(Labels.timer(timer).text(language), x: timersX + index * timerWidth, y: y, role: .muted,
                             maxWidth: min(timerWidth - 1, area.x + area.width - timersX - index * timerWidth))
            }
        }
        y += 1
        guard !groups.isEmpty else {
            buffer.write(pl ? "brak reklamacji w tym okresie" : "no complaints in this period", x: area.x + 2, y: y, role: .muted)
            return
        }
        keepSelectionVisible(height: area.y + area.height - y)
        let top = Double(groups.map(\.figures.received).max() ?? 0)
        for (offset, entry) in groups.enumerated().dropFirst(scroll).prefix(visibleRows) {
            let selected = offset == selection
            let base: StyleRole = selected ? .selection : .body
            if selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            buffer.write(selected ? "▸" : " ", x: area.x, y: y, role: base)
            buffer.write(ReviewText.group(dimension, entry.key, desk: dashboard.desk, language), x: area.x + 2, y: y, role: base,
                         maxWidth: nameWidth - 1)
            let bar = ReviewText.bar(Double(entry.figures.received), maximum: top, width: barWidth)
            buffer.write(bar, x: barX, y: y, role: base)
            buffer.write(String(entry.figures.received), x: barX + max(1, bar.count + 1), y: y, role: base)
            for (index, measure) in measures.enumerated() {
                let reading = MonthlyReview.reading(measure, of: entry.figures)
                let text = wide ? ReviewText.detailed(reading, measure, language) : ReviewText.value(reading, measure, language)
                    + (measure == .satisfaction && reading.n > 0 ? " (\(reading.n))" : "")
                buffer.write(text, x: firstMeasureX + index * columnWidth, y: y, role: base, maxWidth: columnWidth - 1)
            }
            if wide {
                for (index, timer) in TimerName.allCases.enumerated() {
                    let share = entry.figures.timers[timer.rawValue]?.onTime
                    let text = share.flatMap { $0.percent.map { "\($0) % (\(share!.whole))" } } ?? "—"
                    buffer.write(text, x: timersX + index * timerWidth, y: y, role: base,
                                 maxWidth: min(timerWidth - 1, area.x + area.width - timersX - index * timerWidth))
                }
            }
            y += 1
        }
    }

    private func renderPareto(into buffer: inout CellBuffer, area: Rect, wide: Bool, dashboard: Dashboard) {
        guard area.height > 1 else { return }
        let language = dashboard.language
        let pl = language == .polish
        let rows = MonthlyReview.pareto(of: shownFigures)
        let nameWidth = wide ? 40 : 24
        let barWidth = wide ? 60 : 20
        let barX = area.x + 2 + nameWidth
        let numbersX = barX + barWidth + 5
        var y = area.y
        buffer.write(pl ? "Przyczyna" : "Cause", x: area.x + 2, y: y, role: .muted)
        buffer.write(pl ? "Decyzje" : "Decisions", x: barX, y: y, role: .muted)
        buffer.write(pl ? "Udział · narastająco" : "Share · cumulative", x: numbersX, y: y, role: .muted,
                     maxWidth: area.x + area.width - numbersX)
        y += 1
        guard !rows.isEmpty else {
            buffer.write(pl ? "brak decyzji w tym okresie" : "no decisions in this period", x: area.x + 2, y: y, role: .muted)
            return
        }
        keepSelectionVisible(height: area.y + area.height - y)
        let top = Double(rows.map(\.decided).max() ?? 0)
        for (offset, row) in rows.enumerated().dropFirst(scroll).prefix(visibleRows) {
            let selected = offset == selection
            let base: StyleRole = selected ? .selection : .body
            if selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            buffer.write(selected ? "▸" : " ", x: area.x, y: y, role: base)
            buffer.write(ReviewText.cause(row.cause, desk: dashboard.desk, language), x: area.x + 2, y: y, role: base, maxWidth: nameWidth - 1)
            let bar = ReviewText.bar(Double(row.decided), maximum: top, width: barWidth)
            buffer.write(bar, x: barX, y: y, role: base)
            buffer.write(String(row.decided), x: barX + max(1, bar.count + 1), y: y, role: base)
            let share = row.share.percent.map { "\($0) %" } ?? "—", cumulative = row.cumulative.percent.map { "\($0) %" } ?? "—"
            buffer.write("\(share) · Σ \(cumulative)", x: numbersX, y: y, role: base, maxWidth: area.x + area.width - numbersX)
            y += 1
        }
    }
}
