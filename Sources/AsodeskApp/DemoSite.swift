import AsodeskDomain
import AsodeskLog
import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The demo's own folder, set up like a real desk's: `demo.log`, a `site.toml` (mode 0640) that
/// lists the demo's operators with their logins and public keys, and a private `keys/` folder
/// (0700) with each operator's key file (0600). The lead `anowak` is bound to the account that
/// runs the demo; the others' logins are their ids. Every demo event is signed by its author.
public enum DemoSite {
    /// The first line of a site.toml the demo wrote: only such a file is ever replaced by a new demo.
    public static let marker = "# asodesk demo site: written by `asodesk --demo`, replaced by every new demo."

    public static func defaultFolder(env: [String: String]) -> String { DeskPaths.dataDirectory(env: env) + "/demo" }
    public static func siteFile(in folder: String) -> String { folder + "/site.toml" }
    public static func keys(in folder: String) -> SigningKeyStore { SigningKeyStore(folder: folder + "/keys") }

    /// Whether `folder` holds a site.toml the demo wrote.
    public static func isDemoFolder(_ folder: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: siteFile(in: folder)) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: marker.utf8.count)) ?? Data()
        return head == Data(marker.utf8)
    }

    /// The demo's operators with fresh keys held in memory only (valid from `validFrom`) and
    /// their signers: for a desk in a test or a benchmark that must sign like a real one.
    public static func keyring(validFrom: Date = Date(timeIntervalSince1970: 0)) -> (operators: [Operator], signers: [Ed25519FrameSigner]) {
        var operators: [Operator] = []
        var signers: [Ed25519FrameSigner] = []
        for person in DemoLog.operators {
            let seed = Array(Curve25519.Signing.PrivateKey().rawRepresentation)
            // A fresh 32-byte seed always makes a key.
            guard let signer = try? Ed25519FrameSigner(signerID: person.id, seed: seed) else { continue }
            signers.append(signer)
            var keyed = person
            keyed.keys = [OperatorKey(publicKey: signer.publicKey, validFrom: validFrom)]
            operators.append(keyed)
        }
        return (operators, signers)
    }

    /// One keyring per process, for tests that need the demo's people signing.
    public static let sharedKeyring = keyring()

    public enum Problem: Error, Sendable, Equatable {
        /// A site.toml that the demo did not write stands in the folder: never replaced.
        case foreignSiteFile(String)
    }

    /// The demo's operators with their keys, and the signers of each.
    public struct Prepared {
        public var config: SiteConfig
        public var signers: [Ed25519FrameSigner]
        public var siteFile: String
    }

    /// The demo's letterhead and signatory, as its site.toml states them.
    public static let letters = LetterSettings(
        legalName: "Auto Przykład sp. z o.o. – Autoryzowana Stacja Obsługi", address: ["ul. Zakopiańska 105", "30-418 Kraków"],
        phone: "+48 12 345 67 89", email: "reklamacje@auto-przyklad.pl", signatory: "Anna Nowak",
        signatoryTitle: "Kierownik zmiany, dział reklamacji", outOfCourtAgrees: false,
        outOfCourtBody: "Małopolski Wojewódzki Inspektor Inspekcji Handlowej w Krakowie, ul. Ujastek 7, 31-752 Kraków")

    /// Writes fresh keys and site.toml into `folder` on top of `base`. The keys are valid from a
    /// year before `now`: the demo's history reaches back weeks, and each event is signed with a
    /// key valid at its time.
    public static func prepare(folder: String, base: SiteConfig, account: String, now: Date) throws -> Prepared {
        let site = siteFile(in: folder)
        var info = stat()
        if lstat(site, &info) == 0, !isDemoFolder(folder) { throw Problem.foreignSiteFile(site) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: base.calendar.timeZoneID) ?? .current
        func day(_ instant: Date) -> LocalDate {
            let parts = calendar.dateComponents([.year, .month, .day], from: instant)
            return LocalDate(year: parts.year ?? 2026, month: parts.month ?? 1, day: parts.day ?? 1)
        }
        let today = day(now)
        let firstDay = day(now.addingTimeInterval(-366 * 86_400))
        let validFrom = calendar.startOfDay(for: now.addingTimeInterval(-366 * 86_400))
        let store = keys(in: folder)
        var config = base
        var signers: [Ed25519FrameSigner] = []
        var toml = marker + "\n# The demo's operators; their private keys are in keys/ beside this file.\n"
        config.operators = []
        for person in DemoLog.operators {
            let file = try SigningKeyFile.generate(operatorID: person.id, created: today, passphrase: nil)
            // The demo's own keys are replaced by every new demo: the old ones sign nothing any more.
            if store.exists(person.id) { unlink(store.path(of: person.id)) }
            try store.save(file, rotate: false, today: today)
            signers.append(try file.signer(passphrase: nil))
            let login = person.id == "anowak" ? account : person.id
            config.operators.append(Operator(id: person.id, name: person.name, role: person.role, login: login,
                                             keys: [OperatorKey(publicKey: file.publicKey, validFrom: validFrom)]))
            toml += "\n[[operator]]\nid = \"\(person.id)\"\nname = \"\(person.name)\"\nrole = \"\(person.role.rawValue)\"\nlogin = \"\(login)\"\n"
            toml += file.siteConfigLines(validFrom: firstDay) + "\n"
        }
        config.letters = letters
        toml += """

            # The letterhead, signatory and out-of-court information of the demo's letters (asodesk letter).
            [letters]
            legal_name = "Auto Przykład sp. z o.o. – Autoryzowana Stacja Obsługi"
            address = ["ul. Zakopiańska 105", "30-418 Kraków"]
            phone = "+48 12 345 67 89"
            email = "reklamacje@auto-przyklad.pl"
            signatory = "Anna Nowak"
            signatory_title = "Kierownik zmiany, dział reklamacji"
            out_of_court_agrees = false
            out_of_court_body = "Małopolski Wojewódzki Inspektor Inspekcji Handlowej w Krakowie, ul. Ujastek 7, 31-752 Kraków"

            """
        try ExclusiveFile.write(Array(toml.utf8), to: site, mode: 0o640, existing: .replace)
        return Prepared(config: config, signers: signers, siteFile: site)
    }
}
