import AsodeskDomain
import AsodeskLog
import Foundation
import Testing
@testable import AsodeskApp

/// Survey (CSI) and mystery-shopping results imported from CSV (issue 16, item 4): every rule of
/// the row-by-row check, all or nothing, low scores for the lead, and the report's figures.
@Suite struct FeedbackImportTests {
    static let lead = Actor(id: "anowak", role: .lead)
    static let header = "date,advisor,complaint,repair_order,score,comment"
    static let mysteryHeader = "date,auditor,advisor,channel,score_percent,findings,complaint"

    static func site(_ change: (inout SiteConfig) -> Void = { _ in }) -> SiteConfig {
        var config = SiteConfig.standard
        config.operators = DemoSite.sharedKeyring.operators
        change(&config)
        return config
    }

    /// A desk with operators and one complaint (R/2026/0001, repair order ZN/2026/00123).
    static func desk(_ fixture: DeskFixture, config: SiteConfig = site()) throws -> Desk {
        let desk = try fixture.desk(config: config)
        var intake = try DeskFixture.intake()
        intake.order = "ZN/2026/00123"
        try desk.perform(.receive(intake), on: nil, by: DeskFixture.advisor, now: DeskFixture.now)
        return desk
    }

    static func bytes(_ lines: [String], separator: String = "\n") -> [UInt8] { Array((lines.joined(separator: separator) + separator).utf8) }

    /// The problems of a refused file, or a recorded issue when it was not refused.
    static func problems(_ desk: Desk, _ lines: [String], kind: FeedbackKind = .survey, file: String = "ankiety.csv") -> [FeedbackProblem] {
        do {
            _ = try desk.checkFeedback(bytes(lines), fileName: file, kind: kind, by: lead, now: DeskFixture.now)
            Issue.record("the file was accepted")
            return []
        } catch FeedbackError.badFile(let name, let problems) {
            #expect(name == file)
            return problems
        } catch {
            Issue.record("refused otherwise: \(error)")
            return []
        }
    }

    // MARK: One rule each

