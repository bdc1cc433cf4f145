import ArgumentParser
import AsodeskApp
import AsodeskDomain
import AsodeskLog
import AsodeskPDF
import Foundation

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every record of the log: frame, checksum, sequence and hash chain.",
        discussion: """
            Exits 0 on a healthy log, 3 naming the offset and sequence number of the first problem \
            (damage anywhere, the last record included; an unfinished save at the end is only a note). \
            With --head, also checks that the history up to a chain head kept earlier (printed by every \
            verify) is unchanged: it fails when no record has that hash any more (the chain was \
            rewritten) and when a repair removed anything before it (it names what, when and by whom). \
            Lists the files beside the log that hold copies of its records (backups, quarantine).
            """)
    @OptionGroup var location: LocationOptions
    @Option(name: .customLong("head"), help: "A chain head (64 hex digits) kept from an earlier verify.") var keptHead: String?

    func run() throws {
        try runReporting {
            let path = try location.logPath()
            guard !noFileAt(path) else { throw CLIError.noLog(path) }
            let wantedHead = try keptHead.map(Self.parseHead)
            let report = try EventLog.verify(path: path)
            let problems = report.problems.filter { $0.kind != .incompleteTail }
            for file in report.sideFiles {
                say("beside the log: \(LogText.sideFile(file).en)")
            }
            guard problems.isEmpty else {
                // The first ones in full; a log appended to itself can hold thousands.
                let shown = 20
                for problem in problems.prefix(shown) { FileHandle.standardError.write(Data("asodesk: \(printable(LogText.problem(problem).en))\n".utf8)) }
                if problems.count > shown { FileHandle.standardError.write(Data("asodesk: … and \(problems.count - shown) more problems of the same log.\n".utf8)) }
                let count = Wording.en(problems.count, "problem", "problems")
                let advice = problems.allSatisfy(\.damage.isNewerFormat)
                    ? "Update asodesk: this version cannot read those records, and repair leaves them alone."
                    : "Run `asodesk repair` to keep every record of the chain and set the damage aside."
                throw CLIError.damaged("The log is not intact (\(count)); the first at byte offset \(problems[0].offset), record \(problems[0].sequence). \(advice)")
            }
            say("\(path): \(Wording.en(Int(clamping: report.records), "record", "records")), last sequence \(report.lastSequence): checksums, sequence numbers and hash chain verified.")
            say("Chain head: \(report.headHashHex)")
            for tail in report.problems where tail.kind == .incompleteTail {
                say("note: \(LogText.problem(tail).en)")
            }
            for gap in report.repairedGaps {
                say("note: \(LogText.marker(gap).en).")
            }
            if let wantedHead {
                let check = try EventLog.checkKeptHead(wantedHead, path: path)
                guard let sequence = check.sequence else {
                    throw CLIError.damaged("No record of this log has the kept chain head \(Hex.string(wantedHead).prefix(16))…: the history up to that head was rewritten, or this is another log. Compare with the backups before anyone writes to it.")
                }
                guard check.historyUnchanged else {
                    let changes = check.repairsBefore.map { "  - " + printable(LogText.marker($0).en) }.joined(separator: "\n")
                    throw CLIError.damaged("The kept head is record \(sequence), but the history before it was changed by \(Wording.en(check.repairsBefore.count, "repair marker", "repair markers")):\n\(changes)\nThe history up to the kept head is not what it was; compare with the backups and the quarantine files listed above.")
                }
                say("The kept head is record \(sequence): the history up to it is unchanged.")
            }
            say("Keep the chain head off this machine: it proves later that the history up to here was not rewritten.")
            try checkAuthorship(path: path)
        }
    }

    /// Every record's signature against the site config's keys: exit 5 naming each record whose
    /// author is not proven (the log itself is intact: that is exit 0 or 3 above).
    private func checkAuthorship(path: String) throws {
        let config = try location.loadConfig()
        let report = try AuthorshipAudit.run(path: path, config: config)
        guard report.active else {
            say("Signatures: not checked, the site config lists no operators (one person's desk: nothing to check against); "
                + "\(Wording.en(report.unsignedWithoutOperators, "record is", "records are")) unsigned, which is fine here.")
            return
        }
        guard !report.unproven.isEmpty else {
            say("Signatures: all \(Wording.en(report.checked, "record", "records")) signed by their authors with keys registered for them at the time.")
            return
        }
        let shown = 20
        for record in report.unproven.prefix(shown) {
            FileHandle.standardError.write(Data("asodesk: not proven: \(printable(LogText.unproven(record).en))\n".utf8))
        }
        if report.unproven.count > shown {
            FileHandle.standardError.write(Data("asodesk: … and \(report.unproven.count - shown) more records not proven.\n".utf8))
        }
        throw CLIError.unproven("The log is intact, but \(Wording.en(report.unproven.count, "record's", "records'")) author is not proven by its signature "
            + "(of \(report.checked) checked; the first: record \(report.unproven[0].sequence)). Nothing was changed. Show the list to the shift lead: "
            + "a record written around asodesk (a script, an edited file) or with a key the site config does not register at its time.")
    }

    static func parseHead(_ text: String) throws -> [UInt8] {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard wanted.count == 64, wanted.allSatisfy(\.isHexDigit), let bytes = Hex.bytes(wanted) else {
            throw ValidationError("--head takes the 64 hex digits of a chain head, as `asodesk verify` printed it.")
        }
        return bytes
    }
}

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Repair a damaged log: keep every record of its chain, set the rest aside, keep the original as a backup.",
        discussion: """
            Follows the chain by its links: duplicated records, records of another log and records that \
            do not continue the chain are set aside in a quarantine file with the damaged bytes; records \
            out of order are put back in place. Each change is documented in the log by a marker naming \
            what was removed, its SHA-256, when and by whom; `verify --head` fails for any head kept \
            before such a change.
            """)
    @OptionGroup var location: LocationOptions
    @Option(name: .customLong("as"), help: ArgumentHelp("The shift lead repairing (default: ASODESK_OPERATOR, then the login name); with operators configured, the markers are signed with their key.", valueName: "id"))
    var operatorID: String?
    @Option(name: .customLong("head"), help: "A chain head (64 hex digits) kept from an earlier verify: the chain that holds it is this desk's.")
    var keptHead: String?
    @Option(name: .customLong("changed-record"), help: "Where the chain breaks after this record: it was changed after it was written (set it aside, keep the records after it).")
    var changedRecords: [UInt64] = []
    @Option(name: .customLong("foreign-from"), help: "Where the chain breaks before this record: the records from it on are another log's (set them aside).")
    var foreignFrom: [UInt64] = []
    @Option(name: .customLong("keep-record-at"), help: "Where different records claim the same place: the one at this byte offset is genuine.")
    var keepRecordAt: [UInt64] = []

    func run() throws {
        try runReporting {
            let path = try location.logPath()
            guard !noFileAt(path) else { throw CLIError.noLog(path) }
            let decisions = RepairDecisions(keepChainWith: try keptHead.map(Verify.parseHead), changedRecords: Set(changedRecords),
                                            foreignFrom: Set(foreignFrom), keepRecordAt: Set(keepRecordAt))
            let report = try EventLog.repair(path: path, now: Date(), decisions: decisions, signer: try leadSigner(logPath: path))
            say(LogText.repair(report).en)
        }
    }
}

