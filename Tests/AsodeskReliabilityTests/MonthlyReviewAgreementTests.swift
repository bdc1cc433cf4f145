import AsodeskApp
import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import AsodeskTestSupport
import Foundation
import Testing

/// The monthly review on every surface reads one report: a generated year of a site's history
/// gives the same numbers on the review screen as `asodesk report --month --json`.
@Suite struct MonthlyReviewAgreementTests {
    /// The CLI's clock in tests: 23 November 2026, noon.
    static let now = Date(timeIntervalSince1970: 1_795_431_600)

    static func yearOfHistory() throws -> CLI {
        let cli = try CLI()
        _ = try LogGenerator.write(to: cli.log, shape: LogShape(openComplaints: 20, totalEvents: 9_000, seed: 1016, now: now,
                                                                stories: .short, perDay: 2))
        return cli
    }

    static func share(_ value: Any?) -> (part: Int, whole: Int, percent: Int?) {
        let object = value as? [String: Any] ?? [:]
        return (object["part"] as? Int ?? -1, object["whole"] as? Int ?? -1, object["percent"] as? Int)
    }

    static func detailed(_ share: (part: Int, whole: Int, percent: Int?)) -> String {
        share.whole == 0 ? "— (0)" : "\(share.percent ?? -1) % (\(share.part)/\(share.whole))"
    }

    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    /// The PDF of `report --month` prints every month's figures of its JSON, each with what it
    /// rests on, and each category's row of the chosen month.
    @Test func theMonthlyReportPDFPrintsTheNumbersOfReportMonthJSON() throws {
        let cli = try Self.yearOfHistory()
        let result = try cli.run("report", "--month", "2026-09", "--json")
        #expect(result.status == 0, "\(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let periods = try #require((json["report"] as? [String: Any])?["periods"] as? [[String: Any]])
        let pdf = cli.directory + "/przeglad.pdf"
        let written = try cli.run("report", "--month", "2026-09", "--format", "pdf", "-o", pdf)
        #expect(written.status == 0, "\(written.err)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-enc", "UTF-8", pdf, "-"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = Self.squeezed(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        process.waitUntilExit()
        #expect(text.contains("Twelvemonths(October2025–September2026)"))
        for period in periods {
            let all = (period["timers"] as? [String: [String: Any]] ?? [:]).values
            let met = all.reduce(0) { $0 + ($1["met"] as? Int ?? 0) }
            let total = all.reduce(0) { $0 + ($1["met"] as? Int ?? 0) + ($1["late"] as? Int ?? 0) + ($1["notDone"] as? Int ?? 0) }
            if total > 0 { #expect(text.contains(Self.squeezed(FigureShare(part: met, whole: total).text)), "timers of \(period["from"] ?? "")") }
            #expect(text.contains(Self.squeezed(Self.detailed(Self.share((period["legal"] as? [String: Any])?["inTime"])))))
            #expect(text.contains(Self.squeezed(Self.detailed(Self.share(period["reopenedAfterDecision"])))))
            let ratings = (period["satisfaction"] as? [String: Any])?["count"] as? Int ?? -1
            #expect(text.contains("(n=\(ratings))"), "ratings of \(period["from"] ?? "")")
        }
        let breakdown = try #require((periods[11]["breakdown"] as? [String: Any])?["category"] as? [String: [String: Any]])
        for (_, group) in breakdown {
            let timerGroups = (group["timers"] as? [String: [String: Any]] ?? [:]).values
            let met = timerGroups.reduce(0) { $0 + ($1["met"] as? Int ?? 0) }
            let total = timerGroups.reduce(0) { $0 + ($1["met"] as? Int ?? 0) + ($1["late"] as? Int ?? 0) + ($1["notDone"] as? Int ?? 0) }
            if total > 0 { #expect(text.contains(Self.squeezed(FigureShare(part: met, whole: total).text))) }
        }
        for row in json["pareto"] as? [[String: Any]] ?? [] {
            #expect(text.contains("\(row["decided"] as? Int ?? -1)\((row["share"] as? [String: Any])?["percent"] as? Int ?? -1)%"))
        }
    }

    @Test func theReviewScreenShowsTheNumbersOfReportMonthJSON() throws {
        let cli = try Self.yearOfHistory()
        let result = try cli.run("report", "--month", "2026-09", "--json")
        #expect(result.status == 0, "\(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(json["month"] as? String == "2026-09")
        let report = try #require(json["report"] as? [String: Any])
        let periods = try #require(report["periods"] as? [[String: Any]])
        #expect(periods.count == 13)
        #expect(periods.first?["from"] as? String == "2025-10-01" && periods[11]["from"] as? String == "2026-09-01")
        #expect(periods[12]["kind"] as? String == "range")

        var config = SiteConfig.standard
        config.operators = DemoSite.sharedKeyring.operators
        let desk = try Desk(log: try EventLog(path: cli.log, create: false), config: config, procedures: try ProcedureLibrary.bundled())
        let dashboard = Dashboard(desk: desk, actor: try desk.actor(id: "anowak", requestedRole: nil),
                                  settings: DashboardSettings(language: .english, handoverDirectory: cli.directory),
                                  now: Self.now, width: 200, height: 50)
        for key: AsodeskDashboard.Key in [.character("6"), .left] { _ = dashboard.handle(.key(key)) }
        var buffer = CellBuffer(width: 200, height: 50)
        dashboard.render(into: &buffer)
        func line(starting label: String) throws -> String {
            try #require((0..<buffer.height).map(buffer.line).first { $0.hasPrefix(" " + label) }, "no line \(label)\n\(buffer.text)")
        }
        let received = try line(starting: "Received "), timers = try line(starting: "Timers on time")
        let legal = try line(starting: "Legal deadline met"), reopen = try line(starting: "Reopened after decision")
        let satisfaction = try line(starting: "Satisfaction (1–5)")
        // Every month's value as the trend line shows it, from the JSON.
        var checked = 0
        for period in periods.prefix(12) {
            let count = period["received"] as? Int ?? -1
            #expect(received.contains("\(count)"), "received \(count) \(period["from"] ?? "")")
            let all = (period["timers"] as? [String: [String: Any]] ?? [:]).values
            let met = all.reduce(0) { $0 + ($1["met"] as? Int ?? 0) }
            let total = all.reduce(0) { $0 + ($1["met"] as? Int ?? 0) + ($1["late"] as? Int ?? 0) + ($1["notDone"] as? Int ?? 0) }
            if total > 0 {
                let percent = Int((Double(met) * 100 / Double(total)).rounded(.toNearestOrAwayFromZero))
                #expect(timers.contains("\(percent)"), "timers \(percent) \(period["from"] ?? "")")
                checked += 1
            }
            let legalShare = Self.share((period["legal"] as? [String: Any])?["inTime"])
            if let percent = legalShare.percent { #expect(legal.contains("\(percent)")) }
            let reopenShare = Self.share(period["reopenedAfterDecision"])
            if let percent = reopenShare.percent { #expect(reopen.contains("\(percent)")) }
            if let average = (period["satisfaction"] as? [String: Any])?["average"] as? Double {
                #expect(satisfaction.contains(String(format: "%.1f", average)))
            }
        }
        #expect(checked == 12, "every month had timer verdicts")
        // The chosen month and the twelve months in full, as the JSON gives them.
        for (period, name) in [(periods[11], "September"), (periods[12], "twelve months")] {
            let count = period["received"] as? Int ?? -1
            #expect(received.contains("  \(count)  ") || received.hasSuffix(" \(count)"), "\(name): \(received)")
            #expect(legal.contains(Self.detailed(Self.share((period["legal"] as? [String: Any])?["inTime"]))), "\(name): \(legal)")
            #expect(reopen.contains(Self.detailed(Self.share(period["reopenedAfterDecision"]))), "\(name): \(reopen)")
            let ratings = (period["satisfaction"] as? [String: Any])?["count"] as? Int ?? -1
            #expect(satisfaction.contains("(n=\(ratings))"), "\(name): \(satisfaction)")
        }
        // Each category's row of the chosen month: received and the timers' share.
        let breakdown = try #require((periods[11]["breakdown"] as? [String: Any])?["category"] as? [String: [String: Any]])
        #expect(!breakdown.isEmpty)
        for (key, group) in breakdown {
            let name = try #require(ComplaintCategory(rawValue: key).map { Labels.category($0).en })
            let row = try #require((0..<buffer.height).map(buffer.line).first { $0.dropFirst(2).hasPrefix(name + " ") }, "\(name)\n\(buffer.text)")
            let count = group["received"] as? Int ?? -1
            #expect(row.contains(" \(count) "), "\(name): \(row)")
            let timerGroups = (group["timers"] as? [String: [String: Any]] ?? [:]).values
            let met = timerGroups.reduce(0) { $0 + ($1["met"] as? Int ?? 0) }
            let total = timerGroups.reduce(0) { $0 + ($1["met"] as? Int ?? 0) + ($1["late"] as? Int ?? 0) + ($1["notDone"] as? Int ?? 0) }
            if total > 0 { #expect(row.contains("(\(met)/\(total))"), "\(name): \(row)") }
        }
    }
}
