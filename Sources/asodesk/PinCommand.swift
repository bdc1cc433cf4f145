import ArgumentParser
import AsodeskApp
import AsodeskDomain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `asodesk pin-hash`: the line a shift lead pastes into an operator's entry of the site config.
struct PinHash: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pin-hash",
        abstract: "Ask a PIN twice and print the pin = \"scrypt$…\" line for the operator's [[operator]] entry.",
        discussion: """
            The person whose PIN it is types it (at least \(PinHash.minimumLength) characters), twice; \
            it is read from the terminal without echo (without a terminal: the first two lines of standard input). \
            Only a salted, slow hash is printed: paste the line into their [[operator]] entry of site.toml.
            """)

    static let minimumLength = 4

    func run() throws {
        try runReporting {
            guard let first = SecretInput.read(prompt: "New PIN: ") else {
                throw CLIError.message("No PIN was typed; run `asodesk pin-hash` again and type the PIN at the prompt.")
            }
            guard first.count >= Self.minimumLength else {
                throw CLIError.message("A PIN needs at least \(Self.minimumLength) characters; the one typed has \(first.count). Run `asodesk pin-hash` again.")
            }
            guard let second = SecretInput.read(prompt: "The same PIN again: "), second == first else {
                throw CLIError.message("The two PINs typed differ; nothing was printed. Run `asodesk pin-hash` again.")
            }
            say("pin = \"\(try Passphrase.hash(first))\"")
        }
    }
}

/// Who this process is under `config`, worked out from its account (`Identity.resolve`), asking
/// for a PIN where the operator has one (from the terminal with echo off, else the next line of
/// standard input: `SecretInput`), and the PIN as typed. A wrong PIN costs a second before it is
/// said (guessing is slow).
func systemIdentity(config: SiteConfig, knownIDs: Set<String>, requestedID: String?, requestedRole: Role?,
                    promptLanguage: Language = .english) throws -> (actor: Actor, typedPIN: String?) {
    let account = SystemAccount.current()
    var typed: String?
    do {
        let actor = try Identity.resolve(Identity.Request(account: account.name, isRoot: account.isRoot, operators: config.operators,
                                                          requestedID: requestedID, requestedRole: requestedRole,
                                                          knownIDs: knownIDs)) { person in
            let prompt = promptLanguage == .polish ? "PIN dla \(person.id) (\(person.name)): " : "PIN for \(person.id) (\(person.name)): "
            typed = SecretInput.read(prompt: SafeText.singleLine(prompt, maxCharacters: 120))
            return typed
        }
        return (actor, typed)
    } catch {
        if case .wrongPIN = error { sleep(1) }
        throw error
    }
}

/// The actor this process is on `desk` (`systemIdentity`), with the operator's signing key loaded
/// into the desk: a sealed key opens with the PIN just typed, so a person on a shared account
/// types one secret.
func systemActor(on desk: Desk, requestedID: String?, requestedRole: Role?, promptLanguage: Language = .english) throws -> Actor {
    let (actor, typed) = try systemIdentity(config: desk.config, knownIDs: Set(desk.state.recordedRoles.keys), requestedID: requestedID,
                                            requestedRole: requestedRole, promptLanguage: promptLanguage)
    try loadSigningKey(for: actor.id, into: desk, env: ProcessInfo.processInfo.environment, passphrase: typed)
    return actor
}