extension Repair {
    /// With operators configured, a repair marker is signed by a shift lead: the acting one's key.
    func leadSigner(logPath: String) throws -> (any FrameSigner)? {
        let env = location.environment
        let config = try location.loadConfig()
        guard !config.operators.isEmpty else { return nil }
        let (actor, typedPIN) = try systemIdentity(config: config, knownIDs: [], requestedID: operatorID, requestedRole: nil)
        let id = actor.id
        guard let person = config.operators.first(where: { $0.id == id }) else {
            throw DeskError.unknownOperator(id: id, known: config.operators.map(\.id))
        }
        guard person.role == .lead else {
            throw CLIError.message("A repair is signed by a shift lead, and \(id) is \(person.role.rawValue). Ask the shift lead to run `asodesk repair`; nothing was changed.")
        }
        let store = keyStore(forLog: logPath, env: env)
        let file: SigningKeyFile
        do throws(SigningKeyProblem) { file = try store.load(id) } catch { throw CLIError.message(LogText.keyProblem(error).en) }
        let passphrase = file.isSealed ? (typedPIN ?? SecretInput.read(prompt: "Passphrase for the key of \(id): ")) : nil
        let signer: Ed25519FrameSigner
        do throws(SigningKeyProblem) { signer = try file.signer(passphrase: passphrase) } catch { throw CLIError.message(LogText.keyProblem(error).en) }
        guard person.keys.contains(where: { $0.publicKey == signer.publicKey && $0.isValid(at: Date()) }) else {
            throw DeskError.keyNotRegistered(id: id, keyID: signer.keyID.hex, publicKey: file.publicKeyBase64, today: todayInSite(config))
        }
        return signer
    }
}

