import AsodeskDomain
import AsodeskLog
import AsodeskTestSupport
import Foundation
import Testing
@testable import AsodeskApp
@testable import AsodeskPDF

/// A desk with the site's letterhead and complaints written through the lifecycle.
final class LetterFixture {
    let directory: String
    let desk: Desk
    static let now = Date(timeIntervalSince1970: 1_795_420_800) // 2026-11-23 09:00 Europe/Warsaw (Monday)
    static let lead = Actor(id: "anowak", role: .lead)

    static let letters = LetterSettings(
        legalName: "Auto Przykład sp. z o.o.", address: ["ul. Zakopiańska 105", "30-418 Kraków"], phone: "+48 12 345 67 89",
        email: "reklamacje@auto-przyklad.pl", signatory: "Anna Nowak", signatoryTitle: "Kierownik działu reklamacji",
        outOfCourtAgrees: false,
        outOfCourtBody: "Małopolski Wojewódzki Inspektor Inspekcji Handlowej w Krakowie, ul. Ujastek 7, 31-752 Kraków")

    init(letters: LetterSettings = LetterFixture.letters) throws {
        directory = NSTemporaryDirectory() + "asodesk-letters-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var config = SiteConfig.standard
        config.letters = letters
        desk = try Desk(log: EventLog(path: directory + "/complaints.log", create: true), config: config,
                        procedures: try ProcedureLibrary.bundled())
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// A complaint received three days before `now`, acknowledged, and decided when `outcome` is given.
    func complaint(_ intake: Intake, outcome: DecisionOutcome?, reasons: String = "Ekspertyza wykazała zużycie eksploatacyjne.",
                   granted: String? = nil) throws -> Complaint {
        let received = Self.now.addingTimeInterval(-3 * 86_400)
        let number = try desk.perform(.receive(intake), on: nil, by: Self.lead, occurredAt: received, now: received).number
        func step(_ action: ComplaintAction, _ minutes: Double) throws {
            let at = received.addingTimeInterval(minutes * 60)
            try desk.perform(action, on: number, by: Self.lead, occurredAt: at, now: at)
        }
        for procedure in Checklist.procedures(at: .intake, for: try desk.complaint(number), in: desk.procedures.procedures) {
            for item in procedure.steps where item.mandatory {
                try step(.checkStep(procedure: procedure.id, version: procedure.version, step: item.id), 10)
            }
        }
        try step(.acknowledge(note: "Potwierdzenie wysłane e-mailem"), 20)
        guard let outcome else { return try desk.complaint(number) }
        try step(.contact(ContactRecord(channel: .phone, summary: "Omówiono oględziny")), 60)
        for procedure in Checklist.procedures(at: .beforeDecision, for: try desk.complaint(number), in: desk.procedures.procedures) {
            for item in procedure.steps where item.mandatory {
                try step(.checkStep(procedure: procedure.id, version: procedure.version, step: item.id), 1500)
            }
        }
        try step(.decide(Decision(outcome: outcome, reasons: reasons, remedyGranted: granted)), 1510)
        return try desk.complaint(number)
    }

    static func intake(basis: LegalBasis = .consumer, email: String? = "jan.kowalski@example.pl", remedy: String? = "Ponowna naprawa na koszt serwisu") throws -> Intake {
        try IntakeForm(channel: .email, category: .repair, priority: .normal, legalBasis: basis, customer: "Jan Kowalski",
                       phone: "601 234 567", email: email ?? "", plate: "KR 12345", vin: "WVWZZZ1JZXW000001",
                       vehicle: "Škoda Octavia", order: "ZN/2026/01234",
                       summary: "Po wymianie klocków hamulcowych przy hamowaniu słychać pisk.", remedy: remedy ?? "").validated()
    }

    /// Every free-text field at its longest, Polish letters throughout.
    static func longestIntake() throws -> Intake {
        func text(_ count: Int) -> String {
            let words = ["żółć", "gęślą", "jaźń", "Łódź", "źdźbło", "pięść", "wóz", "zażółcić", "Ćmielów", "świeży"]
            var result = ""
            var index = 0
            while result.count < count { result += (result.isEmpty ? "" : " ") + words[index % words.count]; index += 1 }
            return String(result.prefix(count)).trimmingCharacters(in: .whitespaces)
        }
        return try IntakeForm(channel: .letter, category: .damage, priority: .high, legalBasis: .consumer,
                              customer: "Małgorzata " + text(108), phone: "+48 601 234 567", email: "m.wisniewska@example.pl",
                              plate: "KR 1234A", vin: "WVWZZZ1JZXW000001", vehicle: text(80), order: "ZN/2026/99999",
                              summary: text(4000), remedy: text(1000)).validated()
    }
}

@Suite struct LetterPDFTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    /// Compares with the golden file, or writes it with ASODESK_UPDATE_GOLDEN=1.
    func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = Self.golden + "/" + name
        if ProcessInfo.processInfo.environment["ASODESK_UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file (ASODESK_UPDATE_GOLDEN=1 rewrites it)", sourceLocation: sourceLocation)
    }

    /// What `pdftotext` reads back from the PDF.
    func extracted(_ pdf: [UInt8]) throws -> String {
        let folder = TemporaryFolder()
        let path = folder.path + "/letter.pdf"
        _ = FileManager.default.createFile(atPath: path, contents: Data(pdf))
        let output = try run("/usr/bin/pdftotext", ["-enc", "UTF-8", path, "-"])
        #expect(output.status == 0, "pdftotext: \(output.errors)")
        return output.output
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var kind: LetterKind
        var outcome: DecisionOutcome?
        var basis: LegalBasis
        var longest: Bool
        var description: String { name }
    }

    static let cases = [
        Case(name: "receipt-consumer", kind: .receipt, outcome: nil, basis: .consumer, longest: false),
        Case(name: "receipt-business", kind: .receipt, outcome: nil, basis: .business, longest: false),
        Case(name: "decision-rejected-consumer", kind: .decision, outcome: .rejected, basis: .consumer, longest: false),
        Case(name: "decision-accepted-consumer", kind: .decision, outcome: .accepted, basis: .consumer, longest: false),
        Case(name: "decision-partly-warranty", kind: .decision, outcome: .partly, basis: .warranty, longest: false),
        Case(name: "decision-longest", kind: .decision, outcome: .partly, basis: .consumer, longest: true),
        Case(name: "receipt-longest", kind: .receipt, outcome: nil, basis: .consumer, longest: true),
    ]

    func letter(_ item: Case, _ language: Language) throws -> Letter {
        let fixture = try LetterFixture()
        let intake = item.longest ? try LetterFixture.longestIntake() : try LetterFixture.intake(basis: item.basis)
        func text(_ count: Int) -> String { String(repeating: "Uzasadnienie z polskimi znakami: ąćęłńóśźż. ", count: 40).prefix(count).description }
        let complaint = try fixture.complaint(intake, outcome: item.outcome ?? (item.kind == .decision ? .accepted : nil),
                                              reasons: item.longest ? text(1000) : "Ekspertyza wykazała zużycie eksploatacyjne.",
                                              granted: item.longest ? text(1000) : item.outcome == .rejected ? nil : "Wymiana klocków i tarcz")
        let complaintForLetter = item.kind == .receipt && item.outcome == nil ? complaint : complaint
        return try LetterText.make(item.kind, complaint: complaintForLetter, desk: fixture.desk, language: language)
    }

    @Test(arguments: cases, [Language.polish, .english])
    func everyTemplateMatchesItsGoldenDocumentAsTextAndAsPDF(item: Case, language: Language) throws {
        let letter = try letter(item, language)
        let suffix = language == .polish ? "pl" : "en"
        try expectGolden(letter.plainText, "\(item.name).\(suffix).txt")
        let pdf = try LetterPDF.render(letter)
        #expect(Array(pdf.prefix(5)) == Array("%PDF-".utf8))
        try expectGolden(try extracted(pdf), "\(item.name).\(suffix).pdf.txt")
        // Deterministic: the same record gives the same bytes, so a recorded hash proves what was sent.
        #expect(try LetterPDF.render(try self.letter(item, language)) == pdf)
    }

    @Test func aRejectedConsumerComplaintCarriesTheOutOfCourtInformationAndAnAcceptedOneDoesNot() throws {
        let rejected = try letter(Self.cases[2], .polish).body
        #expect(rejected.contains("Nie wyrażamy zgody na udział w postępowaniu"))
        #expect(rejected.contains("art. 32 ustawy z dnia 23 września 2016 r."))
        #expect(rejected.contains("Małopolski Wojewódzki Inspektor Inspekcji Handlowej"))
        let accepted = try letter(Self.cases[3], .polish).body
        #expect(!accepted.contains("art. 32"))
        // Only consumers are owed it.
        #expect(!(try letter(Self.cases[4], .english).body.contains("art. 32")))
    }

    @Test func aSiteThatAgreesNamesTheCompetentBody() throws {
        var settings = LetterFixture.letters
        settings.outOfCourtAgrees = true
        let fixture = try LetterFixture(letters: settings)
        let complaint = try fixture.complaint(try LetterFixture.intake(), outcome: .rejected)
        let text = try LetterText.make(.decision, complaint: complaint, desk: fixture.desk, language: .english).body
        #expect(text.contains("We agree to take part in out-of-court consumer dispute resolution. The competent body is: Małopolski"))
    }

    @Test func theLongestLetterRunsOverPagesEachNumberedAndWithItsLetterhead() throws {
        let pdf = try LetterPDF.render(try letter(Self.cases[5], .polish))
        let text = try extracted(pdf)
        let pages = text.components(separatedBy: "\u{0C}").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        #expect(pages.count >= 2)
        for (index, page) in pages.enumerated() {
            #expect(page.contains("Auto Przykład sp. z o.o."), "letterhead on page \(index + 1)")
            #expect(page.contains("strona \(index + 1) z \(pages.count)"))
        }
    }

    @Test func theDecisionLetterWaitsForADecisionAndTheReceiptForNothing() throws {
        let fixture = try LetterFixture()
        let complaint = try fixture.complaint(try LetterFixture.intake(), outcome: nil)
        #expect(throws: LetterRefusal.self) { try LetterText.make(.decision, complaint: complaint, desk: fixture.desk, language: .polish) }
        let receipt = try LetterText.make(.receipt, complaint: complaint, desk: fixture.desk, language: .polish)
        #expect(receipt.body.contains("najpóźniej do 4 grudnia 2026"), "received Friday 20 November: 14 days")
        #expect(receipt.date == LocalDate(year: 2026, month: 11, day: 20), "dated by its acknowledgement, not today")
    }
}

