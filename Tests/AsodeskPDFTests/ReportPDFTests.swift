import AsodeskDomain
import AsodeskLog
import AsodeskTestSupport
import Foundation
import Testing
@testable import AsodeskApp
@testable import AsodeskPDF

/// The monthly report on A4: `pdftotext` gives back every figure of `report --month --json`, the
/// same document gives the same bytes, and its text and PDF are one document.
@Suite struct ReportPDFTests {
    static let now = LetterFixture.now

    /// What `pdftotext` reads back, without the layout's spaces and line breaks (a wrapped cell
    /// reads on as one), the percent sign's no-break space as any other.
    func extracted(_ pdf: [UInt8]) throws -> String {
        let folder = TemporaryFolder()
        let path = folder.path + "/report.pdf"
        _ = FileManager.default.createFile(atPath: path, contents: Data(pdf))
        let output = try run("/usr/bin/pdftotext", ["-enc", "UTF-8", path, "-"])
        #expect(output.status == 0, "pdftotext: \(output.errors)")
        return output.output
    }

    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    /// A generated history (finished complaints a month and more ago, the open ones now).
    func generatedDesk(_ folder: TemporaryFolder) throws -> Desk {
        let path = folder.path + "/complaints.log"
        _ = try LogGenerator.write(to: path, shape: LogShape(openComplaints: 20, totalEvents: 5_000, seed: 3, now: Self.now, stories: .short))
        return try Desk(log: EventLog(path: path, create: false), config: .standard, procedures: try ProcedureLibrary.bundled())
    }

