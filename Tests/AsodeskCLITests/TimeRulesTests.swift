import AsodeskTestSupport
import Foundation
import Testing

/// Issue 12.5, time that cannot be forged: ASODESK_NOW never dates what is written to a desk's
/// log, `--at` stays within the site's window, late entries show as such, and what asodesk sends
/// is dated back only by a shift lead with a reason.
@Suite struct TimeRulesTests {
    static let intake = ["--customer", "Jan Kowalski", "--phone", "601 234 567", "--summary", "Szarpie po wymianie sprzęgła"]

    @Test func aPinnedClockIsRefusedForEveryWriteToADesksLogAndNothingIsWritten() throws {
        var cli = try CLI()
        // A desk's log, started with the machine's clock.
        #expect(try cli.run("init", env: ["ASODESK_NOW": ""]).status == 0)
        #expect(try cli.run(arguments: ["add"] + Self.intake, env: ["ASODESK_NOW": ""]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.log))
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let number = "R/\(year)/0001"
        for arguments in [["add"] + Self.intake, ["note", number, "x"], ["ack", number],
                          ["check", number, "complaint-intake", "--all"]] {
            let refused = try cli.run(arguments: arguments)
            #expect(refused.status == 1, "\(arguments[0]) with ASODESK_NOW on a desk's log")
            #expect(refused.err.contains("ASODESK_NOW") && refused.err.contains("unset ASODESK_NOW"), "the reason and the fix")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.log)) == before, "nothing was written")
        // Reading commands may pin the clock: how did it stand then?
        for arguments in [["list"], ["show", number], ["report"], ["export"], ["verify"]] {
            #expect(try cli.run(arguments: arguments).status == 0, "\(arguments[0]) reads with a pinned clock")
        }
        // The next year's first complaint cannot be created today by pinning the clock.
        cli.environment["ASODESK_NOW"] = "\(year + 1)-01-04T10:00:00+01:00"
        let forged = try cli.run(arguments: ["add"] + Self.intake)
        #expect(forged.status == 1 && forged.err.contains("ASODESK_NOW"))
        #expect(!(try cli.run("list", "--all").out.contains("R/\(year + 1)/0001")))
    }

    @Test func initOfADesksLogUnderAPinnedClockIsRefusedBeforeAnyFileIsMade() throws {
        let cli = try CLI()
        let refused = try cli.run("init")
        #expect(refused.status == 1 && refused.err.contains("init --test"))
        #expect(!FileManager.default.fileExists(atPath: cli.log))
        #expect(try cli.run("init", "--test").out.contains("test log"))
        #expect(try cli.run(arguments: ["add"] + Self.intake).status == 0, "a test log takes the pinned clock")
    }

    @Test func atIsAcceptedOnlyWithinTheWindowNeverInTheFutureNorBeforeReceipt() throws {
        let cli = try CLI()   // now: 2026-11-23 12:00 (Monday)
        #expect(try cli.run("init", "--test").status == 0)
        let monthOld = try cli.run(arguments: ["add"] + Self.intake + ["--at", "2026-10-23 12:00"])
        #expect(monthOld.status == 1)
        #expect(monthOld.err.contains("more than 7 days") && monthOld.err.contains("from 2026-11-16 12:00 to 2026-11-23 12:00"),
                "refused with the allowed range in site time: \(monthOld.err)")
        #expect(try cli.run(arguments: ["add"] + Self.intake + ["--received-at", "2026-11-20 09:00"]).status == 0, "Friday's letter")
        let future = try cli.run("note", "R/2026/0001", "x", "--at", "2026-11-23 14:00")
        #expect(future.status == 1 && future.err.contains("future") && future.err.contains("Allowed: from 2026-11-20 09:00"))
        let early = try cli.run("note", "R/2026/0001", "x", "--at", "2026-11-19 09:00")
        #expect(early.status == 1 && early.err.contains("before the complaint was received"))
        #expect(try cli.run("note", "R/2026/0001", "Telefon na placu", "--at", "2026-11-20 10:00").status == 0)
    }

    @Test func aBreachedAcknowledgementBackdatedIsNeverASilentMet() throws {
        var cli = try CLI()
        cli.environment["ASODESK_NOW"] = "2026-11-23T17:30:00+01:00"
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run(arguments: ["add"] + Self.intake + ["--received-at", "2026-11-23 08:30"]).status == 0)
        // The steps: the checklist ticked "at 09:00", the acknowledgement "at 09:05", both typed at 17:30.
        #expect(try cli.run("check", "R/2026/0001", "complaint-intake", "--all", "--at", "2026-11-23 09:00").status == 0)
        // An advisor cannot date the acknowledgement back: asodesk sends it.
        let advisor = try cli.run("ack", "R/2026/0001", "--at", "2026-11-23 09:05")
        #expect(advisor.status == 1 && advisor.err.contains("shift lead"), "\(advisor.err)")
        let noReason = try cli.run("ack", "R/2026/0001", "--at", "2026-11-23 09:05", "--as", "anowak", "--role", "lead")
        #expect(noReason.status == 1 && noReason.err.contains("--reason"))
        let saved = try cli.run("ack", "R/2026/0001", "--at", "2026-11-23 09:05", "--as", "anowak", "--role", "lead",
                                "--reason", "Potwierdzenie wysłane rano z telefonu")
        #expect(saved.status == 0 && saved.out.contains("ENTERED LATE: 8 h 25 min"), "\(saved.out)\(saved.err)")
        let show = try cli.run("show", "R/2026/0001", "--explain")
        #expect(show.out.contains("met — entered 8 h 25 min late"), "the verdict says what it rests on")
        #expect(show.out.contains("ENTERED LATE: 8 h 25 min after it happened, by anowak"))
        #expect(show.out.contains("reason: Potwierdzenie wysłane rano z telefonu"))
        #expect(show.out.contains("the verdict rests on the time given"))
        let json = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        let events = json?["events"] as? [[String: Any]] ?? []
        #expect(events.last?["enteredLate"] as? Bool == true && events.last?["minutesLate"] as? Int == 505)
        #expect(events.last?["backdateReason"] as? String == "Potwierdzenie wysłane rano z telefonu")
        let ackTimer = (json?["timers"] as? [[String: Any]])?.first { $0["name"] as? String == "acknowledgement" }
        #expect((ackTimer?["enteredLate"] as? [String: Any])?["enteredBy"] as? String == "anowak")
        let csv = try cli.run("export", "--all").out
        #expect(csv.contains("late_entries") && csv.contains("entered 8 h 25 min late by anowak"))
        let report = try cli.run("report").out
        #expect(report.contains("entered late") && report.contains("anowak 1"), "\(report)")
    }

    @Test func aReasonWithoutBackdatingIsRefused() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run(arguments: ["add"] + Self.intake + ["--received-at", "2026-11-23 11:40"]).status == 0)
        #expect(try cli.run("check", "R/2026/0001", "complaint-intake", "--all", "--at", "2026-11-23 11:45").status == 0)
        let refused = try cli.run("ack", "R/2026/0001", "--reason", "x", "--as", "anowak", "--role", "lead")
        #expect(refused.status == 1 && refused.err.contains("leave it out"))
        #expect(try cli.run("ack", "R/2026/0001", "--at", "2026-11-23 11:50").status == 0, "within 15 minutes anyone may")
    }
}
