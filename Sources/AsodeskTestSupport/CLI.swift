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
        environment["ASODESK_NOW"] = "2026-11-23T12:00:00+01:00"
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
}
