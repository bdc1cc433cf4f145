import AsodeskApp
import AsodeskDomain
import AsodeskLog
import AsodeskTerminal
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How one durable commit is made.
public enum CommitMethod: String, CaseIterable, Sendable {
    /// `Desk.perform` of a note: check under the lock, encode, append, fdatasync.
    case desk
    /// `EventLog.append` of the same payload alone.
    case append
    /// write() of the same frame bytes to an O_APPEND file, then fdatasync: the physical limit.
    case bare
    /// The same, with an exclusive flock held across write and fdatasync as the log holds it: what
    /// serialising writers costs when several processes commit at once.
    case bareLocked = "bare-locked"
    /// SQLite (python3's sqlite3): WAL, synchronous=FULL, one transaction per insert of the payload.
    case sqlite
}

/// The begin and end (CLOCK_MONOTONIC ns) of each commit of one writer.
public struct CommitTimings: Sendable {
    public var spans: [(begin: UInt64, end: UInt64)] = []
    public init() {}
    public var latencies: [UInt64] { spans.map { $0.end - $0.begin } }

    /// One "begin end" line per commit, as a worker process prints them.
    public var lines: String { spans.map { "\($0.begin) \($0.end)" }.joined(separator: "\n") + "\n" }

    public static func parse(_ text: String) -> CommitTimings {
        var timings = CommitTimings()
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let begin = UInt64(fields[0]), let end = UInt64(fields[1]) {
                timings.spans.append((begin, end))
            }
        }
        return timings
    }
}

/// Everything the commit benchmark writes, in one folder on the disk under test.
public struct CommitFixture: Sendable {
    public let folder: String
    /// The frame of one note exactly as the log stores it, and its payload.
    public let frame: [UInt8]
    public let payload: [UInt8]
    public let complaint: String
    /// Open complaints, one per concurrent writer: entries of one complaint must be in time order,
    /// and a writer's clock is read before it waits for the lock.
    public let openComplaints: [String]

    public static let noteText = "Klient zadzwonił ponownie: stuk w zawieszeniu przy prędkości 50 km/h nadal występuje po wymianie łącznika stabilizatora; umówiono jazdę próbną z mechanikiem."
    public static let actor = Actor(id: "pwisniewski", role: .advisor)

    public var deskLog: String { folder + "/desk.log" }
    public var appendLog: String { folder + "/append.log" }
    public var bareFile: String { folder + "/bare.bin" }
    public var sqliteDatabase: String { folder + "/sqlite.db" }
    public var framePath: String { folder + "/frame.bin" }
    public var payloadPath: String { folder + "/payload.bin" }
    public var sqliteScript: String { folder + "/sqlite_commit.py" }

    /// Writes the demo history into a desk log and takes one note's bytes from it.
    public static func make(in folder: String) throws -> CommitFixture {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/desk.log"
        let desk = try openDesk(path, create: true)
        _ = try DemoLog.write(into: desk, now: Date(), seed: 2026)
        let numbers = desk.state.openComplaints.map(\.number).sorted { $0.description < $1.description }
        guard let open = numbers.first else {
            throw BenchError("the demo history has no open complaint to write notes on")
        }
        let sizeBefore = try fileSize(path)
        try desk.perform(.note(text: noteText), on: open, by: actor, now: Date())
        let all = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let frame = Array(all[Int(sizeBefore)...])
        let payload = Array(frame[LogFormat.headerSize...])
        let fixture = CommitFixture(folder: folder, frame: frame, payload: payload, complaint: open.description,
                                    openComplaints: numbers.map(\.description))
        try Data(frame).write(to: URL(fileURLWithPath: fixture.framePath))
        try Data(payload).write(to: URL(fileURLWithPath: fixture.payloadPath))
        try sqliteWorkerScript.write(toFile: fixture.sqliteScript, atomically: true, encoding: .utf8)
        _ = try EventLog(path: fixture.appendLog, create: true)
        // Creates the database, its WAL and the table before any writer times anything.
        _ = try runSQLite(fixture, count: 0, goFile: nil)
        return fixture
    }

    /// Reads an existing fixture folder (in a worker process).
    public static func load(from folder: String, complaint: String) throws -> CommitFixture {
        let frame = try Array(Data(contentsOf: URL(fileURLWithPath: folder + "/frame.bin")))
        return CommitFixture(folder: folder, frame: frame, payload: Array(frame[LogFormat.headerSize...]), complaint: complaint,
                             openComplaints: [complaint])
    }

    static func openDesk(_ path: String, create: Bool) throws -> Desk {
        try Desk(log: try EventLog(path: path, create: create), config: .standard, procedures: try ProcedureLibrary.bundled())
    }

    static func fileSize(_ path: String) throws -> UInt64 {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.uint64Value ?? 0
    }

