import AsodeskDomain
import AsodeskLog
import Foundation
import Testing
@testable import AsodeskApp

/// The start-up snapshot is only a cache: used when the log still holds the records it names,
/// ignored (and rewritten) otherwise, and a desk started from it equals one that replayed everything.
@Suite struct SnapshotTests {
    static let now = Date(timeIntervalSince1970: 1_795_426_200)

    struct Fixture {
        let folder: String
        var path: String { folder + "/desk.log" }
        init() throws {
            folder = NSTemporaryDirectory() + "asodesk-snapshot-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var store: SnapshotStore { SnapshotStore(logPath: path, rewriteAfterRecords: 1, environment: ["HOME": folder]) }
        func desk(snapshots: SnapshotStore? = nil, create: Bool = false) throws -> Desk {
            try Desk(log: EventLog(path: path, create: create), config: .standard,
                     procedures: try ProcedureLibrary.bundled(), snapshots: snapshots)
        }
        /// The demo history, written without snapshots, then one snapshot written by a desk opening it.
        func demoWithSnapshot(seed: UInt64 = 7) throws {
            _ = try DemoLog.write(into: try desk(create: true), now: SnapshotTests.now, seed: seed)
            let writer = try desk(snapshots: store)
            #expect(FileManager.default.fileExists(atPath: store.besideLog))
            #expect(!writer.startedFromSnapshot)
        }
    }

    /// Everything a person can see of the state, finished complaints read back in full.
    static func picture(_ desk: Desk) throws -> [String] {
        (try desk.allComplaints()).map { "\($0)" } + ["\(desk.state.lastSequence)", "\(desk.state.training)",
            "\(desk.state.unreadable)", "\(desk.state.orphans)", "\(desk.state.repairedGaps.count)",
            "\(desk.state.nextNumber(year: 2026))", "\(desk.state.openComplaints.count)"]
    }

    /// `rewriteAfterRecords: .max` means "never by itself"; adding it to the last snapshot's
    /// sequence overflowed and stopped the desk on opening.
    @Test func aStoreThatNeverRewritesByItselfOpensAndWrites() throws {
        let fixture = try Fixture()
        let never = SnapshotStore(logPath: fixture.path, rewriteAfterRecords: .max, environment: ["HOME": fixture.folder])
        let desk = try fixture.desk(snapshots: never, create: true)
        let intake = Intake(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer,
                            customer: "Jan Kowalski", summary: "Szarpie po wymianie sprzęgła")
        try desk.perform(.receive(intake), on: nil, by: Actor(id: "anowak", role: .lead), now: Self.now)
        #expect(try desk.refresh() == 0)
        #expect(!FileManager.default.fileExists(atPath: never.besideLog), "no snapshot until one is asked for")
        #expect(try desk.saveSnapshot() != nil)
        #expect(try fixture.desk(snapshots: never).startedFromSnapshot)
    }

