import AsodeskTestSupport
import Crypto
import Foundation
import Testing

/// Issue 15.15 from the command line: how the customer wants to be contacted, photos and documents
/// by reference (never the file), and the same person's name on every surface.
@Suite struct ContactAndDocumentCLITests {
    static let polish = ["LANG": "pl_PL.UTF-8"]
    static let intake = ["--customer", "Jan Kowalski", "--phone", "601 234 567", "--summary", "Szarpie po wymianie sprzęgła"]

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func aContactPreferenceIsTakenInShownAndCorrected() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let added = try cli.run(arguments: ["add"] + Self.intake + ["--contact-by", "sms", "--json"])
        #expect(added.status == 0, "\(added.err)")
        let json = try JSONSerialization.jsonObject(with: Data(added.out.utf8)) as? [String: Any]
        #expect(json?["contactBy"] as? String == "sms")
        #expect(try cli.run("show", "R/2026/0001").out.contains("contact by sms"))
        #expect(try cli.run("show", "R/2026/0001", env: Self.polish).out.contains("kontakt: SMS"))
        let amended = try cli.run("amend", "R/2026/0001", "--contact-by", "in person", "--reason", "Klient woli przyjść")
        #expect(amended.status == 0, "\(amended.err)")
        #expect(amended.out.contains("Contact by corrected: SMS → in person"), "\(amended.out)")
        let shown = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        #expect(shown?["contactBy"] as? String == "in-person")
        // Without one, the JSON says null and show says —.
        #expect(try cli.run(arguments: ["add"] + Self.intake).status == 0)
        let plain = try cli.json("show", "R/2026/0002", "--json") as? [String: Any]
        #expect(plain?["contactBy"] == nil, "absent: not given")
        #expect(try cli.run("show", "R/2026/0002").out.contains("contact by —"))
    }

    @Test func aPreferenceTheDeskCannotFollowIsRefusedAndNothingIsWritten() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let before = try Self.bytes(cli.log)
        let email = try cli.run(arguments: ["add"] + Self.intake + ["--contact-by", "email"])
        #expect(email.status == 1 && email.err.contains("--contact-by: Contact by e-mail needs the customer's e-mail address"), "\(email.err)")
        let fax = try cli.run(arguments: ["add"] + Self.intake + ["--contact-by", "fax"])
        #expect(fax.status == 1 && fax.err.contains("phone, sms, email, letter, in-person"), "\(fax.err)")
        let polish = try cli.run(arguments: ["add", "--customer", "Anna Nowak", "--email", "anna@example.pl", "--summary", "Rysa na drzwiach",
                                             "--contact-by", "sms"], env: Self.polish)
        #expect(polish.status == 1 && polish.err.contains("SMS wymaga numeru telefonu klienta"), "\(polish.err)")
        #expect(try Self.bytes(cli.log) == before)
        #expect(try cli.run(arguments: ["add"] + Self.intake + ["--contact-by", "email"]).status == 1)
        #expect(try cli.run(arguments: ["add"] + Self.intake).status == 0)
        let removing = try cli.run("amend", "R/2026/0001", "--contact-by", "email", "--reason", "Klient woli e-mail")
        #expect(removing.status == 1 && removing.err.contains("e-mail address"), "\(removing.err)")
    }

    @Test func aFileIsAttachedByItsPathAndSHA256NeverItsBytes() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run(arguments: ["add"] + Self.intake).status == 0)
        let photo = URL(fileURLWithPath: cli.directory + "/drzwi-rysa.jpg").standardizedFileURL.path
        let content = Data("JPEG? not really, but bytes all the same: \(UUID())".utf8)
        try content.write(to: URL(fileURLWithPath: photo))
        let hash = SHA256.hash(data: content).map { String(format: "%02x", $0) }.joined()
        let saved = try cli.run("attach", "R/2026/0001", "--file", "drzwi-rysa.jpg", "--note", "Zdjęcie rysy na drzwiach", in: cli.directory)
        #expect(saved.status == 0, "\(saved.err)")
        #expect(saved.out.contains("document attached: \(photo)"), "\(saved.out)")
        #expect(try cli.run("show", "R/2026/0001").out.contains("document attached: \(photo) – Zdjęcie rysy na drzwiach; SHA-256 \(hash)"))
        let log = try Self.bytes(cli.log)
        #expect(log.range(of: content) == nil, "the file's bytes are not in the log")
        #expect(log.range(of: Data(hash.utf8)) != nil)
        let shown = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        let documents = shown?["documents"] as? [[String: Any]]
        #expect(documents?.count == 1)
        #expect(documents?.first?["reference"] as? String == photo && documents?.first?["sha256"] as? String == hash)
        #expect(documents?.first?["description"] as? String == "Zdjęcie rysy na drzwiach")
        let polish = try cli.run("show", "R/2026/0001", env: Self.polish)
        #expect(polish.out.contains("Dołączono dokument: \(photo) – Zdjęcie rysy na drzwiach · SHA-256 \(hash)"), "\(polish.out)")
    }

    @Test func anOutsideReferenceIsAttachedWithItsHashIfKnown() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run(arguments: ["add"] + Self.intake).status == 0)
        let hash = String(repeating: "AB", count: 32)
        let saved = try cli.run("attach", "R/2026/0001", "--ref", "DMS 12345", "--sha256", hash, "--as", "kzielinska", "--role", "trainee")
        #expect(saved.status == 0, "a trainee may attach, as a note: \(saved.err)")
        #expect(saved.out.contains("document attached: DMS 12345; SHA-256 \(hash.lowercased())"), "\(saved.out)")
        #expect(try cli.run("attach", "R/2026/0001", "--ref", "Skan zlecenia ZN/2026/00123").status == 0)
        let documents = (try cli.json("show", "R/2026/0001", "--json") as? [String: Any])?["documents"] as? [[String: Any]]
        #expect(documents?.map { $0["reference"] as? String } == ["DMS 12345", "Skan zlecenia ZN/2026/00123"])
        #expect(documents?.last?["sha256"] == nil)
        // Found by what the reference says, as a note by its words.
        #expect(try cli.run(arguments: ["add"] + Self.intake).status == 0)
        let found = try cli.run("list", "--search", "skan")
        #expect(found.out.contains("R/2026/0001") && !found.out.contains("R/2026/0002"), "\(found.out)")
    }

    @Test func aFileThatCannotBeReadIsRefusedAndNothingIsWritten() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run(arguments: ["add"] + Self.intake).status == 0)
        let before = try Self.bytes(cli.log)
        let missing = try cli.run("attach", "R/2026/0001", "--file", cli.directory + "/nie-ma.jpg")
        #expect(missing.status == 1 && missing.err.contains("There is no file") && missing.err.contains("Nothing was saved"), "\(missing.err)")
        let folder = try cli.run("attach", "R/2026/0001", "--file", cli.directory)
        #expect(folder.status == 1 && folder.err.contains("is not a regular file"), "\(folder.err)")
        let polish = try cli.run("attach", "R/2026/0001", "--file", cli.directory + "/nie-ma.jpg", env: Self.polish)
        #expect(polish.status == 1 && polish.err.contains("Nie ma pliku") && polish.err.contains("Nic nie zapisano"), "\(polish.err)")
        let both = try cli.run("attach", "R/2026/0001", "--file", "a.jpg", "--ref", "DMS 1")
        #expect(both.status == 64 && both.err.contains("either --file"))
        let hashWithFile = try cli.run("attach", "R/2026/0001", "--file", "a.jpg", "--sha256", String(repeating: "0", count: 64))
        #expect(hashWithFile.status == 64)
        let badHash = try cli.run("attach", "R/2026/0001", "--ref", "DMS 1", "--sha256", "abc")
        #expect(badHash.status == 1 && badHash.err.contains("64 hex digits"), "\(badHash.err)")
        #expect(try Self.bytes(cli.log) == before)
    }

    /// The names come from the site config, the desk's one registry of operators; every surface
    /// shows them, and a terminal whose config does not list the log's people says so.
    @Test func everySurfaceShowsTheNamesTheSiteConfigGives() throws {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        let shown = try cli.run("show", "R/2026/0001")
        #expect(shown.status == 0, "\(shown.err)")
        #expect(shown.out.contains("Owner      Marek Kamiński (mkaminski)"), "\(shown.out)")
        #expect(shown.out.range(of: #"\(\w+\) \[(advisor|shift lead|lead|trainee)\]"#, options: .regularExpression) != nil,
                "history entries name their author with the id")
        let json = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        #expect(json?["owner"] as? String == "mkaminski" && json?["ownerName"] as? String == "Marek Kamiński")
        let events = json?["events"] as? [[String: Any]]
        #expect(events?.allSatisfy { ($0["actorName"] as? String)?.isEmpty == false } == true)
        #expect(!shown.err.contains("site config"), "a terminal with the desk's config says nothing")

        // A terminal given a site config without the desk's operators: ids, and it is told why.
        let bare = cli.directory + "/elsewhere.toml"
        try Data("[site]\nname = \"Inne\"\n".utf8).write(to: URL(fileURLWithPath: bare))
        chmod(bare, 0o644)
        let other = try cli.run("show", "R/2026/0001", "--config", bare)
        #expect(other.status == 0, "\(other.err)")
        #expect(other.out.contains("Owner      mkaminski\n"), "\(other.out)")
        #expect(other.err.contains("this site config lists no operators") && other.err.contains("mkaminski"), "\(other.err)")
    }
}
