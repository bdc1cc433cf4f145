import AsodeskDomain
import AsodeskLog
import Foundation
import Testing
@testable import AsodeskApp

/// The register of corrective and preventive actions: its own records in the log (issue 16, item 2).
@Suite struct ImprovementRegisterTests {
    static let lead = Actor(id: "anowak", role: .lead)
    static let advisor = DeskFixture.advisor
    static let trainee = DeskFixture.trainee
    static let now = DeskFixture.now   // 2026-11-23 09:00 Warsaw
    static let day: TimeInterval = 86_400

    static var site: SiteConfig {
        var config = SiteConfig.standard
        config.operators = DemoSite.sharedKeyring.operators
        return config
    }

    static func opening(_ complaints: [ComplaintNumber] = [], owner: String = "pwisniewski",
                        due: LocalDate = LocalDate(year: 2026, month: 12, day: 10)) -> ImprovementOpening {
        ImprovementOpening(kind: .corrective, title: "Kontrola momentu dokręcenia kół", causes: ["workshop-error/torque"],
                           complaints: complaints, owner: owner, due: due, measure: "Zero reklamacji na koła przez kwartał")
    }

    /// A desk with one complaint received (R/2026/0001).
    func deskWithComplaint(_ fixture: DeskFixture) throws -> (Desk, ComplaintNumber) {
        let desk = try fixture.desk(config: Self.site)
        let event = try desk.perform(.receive(try DeskFixture.intake()), on: nil, by: Self.advisor, now: Self.now)
        return (desk, event.number)
    }

    @Test func anImprovementStepRoundTripsThroughItsOwnPayloadMember() throws {
        let event = ImprovementEvent(id: ActionID(year: 2026, serial: 7), actor: Self.lead, occurredAt: Self.now, recordedAt: Self.now,
                                     change: .open(Self.opening([ComplaintNumber(year: 2026, serial: 42)])))
        let bytes = try EventCodec.encode(event)
        let json = try #require(String(bytes: bytes, encoding: .utf8))
        #expect(json.hasPrefix(#"{"improvement":{"actor":{"id":"anowak","role":"lead"},"change":{"open":{"causes":["workshop-error/torque"],"complaints":["R/2026/0042"]"#), "\(json)")
        #expect(json.contains(#""id":"D-2026/7""#) && json.hasSuffix(#""v":1}"#))
        let record = LogRecord(sequence: 1, offset: 0, kind: 1, encoding: 1, payload: bytes, hash: [])
        guard case .improvement(let decoded) = EventCodec.decode(record) else {
            Issue.record("an improvement payload decodes as an improvement step")
            return
        }
        #expect(decoded == event)
        for change in [ImprovementChange.done(note: "n"), .verify(effective: false, note: "v"), .cancel(reason: "r"),
                       .amend(ImprovementAmendment(due: LocalDate(year: 2027, month: 1, day: 5), reason: "later"))] {
            var step = event
            step.change = change
            let back = EventCodec.decode(LogRecord(sequence: 1, offset: 0, kind: 1, encoding: 1, payload: try EventCodec.encode(step), hash: []))
            guard case .improvement(let again) = back else { Issue.record("\(change) does not decode"); continue }
            #expect(again == step)
        }
    }

    @Test func aStepOfAnUnknownVerbOrWithTwoMembersIsUnreadable() throws {
        func decode(_ json: String) -> EventCodec.DecodeResult {
            EventCodec.decode(LogRecord(sequence: 1, offset: 0, kind: 1, encoding: 1, payload: Array(json.utf8), hash: []))
        }
        let actor = #""actor":{"id":"anowak","role":"lead"},"id":"D-2026/1","occurredAt":0,"recordedAt":0"#
        for json in [#"{"v":1,"improvement":{"#+actor+#","change":{"reopen":{"note":"x"}}}}"#,
                     #"{"v":1,"improvement":{"#+actor+#","change":{"done":{"note":"x"},"cancel":{"reason":"y"}}}}"#] {
            guard case .unreadable = decode(json) else { Issue.record("expected unreadable: \(json)"); continue }
        }
    }

