#if canImport(Glibc)
import Glibc
#endif
import AsodeskApp
import AsodeskTestSupport
import Foundation
import Testing

/// Who acts is the system's account, not a flag (issue 12): the real program, as root (which CI
/// is) and as the system's unprivileged `nobody` (uid 65534, no account is created).
@Suite(.serialized) struct IdentityCLITests {
    static let nobody: UInt32 = 65534
    static var canSwitchUser: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// A demo log with `site` as the site.toml beside it (mode 0644).
    static func desk(site: String? = nil) throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        if let site {
            let path = cli.directory + "/site.toml"
            try site.write(toFile: path, atomically: false, encoding: .utf8)
            chmod(path, 0o644)
        }
        return cli
    }

    /// Hands the desk's folder, its log and its site.toml to `nobody`: the owner of the log's
    /// folder keeps the site config there, as on a one-account desk.
    static func giveToNobody(_ cli: CLI) {
        let inside = FileManager.default.enumerator(atPath: cli.directory)?.compactMap { $0 as? String } ?? []
        for path in [cli.directory] + inside.map({ cli.directory + "/" + $0 }) {
            _ = chown(path, nobody, nobody)
        }
    }

    static let traineeOnNobody = """
        [[operator]]
        id = "anowak"
        name = "Anna Nowak"
        role = "lead"

        [[operator]]
        id = "jlewandowska"
        name = "Julia Lewandowska"
        role = "trainee"
        login = "nobody"
        """

    @Test(.enabled(if: canSwitchUser, "needs root and setpriv to run as nobody"))
    func asAnotherOperatorIsRefusedAndTheOwnAccountActsInItsRole() throws {
        var cli = try Self.desk(site: Self.traineeOnNobody)
        Self.giveToNobody(cli)
        cli.userID = Self.nobody
        // The trainee makes her own key under her own account; the lead registers it.
        try cli.registerKey(of: "jlewandowska", claim: false, site: cli.directory + "/site.toml")
        let before = try Self.bytes(cli.log)
        let asLead = try cli.run("note", "R/2026/0001", "Jestem kierownikiem", "--as", "anowak")
        #expect(asLead.status == 1)
        #expect(asLead.err.contains("You are logged in as nobody, operator jlewandowska; --as anowak cannot act as someone else"), "\(asLead.err)")
        let raised = try cli.run("reopen", "R/2026/0001", "--reason", "x", "--role", "lead")
        #expect(raised.status == 1 && raised.err.contains("configured as trainee and cannot act as lead"), "\(raised.err)")
        // The environment does not say who one is.
        let claimed = try cli.run("note", "R/2026/0001", "Kto to pisze", env: ["USER": "anowak", "LOGNAME": "anowak", "ASODESK_OPERATOR": "anowak"])
        #expect(claimed.status == 0, "\(claimed.err)")
        #expect(try Self.bytes(cli.log).count > before.count)
        let history = try cli.run("show", "R/2026/0001").out
        #expect(history.contains("jlewandowska) [trainee]  note: Kto to pisze"), "\(history)")
        #expect(!history.contains("Jestem kierownikiem"))
    }

    @Test(.enabled(if: canSwitchUser, "needs root and setpriv to run as nobody"))
    func anAccountThatIsNoOperatorIsRefused() throws {
        var cli = try Self.desk(site: "[[operator]]\nid = \"anowak\"\nname = \"Anna Nowak\"\nrole = \"lead\"\n")
        Self.giveToNobody(cli)
        cli.userID = Self.nobody
        let result = try cli.run("note", "R/2026/0001", "x")
        #expect(result.status == 1)
        #expect(result.err.contains("The account 'nobody' is not an operator of this site; the shift lead adds [[operator]] with login = \"nobody\""), "\(result.err)")
    }

    @Test(.enabled(if: canSwitchUser, "needs root and setpriv to run as nobody"))
    func withoutOperatorsANewIdCannotClaimARole() throws {
        var cli = try Self.desk(site: "# no operators\n")
        Self.giveToNobody(cli)
        cli.userID = Self.nobody
        let before = try Self.bytes(cli.log)
        let result = try cli.run("reopen", "R/2026/0001", "--reason", "x", "--as", "jl2", "--role", "lead")
        #expect(result.status == 1)
        #expect(result.err.contains("every event is your account's (nobody); --as jl2 cannot act as someone else"), "\(result.err)")
        #expect(try Self.bytes(cli.log) == before)
    }

    static let sharedReception: String = {
        let cost = Passphrase.Cost(log2Rounds: 10, blockSize: 8, parallelism: 1)
        let ka = try! Passphrase.hash("4711", cost: cost), kb = try! Passphrase.hash("0815", cost: cost)
        return """
            [[operator]]
            id = "kadamska"
            name = "Karolina Adamska"
            role = "advisor"
            login = "root"
            pin = "\(ka)"

            [[operator]]
            id = "kbednarek"
            name = "Kamil Bednarek"
            role = "trainee"
            login = "root"
            pin = "\(kb)"
            """
    }()

    @Test func aSharedAccountWithoutThePINCannotActAndWithItActsAsTheOperator() throws {
        let cli = try Self.desk(site: Self.sharedReception)
        // kadamska's key is sealed under her PIN: the one secret she types.
        try cli.registerKey(of: "kadamska", stdin: "4711\n", site: cli.directory + "/site.toml")
        let before = try Self.bytes(cli.log)
        let unchosen = try cli.run("note", "R/2026/0001", "x", stdin: "4711\n")
        #expect(unchosen.status == 1 && unchosen.err.contains("shared by the operators kadamska, kbednarek"), "\(unchosen.err)")
        let noPIN = try cli.run("note", "R/2026/0001", "bez PIN-u", "--as", "kadamska")
        #expect(noPIN.status == 1 && noPIN.err.contains("Operator kadamska has a PIN and none was typed; nothing was written"), "\(noPIN.err)")
        let wrong = try cli.run("note", "R/2026/0001", "cudzy PIN", "--as", "kadamska", stdin: "0815\n")
        #expect(wrong.status == 1 && wrong.err.contains("That is not the PIN of operator kadamska"), "\(wrong.err)")
        #expect(try Self.bytes(cli.log) == before, "nothing was written")
        let right = try cli.run("note", "R/2026/0001", "z PIN-em", "--as", "kadamska", stdin: "4711\n")
        #expect(right.status == 0, "\(right.err)")
        #expect(try cli.run("show", "R/2026/0001").out.contains("kadamska) [advisor]  note: z PIN-em"))
    }

    @Test func lookAlikeIdsAreRefusedNamingTheCharacter() throws {
        let cli = try Self.desk()
        let before = try Self.bytes(cli.log)
        let cyrillic = try cli.run("check", "R/2026/0020", "customer-problem", "--all", "--override", "--reason", "x", "--as", "\u{430}nowak")
        #expect(cyrillic.status == 1)
        #expect(cyrillic.err.contains("the character U+0430 \"\u{430}\" is not allowed"), "\(cyrillic.err)")
        for id in ["a.nowak", "an0wak", "pwisniewsk1"] {
            let alike = try cli.run("note", "R/2026/0001", "x", "--as", id)
            #expect(alike.status == 1 && alike.err.contains("an id this desk already knows"), "\(id): \(alike.err)")
        }
        for id in ["Jlewandowska", "../../../../etc/passwd", "x"] {
            let invalid = try cli.run("note", "R/2026/0001", "x", "--as", id)
            #expect(invalid.status == 1 && invalid.err.contains("is not an operator id"), "\(id): \(invalid.err)")
        }
        #expect(try Self.bytes(cli.log) == before)
    }

    @Test func aSiteConfigTheGroupMayWriteIsRefusedByEveryCommand() throws {
        let cli = try Self.desk()
        let named = cli.directory + "/own.toml"
        try "[[operator]]\nid = \"jlewandowska\"\nname = \"Julia\"\nrole = \"lead\"\nlogin = \"root\"\n".write(toFile: named, atomically: false, encoding: .utf8)
        chmod(named, 0o664)
        for arguments in [["list", "--config", named], ["reopen", "R/2026/0001", "--reason", "x", "--config", named]] {
            let result = try cli.run(arguments: arguments)
            #expect(result.status == 1)
            #expect(result.err.contains("may be written by its group or by others (mode 0664)") && result.err.contains("chmod 644 \(named)"), "\(result.err)")
        }
        let fromEnvironment = try cli.run("list", env: ["ASODESK_CONFIG": named])
        #expect(fromEnvironment.status == 1 && fromEnvironment.err.contains("mode 0664"), "\(fromEnvironment.err)")
        chmod(named, 0o644)
        #expect(try cli.run("list", "--config", named).status == 0)
        // A person's own copy, writable by them alone, governs nobody either.
        if getuid() == 0 {
            #expect(chown(named, Self.nobody, Self.nobody) == 0)
            let owned = try cli.run("reopen", "R/2026/0001", "--reason", "x", "--config", named)
            #expect(owned.status == 1 && owned.err.contains("is owned by uid 65534 (nobody), not by root or the owner of the log's folder"),
                    "\(owned.err)")
        }
    }

    @Test func aSiteSettingInTheUserFileIsRefusedWithItsLine() throws {
        let cli = try Self.desk()
        let folder = cli.directory + "/config/asodesk"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "[dashboard]\nlanguage = \"pl\"\n\n[[operator]]\nid = \"jlewandowska\"\nname = \"J\"\nrole = \"lead\"\n"
            .write(toFile: folder + "/config.toml", atomically: true, encoding: .utf8)
        let result = try cli.run("list")
        #expect(result.status == 1)
        #expect(result.err.contains("config.toml:4: operator: [[operator]] belongs in the site config, site.toml beside the log (")
                && result.err.contains("asodesk-cli-") && result.err.contains("/site.toml), which the shift lead keeps"), "\(result.err)")
    }

    @Test func theUserFilesLogIsTheDefaultLog() throws {
        let cli = try Self.desk()
        let folder = cli.directory + "/config/asodesk"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "log = \"\(cli.log)\"\n".write(toFile: folder + "/config.toml", atomically: true, encoding: .utf8)
        let result = try cli.run("list", env: ["ASODESK_LOG": ""])
        #expect(result.status == 0 && result.out.contains("R/2026/"), "\(result.err)")
    }

    /// The dashboard decides who is at the keyboard before its screen starts, and says no in its
    /// language.
    @Test func theDashboardRefusesAtOpenInItsLanguage() throws {
        let cli = try Self.desk(site: "[[operator]]\nid = \"anowak\"\nname = \"Anna Nowak\"\nrole = \"lead\"\n")
        let polish = try cli.run("--lang", "pl")
        #expect(polish.status == 1)
        #expect(polish.err.contains("Konto „root” nie jest operatorem tego stanowiska"), "\(polish.err)")
        let english = try cli.run("dashboard", "--lang", "en", "--as", "jlewandowska")
        #expect(english.status == 1 && english.err.contains("'jlewandowska' is not an operator of this site. Operators: anowak."), "\(english.err)")
        chmod(cli.directory + "/site.toml", 0o664)
        let governed = try cli.run("--lang", "pl", "--as", "anowak")
        #expect(governed.status == 1 && governed.err.contains("może zmieniać grupa lub inni (uprawnienia 0664)"), "\(governed.err)")
    }

    @Test func pinHashPrintsTheLineForTheOperatorsEntry() throws {
        let cli = try CLI()
        let result = try cli.run("pin-hash", stdin: "4711\n4711\n")
        #expect(result.status == 0, "\(result.err)")
        let line = result.out.trimmingCharacters(in: .whitespacesAndNewlines)
        let hash = try #require(line.firstMatch(of: /^pin = "(scrypt\$[^"]+)"$/)).1
        #expect(try Passphrase.matches("4711", String(hash)))
        let differ = try cli.run("pin-hash", stdin: "4711\n4712\n")
        #expect(differ.status == 1 && differ.err.contains("differ") && differ.out.isEmpty)
        let short = try cli.run("pin-hash", stdin: "471\n471\n")
        #expect(short.status == 1 && short.err.contains("at least 4 characters"))
    }
}
