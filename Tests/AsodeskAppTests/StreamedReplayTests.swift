import AsodeskDomain
import AsodeskLog
import Foundation
import Testing
@testable import AsodeskApp

/// A full replay streams the log (EventLog.readNew(_:)) and folds record views; it must build the
/// same state as folding every record read into memory first, the way replay worked before.
@Suite struct StreamedReplayTests {
    @Test func streamedReplayBuildsTheSameStateAsRecordByRecord() throws {
        let fixture = try DeskFixture()
        let generated = try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 40, totalEvents: 2_500, seed: 11, now: DeskFixture.now))

        var inMemory = DeskState()
        for record in try EventLog(path: fixture.path, create: false, readOnly: true).readNew() { inMemory.apply(record) }

        let (events, streamed) = try ReplayBenchmark.replay(path: fixture.path)
        #expect(events == generated.events)
        #expect(streamed.lastSequence == inMemory.lastSequence)
        #expect(streamed.recordedRoles == inMemory.recordedRoles)
        #expect(streamed.unreadable.isEmpty && streamed.orphans.isEmpty)
        // The streamed replay keeps finished complaints as offsets (as a desk does); read back, they are the same.
        #expect(streamed.complaints.count == generated.complaints)
        #expect(streamed.complaints.offsetsOfResident.count == generated.openComplaints)
        // In memory every complaint is held in full; the streamed replay holds the open ones so and a
        // finished one as its summary, which must be the one its full history gives.
        let everything = inMemory.complaints.inFull.sorted { $0.number < $1.number }
        for complaint in everything {
            if complaint.isOpen {
                #expect(streamed.complaints.heldInFull(complaint.number) == complaint)
            } else {
                #expect(streamed.complaints.finishedSummary(complaint.number) == ComplaintSummary(complaint))
            }
        }
        // A desk over the same log reads every finished complaint back exactly as it was folded.
        let desk = try fixture.desk()
        #expect(try desk.allComplaints() == everything)
    }

    @Test func theBenchmarkCountsEveryEventAndRefusesALogItCannotRead() throws {
        let fixture = try DeskFixture()
        _ = try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 10, totalEvents: 400, now: DeskFixture.now))
        let measured = try ReplayBenchmark.measure(path: fixture.path)
        #expect(measured.events == 400)

        // A record from a newer version: the benchmark says so instead of reporting a fast replay.
        let log = try EventLog(path: fixture.path, create: false)
        try log.append(encoding: 9) { _ in [[1, 2, 3]] }
        #expect(throws: ReplayBenchmarkError.self) { try ReplayBenchmark.measure(path: fixture.path) }
    }
}
