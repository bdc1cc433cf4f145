import AsodeskDomain
import AsodeskLog
import Foundation
import Testing
@testable import AsodeskApp

/// A fault that comes back: earlier complaints of the same customer or car are found however
/// the phone or plate is typed, finished ones too, and a link is recorded on both complaints
/// (issue 15, item 13).
@Suite struct RepeatComplaintsTests {
    static let now = DeskFixture.now
    static let lead = Actor(id: "anowak", role: .lead)

    static func intake(_ customer: String, phone: String? = nil, email: String? = nil, plate: String? = nil,
                       vin: String? = nil) throws -> Intake {
        try IntakeForm(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer, customer: customer,
                       phone: phone, email: email, plate: plate, vin: vin, summary: "Po wymianie sprzęgła nadal szarpie.").validated()
    }

    @Test(arguments: [
        ("+48 601 234 567", nil, nil, RepeatMatch.Reason.phone),
        ("601-234-567", nil, nil, .phone),
        (nil, "kr4521x", nil, .plate),
        (nil, "KR 4521X", nil, .plate),
        (nil, nil, "wvwzzz1kz6w000019", .vin),
    ] as [(String?, String?, String?, RepeatMatch.Reason)])
    func anEarlierComplaintIsFoundHoweverItIsTyped(phone: String?, plate: String?, vin: String?, reason: RepeatMatch.Reason) throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let earlier = try desk.perform(.receive(try Self.intake("Grzegorz Brzęczyszczykiewicz", phone: "601 234 567", plate: "KR 4521X",
                                                                 vin: "WVWZZZ1KZ6W000019")),
                                       on: nil, by: DeskFixture.advisor, now: Self.now)
        let found = desk.repeatsOf(customer: "Anna Nowak", keys: RepeatKeys(phone: phone, email: nil, plate: plate, vin: vin))
        #expect(found.map(\.number) == [earlier.number])
        #expect(found.first?.reasons == [reason])
        #expect(found.first?.isOpen == true)
    }

    @Test func aNameMatchesOnlyWholeAndNothingGivenFindsNothing() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let earlier = try desk.perform(.receive(try Self.intake("Jan Kowalski", phone: "601 234 567")), on: nil,
                                       by: DeskFixture.advisor, now: Self.now)
        let none = RepeatKeys(phone: nil, email: nil, plate: nil, vin: nil)
        #expect(desk.repeatsOf(customer: "JAN KOWALSKI", keys: none).map(\.number) == [earlier.number])
        #expect(desk.repeatsOf(customer: "Jan", keys: none).isEmpty, "one word is not a name")
        #expect(desk.repeatsOf(customer: "Jan Kowalska", keys: none).isEmpty)
        #expect(desk.repeatsOf(customer: nil, keys: RepeatKeys(phone: "601 23", email: nil, plate: nil, vin: nil)).isEmpty,
                "a phone half typed matches nothing")
        #expect(desk.repeatsOf(try desk.complaint(earlier.number)).isEmpty, "a complaint is not its own repeat")
    }

    /// A finished complaint (set aside as a summary) is found without reading the log back, after a
    /// restart from a snapshot as well.
    @Test func aFinishedComplaintIsFoundFromItsSummary() throws {
        let fixture = try DeskFixture()
        _ = try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 3, totalEvents: 600, seed: 7, now: Self.now))
        let desk = try Desk(log: EventLog(path: fixture.path, create: false), config: .standard, procedures: fixture.library)
        let number = try #require(desk.state.complaints.finishedNumbers.first)
        let complaint = try desk.complaint(number)
        let keys = RepeatKeys(complaint.intake)
        #expect(desk.state.complaints.finishedSummary(number)?.repeatKeys == keys)
        let found = desk.repeatsOf(customer: nil, keys: keys)
        let match = try #require(found.first { $0.number == number })
        #expect(!match.isOpen)
        #expect(match.customer == complaint.intake.customer)
        #expect(match.receivedAt == complaint.receivedAt)
        #expect(found.filter(\.isOpen).count <= found.count)
        #expect(found.first?.isOpen == true || found.allSatisfy { !$0.isOpen }, "open ones come first")
    }

    /// One link, two entries in one append: each complaint's history says it, and the finished
    /// one takes it without being reopened.
    @Test func aLinkIsWrittenOnBothComplaintsInOneAppend() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let old = try desk.perform(.receive(try Self.intake("Anna Wójcik", phone: "601 234 567")), on: nil, by: DeskFixture.advisor, now: Self.now)
        let records = desk.log.lastSequence
        let events = try desk.perform([.receive(try Self.intake("Anna Wójcik", phone: "601 234 567")),
                                       .link(to: old.number, note: "Znowu szarpie")],
                                      on: nil, by: DeskFixture.advisor, now: Self.now.addingTimeInterval(3600))
        let new = events[0].number
        #expect(desk.log.lastSequence == records + 3, "receipt, link and its mirror")
        #expect(try desk.complaint(new).links == [old.number])
        #expect(try desk.complaint(old.number).links == [new])
        guard case .link(let back, let note) = try desk.complaint(old.number).history.last?.action else {
            Issue.record("no link on the earlier complaint"); return
        }
        #expect(back == new && note == "Znowu szarpie")
        // A second desk replaying the log sees the same.
        let other = try fixture.desk()
        #expect(try other.complaint(old.number).links == [new])

        // Refused links write nothing: the same pair again, an unknown number.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
        #expect(throws: Refusal.self) { try desk.perform(.link(to: old.number, note: nil), on: new, by: DeskFixture.advisor, now: Self.now.addingTimeInterval(7200)) }
        #expect(throws: DeskError.self) {
            try desk.perform(.link(to: ComplaintNumber(year: 2026, serial: 999), note: nil), on: new, by: DeskFixture.advisor,
                             now: Self.now.addingTimeInterval(7200))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == bytes)
    }

    @Test func aLeadReopensAFinishedComplaintAndItIsOpenAgainEverywhere() throws {
        let fixture = try DeskFixture()
        _ = try LogGenerator.write(to: fixture.path, shape: LogShape(openComplaints: 3, totalEvents: 600, seed: 7, now: Self.now))
        var config = SiteConfig.standard
        config.operators = []
        let desk = try Desk(log: EventLog(path: fixture.path, create: false), config: config, procedures: fixture.library)
        let number = try #require(desk.state.complaints.finishedNumbers.first)
        #expect(throws: Refusal.self) {
            try desk.perform(.reopen(reason: "Znowu szarpie"), on: number, by: DeskFixture.advisor, now: Self.now)
        }
        try desk.perform(.reopen(reason: "Znowu szarpie, ocena 1/5"), on: number, by: Self.lead, now: Self.now)
        let reopened = try desk.complaint(number)
        #expect(reopened.state == .inAnalysis && reopened.isOpen)
        #expect(desk.state.complaints.open.contains { $0.number == number })
        #expect(!desk.state.complaints.finishedNumbers.contains(number))
        let replayed = try Desk(log: EventLog(path: fixture.path, create: false), config: config, procedures: fixture.library)
        #expect(try replayed.complaint(number) == reopened)
    }
}