    @Test func openingFoldsIntoTheRegisterAndAFreshDeskReadsTheSame() throws {
        let fixture = try DeskFixture()
        let (desk, number) = try deskWithComplaint(fixture)
        let opened = try desk.recordImprovement(.open(Self.opening([number])), by: Self.advisor, now: Self.now)
        #expect(opened.id == ActionID(year: 2026, serial: 1))
        let done = try desk.recordImprovement(.done(note: "Klucze dynamometryczne skalibrowane"), on: opened.id, by: Self.advisor, now: Self.now + 60)
        #expect(done.id == opened.id)
        let action = try desk.improvement(opened.id)
        #expect(action.status == .done && action.history.count == 2 && action.complaints == [number])
        #expect(desk.state.actions(answering: number).map(\.id) == [opened.id])
        let fresh = try fixture.desk(config: Self.site)
        #expect(fresh.state.improvements == desk.state.improvements)
        #expect(fresh.state.unreadable.isEmpty && fresh.unprovenRecords.isEmpty, "signed like every other record")
        #expect(fresh.logWarnings.isEmpty)
    }

    @Test func twoTerminalsOpeningAtOnceGetTwoIds() throws {
        let fixture = try DeskFixture()
        let (first, _) = try deskWithComplaint(fixture)
        let second = try fixture.desk(config: Self.site)
        let a = try first.recordImprovement(.open(Self.opening()), by: Self.advisor, now: Self.now)
        // The second terminal has not refreshed; its append folds the first one's record under the lock.
        let b = try second.recordImprovement(.open(Self.opening()), by: Self.lead, now: Self.now)
        let c = try first.recordImprovement(.open(Self.opening()), by: Self.advisor, now: Self.now)
        #expect([a.id, b.id, c.id].map(\.serial) == [1, 2, 3])
        try first.refresh()
        #expect(first.state.improvements.count == 3 && second.state.improvements.count == 2)
        // A new year starts again at 1: the site-local year of the opening (00:30 in Warsaw is still 2026 in UTC).
        let newYear = Date(timeIntervalSince1970: 1_798_758_000 + 1800) // 2026-12-31 23:30 UTC
        let d = try second.recordImprovement(.open(Self.opening(due: LocalDate(year: 2027, month: 2, day: 1))), by: Self.lead, now: newYear)
        #expect(d.id == ActionID(year: 2027, serial: 1))
    }

    @Test func whoMayDoWhatIsCheckedAndARefusalWritesNothing() throws {
        let fixture = try DeskFixture()
        let (desk, _) = try deskWithComplaint(fixture)
        let before = desk.log.lastSequence
        #expect(throws: Refusal.self) { try desk.recordImprovement(.open(Self.opening()), by: Self.trainee, now: Self.now) }
        #expect(desk.log.lastSequence == before, "a trainee's opening writes nothing")
        let opened = try desk.recordImprovement(.open(Self.opening()), by: Self.advisor, now: Self.now)
        do {
            try desk.recordImprovement(.verify(effective: true, note: "ok"), on: opened.id, by: Self.lead, now: Self.now)
            Issue.record("verified before done")
        } catch let refusal as Refusal {
            #expect(refusal.text.en.contains("only once it is done"), "\(refusal.text.en)")
        }
        try desk.recordImprovement(.done(note: "zrobione"), on: opened.id, by: Self.advisor, now: Self.now)
        do {
            try desk.recordImprovement(.verify(effective: true, note: "ok"), on: opened.id, by: Self.advisor, now: Self.now)
            Issue.record("an advisor verified")
        } catch let refusal as Refusal {
            #expect(refusal.text.pl.contains("tylko kierownik zmiany"), "\(refusal.text.pl)")
        }
        #expect(throws: Refusal.self) { try desk.recordImprovement(.cancel(reason: "x"), on: opened.id, by: Self.advisor, now: Self.now) }
        let someoneElses = try desk.recordImprovement(.open(Self.opening(owner: "anowak")), by: Self.lead, now: Self.now)
        #expect(throws: Refusal.self) { try desk.recordImprovement(.done(note: "n"), on: someoneElses.id, by: Self.advisor, now: Self.now) }
        let count = desk.log.lastSequence
        try desk.recordImprovement(.verify(effective: false, note: "Nadal reklamacje"), on: opened.id, by: Self.lead, now: Self.now)
        #expect(try desk.improvement(opened.id).status == .notEffective)
        #expect(desk.log.lastSequence == count + 1)
        // Not effective: the need stays, the lead opens a follow-up; an advisor may not.
        var followUp = Self.opening()
        followUp.followUpOf = opened.id
        #expect(throws: Refusal.self) { try desk.recordImprovement(.open(followUp), by: Self.advisor, now: Self.now) }
        let next = try desk.recordImprovement(.open(followUp), by: Self.lead, now: Self.now)
        #expect(try desk.improvement(next.id).followUpOf == opened.id)
    }

