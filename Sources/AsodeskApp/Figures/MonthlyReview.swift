import AsodeskDomain
import Foundation

/// The monthly quality review (ISO 10002 monitoring and analysis): a chosen month and the eleven
/// before it, each month's figures and the twelve together, split by category, cause, channel
/// and advisor, and the causes of the decisions in order of frequency. Every number is a
/// `DeskReport` figure of one report built here: the review screen and `report --month` (text,
/// JSON, PDF) read this one value, so they cannot disagree.
public struct MonthlyReview: Encodable {
    public static let monthCount = 12

    /// The chosen month (`2026-11`).
    public let month: String
    /// `report.periods`: the twelve months oldest first, then the twelve months together.
    public let report: DeskReport

    /// `attention`: also what needs attention now (`DeskReport`), as `report --month` prints it;
    /// the review screen shows only the months.
    public init(desk: Desk, month: LocalDate, now: Date, attention: Bool = true) {
        let months = Self.months(endingWith: month)
        self.month = Self.key(month)
        let window = ReportPeriod.range(from: months[0].from, through: months[months.count - 1].through)
        report = DeskReport(desk: desk, periods: months + [window], subject: self.month, now: now, attention: attention)
    }

    /// The month of `date` and the eleven before it, oldest first.
    public static func months(endingWith date: LocalDate) -> [ReportPeriod] {
        (0..<monthCount).reversed().map { back in
            let index = date.year * 12 + (date.month - 1) - back
            return .month(of: LocalDate(year: index / 12, month: index % 12 + 1, day: 1))
        }
    }

    /// `2026-11`.
    public static func key(_ date: LocalDate) -> String { "\(date.year)-" + (date.month < 10 ? "0" : "") + "\(date.month)" }

    /// Reads `2026-11`; nil for anything else.
    public static func month(_ text: String) -> LocalDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let number = Int(parts[1]), (2000...9999).contains(year), (1...12).contains(number) else { return nil }
        return LocalDate(year: year, month: number, day: 1)
    }

    /// The twelve months, oldest first.
    public var months: ArraySlice<DeskReport.PeriodFigures> { report.periods.prefix(Self.monthCount) }
    /// The chosen month.
    public var chosen: DeskReport.PeriodFigures { report.periods[Self.monthCount - 1] }
    /// The twelve months together.
    public var twelveMonths: DeskReport.PeriodFigures { report.periods[Self.monthCount] }

    // MARK: Measures

    /// What a trend line or a bar shows: each a figure of `PeriodFigures` or `GroupFigures`.
    public enum Measure: String, CaseIterable, Encodable, Sendable {
        case received
        /// Every timer met on time, of those whose verdict fell in the period.
        case timersOnTime
        /// Legal deadlines answered in time (`LegalCompliance.inTime`).
        case legalInTime
        /// Decided in the period and reopened within the reopen window (`reopenedAfterDecision`).
        case reopenRate
        /// Average score at follow-up (1–5).
        case satisfaction
    }

    /// One value of a measure: the number drawn, and what it is made of.
    public struct Reading: Sendable, Equatable {
        /// nil when there is nothing to measure (no timer verdict, no rating…).
        public var value: Double?
        /// The share behind a rate, nil for a count or an average.
        public var share: FigureShare?
        /// How many it rests on: the count itself, the share's whole, the number of ratings.
        public var n: Int
    }

    public static func reading(_ measure: Measure, of figures: DeskReport.PeriodFigures) -> Reading {
        reading(measure, received: figures.received, timers: figures.allTimers, legal: figures.legal,
                reopen: figures.reopenedAfterDecision, satisfaction: figures.satisfaction)
    }

    public static func reading(_ measure: Measure, of group: DeskReport.GroupFigures) -> Reading {
        reading(measure, received: group.received, timers: group.allTimers, legal: group.legal,
                reopen: group.reopenedAfterDecision, satisfaction: group.satisfaction)
    }

    private static func reading(_ measure: Measure, received: Int, timers: DeskReport.TimerCompliance,
                                legal: DeskReport.LegalCompliance, reopen: FigureShare, satisfaction: DeskReport.Satisfaction) -> Reading {
        func rate(_ share: FigureShare) -> Reading { Reading(value: share.percent.map(Double.init), share: share, n: share.whole) }
        switch measure {
        case .received: return Reading(value: Double(received), share: nil, n: received)
        case .timersOnTime: return rate(timers.onTime)
        case .legalInTime: return rate(legal.inTime)
        case .reopenRate: return rate(reopen)
        case .satisfaction: return Reading(value: satisfaction.average, share: nil, n: satisfaction.count)
        }
    }

    /// A measure over the twelve months, oldest first.
    public func trend(_ measure: Measure) -> [Reading] { months.map { Self.reading(measure, of: $0) } }

    // MARK: Groups and causes

    /// The groups of a dimension in `figures`, most complaints received first (then by key); the
    /// group of complaints without a cause (`none`) last.
    public static func groups(_ dimension: DeskReport.Dimension, of figures: DeskReport.PeriodFigures)
        -> [(key: String, figures: DeskReport.GroupFigures)] {
        figures.groups(dimension).map { (key: $0.key, figures: $0.value) }.sorted { a, b in
            if (a.key == "none") != (b.key == "none") { return b.key == "none" }
            if a.figures.received != b.figures.received { return a.figures.received > b.figures.received }
            if a.figures.complaints.count != b.figures.complaints.count { return a.figures.complaints.count > b.figures.complaints.count }
            return a.key < b.key
        }
    }

    /// One cause in the Pareto of the decisions of a period.
    public struct ParetoRow: Encodable, Sendable, Equatable {
        /// The cause's code (`code` or `code/sub`), or `none` for decisions that name none.
        public var cause: String
        public var decided: Int
        /// Of every decision of the period.
        public var share: FigureShare
        /// This cause and every more frequent one together.
        public var cumulative: FigureShare
        /// The complaints decided in the period with this cause.
        public var complaints: [ComplaintNumber]
    }

    /// The causes of the period's decisions, most frequent first (then by code); decisions that
    /// name no cause last, so they never pass for the top cause.
    public static func pareto(of figures: DeskReport.PeriodFigures) -> [ParetoRow] {
        let groups = figures.groups(.cause).filter { $0.value.decided > 0 }
            .sorted { a, b in
                if (a.key == "none") != (b.key == "none") { return b.key == "none" }
                return a.value.decided != b.value.decided ? a.value.decided > b.value.decided : a.key < b.key
            }
        let total = groups.reduce(0) { $0 + $1.value.decided }
        var running = 0
        return groups.map { key, group in
            running += group.decided
            return ParetoRow(cause: key, decided: group.decided, share: FigureShare(part: group.decided, whole: total),
                             cumulative: FigureShare(part: running, whole: total), complaints: group.decidedComplaints)
        }
    }

    enum CodingKeys: String, CodingKey { case month, pareto, paretoTwelveMonths, report }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(month, forKey: .month)
        try container.encode(Self.pareto(of: chosen), forKey: .pareto)
        try container.encode(Self.pareto(of: twelveMonths), forKey: .paretoTwelveMonths)
        try container.encode(report, forKey: .report)
    }
}
