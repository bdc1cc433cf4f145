import Foundation
import AsodeskApp
import AsodeskDomain
import AsodeskLog
import AsodeskTestSupport
import Testing

@Suite(.serialized) struct CLITests {
    @Test func everyCommandHasHelp() throws {
        let cli = try CLI()
        for command in ["init", "add", "list", "show", "ack", "contact", "wait", "resume", "assign", "escalate", "decide",
                        "close", "reopen", "note", "check", "followup", "report", "export", "verify", "repair", "demo", "procedures"] {
            let result = try cli.run(command, "--help")
            #expect(result.status == 0, "\(command)")
            #expect(result.out.contains("USAGE"), "\(command)")
        }
        let completion = try cli.run("--generate-completion-script", "bash")
        #expect(completion.status == 0 && completion.out.contains("asodesk"))
    }

    @Test func withoutALogItExplainsHowToStart() throws {
        let cli = try CLI()
        let result = try cli.run("list")
        #expect(result.status == 1)
        #expect(result.err.contains("asodesk init") && result.err.contains("asodesk --demo"))
        #expect(!FileManager.default.fileExists(atPath: cli.log), "reading never creates a log")
    }

    @Test func aComplaintGoesThroughItsWholeLifeFromTheCommandLine() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let mode = try FileManager.default.attributesOfItem(atPath: cli.log)[.posixPermissions] as? Int
        #expect(mode == 0o660, "owner and group only")

        let bad = try cli.run("add", "--customer", "Anna Wójcik", "--phone", "601 234 567", "--vin", "WVWZZZ1JZXW00000I",
                              "--summary", "Rysa na drzwiach po myjni")
        #expect(bad.status == 1)
        #expect(bad.err.contains("VIN"))
        #expect(try cli.run("verify").out.contains("1 record,"), "a refused add saves nothing (the log holds its header)")

        let added = try cli.json("add", "--channel", "email", "--category", "damage", "--priority", "high",
                                 "--customer", "Anna Wójcik", "--email", "anna.wojcik@wp.pl", "--plate", "kr 4f123",
                                 "--vehicle", "Škoda Octavia", "--order", "ZN/2026/00123",
                                 "--summary", "Rysa na drzwiach po myjni", "--remedy", "Naprawa lakieru",
                                 "--received-at", "2026-11-20T16:30:00+01:00", "--json") as? [String: Any]
        #expect(added?["number"] as? String == "R/2026/0001")
        #expect(added?["plate"] as? String == "KR 4F123")
        // Received Friday 20 Nov; 14 days not counting that day: Friday 4 Dec.
        #expect(added?["legalDeadline"] as? String == "2026-12-04")
        let timers = added?["timers"] as? [[String: Any]] ?? []
        #expect(timers.contains { ($0["dueAt"] as? String)?.hasSuffix("+01:00") == true })

        let early = try cli.run("ack", "R/2026/0001")
        #expect(early.status == 1 && early.err.contains("mandatory checklist steps"))
        #expect(try cli.run("check", "R/2026/0001", "complaint-intake", "--all").status == 0)
        #expect(try cli.run("ack", "R/2026/0001", "--note", "E-mail z potwierdzeniem").status == 0)
        #expect(try cli.run("contact", "R/2026/0001", "--summary", "Umówiono oględziny").status == 0)
        #expect(try cli.run("wait", "R/2026/0001", "--for", "customer", "--note", "Zdjęcia").status == 0)
        let waiting = try cli.run("decide", "R/2026/0001", "--cause", "workshop-error", "--outcome", "accepted", "--reasons", "Tak")
        #expect(waiting.status == 1 && waiting.err.contains("Allowed now"))
        #expect(try cli.run("resume", "R/2026/0001").status == 0)
        #expect(try cli.run("note", "R/2026/0001", "Zdjęcia potwierdzają rysę \u{1B}[2J").status == 0)

        let trainee = try cli.run("decide", "R/2026/0001", "--cause", "workshop-error", "--outcome", "accepted", "--reasons", "Tak", "--as", "julia", "--role", "trainee")
        #expect(trainee.status == 1 && trainee.err.contains("trainee"))
        let procedures = try cli.run("procedures")
        #expect(procedures.status == 0)
        for procedure in ["customer-problem"] {
            #expect(try cli.run("check", "R/2026/0001", procedure, "--all").status == 0)
        }
        let decided = try cli.run("decide", "R/2026/0001", "--cause", "workshop-error", "--outcome", "partly", "--reasons", "Rysa potwierdzona", "--remedy", "Lakierowanie drzwi")
        #expect(decided.status == 0, "\(decided.err)")
        for procedure in ["decision-letter", "car-handover"] {
            #expect(try cli.run("check", "R/2026/0001", procedure, "--all").status == 0)
        }
        #expect(try cli.run("close", "R/2026/0001", "--accepted", "--response", "Dziękuję").status == 0)
        #expect(try cli.run("check", "R/2026/0001", "follow-up-call", "--all").status == 0)
        #expect(try cli.run("followup", "R/2026/0001", "--satisfaction", "4").status == 0)

