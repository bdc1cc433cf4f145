#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskApp
import AsodeskDomain
import AsodeskLog
import AsodeskTestSupport

/// The real `asodesk` program on a log of the test's choosing, started as a separate process.
struct DeskProgram {
    let log: String
    let scratch: String
    var environment: [String: String]

    init(log: String, scratch: String) {
        self.log = log
        self.scratch = scratch
        environment = [
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": scratch,
            "XDG_CONFIG_HOME": scratch + "/config", "XDG_DATA_HOME": scratch + "/data",
            "ASODESK_LOG": log,
            "ASODESK_NOW": "2026-11-23T12:00:00+01:00",
        ]
    }

    /// Runs one command to its end (the set-up and the checks afterwards).
    @discardableResult
    func run(_ arguments: [String]) throws -> (ending: Ending, output: String, errors: String) {
        let child = try start(arguments, label: "run-\(UUID().uuidString)")
        let ending = child.wait()
        defer {
            try? FileManager.default.removeItem(atPath: child.outputPath)
            try? FileManager.default.removeItem(atPath: child.errorsPath)
        }
        return (ending, child.output, child.errors)
    }

    func start(_ arguments: [String], label: String) throws -> Child {
        try Child(Programs.asodesk, arguments, environment: environment,
                  outputPath: scratch + "/\(label).out", errorsPath: scratch + "/\(label).err")
    }

    /// A command that takes a new complaint in, its summary carrying `token`.
    static func add(token: String) -> [String] {
        add(summary: "Stuka w zawieszeniu po naprawie \(token)")
    }

    static func add(summary: String) -> [String] {
        ["add", "--customer", "Anna Wójcik", "--phone", "601 234 567", "--category", "repair", "--summary", summary]
    }

    /// A command that adds a note carrying `token` to complaint `serial` of 2026.
    static func note(serial: Int, token: String) -> [String] {
        ["note", ComplaintNumber(year: 2026, serial: serial).description, "Oddzwonić do klienta \(token)"]
    }
}

/// Unique markers the writers put into what they save, and where they turn up in a log.
enum Tokens {
    /// "⟦w2:i137⟧": writer 2, its 137th command. JSON keeps these characters as they are.
    static func make(writer: Int, item: Int) -> String { "⟦w\(writer):i\(item)⟧" }

    static func occurrences(in text: String) -> [String] {
        text.matches(of: /⟦w\d+:i\d+⟧/).map { String($0.output) }
    }

    /// How often each token appears in the log's records.
    static func count(in records: [LogRecord]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for record in records {
            for token in occurrences(in: String(decoding: record.payload, as: UTF8.self)) { counts[token, default: 0] += 1 }
        }
        return counts
    }
}

/// What a log holds after the writers are done, read by this process.
struct LogContents {
    let records: [LogRecord]
    let health: LogHealth
    let pendingTailBytes: UInt64
    let complaints: [Complaint]

    init(path: String) throws {
        let log = try EventLog(path: path, create: false, readOnly: true)
        let desk = try Desk(log: log, config: .standard, procedures: try ProcedureLibrary.bundled())
        records = try EventLog(path: path, create: false, readOnly: true).readNew()
        health = log.health
        pendingTailBytes = log.pendingTailBytes
        complaints = (try desk.allComplaints())
    }

    var sequencesAreGapless: Bool { records.map(\.sequence) == (0..<records.count).map { UInt64($0 + 1) } }

    /// Every complaint number of 2026 from 1 up, each once, without a hole.
    var numbersAreGapless: Bool {
        let serials = complaints.map(\.number).filter { $0.year == 2026 }.map(\.serial).sorted()
        return serials == (0..<serials.count).map { $0 + 1 }
    }
}