    @Test func aDateThatIsNotYYYYMMDDIsRefusedOnItsLine() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let found = Self.problems(desk, [Self.header, "2026-11-20,,,,9,", "20.11.2026,,,,8,", "2026-02-30,,,,7,"])
        #expect(found.map(\.line) == [3, 4])
        #expect(found[0].text.en.contains("the date '20.11.2026' is not a date YYYY-MM-DD; write it like 2026-11-20"), "\(found)")
        #expect(found[0].text.pl.contains("nie jest datą RRRR-MM-DD"))
    }

    @Test func anAdvisorWhoIsNoOperatorIsRefusedAndTheKnownOnesNamed() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let found = Self.problems(desk, [Self.header, "2026-11-20,kkowalczyk,,,9,"])
        #expect(found.map(\.line) == [2])
        #expect(found[0].text.en.contains("the advisor 'kkowalczyk' is not a person of this desk"), "\(found)")
        #expect(found[0].text.en.contains("pwisniewski"))
    }

    @Test func aComplaintTheDeskDoesNotHaveIsRefused() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let found = Self.problems(desk, [Self.header, "2026-11-20,,R/2026/0042,,9,", "2026-11-20,,nieznana,,9,"])
        #expect(found.map(\.line) == [2, 3])
        #expect(found[0].text.en.contains("there is no complaint 'R/2026/0042' at this desk"), "\(found)")
    }

    @Test func aScoreOutsideTheScaleIsRefusedWhetherTheSiteOrTheRowSetsIt() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let found = Self.problems(desk, [Self.header + ",scale", "2026-11-20,,,,11,,", "2026-11-20,,,,6,,5",
                                         "2026-11-20,,,,0,,", "2026-11-20,,,,7.5,,", "2026-11-20,,,,5,,7", "2026-11-20,,,,10,,"])
        #expect(found.map(\.line) == [2, 3, 4, 5, 6])
        #expect(found[0].text.en.contains("the score '11' is not a whole number from 1 to 10"), "\(found)")
        #expect(found[1].text.en.contains("from 1 to 5"), "\(found)")
        #expect(found[4].text.en.contains("the scale '7' is not 5 or 10"), "\(found)")

        let five = try DeskFixture()
        let fivePoint = try Self.desk(five, config: Self.site { $0.feedback.surveyScale = 5 })
        let onFive = Self.problems(fivePoint, [Self.header, "2026-11-20,,,,6,"])
        #expect(onFive.first?.text.en.contains("from 1 to 5") == true, "\(onFive)")
    }

    @Test func aMissingOrUnknownColumnIsRefusedWithTheExpectedHeader() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let missing = Self.problems(desk, ["date,advisor,complaint,score,comment", "2026-11-20,,,9,"])
        #expect(missing.map(\.line) == [1])
        #expect(missing[0].text.en.contains("missing repair_order"), "\(missing)")
        #expect(missing[0].text.en.contains("expected the header: date;advisor;complaint;repair_order;score;comment;scale"), "\(missing)")
        let unknown = Self.problems(desk, [Self.header + ",nps", "2026-11-20,,,,9,,"])
        #expect(unknown[0].text.en.contains("unknown 'nps'"), "\(unknown)")
        let mystery = Self.problems(desk, [Self.header, "2026-11-20,,,,9,"], kind: .mysteryShopping)
        #expect(mystery[0].text.en.contains("date;auditor;advisor;channel;score_percent;findings;complaint"), "\(mystery)")
    }

    @Test func aRowRepeatedInTheFileIsRefusedNamingTheFirst() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let found = Self.problems(desk, [Self.header, "2026-11-20,pwisniewski,,,9,Super", "2026-11-21,,,,8,",
                                         "2026-11-20,pwisniewski,,,9,Super"])
        #expect(found.map(\.line) == [4])
        #expect(found[0].text.en.contains("the same row as line 2 of this file"), "\(found)")
    }

    @Test func aRowImportedBeforeIsRefusedNamingTheEarlierImport() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let first = Self.bytes([Self.header, "2026-11-20,pwisniewski,R/2026/0001,,9,Dobrze"])
        try desk.importFeedback(first, fileName: "/tmp/listopad.csv", kind: .survey, by: Self.lead, now: DeskFixture.now)
        let sha = Hex.string(LogDigest.sha256(first))
        let found = Self.problems(desk, [Self.header, "2026-11-21,,,,8,", "2026-11-20,pwisniewski,R/2026/0001,,9,Dobrze"],
                                  file: "grudzien.csv")
        #expect(found.map(\.line) == [3])
        #expect(found[0].text.en.contains("already imported from listopad.csv sha256:\(sha), line 2 (2026-11-23, by anowak)"), "\(found)")
    }

    @Test func controlCharactersAreRefusedAndFormulasKeptAsText() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let found = Self.problems(desk, [Self.header, "2026-11-20,,,,9,Dobrze\u{1B}[31m", "2026-11-20,,,,9,\"dwa\nwiersze\""])
        #expect(found.map(\.line) == [2, 3])
        #expect(found[0].text.en.contains("column comment holds the control character U+001B"), "\(found)")
        #expect(found[1].text.en.contains("U+000A"), "\(found)")

        let formula = try desk.importFeedback(Self.bytes([Self.header, "2026-11-20,,,,9,\"=HYPERLINK(\"\"x\"\")\""]), fileName: "f.csv",
                                              kind: .survey, by: Self.lead, now: DeskFixture.now)
        #expect(formula.first?.comment == "=HYPERLINK(\"x\")", "stored as the text it is")
    }

    @Test func anEmptyFileOrOneWithOnlyTheHeaderIsRefusedWithTheHeaderExpected() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        for empty in [[UInt8](), [0xEF, 0xBB, 0xBF], Array("\n\n".utf8)] {
            do {
                _ = try desk.checkFeedback(empty, fileName: "pusty.csv", kind: .survey, by: Self.lead, now: DeskFixture.now)
                Issue.record("an empty file was accepted")
            } catch FeedbackError.badFile(_, let problems) {
                #expect(problems.count == 1 && problems[0].line == nil)
                #expect(problems[0].text.en.contains("the file is empty; its first row is the header: date;advisor;complaint;repair_order;score;comment"))
            }
        }
        let onlyHeader = Self.problems(desk, [Self.header])
        #expect(onlyHeader.first?.text.en.contains("only its header") == true, "\(onlyHeader)")
    }

    @Test func semicolonsAByteOrderMarkCRLFAndQuotesAreRead() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let text = "\u{FEFF}Date;Advisor;Complaint;Repair_order;Score;Comment\r\n"
            + "2026-11-20;pwisniewski;R/2026/0001;zn/2026/00123;9;\"Szybko; miło, \"\"polecam\"\"\"\r\n"
            + ";;;;;\r\n"
            + "2026-11-21;;;;4;Długo czekałem\r\n"
        let entries = try desk.checkFeedback(Array(text.utf8), fileName: "excel.csv", kind: .survey, by: Self.lead, now: DeskFixture.now)
        #expect(entries.count == 2)
        #expect(entries[0].comment == "Szybko; miło, \"polecam\"")
        #expect(entries[0].repairOrder == "ZN/2026/00123" && entries[0].complaint == ComplaintNumber(year: 2026, serial: 1))
        #expect(entries[0].source?.line == 2 && entries[1].source?.line == 4, "lines of the file, blank row skipped")
        #expect(entries[1].scale == 10 && entries[1].score == 4)
    }

    @Test func aMalformedQuoteIsRefusedOnItsLine() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let found = Self.problems(desk, [Self.header, "2026-11-20,,,,9,Pow\"iedział", "2026-11-20,,,,9,\"Dobrze\" bardzo"])
        #expect(found.map(\.line) == [2, 3])
        #expect(found.allSatisfy { $0.text.en.contains("put the whole field in quotes") }, "\(found)")
    }

    @Test func mysteryShoppingRowsAreCheckedForAuditorChannelAndPercent() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let found = Self.problems(desk, [Self.mysteryHeader, "2026-11-20,Agencja X,pwisniewski,phone,85%,,",
                                         "2026-11-20,,pwisniewski,fax,101,,", "2026-11-20,Agencja X,,e-mail,ok,,R/2026/0001"],
                                  kind: .mysteryShopping)
        #expect(found.map(\.line) == [3, 4])
        #expect(found[0].text.en.contains("no auditor") && found[0].text.en.contains("the channel 'fax' is not known")
                && found[0].text.en.contains("not a whole number from 0 to 100"), "\(found)")
    }

    @Test func aTraineeMayNotImport() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        #expect(throws: FeedbackError.roleMayNotImport(.trainee)) {
            try desk.importFeedback(Self.bytes([Self.header, "2026-11-20,,,,9,"]), fileName: "a.csv", kind: .survey,
                                    by: DeskFixture.trainee, now: DeskFixture.now)
        }
    }

    // MARK: All or nothing

    @Test func aFileWithBadRowsReportsEveryOneAndLeavesTheLogByteForByte() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
        let file = Self.bytes([Self.header, "2026-11-20,,,,9,", "jutro,,,,9,", "2026-11-20,,,,99,", "2026-11-21,,,,3,"])
        do {
            try desk.importFeedback(file, fileName: "ankiety.csv", kind: .survey, by: Self.lead, now: DeskFixture.now)
            Issue.record("a file with bad rows was imported")
        } catch let error as FeedbackError {
            guard case .badFile(_, let problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.map(\.line) == [3, 4])
            #expect(error.text.en.hasPrefix("ankiety.csv:3: the date 'jutro'"), "\(error.text.en)")
            #expect(error.text.en.contains("\nankiety.csv:4: the score '99'"))
            #expect(error.text.en.hasSuffix("Nothing was imported: correct these rows and import the file again."))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == before)
        #expect(desk.state.feedback.isEmpty)
    }

    @Test func aGoodFileIsImportedWholeInOneAppendAndReadBackByAnotherDesk() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        let other = try fixture.desk(config: Self.site())
        let sequence = desk.log.lastSequence
        let entries = try desk.importFeedback(Self.bytes([Self.header, "2026-11-20,pwisniewski,,,9,", "2026-11-21,,,ZN/2026/00123,5,", "2026-11-22,,,,10,"]),
                                              fileName: "ankiety.csv", kind: .survey, by: Self.lead, now: DeskFixture.now)
        #expect(entries.count == 3)
        #expect(desk.log.lastSequence == sequence + 3, "one record per row")
        #expect(Set(entries.compactMap(\.source?.sha256)).count == 1 && entries.map { $0.source?.line } == [2, 3, 4])
        #expect(try other.refresh() == 3)
        #expect(other.state.feedback == desk.state.feedback)
        // The result about the repair order is the complaint's, as `show` and the detail list it.
        let complaint = try desk.complaint(ComplaintNumber(year: 2026, serial: 1))
        #expect(desk.state.feedback(about: complaint).map(\.score) == [5])
        #expect(ComplaintText.render(complaint, desk: desk, now: DeskFixture.now, explain: false).contains("Feedback   2026-11-21 survey 5/10"))
    }

    @Test func theFeedbackPayloadIsItsOwnMemberAndDecodesBack() throws {
        var entry = FeedbackEntry(kind: .survey, recordedBy: "anowak", role: .lead, recordedAt: Date(timeIntervalSince1970: 1_795_426_200))
        entry.source = FeedbackSource(file: "a.csv", sha256: "ab", line: 2)
        entry.date = LocalDate(year: 2026, month: 11, day: 20)
        entry.score = 9; entry.scale = 10
        let bytes = try EventCodec.encode(entry)
        let json = try #require(String(bytes: bytes, encoding: .utf8))
        #expect(json == #"{"feedback":{"date":{"day":20,"month":11,"year":2026},"kind":"survey","recordedAt":1795426200000,"recordedBy":"anowak","role":"lead","scale":10,"score":9,"source":{"file":"a.csv","line":2,"sha256":"ab"}},"v":1}"#)
        let record = LogRecord(sequence: 1, offset: 0, kind: 1, encoding: 1, payload: bytes, hash: [])
        guard case .feedback(let decoded) = EventCodec.decode(record) else {
            Issue.record("a feedback payload decodes as a feedback entry")
            return
        }
        #expect(decoded == entry)
    }

    @Test func aDeskStartedFromASnapshotKeepsTheFeedbackAndItsReviews() throws {
        let fixture = try DeskFixture()
        let store = SnapshotStore(logPath: fixture.path, rewriteAfterRecords: .max, environment: ["HOME": fixture.directory])
        let desk = try Desk(log: EventLog(path: fixture.path, create: true), config: Self.site(), procedures: fixture.library,
                            snapshots: store)
        desk.useSigningKeys(DemoSite.sharedKeyring.signers)
        let entries = try desk.importFeedback(Self.bytes([Self.header, "2026-11-20,,,,2,"]), fileName: "a.csv", kind: .survey,
                                              by: Self.lead, now: DeskFixture.now)
        try desk.reviewFeedback(try #require(entries.first?.id), note: "Sprawdzone", by: Self.lead, now: DeskFixture.now)
        #expect(try desk.saveSnapshot() != nil)
        let resumed = try Desk(log: EventLog(path: fixture.path, create: false), config: Self.site(), procedures: fixture.library,
                               snapshots: store)
        #expect(resumed.startedFromSnapshot)
        #expect(resumed.state.feedback == desk.state.feedback && resumed.state.feedback.count == 2)
        #expect(resumed.state.lowFeedback(resumed.config.feedback).isEmpty)
    }

    // MARK: Low scores for the lead

    @Test func aLowScoreIsAnItemForTheLeadUntilALeadReviewsIt() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        try desk.importFeedback(Self.bytes([Self.header, "2026-11-20,pwisniewski,R/2026/0001,,6,Za długo", "2026-11-20,,,,7,"]),
                                fileName: "a.csv", kind: .survey, by: Self.lead, now: DeskFixture.now)
        try desk.importFeedback(Self.bytes([Self.mysteryHeader, "2026-11-19,Agencja X,pwisniewski,phone,69,Nie przedstawił się,",
                                            "2026-11-19,Agencja X,,email,70,,"]),
                                fileName: "b.csv", kind: .mysteryShopping, by: Self.lead, now: DeskFixture.now)
        let board = BoardFigures(desk: desk, now: DeskFixture.now)
        #expect(board.lowFeedback.map(\.score) == [6, nil] && board.lowFeedback.map(\.percent) == [nil, 69], "6 of 10 and under 70 %")
        let report = DeskReport(desk: desk, day: LocalDate(year: 2026, month: 11, day: 23), now: DeskFixture.now)
        #expect(report.lowFeedback.map(\.kind) == ["survey", "mystery-shopping"])
        let id = try #require(report.lowFeedback.first?.id)
        #expect(report.text.contains("Low scores (surveys, audits) awaiting a lead's review (2)"))
        let line = report.text.split(separator: "\n").first { $0.contains(id) } ?? ""
        for part in ["survey", "2026-11-20", "6/10", "pwisniewski, R/2026/0001"] { #expect(line.contains(part), "\(report.text)") }

        #expect(throws: FeedbackError.roleMayNotReview(.advisor)) {
            try desk.reviewFeedback(id, note: "Rozmowa z doradcą", by: DeskFixture.advisor, now: DeskFixture.now)
        }
        #expect(throws: FeedbackError.noSuchResult("00000000:9")) {
            try desk.reviewFeedback("00000000:9", note: "Rozmowa", by: Self.lead, now: DeskFixture.now)
        }
        let review = try desk.reviewFeedback(id, note: "Rozmowa z doradcą, szkolenie z kontaktu", by: Self.lead, now: DeskFixture.now)
        #expect(review.kind == .reviewed && review.reviews == id)
        #expect(BoardFigures(desk: desk, now: DeskFixture.now).lowFeedback.map(\.percent) == [69])
        #expect(throws: FeedbackError.self) { try desk.reviewFeedback(id, note: "Jeszcze raz", by: Self.lead, now: DeskFixture.now) }
        let notLow = try #require(desk.state.feedbackResults.first { $0.score == 7 }?.id)
        #expect(throws: FeedbackError.notLow(id: notLow)) { try desk.reviewFeedback(notLow, note: "Nic", by: Self.lead, now: DeskFixture.now) }
        // A fresh desk replays the review too.
        #expect(try fixture.desk(config: Self.site()).state.lowFeedback(desk.config.feedback).count == 1)
    }

    @Test func theThresholdsComeFromTheSiteConfig() throws {
        let config = try SiteConfigLoader.parse("[feedback]\nsurvey_scale = 5\nlow_mystery_percent = 80\n", file: "site.toml")
        #expect(config.feedback.surveyScale == 5 && config.feedback.lowScore(onScale: 5) == 3 && config.feedback.lowMysteryPercent == 80)
        #expect(try SiteConfigLoader.parse("[feedback]\nlow_survey_score = 4\n", file: "s").feedback.lowScore(onScale: 10) == 4)
        #expect(throws: ConfigError.self) { try SiteConfigLoader.parse("[feedback]\nsurvey_scale = 7\n", file: "s") }
        #expect(throws: ConfigError.self) { try SiteConfigLoader.parse("[feedback]\nlow_score = 4\n", file: "s") }
    }

    // MARK: Figures

    @Test func theReportCountsSurveysAndAuditsDatedInThePeriod() throws {
        let fixture = try DeskFixture()
        let desk = try Self.desk(fixture)
        try desk.importFeedback(Self.bytes([Self.header + ",scale", "2026-11-20,pwisniewski,,,9,,", "2026-11-21,pwisniewski,,,6,,",
                                            "2026-11-23,,,,4,,5", "2026-10-31,,,,1,,"]),
                                fileName: "a.csv", kind: .survey, by: Self.lead, now: DeskFixture.now)
        try desk.importFeedback(Self.bytes([Self.mysteryHeader, "2026-11-19,Agencja X,pwisniewski,phone,90,,", "2026-11-23,Agencja X,,email,65,,"]),
                                fileName: "b.csv", kind: .mysteryShopping, by: Self.lead, now: DeskFixture.now)
        let report = DeskReport(desk: desk, day: LocalDate(year: 2026, month: 11, day: 23), now: DeskFixture.now)
        let day = report.periods[0], month = report.periods[1]
        #expect(day.surveys.count == 1 && day.surveys.average == 8 && day.surveys.distribution[7] == 1, "4 of 5 is 8 of 10")
        #expect(month.surveys.count == 3 && month.surveys.average == 7.7, "(9 + 6 + 8) / 3, October left out")
        #expect(month.surveys.distribution == [0, 0, 0, 0, 0, 1, 0, 1, 1, 0])
        #expect(month.surveys.byAdvisor["pwisniewski"]?.count == 2 && month.surveys.byAdvisor["pwisniewski"]?.average == 7.5)
        #expect(month.mysteryShopping.count == 2 && month.mysteryShopping.averagePercent == 77.5 && month.mysteryShopping.low == 1)
        func row(_ text: String, _ label: String) -> String {
            // The month's table is the last one with the row.
            text.split(separator: "\n").last { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }.map(String.init) ?? ""
        }
        let surveys = row(report.text, "surveys (CSI)"), audits = row(report.text, "mystery shopping")
        #expect(surveys.contains("7.7/10") && surveys.contains("n = 3; scores 6: 1, 8: 1, 9: 1; by advisor: pwisniewski 7.5 (n = 2)"), "\(report.text)")
        #expect(audits.contains("77.5 %") && audits.contains("n = 2; under the threshold 1"), "\(report.text)")
        let polish = report.text(in: .polish)
        let ankiety = row(polish, "ankiety (CSI)"), audyty = row(polish, "audyty mystery shopping")
        #expect(ankiety.contains("7,7/10") && ankiety.contains("n = 3; oceny 6: 1, 8: 1, 9: 1; według doradcy: pwisniewski 7,5 (n = 2)"), "\(polish)")
        #expect(audyty.contains("77,5 %") && audyty.contains("n = 2; poniżej progu 1"))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        let periods = json?["periods"] as? [[String: Any]]
        #expect((periods?[1]["surveys"] as? [String: Any])?["count"] as? Int == 3)
        #expect((periods?[1]["mysteryShopping"] as? [String: Any])?["averagePercent"] as? Double == 77.5)
    }
}
