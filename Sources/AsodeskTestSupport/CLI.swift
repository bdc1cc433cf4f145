#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Runs the real `asodesk` binary, built next to this test bundle by `swift test`.
public struct CLI {
    /// Removed when the last copy of this CLI is gone.
    private let folder: TemporaryFolder
    public var directory: String { folder.path }
    public var log: String { directory + "/complaints.log" }
    public var environment: [String: String]
    /// Runs the program under this user id (and the same group id) instead of the test's own,
    /// through util-linux's setpriv; needs root. Nil: the test's own account.
    public var userID: UInt32?

    public init() throws {
        folder = TemporaryFolder("asodesk-cli")
        environment = ProcessInfo.processInfo.environment
        environment["ASODESK_LOG"] = directory + "/complaints.log"
        environment["ASODESK_CONFIG"] = nil
        environment["XDG_CONFIG_HOME"] = directory + "/config"
        // Keys and the demo's folder stay inside the test's folder, never in the tester's home.
        environment["XDG_DATA_HOME"] = directory + "/data"
        environment["ASODESK_KEYS"] = nil
        environment["ASODESK_NOW"] = "2026-11-23T12:00:00+01:00"
        // Messages follow the locale: English unless a test asks for Polish.
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = nil
        environment["LC_MESSAGES"] = nil
    }

    public static var binary: String { Programs.asodesk }

    /// util-linux's setsid: starts the program in a new session, away from any terminal.
    static var setsid: String { Programs.which("setsid") ?? "/usr/bin/setsid" }

    public struct Result: Sendable {
        public var status: Int32
        public var out: String
        public var err: String
    }

    /// Runs the program with `arguments`, the environment plus `extra`, in `folder` (default: the
    /// test's own current folder), with `stdin` as its standard input (default: empty). The program
    /// runs in a session of its own, without a controlling terminal, so a PIN it asks for is read
    /// from standard input even when the tests run in a terminal.
    @discardableResult
    public func run(_ arguments: String..., env extra: [String: String] = [:], in folder: String? = nil,
                    stdin: String = "") throws -> Result {
        try run(arguments: arguments, env: extra, in: folder, stdin: stdin)
    }

    @discardableResult
    public func run(arguments: [String], env extra: [String: String] = [:], in folder: String? = nil,
                    stdin: String = "") throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.setsid)
        let user = userID.map { ["/usr/bin/setpriv", "--reuid=\($0)", "--regid=\($0)", "--clear-groups"] } ?? []
        process.arguments = ["--wait"] + user + [CLI.binary] + arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // A program that exits before reading its input must not kill the test with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        if !stdin.isEmpty { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    public func json(_ arguments: String...) throws -> Any {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONSerialization.jsonObject(with: data)
    }

    /// Creates operator `id`'s signing key the way an operator does (`asodesk key new`, as this
    /// CLI's user, `--as id` when `claim` is set, with `stdin` for a PIN or passphrase) and adds the
    /// lines it prints to the `[[operator]]` entry of `id` in the site config at `site`, valid from
    /// `validFrom` (the tests' clock is pinned before the real today).
    public func registerKey(of id: String, claim: Bool = true, stdin: String = "", site: String,
                            validFrom: String = "2026-01-01") throws {
        let created = try run(arguments: ["key", "new"] + (claim ? ["--as", id] : []), stdin: stdin)
        guard created.status == 0, let start = created.out.range(of: "[[operator.key]]") else {
            throw RegistrationFailure(output: created.out + created.err)
        }
        var lines = String(created.out[start.lowerBound...]).split(separator: "\n", omittingEmptySubsequences: false)
            .prefix(3).map(String.init)
        lines[2] = "valid_from = " + validFrom
        let text = try String(contentsOfFile: site, encoding: .utf8)
        var entries = text.components(separatedBy: "[[operator]]")
        guard let index = entries.indices.dropFirst().first(where: { entries[$0].contains("id = \"\(id)\"") }) else {
            throw RegistrationFailure(output: "no [[operator]] with id \(id) in \(site)")
        }
        var entry = entries[index]
        while entry.hasSuffix("\n") { entry.removeLast() }
        entries[index] = entry + "\n" + lines.joined(separator: "\n") + "\n\n"
        try entries.joined(separator: "[[operator]]").write(toFile: site, atomically: false, encoding: .utf8)
    }

    public struct RegistrationFailure: Error, CustomStringConvertible {
        public var output: String
        public var description: String { "asodesk key new failed: \(output)" }
    }
}
