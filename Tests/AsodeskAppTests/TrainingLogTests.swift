import AsodeskDomain
import AsodeskLog
import Foundation
import Testing
@testable import AsodeskApp

/// Training entries: a second kind of log payload beside complaint events.
@Suite struct TrainingLogTests {
    static var siteWithOperators: SiteConfig {
        var config = SiteConfig.standard
        config.operators = DemoSite.sharedKeyring.operators
        return config
    }

    @Test func aPracticeIsRecordedAndReplayedByAFreshDeskWithoutTouchingComplaints() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk(config: Self.siteWithOperators)
        let complaint = try desk.perform(.receive(try DeskFixture.intake()), on: nil, by: DeskFixture.advisor, now: DeskFixture.now)
        let entry = try desk.recordTraining(procedure: "complaint-intake", version: 4, steps: 6, by: DeskFixture.trainee,
                                            now: DeskFixture.now)
        #expect(entry.person == "jlewandowska" && entry.role == .trainee && entry.mode == .practice)
        #expect(desk.state.training == [entry])
        // Writing goes on after a training entry, and numbering ignores it.
        let next = try desk.perform(.receive(try DeskFixture.intake("Ewa Mazur")), on: nil, by: DeskFixture.advisor,
                                    now: DeskFixture.now)
        #expect(next.number.serial == complaint.number.serial + 1)

