import AsodeskDomain
import AsodeskLog
import Foundation
import Testing
@testable import AsodeskApp

/// A temporary log and desks over it, like terminals at the desk sharing one file.
final class DeskFixture {
    let directory: String
    let path: String
    let library: ProcedureLibrary

    init() throws {
        directory = NSTemporaryDirectory() + "asodesk-app-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/complaints.log"
        library = try ProcedureLibrary.bundled()
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Signs with the shared demo keyring (what a site with operators requires).
    func desk(config: SiteConfig = .standard) throws -> Desk {
        let desk = try Desk(log: EventLog(path: path, create: true), config: config, procedures: library)
        desk.useSigningKeys(DemoSite.sharedKeyring.signers)
        return desk
    }

    static let now = Date(timeIntervalSince1970: 1_795_420_800) // 2026-11-23 09:00 Europe/Warsaw (Monday)
    static let advisor = Actor(id: "pwisniewski", role: .advisor)
    static let trainee = Actor(id: "jlewandowska", role: .trainee)

    static func intake(_ customer: String = "Tomasz Kowalski") throws -> Intake {
        try IntakeForm(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer, customer: customer,
                       phone: "601 234 567", plate: "wx 12345", vin: "WVWZZZ1JZXW000001",
                       summary: "Po wymianie sprzęgła nadal szarpie.").validated()
    }
}

@Suite struct DeskTests {
    @Test func twoTerminalsShareOneLogAndNumberWithoutCollisions() throws {
        let fixture = try DeskFixture()
        let first = try fixture.desk(), second = try fixture.desk()
        let a = try first.perform(.receive(try DeskFixture.intake("Ewa Mazur")), on: nil, by: DeskFixture.advisor, now: DeskFixture.now)
        // The second terminal has not refreshed, yet its append sees the first one's record under the lock.
        let b = try second.perform(.receive(try DeskFixture.intake("Jan Zając")), on: nil, by: DeskFixture.advisor, now: DeskFixture.now)
        #expect(a.number.description == "R/2026/0001")
        #expect(b.number.description == "R/2026/0002")
        #expect(try first.refresh() == 1)
        #expect(first.state.complaints.count == 2 && second.state.complaints.count == 2)
        #expect((try? first.complaint(b.number))?.intake.customer == "Jan Zając")
        #expect((try? first.complaint(a.number))?.intake.plate == "WX 12345", "stored normalised")
    }

