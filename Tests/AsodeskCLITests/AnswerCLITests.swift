import AsodeskTestSupport
import Crypto
import Foundation
import Testing

/// The answer the law asks for, from the command line: letters written from the record, sent
/// through a stand-in sendmail, and nothing recorded as sent when sending fails.
@Suite struct AnswerCLITests {
    /// A test desk with a decided consumer complaint, and the site's [letters] with a sendmail
    /// that keeps what it is given (or fails, saying why).
    func deskWithADecision(sendmailExit: Int = 0) throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let sendmail = cli.directory + "/sendmail"
        let script = sendmailExit == 0
            ? "#!/bin/sh\necho \"$@\" > \(cli.directory)/mail.args\ncat > \(cli.directory)/mail.txt\n"
            : "#!/bin/sh\ncat > /dev/null\necho 'sendmail: queue full, try later' >&2\nexit \(sendmailExit)\n"
        _ = FileManager.default.createFile(atPath: sendmail, contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
        let site = """
            [letters]
            legal_name = "Auto Przykład sp. z o.o."
            address = ["ul. Zakopiańska 105", "30-418 Kraków"]
            signatory = "Anna Nowak"
            out_of_court_body = "Małopolski Wojewódzki Inspektor Inspekcji Handlowej w Krakowie"
            sendmail = "\(sendmail)"
            from = "reklamacje@auto-przyklad.pl"
            """
        _ = FileManager.default.createFile(atPath: cli.directory + "/site.toml", contents: Data(site.utf8), attributes: [.posixPermissions: 0o644])
        #expect(try cli.run("add", "--channel", "email", "--customer", "Anna Wójcik", "--email", "anna.wojcik@wp.pl",
                            "--summary", "Rysa na drzwiach po myjni", "--remedy", "Naprawa lakieru",
                            "--received-at", "2026-11-20T16:30:00+01:00").status == 0)
        #expect(try cli.run("check", "R/2026/0001", "complaint-intake", "--all").status == 0)
        #expect(try cli.run("ack", "R/2026/0001").status == 0)
        return cli
    }

    func decide(_ cli: CLI) throws {
        #expect(try cli.run("contact", "R/2026/0001", "--summary", "Oględziny").status == 0)
        #expect(try cli.run("check", "R/2026/0001", "customer-problem", "--all").status == 0)
        let decided = try cli.run("decide", "R/2026/0001", "--cause", "workshop-error", "--outcome", "rejected", "--reasons", "Rysa powstała poza serwisem")
        #expect(decided.status == 0, "\(decided.err)")
    }

    func records(_ cli: CLI) throws -> String {
        let out = try cli.run("verify").out
        return String(out.split(separator: ",").first ?? "")
    }

    func legal(_ cli: CLI) throws -> [String: Any] {
        let shown = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        return ((shown?["legalClocks"] as? [[String: Any]]) ?? []).last ?? [:]
    }

    @Test func theDecisionLetterIsWrittenFromTheRecordAndNeverOverwritesAFile() throws {
        let cli = try deskWithADecision()
        let early = try cli.run("letter", "R/2026/0001", "--kind", "decision", "--format", "text", "-o", "-")
        #expect(early.status == 1 && early.err.contains("no decision"), "\(early.err)")
        let receipt = try cli.run("letter", "R/2026/0001", "--kind", "receipt", "--format", "text", "-o", "-")
        #expect(receipt.status == 0 && receipt.out.contains("4 grudnia 2026"), "answer by Friday 4 December: \(receipt.out)")
        try decide(cli)
        let text = try cli.run("letter", "R/2026/0001", "--kind", "decision", "--format", "text", "-o", "-")
        #expect(text.out.contains("ODPOWIEDŹ NA REKLAMACJĘ NR R/2026/0001"))
        #expect(text.out.contains("reklamacji nie uznajemy"))
        #expect(text.out.contains("art. 32 ustawy"), "a rejected consumer complaint carries the out-of-court information")

        #expect(try cli.run("letter", "R/2026/0001", "--kind", "decision").err.contains("-o FILE"), "a PDF goes to a file")
        let path = cli.directory + "/odpowiedz.pdf"
        #expect(try cli.run("letter", "R/2026/0001", "--kind", "decision", "-o", path).status == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(first.starts(with: Data("%PDF-".utf8)))
        _ = FileManager.default.createFile(atPath: path, contents: Data("kept".utf8))
        let again = try cli.run("letter", "R/2026/0001", "--kind", "decision", "-o", path)
        #expect(again.status == 1 && again.err.contains("already exists"), "\(again.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("kept".utf8), "nothing overwritten")
        #expect(try cli.run("letter", "R/2026/0001", "--kind", "decision", "-o", path, "--force").status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first, "the same record gives the same bytes")
    }

    @Test func sendingEmailsTheLetterAndRecordsTheAnswerWithTheHashOfWhatWasSent() throws {
        let cli = try deskWithADecision()
        let tooEarly = try cli.run("answer", "R/2026/0001", "--medium", "email", "--send")
        #expect(tooEarly.status == 1, "no answer before the decision")
        #expect(!FileManager.default.fileExists(atPath: cli.directory + "/mail.txt"), "a refused answer sends nothing")
        try decide(cli)
        #expect(try legal(cli)["standing"] as? String == "due", "decided is not answered")

        let pdf = cli.directory + "/odpowiedz.pdf"
        #expect(try cli.run("letter", "R/2026/0001", "--kind", "decision", "-o", pdf).status == 0)
        let expectedHash = SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: pdf))).map { String(format: "%02x", $0) }.joined()

        let sent = try cli.run("answer", "R/2026/0001", "--medium", "email", "--send")
        #expect(sent.status == 0, "\(sent.err)")
        let mail = try String(contentsOfFile: cli.directory + "/mail.txt", encoding: .utf8)
        #expect(mail.contains("To: anna.wojcik@wp.pl"))
        #expect(mail.contains("Content-Type: application/pdf; name=\"R-2026-0001-odpowiedz.pdf\""))
        #expect(try String(contentsOfFile: cli.directory + "/mail.args", encoding: .utf8).contains("-t -i"))
        let clock = try legal(cli)
        #expect(clock["standing"] as? String == "answered")
        #expect(clock["answerMedium"] as? String == "email")
        #expect(clock["possiblyDeemedAccepted"] as? Bool == false)
        let shown = try cli.run("show", "R/2026/0001").out
        #expect(shown.contains("answer sent by email to anna.wojcik@wp.pl; document SHA-256 \(expectedHash)"),
                "the record proves which document was sent: \(shown)")

        let delivered = try cli.run("answer", "R/2026/0001", "--delivered", "--note", "Klientka potwierdziła odbiór")
        #expect(delivered.status == 0, "\(delivered.err)")
        let twice = try cli.run("answer", "R/2026/0001", "--delivered")
        #expect(twice.status == 1 && twice.err.contains("already confirmed"))
    }

    @Test func aFailedSendRecordsNothingAndSaysWhy() throws {
        let cli = try deskWithADecision(sendmailExit: 75)
        try decide(cli)
        let before = try records(cli)
        let failed = try cli.run("answer", "R/2026/0001", "--medium", "email", "--send")
        #expect(failed.status == 4, "not saved")
        #expect(failed.err.contains("queue full") && failed.err.contains("nothing is recorded as sent"), "\(failed.err)")
        #expect(try records(cli) == before, "nothing written")
        #expect(try legal(cli)["standing"] as? String == "due")
    }

    @Test func acknowledgingCanEmailTheConfirmationOfReceipt() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let script = "#!/bin/sh\ncat > \(cli.directory)/mail.txt\n"
        _ = FileManager.default.createFile(atPath: cli.directory + "/sendmail", contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
        let site = "[letters]\nsendmail = \"\(cli.directory)/sendmail\"\nfrom = \"reklamacje@auto-przyklad.pl\"\n"
        _ = FileManager.default.createFile(atPath: cli.directory + "/site.toml", contents: Data(site.utf8), attributes: [.posixPermissions: 0o644])
        #expect(try cli.run("add", "--channel", "email", "--customer", "Anna Wójcik", "--email", "anna.wojcik@wp.pl",
                            "--summary", "Rysa na drzwiach po myjni").status == 0)
        let early = try cli.run("ack", "R/2026/0001", "--send")
        #expect(early.status == 1 && early.err.contains("mandatory"), "the intake checklist first; nothing sent")
        #expect(!FileManager.default.fileExists(atPath: cli.directory + "/mail.txt"))
        #expect(try cli.run("check", "R/2026/0001", "complaint-intake", "--all").status == 0)
        let text = cli.directory + "/potwierdzenie.txt"
        let acked = try cli.run("ack", "R/2026/0001", "--send", "--letter", text)
        #expect(acked.status == 0, "\(acked.err)")
        let mail = try String(contentsOfFile: cli.directory + "/mail.txt", encoding: .utf8)
        #expect(mail.contains("To: anna.wojcik@wp.pl"))
        let letter = try String(contentsOfFile: text, encoding: .utf8)
        #expect(letter.contains("POTWIERDZENIE PRZYJĘCIA REKLAMACJI NR R/2026/0001"))
        #expect(letter.contains("23 listopada 2026"), "dated by the acknowledgement")
        #expect(try cli.run("show", "R/2026/0001").out.contains("Potwierdzenie przyjęcia wysłane e-mailem na anna.wojcik@wp.pl (SHA-256 "))
    }

    @Test func anAnswerSaysWhereItWentAndATraineeCannotSendIt() throws {
        let cli = try deskWithADecision()
        try decide(cli)
        let noAddress = try cli.run("answer", "R/2026/0001", "--medium", "letter")
        #expect(noAddress.status == 1 && noAddress.err.contains("--address"), "\(noAddress.err)")
        let trainee = try cli.run("answer", "R/2026/0001", "--medium", "in-person", "--as", "julia", "--role", "trainee")
        #expect(trainee.status == 1 && trainee.err.contains("trainee"))
        let missing = try cli.run("answer", "R/2026/0001", "--medium", "letter", "--address", "ul. Długa 5, 31-147 Kraków",
                                  "--document", cli.directory + "/nie-ma.pdf")
        #expect(missing.status == 1 && missing.err.contains("Nothing recorded"))
        let posted = try cli.run("answer", "R/2026/0001", "--medium", "letter", "--address", "ul. Długa 5, 31-147 Kraków")
        #expect(posted.status == 0, "\(posted.err)")
        #expect(posted.out.contains("Legal clock: answered in time"))
        let csv = try cli.run("export").out
        #expect(csv.contains("\"2026-12-04\",\"answered\","), "CSV legal_state")
        #expect(csv.contains("\"letter\",\"\",\"no\""), "CSV: sent by letter, delivery not confirmed, not deemed accepted")
    }
}
