import AsodeskDomain
import Foundation
import Testing
@testable import AsodeskApp

/// The cause catalogue of the site config, the cause a decision records and its correction, and
/// the mystery-shopping test mark: stored, replayed, summarised and kept out of the figures.
@Suite struct CausesTests {
    static let lead = Actor(id: "anowak", role: .lead)

    // MARK: The catalogue in the site config

    func parse(_ text: String) throws -> SiteConfig { try SiteConfigLoader.parse(text, file: "site.toml") }

    /// The error of a config that must be refused, with the line and key it names.
    func refusal(_ text: String) -> ConfigError? {
        do { _ = try parse(text); return nil } catch let error as ConfigError { return error } catch { return nil }
    }

    @Test func aSiteWithoutCausesRecordsTheStandardCatalogue() throws {
        let config = try parse("[site]\nname = \"ASO\"\n")
        #expect(config.causes == .standard)
        #expect(CauseCatalogue.standard.causes.map(\.code) == ["workshop-error", "parts-quality", "manufacturer-defect", "communication",
                                                               "workshop-delay", "pricing-invoice", "customer-use", "not-confirmed"])
        #expect(CauseCatalogue.standard.causes.allSatisfy { (2...4).contains($0.subs.count) })
        #expect(CauseCatalogue.standard.name(of: CauseCode(code: "workshop-error", sub: "diagnosis"))?.pl == "błąd warsztatu — diagnoza")
    }

    @Test func aSiteListsItsOwnCausesWithSubCauses() throws {
        let config = try parse("""
            [[causes]]
            code = "workshop-error"
            name_pl = "błąd warsztatu"
            name_en = "workshop error"
            sub = [{ code = "diagnosis", name_pl = "diagnoza", name_en = "diagnosis" }]

            [[causes]]
            code = "paint-shop"
            name_pl = "lakiernia"
            name_en = "paint shop"
            """)
        #expect(config.causes.codes.map(\.text) == ["workshop-error", "workshop-error/diagnosis", "paint-shop"])
        #expect(config.causes.contains(CauseCode(code: "paint-shop")))
        #expect(!config.causes.contains(CauseCode(code: "communication")), "a site's list replaces the standard one")
    }

    @Test func aCodeUsedTwiceIsRefusedAtItsLine() throws {
        let error = try #require(refusal("""
            [[causes]]
            code = "delay"
            name_pl = "opóźnienie"
            name_en = "delay"

            [[causes]]
            code = "delay"
            name_pl = "zwłoka"
            name_en = "delay again"
            """))
        #expect(error.line == 7)
        #expect(error.key == "causes[2].code")
        #expect(error.problem.contains("already used by causes[1].code on line 2"), "\(error.problem)")
    }

    @Test(arguments: ["Workshop-Error", "workshop_error", "workshop--error", "-workshop", "workshop-", "1workshop", "błąd"])
    func aCodeWithCharactersOutsideTheRuleIsRefused(code: String) throws {
        let error = try #require(refusal("[[causes]]\ncode = \"\(code)\"\nname_pl = \"x\"\nname_en = \"x\"\n"))
        #expect(error.line == 2)
        #expect(error.key == "causes[1].code")
        #expect(error.problem.contains("lowercase letters, digits and single hyphens"))
    }

    @Test func anEmptyOrMissingNameIsRefused() throws {
        let empty = try #require(refusal("[[causes]]\ncode = \"delay\"\nname_pl = \"  \"\nname_en = \"delay\"\n"))
        #expect(empty.key == "causes[1].name_pl" && empty.line == 3)
        let missing = try #require(refusal("[[causes]]\ncode = \"delay\"\nname_pl = \"opóźnienie\"\n"))
        #expect(missing.key == "causes[1].name_en")
        #expect(missing.problem.hasPrefix("missing"))
    }

    @Test func aControlCharacterInANameIsRefused() throws {
        let error = try #require(refusal("[[causes]]\ncode = \"delay\"\nname_pl = \"opóź\\u001Bnienie\"\nname_en = \"delay\"\n"))
        #expect(error.key == "causes[1].name_pl")
        #expect(error.problem.contains("control character (U+1B)"), "\(error.problem)")
    }

    @Test func subCausesAreCheckedLikeCauses() throws {
        let twice = try #require(refusal("""
            [[causes]]
            code = "delay"
            name_pl = "opóźnienie"
            name_en = "delay"
            sub = [{ code = "parts", name_pl = "części", name_en = "parts" },
                   { code = "parts", name_pl = "części", name_en = "parts" }]
            """))
        #expect(twice.key == "causes[1].sub[2].code")
        #expect(twice.line == 5, "a value inside an inline table reports its key's line")
        let badCode = try #require(refusal("[[causes]]\ncode = \"delay\"\nname_pl = \"o\"\nname_en = \"d\"\nsub = [{ code = \"Parts\", name_pl = \"c\", name_en = \"p\" }]\n"))
        #expect(badCode.key == "causes[1].sub[1].code")
        let notATable = try #require(refusal("[[causes]]\ncode = \"delay\"\nname_pl = \"o\"\nname_en = \"d\"\nsub = [\"parts\"]\n"))
        #expect(notATable.key == "causes[1].sub[1]")
        let unknown = try #require(refusal("[[causes]]\ncode = \"delay\"\nname_pl = \"o\"\nname_en = \"d\"\ncolour = \"red\"\n"))
        #expect(unknown.key == "causes[1].colour" && unknown.line == 5)
    }

    @Test func causeCodesParseAsCodeOrCodeSlashSub() {
        #expect(CauseCode(text: "workshop-error")?.sub == nil)
        #expect(CauseCode(text: "workshop-error/diagnosis") == CauseCode(code: "workshop-error", sub: "diagnosis"))
        #expect(CauseCode(text: "workshop-error/diagnosis")?.main == CauseCode(code: "workshop-error"))
        for bad in ["", "a/b/c", "workshop-error/", "/diagnosis", "Workshop"] { #expect(CauseCode(text: bad) == nil, "\(bad)") }
    }

    // MARK: Stored: trailing field 3 of a decision, action 21, the amendment

    static func event(_ action: ComplaintAction) -> ComplaintEvent {
        ComplaintEvent(number: ComplaintNumber(year: 2026, serial: 7), actor: Actor(id: "pwisniewski", role: .advisor),
                       occurredAt: Date(timeIntervalSince1970: 1_795_420_800), recordedAt: Date(timeIntervalSince1970: 1_795_420_800),
                       action: action)
    }

    static func decoded(_ payload: [UInt8]) -> ComplaintEvent? {
        if case .complaint(let event) = BinaryEventCodec.decode(payload) { event } else { nil }
    }

    @Test func aDecisionsCauseIsTrailingFieldThreeAndADecisionWithoutOneReadsAsBefore() throws {
        let plain = Decision(outcome: .partly, reasons: "Częściowo zasadna", remedyGranted: nil)
        var withCause = plain
        withCause.cause = CauseCode(code: "workshop-error", sub: "assembly")
        let old = EventCodec.encode(Self.event(.decide(plain)))
        let new = EventCodec.encode(Self.event(.decide(withCause)))
        // The decision's fields as they always were, then tag 3 and the code as a string.
        #expect(Array(new.prefix(old.count)) == old)
        #expect(Array(new.dropFirst(old.count)) == [3, 23] + Array("workshop-error/assembly".utf8))
        #expect(Self.decoded(new) == Self.event(.decide(withCause)))
        #expect(Self.decoded(old) == Self.event(.decide(plain)), "a decision written before causes has none")
        // A cause on another event is damage, not a reason to guess.
        let misplaced = EventCodec.encode(Self.event(.note(text: "x"))) + [3, 5] + Array("delay".utf8)
        #expect(Self.decoded(misplaced) == nil)
    }

    @Test func jsonRecordsOfEncodingOneStillDecodeWithAndWithoutACause() throws {
        let plain = Self.event(.decide(Decision(outcome: .accepted, reasons: "Uznana", remedyGranted: "Naprawa")))
        let json = try EventCodec.encodeJSON(plain)
        #expect(!String(decoding: json, as: UTF8.self).contains("cause"))
        guard case .complaint(let back) = json.withUnsafeBytes({ EventCodec.decode(encoding: EventCodec.jsonEncoding, payload: $0) }) else {
            Issue.record("a JSON decision does not decode"); return
        }
        #expect(back == plain)
        let caused = Self.event(.decide(Decision(outcome: .accepted, reasons: "Uznana", remedyGranted: nil, cause: CauseCode(code: "communication"))))
        let causedJSON = try EventCodec.encodeJSON(caused)
        #expect(String(decoding: causedJSON, as: UTF8.self).contains("\"cause\":\"communication\""))
        guard case .complaint(let causedBack) = causedJSON.withUnsafeBytes({ EventCodec.decode(encoding: EventCodec.jsonEncoding, payload: $0) }) else {
            Issue.record("a JSON decision with a cause does not decode"); return
        }
        #expect(causedBack == caused)
    }

    @Test func aTestMarkIsActionTwentyOneAndACauseCorrectionUsesTheAmendment() throws {
        let mark = EventCodec.encode(Self.event(.markTest(audit: "TK/2026/11")))
        let head = EventCodec.encode(Self.event(.note(text: ""))).count - 2
        #expect(mark[head] == 21)
        #expect(Array(mark[(head + 1)...]) == [10] + Array("TK/2026/11".utf8))
        #expect(Self.decoded(mark) == Self.event(.markTest(audit: "TK/2026/11")))
        #expect(StorageCodes.verbs.code(.markTest) == 21)
        let amend = ComplaintAction.amend(corrections: [IntakeCorrection(field: .cause, old: "communication", new: "workshop-error/diagnosis")],
                                          reason: "Przegląd miesięczny")
        let payload = EventCodec.encode(Self.event(amend))
        #expect(payload[head + 2] == StorageCodes.correctableFields.code(.cause))
        #expect(StorageCodes.correctableFields.code(.cause) == 11)
        #expect(Self.decoded(payload) == Self.event(amend))
    }

    // MARK: On the desk

    /// A decided complaint of `desk` with cause `cause`.
    func decided(_ desk: Desk, cause: CauseCode?, at day: Int = 23) throws -> FigureDefinitionsTests.Story {
        let story = try FigureDefinitionsTests.Story(desk, receivedAt: FigureDefinitionsTests.local("2026-11-\(day) 09:00"))
        try story.acknowledge(at: "2026-11-\(day) 09:30")
        try story.contact(at: "2026-11-\(day) 10:00")
        try story.passing(.beforeDecision, then: .decide(Decision(outcome: .accepted, reasons: "Wada potwierdzona", remedyGranted: nil,
                                                                  cause: cause)), at: "2026-11-\(day) 11:00")
        return story
    }

    @Test func theCauseIsTheDecisionsAsAmendedAndKeptThroughAReopen() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let story = try decided(desk, cause: CauseCode(code: "communication", sub: "not-informed"))
        #expect(try desk.complaint(story.number).cause == CauseCode(code: "communication", sub: "not-informed"))
        try story.act(.amend(corrections: [IntakeCorrection(field: .cause, old: "communication/not-informed", new: "workshop-error/diagnosis")],
                             reason: "Analiza warsztatu wskazała błąd diagnozy"), by: Self.lead, at: "2026-11-23 12:00")
        var complaint = try desk.complaint(story.number)
        #expect(complaint.cause == CauseCode(code: "workshop-error", sub: "diagnosis"))
        #expect(complaint.decision?.cause == CauseCode(code: "communication", sub: "not-informed"), "the decision keeps what it said")
        try story.act(.reopen(reason: "Usterka wróciła"), by: Self.lead, at: "2026-11-23 13:00")
        complaint = try desk.complaint(story.number)
        #expect(complaint.cause == CauseCode(code: "workshop-error", sub: "diagnosis"))
        // A correction from a value it no longer has, to an unknown code, or to the same one is refused.
        #expect(throws: Refusal.self) {
            try story.act(.amend(corrections: [IntakeCorrection(field: .cause, old: "communication", new: "parts-quality")], reason: "Przegląd"),
                          by: Self.lead, at: "2026-11-23 14:00")
        }
        do {
            try story.act(.amend(corrections: [IntakeCorrection(field: .cause, old: "workshop-error/diagnosis", new: "gremlins")], reason: "Przegląd"),
                          by: Self.lead, at: "2026-11-23 14:00")
            Issue.record("an unknown cause was accepted")
        } catch let refusal as Refusal {
            #expect(refusal.text.en.contains("Unknown cause “gremlins”") && refusal.text.en.contains("workshop-error/diagnosis"))
            #expect(refusal.text.pl.contains("Nieznana przyczyna „gremlins”"))
        }
    }

    @Test func aCauseCannotBeCorrectedBeforeAnyDecisionNorDecidedUnknown() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let story = try FigureDefinitionsTests.Story(desk, receivedAt: FigureDefinitionsTests.local("2026-11-23 09:00"))
        do {
            try story.act(.amend(corrections: [IntakeCorrection(field: .cause, old: nil, new: "communication")], reason: "Za wcześnie"),
                          by: Self.lead, at: "2026-11-23 09:10")
            Issue.record("a cause corrected before a decision")
        } catch let refusal as Refusal {
            #expect(refusal.text.en.contains("has no decision yet"))
        }
        try story.acknowledge(at: "2026-11-23 09:30")
        try story.contact(at: "2026-11-23 10:00")
        #expect(throws: Refusal.self) {
            try story.passing(.beforeDecision, then: .decide(Decision(outcome: .accepted, reasons: "Wada", remedyGranted: nil,
                                                                      cause: CauseCode(code: "gremlins"))), at: "2026-11-23 11:00")
        }
        #expect(try desk.complaint(story.number).state != .decided)
    }

    @Test func theBeforeDecisionChecklistAsksForTheCause() throws {
        let library = try ProcedureLibrary.bundled()
        let step = try #require(library.procedure(id: "customer-problem")?.steps.first { $0.id == "record-cause" })
        #expect(step.mandatory)
        #expect(step.text.en.contains("--cause"))
        #expect(library.procedure(id: "mystery-shopping-audit")?.steps.first { $0.id == "mark-as-test" }?.text.en.contains("mark-test") == true)
    }

    @Test func onlyAShiftLeadMarksATestOnceInAnyOpenState() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let story = try FigureDefinitionsTests.Story(desk, receivedAt: FigureDefinitionsTests.local("2026-11-23 09:00"))
        for actor in [DeskFixture.advisor, DeskFixture.trainee] {
            do {
                try story.act(.markTest(audit: "TK/2026/11"), by: actor, at: "2026-11-23 09:05")
                Issue.record("\(actor.role) marked a test")
            } catch let refusal as Refusal {
                #expect(refusal.text.en == "Only a shift lead can mark a complaint as a mystery-shopping test.")
            }
        }
        try story.act(.markTest(audit: "TK/2026/11"), by: Self.lead, at: "2026-11-23 09:05")
        #expect(try desk.complaint(story.number).isMysteryShoppingTest)
        #expect(throws: Refusal.self) { try story.act(.markTest(audit: "TK/2026/12"), by: Self.lead, at: "2026-11-23 09:06") }
        #expect(try desk.complaint(story.number).testAudit == "TK/2026/11")
        #expect(Lifecycle.verbs(allowedIn: .followedUp).contains(.markTest) == false)
        #expect(ComplaintState.allCases.filter(\.isOpen).allSatisfy { Lifecycle.verbs(allowedIn: $0).contains(.markTest) })
    }

    // MARK: Finished complaints and the report

    @Test func aFinishedComplaintsSummaryKeepsItsCauseAndTestMark() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let story = try decided(desk, cause: CauseCode(code: "parts-quality", sub: "wrong-part"))
        try story.act(.markTest(audit: "TK/2026/11"), by: Self.lead, at: "2026-11-23 11:30")
        let complaint = try desk.complaint(story.number)
        let summary = ComplaintSummary(complaint)
        #expect(summary.cause == CauseCode(code: "parts-quality", sub: "wrong-part"))
        #expect(summary.isMysteryShoppingTest)
        let entry = FinishedEntry.encode(summary, offsets: [10, 200, 3000])
        let back = try #require(FinishedEntry.decode(at: 0, in: entry))
        #expect(back.summary == summary)
        #expect(back.offsets == [10, 200, 3000])
        // Without either: nil and false, as every complaint decided before causes.
        var plain = summary
        plain.cause = nil; plain.isMysteryShoppingTest = false
        #expect(FinishedEntry.decode(at: 0, in: FinishedEntry.encode(plain, offsets: []))?.summary == plain)
        #expect(DeskSnapshot.formatVersion == 11)
    }

    @Test func theReportLeavesATestComplaintOutAndSaysSo() throws {
        func report(withTest: Bool) throws -> DeskReport {
            let fixture = try DeskFixture()
            let desk = try fixture.desk()
            for day in [23, 24] { _ = try decided(desk, cause: CauseCode(code: "communication"), at: day) }
            if withTest {
                let test = try decided(desk, cause: CauseCode(code: "workshop-error"), at: 25)
                try test.act(.markTest(audit: "TK/2026/11"), by: Self.lead, at: "2026-11-25 12:00")
            }
            let month = DeskReport(desk: desk, periods: [.month(of: LocalDate(year: 2026, month: 11, day: 1))], subject: "2026-11",
                                   now: FigureDefinitionsTests.local("2026-11-27 12:00"))
            return month
        }
        let withReport = try report(withTest: true)
        let without = try report(withTest: false).periods[0], with = withReport.periods[0]
        let excludedLine = withReport.text.split(separator: "\n").first { $0.contains("left out of the figures as mystery-shopping tests") }
        #expect(excludedLine.map { $0.split(separator: " ").last == "1" } == true, "\(withReport.text)")
        #expect(with.testComplaintsExcluded == 1)
        #expect(without.testComplaintsExcluded == 0)
        var compared = with
        compared.testComplaintsExcluded = 0
        #expect(compared == without, "every figure is as if the test complaint were not there")
        #expect(with.received == 2 && with.decided == 2)
    }
}