    @Test func openingChecksComplaintsOwnersCausesAndText() throws {
        let fixture = try DeskFixture()
        let (desk, _) = try deskWithComplaint(fixture)
        var bad = Self.opening([ComplaintNumber(year: 2026, serial: 99)])
        #expect(throws: Refusal.self) { try desk.recordImprovement(.open(bad), by: Self.advisor, now: Self.now) }
        bad = Self.opening(owner: "nobody")
        #expect(throws: Refusal.self) { try desk.recordImprovement(.open(bad), by: Self.advisor, now: Self.now) }
        bad = Self.opening(); bad.causes = ["Workshop Error"]
        #expect(throws: Refusal.self) { try desk.recordImprovement(.open(bad), by: Self.advisor, now: Self.now) }
        bad = Self.opening(); bad.title = "  "
        #expect(throws: Refusal.self) { try desk.recordImprovement(.open(bad), by: Self.advisor, now: Self.now) }
        #expect(desk.state.improvements.isEmpty)
        for code in ["workshop-error", "parts-quality/supplier-2", "a"] { #expect(ImprovementRules.isCauseCode(code), "\(code)") }
        for code in ["", "a//b", "a/b/c", "-a", "a--b", "Ą", "a b"] { #expect(!ImprovementRules.isCauseCode(code), "\(code)") }
    }

    @Test func amendChangesOnlyWhatItNamesAndNeedsAReason() throws {
        let fixture = try DeskFixture()
        let (desk, number) = try deskWithComplaint(fixture)
        let opened = try desk.recordImprovement(.open(Self.opening()), by: Self.advisor, now: Self.now)
        #expect(throws: Refusal.self) { try desk.recordImprovement(.amend(ImprovementAmendment(reason: "nic")), on: opened.id, by: Self.lead, now: Self.now) }
        try desk.recordImprovement(.amend(ImprovementAmendment(owner: "anowak", due: LocalDate(year: 2027, month: 1, day: 15),
                                                              complaints: [number], reason: "Przejmuje kierownik")),
                                   on: opened.id, by: Self.lead, now: Self.now)
        let action = try desk.improvement(opened.id)
        #expect(action.owner == "anowak" && action.due == LocalDate(year: 2027, month: 1, day: 15) && action.complaints == [number])
        #expect(action.title == Self.opening().title)
    }

    /// Timers at generated "now"s: due soon from the warning days before, overdue the day after,
    /// the effectiveness check `effectiveness_check_weeks` after done.
    @Test func theTimersFollowTheSiteLocalDay() throws {
        let due = LocalDate(year: 2026, month: 12, day: 10)
        var random = SeededRandom(seed: 16)
        for _ in 0..<200 {
            let offset = random.int(-30...30)
            let today = due.adding(days: offset)
            let warning = random.int(0...9)
            let state = ImprovementTimers.dueState(due: due, today: today, warningDays: warning)
            let expected: ImprovementTimers.DueState = offset > 0 ? .overdue : (-offset <= warning ? .dueSoon : .onTime)
            #expect(state == expected, "day \(offset) with \(warning) warning days")
        }
        let fixture = try DeskFixture()
        var config = Self.site
        config.improvement = ImprovementSettings(effectivenessCheckWeeks: 2, warningDays: 5)
        let desk = try fixture.desk(config: config)
        let opened = try desk.recordImprovement(.open(Self.opening(due: LocalDate(year: 2026, month: 11, day: 30))), by: Self.advisor, now: Self.now)
        func row(_ at: Date) -> RegisterRow? { desk.register(now: at).first { $0.action?.id == opened.id } }
        #expect(row(Self.now)?.dueState == .onTime)                       // 23 Nov, due 30 Nov, 5 warning days
        #expect(row(Self.now + 2 * Self.day)?.dueState == .dueSoon)       // 25 Nov
        #expect(row(Self.now + 7 * Self.day)?.dueState == .dueSoon)       // 30 Nov
        #expect(row(Self.now + 8 * Self.day)?.dueState == .overdue)       // 1 Dec
        #expect(DeskReport(desk: desk, day: LocalDate(year: 2026, month: 12, day: 1), now: Self.now + 8 * Self.day).actionsOverdue.map(\.id).filter { $0.hasPrefix("D-") } == [opened.id.description])
        try desk.recordImprovement(.done(note: "zrobione"), on: opened.id, by: Self.advisor, now: Self.now + 8 * Self.day)
        #expect(row(Self.now + 8 * Self.day)?.dueState == nil, "a done action has no due timer")
        #expect(row(Self.now + 8 * Self.day)?.checkDue == LocalDate(year: 2026, month: 12, day: 15))
        #expect(row(Self.now + 21 * Self.day)?.checkIsDue == false)      // 14 Dec
        #expect(row(Self.now + 22 * Self.day)?.checkIsDue == true)       // 15 Dec
        let report = DeskReport(desk: desk, day: LocalDate(year: 2026, month: 12, day: 15), now: Self.now + 22 * Self.day)
        #expect(report.effectivenessChecksDue.map(\.id) == [opened.id.description] && report.actionsOverdue.filter { $0.id.hasPrefix("D-") }.isEmpty)
        try desk.recordImprovement(.verify(effective: true, note: "Brak reklamacji"), on: opened.id, by: Self.lead, now: Self.now + 22 * Self.day)
        #expect(row(Self.now + 22 * Self.day) == nil, "settled actions leave the working list")
        #expect(desk.register(now: Self.now + 22 * Self.day, includingSettled: true).contains { $0.action?.id == opened.id })
    }

    @Test func procedureReviewsThatFallDueAreDerivedRowsUntilTheLeadOpensOne() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk(config: Self.site)
        let procedure = try #require(desk.procedures.procedures.first)
        let due = ImprovementTimers.reviewDue(reviewed: procedure.reviewedOn)
        let late = desk.calendar.localDate(of: Self.now) < due
            ? Self.now + Double(desk.calendar.localDate(of: Self.now).days(until: due) + 1) * Self.day : Self.now
        let rows = desk.register(now: late).filter { if case .procedureReview(procedure.id, _, _) = $0.source { true } else { false } }
        #expect(rows.count == 1 && rows[0].isOverdue && rows[0].owner == nil && rows[0].due == due)
        #expect(desk.state.improvements.isEmpty, "derived, not logged")
        var review = ImprovementOpening(kind: .procedureReview, title: "Przegląd \(procedure.id)", owner: "anowak", due: due.adding(days: 30),
                                        measure: "Procedura przejrzana i podpisana", procedure: procedure.id)
        #expect(throws: Refusal.self) { try desk.recordImprovement(.open(review), by: Self.advisor, now: Self.now) }
        review.procedure = "no-such-procedure"
        #expect(throws: Refusal.self) { try desk.recordImprovement(.open(review), by: Self.lead, now: Self.now) }
        review.procedure = procedure.id
        try desk.recordImprovement(.open(review), by: Self.lead, now: Self.now)
        #expect(!desk.register(now: late).contains { if case .procedureReview(procedure.id, _, _) = $0.source { true } else { false } })
        #expect(desk.register(now: late).contains { $0.action?.procedure == procedure.id })
    }

    @Test func theRegisterSurvivesASnapshot() throws {
        let fixture = try DeskFixture()
        let (desk, number) = try deskWithComplaint(fixture)
        let opened = try desk.recordImprovement(.open(Self.opening([number])), by: Self.advisor, now: Self.now)
        try desk.recordImprovement(.done(note: "zrobione"), on: opened.id, by: Self.advisor, now: Self.now)
        let store = SnapshotStore(logPath: fixture.path, rewriteAfterRecords: 1_000_000, environment: ["HOME": fixture.directory])
        let writer = try Desk(log: EventLog(path: fixture.path, create: false), config: Self.site, procedures: fixture.library, snapshots: store)
        #expect(try writer.saveSnapshot() != nil)
        let resumed = try Desk(log: EventLog(path: fixture.path, create: false), config: Self.site, procedures: fixture.library, snapshots: store)
        resumed.useSigningKeys(DemoSite.sharedKeyring.signers)
        #expect(resumed.startedFromSnapshot)
        #expect(resumed.state.improvements == desk.state.improvements)
        // Numbering goes on from the snapshot's register.
        #expect(try resumed.recordImprovement(.open(Self.opening()), by: Self.advisor, now: Self.now).id.serial == 2)
    }
}