    @Test func severalActionsAreSavedAllOrNothingInOneAppend() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let lead = Actor(id: "anowak", role: .lead)
        func tick(_ step: String) -> ComplaintAction { .checkStep(procedure: "complaint-intake", version: 4, step: step) }
        // A complaint and its intake ticks: one user action, one append, the ticks on the new number.
        let events = try desk.perform([.receive(try DeskFixture.intake()), tick("repeat-back"), tick("record-vehicle")],
                                      on: nil, by: DeskFixture.advisor, now: DeskFixture.now)
        #expect(events.map(\.action.verb) == [.receive, .check, .check])
        #expect(Set(events.map(\.number)).count == 1)
        #expect(desk.log.lastSequence == 3)
        let number = events[0].number
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.path))

        // The second action is checked against the complaint as the first leaves it: a step twice is refused.
        #expect(throws: Refusal.self) {
            try desk.perform([tick("record-remedy"), tick("record-remedy")], on: number, by: DeskFixture.advisor, now: DeskFixture.now)
        }
        // A valid override before a non-mandatory one is not saved either (issue 12).
        let refusal = #expect(throws: Refusal.self) {
            try desk.perform([.overrideStep(procedure: "complaint-intake", version: 4, step: "record-remedy", reason: "Klient nie wie"),
                              .overrideStep(procedure: "complaint-intake", version: 4, step: "stay-calm", reason: "Klient nie wie")],
                             on: number, by: lead, now: DeskFixture.now)
        }
        #expect(refusal?.message.contains("complaint-intake/stay-calm is not mandatory") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == bytes, "a refused action writes nothing")
        #expect((try? desk.complaint(number))?.marks.count == 2)
        #expect(try (try? fixture.desk().complaint(number))?.history.count == 3, "a replay agrees")
    }

    @Test func aRefusedActionWritesNothing() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let event = try desk.perform(.receive(try DeskFixture.intake()), on: nil, by: DeskFixture.advisor, now: DeskFixture.now)
        let before = desk.log.lastSequence
        #expect(throws: Refusal.self) {
            try desk.perform(.acknowledge(note: nil), on: event.number, by: DeskFixture.advisor, now: DeskFixture.now)
        }
        #expect(throws: Refusal.self) {
            try desk.perform(.decide(Decision(outcome: .accepted, reasons: "Tak", remedyGranted: nil)), on: event.number,
                             by: DeskFixture.trainee, now: DeskFixture.now)
        }
        #expect(desk.log.lastSequence == before)
        #expect(try (try? fixture.desk().complaint(event.number))?.history.count == 1)
    }

    @Test func replayRebuildsTheSameStateAsTheWriterHad() throws {
        let fixture = try DeskFixture()
        let writer = try fixture.desk()
        _ = try DemoLog.write(into: writer, now: DeskFixture.now, seed: 7)
        let reader = try fixture.desk()
        #expect(reader.state.complaints == writer.state.complaints)
        #expect(reader.log.lastSequence == writer.log.lastSequence)
    }

    @Test func actionsAtTheSameSubMillisecondInstantFollowEachOther() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let instant = DeskFixture.now.addingTimeInterval(0.000_7)
        let event = try desk.perform(.receive(try DeskFixture.intake()), on: nil, by: DeskFixture.advisor,
                                     occurredAt: instant, now: instant)
        try desk.perform(.note(text: "Pierwsza"), on: event.number, by: DeskFixture.advisor, occurredAt: instant, now: instant)
        try desk.perform(.note(text: "Druga"), on: event.number, by: DeskFixture.advisor, occurredAt: instant, now: instant)
        #expect(try fixture.desk().state.complaints == desk.state.complaints, "memory equals a replay")
    }

    @Test func historyFromANewerVersionIsReadButNeverWrittenOver() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let event = try desk.perform(.receive(try DeskFixture.intake()), on: nil, by: DeskFixture.advisor, now: DeskFixture.now)
        let log = try EventLog(path: fixture.path, create: false)
        try log.append { _ in [Array(#"{"v":2,"complaint":null,"training":{"who":"x"}}"#.utf8)] }
        let reopened = try fixture.desk()
        #expect((try? reopened.complaint(event.number)) != nil)
        #expect(reopened.state.unreadable.count == 1)
        #expect(throws: DeskError.self) {
            try reopened.perform(.note(text: "x"), on: event.number, by: DeskFixture.advisor, now: DeskFixture.now)
        }
    }

    @Test func demoCoversEveryStateWithBreachedWarningAndPausedTimers() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        _ = try DemoLog.write(into: desk, now: DeskFixture.now, seed: 2026)
        let complaints = Array((try desk.allComplaints()))
        #expect((40...60).contains(complaints.count))
        #expect(Set(complaints.map(\.state)) == Set(ComplaintState.allCases))
        let timers = complaints.filter(\.isOpen).flatMap { desk.timers(of: $0, now: DeskFixture.now) }
        for state in [TimerState.breached, .warning, .paused, .running] {
            #expect(timers.contains { $0.state == state }, "some timer is \(state)")
        }
        #expect(complaints.contains { $0.cycle > 1 }, "a reopened complaint")
        #expect(complaints.contains { $0.owner == nil }, "an unassigned one")
        #expect(Set(complaints.flatMap { $0.history.map(\.actor.id) }).count >= 4, "several operators")
        #expect(complaints.contains { desk.legalStatuses(of: $0, now: DeskFixture.now).last?.state == .overdue })
        #expect(try EventLog.verify(path: fixture.path).isHealthy)
    }

    @Test func showJSONHasTheDocumentedFields() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let event = try desk.perform(.receive(try DeskFixture.intake()), on: nil, by: DeskFixture.advisor,
                                     occurredAt: DeskFixture.now.addingTimeInterval(-3600), now: DeskFixture.now)
        let data = try JSONEncoder().encode(ComplaintJSON((try? desk.complaint(event.number))!, desk: desk,
                                                          now: DeskFixture.now, includeEvents: true))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["number"] as? String == "R/2026/0001")
        #expect(object["state"] as? String == "received")
        #expect(object["legalBasis"] as? String == "consumer")
        #expect(object["receivedAt"] as? String == "2026-11-23T08:00:00+01:00")
        // Received Monday 23 Nov: 14 days not counting that day = Monday 7 Dec.
        #expect(object["legalDeadline"] as? String == "2026-12-07")
        let timers = try #require(object["timers"] as? [[String: Any]])
        #expect(Set(timers.compactMap { $0["name"] as? String }) == Set(TimerName.allCases.map(\.rawValue)))
        for timer in timers {
            for key in ["name", "state", "elapsedBusinessMinutes", "pausedMinutes"] { #expect(timer[key] != nil, "\(key)") }
        }
        let ack = try #require(timers.first { $0["name"] as? String == "acknowledgement" })
        #expect(ack["dueAt"] as? String == "2026-11-23T09:00:00+01:00", "phone: 60 business minutes from opening")
        #expect(ack["elapsedBusinessMinutes"] as? Int == 60)
        #expect((object["events"] as? [[String: Any]])?.count == 1)
    }

    @Test func reportCutsDaysAtLocalMidnightNotUTC() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        // 23:30 UTC on 23 Nov is 00:30 on 24 Nov in Warsaw.
        let lateEvening = Date(timeIntervalSince1970: 1_795_476_600)
        _ = try desk.perform(.receive(try DeskFixture.intake()), on: nil, by: DeskFixture.advisor,
                             occurredAt: lateEvening, now: lateEvening)
        let monday = DeskReport(desk: desk, day: LocalDate(year: 2026, month: 11, day: 23), now: lateEvening)
        let tuesday = DeskReport(desk: desk, day: LocalDate(year: 2026, month: 11, day: 24), now: lateEvening)
        #expect(monday.periods[0].received == 0)
        #expect(tuesday.periods[0].received == 1)
        #expect(tuesday.periods[1].received == 1)
        #expect(tuesday.chainHead.count == 64)
    }

    @Test func reportFiguresFollowTheHistory() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        _ = try DemoLog.write(into: desk, now: DeskFixture.now, seed: 3)
        let report = DeskReport(desk: desk, day: LocalDate(year: 2026, month: 11, day: 23), now: DeskFixture.now)
        let closed = desk.state.openComplaints.filter { $0.state == .closed }.count
        #expect(report.openByState.values.reduce(0, +) == desk.state.openComplaints.count - closed)
        #expect(report.closedAwaitingFollowUp == closed)
        #expect(!report.breachedTimers.isEmpty)
        let month = report.periods[1]
        #expect(month.received > 0 && month.decided > 0)
        #expect(month.medianMinutesToAcknowledgement != nil)
        #expect(month.satisfaction.average.map { (1.0...5.0).contains($0) } ?? true)
        #expect(month.satisfaction.count == month.satisfaction.distribution.reduce(0, +))
        #expect(report.text.contains("chain head"))
    }

    @Test func operatorsFromConfigDecideTheRole() throws {
        let fixture = try DeskFixture()
        var config = SiteConfig.standard
        config.operators = [Operator(id: "jlewandowska", name: "Julia Lewandowska", role: .trainee,
                                     keys: DemoSite.sharedKeyring.operators.first { $0.id == "jlewandowska" }!.keys)]
        let desk = try fixture.desk(config: config)
        #expect(try desk.actor(id: "jlewandowska", requestedRole: nil).role == .trainee)
        #expect(throws: Identity.Refusal.self) { try desk.actor(id: "jlewandowska", requestedRole: .lead) }
        #expect(throws: Identity.Refusal.self) { try desk.actor(id: "intruder", requestedRole: nil) }
        // A one-person desk is its own lead; --role may lower that.
        let open = try fixture.desk()
        #expect(try open.actor(id: "anyone", requestedRole: nil).role == .lead)
        #expect(try open.actor(id: "anyone", requestedRole: .trainee).role == .trainee)
    }

    @Test func queueOrdersByTheNextDueTimer() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let older = try desk.perform(.receive(try DeskFixture.intake("Anna Adamczyk")), on: nil, by: DeskFixture.advisor,
                                     occurredAt: DeskFixture.now.addingTimeInterval(-1800), now: DeskFixture.now)
        let newer = try desk.perform(.receive(try DeskFixture.intake("Bartosz Bąk")), on: nil, by: DeskFixture.advisor,
                                     occurredAt: DeskFixture.now.addingTimeInterval(-600), now: DeskFixture.now)
        let rows = try QueueQuery().rows(desk: desk, now: DeskFixture.now)
        #expect(rows.map(\.complaint.number) == [older.number, newer.number])
        #expect(QueueTable.render(rows, desk: desk, now: DeskFixture.now).contains("R/2026/0001"))
    }

    /// The CLI's table leaves finished complaints' timers out; it must read exactly as with them,
    /// in the same order.
    @Test func theQueueTableReadsTheSameWithoutTheTimersOfFinishedComplaints() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        _ = try DemoLog.write(into: desk, now: DeskFixture.now, seed: 2026)
        let query = QueueQuery(includeFinished: true)
        let with = try query.rows(desk: desk, now: DeskFixture.now)
        let without = try query.rows(desk: desk, now: DeskFixture.now, timersOfFinished: false)
        #expect(with.contains { !$0.complaint.isOpen })
        #expect(without.filter { !$0.complaint.isOpen }.allSatisfy { !$0.hasTimers })
        #expect(QueueTable.render(with, desk: desk, now: DeskFixture.now) == QueueTable.render(without, desk: desk, now: DeskFixture.now))
    }

    @Test func csvQuotesAndDefusesFormulas() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        var form = IntakeForm(channel: .email, category: .invoice, priority: .normal, legalBasis: .consumer,
                              customer: "=HYPERLINK(\"x\")", email: "a@b.pl", summary: "Faktura, \"podwójna\"\nlinia")
        form.remedy = "@SUM(1)"
        _ = try desk.perform(.receive(try form.validated()), on: nil, by: DeskFixture.advisor, now: DeskFixture.now)
        let csv = CSVExport.render(try QueueQuery().rows(desk: desk, now: DeskFixture.now), desk: desk, now: DeskFixture.now)
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""))
        #expect(csv.contains("'@SUM(1)"))
        #expect(csv.hasPrefix("number,state,"))
    }
}
