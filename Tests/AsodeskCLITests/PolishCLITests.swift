import AsodeskTestSupport
import Foundation
import Testing

/// The command line speaks the person's language: the user file's, else the locale (issue 15, item 16).
@Suite(.serialized) struct PolishCLITests {
    static let polish = ["LANG": "pl_PL.UTF-8"]

    @Test func aRefusalUnderAPolishLocaleIsPolishThroughout() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run("add", "--customer", "Anna Wójcik", "--phone", "601 234 567", "--summary", "Szarpie po wymianie sprzęgła").status == 0)
        #expect(try cli.run("check", "R/2026/0001", "complaint-intake", "--all").status == 0)
        #expect(try cli.run("ack", "R/2026/0001").status == 0)
        #expect(try cli.run("wait", "R/2026/0001", "--for", "parts").status == 0)
        let refused = try cli.run("wait", "R/2026/0001", "--for", "customer", env: Self.polish)
        #expect(refused.status == 1)
        #expect(refused.err.contains("R/2026/0001 czeka na części: teraz nie można wstrzymać sprawy (wait)."), "\(refused.err)")
        #expect(!refused.err.contains("parts") && !refused.err.contains("not allowed"), "no English inside: \(refused.err)")
        let english = try cli.run("wait", "R/2026/0001", "--for", "customer")
        #expect(english.err.contains("is waiting for parts: 'wait' is not allowed now"), "\(english.err)")
        let missing = try cli.run("show", "R/2026/0099", env: Self.polish)
        #expect(missing.err.contains("Nie ma reklamacji R/2026/0099"), "\(missing.err)")
        let badTime = try cli.run("note", "R/2026/0001", "x", "--at", "wczoraj", env: Self.polish)
        #expect(badTime.err.contains("nie jest czasem"), "\(badTime.err)")
    }

    @Test func theUserFilesLanguageComesBeforeTheLocale() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        try FileManager.default.createDirectory(atPath: cli.directory + "/config/asodesk", withIntermediateDirectories: true)
        try "[dashboard]\nlanguage = \"pl\"\n".write(toFile: cli.directory + "/config/asodesk/config.toml", atomically: true, encoding: .utf8)
        let missing = try cli.run("show", "R/2026/0042")
        #expect(missing.err.contains("Nie ma reklamacji R/2026/0042"), "\(missing.err)")
        let procedures = try cli.run("procedures")
        #expect(procedures.status == 0)
        #expect(procedures.out.contains("Przyjęcie reklamacji"), "\(procedures.out)")
        #expect(try cli.run("procedures", "--lang", "en").out.contains("Taking a complaint"))
    }

    /// What a command saves, what `check` lists and what `show` prints read in Polish, with the
    /// steps as the procedure words them; English keeps the codes scripts read.
    @Test func savedLinesChecklistsAndShowSpeakPolish() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run("add", "--customer", "Anna Wójcik", "--phone", "601 234 567", "--summary", "Szarpie po wymianie sprzęgła").status == 0)
        let listed = try cli.run("check", "R/2026/0001", env: Self.polish)
        #expect(listed.out.contains("Listy kontrolne tego etapu (cykl 1):"), "\(listed.out)")
        #expect(listed.out.contains("[ ]* record-vehicle – Zapisz pojazd"), "the mandatory mark comes first: \(listed.out)")
        #expect(listed.out.contains("[x] odhaczony"))
        let ticked = try cli.run("check", "R/2026/0001", "complaint-intake", "record-vehicle", env: Self.polish)
        #expect(ticked.out.contains("R/2026/0001: odhaczono complaint-intake/record-vehicle (Zapisz pojazd"), "\(ticked.out)")
        #expect(ticked.out.contains("— zapisano."))
        #expect(try cli.run("check", "R/2026/0001", "complaint-intake", "--all").status == 0)
        let acknowledged = try cli.run("ack", "R/2026/0001", "--note", "SMS wysłany", env: Self.polish)
        #expect(acknowledged.out.contains("R/2026/0001: Potwierdzenie przyjęcia: SMS wysłany — zapisano. Stan: potwierdzona."), "\(acknowledged.out)\(acknowledged.err)")
        let shown = try cli.run("show", "R/2026/0001", env: Self.polish)
        for line in ["R/2026/0001  POTWIERDZONA  priorytet zwykły", "Klient     Anna Wójcik  telefon", "Terminy (czas pracy):",
                     "Historia:", "Potwierdzenie przyjęcia: SMS wysłany", "Teraz można:"] {
            #expect(shown.out.contains(line), "\(line) in \(shown.out)")
        }
        for english in ["Received ", "History:", "Allowed now", "acknowledged"] {
            #expect(!shown.out.contains(english), "no English: \(english)")
        }
        let queue = try cli.run("list", env: Self.polish).out
        #expect(queue.hasPrefix("NUMER"), "\(queue)")
        #expect(queue.contains("potwierdzona") && queue.contains("inne"), "\(queue)")
        #expect(try cli.run("list", "--search", "nikt-taki", env: Self.polish).out.contains("Żadna otwarta reklamacja nie pasuje."))
        let inEnglish = try cli.run("show", "R/2026/0001")
        #expect(inEnglish.out.contains("R/2026/0001  ACKNOWLEDGED  priority normal"), "\(inEnglish.out)")
        #expect(inEnglish.out.contains("[lead]  acknowledged: SMS wysłany"), "\(inEnglish.out)")
    }
}
