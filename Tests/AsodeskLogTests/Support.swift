#if canImport(Glibc)
import Glibc
#endif
import Foundation
@testable import AsodeskLog

/// A fresh folder per test, removed afterwards.
final class TemporaryFolder {
    let path: String

    init() {
        var template = Array((NSTemporaryDirectory() + "/asodesk-log-test-XXXXXX").utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(created != nil, "cannot create a temporary folder")
        path = String(cString: template)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}

func payload(_ index: Int, padding: Int = 0) -> [UInt8] {
    Array("{\"complaint\":\(index),\"text\":\"\(String(repeating: "x", count: padding))\"}".utf8)
}

func readBytes(_ path: String) -> [UInt8] {
    Array(FileManager.default.contents(atPath: path) ?? Data())
}

func writeBytes(_ bytes: [UInt8], to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
}

/// Builds a log of `count` single-record appends and returns its records.
@discardableResult
func makeLog(at path: String, count: Int, padding: Int = 0) throws -> [LogRecord] {
    let log = try EventLog(path: path, create: true)
    var records: [LogRecord] = []
    for index in 1...count {
        records += try log.append { _ in [payload(index, padding: padding)] }
    }
    return records
}

/// Rewrites the CRC of the frame at `offset` so an edit passes the checksum (tampering).
func refreshChecksum(_ bytes: inout [UInt8], frameAt offset: Int) {
    let length = Int(bytes[offset + 16]) | Int(bytes[offset + 17]) << 8 | Int(bytes[offset + 18]) << 16 | Int(bytes[offset + 19]) << 24
    var covered = Array(bytes[offset..<(offset + LogFormat.checksummedHeaderSize)])
    covered += bytes[(offset + LogFormat.headerSize)..<(offset + LogFormat.headerSize + length)]
    let masked = CRC32C.mask(CRC32C.checksum(covered))
    for position in 0..<4 {
        bytes[offset + LogFormat.checksummedHeaderSize + position] = UInt8(truncatingIfNeeded: masked >> (8 * position))
    }
}

/// Deterministic generator so a failing flip can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// The log-probe executable: beside the test bundle, else where `swift build` puts binaries.
func logProbePath() throws -> String {
    var candidates: [String] = []
    if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        var folder = (executable as NSString).deletingLastPathComponent
        // The bundle may be a folder (…/asodeskPackageTests.xctest/...) on some setups.
        for _ in 0..<4 {
            candidates.append(folder + "/log-probe")
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
    candidates.append(Bundle.main.bundlePath + "/log-probe")
    if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
        return found
    }
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    let output = try run("/usr/bin/env", ["swift", "build", "--package-path", packageRoot, "--show-bin-path"]).output
    let binPath = output.trimmingCharacters(in: .whitespacesAndNewlines) + "/log-probe"
    if !FileManager.default.isExecutableFile(atPath: binPath) {
        _ = try run("/usr/bin/env", ["swift", "build", "--package-path", packageRoot, "--product", "log-probe"])
    }
    return binPath
}

struct ProcessOutput {
    var status: Int32
    var output: String
    var errors: String
}

func run(_ executable: String, _ arguments: [String]) throws -> ProcessOutput {
    let process = try start(executable, arguments)
    return finish(process)
}

struct RunningProcess {
    var process: Process
    var output: Pipe
    var errors: Pipe
}

func start(_ executable: String, _ arguments: [String]) throws -> RunningProcess {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    return RunningProcess(process: process, output: output, errors: errors)
}

func finish(_ running: RunningProcess) -> ProcessOutput {
    // Read before waiting so a full pipe cannot block the child.
    let out = running.output.fileHandleForReading.readDataToEndOfFile()
    let err = running.errors.fileHandleForReading.readDataToEndOfFile()
    running.process.waitUntilExit()
    return ProcessOutput(status: running.process.terminationStatus,
                         output: String(decoding: out, as: UTF8.self),
                         errors: String(decoding: err, as: UTF8.self))
}