@Suite struct AnswerSendingTests {
    func letter() throws -> Letter {
        let fixture = try LetterFixture()
        let complaint = try fixture.complaint(try LetterFixture.intake(), outcome: .rejected)
        return try LetterText.make(.decision, complaint: complaint, desk: fixture.desk, language: .polish)
    }

    func standIn(_ folder: TemporaryFolder, exit: Int) -> String {
        let path = folder.path + "/lp"
        let script = "#!/bin/sh\necho \"$@\" > \(folder.path)/args\ncat > \(folder.path)/printed\n"
            + (exit == 0 ? "" : "echo 'lp: printer recepcja is not ready' >&2\nexit \(exit)\n")
        _ = FileManager.default.createFile(atPath: path, contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
        return path
    }

    @Test func printingHandsThePDFToLpForTheSitePrinter() throws {
        let folder = TemporaryFolder()
        let letter = try letter()
        var settings = LetterFixture.letters
        settings.printer = "recepcja"
        let document = try AnswerSending.Document.letter(letter)
        let sent = try AnswerSending.print(letter, document: document, settings: settings, lp: standIn(folder, exit: 0))
        #expect(sent == document.bytes)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/printed")) == Data(document.bytes))
        #expect(try String(contentsOfFile: folder.path + "/args", encoding: .utf8).hasPrefix("-d recepcja -t R-2026-0001-odpowiedz.pdf -"))
    }

    @Test func aFailedPrintOrNoPrinterSaysWhyAndSendsNothing() throws {
        let folder = TemporaryFolder()
        let letter = try letter()
        let document = try AnswerSending.Document.letter(letter)
        do {
            _ = try AnswerSending.print(letter, document: document, settings: LetterFixture.letters, lp: standIn(folder, exit: 0))
            Issue.record("printed without a printer set up")
        } catch let failure as AnswerSending.Failure {
            #expect(failure.notSetUp && failure.text.en.contains("[letters] printer"))
        }
        var settings = LetterFixture.letters
        settings.printer = "recepcja"
        do {
            _ = try AnswerSending.print(letter, document: document, settings: settings, lp: standIn(folder, exit: 1))
            Issue.record("a failed print was taken as printed")
        } catch let failure as AnswerSending.Failure {
            #expect(!failure.notSetUp)
            #expect(failure.text.en.contains("printer recepcja is not ready") && failure.text.en.contains("nothing is recorded as sent"))
            #expect(failure.text.pl.contains("nic nie zapisano jako wysłane"))
        }
    }

    @Test func theEmailCarriesTheLetterAsTextAndThePDFAttachedWithAnEncodedSubject() throws {
        let letter = try letter()
        let document = try AnswerSending.Document.letter(letter)
        let message = AnswerSending.mime(letter, document: document, from: "reklamacje@auto-przyklad.pl", to: "jan@example.pl")
        #expect(message.contains("Subject: =?UTF-8?B?"), "a Polish subject is encoded (RFC 2047)")
        let parts = message.components(separatedBy: "\r\n\r\n")
        let body = try #require(parts.first { $0.hasPrefix("QXV0by") || $0.count > 100 && !$0.contains(":") })
        let decoded = String(decoding: Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: "")) ?? Data(), as: UTF8.self)
        #expect(decoded == letter.plainText)
        #expect(message.contains("Content-Disposition: attachment; filename=\"R-2026-0001-odpowiedz.pdf\""))
        #expect(message.split(separator: "\r\n").allSatisfy { $0.count <= 998 }, "no line over the SMTP limit")
    }
}

