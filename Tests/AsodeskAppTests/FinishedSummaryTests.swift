import AsodeskDomain
import AsodeskLog
import Foundation
import Testing
@testable import AsodeskApp

/// Finished complaints are kept as summaries: derived from the log alone, identical after a
/// snapshot, and the report computed from them equals the report computed from every
/// complaint read back in full.
@Suite struct FinishedSummaryTests {
    static let now = DeskFixture.now

    func snapshotStore(_ fixture: DeskFixture) -> SnapshotStore {
        SnapshotStore(logPath: fixture.path, rewriteAfterRecords: 1, environment: ["HOME": fixture.directory])
    }

    /// The demo's people configured (signing as they do): its hand-overs go to people the desk knows
    /// even before they have recorded anything.
    func demoDesk(_ fixture: DeskFixture) throws -> Desk {
        var config = SiteConfig.standard
        config.operators = DemoSite.sharedKeyring.operators
        return try fixture.desk(config: config)
    }

    func desk(_ fixture: DeskFixture, snapshots: SnapshotStore? = nil) throws -> Desk {
        try Desk(log: EventLog(path: fixture.path, create: false), config: .standard, procedures: fixture.library, snapshots: snapshots)
    }

    /// Every figure of the report, as a person and a script read it.
    func figures(_ report: DeskReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return report.text + "\n" + String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// The days a shift lead asks about: today, a day of last month, a day deep in the history
    /// judged then (later events not yet happened), and the same day judged now.
    func reportDays(_ desk: Desk) -> [(LocalDate, Date)] {
        let today = desk.calendar.localDate(of: Self.now)
        let lastMonth = Self.now.addingTimeInterval(-35 * 86_400)
        let deep = Self.now.addingTimeInterval(-200 * 86_400)
        return [(today, Self.now), (desk.calendar.localDate(of: lastMonth), Self.now),
                (desk.calendar.localDate(of: deep), deep), (desk.calendar.localDate(of: deep), Self.now)]
    }

    func expectReportsMatch(_ desk: Desk) throws {
        for (day, now) in reportDays(desk) {
            let fromSummaries = try figures(DeskReport(desk: desk, day: day, now: now))
            let fromHistory = try figures(DeskReport(desk: desk, day: day, now: now, source: try .fullHistory(of: desk)))
            #expect(fromSummaries == fromHistory, "report for \(day) judged at \(now)")
        }
    }

    @Test(arguments: LogShape.Stories.allCases)
    func aSummaryIsWhatTheFullComplaintGives(_ stories: LogShape.Stories) throws {
        let fixture = try DeskFixture()
        _ = try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 10, totalEvents: 1_500, seed: 4,
                                                                   now: Self.now, stories: stories))
        let desk = try desk(fixture)
        let finished = desk.state.complaints.finished
        #expect(finished.count == desk.state.complaints.count - 10)
        for number in finished.numbers {
            let complaint = try #require((try? desk.complaint(number)), "read back from the log")
            #expect(desk.state.complaints.finishedSummary(number) == ComplaintSummary(complaint))
        }
    }

    /// Many finished complaints are read back in one streamed pass over the log, a few frame by
    /// frame: both must give each complaint exactly as reading its own frames does.
    @Test func finishedComplaintsReadBackTogetherAreTheSameAsReadOneByOne() throws {
        let fixture = try DeskFixture()
        _ = try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 10, totalEvents: 6_000, seed: 9,
                                                                   now: Self.now, stories: .short))
        let desk = try desk(fixture)
        let table = desk.state.complaints
        let numbers = table.finishedNumbers
        #expect(numbers.count > LogFinishedComplaintSource.fewEnoughToReadOneByOne, "enough to take the streamed pass")
        let oneByOne = try numbers.map { try desk.complaint($0) }.sorted { $0.number < $1.number }
        let together = try desk.finishedComplaints(numbers).sorted { $0.number < $1.number }
        #expect(together == oneByOne)
        let few = Array(numbers.prefix(5))
        #expect(try desk.finishedComplaints(few) == oneByOne.filter { few.contains($0.number) }.sorted { few.firstIndex(of: $0.number)! < few.firstIndex(of: $1.number)! })
        #expect(try desk.allComplaints().count == table.count)
        // The table itself never reads the log: a finished complaint is not held in full.
        #expect(numbers.allSatisfy { table.heldInFull($0) == nil && table.finishedSummary($0) != nil })
    }

    @Test func theSnapshotKeepsTheSummariesAFullReplayBuilds() throws {
        let fixture = try DeskFixture()
        _ = try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 8, totalEvents: 2_000, seed: 5,
                                                                   now: Self.now, stories: .short))
        _ = try desk(fixture, snapshots: snapshotStore(fixture))
        let resumed = try desk(fixture, snapshots: snapshotStore(fixture))
        #expect(resumed.startedFromSnapshot)
        let replayed = try desk(fixture)
        #expect(!replayed.startedFromSnapshot)
        let sameAsReplay = resumed.state.complaints.finished == replayed.state.complaints.finished
        #expect(sameAsReplay)
        let sameBytes = resumed.state.complaints.finished.sortedIndex().block == replayed.state.complaints.finished.sortedIndex().block
        #expect(sameBytes, "the snapshot holds exactly the entries a full replay makes")
        #expect(resumed.state.nextNumber(year: 2026) == replayed.state.nextNumber(year: 2026))
        #expect(resumed.state.nextNumber(year: 2025) == replayed.state.nextNumber(year: 2025))
    }

    @Test func theReportFromSummariesEqualsTheReportFromFullComplaintsOnTheDemoLog() throws {
        let fixture = try DeskFixture()
        _ = try DemoLog.write(into: try fixture.desk(), now: Self.now, seed: 11)
        let desk = try desk(fixture)
        #expect(!desk.state.complaints.finished.isEmpty)
        try expectReportsMatch(desk)
    }

    @Test(arguments: LogShape.Stories.allCases)
    func theReportFromSummariesEqualsTheReportFromFullComplaintsOnAGeneratedLog(_ stories: LogShape.Stories) throws {
        let fixture = try DeskFixture()
        _ = try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 20, totalEvents: 4_000, seed: 6,
                                                                   now: Self.now, stories: stories))
        let replayed = try desk(fixture, snapshots: snapshotStore(fixture))
        try expectReportsMatch(replayed)
        let resumed = try desk(fixture, snapshots: snapshotStore(fixture))
        #expect(resumed.startedFromSnapshot)
        try expectReportsMatch(resumed)
        #expect(try figures(DeskReport(desk: resumed, day: reportDays(resumed)[1].0, now: Self.now))
                == figures(DeskReport(desk: replayed, day: reportDays(replayed)[1].0, now: Self.now)))
    }

    @Test func aFinishedComplaintWrittenToAgainIsTakenBackInFullAndSetAsideAgain() throws {
        let fixture = try DeskFixture()
        _ = try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 5, totalEvents: 600, seed: 8, now: Self.now))
        _ = try desk(fixture, snapshots: snapshotStore(fixture))
        let desk = try desk(fixture, snapshots: snapshotStore(fixture))
        #expect(desk.startedFromSnapshot)
        let number = try #require(desk.state.complaints.finished.numbers.min())
        let before = desk.state.complaints.count
        // A note after the follow-up (another version's entry): the complaint comes back in full.
        let lead = Actor(id: "anowak", role: .lead)
        let note = ComplaintEvent(number: number, actor: lead, occurredAt: Self.now, recordedAt: Self.now,
                                  action: .note(text: "Dopisek po zamknięciu."))
        let otherTerminal = try EventLog(path: fixture.path, create: false)
        try otherTerminal.append(encoding: EventCodec.eventEncoding) { _ in [EventCodec.encode(note)] }
        try desk.refresh()
        #expect(desk.state.complaints.count == before)
        #expect(desk.state.complaints.finishedSummary(number)?.number == number, "still finished, summary rewritten")
        let complaint = try #require((try? desk.complaint(number)))
        #expect(complaint.history.last?.action == note.action)
        #expect(desk.state.complaints.finishedSummary(number) == ComplaintSummary(complaint))
        let replayed = try self.desk(fixture)
        let sameAsReplay = replayed.state.complaints.finished == desk.state.complaints.finished
        #expect(sameAsReplay)
    }

    @Test func anEntryGivesBackExactlyTheSummaryAndOffsetsItWasMadeOf() throws {
        let fixture = try DeskFixture()
        _ = try DemoLog.write(into: try fixture.desk(), now: Self.now, seed: 12)
        let desk = try desk(fixture)
        // Open ones too: waiting without an end, reopened cycles, no owner, no decision.
        let complaints = (try desk.allComplaints())
        #expect(complaints.contains { $0.cycle > 1 } && complaints.contains { $0.owner == nil })
        #expect(complaints.contains { $0.waitingFor != nil })
        for (index, complaint) in complaints.enumerated() {
            let summary = ComplaintSummary(complaint)
            let offsets = (0..<complaint.history.count).map { UInt64(1_000 * ($0 + index)) }
            let entry = FinishedEntry.encode(summary, offsets: offsets)
            let decoded = try #require(FinishedEntry.decode(at: 0, in: entry))
            #expect(decoded.summary == summary)
            #expect(decoded.offsets == offsets)
            #expect(FinishedEntry.latestAt(at: 0, in: entry) == summary.latestAt)
            #expect(FinishedEntry.settlement(at: 0, in: entry) == summary.settlement)
            #expect(FinishedEntry.decode(at: 0, in: Array(entry.dropLast())) == nil, "a cut entry is refused")
        }
    }

    @Test func quittingSavesASnapshotOnlyWhenTheLogMovedOn() throws {
        let fixture = try DeskFixture()
        _ = try DemoLog.write(into: try demoDesk(fixture), now: Self.now, seed: 13)
        let store = SnapshotStore(logPath: fixture.path, rewriteAfterRecords: 1_000_000, environment: ["HOME": fixture.directory])
        let desk = try desk(fixture, snapshots: store)
        #expect(!desk.startedFromSnapshot && desk.snapshotSequence == 0)
        #expect(desk.saveSnapshotIfMovedOn() == store.besideLog)
        #expect(desk.saveSnapshotIfMovedOn() == nil, "nothing new since")
        let other = try fixture.desk()
        let open = try #require(other.state.openComplaints.first)
        try other.perform(.note(text: "Klient dzwonił."), on: open.number, by: Actor(id: "anowak", role: .lead), now: Self.now)
        try desk.refresh()
        #expect(desk.saveSnapshotIfMovedOn() == store.besideLog)
        #expect(try #require(store.load()).checkpoint.sequence == other.log.lastSequence)
    }
}