/// True when nothing at all stands at `path` (a link to nowhere is something: the log module
/// names it).
func noFileAt(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) != 0
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Key figures of a day and its month, a month, or a range of days: timers met on time, legal deadlines, reopen rate, satisfaction.",
        discussion: """
            Days are site-local. The figures of a period are as of its end (or of now while it lasts): \
            nothing that happened later changes them. What needs attention (breached timers, deadlines) \
            is always as of now. The shift lead's guide defines every figure. --lang pl prints the report in Polish. \
            --format pdf sets the same sections as tables on A4 (through the letters' renderer) and needs -o FILE; \
            with -o the file is created new (mode 0640), replaced atomically only with --force, and never \
            the log or one of its own files.
            """)
    @OptionGroup var location: LocationOptions
    @Option(help: "Day to report, with its month (YYYY-MM-DD; default today).") var day: String?
    @Option(help: "Month to report (YYYY-MM).") var month: String?
    @Option(help: "First day of a range to report (YYYY-MM-DD; with --to).") var from: String?
    @Option(help: "Last day of the range (YYYY-MM-DD, included; with --from).") var to: String?
    @Option(help: "text (default), json or pdf (pdf needs -o FILE).") var format: String?
    @Flag(help: "Print JSON (the same as --format json).") var json = false
    @Option(help: "Language of the report: pl or en.") var lang: String = "en"
    @Option(name: .shortAndLong, help: "Write to this file (new) instead of standard output.") var output: String?
    @Flag(help: "With -o: replace the file if it exists (never the log or its files).") var force = false

    /// `--json` is `--format json`.
    var chosenFormat: String { json ? "json" : (format ?? "text").lowercased() }

    func validate() throws {
        guard ["pl", "en"].contains(lang.lowercased().prefix(2)) else { throw ValidationError("--lang: '\(lang)' is not pl or en.") }
        let chosen = [day != nil, month != nil, from != nil || to != nil].filter { $0 }.count
        guard chosen <= 1 else { throw ValidationError("Give one of --day, --month or --from/--to.") }
        guard (from == nil) == (to == nil) else { throw ValidationError("--from and --to go together: give both days of the range.") }
        if let format {
            guard ["text", "json", "pdf"].contains(format.lowercased()) else {
                throw ValidationError("--format: '\(format)' is not text, json or pdf.")
            }
            guard !json || format.lowercased() == "json" else { throw ValidationError("--json is --format json: give one of them.") }
        }
        if chosenFormat == "pdf" && output == nil {
            throw ValidationError("A PDF goes to a file: give -o FILE (for example -o report-2026-11.pdf).")
        }
        if force && output == nil { throw ValidationError("--force replaces the file given with -o: give -o FILE.") }
    }

    func run() throws {
        try runReporting {
            // Checked before anything is read: a refused report writes nothing.
            let target = output.map(absolutePath)
            if let target { try checkOutputFile(target, force: force, location: location) }
            let desk = try location.openDesk()
            let now = try location.now(desk.timeText)
            let report: DeskReport
            var review: MonthlyReview?
            let language: Language = lang.lowercased().hasPrefix("pl") ? .polish : .english
            if let month {
                // A month is reported as the monthly review: it and the eleven before it.
                review = MonthlyReview(desk: desk, month: try monthStart(month), now: now)
                report = review!.report
            } else if let from, let to {
                let first = try reportDate(from, "--from"), last = try reportDate(to, "--to")
                guard first <= last else { throw CLIError.message("--from \(from) is after --to \(to): give the earlier day first.") }
                guard last.dayNumber - first.dayNumber < 3660 else { throw CLIError.message("--from/--to: a range is at most ten years.") }
                report = DeskReport(desk: desk, periods: [.range(from: first, through: last)], subject: "\(from)..\(to)", now: now)
            } else {
                report = DeskReport(desk: desk, day: try day.map { try reportDate($0, "--day") } ?? desk.calendar.localDate(of: now), now: now)
            }
            let document = { review?.document(desk: desk, language: language) ?? report.document(in: language) }
            func json() throws -> String { try review.map(jsonText) ?? jsonText(report) }
            guard let target else {
                if chosenFormat == "json" { print(try json()) } else { say(document().text) }
                return
            }
            let bytes: [UInt8] = switch chosenFormat {
            case "json": Array(try json().utf8) + [0x0A]
            case "pdf": try ReportPDF.render(document())
            default: Array((document().text + "\n").utf8)
            }
            try writeOutputFile(bytes, to: target, force: force, location: location)
            sayOnStderr("Wrote \(target) (\(bytes.count) bytes, SHA-256 \(Digest.sha256Hex(bytes))).")
        }
    }
}

