import ArgumentParser
import AsodeskApp
import AsodeskDomain
import AsodeskLog
import Foundation

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every record of the log: frame, checksum, sequence and hash chain.",
        discussion: """
            Exits 0 on a healthy log, 3 naming the offset and sequence number of the first problem.
            With --head, also checks that the log still holds the history a chain head kept earlier \
            (printed by every verify): a log rewritten from some record on, checksums and chain \
            recomputed, is healthy by itself but no longer contains that head.
            """)
    @OptionGroup var location: LocationOptions
    @Option(name: .customLong("head"), help: "A chain head (64 hex digits) kept from an earlier verify.") var keptHead: String?

    func run() throws {
        try runReporting {
            let path = location.logPath()
            guard FileManager.default.fileExists(atPath: path) else { throw CLIError.noLog(path) }
            let report = try EventLog.verify(path: path)
            let keptHeadRecord = try keptHead.map { try findKeptHead($0, in: path) }
            // An unfinished frame at the end is a save in progress (or one that died): not damage;
            // the next save sets it aside.
            let problems = report.problems.filter { $0.kind != .incompleteTail }
            if problems.isEmpty {
                print("\(path): \(report.records) records, last sequence \(report.lastSequence): checksums, sequence numbers and hash chain verified.")
                print("Chain head: \(report.headHashHex)")
                for tail in report.problems where tail.kind == .incompleteTail {
                    print("note: \(tail.description)")
                }
                for gap in report.repairedGaps {
                    print("note: records \(gap.lostFrom)–\(gap.lostThrough) were lost to damage and set aside by a repair on \(gap.repairedAt) (\(gap.reason)).")
                }
                if let keptHeadRecord {
                    print("The kept head is record \(keptHeadRecord): the history up to it is unchanged.")
                }
                print("Keep the chain head off this machine: it proves later that the history up to here was not rewritten.")
                return
            }
            for problem in problems { FileHandle.standardError.write(Data("asodesk: \(problem)\n".utf8)) }
            throw CLIError.damaged("The log is not intact (\(problems.count) problem(s)); the first at byte offset \(problems[0].offset)\(problems[0].sequence.map { ", sequence \($0)" } ?? ""). Run `asodesk repair` to keep every readable record and set the damage aside.")
        }
    }
}