    /// Every figure of the JSON, as numbers read from it and written the way a reader sees them.
    func expectedFigures(_ report: DeskReport) throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as! [String: Any]
        let period = (json["periods"] as! [[String: Any]])[0]
        func int(_ object: Any?) -> Int { (object as? NSNumber)?.intValue ?? 0 }
        func share(_ object: Any?) -> String {
            let share = object as! [String: Any]
            return FigureShare(part: int(share["part"]), whole: int(share["whole"])).text
        }
        var figures = ["received", "acknowledged", "decided", "closed", "followedUp", "reopened"].map { "\(int(period[$0]))" }
        // The value column, in order ("\u{1F}" marks where a page may break the column).
        figures = [figures.joined(separator: "\u{1F}")]
        let timers = period["timers"] as! [String: [String: Any]]
        var all = [0, 0, 0]
        for name in TimerName.allCases.map(\.rawValue) {
            let timer = timers[name] ?? [:]
            let (met, late, notDone) = (int(timer["met"]), int(timer["late"]), int(timer["notDone"]))
            all = [all[0] + met, all[1] + late, all[2] + notDone]
            figures.append(FigureShare(part: met, whole: met + late + notDone).text)
            figures.append("met \(met), late \(late), not done \(notDone)")
        }
        figures.append("met \(all[0]), late \(all[1]), not done \(all[2])")
        for key in ["medianMinutesToAcknowledgement", "medianMinutesToFirstContact", "medianMinutesToDecision"] {
            if let minutes = period[key] as? NSNumber { figures.append(DurationText.minutes(minutes.intValue)) }
        }
        let legal = period["legal"] as! [String: Any]
        figures.append(share(legal["inTime"]))
        figures.append("in time \(int(legal["answeredInTime"])), answered late \(int(legal["answeredLate"])), "
                       + "overdue unanswered \(int(legal["overdueUnanswered"])); still within the deadline \(int(legal["withinDeadline"]))")
        figures.append(share(period["reopenedAfterDecision"]))
        let satisfaction = period["satisfaction"] as! [String: Any]
        let distribution = (satisfaction["distribution"] as! [NSNumber]).map(\.intValue)
        figures.append("n = \(int(satisfaction["count"])); ratings "
                       + distribution.enumerated().map { "\($0.offset + 1): \($0.element)" }.joined(separator: ", "))
        if let average = satisfaction["average"] as? NSNumber { figures.append(String(format: "%.1f/5", average.doubleValue)) }
        for breakdown in ["byCategory", "byChannel", "byOwner", "lateEntriesByOperator"] {
            for (key, value) in period[breakdown] as! [String: NSNumber] { figures.append("\(key) \(value.intValue)") }
        }
        for breakdown in ["timersByOwner", "timersByCategory", "timersByChannel", "timersByMonth"] {
            for (key, value) in period[breakdown] as! [String: [String: Any]] { figures.append("\(key) " + share(value["onTime"])) }
        }
        figures.append(json["chainHead"] as! String)
        figures.append("complaint desk report for \(json["subject"] as! String)")
        for item in json["breachedTimers"] as! [[String: Any]] { figures.append("\(item["number"]!)") }
        #expect(figures.count > 30)
        return figures
    }

    @Test func everyFigureOfTheMonthsJSONIsInThePDF() throws {
        let folder = TemporaryFolder()
        let desk = try generatedDesk(folder)
        let today = desk.calendar.localDate(of: Self.now)
        for month in [today, today.adding(days: -45)] {
            let report = DeskReport(desk: desk, periods: [.month(of: month)], subject: String(month.description.prefix(7)), now: Self.now)
            #expect(report.periods[0].received > 0, "the month has complaints")
            let pdf = try ReportPDF.render(report.document(in: .english))
            let text = try extracted(pdf)
            let squeezed = Self.squeezed(text)
            for figure in try expectedFigures(report) {
                // Pieces of a column come in order, a page's footer and repeated header perhaps between.
                var rest = squeezed[...]
                let found = figure.split(separator: "\u{1F}").allSatisfy { piece in
                    guard let range = rest.range(of: Self.squeezed(String(piece))) else { return false }
                    rest = rest[range.upperBound...]
                    return true
                }
                #expect(found, "\(month): \(figure) is in the PDF")
            }
            #expect(text.contains("page 1 of "))
        }
    }

    @Test func theSameReportGivesTheSameBytesAndThePolishOneSaysStrona() throws {
        let folder = TemporaryFolder()
        let desk = try generatedDesk(folder)
        let month = desk.calendar.localDate(of: Self.now)
        func pdf(_ language: Language) throws -> [UInt8] {
            try ReportPDF.render(DeskReport(desk: desk, periods: [.month(of: month)], subject: "2026-11", now: Self.now).document(in: language))
        }
        let first = try pdf(.english), second = try pdf(.english)
        #expect(first == second, "two runs give the same bytes")
        #expect(String(decoding: first.prefix(5), as: UTF8.self) == "%PDF-")
        let polish = try extracted(try pdf(.polish))
        #expect(polish.contains("strona 1 z ") && polish.contains("Wskaźnik") && polish.contains("przyjęte"))
        #expect(!polish.contains("page 1 of"))
    }

    /// A table too wide for the page wraps inside its columns, and a long one breaks over pages
    /// with its header row repeated.
    @Test func aLongWideTableWrapsAndRepeatsItsHeaderOnEveryPage() throws {
        let long = String(repeating: "Źdźbło gęślą jaźń ", count: 30)
        let rows = (1...120).map { ["R/2026/\($0)", long, "\($0)"] }
        let document = ReportDocument(
            language: .english, title: "Trend", sections: [.init(title: "Wide", table: .init(
                columns: [.init("Number"), .init("Description"), .init("Count", .right)], rows: rows))],
            site: "ASO Kraków", generatedAt: "2026-12-01T08:00:00+01:00", chainHead: String(repeating: "ab", count: 32), closing: [])
        let text = try extracted(try ReportPDF.render(document))
        let pages = text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        #expect(pages.count > 3)
        for page in pages.dropFirst() { #expect(page.contains("Number") && page.contains("Description"), "the header row is repeated") }
        #expect(text.contains("page \(pages.count) of \(pages.count)"))
        #expect(Self.squeezed(text).contains(Self.squeezed("R/2026/120")))
        #expect(text.contains("ASO Kraków · generated 2026-12-01T08:00:00+01:00"))
        // Nothing runs off the page: every word's right edge is inside the A4 width.
        let folder = TemporaryFolder()
        let path = folder.path + "/wide.pdf"
        _ = FileManager.default.createFile(atPath: path, contents: Data(try ReportPDF.render(document)))
        let boxes = try run("/usr/bin/pdftotext", ["-bbox", path, "-"]).output
        let rightEdges = boxes.components(separatedBy: "xMax=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(!rightEdges.isEmpty && rightEdges.allSatisfy { $0 <= LetterPDF.pageWidth - LetterPDF.margin + 1 })
    }

    /// The text and the PDF are one document: every cell of the text is in the PDF.
    @Test func theTextAndThePDFAreTheSameDocument() throws {
        let folder = TemporaryFolder()
        let desk = try generatedDesk(folder)
        let report = DeskReport(desk: desk, periods: [.month(of: desk.calendar.localDate(of: Self.now))], subject: "2026-11", now: Self.now)
        let document = report.document(in: .polish)
        #expect(report.text(in: .polish) == document.text)
        let squeezed = Self.squeezed(try extracted(try ReportPDF.render(document)))
        for section in document.sections {
            #expect(squeezed.contains(Self.squeezed(section.title)), "\(section.title)")
            for row in section.table?.rows ?? [] { for cell in row where !cell.isEmpty { #expect(squeezed.contains(Self.squeezed(cell)), "\(cell)") } }
        }
    }
}
