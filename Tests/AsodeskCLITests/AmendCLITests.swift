import AsodeskTestSupport
import Foundation
import Testing

/// Issue 15.10 and 15.11 from the command line: intake data corrected as an event (all or
/// nothing, the old value kept, shown everywhere the data is), and a complaint received earlier
/// than it is typed in.
@Suite struct AmendCLITests {
    static let intake = ["--customer", "Jan Kowalsky", "--phone", "601 234 567", "--plate", "WX 12345",
                         "--summary", "Szarpie po wymianie sprzęgła"]

    static func records(_ cli: CLI) throws -> String {
        try cli.run("verify").out.components(separatedBy: ",").first ?? ""
    }

    @Test func aCorrectionIsRecordedWithTheOldValueAndEverySurfaceShowsTheNewOne() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run(arguments: ["add"] + Self.intake).status == 0)
        let saved = try cli.run("amend", "R/2026/0001", "--phone", "601 234 576", "--customer", "Jan Kowalski",
                                "--order", "zn/2026/00123", "--reason", "Klient podał właściwy numer")
        #expect(saved.status == 0, "\(saved.err)")
        #expect(saved.out.contains("Customer name corrected: Jan Kowalsky → Jan Kowalski; Phone corrected: +48 601 234 567 → +48 601 234 576"),
                "\(saved.out)")
        #expect(saved.out.contains("– Klient podał właściwy numer"))
        let shown = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        #expect(shown?["phone"] as? String == "+48 601 234 576" && shown?["customer"] as? String == "Jan Kowalski")
        #expect(shown?["order"] as? String == "ZN/2026/00123")
        #expect(try cli.run("show", "R/2026/0001").out.contains("Phone corrected: +48 601 234 567 → +48 601 234 576"))
        #expect(try cli.run("list").out.contains("Jan Kowalski"))
        let listed = try cli.json("list", "--json") as? [[String: Any]]
        #expect(listed?.first?["phone"] as? String == "+48 601 234 576")
        let csv = try cli.run("export")
        #expect(csv.out.contains("Jan Kowalski") && !csv.out.contains("Kowalsky"))
    }

    @Test func aRefusedCorrectionWritesNothingAndSaysWhatToDo() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run(arguments: ["add"] + Self.intake).status == 0)
        let before = try Self.records(cli)

        let same = try cli.run("amend", "R/2026/0001", "--phone", "601234567", "--reason", "Pomyłka w numerze")
        #expect(same.status == 1 && same.err.contains("--phone: Phone: that is the value it has now"), "\(same.err)")
        // Several fields: one bad value, nothing saved.
        let partly = try cli.run("amend", "R/2026/0001", "--plate", "KR 4F123", "--vin", "ABC", "--reason", "Dane z dowodu")
        #expect(partly.status == 1 && partly.err.contains("--vin"))
        let noReason = try cli.run("amend", "R/2026/0001", "--plate", "KR 4F123")
        #expect(noReason.status == 64 && noReason.err.contains("--reason"))
        let nothing = try cli.run("amend", "R/2026/0001", "--reason", "Dane z dowodu")
        #expect(nothing.status == 64 && nothing.err.contains("at least one field"))
        let dated = try cli.run("amend", "R/2026/0001", "--plate", "KR 4F123", "--reason", "Dane z dowodu", "--at", "2026-11-23 09:00")
        #expect(dated.status == 64 && dated.err.contains("leave out --at"))
        let trainee = try cli.run("amend", "R/2026/0001", "--plate", "KR 4F123", "--reason", "Dane z dowodu", "--role", "trainee")
        #expect(trainee.status == 1 && trainee.err.contains("trainee cannot correct"), "\(trainee.err)")
        let onlyContact = try cli.run("amend", "R/2026/0001", "--phone", "", "--reason", "Klient nie chce telefonów")
        #expect(onlyContact.status == 1 && onlyContact.err.contains("phone or e-mail"), "\(onlyContact.err)")
        #expect(try Self.records(cli) == before, "nothing was written")
        let shown = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        #expect(shown?["plate"] as? String == "WX 12345")
    }

    @Test func onlyThePersonHandlingItOrALeadCorrectsIt() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run(arguments: ["add"] + Self.intake).status == 0)
        // A colleague the log knows (no operators configured): they noted something first.
        #expect(try cli.run("note", "R/2026/0001", "Przejmę sprawę", "--as", "kzielinska").status == 0)
        #expect(try cli.run("assign", "R/2026/0001", "kzielinska").status == 0)
        let advisor = try cli.run("amend", "R/2026/0001", "--plate", "KR 4F123", "--reason", "Dane z dowodu", "--role", "advisor")
        #expect(advisor.status == 1 && advisor.err.contains("handled by kzielinska"), "\(advisor.err)")
        #expect(try cli.run("amend", "R/2026/0001", "--plate", "KR 4F123", "--reason", "Dane z dowodu").status == 0, "a shift lead may")
    }

    @Test func aComplaintReceivedEarlierStartsItsClocksThen() throws {
        let cli = try CLI()   // now: Monday 2026-11-23 12:00
        #expect(try cli.run("init", "--test").status == 0)
        // A letter received on Friday, typed in on Monday, in the way the desk writes dates.
        let output = try cli.run(arguments: ["add"] + Self.intake + ["--channel", "letter", "--received-at", "20.11 16:30", "--json"])
        let added = try JSONSerialization.jsonObject(with: Data(output.out.utf8)) as? [String: Any]
        #expect(added?["receivedAt"] as? String == "2026-11-20T16:30:00+01:00")
        #expect(added?["legalDeadline"] as? String == "2026-12-04", "14 days from Friday, not from Monday")
        let bad = try cli.run(arguments: ["add"] + Self.intake + ["--received-at", "32.11 16:30"])
        #expect(bad.status == 1 && bad.err.contains("20.11 14:30"), "\(bad.err)")
        let old = try cli.run(arguments: ["add"] + Self.intake + ["--received-at", "1.11.2026 10:00"])
        #expect(old.status == 1 && old.err.contains("more than 7 days"))
    }
}
