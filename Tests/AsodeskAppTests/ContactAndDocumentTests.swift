import AsodeskDomain
import AsodeskLog
import Foundation
import Testing
@testable import AsodeskApp

/// Issue 15.15 below the surfaces: the preference and documents survive replay, the receipt
/// letter follows the preference, a file is hashed without being stored, and people are named
/// from the site config alone.
@Suite struct ContactAndDocumentTests {
    static let at = DeskFixture.now

    static func intake(contactBy: String?, email: String? = nil) throws -> Intake {
        try IntakeForm(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer, customer: "Tomasz Kowalski",
                       phone: "601 234 567", email: email, summary: "Po wymianie sprzęgła nadal szarpie.",
                       contactPreference: contactBy).validated()
    }

    @Test func replayRebuildsThePreferenceItsCorrectionAndTheDocuments() throws {
        let fixture = try DeskFixture()
        let writer = try fixture.desk()
        let received = try writer.perform(.receive(try Self.intake(contactBy: "sms")), on: nil, by: DeskFixture.advisor,
                                          occurredAt: Self.at.addingTimeInterval(-3_600), now: Self.at)
        let number = received.number
        try writer.perform(.attach(DocumentReference(reference: "DMS 12345", description: "Skan zlecenia")), on: number,
                           by: DeskFixture.trainee, now: Self.at)
        try writer.perform(.amend(corrections: [IntakeCorrection(field: .contactPreference, old: "sms", new: "letter")],
                                  reason: "Klient woli list"), on: number, by: DeskFixture.advisor, now: Self.at)
        let reader = try fixture.desk()
        #expect(reader.state.complaints == writer.state.complaints)
        let complaint = try reader.complaint(number)
        #expect(complaint.intake.contactPreference == .letter)
        #expect(complaint.documents.map(\.document) == [DocumentReference(reference: "DMS 12345", description: "Skan zlecenia")])
        #expect(complaint.documents.first?.event.actor == DeskFixture.trainee)
        #expect(reader.state.unreadable.isEmpty)
    }

    @Test func aReceiptFromBeforeThePreferenceReplaysAsNotGiven() throws {
        let fixture = try DeskFixture()
        let log = try EventLog(path: fixture.path, create: true)
        // Exactly what an asodesk before issue 15.15 wrote: no trailing field, and in JSON no member.
        let old = ComplaintEvent(number: ComplaintNumber(year: 2026, serial: 1), actor: DeskFixture.advisor,
                                 occurredAt: Self.at.addingTimeInterval(-7_200), recordedAt: Self.at, action: .receive(try DeskFixture.intake()))
        try log.append(encoding: EventCodec.binaryEncoding) { _ in [EventCodec.encode(old)] }
        let json = ComplaintEvent(number: ComplaintNumber(year: 2026, serial: 2), actor: DeskFixture.advisor,
                                  occurredAt: Self.at.addingTimeInterval(-7_000), recordedAt: Self.at, action: .receive(try DeskFixture.intake("Ewa Król")))
        try log.append(encoding: EventCodec.jsonEncoding) { _ in [try EventCodec.encodeJSON(json)] }
        let desk = try fixture.desk()
        for serial in [1, 2] {
            #expect(try desk.complaint(ComplaintNumber(year: 2026, serial: serial)).intake.contactPreference == nil)
        }
        // And the old complaint takes a preference by correction.
        try desk.perform(.amend(corrections: [IntakeCorrection(field: .contactPreference, old: nil, new: "phone")], reason: "Klient prosi o telefon"),
                         on: ComplaintNumber(year: 2026, serial: 1), by: DeskFixture.advisor, now: Self.at)
        #expect(try fixture.desk().complaint(ComplaintNumber(year: 2026, serial: 1)).intake.contactPreference == .phone)
    }

