import AsodeskDomain
import AsodeskLog
import Foundation
import Testing
@testable import AsodeskApp

@Suite struct LogGeneratorTests {
    static let now = DeskFixture.now

    /// Generates into the fixture's log and replays it with a real desk.
    static func generate(_ shape: LogShape, in fixture: DeskFixture) throws -> (GeneratedLog, Desk) {
        let generated = try LogGenerator.write(to: fixture.path, shape: shape)
        return (generated, try fixture.desk())
    }

    @Test func theLogReplaysCleanlyWithTheCountsAsked() throws {
        let fixture = try DeskFixture()
        let (generated, desk) = try Self.generate(LogShape(openComplaints: 50, totalEvents: 3_000, now: Self.now), in: fixture)
        #expect(desk.state.unreadable.isEmpty)
        #expect(desk.state.orphans.isEmpty)
        // The generated desk's people read with a config that lists no operators: only that is said.
        #expect(desk.logWarnings == [.peopleNotListed(desk.unlistedPeople, configured: false)])
        #expect(generated.events == 3_000)
        #expect(desk.log.lastSequence == 3_000)
        #expect(desk.state.complaints.count == generated.complaints)
        #expect(desk.state.openComplaints.count == 50)
        #expect(generated.openComplaints == 50)
        #expect(generated.complaints > 50)
        let size = try FileManager.default.attributesOfItem(atPath: fixture.path)[.size] as? UInt64
        #expect(generated.bytes == size)
    }

    @Test func everyEventIsOneTheDeskWouldHaveAccepted() throws {
        let fixture = try DeskFixture()
        let (_, desk) = try Self.generate(LogShape(openComplaints: 30, totalEvents: 1_500, seed: 7, now: Self.now), in: fixture)
        // Replaying each complaint's history through the checks the desk applies to people.
        for complaint in (try desk.allComplaints()) {
            var replayed: Complaint?
            for event in complaint.history {
                // Checked when it was recorded, as the desk checks it (the window and backdating rules run from then).
                try Lifecycle.check(event.action, on: replayed, by: event.actor, occurredAt: event.occurredAt,
                                    now: event.recordedAt, procedures: desk.procedures.procedures)
                replayed = Lifecycle.apply(event, to: replayed)
            }
            #expect(replayed == complaint)
        }
    }

    @Test func eventsComeInTheOrderTheyHappenedAndNumbersInTheOrderOfReceipt() throws {
        let fixture = try DeskFixture()
        let (_, desk) = try Self.generate(LogShape(openComplaints: 20, totalEvents: 2_000, now: Self.now), in: fixture)
        let log = try EventLog(path: fixture.path, create: false, readOnly: true)
        var previous = Date.distantPast
        var serials: [Int: Int] = [:]
        for record in try log.readNew() {
            guard case .complaint(let event) = EventCodec.decode(record) else {
                Issue.record("record \(record.sequence) is not a complaint event")
                continue
            }
            #expect(event.occurredAt >= previous)
            previous = event.occurredAt
            if case .receive = event.action {
                #expect(event.number.year == desk.calendar.localDate(of: event.occurredAt).year)
                #expect(event.number.serial == (serials[event.number.year] ?? 0) + 1)
                serials[event.number.year] = event.number.serial
            }
        }
        #expect(serials.values.reduce(0, +) == desk.state.complaints.count)
    }

    @Test func theSameSeedWritesTheSameBytes() throws {
        let first = try DeskFixture(), second = try DeskFixture()
        let shape = LogShape(openComplaints: 25, totalEvents: 1_200, seed: 99, now: Self.now)
        _ = try LogGenerator.write(to: first.path, shape: shape)
        _ = try LogGenerator.write(to: second.path, shape: shape)
        let a = try Data(contentsOf: URL(fileURLWithPath: first.path))
        let b = try Data(contentsOf: URL(fileURLWithPath: second.path))
        #expect(a == b)
    }

    @Test func aLongerHistoryAddsFinishedComplaintsAndKeepsTheOpenSet() throws {
        let short = try DeskFixture(), long = try DeskFixture()
        let (shortLog, shortDesk) = try Self.generate(LogShape(openComplaints: 40, totalEvents: 1_000, now: Self.now), in: short)
        let (longLog, longDesk) = try Self.generate(LogShape(openComplaints: 40, totalEvents: 6_000, now: Self.now), in: long)
        #expect(longLog.complaints > shortLog.complaints)
        #expect(shortLog.openComplaints == longLog.openComplaints)
        // The same open stories: same customers, receipts and states (numbers differ with the history before them).
        func openSet(_ desk: Desk) -> [String] {
            desk.state.openComplaints.map { "\($0.receivedAt.timeIntervalSince1970) \($0.intake.customer) \($0.state)" }.sorted()
        }
        #expect(openSet(shortDesk) == openSet(longDesk))
        let oldestShort = (try shortDesk.allComplaints()).map(\.receivedAt).min()!
        let oldestLong = (try longDesk.allComplaints()).map(\.receivedAt).min()!
        #expect(oldestLong < oldestShort)
        #expect((try longDesk.allComplaints()).allSatisfy { $0.isOpen || $0.state == .followedUp })
    }

    @Test func shortStoriesTellAFinishedComplaintInAboutTenEvents() throws {
        let fixture = try DeskFixture()
        let (generated, desk) = try Self.generate(LogShape(openComplaints: 10, totalEvents: 5_000, seed: 3, now: Self.now,
                                                           stories: .short), in: fixture)
        #expect(desk.state.unreadable.isEmpty && desk.state.orphans.isEmpty)
        #expect(generated.events == 5_000 && generated.openComplaints == 10)
        let finished = (try desk.allComplaints()).filter { !$0.isOpen }
        let perComplaint = Double(finished.map(\.history.count).reduce(0, +)) / Double(finished.count)
        #expect((8.5...11.5).contains(perComplaint), "about ten events each, got \(perComplaint)")
        #expect(finished.allSatisfy { $0.state == .followedUp && $0.marks.isEmpty })
        // The demo's variety: channels, categories, outcomes, people.
        #expect(Set(finished.map(\.intake.channel)).count >= 4)
        #expect(Set(finished.map(\.intake.category)).count >= 5)
        #expect(Set(finished.compactMap(\.decision?.outcome)).count == DecisionOutcome.allCases.count)
        #expect(Set(finished.compactMap(\.owner)).count >= 3)
        // Every event one the desk accepts from a site that keeps no checklists in asodesk.
        for complaint in finished {
            var replayed: Complaint?
            for event in complaint.history {
                try Lifecycle.check(event.action, on: replayed, by: event.actor, occurredAt: event.occurredAt,
                                    now: event.recordedAt, procedures: [])
                replayed = Lifecycle.apply(event, to: replayed)
            }
            #expect(replayed == complaint)
        }
    }

    @Test func refusesToWriteOverAnExistingLog() throws {
        let fixture = try DeskFixture()
        _ = try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 5, totalEvents: 100, now: Self.now))
        #expect(throws: LogGeneratorError.self) {
            try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 5, totalEvents: 100, now: Self.now))
        }
    }

    @Test func refusesACountTheOpenSetDoesNotFitIn() throws {
        let fixture = try DeskFixture()
        #expect(throws: LogGeneratorError.self) {
            try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 50, totalEvents: 10, now: Self.now))
        }
    }
}
