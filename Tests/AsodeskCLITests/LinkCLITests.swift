import AsodeskTestSupport
import Foundation
import Testing

/// A fault comes back: `add` says which earlier complaints share the phone or the car, `add --link`
/// and `link` record the link on both, `show` lists it both ways (issue 15, item 13).
@Suite struct LinkCLITests {
    @Test func anEarlierComplaintIsOfferedAndLinkedBothWays() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run("add", "--customer", "Anna Wójcik", "--phone", "601 234 567", "--plate", "KR 4521X",
                            "--summary", "Szarpie po wymianie sprzęgła").status == 0)
        let second = try cli.run("add", "--customer", "Anna Wójcik", "--phone", "+48601234567",
                                 "--summary", "Znowu szarpie przy ruszaniu")
        #expect(second.status == 0)
        #expect(second.out.contains("Earlier: R/2026/0001 · received"), "\(second.out)")
        #expect(second.out.contains("same phone, name"), "\(second.out)")
        #expect(second.out.contains("asodesk link R/2026/0002 R/2026/0001"), "\(second.out)")

        let linked = try cli.run("link", "R/2026/0002", "R/2026/0001", "--note", "Ta sama usterka")
        #expect(linked.status == 0, "\(linked.err)")
        #expect(linked.out.contains("R/2026/0002: linked with R/2026/0001: Ta sama usterka — saved."), "\(linked.out)")
        #expect(try cli.run("show", "R/2026/0001").out.contains("Linked     R/2026/0002"))
        #expect(try cli.run("show", "R/2026/0002").out.contains("Linked     R/2026/0001"))
        let again = try cli.run("link", "R/2026/0001", "R/2026/0002")
        #expect(again.status == 1 && again.err.contains("already linked"), "\(again.err)")
        let unknown = try cli.run("link", "R/2026/0001", "R/2026/0099")
        #expect(unknown.status == 1 && unknown.err.contains("R/2026/0099"), "\(unknown.err)")

        let third = try cli.run("add", "--customer", "Jan Nowak", "--email", "jan@example.pl", "--plate", "kr4521x", "--summary", "Stuka zawieszenie",
                                "--link", "R/2026/0001")
        #expect(third.status == 0, "\(third.err)")
        #expect(third.out.contains("Linked with R/2026/0001"), "\(third.out)")
        let shown = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        #expect(shown?["links"] as? [String] == ["R/2026/0002", "R/2026/0003"])
        let polish = try cli.run("show", "R/2026/0003", env: ["LANG": "pl_PL.UTF-8"])
        #expect(polish.out.contains("Związane   R/2026/0001"), "\(polish.out)")
        #expect(polish.out.contains("Powiązana z R/2026/0001"), "\(polish.out)")
    }
}
