import AsodeskTestSupport
import Foundation
import Testing

/// Finding a complaint by what the customer says, and giving it only to people who exist (issue 15, items 12 and 14).
@Suite(.serialized) struct FindAndAssignCLITests {
    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func listSearchFindsByPhoneEmailWordsAndNumberBestFirst() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run("add", "--customer", "Anna Wójcik", "--phone", "601 234 567", "--email", "anna.wojcik@gmail.com",
                            "--order", "ZN/2026/00021", "--summary", "Szarpie po wymianie sprzęgła").status == 0)
        #expect(try cli.run("add", "--customer", "Jan Zając", "--phone", "+48 502 111 222",
                            "--summary", "Rysa na drzwiach po myjni").status == 0)
        #expect(try cli.run("note", "R/2026/0002", "Klient prosi o kontakt po 16:00, stuki z tyłu").status == 0)
        func found(_ text: String) throws -> [String] {
            let result = try cli.run("list", "--search", text)
            #expect(result.status == 0, "\(result.err)")
            return result.out.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        }
        for typed in ["601234567", "601 234 567", "+48 601", "48601234567", "0048 601 234 567"] {
            #expect(try found(typed) == ["R/2026/0001"], "“\(typed)”")
        }
        #expect(try found("gmail") == ["R/2026/0001"])
        #expect(try found("sprzegla") == ["R/2026/0001"], "a word of the summary, without Polish letters")
        #expect(try found("stuki") == ["R/2026/0002"], "a word of a note")
        // The complaint itself above the one whose repair order contains its number.
        #expect(try found("2026/0002") == ["R/2026/0002", "R/2026/0001"])
        let none = try cli.run("list", "--search", "piszczy")
        #expect(none.status == 0 && none.out.contains("No open complaints match") && none.out.contains("--all"))
        let empty = try cli.run("list", "--search", "  ")
        #expect(empty.status == 64 && empty.err.contains("--search needs something"))
    }

    @Test func assignRefusesATypoNamingTheNearestOperatorAndSavesNothing() throws {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        let before = try Self.bytes(cli.log)
        let typo = try cli.run("assign", "R/2026/0001", "mkaminsky")
        #expect(typo.status == 1)
        #expect(typo.err.contains("'mkaminsky' is not a person this desk knows"), "\(typo.err)")
        #expect(typo.err.contains("Did you mean mkaminski?"))
        #expect(typo.err.contains("[[operator]]") && typo.err.contains("site.toml"), "says how to add a new person")
        #expect(try Self.bytes(cli.log) == before, "a refused assignment writes nothing")
        // R/2026/0001 is Marek Kamiński's in the demo; the lead gives it to Katarzyna Zielińska.
        #expect(try cli.run("assign", "R/2026/0001", "kzielinsk").err.contains("Did you mean kzielinska?"), "one letter short")
        let right = try cli.run("assign", "R/2026/0001", "kzielinska")
        #expect(right.status == 0, "\(right.err)")
    }

    @Test func withoutOperatorsOnlyPeopleTheLogKnowsAreAssigned() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run("add", "--customer", "Anna Wójcik", "--phone", "601 234 567", "--summary", "Rysa na drzwiach po myjni").status == 0)
        let before = try Self.bytes(cli.log)
        let stranger = try cli.run("assign", "R/2026/0001", "kto-inny")
        #expect(stranger.status == 1 && stranger.err.contains("People this log knows"), "\(stranger.err)")
        #expect(try Self.bytes(cli.log) == before)
    }
}
