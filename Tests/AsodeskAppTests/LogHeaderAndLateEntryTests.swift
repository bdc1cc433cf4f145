@testable import AsodeskApp
import AsodeskDomain
import AsodeskLog
import Foundation
import Testing

/// Issue 12.5 in the app: the log's header, the backdating reason in the binary codec, late
/// entries in finished summaries.
@Suite struct LogHeaderAndLateEntryTests {
    static let now = Date(timeIntervalSince1970: 1_795_451_400)   // 2026-11-23 17:30 Warsaw

    static func event(reason: String?) -> ComplaintEvent {
        ComplaintEvent(number: ComplaintNumber(year: 2026, serial: 7), actor: Actor(id: "anowak", role: .lead),
                       occurredAt: now.addingTimeInterval(-505 * 60), recordedAt: now, action: .acknowledge(note: "SMS"),
                       backdateReason: reason)
    }

    @Test func theBackdatingReasonRoundTripsAndAnEventWithoutOneIsWrittenAsBefore() {
        let with = Self.event(reason: "Wysłane rano z telefonu")
        guard case .complaint(let decoded) = BinaryEventCodec.decode(BinaryEventCodec.encode(with)) else {
            Issue.record("does not decode"); return
        }
        #expect(decoded == with)
        let without = Self.event(reason: nil)
        let bytes = BinaryEventCodec.encode(without)
        // The older layout ends at the action: the reason is a tagged field after it.
        #expect(BinaryEventCodec.encode(with).starts(with: bytes))
        guard case .complaint(let plain) = BinaryEventCodec.decode(bytes) else { Issue.record("does not decode"); return }
        #expect(plain == without && plain.backdateReason == nil)
        // A newer tag is left alone: the event still reads.
        guard case .complaint(let newer) = BinaryEventCodec.decode(bytes + [0x7F, 1, 2, 3]) else { Issue.record("newer tag"); return }
        #expect(newer == without)
    }

    @Test func theHeaderIsTheFirstRecordReplayedAndKeptBySnapshots() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-header-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/complaints.log"
        let store = SnapshotStore(logPath: path, environment: ["HOME": folder])
        let desk = try Desk(log: try EventLog(path: path, create: true), config: .standard, procedures: try ProcedureLibrary.bundled(),
                            snapshots: store)
        #expect(desk.logKind == .desk, "a log without a header is a desk's")
        try desk.writeHeader(kind: .test, now: Self.now)
        #expect(desk.logKind == .test)
        #expect(throws: LogHeaderError.self) { try desk.writeHeader(kind: .demo, now: Self.now) }
        let intake = try IntakeForm(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer,
                                    customer: "Jan Kowalski", phone: "601 234 567", summary: "Szarpie").validated()
        try desk.perform(.receive(intake), on: nil, by: Actor(id: "pwisniewski", role: .advisor), now: Self.now)
        #expect(try desk.saveSnapshot() != nil)
        let again = try Desk(log: try EventLog(path: path, create: false), config: .standard, procedures: try ProcedureLibrary.bundled(),
                             snapshots: store)
        #expect(again.startedFromSnapshot && again.logKind == .test)
        let replayed = try Desk(log: try EventLog(path: path, create: false), config: .standard, procedures: try ProcedureLibrary.bundled())
        #expect(replayed.logKind == .test && replayed.state.complaints.count == 1 && replayed.state.unreadable.isEmpty)
    }

    @Test func aFinishedSummaryKeepsItsLateEntries() throws {
        var facts = ComplaintClockFacts(receivedAt: Self.now.addingTimeInterval(-86_400), receivedPriority: .normal, channel: .phone,
                                        legalBasis: .consumer, cycles: [ClockCycle(startedAt: Self.now.addingTimeInterval(-86_400), isReopen: false)],
                                        pauses: [])
        facts.lateEntries = [Self.event(reason: "Powód").lateEntry!, Self.event(reason: nil).lateEntry!]
        let summary = ComplaintSummary(number: ComplaintNumber(year: 2026, serial: 7), state: .followedUp, customer: "Jan",
                                       owner: "anowak", category: .repair, outcome: .accepted, clockFacts: facts, milestones: [])
        let bytes = FinishedEntry.encode(summary, offsets: [10, 20])
        let decoded = try #require(FinishedEntry.decode(at: 0, in: bytes))
        #expect(decoded.summary == summary && decoded.offsets == [10, 20])
        #expect(summary.latestAt == Self.now, "a late entry counts on the day it was entered")
    }
}
