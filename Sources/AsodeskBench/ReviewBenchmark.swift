import AsodeskApp
import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import AsodeskTerminal
import Foundation

/// The monthly review's cost: one report of twelve months and their total, split four ways,
/// against the report of the chosen month alone (what `report --month` computed before the
/// review) on the same desk; and the review screen's first frame after its key.
public enum ReviewBenchmark {
    public struct Result: Sendable {
        public var monthReport: [UInt64]
        public var review: [UInt64]
        public var screen: [UInt64]
        public var complaints: Int
        /// The month reviewed (`2026-01`).
        public var month: String
    }

    @MainActor
    /// Reviews the last month the generated history fills (its finished complaints end
    /// 45 days before `now`).
    public static func run(logPath: String, now: Date, rounds: Int) throws -> Result {
        let desk = try Desk(log: try EventLog(path: logPath, create: false, readOnly: true), config: .standard,
                            procedures: try ProcedureLibrary.bundled())
        let today = desk.calendar.localDate(of: now)
        let index = today.year * 12 + today.month - 3
        let month = LocalDate(year: index / 12, month: index % 12 + 1, day: 1)
        var result = Result(monthReport: [], review: [], screen: [], complaints: desk.state.complaints.count,
                            month: MonthlyReview.key(month))
        for _ in 0..<rounds {
            var started = FrameTrace.monotonicNanoseconds()
            let report = DeskReport(desk: desk, periods: [.month(of: month)], subject: "", now: now, attention: false)
            result.monthReport.append(FrameTrace.monotonicNanoseconds() - started)
            started = FrameTrace.monotonicNanoseconds()
            let review = MonthlyReview(desk: desk, month: month, now: now, attention: false)
            result.review.append(FrameTrace.monotonicNanoseconds() - started)
            precondition(review.chosen.received == report.periods[0].received, "the review's month is the month's report")
            let dashboard = Dashboard(desk: desk, actor: Actor(id: "anowak", role: .lead),
                                      settings: DashboardSettings(language: .polish, handoverDirectory: NSTemporaryDirectory()),
                                      now: now, width: 200, height: 50)
            var buffer = CellBuffer(width: 200, height: 50)
            started = FrameTrace.monotonicNanoseconds()
            _ = dashboard.handle(.key(.character("6")))
            dashboard.render(into: &buffer)
            result.screen.append(FrameTrace.monotonicNanoseconds() - started)
        }
        return result
    }
}