        #expect(try cli.run("list").out.contains("No open complaints"))
        #expect(try cli.run("list", "--all").out.contains("R/2026/0001"))
        let shown = try cli.run("show", "R/2026/0001", "--explain")
        #expect(shown.status == 0)
        #expect(!shown.out.contains("\u{1B}"), "stored escape sequences never reach the terminal")
        #expect(shown.out.contains("followed-up".uppercased()) || shown.out.contains("FOLLOWED-UP"))
        let detail = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        #expect((detail?["events"] as? [Any])?.isEmpty == false)
        #expect(detail?["state"] as? String == "followed-up")

        let report = try cli.json("report", "--json") as? [String: Any]
        #expect(report?["chainHead"] as? String != nil)
        let csv = try cli.run("export", "--all")
        #expect(csv.out.hasPrefix("number,state,") && csv.out.contains("R/2026/0001"))
        // To standard output: one line per complaint after the header (a file gets CRLF records).
        let records = csv.out.components(separatedBy: "\n")
        #expect(records.count == 3 && records[1].hasPrefix("\"R/2026/0001\"") && records[2].isEmpty, "\(records.prefix(3))")
        #expect(!csv.out.contains("⏎"))
        let nowhere = try cli.run("export", "-o", cli.directory + "/missing/e.csv")
        #expect(nowhere.status == 1 && nowhere.err.contains("folder"))
        #expect(try cli.run("export", "-o", cli.directory + "/e.csv").status == 0)
        let exportMode = try FileManager.default.attributesOfItem(atPath: cli.directory + "/e.csv")[.posixPermissions] as? Int
        #expect(exportMode == 0o640, "personal data: owner and group only")
        #expect(try cli.run("verify").status == 0)
    }

    // Issue 11: a history the lifecycle accepted, everything typed with the receipt's instant,
    // once stopped `list`, `show` and every dashboard (the update cadence unwrapped an empty list).
    @Test func aComplaintHandledEntirelyAtItsReceiptInstantStillShowsEverywhere() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let at = "2026-11-23T10:00:00+01:00"
        let steps: [[String]] = [
            ["add", "--channel", "phone", "--category", "repair", "--customer", "Jan Kowalski", "--phone", "601 234 567",
             "--plate", "WX 12345", "--summary", "Szarpie po wymianie sprzęgła", "--remedy", "Ponowna naprawa", "--at", at],
            ["check", "R/2026/0001", "complaint-intake", "--all", "--at", at],
            // Dated back two hours: what asodesk sends, only a shift lead may, with a reason.
            ["ack", "R/2026/0001", "--at", at, "--as", "anowak", "--role", "lead", "--reason", "Wpisane po rozmowie"],
            ["check", "R/2026/0001", "customer-problem", "--all", "--at", at],
            ["decide", "R/2026/0001", "--cause", "workshop-error", "--outcome", "accepted", "--reasons", "Usterka potwierdzona", "--at", at,
             "--as", "anowak", "--role", "lead", "--reason", "Wpisane po rozmowie"],
        ]
        for step in steps {
            let result = try cli.run(arguments: step)
            #expect(result.status == 0, "\(step.prefix(2).joined(separator: " ")): \(result.err)")
        }
        for command in [["list"], ["list", "--all"], ["show", "R/2026/0001"], ["show", "R/2026/0001", "--explain"],
                        ["export", "--all"]] {
            let result = try cli.run(arguments: command)
            #expect(result.status == 0, "\(command.joined(separator: " ")): \(result.err)")
            #expect(result.out.contains("R/2026/0001"), "\(command.joined(separator: " ")) shows the complaint")
        }
        let report = try cli.run("report")
        #expect(report.status == 0, "report: \(report.err)")
        // A table row per figure: the figure, then its value.
        #expect(report.out.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
                    .contains("received 1\n acknowledged 1\n decided 1\n"), "the report counts it: \(report.out)")
        let shown = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        #expect(shown?["state"] as? String == "decided")
        let timers = shown?["timers"] as? [[String: Any]] ?? []
        let update = timers.first { $0["name"] as? String == "update" }
        #expect(update?["state"] as? String == "met", "decided at its start: the update cadence is met at once")
        #expect(update?["elapsedBusinessMinutes"] as? Int == 0)
    }

    /// `report --month` and `--from/--to` are figured as of the period's end; a wrong period is a
    /// clear error that says what to give instead.
    @Test func reportForAMonthOrARangeAndClearErrorsForABadPeriod() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let add = try cli.run("add", "--channel", "phone", "--category", "repair", "--customer", "Jan Kowalski", "--phone", "601 234 567",
                              "--plate", "WX 12345", "--summary", "Szarpie po wymianie sprzęgła", "--at", "2026-11-23T10:00:00+01:00")
        #expect(add.status == 0, "\(add.err)")
        let month = try cli.run("report", "--month", "2026-11")
        #expect(month.status == 0, "\(month.err)")
        // The test's clock stands on 23 November: a month still running is figured as of now.
        #expect(month.out.contains("Month 2026-11-01 – 2026-11-30, as of 2026-11-23T12:00:00+01:00"), "\(month.out)")
        #expect(month.out.replacingOccurrences(of: " +", with: " ", options: .regularExpression).contains("received 1\n"))
        // The same figures in Polish, for the printout the lead hands on.
        let polish = try cli.run("report", "--month", "2026-11", "--lang", "pl")
        #expect(polish.status == 0, "\(polish.err)")
        #expect(polish.out.contains("Miesiąc 2026-11-01 – 2026-11-30, stan na 2026-11-23T12:00:00+01:00"), "\(polish.out)")
        #expect(polish.out.contains("Liczniki po terminie (1 na 1 reklamacji)") && polish.out.replacingOccurrences(of: " +", with: " ", options: .regularExpression).contains("przyjęte 1\n"), "\(polish.out)")
        #expect(!polish.out.contains("timers met") && !polish.out.contains("as of"), "the report's own words are Polish")
        let unknown = try cli.run("report", "--lang", "de")
        #expect(unknown.status != 0 && unknown.err.contains("is not pl or en"))
        let range = try cli.json("report", "--from", "2026-11-24", "--to", "2026-11-30", "--json") as? [String: Any]
        let periods = range?["periods"] as? [[String: Any]] ?? []
        #expect(periods.count == 1 && periods.first?["kind"] as? String == "range")
        #expect(periods.first?["received"] as? Int == 0, "received the day before the range")
        for (arguments, says) in [(["--from", "2026-11-30", "--to", "2026-11-01"], "give the earlier day first"),
                                  (["--from", "2026-11-01"], "give both days"),
                                  (["--month", "2026-13"], "is not a month like 2026-11"),
                                  (["--day", "2026-11-23", "--month", "2026-11"], "Give one of")] {
            let result = try cli.run(arguments: ["report"] + arguments)
            #expect(result.status != 0 && result.err.contains(says), "\(arguments): \(result.err)")
            #expect(result.out.isEmpty)
        }
    }

    @Test func verifyNamesDamageAndRepairKeepsEveryReadableRecord() throws {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        #expect(try cli.run("verify").status == 0)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: cli.log)))
        let middle = bytes.count / 2
        bytes[middle] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: cli.log))
        let damaged = try cli.run("verify")
        #expect(damaged.status == 3)
        #expect(damaged.err.contains("byte") || damaged.err.contains("offset"))
        let refused = try cli.run("note", "R/2026/0001", "Po awarii")
        #expect(refused.status == 3 && refused.err.contains("repair"), "nothing is written until repair")
        let reading = try cli.run("list")
        #expect(reading.status == 0, "reading still works")
        #expect(reading.err.contains("warning: the log is damaged") && reading.err.contains("asodesk repair"))
        let repaired = try cli.run("repair")
        #expect(repaired.status == 0)
        #expect(try cli.run("verify").status == 0)
        #expect(try cli.run("note", "R/2026/0001", "Po naprawie").status == 0)
    }

    @Test func demoRefusesToOverwriteALog() throws {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        let again = try cli.run("demo")
        #expect(again.status == 1 && again.err.contains("--replace"))
        let listed = try cli.run("list")
        #expect(listed.status == 0 && listed.out.contains("R/2026/"))
        let replaced = try cli.run("demo", "--replace")
        #expect(replaced.status == 0 && replaced.out.contains("Moved the old log"))
        // Real work by someone who is not one of the demo's people (a desk without operators wrote it).
        let desk = try Desk(log: try EventLog(path: cli.log, create: false), config: .standard, procedures: try ProcedureLibrary.bundled())
        let number = try #require((try desk.allComplaints()).first { $0.isOpen }).number
        try desk.perform(.note(text: "Prawdziwa praca"), on: number, by: Actor(id: "tkowalski", role: .advisor), now: Date())
        let guarded = try cli.run("demo", "--replace")
        #expect(guarded.status == 1 && guarded.err.contains("real complaints"), "a log with real work is never replaced")
    }

    @Test func badConfigNamesFileLineAndKey() throws {
        let cli = try CLI()
        let config = cli.directory + "/bad.toml"
        try "[sla.decision]\nnormal = 3000\nhigh = \"fast\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        #expect(try cli.run("init", "--test").status == 0)
        let result = try cli.run("list", "--config", config)
        #expect(result.status == 1)
        #expect(result.err.contains("bad.toml:3") && result.err.contains("sla.decision.high"))
    }
}