    static let sqliteWorkerScript = """
        import os, sqlite3, sys, time
        database, count, payload_path, go = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
        payload = open(payload_path, "rb").read()
        connection = sqlite3.connect(database, isolation_level=None, timeout=120)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("CREATE TABLE IF NOT EXISTS events (sequence INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
        while go != "-" and not os.path.exists(go):
            time.sleep(0.001)
        clock = time.CLOCK_MONOTONIC
        spans = []
        for _ in range(count):
            begin = time.clock_gettime_ns(clock)
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO events (payload) VALUES (?)", (payload,))
            connection.execute("COMMIT")
            spans.append(f"{begin} {time.clock_gettime_ns(clock)}")
        connection.close()
        sys.stdout.write("\\n".join(spans) + "\\n")
        """
}

/// Makes commits one at a time, timing each.
public enum CommitRunner {
    public static func run(_ method: CommitMethod, fixture: CommitFixture, count: Int, goFile: String? = nil) throws -> CommitTimings {
        switch method {
        case .desk:
            let desk = try CommitFixture.openDesk(fixture.deskLog, create: false)
            guard let number = ComplaintNumber(text: fixture.complaint) else { throw BenchError("bad complaint number \(fixture.complaint)") }
            waitForGo(goFile)
            return try timed(count) { try desk.perform(.note(text: CommitFixture.noteText), on: number, by: CommitFixture.actor, now: Date()) }
        case .append:
            let log = try EventLog(path: fixture.appendLog, create: false)
            _ = try log.readNew()
            waitForGo(goFile)
            return try timed(count) { try log.append { _ in [fixture.payload] } }
        case .bare, .bareLocked:
            let locked = method == .bareLocked
            let descriptor = open(fixture.bareFile, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw BenchError("cannot open \(fixture.bareFile)") }
            defer { close(descriptor) }
            waitForGo(goFile)
            return try timed(count) {
                if locked { flock(descriptor, LOCK_EX) }
                defer { if locked { flock(descriptor, LOCK_UN) } }
                let written = fixture.frame.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
                guard written == fixture.frame.count, fdatasync(descriptor) == 0 else {
                    throw BenchError("write or fdatasync failed (\(String(cString: strerror(errno))))")
                }
            }
        case .sqlite:
            return try runSQLite(fixture, count: count, goFile: goFile)
        }
    }

    private static func timed(_ count: Int, _ commit: () throws -> Void) throws -> CommitTimings {
        var timings = CommitTimings()
        timings.spans.reserveCapacity(count)
        for _ in 0..<count {
            let begin = FrameTrace.monotonicNanoseconds()
            try commit()
            timings.spans.append((begin, FrameTrace.monotonicNanoseconds()))
        }
        return timings
    }

    private static func waitForGo(_ goFile: String?) {
        guard let goFile else { return }
        while access(goFile, F_OK) != 0 { usleep(500) }
    }
}

func runSQLite(_ fixture: CommitFixture, count: Int, goFile: String?) throws -> CommitTimings {
    let output = try runProgram("/usr/bin/env", ["python3", fixture.sqliteScript, fixture.sqliteDatabase, String(count),
                                                 fixture.payloadPath, goFile ?? "-"])
    return CommitTimings.parse(output)
}

/// Runs a program to its end and returns its standard output; throws when it fails.
public func runProgram(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw BenchError("\(([executable] + arguments).joined(separator: " ")) failed: \(String(decoding: errorData, as: UTF8.self))")
    }
    return String(decoding: data, as: UTF8.self)
}

/// Several writer processes at once, released together.
public enum ConcurrentCommits {
    /// `workerCommand` gives the program and arguments of one worker; workers print their spans.
    public static func run(writers: Int, goFile: String, workerCommand: (_ writer: Int) -> (String, [String])) throws -> CommitTimings {
        unlink(goFile)
        var running: [(Process, Pipe, Pipe)] = []
        for writer in 0..<writers {
            let (executable, arguments) = workerCommand(writer)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            running.append((process, output, errors))
        }
        // Let every worker open its file and wait, then release them at once.
        usleep(700_000)
        _ = FileManager.default.createFile(atPath: goFile, contents: Data())
        var all = CommitTimings()
        for (process, output, errors) in running {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            let errorData = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw BenchError("a writer process failed: \(String(decoding: errorData, as: UTF8.self))")
            }
            all.spans += CommitTimings.parse(String(decoding: data, as: UTF8.self)).spans
        }
        unlink(goFile)
        return all
    }

    /// Commits per second of one writer making them back to back: count over the time spent in them.
    public static func sequentialThroughput(_ timings: CommitTimings) -> Double {
        let busy = timings.latencies.reduce(0, +)
        return busy > 0 ? Double(timings.spans.count) / (Double(busy) / 1e9) : 0
    }

    /// Commits per second over the time from the first commit's start to the last one's end.
    public static func throughput(_ timings: CommitTimings) -> Double {
        guard let first = timings.spans.map(\.begin).min(), let last = timings.spans.map(\.end).max(), last > first else { return 0 }
        return Double(timings.spans.count) / (Double(last - first) / 1e9)
    }
}
