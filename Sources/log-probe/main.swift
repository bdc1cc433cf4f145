// Test support: drives the event log from a separate process, for multi-writer, crash and
// benchmark tests. Prints one line per acknowledged record so the caller can compare what
// each writer was told with what the file holds.
//
//   log-probe append PATH COUNT [BATCH]   append COUNT records, BATCH per append call (default 1);
//                                          prints "saved <sequence>" after each committed record
//   log-probe append-capped PATH LIMIT SIZE
//                                          caps the file size at LIMIT bytes (RLIMIT_FSIZE, as a
//                                          full disk would) and appends one SIZE-byte record;
//                                          prints "saved <sequence>" or "failed: <message>" (exit 3)
//   log-probe append-payload PATH ENCODING FILE
//                                          appends one event record whose payload is FILE's bytes,
//                                          as any program of the desk's group could (unsigned);
//                                          prints "saved <sequence>"
//   log-probe read PATH                   prints "<sequence> <kind> <payload>" for every record
//   log-probe follow PATH COUNT           follows the log read-only as a dashboard does (wait for a
//                                          change, read what is new) until it has seen COUNT
//                                          records, printing "<sequence> <payload>" as it sees each;
//                                          exit 1 when nothing new arrives for 20 s or damage is seen
//   log-probe access PATH                 opens PATH and prints "readWrite" or "readOnly: <reason>",
//                                          then the number of records it can read
//   log-probe verify PATH                 prints the verify summary; exit 1 when not healthy
import AsodeskLog
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered, so a killed probe has already reported every record it was told was saved.
func emit(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(1, $0.baseAddress!, $0.count) }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: log-probe append PATH COUNT [BATCH] | append-capped PATH LIMIT SIZE | append-payload PATH ENCODING FILE | read PATH | follow PATH COUNT | access PATH | verify PATH") }
let path = arguments[2]

do {
    switch arguments[1] {
    case "append":
        guard arguments.count >= 4, let count = Int(arguments[3]) else { fail("append needs a COUNT") }
        let batch = arguments.count >= 5 ? max(1, Int(arguments[4]) ?? 1) : 1
        let log = try EventLog(path: path, create: true)
        let writer = getpid()
        var written = 0
        while written < count {
            let size = min(batch, count - written)
            let first = written
            let saved = try log.append { _ in
                (0..<size).map { Array("{\"writer\":\(writer),\"item\":\(first + $0)}".utf8) }
            }
            for record in saved { emit("saved \(record.sequence)") }
            written += size
        }
    case "append-payload":
        guard arguments.count >= 5, let encoding = UInt8(arguments[3]),
              let payload = FileManager.default.contents(atPath: arguments[4]) else { fail("append-payload needs ENCODING and FILE") }
        let log = try EventLog(path: path, create: false)
        for record in try log.append(encoding: encoding, { _ in [Array(payload)] }) { emit("saved \(record.sequence)") }
    case "append-capped":
        guard arguments.count >= 5, let limit = UInt64(arguments[3]), let size = Int(arguments[4]) else {
            fail("append-capped needs LIMIT and SIZE")
        }
        let log = try EventLog(path: path, create: true)
        _ = try log.readNew()
        signal(SIGXFSZ, SIG_IGN)  // get a short write / EFBIG instead of being killed
        var cap = rlimit(rlim_cur: rlim_t(limit), rlim_max: rlim_t.max)
        guard setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &cap) == 0 else { fail("cannot set the file size limit") }
        do {
            let body = "{\"text\":\"" + String(repeating: "x", count: max(0, size - 11)) + "\"}"
            for record in try log.append({ _ in [Array(body.utf8)] }) { emit("saved \(record.sequence)") }
        } catch let error as LogError {
            emit("failed: \(error)")
            exit(3)
        }
    case "read":
        let log = try EventLog(path: path, create: false, readOnly: true)
        for record in try log.readNew() {
            emit("\(record.sequence) \(record.kind) \(String(decoding: record.payload, as: UTF8.self))")
        }
    case "follow":
        guard arguments.count >= 4, let count = Int(arguments[3]) else { fail("follow needs a COUNT") }
        let log = try EventLog(path: path, create: false, readOnly: true)
        var seen = 0
        while seen < count {
            let records = try log.readNew()
            for record in records { emit("\(record.sequence) \(String(decoding: record.payload, as: UTF8.self))") }
            seen += records.count
            if case .damaged(let reports) = log.health { fail("follow: damage seen: \(reports)") }
            if seen < count && records.isEmpty, let follower = log.follower, !follower.wait(timeoutMilliseconds: 20_000) {
                fail("follow: nothing new for 20 s after \(seen) records")
            }
        }
    case "access":
        let log = try EventLog(path: path, create: false)
        switch log.access {
        case .readWrite: emit("readWrite")
        case .readOnly(let reason): emit("readOnly: \(reason)")
        }
        emit("records \(try log.readNew().count)")
    case "verify":
        let report = try EventLog.verify(path: path)
        emit(report.isHealthy ? "Healthy: \(report.records) records, last sequence \(report.lastSequence)" : "Damaged: \(report.problems)")
        exit(report.isHealthy ? 0 : 1)
    default:
        fail("unknown command \(arguments[1])")
    }
} catch {
    fail("log-probe: \(error)")
}
