import Foundation

/// Runs the real `asodesk` binary, built next to this test bundle by `swift test`.
public struct CLI {
    /// Removed when the last copy of this CLI is gone.
    private let folder: TemporaryFolder
    public var directory: String { folder.path }
    public var log: String { directory + "/complaints.log" }
    public var environment: [String: String]

    public init() throws {
        folder = TemporaryFolder("asodesk-cli")
        environment = ProcessInfo.processInfo.environment
        environment["ASODESK_LOG"] = directory + "/complaints.log"
        environment["ASODESK_CONFIG"] = nil
        environment["XDG_CONFIG_HOME"] = directory + "/config"
        environment["ASODESK_OPERATOR"] = "pwisniewski"
        environment["ASODESK_NOW"] = "2026-11-23T12:00:00+01:00"
    }

    public static var binary: String { Programs.asodesk }

    public struct Result: Sendable {
        public var status: Int32
        public var out: String
        public var err: String
    }

    @discardableResult
    public func run(_ arguments: String..., env extra: [String: String] = [:]) throws -> Result {
        try run(arguments, env: extra)
    }

    /// The same with the arguments in an array (a script of commands).
    @discardableResult
    public func run(_ arguments: [String], env extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
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