    /// A writer killed while saving leaves its temporary file; the next save removes it once that
    /// process is gone, and leaves a living writer's alone.
    @Test func temporaryFilesOfKilledWritersAreRemovedByTheNextSave() throws {
        let fixture = try Fixture()
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let leftover = fixture.store.besideLog + ".tmp-\(ended.processIdentifier)"
        let living = fixture.store.besideLog + ".tmp-1"  // init never ends
        for path in [leftover, living] { #expect(FileManager.default.createFile(atPath: path, contents: Data("half".utf8))) }
        try fixture.demoWithSnapshot()
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(FileManager.default.fileExists(atPath: living))
    }

    @Test func aValidSnapshotIsUsedAndEqualsAFullReplay() throws {
        let fixture = try Fixture()
        try fixture.demoWithSnapshot()
        let resumed = try fixture.desk(snapshots: fixture.store)
        #expect(resumed.startedFromSnapshot)
        #expect(try Self.picture(resumed) == Self.picture(try fixture.desk()))
    }

    @Test func recordsAfterTheSnapshotAreReadOnTopOfIt() throws {
        let fixture = try Fixture()
        try fixture.demoWithSnapshot()
        // More history after the snapshot, written by a desk that keeps none.
        let writer = try fixture.desk()
        let open = try #require(writer.state.openComplaints.first { $0.state == .inAnalysis })
        try writer.perform(.note(text: "Klient dzwonił ponownie."), on: open.number, by: Actor(id: "anowak", role: .lead), now: Self.now)
        _ = try DemoLog.write(into: writer, now: Self.now, seed: 99)
        let resumed = try fixture.desk(snapshots: SnapshotStore(logPath: fixture.path, rewriteAfterRecords: 1_000_000))
        #expect(resumed.startedFromSnapshot)
        #expect(try Self.picture(resumed) == Self.picture(try fixture.desk()))
    }

    @Test(arguments: ["garbage", "truncated", "flipped", "older version", "empty"])
    func aDamagedSnapshotOnlyCostsAFullReplay(_ damage: String) throws {
        let fixture = try Fixture()
        try fixture.demoWithSnapshot()
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture.store.besideLog)))
        switch damage {
        case "garbage": bytes = Array("not a snapshot at all".utf8)
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "flipped": bytes[bytes.count / 2] ^= 0x10
        case "older version":
            bytes[8] = 0  // format version 0, with its checksum made right again
            let body = Array(bytes.dropLast(4))
            bytes = body + withUnsafeBytes(of: DeskSnapshot.checksum(body[...]).littleEndian) { Array($0) }
        default: bytes = []
        }
        try Data(bytes).write(to: URL(fileURLWithPath: fixture.store.besideLog))
        let desk = try fixture.desk(snapshots: fixture.store)
        #expect(!desk.startedFromSnapshot)
        #expect(try Self.picture(desk) == Self.picture(try fixture.desk()))
        let rewritten = Array(try Data(contentsOf: URL(fileURLWithPath: fixture.store.besideLog)))
        #expect(DeskSnapshot.decode(rewritten) != nil, "rewritten after the full replay")
    }

    @Test func aFlippedBitAnywhereInTheSnapshotIsRefused() throws {
        let fixture = try Fixture()
        try fixture.demoWithSnapshot()
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture.store.besideLog)))
        #expect(DeskSnapshot.decode(bytes) != nil)
        for position in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 500)) {
            var damaged = bytes
            damaged[position] ^= UInt8(1 << (position % 8))
            #expect(DeskSnapshot.decode(damaged) == nil, "bit flipped at byte \(position)")
        }
    }

    @Test func aSnapshotOfAnotherLogIsIgnored() throws {
        let fixture = try Fixture()
        try fixture.demoWithSnapshot()
        // The log replaced by another history (as a restore or a repair would): a new file.
        let snapshot = try Data(contentsOf: URL(fileURLWithPath: fixture.store.besideLog))
        try FileManager.default.removeItem(atPath: fixture.path)
        _ = try DemoLog.write(into: try fixture.desk(create: true), now: Self.now, seed: 8)
        try snapshot.write(to: URL(fileURLWithPath: fixture.store.besideLog))
        let desk = try fixture.desk(snapshots: fixture.store)
        #expect(!desk.startedFromSnapshot)
        #expect(try Self.picture(desk) == Self.picture(try fixture.desk()))
    }

    @Test func aLogCutBeforeTheCheckpointIsReadInFull() throws {
        let fixture = try Fixture()
        try fixture.demoWithSnapshot()
        let snapshot = try #require(fixture.store.load())
        #expect(truncate(fixture.path, off_t(snapshot.checkpoint.frameOffset + 10)) == 0)
        let desk = try fixture.desk(snapshots: fixture.store)
        #expect(!desk.startedFromSnapshot)
        #expect(try Self.picture(desk) == Self.picture(try fixture.desk()))
    }

    @Test func theCheckpointRecordChangedMeansAFullReplay() throws {
        let fixture = try Fixture()
        try fixture.demoWithSnapshot()
        let snapshot = try #require(fixture.store.load())
        // Another record in the checkpoint's place (same offset, different bytes): the checksum or hash differs.
        let handle = try #require(FileHandle(forUpdatingAtPath: fixture.path))
        try handle.seek(toOffset: snapshot.checkpoint.frameOffset + 60)
        try handle.write(contentsOf: Data("X".utf8))
        try handle.close()
        let desk = try fixture.desk(snapshots: fixture.store)
        #expect(!desk.startedFromSnapshot)
    }

    @Test func damageAfterTheCheckpointIsStillReported() throws {
        let fixture = try Fixture()
        try fixture.demoWithSnapshot()
        let writer = try fixture.desk()
        _ = try DemoLog.write(into: writer, now: Self.now, seed: 5)
        let snapshot = try #require(fixture.store.load())
        let handle = try #require(FileHandle(forUpdatingAtPath: fixture.path))
        try handle.seek(toOffset: snapshot.checkpoint.endOffset + 70)   // inside the first record after it
        try handle.write(contentsOf: Data("Z".utf8))
        try handle.close()
        let desk = try fixture.desk(snapshots: SnapshotStore(logPath: fixture.path, rewriteAfterRecords: 1_000_000))
        #expect(desk.startedFromSnapshot)
        guard case .damaged(let reports) = desk.log.health else {
            Issue.record("damage after the checkpoint was not reported")
            return
        }
        #expect(!reports.isEmpty)
        #expect(try desk.saveSnapshot() == nil, "no snapshot of a damaged log")
    }

    @Test func theSnapshotIsNeverWorldReadable() throws {
        let fixture = try Fixture()
        try fixture.demoWithSnapshot()
        let beside = try FileManager.default.attributesOfItem(atPath: fixture.store.besideLog)
        #expect((beside[.posixPermissions] as? Int) == 0o660)
        // A log in a folder this user cannot write to: the snapshot goes to the private cache.
        let cached = fixture.folder + "/cached.snapshot"
        try ExclusiveFile.write([1, 2, 3], to: cached, mode: 0o600, existing: .replace)
        let attributes = try FileManager.default.attributesOfItem(atPath: cached)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(fixture.store.inCache.hasPrefix(fixture.folder + "/.cache/asodesk/"))
    }

    @Test func finishedComplaintsAreKeptAsSummariesAndReadBackInFull() throws {
        let fixture = try Fixture()
        _ = try DemoLog.write(into: try fixture.desk(create: true), now: Self.now, seed: 3)
        let desk = try fixture.desk()
        let finished = desk.state.complaints.finished
        #expect(!finished.isEmpty)
        for number in finished.numbers {
            let complaint = try #require((try? desk.complaint(number)))
            #expect(complaint.state == .followedUp && complaint.history.count == finished.offsets(of: number)?.count)
            #expect(desk.state.complaints.finishedSummary(number) == ComplaintSummary(complaint))
        }
        #expect(desk.state.openComplaints.allSatisfy { $0.isOpen })
    }

    @Test(arguments: [(5, 600, UInt64(1)), (20, 2_000, UInt64(2))])
    func aGeneratedLogResumedAtAnyPointEqualsAFullReplay(open: Int, events: Int, seed: UInt64) throws {
        let fixture = try Fixture()
        _ = try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: open, totalEvents: events, seed: seed, now: Self.now))
        // A snapshot at the end of the generated history, then more history on top of it.
        _ = try fixture.desk(snapshots: fixture.store)
        let atSnapshot = try fixture.desk(snapshots: fixture.store)
        #expect(atSnapshot.startedFromSnapshot)
        #expect(try Self.picture(atSnapshot) == Self.picture(try fixture.desk()))
        _ = try DemoLog.write(into: try fixture.desk(), now: Self.now, seed: seed)
        let resumed = try fixture.desk(snapshots: SnapshotStore(logPath: fixture.path, rewriteAfterRecords: 1_000_000))
        #expect(resumed.startedFromSnapshot)
        #expect(try Self.picture(resumed) == Self.picture(try fixture.desk()))
    }
}
