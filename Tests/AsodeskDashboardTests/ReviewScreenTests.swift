import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Foundation
import Testing

@Suite struct ReviewScreenTests {
    /// A year and more of a single site's history (a few complaints a day), generated once.
    static let yearLogPath: String = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-review-fixture-\(getpid())")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("year.log").path
        if !FileManager.default.fileExists(atPath: path) {
            _ = try! LogGenerator.write(to: path, shape: LogShape(openComplaints: 30, totalEvents: 9_000, seed: 16, now: DashboardFixture.now,
                                                                  stories: .short, perDay: 2),
                                        config: DashboardFixture.config)
        }
        return path
    }()

    static func review(language: Language = .polish, width: Int = 80, height: Int = 24, as operatorID: String = "anowak",
                       theme: Theme? = nil) throws -> (Dashboard, ReviewScreen) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("complaints.log").path
        try FileManager.default.copyItem(atPath: yearLogPath, toPath: path)
        let desk = try DashboardFixture.desk(logPath: path)
        let dashboard = Dashboard(desk: desk, actor: try desk.actor(id: operatorID, requestedRole: nil),
                                  settings: DashboardSettings(language: language, handoverDirectory: directory.path), now: DashboardFixture.now, width: width, height: height)
        DashboardFixture.press(dashboard, .character("6"))
        return (dashboard, try #require(dashboard.top as? ReviewScreen))
    }

    /// Goes back to September 2026: the generated history's last whole month.
    static func september(_ dashboard: Dashboard) {
        DashboardFixture.press(dashboard, .left)
    }

    // MARK: Golden screens

    @Test(arguments: [(80, 24, Language.polish, "review-pl-80x24"), (80, 24, .english, "review-en-80x24"),
                      (200, 50, .polish, "review-pl-200x50"), (200, 50, .english, "review-en-200x50")])
    func goldenScreen(_ width: Int, _ height: Int, _ language: Language, _ name: String) throws {
        let (dashboard, screen) = try Self.review(language: language, width: width, height: height)
        Self.september(dashboard)
        #expect(screen.review.month == "2026-09")
        // A review of an empty month would prove nothing.
        #expect(screen.review.chosen.received > 20 && screen.review.months.allSatisfy { $0.received > 0 })
        try Golden.check(DashboardFixture.render(dashboard), name)
    }

    @Test(arguments: [(80, 24, Language.polish, "review-pareto-pl-80x24"), (200, 50, .english, "review-pareto-en-200x50")])
    func goldenPareto(_ width: Int, _ height: Int, _ language: Language, _ name: String) throws {
        let (dashboard, screen) = try Self.review(language: language, width: width, height: height)
        Self.september(dashboard)
        for _ in 0..<5 { DashboardFixture.press(dashboard, .tab) }
        #expect(screen.view == .pareto)
        DashboardFixture.press(dashboard, .character("w"))
        #expect(screen.twelveMonths)
        try Golden.check(DashboardFixture.render(dashboard), name)
    }

    /// Monochrome: the selected row and every mark must read without colour. The golden holds the
    /// text and, under it, each cell's attributes in the monochrome theme (R reverse, B bold,
    /// U underline, D dim).
    @Test func goldenMonochrome() throws {
        let (dashboard, _) = try Self.review(language: .polish)
        Self.september(dashboard)
        DashboardFixture.press(dashboard, .down)
        let buffer = DashboardFixture.render(dashboard)
        let theme = try ThemeLibrary.load("monochrome", env: [:])
        #expect(!theme.usesColour)
        var lines: [String] = []
        for y in 0..<buffer.height {
            var marks = ""
            for x in 0..<buffer.width {
                let attributes = theme.style(buffer[x, y].role).attributes
                marks += attributes.contains(.reverse) ? "R" : attributes.contains(.bold) ? "B"
                    : attributes.contains(.underline) ? "U" : attributes.contains(.dim) ? "D" : " "
            }
            lines.append(marks.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
        }
        // The selection is told apart without colour.
        let selectedY = try #require((0..<buffer.height).first { buffer.line($0).hasPrefix("▸") })
        #expect(lines[selectedY].hasPrefix("RRRR"))
        var annotated = CellBuffer(width: buffer.width, height: buffer.height * 2 + 1)
        for y in 0..<buffer.height {
            for x in 0..<buffer.width { annotated[x, y] = buffer[x, y] }
            annotated.write(lines[y], x: 0, y: buffer.height + 1 + y, role: .body)
        }
        try Golden.check(annotated, "review-mono-pl-80x24")
    }

    // MARK: Behaviour

    @Test func theFiguresAreTheReportsOwnForEveryMonthAndGroupsAddUpToThem() throws {
        let (dashboard, screen) = try Self.review()
        Self.september(dashboard)
        let report = DeskReport(desk: dashboard.desk, periods: MonthlyReview.months(endingWith: LocalDate(year: 2026, month: 9, day: 1)),
                                subject: "2026-09", now: dashboard.now)
        for (index, period) in report.periods.enumerated() {
            let shown = screen.review.months[index]
            #expect(shown.received == period.received && shown.allTimers == period.allTimers && shown.legal == period.legal
                    && shown.reopenedAfterDecision == period.reopenedAfterDecision && shown.satisfaction == period.satisfaction,
                    "\(period.from)")
            for dimension in DeskReport.Dimension.allCases {
                let groups = Array(shown.groups(dimension).values)
                #expect(groups.reduce(0) { $0 + $1.received } == period.received, "\(dimension) \(period.from)")
                #expect(groups.reduce(0) { $0 + $1.decided } == period.decided, "\(dimension) \(period.from)")
                #expect(groups.reduce(0) { $0 + $1.allTimers.met } == period.allTimers.met)
                #expect(groups.reduce(0) { $0 + $1.allTimers.late } == period.allTimers.late)
                #expect(groups.reduce(0) { $0 + $1.allTimers.notDone } == period.allTimers.notDone)
                #expect(groups.reduce(0) { $0 + $1.legal.answeredInTime + $1.legal.answeredLate + $1.legal.overdueUnanswered }
                        == period.legal.answeredInTime + period.legal.answeredLate + period.legal.overdueUnanswered)
                #expect(groups.reduce(0) { $0 + $1.reopenedAfterDecision.whole } == period.reopenedAfterDecision.whole)
                #expect(groups.reduce(0) { $0 + $1.satisfaction.count } == period.satisfaction.count)
            }
        }
        // The twelve months together are the sum of the months for what counts once per period.
        #expect(screen.review.twelveMonths.received == screen.review.months.reduce(0) { $0 + $1.received })
        #expect(screen.review.twelveMonths.decided == screen.review.months.reduce(0) { $0 + $1.decided })
    }

    @Test func monthsMoveBackAndForthButNeverPastTheCurrentMonth() throws {
        let (dashboard, screen) = try Self.review()
        #expect(screen.review.month == "2026-10", "the month just ended")
        DashboardFixture.press(dashboard, .right)
        #expect(screen.review.month == "2026-11")
        DashboardFixture.press(dashboard, .right)
        #expect(screen.review.month == "2026-11")
        #expect(dashboard.message?.text.contains("bieżący miesiąc") == true, "\(String(describing: dashboard.message))")
        for _ in 0..<14 { DashboardFixture.press(dashboard, .left) }
        #expect(screen.review.month == "2025-09")
        #expect(screen.review.months.first?.from == "2024-10-01")
    }

    @Test func aSaveShowsInTheReviewOnTheNextTickButABusyDeskDoesNotRebuildItOnEveryOne() throws {
        let (dashboard, screen) = try Self.review()
        DashboardFixture.press(dashboard, .right)
        let before = screen.review.chosen.received
        let intake = try IntakeForm(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer, customer: "Ewa Mazur",
                                    phone: "601 234 567", summary: "Po wymianie sprzęgła nadal szarpie.").validated()
        _ = try dashboard.desk.perform(.receive(intake), on: nil, by: dashboard.actor, now: dashboard.now)
        _ = dashboard.handle(.tick(dashboard.now.addingTimeInterval(1)))
        #expect(screen.review.chosen.received == before, "rebuilt at most every \(ReviewScreen.rebuildInterval) s")
        // Well past the interval (which grows with the time a rebuild takes).
        _ = dashboard.handle(.tick(dashboard.now.addingTimeInterval(600)))
        #expect(screen.review.chosen.received == before + 1)
    }

    @Test func enterListsTheComplaintsBehindARowAndOpensOne() throws {
        let (dashboard, screen) = try Self.review(width: 200, height: 50)
        Self.september(dashboard)
        let row = try #require(screen.rows.first)
        let group = try #require(screen.review.chosen.groups(.category)[row.key])
        #expect(row.complaints == group.complaints && !row.complaints.isEmpty)
        DashboardFixture.press(dashboard, .enter)
        let list = try #require(dashboard.top as? ReviewListScreen)
        #expect(list.numbers == group.complaints)
        let text = DashboardFixture.render(dashboard).text
        for number in group.complaints.prefix(10) { #expect(text.contains(number.description)) }
        // Finished complaints are read back from the log: their customers are on the list.
        let first = try dashboard.desk.complaint(group.complaints[0])
        #expect(text.contains(first.intake.customer))
        DashboardFixture.press(dashboard, .enter)
        let detail = try #require(dashboard.top as? DetailScreen)
        _ = detail
        DashboardFixture.press(dashboard, .escape)
        DashboardFixture.press(dashboard, .escape)
        #expect(dashboard.top is ReviewScreen)
    }

    @Test func theParetoPutsTheCommonestCauseFirstAndAddsUpToEveryDecision() throws {
        let (dashboard, screen) = try Self.review()
        Self.september(dashboard)
        let rows = MonthlyReview.pareto(of: screen.review.twelveMonths)
        #expect(!rows.isEmpty)
        #expect(rows.reduce(0) { $0 + $1.decided } == screen.review.twelveMonths.decided)
        #expect(rows.last?.cumulative.part == rows.last?.cumulative.whole)
        let named = rows.filter { $0.cause != "none" }
        #expect(zip(named, named.dropFirst()).allSatisfy { $0.decided >= $1.decided })
    }
}
