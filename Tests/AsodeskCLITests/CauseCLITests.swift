import AsodeskTestSupport
import Foundation
import Testing

/// The cause on a decision and its correction, and the mystery-shopping test mark, from the
/// command line in both languages.
@Suite struct CauseCLITests {
    static let polish = ["LANG": "pl_PL.UTF-8"]
    static let lead = ["--as", "anowak", "--role", "lead"]

    /// A test desk with one complaint in analysis, its before-decision checklist done.
    func readyToDecide() throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run("add", "--channel", "comment-book", "--customer", "Anna Wójcik", "--phone", "601 234 567",
                            "--summary", "Wpis w książce: rysa na drzwiach po myjni").status == 0)
        #expect(try cli.run("check", "R/2026/0001", "complaint-intake", "--all").status == 0)
        #expect(try cli.run("ack", "R/2026/0001").status == 0)
        #expect(try cli.run("contact", "R/2026/0001", "--summary", "Oględziny").status == 0)
        #expect(try cli.run("check", "R/2026/0001", "customer-problem", "--all").status == 0)
        return cli
    }

    func events(_ cli: CLI) throws -> Int {
        (try cli.json("show", "R/2026/0001", "--json") as? [String: Any])?["events"].flatMap { ($0 as? [Any])?.count } ?? -1
    }

    @Test func aDecisionWithoutACauseIsRefusedListingTheCodesInBothLanguages() throws {
        let cli = try readyToDecide()
        let before = try events(cli)
        let english = try cli.run("decide", "R/2026/0001", "--outcome", "accepted", "--reasons", "Rysa potwierdzona")
        #expect(english.status == 1)
        #expect(english.err.contains("Give the cause of the complaint (--cause CODE or CODE/SUB)"), "\(english.err)")
        #expect(english.err.contains("workshop-error/diagnosis") && english.err.contains("Nothing recorded."))
        let polish = try cli.run("decide", "R/2026/0001", "--outcome", "accepted", "--reasons", "Rysa potwierdzona", env: Self.polish)
        #expect(polish.status == 1)
        #expect(polish.err.contains("Podaj przyczynę reklamacji (--cause KOD albo KOD/PODPRZYCZYNA)"), "\(polish.err)")
        #expect(try events(cli) == before, "a refused decision writes nothing")
    }

    @Test func anUnknownCauseIsRefusedListingTheValidOnes() throws {
        let cli = try readyToDecide()
        let english = try cli.run("decide", "R/2026/0001", "--outcome", "accepted", "--reasons", "Rysa", "--cause", "gremlins")
        #expect(english.status == 1)
        #expect(english.err.contains("Unknown cause “gremlins”. Give one of the codes (CODE or CODE/SUB): workshop-error, workshop-error/diagnosis"),
                "\(english.err)")
        let polish = try cli.run("decide", "R/2026/0001", "--outcome", "accepted", "--reasons", "Rysa", "--cause", "workshop-error/paint",
                                 env: Self.polish)
        #expect(polish.err.contains("Nieznana przyczyna „workshop-error/paint”. Podaj jeden z kodów"), "\(polish.err)")
    }

    @Test func theCauseIsRecordedShownAndCorrected() throws {
        let cli = try readyToDecide()
        let early = try cli.run(arguments: ["amend", "R/2026/0001", "--cause", "communication", "--reason", "Za wcześnie"] + Self.lead)
        #expect(early.status == 1 && early.err.contains("has no decision yet"), "\(early.err)")
        let decided = try cli.run("decide", "R/2026/0001", "--outcome", "partly", "--reasons", "Rysa potwierdzona", "--cause", "Communication/Not-Informed")
        #expect(decided.status == 0, "\(decided.err)")
        var json = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        let cause = json?["cause"] as? String
        let causeName = (json?["causeName"] as? [String: String])?["en"]
        let decisionCause = (json?["decision"] as? [String: Any])?["cause"] as? String
        let channel = json?["channel"] as? String
        #expect(cause == "communication/not-informed")
        #expect(causeName == "communication — customer not informed")
        #expect(decisionCause == "communication/not-informed")
        #expect(channel == "comment-book")
        #expect(try cli.run("show", "R/2026/0001").out.contains("Cause      communication — customer not informed (communication/not-informed)"))
        #expect(try cli.run("show", "R/2026/0001", env: Self.polish).out.contains("Przyczyna  komunikacja — klient nie poinformowany"))

        let corrected = try cli.run(arguments: ["amend", "R/2026/0001", "--cause", "workshop-error/diagnosis",
                                                "--reason", "Analiza warsztatu wskazała błąd diagnozy"] + Self.lead)
        #expect(corrected.status == 0, "\(corrected.err)")
        #expect(corrected.out.contains("Cause corrected: communication/not-informed → workshop-error/diagnosis"), "\(corrected.out)")
        json = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        let correctedCause = json?["cause"] as? String
        let decidedCause = (json?["decision"] as? [String: Any])?["cause"] as? String
        #expect(correctedCause == "workshop-error/diagnosis")
        #expect(decidedCause == "communication/not-informed", "the decision keeps what it said")
        let history = try cli.run("show", "R/2026/0001", env: Self.polish).out
        #expect(history.contains("Poprawiono przyczynę"), "\(history)")
        let same = try cli.run(arguments: ["amend", "R/2026/0001", "--cause", "workshop-error/diagnosis", "--reason", "Jeszcze raz"] + Self.lead)
        #expect(same.status == 1 && same.err.contains("that is the cause it has now"))
    }

    @Test func onlyAShiftLeadMarksATestAndOnlyOnce() throws {
        let cli = try readyToDecide()
        let advisor = try cli.run("mark-test", "R/2026/0001", "--audit", "TK/2026/11", "--as", "pwisniewski", "--role", "advisor")
        #expect(advisor.status == 1)
        #expect(advisor.err.contains("Only a shift lead can mark a complaint as a mystery-shopping test."), "\(advisor.err)")
        let polish = try cli.run(arguments: ["mark-test", "R/2026/0001", "--audit", "TK/2026/11", "--as", "julia", "--role", "trainee"],
                                 env: Self.polish)
        #expect(polish.err.contains("Tylko kierownik zmiany może oznaczyć reklamację jako test"), "\(polish.err)")
        let marked = try cli.run(arguments: ["mark-test", "R/2026/0001", "--audit", "TK/2026/11"] + Self.lead)
        #expect(marked.status == 0, "\(marked.err)")
        let again = try cli.run(arguments: ["mark-test", "R/2026/0001", "--audit", "TK/2026/12"] + Self.lead)
        #expect(again.status == 1 && again.err.contains("already marked as a test (audit TK/2026/11)"))
        let json = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        let isTest = json?["mysteryShoppingTest"] as? Bool
        let audit = json?["testAudit"] as? String
        #expect(isTest == true)
        #expect(audit == "TK/2026/11")
        #expect(try cli.run("show", "R/2026/0001").out.contains("TEST (MYSTERY SHOPPING)"))
        #expect(try cli.run("show", "R/2026/0001", env: Self.polish).out.contains("Test (tajemniczy klient), audyt TK/2026/11"))
        #expect(try cli.run("list").out.contains("R/2026/0001"), "a test complaint stays on the queue")
    }
}
