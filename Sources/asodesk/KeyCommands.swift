import ArgumentParser
import AsodeskApp
import AsodeskDomain
import AsodeskLog
import Foundation

/// `asodesk key new|show`: the operator's private signing key.
struct Key: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The operator's private signing key: every event is signed by its author.",
        subcommands: [KeyNew.self, KeyShow.self])
}

struct KeyNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create the operator's signing key and print the lines the shift lead adds to site.toml.",
        discussion: """
            The key file is $ASODESK_KEYS/<id>.key (default $XDG_DATA_HOME/asodesk/keys), mode 0600 in a \
            folder of mode 0700, created new. An existing key is refused unless --force is given; then the \
            old one is kept as <id>.key.<date> (its public key stays in site.toml for the events it signed: \
            the shift lead sets its valid_until). --sealed (the default when the operator's login is shared \
            or has a PIN) seals the key under a passphrase, read from the terminal (echo off) or the first \
            line of standard input.
            """)
    @OptionGroup var location: LocationOptions
    @Option(name: .customLong("as"), help: ArgumentHelp("Which operator of a shared account you are (default: the operator of your account).", valueName: "id"))
    var operatorID: String?
    @Flag(help: "Seal the key under a passphrase.") var sealed = false
    @Flag(help: "Do not seal the key (the file alone protects it).") var plain = false
    @Flag(help: "Replace an existing key (the old one is kept as <id>.key.<date>).") var force = false

    func run() throws {
        try runReporting {
            let env = location.environment
            let config = try location.loadConfig()
            // The key is made by its owner, under their own account (and PIN, on a shared one).
            let (actor, typedPIN) = try systemIdentity(config: config, knownIDs: [], requestedID: operatorID, requestedRole: nil)
            let id = actor.id
            let person = config.operators.first { $0.id == id }
            let shared = person.map { me in config.operators.contains { $0.id != me.id && $0.login == me.login } } ?? false
            let seal = sealed || (!plain && (shared || person?.pinHash != nil))
            var passphrase: String?
            if seal {
                // On a shared account the key is sealed under the operator's PIN: one secret to type.
                guard let given = typedPIN ?? SecretInput.read(prompt: "Passphrase for the key of \(id): "), !given.isEmpty else {
                    throw CLIError.message("A sealed key needs a passphrase: type it on the terminal, or give it as the first line of standard input.")
                }
                passphrase = given
            }
            let store = keyStore(forLog: try location.logPath(), env: env)
            let today = todayInSite(config)
            let file = try SigningKeyFile.generate(operatorID: id, created: today, passphrase: passphrase)
            let kept = try store.save(file, rotate: force, today: today)
            if let kept { say("Kept the old key as \(kept).") }
            say("Created the signing key of \(id) at \(store.path(of: id))\(seal ? " (sealed under your passphrase)" : "").")
            say("Give these lines to the shift lead for site.toml, under the [[operator]] entry of \(id):")
            say(file.siteConfigLines(validFrom: today))
        }
    }
}

struct KeyShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the operator's public key and where the key file is.")
    @OptionGroup var location: LocationOptions
    @Option(name: .customLong("as"), help: ArgumentHelp("Which operator of a shared account you are (default: the operator of your account).", valueName: "id"))
    var operatorID: String?

    func run() throws {
        try runReporting {
            let env = location.environment
            let config = try location.loadConfig()
            // Public facts only: no PIN is asked; the key file itself is readable by its owner alone.
            let account = SystemAccount.current().name
            let mine = config.operators.filter { $0.login == account }.map(\.id)
            guard let id = operatorID ?? (mine.count == 1 ? mine[0] : (config.operators.isEmpty ? account : nil)) else {
                throw CLIError.message(mine.isEmpty
                    ? "The account \(account) is not an operator of this site; give the operator's id with --as."
                    : "The account \(account) is shared by \(mine.joined(separator: ", ")); say which is yours with --as.")
            }
            let store = keyStore(forLog: try location.logPath(), env: env)
            let file: SigningKeyFile
            do throws(SigningKeyProblem) { file = try store.load(id) } catch { throw CLIError.message(LogText.keyProblem(error).en) }
            say("\(id): key \(file.keyID.hex)\(file.isSealed ? " (sealed)" : ""), created \(file.created), file \(store.path(of: id))")
            say("public key: \(file.publicKeyBase64)")
            let registered = config.operators.first { $0.id == id }?.keys.first { $0.publicKey == file.publicKey }
            if let registered {
                say(registered.isValid(at: Date()) ? "Registered in the site config and valid now." : "Registered in the site config, but not valid now.")
            } else {
                say("Not registered in the site config yet; the lines for the shift lead:")
                say(file.siteConfigLines(validFrom: file.created))
            }
        }
    }
}

/// Where the private keys of a log's operators are: $ASODESK_KEYS, the demo folder's own, else the XDG default.
func keyStore(forLog logPath: String, env: [String: String]) -> SigningKeyStore {
    if let named = env["ASODESK_KEYS"], !named.isEmpty { return SigningKeyStore.standard(env: env) }
    let folder = (logPath as NSString).deletingLastPathComponent
    if DemoSite.isDemoFolder(folder) { return DemoSite.keys(in: folder) }
    return SigningKeyStore.standard(env: env)
}

/// The key that signs what `id` writes on `desk`, loaded into it. Without a key file nothing is
/// loaded (the desk refuses when its operators must sign); a key file that cannot be used is refused.
func loadSigningKey(for id: String, into desk: Desk, env: [String: String], passphrase typed: String? = nil) throws {
    let store = keyStore(forLog: desk.log.path, env: env)
    guard store.exists(id) else { return }
    do throws(SigningKeyProblem) {
        let file = try store.load(id)
        let passphrase = file.isSealed ? (typed ?? SecretInput.read(prompt: "Passphrase for the key of \(id): ")) : nil
        desk.useSigningKey(try file.signer(passphrase: passphrase))
    } catch {
        throw CLIError.message(LogText.keyProblem(error).en)
    }
}

func todayInSite(_ config: SiteConfig, now: Date = Date()) -> LocalDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: config.calendar.timeZoneID) ?? .current
    let parts = calendar.dateComponents([.year, .month, .day], from: now)
    return LocalDate(year: parts.year ?? 2026, month: parts.month ?? 1, day: parts.day ?? 1)
}