func reportDate(_ text: String, _ option: String) throws -> LocalDate {
    guard let parsed = LocalDate(iso: text) else { throw CLIError.message("\(option): '\(text)' is not a date like 2026-11-20.") }
    return parsed
}

/// The first day of `--month YYYY-MM`.
func monthStart(_ month: String) throws -> LocalDate {
    let parts = month.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let number = Int(parts[1]),
          (1...12).contains(number) else {
        throw CLIError.message("--month: '\(month)' is not a month like 2026-11.")
    }
    return LocalDate(year: year, month: number, day: 1)
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write complaints as CSV (UTF-8, comma-separated, one row per complaint): the queue, or with --month every complaint the month's figures touch.",
        discussion: """
            Without --month: the current queue (with --all, finished complaints too), as it stands now. \
            With --month YYYY-MM: one row per complaint that the month's figures of `report --month` touch, \
            each as it stood at the month's end (or now, while the month lasts): received in the month; \
            acknowledged, decided, closed, reopened or followed up in it; a timer whose verdict became known \
            or that stopped in it; an answer counted for the legal deadline in it, or a legal period overdue \
            unanswered or still within its deadline at its end; or an event entered late in it. Every \
            timestamp, every timer's verdict and when it became known, the legal verdict, the reopens: \
            a spreadsheet redoes every figure of the month from it (docs/export.md names each column). \
            With -o the file is created new (mode 0640: it holds personal data); an existing file is \
            refused unless --force is given, and then replaced atomically (readers see the old file or \
            the new one). Never written: a symbolic link at that name, the log or any of its own files \
            (snapshot, backups, quarantine), by whatever name or link they are reached.
            """)
    @OptionGroup var location: LocationOptions
    @Flag(help: "Every complaint, including finished ones (not with --month).") var all = false
    @Option(help: "Every complaint the figures of this month touch (YYYY-MM), as it stood at the month's end.") var month: String?
    @Option(name: .shortAndLong, help: "Write to this file (new) instead of standard output.") var output: String?
    @Flag(help: "With -o: replace the file if it exists (never the log or its files).") var force = false

    func validate() throws {
        guard !(all && month != nil) else { throw ValidationError("--all is for the queue; --month already holds every complaint of the month.") }
        if force && output == nil { throw ValidationError("--force replaces the file given with -o: give -o FILE.") }
    }

    func run() throws {
        try runReporting {
            let first = try month.map(monthStart)
            // Checked before anything is read: a refused export writes nothing and costs nothing.
            let target = output.map(absolutePath)
            if let target { try checkOutputFile(target, force: force, location: location) }
            let desk = try location.openDesk()
            let now = try location.now(desk.timeText)
            let csv: String, count: Int
            if let first {
                (csv, count) = try MonthExport.render(desk: desk, month: first, now: now)
            } else {
                let rows = try QueueQuery(includeFinished: all).rows(desk: desk, now: now)
                (csv, count) = (CSVExport.render(rows, desk: desk, now: now), rows.count)
            }
            if let target {
                // A byte-order mark lets spreadsheets read Polish letters as UTF-8; the file holds
                // personal data, so it is readable by owner and group only from the moment it exists.
                try writeOutputFile(Array("\u{FEFF}\(csv)".utf8), to: target, force: force, location: location)
                sayOnStderr("Wrote \(Wording.en(count, "complaint", "complaints")) to \(target).")
            } else {
                // One record per line, ended by a line feed on a terminal or a pipe (the file keeps
                // RFC 4180's CRLF): fields never hold a raw line break (`SafeText.csvField`).
                say(csv.replacingOccurrences(of: "\r\n", with: "\n"), terminator: "")
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
            let path = try demoLogPath(location, honouringEnvironment: true)
            try requireCreatable(path)
            if FileManager.default.fileExists(atPath: path) {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                if size > 0 {
                    guard replace else {
                        throw CLIError.message("\(path) already holds a log; the demo never writes into one. Use --replace to move it aside, or --log to pick another file.")
                    }
                    // Only a demo log is ever moved aside: real work stays where the desk expects it.
                    try requireOnlyDemoData(at: path, config: try location.loadConfigFile(forLog: path).config)
                    let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
                    var backup = path + ".bak-" + stamp
                    var suffix = 2
                    while FileManager.default.fileExists(atPath: backup) {
                        backup = path + ".bak-" + stamp + "-\(suffix)"
                        suffix += 1
                    }
                    try FileManager.default.moveItem(atPath: path, toPath: backup)
                    say("Moved the old log to \(backup).")
                }
            }
            let base = try location.loadConfig()
            let now = try location.now(TimeText(timeZone: TimeZone(identifier: base.calendar.timeZoneID) ?? .current))
            let written = try writeSignedDemo(at: path, base: base, now: now, seed: seed)
            say("Wrote a demo log to \(path): \(written.summary).")
            say("Its site config (operators and their public keys): \(written.siteFile); their private keys: \((written.siteFile as NSString).deletingLastPathComponent)/keys/.")
            say("Try: asodesk list --log \(path)")
            say("     asodesk verify --log \(path) --config \(written.siteFile)")
        }
    }
}

