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
            let input = PINReader()
            guard let first = try input.read(prompt: "New PIN: ") else {
                throw CLIError.message("No PIN was typed; run `asodesk pin-hash` again and type the PIN at the prompt.")
            }
            guard first.count >= Self.minimumLength else {
                throw CLIError.message("A PIN needs at least \(Self.minimumLength) characters; the one typed has \(first.count). Run `asodesk pin-hash` again.")
            }
            guard let second = try input.read(prompt: "The same PIN again: "), second == first else {
                throw CLIError.message("The two PINs typed differ; nothing was printed. Run `asodesk pin-hash` again.")
            }
            say("pin = \"\(try Passphrase.hash(first))\"")
        }
    }
}

/// Reads a PIN as the person types it: from the controlling terminal (/dev/tty) with echo off
/// and the prompt there, so that nothing on the screen or in a pipe keeps it; when the process has
/// no controlling terminal, the next line of standard input (a script, a test).
final class PINReader {
    func read(prompt: String) throws -> String? {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard tty >= 0 else { return readLine(strippingNewline: true) }
        defer { close(tty) }
        var saved = termios()
        let canHideEcho = tcgetattr(tty, &saved) == 0
        if canHideEcho {
            var silent = saved
            silent.c_lflag &= ~tcflag_t(ECHO)
            silent.c_lflag |= tcflag_t(ICANON)
            _ = tcsetattr(tty, TCSAFLUSH, &silent)
        }
        defer { if canHideEcho { _ = tcsetattr(tty, TCSAFLUSH, &saved) } }
        writeAll(tty, prompt)
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = Glibc.read(tty, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 || byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        writeAll(tty, "\n")
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func writeAll(_ descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// The actor this process is, worked out from its account (`Identity.resolve`), asking for a PIN
/// where the operator has one. A wrong PIN costs a second before it is said (guessing is slow).
func systemActor(on desk: Desk, requestedID: String?, requestedRole: Role?, promptLanguage: Language = .english) throws -> Actor {
    let account = SystemAccount.current()
    let reader = PINReader()
    do {
        return try desk.actor(account: account.name, isRoot: account.isRoot, requestedID: requestedID, requestedRole: requestedRole) { person in
            let prompt = promptLanguage == .polish ? "PIN dla \(person.id) (\(person.name)): " : "PIN for \(person.id) (\(person.name)): "
            return try reader.read(prompt: SafeText.singleLine(prompt, maxCharacters: 120))
        }
    } catch {
        if case .wrongPIN = error { sleep(1) }
        throw error
    }
}
