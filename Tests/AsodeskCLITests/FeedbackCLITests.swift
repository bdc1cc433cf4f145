import AsodeskTestSupport
import Foundation
import Testing

/// `asodesk import survey|mystery-shopping FILE`, `feedback list` and `feedback review` (issue 16, item 4).
@Suite struct FeedbackCLITests {
    func write(_ text: String, to name: String, in cli: CLI) throws -> String {
        let path = cli.directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aBadFileIsRefusedLineByLineAndAGoodOneImportedListedAndReviewed() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run("add", "--customer", "Anna Wójcik", "--phone", "601 234 567", "--summary", "Szarpie po wymianie sprzęgła",
                            "--as", "pwisniewski", "--role", "advisor").status == 0)
        let bad = try write("date;advisor;complaint;repair_order;score;comment\r\n2026-11-20;pwisniewski;R/2026/0001;;4;Za długo\r\n"
                            + "2026-11-31;;;;9;\r\n2026-11-21;;R/2026/0009;;9;\r\n", to: "zle.csv", in: cli)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.log))
        let refused = try cli.run("import", "survey", bad, "--as", "anowak", "--role", "lead")
        #expect(refused.status == 1)
        #expect(refused.err.contains("zle.csv:3: the date '2026-11-31' is not a date YYYY-MM-DD"), "\(refused.err)")
        #expect(refused.err.contains("\nzle.csv:4: there is no complaint 'R/2026/0009' at this desk"), "\(refused.err)")
        #expect(refused.err.contains("Nothing was imported"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.log)) == before, "nothing written")

        let good = try write("\u{FEFF}date;advisor;complaint;repair_order;score;comment\r\n2026-11-20;pwisniewski;R/2026/0001;;4;Za długo\r\n"
                             + "2026-11-21;;;;9;\r\n", to: "ankiety.csv", in: cli)
        let dry = try cli.run("import", "survey", good, "--dry-run", "--as", "anowak", "--role", "lead")
        #expect(dry.status == 0 && dry.out.contains("ankiety.csv: the file is valid; it would import 2 survey results, 1 of them low"), "\(dry.out)\(dry.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.log)) == before, "a dry run writes nothing")
        let imported = try cli.run("import", "survey", good, "--as", "anowak", "--role", "lead")
        #expect(imported.status == 0 && imported.out.contains("imported 2 survey results, 1 of them low"), "\(imported.out)\(imported.err)")
        let again = try cli.run("import", "survey", good, "--as", "anowak", "--role", "lead")
        #expect(again.status == 1 && again.err.contains("ankiety.csv:2: this row was already imported from ankiety.csv sha256:"), "\(again.err)")

        let list = try cli.run("feedback", "list", "--month", "2026-11")
        #expect(list.status == 0 && list.out.contains("2026-11-20  survey 4/10"), "\(list.out)\(list.err)")
        let rows = try #require(try cli.json("feedback", "list", "--json") as? [[String: Any]])
        #expect(rows.count == 2 && rows[0]["low"] as? Bool == true && rows[0]["complaint"] as? String == "R/2026/0001")
        let id = try #require(rows[0]["id"] as? String)
        #expect(try cli.run("show", "R/2026/0001").out.contains("Feedback   2026-11-20 survey 4/10"))
        let shown = try #require(try cli.json("show", "R/2026/0001", "--json") as? [String: Any])
        #expect((shown["feedback"] as? [[String: Any]])?.first?["id"] as? String == id)
        #expect(try cli.run("report").out.contains("Low scores (surveys, audits) awaiting a lead's review (1):"))

        let byAdvisor = try cli.run("feedback", "review", id, "--note", "Omówione", "--as", "pwisniewski", "--role", "advisor")
        #expect(byAdvisor.status == 1 && byAdvisor.err.contains("A low score is reviewed by a shift lead"), "\(byAdvisor.err)")
        let reviewed = try cli.run("feedback", "review", id, "--note", "Omówione z doradcą", "--as", "anowak", "--role", "lead")
        #expect(reviewed.status == 0 && reviewed.out.contains("\(id): review saved."), "\(reviewed.out)\(reviewed.err)")
        #expect(try cli.run("report").out.contains("awaiting a lead's review (0):"))
        #expect(try cli.run("feedback", "list").out.contains("reviewed by anowak: Omówione z doradcą"))
    }

    @Test func aMysteryShoppingFileIsImportedAndATraineeRefused() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let file = try write("date,auditor,advisor,channel,score_percent,findings\n2026-11-19,Agencja X,,phone,65%,\"Nie przedstawił się, brak oferty\"\n",
                             to: "audyt.csv", in: cli)
        let trainee = try cli.run("import", "mystery-shopping", file, "--as", "jlewandowska", "--role", "trainee")
        #expect(trainee.status == 1 && trainee.err.contains("imported by an advisor or a shift lead"), "\(trainee.err)")
        let imported = try cli.run("import", "mystery-shopping", file, "--as", "anowak", "--role", "lead")
        #expect(imported.status == 0 && imported.out.contains("imported 1 mystery-shopping result, 1 of them low"), "\(imported.out)\(imported.err)")
        let report = try cli.run("report", "--month", "2026-11", "--lang", "pl")
        let audits = report.out.split(separator: "\n").first { $0.contains("audyty mystery shopping") } ?? ""
        #expect(audits.contains("65,0 %") && audits.contains("n = 1; poniżej progu 1"), "\(report.out)")
        let missing = try cli.run("import", "survey", cli.directory + "/nie-ma.csv")
        #expect(missing.status == 1 && missing.err.contains("There is no file"), "\(missing.err)")
    }
}