/// The demo's log: --log when given, else demo.log in the demo's own folder. `asodesk demo` also
/// takes ASODESK_LOG (it names where to write); the dashboard's --demo does not, so a desk's
/// exported log name never becomes the demo's.
func demoLogPath(_ location: LocationOptions, honouringEnvironment: Bool) throws -> String {
    if location.log != nil || (honouringEnvironment && !(location.environment["ASODESK_LOG"] ?? "").isEmpty) {
        return try location.logPath()
    }
    return DemoSite.defaultFolder(env: location.environment) + "/demo.log"
}

/// Writes a new demo log at `path` (which must not hold a log), with site.toml and keys/ beside
/// it, every event signed by its author. Returns the summary and the site file.
func writeSignedDemo(at path: String, base: SiteConfig, now: Date, seed: UInt64) throws -> (summary: String, siteFile: String, config: SiteConfig) {
    if !FileManager.default.fileExists(atPath: path), let owner = DeskPaths.logOwningName(path, env: ProcessInfo.processInfo.environment) {
        throw CLIError.sideFileName(path, kind: owner.kind, log: owner.log)
    }
    let folder = (path as NSString).deletingLastPathComponent
    try DeskPaths.createFolder(folder)
    let prepared: DemoSite.Prepared
    do {
        prepared = try DemoSite.prepare(folder: folder, base: base, account: SystemAccount.current().name, now: now)
    } catch DemoSite.Problem.foreignSiteFile(let site) {
        throw CLIError.message("\(site) is a site config the demo did not write; the demo never replaces it. Use --log to put the demo in a folder of its own.")
    }
    let desk = try Desk(log: try EventLog(path: path, create: true), config: prepared.config, procedures: try ProcedureLibrary.bundled())
    for signer in prepared.signers { desk.useSigningKey(signer) }
    // The demo's own log says it is one (ASODESK_NOW may pin its clock), signed by its lead.
    try desk.writeHeader(kind: .demo, now: now, by: Actor(id: "anowak", role: .lead))
    let summary = try DemoLog.write(into: desk, now: now, seed: seed)
    return (summary, prepared.siteFile, prepared.config)
}

/// Throws unless the log at `path` holds demo data alone (every entry by a demo operator and
/// readable) and no dashboard has it open: the demo, from `asodesk demo` or `asodesk --demo`,
/// never replaces real work, nor a demo someone is trying out.
func requireOnlyDemoData(at path: String, config: SiteConfig) throws {
    if LogPresence.isOpenElsewhere(path: path) {
        throw CLIError.message("\(path) is open in a dashboard; the demo never replaces a log someone is working on (what they save would be lost). Quit that dashboard first, or use --log to write the demo to another file.")
    }
    let existing = try Desk(log: try EventLog(path: path, create: false, readOnly: true), config: config,
                            procedures: try ProcedureLibrary.bundled())
    if existing.state.header?.kind == .desk {
        throw CLIError.message("\(path) is a desk's log (its first record says so); the demo never replaces it. Use --log to write the demo to another file.")
    }
    let demoIDs = Set(DemoLog.operators.map(\.id))
    let people = Set(try existing.allComplaints().flatMap { $0.history.map(\.actor.id) })
    guard people.isSubset(of: demoIDs), existing.state.unreadable.isEmpty else {
        let names = people.subtracting(demoIDs).sorted().prefix(5).joined(separator: ", ")
        throw CLIError.message("\(path) holds real complaints (recorded by \(names.isEmpty ? "a newer asodesk" : names)); the demo never replaces them. Use --log to write the demo to another file.")
    }
}
