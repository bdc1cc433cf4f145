import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskPDF
import AsodeskScreen
import Foundation
import Testing

/// "Prepare answer" on the detail screen: the letter previewed, then sent, handed over or
/// recorded, and nothing recorded when sending fails.
@Suite struct AnswerScreenTests {
    /// A dashboard whose site sends e-mail through `sendmail` (a stand-in script).
    static func dashboard(as id: String = "anowak", sendmailExit: Int? = nil) throws -> (Dashboard, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-answer-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var config = DashboardFixture.config
        config.letters = LetterSettings(legalName: "Auto Przykład sp. z o.o.", address: ["ul. Zakopiańska 105", "30-418 Kraków"],
                                        signatory: "Anna Nowak", outOfCourtBody: "Małopolski WIIH w Krakowie")
        if let exit = sendmailExit {
            let script = exit == 0 ? "#!/bin/sh\ncat > \(folder)/mail.txt\n" : "#!/bin/sh\ncat > /dev/null\necho 'relay refused' >&2\nexit \(exit)\n"
            _ = FileManager.default.createFile(atPath: folder + "/sendmail", contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
            config.letters.sendmail = folder + "/sendmail"
            config.letters.fromAddress = "reklamacje@auto-przyklad.pl"
        }
        let desk = try Desk(log: try EventLog(path: try DashboardFixture.demoLogCopy(), create: true), config: config,
                            procedures: try ProcedureLibrary.bundled())
        desk.useSigningKeys(DemoSite.sharedKeyring.signers)
        return (try DashboardFixture.dashboard(as: id, desk: desk), folder)
    }

    /// A decided complaint whose answer has not been sent, with an e-mail address on file.
    static func unanswered(_ dashboard: Dashboard, withEmail: Bool) throws -> Complaint {
        try DetailScreenTests.pick(dashboard) { c in
            c.state == .decided && c.clockFacts.cycles.last?.answer == nil && (c.intake.email != nil) == withEmail
        }
    }

    static func answer(_ dashboard: Dashboard, _ number: ComplaintNumber) -> AnswerRecord? {
        let complaint = DetailScreenTests.current(dashboard, number)
        for event in complaint.history.reversed() { if case .answer(let answer) = event.action { return answer } }
        return nil
    }

    @Test func thePreviewIsTheLetterAndHandingItOverRecordsTheAnswerWithItsHash() throws {
        let (dashboard, _) = try Self.dashboard()
        let complaint = try Self.unanswered(dashboard, withEmail: false)
        _ = DetailScreenTests.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("s"))
        let screen = try #require(dashboard.stack.last as? AnswerScreen)
        let buffer = DashboardFixture.render(dashboard)
        #expect(buffer.text.contains("ODPOWIEDŹ NA REKLAMACJĘ NR \(complaint.number)"))
        #expect(buffer.text.contains("h – wręczono osobiście"))
        #expect(!buffer.text.contains("e – wyślij e-mailem"), "no sendmail set up: not offered")
        try Golden.check(buffer, "answer-pl-80x24")
        let letter = try #require(screen.letter)

        DashboardFixture.press(dashboard, .character("h"))
        let recorded = try #require(Self.answer(dashboard, complaint.number))
        #expect(recorded.medium == .inPerson)
        #expect(recorded.documentSHA256 == Digest.sha256Hex(try LetterPDF.render(letter)), "the hash of the letter previewed")
        #expect(!(dashboard.stack.last is AnswerScreen), "back on the detail")
        let legal = try #require(dashboard.desk.legalStatuses(of: DetailScreenTests.current(dashboard, complaint.number), now: dashboard.now).last)
        // The demo's one decided without an answer is past its deadline: answered late, and it says so.
        let late = legal.deadline < dashboard.desk.calendar.localDate(of: dashboard.now)
        #expect(LegalReading.standing(legal) == (late ? .answeredLate : .answered))
        #expect(legal.possiblyDeemedAccepted == late)
    }

    @Test func emailingSendsThePDFAndRecordsItAndAFailedSendRecordsNothing() throws {
        let (dashboard, folder) = try Self.dashboard(sendmailExit: 0)
        let complaint = try Self.unanswered(dashboard, withEmail: true)
        _ = DetailScreenTests.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("s"), .character("e"))
        let mail = try String(contentsOfFile: folder + "/mail.txt", encoding: .utf8)
        #expect(mail.contains("To: \(complaint.intake.email!)"))
        #expect(Self.answer(dashboard, complaint.number)?.medium == .email)

        let (failing, _) = try Self.dashboard(sendmailExit: 75)
        let other = try Self.unanswered(failing, withEmail: true)
        let before = DetailScreenTests.current(failing, other.number).history.count
        _ = DetailScreenTests.open(failing, other)
        DashboardFixture.press(failing, .character("s"), .character("e"))
        #expect(DetailScreenTests.current(failing, other.number).history.count == before, "nothing recorded")
        #expect(failing.message?.text.contains("relay refused") == true, "says why: \(failing.message?.text ?? "")")
        #expect(failing.stack.last is AnswerScreen, "the letter stays on screen")
    }

    @Test func theConfirmationOfReceiptIsGivenAsTheAcknowledgementAndWaitsForTheIntakeChecklist() throws {
        let (dashboard, _) = try Self.dashboard()
        let complaint = try DetailScreenTests.pick(dashboard) { $0.state == .received }
        let screen = DetailScreenTests.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("P"))
        let preview = try #require(dashboard.stack.last as? AnswerScreen)
        #expect(DashboardFixture.render(dashboard).text.contains("POTWIERDZENIE PRZYJĘCIA REKLAMACJI NR \(complaint.number)"))
        DashboardFixture.press(dashboard, .character("h"))
        #expect(DetailScreenTests.current(dashboard, complaint.number).state == .received, "the intake checklist is open: refused")
        #expect(dashboard.message?.role == .error)
        #expect(dashboard.stack.last === preview, "the letter stays")

        DashboardFixture.press(dashboard, .escape)
        DetailScreenTests.tickMandatorySteps(dashboard, screen)
        DashboardFixture.press(dashboard, .character("P"), .character("h"))
        let acknowledged = DetailScreenTests.current(dashboard, complaint.number)
        #expect(acknowledged.state == .acknowledged)
        guard case .acknowledge(let note) = acknowledged.history.last?.action else { Issue.record("no acknowledgement"); return }
        #expect(note?.hasPrefix("Potwierdzenie przyjęcia wręczone osobiście (SHA-256 ") == true, "\(note ?? "")")
    }

    @Test func aTraineeIsNotOfferedTheAnswer() throws {
        let (dashboard, _) = try Self.dashboard(as: "jlewandowska")
        let complaint = try Self.unanswered(dashboard, withEmail: false)
        _ = DetailScreenTests.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("s"))
        #expect(!(dashboard.stack.last is AnswerScreen))
        #expect(Self.answer(dashboard, complaint.number) == nil)
    }
}