@Suite struct LetterTemplateTests {
    func folder(_ files: [String: String]) throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        for (name, text) in files { try text.write(toFile: folder.path + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    func bundled(_ kind: LetterKind, _ language: String) throws -> String {
        try String(contentsOfFile: ResourceFolder.path("LetterTemplates") + "/\(kind.rawValue).\(language).mustache", encoding: .utf8)
    }

    @Test func aSiteTemplateReplacesTheBundledOneOfTheSameName() throws {
        let own = try bundled(.receipt, "pl").replacingOccurrences(of: "Szanowni Państwo,", with: "Szanowny Kliencie,")
        let site = try folder(["receipt.pl.mustache": own])
        let templates = try LetterTemplates.load(siteFolder: site.path)
        #expect(templates.file(.receipt, .polish) == site.path + "/receipt.pl.mustache")
        #expect(templates.file(.decision, .polish)?.hasPrefix(site.path) == false)
    }

    @Test func aTemplateThatLeavesOutARequiredFieldIsRefusedWithFileAndLine() throws {
        let without = try bundled(.decision, "pl").replacingOccurrences(of: "{{reasons}}", with: "")
        let site = try folder(["decision.pl.mustache": without])
        do {
            _ = try LetterTemplates.load(siteFolder: site.path)
            Issue.record("a decision letter without its reasons was accepted")
        } catch let error as LetterTemplateError {
            #expect(error.file == site.path + "/decision.pl.mustache")
            #expect(error.problem.contains("{{reasons}}"))
            #expect(error.description.hasPrefix(site.path + "/decision.pl.mustache:"))
        }
    }

    @Test func aMisspeltFieldAControlCharacterAndAnUnclosedTagAreRefusedAtTheirLine() throws {
        let text = try bundled(.receipt, "en")
        let lines = text.components(separatedBy: "\n")
        for (broken, expectedLine, word) in [
            (text.replacingOccurrences(of: "{{summary}}", with: "{{sumary}}"), lines.firstIndex { $0.contains("{{summary}}") }! + 1, "sumary"),
            (text.replacingOccurrences(of: "Dear Customer,", with: "Dear \u{1B}[31mCustomer,"), lines.firstIndex { $0.contains("Dear Customer") }! + 1, "control"),
            (text.replacingOccurrences(of: "{{number}} whenever", with: "{{number whenever"),
             lines.firstIndex { $0.contains("{{number}} whenever") }! + 1, "not closed"),
        ] {
            do {
                _ = try LetterTemplates.parse(broken, kind: .receipt, file: "receipt.en.mustache")
                Issue.record("accepted: \(word)")
            } catch let error as LetterTemplateError {
                #expect(error.line == expectedLine, "\(word): \(error)")
                #expect(error.problem.contains(word), "\(error)")
            }
        }
    }

    @Test func aFileThatNamesNoLetterIsRefusedRatherThanIgnored() throws {
        let site = try folder(["decyzja.pl.mustache": "x"])
        #expect(throws: LetterTemplateError.self) { _ = try LetterTemplates.load(siteFolder: site.path) }
    }
}
