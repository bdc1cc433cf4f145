#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The package's executables as `swift test` builds them: beside the test bundle, else where
/// `swift build` puts binaries (built on demand).
public enum Programs {
    public static let asodesk = locate("asodesk")
    public static let logProbe = locate("log-probe")

    public static func locate(_ name: String) -> String {
        var candidates: [String] = []
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = (testBinary as NSString).deletingLastPathComponent
        // The test binary lives inside asodeskPackageTests.xctest on Linux, or beside the products.
        for _ in 0..<4 {
            candidates.append(folder + "/" + name)
            folder = (folder as NSString).deletingLastPathComponent
        }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return found
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let binFolder = (try? run("/usr/bin/env", ["swift", "build", "--package-path", packageRoot, "--show-bin-path"]).output)?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let built = binFolder + "/" + name
        if !FileManager.default.isExecutableFile(atPath: built) {
            _ = try? run("/usr/bin/env", ["swift", "build", "--package-path", packageRoot, "--product", name])
        }
        return built
    }

    /// Whether a program is on PATH, and where.
    public static func which(_ program: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

public struct ProcessOutput: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String
}

/// Runs a program to its end with pipes for its output (Foundation's Process: fine for programs
/// that do not leave descriptors behind in grandchildren; tmux does, see `TmuxDesk.run`).
public func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> ProcessOutput {
    finish(try start(executable, arguments, environment: environment))
}

public struct RunningProcess {
    public var process: Process
    public var output: Pipe
    public var errors: Pipe
}

public func start(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> RunningProcess {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    return RunningProcess(process: process, output: output, errors: errors)
}

public func finish(_ running: RunningProcess) -> ProcessOutput {
    // Read before waiting so a full pipe cannot block the child.
    let out = running.output.fileHandleForReading.readDataToEndOfFile()
    let err = running.errors.fileHandleForReading.readDataToEndOfFile()
    running.process.waitUntilExit()
    return ProcessOutput(status: running.process.terminationStatus,
                         output: String(decoding: out, as: UTF8.self),
                         errors: String(decoding: err, as: UTF8.self))
}
