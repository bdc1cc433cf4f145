import AsodeskDomain
import AsodeskLog
import Foundation
import Testing
@testable import AsodeskApp

/// `export --month` holds what a spreadsheet needs to redo the month's figures: parsed back, its
/// rows give the same received, decided, reopened, per-timer verdicts, legal shares and
/// satisfaction as `DeskReport` for that month.
@Suite struct MonthExportTests {
    static let now = DeskFixture.now

    /// RFC 4180 as `CSVExport` writes it: every field quoted, quotes doubled, CRLF between records.
    static func parse(_ csv: String) -> [[String: String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false, pendingQuote = false
        for scalar in csv.unicodeScalars {
            if quoted {
                if pendingQuote {
                    pendingQuote = false
                    if scalar == "\"" { field.unicodeScalars.append(scalar); continue }
                    quoted = false
                } else if scalar == "\"" { pendingQuote = true; continue }
                else { field.unicodeScalars.append(scalar); continue }
            }
            switch scalar {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\r": break
            case "\n": record.append(field); field = ""; records.append(record); record = []
            default: field.unicodeScalars.append(scalar)
            }
        }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { values in
            Dictionary(uniqueKeysWithValues: zip(header, values).map { ($0, $1.hasPrefix("'") ? String($1.dropFirst()) : $1) })
        }
    }

    /// The month's figures as a spreadsheet would compute them from the rows.
    struct Recomputed: Equatable {
        var received = 0, decided = 0, reopened = 0
        var timers: [String: [Int]] = [:]            // met, late, not done
        var legal = [0, 0, 0, 0]                      // in time, late, overdue unanswered, within deadline
        var satisfaction = [0, 0, 0, 0, 0]
    }

    static func recompute(_ rows: [[String: String]], month: String) -> Recomputed {
        var r = Recomputed()
        func inMonth(_ instant: String?) -> Bool { instant?.hasPrefix(month + "-") == true }
        func countVerdict(_ name: String, _ verdict: String) {
            var counts = r.timers[name] ?? [0, 0, 0]
            switch verdict {
            case "met": counts[0] += 1
            case "late": counts[1] += 1
            case "not-done": counts[2] += 1
            default: return
            }
            r.timers[name] = counts
        }
        func countLegal(_ verdict: String, at: String?) {
            switch verdict {
            case "answered-in-time": if inMonth(at) { r.legal[0] += 1 }
            case "answered-late": if inMonth(at) { r.legal[1] += 1 }
            case "overdue-unanswered": r.legal[2] += 1
            case "within-deadline": r.legal[3] += 1
            default: break
            }
        }
        for row in rows {
            if inMonth(row["received_at"]) { r.received += 1 }
            if inMonth(row["decided_at"]) { r.decided += 1 }
            r.reopened += (row["reopened_at"] ?? "").split(separator: " ").filter { inMonth(String($0)) }.count
            if inMonth(row["followed_up_at"]), let score = Int(row["satisfaction"] ?? ""), (1...5).contains(score) { r.satisfaction[score - 1] += 1 }
            for name in TimerName.allCases.map(\.rawValue) {
                let column = name.replacingOccurrences(of: "-", with: "_")
                if inMonth(row[column + "_verdict_at"]) { countVerdict(name, row[column + "_verdict"] ?? "") }
            }
            countLegal(row["legal_verdict"] ?? "", at: row["legal_answer_counted_at"])
            // Earlier cycles: `decided@T`, `followed-up:4@T`, `decision#1=late@T`, `legal#1=answered-late@T`.
            for token in (row["earlier_cycles"] ?? "").split(separator: " ").map(String.init) {
                let parts = token.split(separator: "@", maxSplits: 1).map(String.init)
                let what = parts[0], at = parts.count > 1 ? parts[1] : nil
                if what.hasPrefix("legal#") {
                    countLegal(String(what.split(separator: "=")[1]), at: at)
                } else if what.contains("#") {
                    if inMonth(at) { countVerdict(String(what.split(separator: "#")[0]), String(what.split(separator: "=")[1])) }
                } else if what == "decided" {
                    if inMonth(at) { r.decided += 1 }
                } else if what.hasPrefix("followed-up:"), inMonth(at), let score = Int(what.dropFirst("followed-up:".count)), (1...5).contains(score) {
                    r.satisfaction[score - 1] += 1
                }
            }
        }
        return r
    }

    static func expected(_ figures: DeskReport.PeriodFigures) -> Recomputed {
        var r = Recomputed(received: figures.received, decided: figures.decided, reopened: figures.reopened)
        for (name, c) in figures.timers where c.total > 0 { r.timers[name] = [c.met, c.late, c.notDone] }
        r.legal = [figures.legal.answeredInTime, figures.legal.answeredLate, figures.legal.overdueUnanswered, figures.legal.withinDeadline]
        r.satisfaction = figures.satisfaction.distribution
        return r
    }

    func expectExportRedoesTheReport(_ desk: Desk, months: [LocalDate], now: Date) throws {
        var checked = 0
        for month in months {
            let key = String(month.description.prefix(7))
            let report = DeskReport(desk: desk, periods: [.month(of: month)], subject: key, now: now)
            let export = try MonthExport.render(desk: desk, month: month, now: now)
            let rows = Self.parse(export.csv)
            #expect(rows.count == export.rows)
            #expect(rows.allSatisfy { $0.count == MonthExport.header.count }, "every row has every column")
            // Each row names its complaint's cause (as corrected) and the actions that answer it.
            for row in rows {
                let number = try #require(row["number"].flatMap(ComplaintNumber.init(text:)))
                let complaint = try desk.complaint(number)
                #expect(row["cause"] == (complaint.cause?.text ?? ""), "\(number)")
                #expect(row["actions"] == desk.state.actions(answering: number).map(\.id.description).joined(separator: " "))
                #expect(!complaint.isMysteryShoppingTest, "a test complaint is in no figure, so in no row")
            }
            let figures = report.periods[0]
            #expect(Self.recompute(rows, month: key) == Self.expected(figures), "\(key)")
            let legal = Self.recompute(rows, month: key).legal
            #expect(FigureShare(part: legal[0], whole: legal[0] + legal[1] + legal[2]) == figures.legal.inTime, "\(key)")
            if figures.received > 0 { checked += 1 }
        }
        #expect(checked >= 2, "months with complaints were checked")
    }

    @Test(arguments: LogShape.Stories.allCases)
    func theMonthsCSVRedoesTheMonthsFiguresOfAGeneratedHistory(_ stories: LogShape.Stories) throws {
        let fixture = try DeskFixture()
        _ = try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 20, totalEvents: 6_000, seed: 12,
                                                                   now: Self.now, stories: stories))
        let desk = try Desk(log: EventLog(path: fixture.path, create: false), config: .standard, procedures: fixture.library)
        let today = desk.calendar.localDate(of: Self.now)
        let months = [today, today.adding(days: -31), today.adding(days: -46), today.adding(days: -62)]
        try expectExportRedoesTheReport(desk, months: months, now: Self.now)
    }

    /// The demo holds reopened complaints: their earlier cycles count too.
    @Test func theMonthsCSVRedoesTheFiguresOfReopenedComplaints() throws {
        let fixture = try DeskFixture()
        _ = try DemoLog.write(into: try fixture.desk(), now: Self.now, seed: 11)
        let desk = try Desk(log: EventLog(path: fixture.path, create: false), config: .standard, procedures: fixture.library)
        let today = desk.calendar.localDate(of: Self.now)
        let reopened = DeskReport(desk: desk, periods: [.month(of: today)], subject: "", now: Self.now).periods[0].reopened
        #expect(reopened > 0, "the demo reopens complaints this month")
        try expectExportRedoesTheReport(desk, months: [today, today.adding(days: -28)], now: Self.now)
        // A month judged while it lasts, and a day in it judged later: the same month's export as of then.
        try expectExportRedoesTheReport(desk, months: [today, today.adding(days: -28)], now: Self.now.addingTimeInterval(-3 * 86_400))
    }

    /// A complaint received after a month's end is in none of its figures (its legal period had
    /// not begun), so last month's report and export read the same after it.
    @Test func aComplaintReceivedLaterChangesNoFigureOfAnEarlierMonth() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        _ = try DemoLog.write(into: desk, now: Self.now, seed: 11)
        let lastMonth = desk.calendar.localDate(of: Self.now).adding(days: -28)
        func figures() throws -> (DeskReport.PeriodFigures, String) {
            var report = DeskReport(desk: desk, periods: [.month(of: lastMonth)], subject: "", now: Self.now).periods[0]
            report.asOf = ""
            return (report, try MonthExport.render(desk: desk, month: lastMonth, now: Self.now).csv)
        }
        let before = try figures()
        try desk.perform(.receive(try DeskFixture.intake("Anna Nowa")), on: nil, by: DeskFixture.advisor, occurredAt: Self.now, now: Self.now)
        let after = try figures()
        #expect(after.0 == before.0)
        #expect(after.1 == before.1)
        #expect(after.0.legal.withinDeadline == Self.recompute(Self.parse(after.1), month: String(lastMonth.description.prefix(7))).legal[3])
    }

    @Test func aMonthWithNothingInItIsTheHeaderAlone() throws {
        let fixture = try DeskFixture()
        _ = try DemoLog.write(into: try fixture.desk(), now: Self.now, seed: 11)
        let desk = try Desk(log: EventLog(path: fixture.path, create: false), config: .standard, procedures: fixture.library)
        let export = try MonthExport.render(desk: desk, month: LocalDate(year: 2020, month: 1, day: 1), now: Self.now)
        #expect(export.rows == 0)
        #expect(export.csv == MonthExport.header.joined(separator: ",") + "\r\n")
    }
}
