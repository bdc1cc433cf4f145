import AsodeskTestSupport
import Foundation
import Testing

/// `asodesk action …`: the register of corrective and preventive actions from the command line (issue 16).
@Suite(.serialized) struct ActionCLITests {
    static let polish = ["LANG": "pl_PL.UTF-8"]
    static let lead = ["--as", "anowak", "--role", "lead"]

    func desk() throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run("add", "--customer", "Anna Wójcik", "--phone", "601 234 567", "--summary", "Koło poluzowane po serwisie").status == 0)
        return cli
    }

    func add(_ cli: CLI, _ extra: [String] = [], env: [String: String] = [:]) throws -> CLI.Result {
        try cli.run(arguments: ["action", "add", "--title", "Kontrola momentu dokręcenia kół", "--kind", "corrective",
                                "--cause", "workshop-error/torque", "--complaint", "R/2026/0001", "--owner", "anowak",
                                "--due", "2026-12-10", "--measure", "Zero reklamacji na koła przez kwartał"] + Self.lead + extra, env: env)
    }

    @Test func anActionIsOpenedDoneAndVerifiedAndTheComplaintNamesIt() throws {
        let cli = try desk()
        let opened = try add(cli)
        #expect(opened.status == 0, "\(opened.err)")
        #expect(opened.out.contains("D-2026/1: opened: Kontrola momentu dokręcenia kół, due 2026-12-10 — saved. Status: open."), "\(opened.out)")
        let listed = try cli.run("action", "list")
        #expect(listed.out.contains("D-2026/1  corrective  Kontrola momentu dokręcenia kół"), "\(listed.out)")
        #expect(listed.out.contains("(follow-up-call)") && listed.out.contains("review due, overdue"), "procedure reviews due: \(listed.out)")
        let json = try cli.run("action", "list", "--json")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        let row = try #require(rows.first { $0["id"] as? String == "D-2026/1" })
        #expect(row["status"] as? String == "open" && row["complaints"] as? [String] == ["R/2026/0001"])
        #expect(try cli.run("show", "R/2026/0001").out.contains("Actions    D-2026/1 (open)"))
        #expect(try cli.run("show", "R/2026/0001", "--json").out.contains(#""actions" : ["#))

        let early = try cli.run(arguments: ["action", "verify", "D-2026/1", "--effective", "--note", "ok"] + Self.lead)
        #expect(early.status == 1 && early.err.contains("only once it is done"), "\(early.err)")
        #expect(try cli.run(arguments: ["action", "done", "D-2026/1", "--note", "Klucze skalibrowane"] + Self.lead).status == 0)
        let advisor = try cli.run("action", "verify", "D-2026/1", "--effective", "--note", "ok", "--as", "anowak", "--role", "advisor")
        #expect(advisor.status == 1 && advisor.err.contains("Only the shift lead verifies"), "\(advisor.err)")
        let verified = try cli.run(arguments: ["action", "verify", "D-2026/1", "--not-effective", "--note", "Nadal reklamacje"] + Self.lead)
        #expect(verified.status == 0 && verified.out.contains("Status: not effective"), "\(verified.out)\(verified.err)")
        let shown = try cli.run("action", "show", "D-2026/1")
        for line in ["D-2026/1  CORRECTIVE  not effective", "Complaints R/2026/0001", "History:", "done: Klucze skalibrowane",
                     "verified not effective: Nadal reklamacje"] {
            #expect(shown.out.contains(line), "\(line) in \(shown.out)")
        }
        let followUp = try add(cli, ["--follow-up-of", "D-2026/1"])
        #expect(followUp.status == 0 && followUp.out.contains("D-2026/2"), "\(followUp.err)")
    }

    @Test func aTraineeIsRefusedAndBadInputSaysWhatToDoInPolish() throws {
        let cli = try desk()
        let trainee = try cli.run("action", "add", "--title", "x", "--owner", "anowak", "--due", "2026-12-10", "--measure", "m",
                                  "--as", "anowak", "--role", "trainee", env: Self.polish)
        #expect(trainee.status == 1 && trainee.err.contains("Praktykant nie prowadzi działań"), "\(trainee.err)")
        let badDate = try add(cli, ["--due", "10.12.2026"], env: Self.polish)
        #expect(badDate.status != 0)
        let badID = try cli.run("action", "show", "R/2026/0001", env: Self.polish)
        #expect(badID.status == 1 && badID.err.contains("nie jest numerem działania"), "\(badID.err)")
        let missing = try cli.run("action", "show", "D-2026/9", env: Self.polish)
        #expect(missing.status == 1 && missing.err.contains("Nie ma działania D-2026/9"), "\(missing.err)")
        let badCause = try add(cli, ["--cause", "Zły Kod"], env: Self.polish)
        #expect(badCause.status == 1 && badCause.err.contains("nie jest kodem przyczyny"), "\(badCause.err)")
        #expect(try cli.run("action", "list", "--json").out.contains("D-2026") == false, "refusals wrote nothing")
        #expect(try add(cli, env: Self.polish).out.contains("D-2026/1: otwarte: Kontrola momentu dokręcenia kół, termin 2026-12-10 — zapisano. Stan: otwarte."))
        let amended = try cli.run(arguments: ["action", "amend", "D-2026/1", "--due", "2027-01-15", "--reason", "Czekamy na klucze"] + Self.lead,
                                  env: Self.polish)
        #expect(amended.status == 0 && amended.out.contains("zmiana: termin 2027-01-15 — powód: Czekamy na klucze"), "\(amended.out)\(amended.err)")
        let cancelled = try cli.run(arguments: ["action", "cancel", "D-2026/1", "--reason", "Zdublowane"] + Self.lead, env: Self.polish)
        #expect(cancelled.status == 0 && cancelled.out.contains("Stan: anulowane."), "\(cancelled.out)")
        #expect(!(try cli.run("action", "list").out.contains("D-2026/1")), "settled actions only with --all")
        #expect(try cli.run("action", "list", "--all").out.contains("D-2026/1"))
    }
}