/// The sequence number of the record whose hash is `head`; throws when no record has it.
private func findKeptHead(_ head: String, in path: String) throws -> UInt64 {
    let wanted = head.trimmingCharacters(in: .whitespaces).lowercased()
    guard wanted.count == 64, wanted.allSatisfy(\.isHexDigit) else {
        throw ValidationError("--head takes the 64 hex digits of a chain head, as `asodesk verify` printed it.")
    }
    guard let wantedHash = Hex.bytes(wanted).flatMap({ LogHash(bytes: $0) }) else {
        throw ValidationError("--head takes the 64 hex digits of a chain head, as `asodesk verify` printed it.")
    }
    // Streamed: the log is never held in memory, however long it is.
    var match: UInt64?
    try EventLog(path: path, create: false, readOnly: true).readNew { record in
        if match == nil, record.digest == wantedHash { match = record.sequence }
    }
    guard let match else {
        throw CLIError.damaged("No record of this log has the kept chain head \(wanted.prefix(16))…: the history up to that head was rewritten, or this is another log. Compare with the backups before anyone writes to it.")
    }
    return match
}

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Repair a damaged log: keep every readable record, set the damaged bytes aside, keep the original as a backup.")
    @OptionGroup var location: LocationOptions

    func run() throws {
        try runReporting {
            let path = location.logPath()
            guard FileManager.default.fileExists(atPath: path) else { throw CLIError.noLog(path) }
            let report = try EventLog.repair(path: path, now: Date())
            print(report.description)
        }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Key figures of a day and its month: response times, legal deadlines met, reopen rate, satisfaction.")
    @OptionGroup var location: LocationOptions
    @Option(help: "Day to report (YYYY-MM-DD, site-local; default today).") var day: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try runReporting {
            let desk = try location.openDesk()
            let now = try location.now(desk.timeText)
            var today = desk.calendar.localDate(of: now)
            if let day {
                guard let parsed = LocalDate(iso: day) else { throw CLIError.message("--day: '\(day)' is not a date like 2026-11-20.") }
                today = parsed
            }
            let report = DeskReport(desk: desk, day: today, now: now)
            if json { try printJSON(report) } else { print(report.text) }
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write complaints as CSV (UTF-8, comma-separated, one row per complaint).",
        discussion: """
            With -o the file is created new (mode 0640: it holds personal data); an existing file is \
            refused unless --force is given, and then replaced atomically (readers see the old file or \
            the new one). Never written: a symbolic link at that name, the log or any of its own files \
            (snapshot, backups, quarantine), by whatever name or link they are reached.
            """)
    @OptionGroup var location: LocationOptions
    @Flag(help: "Every complaint, including finished ones.") var all = false
    @Option(name: .shortAndLong, help: "Write to this file (new) instead of standard output.") var output: String?
    @Flag(help: "With -o: replace the file if it exists (never the log or its files).") var force = false

    func run() throws {
        try runReporting {
            // Checked before anything is read: a refused export writes nothing and costs nothing.
            let target = output.map(absolutePath)
            let logPath = location.logPath()
            if let target {
                try ExclusiveFile.checkWritable(target, existing: force ? .replace : .refuse,
                                                protected: DeskPaths.filesOfLog(logPath, env: location.environment))
            }
            let desk = try location.openDesk()
            let now = try location.now(desk.timeText)
            let rows = QueueQuery(includeFinished: all).rows(desk: desk, now: now)
            let csv = CSVExport.render(rows, desk: desk, now: now)
            if let target {
                // A byte-order mark lets spreadsheets read Polish letters as UTF-8; the file holds
                // personal data, so it is readable by owner and group only from the moment it exists.
                try ExclusiveFile.write(Array("\u{FEFF}\(csv)".utf8), to: target, mode: 0o640, existing: force ? .replace : .refuse,
                                        protected: DeskPaths.filesOfLog(logPath, env: location.environment))
                FileHandle.standardError.write(Data("Wrote \(rows.count) complaints to \(target).\n".utf8))
            } else {
                print(csv, terminator: "")
            }
        }
    }
}

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a realistic demo log relative to now: about 50 complaints in every state, some breached, some about to breach, some paused.")
    @OptionGroup var location: LocationOptions
    @Flag(help: "If the log exists, move it aside to PATH.bak-TIMESTAMP and start a new one.") var replace = false
    @Option(help: "Random seed, for a repeatable demo.") var seed: UInt64 = 2026

    func run() throws {
        try runReporting {
            let path = location.logPath()
            try requireCreatable(path)
            if FileManager.default.fileExists(atPath: path) {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                if size > 0 {
                    guard replace else {
                        throw CLIError.message("\(path) already holds a log; the demo never writes into one. Use --replace to move it aside, or --log to pick another file.")
                    }
                    // Only a demo log is ever moved aside: real work stays where the desk expects it.
                    try requireOnlyDemoData(at: path, config: try location.loadConfig())
                    let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
                    var backup = path + ".bak-" + stamp
                    var suffix = 2
                    while FileManager.default.fileExists(atPath: backup) {
                        backup = path + ".bak-" + stamp + "-\(suffix)"
                        suffix += 1
                    }
                    try FileManager.default.moveItem(atPath: path, toPath: backup)
                    print("Moved the old log to \(backup).")
                }
            }
            let desk = try location.openDesk(create: true)
            let now = try location.now(desk.timeText)
            let summary = try DemoLog.write(into: desk, now: now, seed: seed)
            print("Wrote a demo log to \(path): \(summary).")
            print("Try: asodesk list --log \(path)")
        }
    }
}

/// Throws unless the log at `path` holds demo data alone (every entry by a demo operator and
/// readable): the demo, from `asodesk demo` or `asodesk --demo`, never replaces real work.
func requireOnlyDemoData(at path: String, config: SiteConfig) throws {
    let existing = try Desk(log: try EventLog(path: path, create: false, readOnly: true), config: config,
                            procedures: try ProcedureLibrary.bundled())
    let demoIDs = Set(DemoLog.operators.map(\.id))
    let people = Set(existing.state.complaints.values.flatMap { $0.history.map(\.actor.id) })
    guard people.isSubset(of: demoIDs), existing.state.unreadable.isEmpty else {
        let names = people.subtracting(demoIDs).sorted().prefix(5).joined(separator: ", ")
        throw CLIError.message("\(path) holds real complaints (recorded by \(names.isEmpty ? "a newer asodesk" : names)); the demo never replaces them. Use --log to write the demo to another file.")
    }
}