    @Test func theConfirmationOfReceiptSaysHowAsTheCustomerAsked() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        func letter(_ contactBy: String?, email: String? = nil, language: Language) throws -> String {
            let event = try desk.perform(.receive(try Self.intake(contactBy: contactBy, email: email)), on: nil, by: DeskFixture.advisor,
                                         occurredAt: Self.at.addingTimeInterval(-3_600), now: Self.at)
            return try LetterText.make(.receipt, complaint: try desk.complaint(event.number), desk: desk, language: language).body
        }
        #expect(try letter("sms", language: .polish).contains("Zgodnie z Państwa życzeniem o postępach poinformujemy SMS-em na numer +48 601 234 567"))
        #expect(try letter("sms", language: .english).contains("As you asked, we will keep you informed by text message to +48 601 234 567"))
        #expect(try letter("email", email: "tk@example.pl", language: .polish).contains("wyślemy e-mailem na adres tk@example.pl"))
        #expect(try letter("letter", email: "tk@example.pl", language: .english).contains("As you asked, we will send our answer by letter"))
        #expect(try letter("in-person", language: .polish).contains("przekażemy do rąk własnych w serwisie"))
        #expect(try letter("phone", language: .english).contains("we will contact you by phone on +48 601 234 567"))
        // Without one, as before.
        #expect(try letter(nil, email: "tk@example.pl", language: .english).contains("We will send our answer by e-mail to tk@example.pl"))
    }

    @Test func aFileIsHashedInChunksAndAFolderOrAMissingFileIsAProblem() throws {
        let fixture = try DeskFixture()
        let path = fixture.directory + "/duze.bin"
        let bytes = (0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        guard case .success(let document) = DocumentFile.reference(path: "duze.bin", description: nil, currentDirectory: fixture.directory) else {
            Issue.record("the file does not hash"); return
        }
        #expect(document.sha256 == Digest.sha256Hex(bytes), "read past several 1 MiB chunks")
        #expect(document.reference == URL(fileURLWithPath: path).standardizedFileURL.path, "the path made absolute")
        #expect(DocumentFile.sha256(of: fixture.directory + "/brak.jpg") == .failure(.notFound(path: fixture.directory + "/brak.jpg")))
        #expect(DocumentFile.sha256(of: fixture.directory) == .failure(.notARegularFile(path: fixture.directory)))
        #expect(Labels.documentProblem(.notFound(path: "/x.jpg")).pl.contains("Nic nie zapisano"))
    }

    @Test func peopleAreNamedFromTheSiteConfigAndAConfigWithoutThemSaysSo() throws {
        let fixture = try DeskFixture()
        var config = SiteConfig.standard
        config.operators = DemoSite.sharedKeyring.operators
        let desk = try fixture.desk(config: config)
        let received = try desk.perform(.receive(try DeskFixture.intake()), on: nil, by: DeskFixture.advisor,
                                        occurredAt: Self.at.addingTimeInterval(-3_600), now: Self.at)
        try desk.perform(.note(text: "Klient dzwonił"), on: received.number, by: DeskFixture.trainee, now: Self.at)
        let name = try #require(config.operators.first { $0.id == "pwisniewski" }?.name)
        #expect(desk.personName("pwisniewski") == name && desk.personLabel("pwisniewski") == "\(name) (pwisniewski)")
        #expect(desk.personName("nieznany") == "nieznany" && desk.personLabel("nieznany") == "nieznany")
        #expect(desk.unlistedPeople.isEmpty && !desk.logWarnings.contains { if case .peopleNotListed = $0 { true } else { false } })
        // The same log on a terminal whose config lists no operators: ids, and the warning says why.
        let bare = try Desk(log: EventLog(path: fixture.path, create: false), config: .standard, procedures: fixture.library)
        #expect(bare.personName("pwisniewski") == "pwisniewski")
        #expect(bare.unlistedPeople == ["jlewandowska", "pwisniewski"])
        #expect(bare.logWarnings.contains(.peopleNotListed(["jlewandowska", "pwisniewski"], configured: false)))
        let words = LogText.warning(.peopleNotListed(["jlewandowska", "pwisniewski"], configured: false))
        #expect(words.en.contains("lists no operators") && words.pl.contains("nie wymienia operatorów"))
        // A one-person desk (one id, no operators) has nobody to name and no warning.
        let single = try DeskFixture()
        let own = try single.desk()
        _ = try own.perform(.receive(try DeskFixture.intake()), on: nil, by: DeskFixture.advisor, now: Self.at)
        #expect(own.unlistedPeople.isEmpty)
    }
}