        let fresh = try fixture.desk(config: Self.siteWithOperators)
        #expect(fresh.state.training == [entry])
        #expect(fresh.state.complaints == desk.state.complaints)
        #expect(fresh.state.complaints.count == 2)
        #expect(fresh.state.unreadable.isEmpty)
        #expect(fresh.state.orphans.isEmpty)
    }

    @Test func theTrainingPayloadIsItsOwnMemberWithTheDocumentedFields() throws {
        let entry = TrainingEntry(person: "jlewandowska", role: .trainee, procedure: "complaint-intake", version: 4,
                                  mode: .practice, completedAt: Date(timeIntervalSince1970: 1_795_426_200), steps: 7)
        let bytes = try EventCodec.encode(entry)
        let json = try #require(String(bytes: bytes, encoding: .utf8))
        #expect(json == #"{"training":{"completedAt":1795426200000,"mode":"practice","person":"jlewandowska","procedure":"complaint-intake","role":"trainee","steps":7,"version":4},"v":1}"#)
        let record = LogRecord(sequence: 1, offset: 0, kind: 1, encoding: 1, payload: bytes, hash: [])
        guard case .training(let decoded) = EventCodec.decode(record) else {
            Issue.record("a training payload decodes as a training entry")
            return
        }
        #expect(decoded == entry)
    }

    /// The payload as an asodesk from before training entries read it: no member it knows.
    struct PayloadBeforeTraining: Decodable {
        var v: Int
        var complaint: ComplaintEvent?
    }

    @Test func anOlderReaderFindsNoKnownMemberAndSoTreatsTheEntryAsNewer() throws {
        let entry = TrainingEntry(person: "pwisniewski", role: .advisor, procedure: "decision-letter", version: 3,
                                  mode: .practice, completedAt: DeskFixture.now, steps: 7)
        let old = try JSONDecoder().decode(PayloadBeforeTraining.self, from: Data(try EventCodec.encode(entry)))
        #expect(old.v == 1 && old.complaint == nil, "the old decoder's 'unknown kind of entry' path")
    }

    @Test func unknownOrAmbiguousPayloadsStayUnreadable() throws {
        func decode(_ json: String) -> EventCodec.DecodeResult {
            EventCodec.decode(LogRecord(sequence: 1, offset: 0, kind: 1, encoding: 1, payload: Array(json.utf8), hash: []))
        }
        let event = try EventCodec.encodeJSON(ComplaintEvent(number: ComplaintNumber(year: 2026, serial: 1), actor: DeskFixture.advisor,
                                                         occurredAt: DeskFixture.now, recordedAt: DeskFixture.now,
                                                         action: .note(text: "x")))
        let eventJSON = try #require(String(bytes: event, encoding: .utf8))
        let both = eventJSON.replacingOccurrences(of: #""v":1"#, with: #""training":{"completedAt":0,"mode":"practice","person":"a","procedure":"b","role":"advisor","steps":1,"version":1},"v":1"#)
        let cases = [
            both,
            #"{"v":1,"audit":{"who":"x"}}"#,
            #"{"v":1,"training":{"person":"a","role":"advisor","procedure":"b","version":1,"mode":"exam","completedAt":0,"steps":1}}"#,
            #"{"v":2,"training":{"person":"a","role":"advisor","procedure":"b","version":1,"mode":"practice","completedAt":0,"steps":1}}"#,
        ]
        for json in cases {
            guard case .unreadable = decode(json) else {
                Issue.record("expected unreadable: \(json)")
                continue
            }
        }
    }

    @Test func recordingRefusesUnknownPeopleProceduresAndNewerHistory() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk(config: Self.siteWithOperators)
        #expect(throws: DeskError.self) {
            try desk.recordTraining(procedure: "complaint-intake", version: 4, steps: 7, by: Actor(id: "intruz", role: .lead),
                                    now: DeskFixture.now)
        }
        #expect(throws: TrainingError.self) {
            try desk.recordTraining(procedure: "no-such-procedure", version: 1, steps: 5, by: DeskFixture.trainee, now: DeskFixture.now)
        }
        #expect(throws: TrainingError.self) {
            try desk.recordTraining(procedure: "complaint-intake", version: 3, steps: 7, by: DeskFixture.trainee, now: DeskFixture.now)
        }
        #expect(throws: TrainingError.self) {
            try desk.recordTraining(procedure: "complaint-intake", version: 4, steps: 0, by: DeskFixture.trainee, now: DeskFixture.now)
        }
        #expect(desk.log.lastSequence == 0, "a refusal writes nothing")

        let log = try EventLog(path: fixture.path, create: false)
        try log.append { _ in [Array(#"{"v":2,"training":{"who":"x"}}"#.utf8)] }
        let reopened = try fixture.desk(config: Self.siteWithOperators)
        #expect(throws: DeskError.self) {
            try reopened.recordTraining(procedure: "complaint-intake", version: 4, steps: 7, by: DeskFixture.trainee,
                                        now: DeskFixture.now)
        }
        #expect(reopened.log.lastSequence == 1)
    }

    @Test func aNewerProcedureVersionMarksThePracticeToRepeat() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk(config: Self.siteWithOperators)
        try desk.recordTraining(procedure: "complaint-intake", version: 4, steps: 7, by: DeskFixture.trainee, now: DeskFixture.now)
        try desk.recordTraining(procedure: "decision-letter", version: 3, steps: 6, by: DeskFixture.advisor, now: DeskFixture.now)
        try desk.recordTraining(procedure: "complaint-intake", version: 4, steps: 5, by: DeskFixture.trainee,
                                now: DeskFixture.now.addingTimeInterval(3600))

        let current = desk.state.trainingRecord(library: fixture.library, peopleFirst: ["pwisniewski"])
        #expect(current.map(\.person) == ["pwisniewski", "jlewandowska"], "the given person first")
        let trainee = try #require(current.last?.procedures.first)
        #expect(trainee.count == 2 && trainee.latest.steps == 5 && !trainee.isToRepeat)

        var revised = fixture.library.procedures
        let index = try #require(revised.firstIndex { $0.id == "complaint-intake" })
        revised[index].version = 5
        let later = desk.state.trainingRecord(library: try ProcedureLibrary(procedures: revised))
        let repeated = try #require(later.first { $0.person == "jlewandowska" }?.procedures.first)
        #expect(repeated.newerVersion == 5 && repeated.isToRepeat)
    }
}
