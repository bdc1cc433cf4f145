import ArgumentParser
import AsodeskApp
import AsodeskPDF
import AsodeskDomain
import AsodeskLog
import Foundation

/// Where the log and config are, shared by every command. Every path is made absolute here, once,
/// against the folder the command was started in: the layers below never see a relative name.
struct LocationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Log file to use (may also come before the command: asodesk --log PATH list).", valueName: "path"))
    var log: String?

    @Option(name: .long, help: ArgumentHelp("Site config (TOML) instead of site.toml beside the log; obeyed only when owned by root or the log folder's owner and writable by nobody else.", valueName: "path"))
    var config: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The person's own file ($XDG_CONFIG_HOME/asodesk/config.toml): preferences only.
    func userPreferences() throws -> UserPreferences {
        try UserConfigLoader.load(env: environment) { userLog in siteConfigPath(forLog: logPath(userLog: userLog)) }
    }

    /// --log, else ASODESK_LOG, else the user file's `log`, else the XDG default; absolute.
    func logPath() throws -> String { logPath(userLog: try userPreferences().log) }

    private func logPath(userLog: String?) -> String {
        absolutePath(log.map { DeskPaths.expandingHome($0, env: environment) } ?? DeskPaths.defaultLog(env: environment, userLog: userLog))
    }

    /// --config, else ASODESK_CONFIG (absolute); nil for site.toml beside the log.
    func configPath() -> String? {
        (config ?? DeskPaths.explicitConfigFile(env: environment)).map { absolutePath(DeskPaths.expandingHome($0, env: environment)) }
    }

    private func siteConfigPath(forLog log: String) -> String {
        configPath() ?? DeskPaths.siteConfigFile(besideLog: log)
    }

    /// The site config for the log this command uses (or for `logPath`), with the user's display
    /// preferences; refused when the people it governs could change it.
    func loadConfigFile(forLog logPath: String? = nil) throws -> LoadedConfig {
        let preferences = try userPreferences()
        return try LoadedConfig.forDesk(logPath: logPath ?? self.logPath(userLog: preferences.log), commandLinePath: configPath(),
                                        display: preferences.display, env: environment)
    }

    func loadConfig() throws -> SiteConfig { try loadConfigFile().config }

    /// Opens the desk on an existing log; a missing log is explained, not created.
    func openDesk(create: Bool = false) throws -> Desk {
        let path = try logPath()
        if !create && noFileAt(path) {
            throw CLIError.noLog(path)
        }
        if create {
            if !FileManager.default.fileExists(atPath: path), let owner = DeskPaths.logOwningName(path, env: environment) {
                throw CLIError.sideFileName(path, kind: owner.kind, log: owner.log)
            }
            try requireCreatable(path)
            try DeskPaths.createFolder((path as NSString).deletingLastPathComponent)
        }
        let config = try loadConfigFile(forLog: path).config
        let log = try EventLog(path: path, create: create)
        let desk = try Desk(log: log, config: config, procedures: try ProcedureLibrary.bundled(),
                            snapshots: SnapshotStore(logPath: path))
        for warning in desk.logWarnings {
            FileHandle.standardError.write(Data("asodesk: \(MessageLanguage.polish ? "uwaga" : "warning"): \(printable(MessageLanguage.say(LogText.warning(warning))))\n".utf8))
        }
        return desk
    }

    /// "Now" for a command that only reads (list, show, report, export, verify…): the machine's
    /// clock, or ASODESK_NOW (ISO 8601) pinned for scripted checks and "how did it stand then".
    func now(_ text: TimeText) throws -> Date { try pinnedNow(text) ?? Date() }

    /// "Now" for a command that writes to `desk`'s log: the time every event is recorded with.
    /// The machine's clock. ASODESK_NOW may pin it only on a test or demo log (its header says
    /// so); on a desk's log a pinned clock would forge the record, so the command is refused
    /// before anything is written.
    func writingNow(for desk: Desk) throws -> Date {
        guard let pinned = try pinnedNow(desk.timeText) else { return Date() }
        guard desk.logKind.allowsPinnedClock else {
            throw CLIError.pinnedClockOnDeskLog(environment["ASODESK_NOW"] ?? "", log: desk.log.path)
        }
        return pinned
    }

    /// The instant ASODESK_NOW gives, or nil when it is not set.
    func pinnedNow(_ text: TimeText) throws -> Date? {
        guard let pinned = environment["ASODESK_NOW"], !pinned.isEmpty else { return nil }
        guard let date = text.parse(pinned) else { throw CLIError.badTime("ASODESK_NOW", pinned) }
        return date
    }
}

/// Who is acting, for commands that write: the operating system's account decides (see
/// `Identity.resolve`); these options only choose among what that account may be.
struct OperatorOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Which operator you are when your account is shared by several (a PIN is then asked); root may act as any operator.", valueName: "id"))
    var operatorID: String?

    @Option(help: "Act in a lower role than your own for this command (trainee, advisor, lead); never a higher one.")
    var role: Role?

    @Option(help: ArgumentHelp("When it happened, if earlier than now (ISO 8601, or site-local YYYY-MM-DD HH:MM): at most the site's [time] backdate_days (default 7) back, never before the complaint's receipt. Entered more than 15 min after it happened, it shows as entered late.", valueName: "time"))
    var at: String?

    func actor(on desk: Desk) throws -> Actor {
        try systemActor(on: desk, requestedID: operatorID, requestedRole: role)
    }

    /// `now` gives a day written without its year (`20.11 14:30`) its year.
    func occurredAt(_ text: TimeText, now: Date? = nil) throws -> Date? {
        guard let at else { return nil }
        guard let date = text.parse(at, now: now) else { throw CLIError.badTime("--at", at) }
        return date
    }
}

/// `path` as an absolute path: a relative one (`desk.log`, `./x`, `../x`, `sub/x`) is taken from
/// the current folder. Not resolved further: the system follows `..` and links as it would have.
func absolutePath(_ path: String) -> String {
    guard !path.hasPrefix("/") else { return path }
    var relative = Substring(path)
    while relative.hasPrefix("./") { relative = relative.dropFirst(2).drop { $0 == "/" } }
    let current = FileManager.default.currentDirectoryPath
    if relative.isEmpty || relative == "." { return current }
    return (current == "/" ? "" : current) + "/" + relative
}

extension Role: ExpressibleByArgument {}
extension Channel: ExpressibleByArgument {}
extension ComplaintCategory: ExpressibleByArgument {}
extension Priority: ExpressibleByArgument {}
extension LegalBasis: ExpressibleByArgument {}
extension WaitReason: ExpressibleByArgument {}
extension DecisionOutcome: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

enum CLIError: Error, CustomStringConvertible {
    case noLog(String)
    case badTime(String, String)
    case badNumber(String)
    case message(String)
    /// A message written in both languages; the command line shows the one it speaks.
    case localized(LocalizedText)
    /// A file to write would have the name of one of `log`'s own files.
    case sideFileName(String, kind: LogSideFile.Kind, log: String)
    /// The log failed verification: exit status 3 like other damage.
    case damaged(String)
    /// The log is intact but some records' authors are not proven by their signatures: exit 5.
    case unproven(String)
    /// ASODESK_NOW is set and the command would write to a desk's log.
    case pinnedClockOnDeskLog(String, log: String)

    var description: String { text.en }

    var text: LocalizedText {
        switch self {
        case .noLog(let path):
            return LocalizedText(
                "Pod \(path) nie ma jeszcze logu. Załóż go poleceniem `asodesk init` (potem `asodesk add ...`) "
                    + "albo wypróbuj program na przykładowych danych we własnym logu: `asodesk --demo`.",
                "There is no log at \(path) yet. Start one with `asodesk init` (then `asodesk add ...`), "
                    + "or try the product on sample data in a log of its own with `asodesk --demo`.")
        case .badTime(let option, let text):
            return LocalizedText(
                "\(option): „\(text)” nie jest czasem. Podaj go w ISO 8601, np. 2026-11-20T14:30:00+01:00, albo w czasie stanowiska: 2026-11-20 14:30, 20.11.2026 14:30 lub 20.11 14:30.",
                "\(option): '\(text)' is not a time. Use ISO 8601 like 2026-11-20T14:30:00+01:00, or site-local 2026-11-20 14:30, 20.11.2026 14:30 or 20.11 14:30.")
        case .badNumber(let text):
            return LocalizedText(
                "„\(text)” nie jest numerem reklamacji. Numery wyglądają jak R/2026/0042 (R/ można pominąć).",
                "'\(text)' is not a complaint number. Numbers look like R/2026/0042 (R/ may be left out).")
        case .sideFileName(let path, let kind, let log):
            let logName = (log as NSString).lastPathComponent
            let (whatPL, whatEN) = switch kind {
            case .snapshot, .snapshotTemporary: ("jego migawki", "its snapshot")
            case .backup: ("kopii zapasowej", "a backup")
            case .quarantine: ("pliku kwarantanny", "a quarantine file")
            case .repairCopy: ("kopii z naprawy", "a repair's copy")
            }
            let names = "\(logName).snapshot, \(logName).backup-, \(logName).bak-, \(logName).quarantine-, \(logName).repair-"
            return LocalizedText(
                "\(path) ma nazwę \(whatPL) logu \(log): nazwy zaczynające się od \(names) należą do logu, który je wypisuje, "
                    + "odkłada i usuwa jako swoje. Nic innego nie jest pod nimi zapisywane, także z --force; wybierz inną nazwę, np. export.csv.",
                "\(path) is named like \(whatEN) of the log \(log): names beginning \(names) are the log's own, which asodesk lists, "
                    + "sets aside and deletes as such. Nothing else is written under them, even with --force; choose another name, such as export.csv.")
        case .pinnedClockOnDeskLog(let pinned, let log):
            return LocalizedText(
                "ASODESK_NOW jest ustawione (\(pinned)), a \(log) to log stanowiska: to, co się w nim zapisuje, jest dowodem i nosi "
                    + "czas zegara komputera, więc ustawiony zegar nie może go datować. Nic nie zapisano. Usuń ASODESK_NOW "
                    + "(unset ASODESK_NOW) i uruchom polecenie ponownie; polecenia odczytu (list, show, report, export, verify) mogą go używać. "
                    + "Ustawiony zegar zapisuje tylko do logu testowego (asodesk init --test) albo demonstracyjnego.",
                "ASODESK_NOW is set (\(pinned)), and \(log) is a desk's log: what is written there is evidence, recorded "
                    + "with the machine's clock, so a pinned clock may not date it. Nothing was saved. Unset ASODESK_NOW "
                    + "(unset ASODESK_NOW) and run the command again; reading commands (list, show, report, export, verify) may keep it. "
                    + "A pinned clock writes only to a test log (asodesk init --test) or the demo's.")
        case .message(let text), .damaged(let text), .unproven(let text):
            return LocalizedText(text, text)
        case .localized(let text):
            return text
        }
    }
}

/// Runs a command body and turns every failure into a message on stderr and an exit status:
/// 1 refused or invalid, 3 log damaged or unreadable, 4 not saved.
func runReporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch {
        let (message, status) = classify(error)
        FileHandle.standardError.write(Data(("asodesk: " + printable(message) + "\n").utf8))
        throw ExitCode(status)
    }
}

/// The one way a command writes text to standard output: line by line through `printable`, since
/// a line may hold a path, a file name or typed text, and any of them may hold escape sequences.
/// (JSON goes through `printJSON`; ArgumentParser's help and completion scripts are its own.)
func say(_ text: String, terminator: String = "\n") {
    print(printable(text), terminator: terminator)
}

/// The same for a line on standard error that is not an error (a note after a file was written).
func sayOnStderr(_ text: String) {
    FileHandle.standardError.write(Data((printable(text) + "\n").utf8))
}

/// A message made safe for the terminal line by line: it may quote what was typed (a complaint
/// number, a procedure id, a time), and typed text can hold escape sequences.
func printable(_ message: String) -> String {
    // "\r\n" is one Character in Swift: split on it too, or a CRLF line end would be shown as ⏎.
    message.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        .map { SafeText.display(String($0)) }
        .joined(separator: "\n")
}

private func classify(_ error: Error) -> (String, Int32) {
    switch error {
    case let refusal as Refusal: return (MessageLanguage.say(refusal.text), 1)
    case let identity as Identity.Refusal: return (MessageLanguage.say(IdentityText.words(for: identity)), 1)
    case let site as SiteConfigRefusal: return (MessageLanguage.say(IdentityText.words(for: site)), 1)
    case let desk as DeskError:
        if case .newerHistory = desk { return (MessageLanguage.say(desk.text), 3) }
        return (MessageLanguage.say(desk.text), 1)
    case let cli as CLIError:
        if case .damaged = cli { return (MessageLanguage.say(cli.text), 3) }
        if case .unproven = cli { return (MessageLanguage.say(cli.text), 5) }
        return (MessageLanguage.say(cli.text), 1)
    case let fields as FieldErrors: return (fields.errors.map { "--\($0.field.rawValue): \(MessageLanguage.say($0.message))" }.joined(separator: "\nasodesk: "), 1)
    case let config as ConfigError: return (config.description, 1)
    case let feedback as FeedbackError: return (MessageLanguage.say(feedback.text), 1)
    case let letter as LetterRefusal: return (MessageLanguage.say(letter.text), 1)
    case let template as LetterTemplateError: return (template.description, 1)
    // Sending failed: nothing is recorded as sent, as when a save fails.
    case let send as AnswerSending.Failure: return (MessageLanguage.say(send.text), send.notSetUp ? 1 : 4)
    case let file as FileCreationError:
        // A full, read-only or failing disk, or a file-size limit, is "not saved"; a wrong path or folder is the input.
        if case .system(_, _, let code) = file, [ENOSPC, EDQUOT, EFBIG, EIO, EROFS].contains(code) { return (words(for: file), 4) }
        return (words(for: file), 1)
    case let log as LogError:
        switch log {
        case .damaged, .notALog, .repairNeedsNewerVersion, .repairNeedsDecision, .repairNeedsChoice: return (MessageLanguage.say(LogText.error(log)), 3)
        default: return (MessageLanguage.say(LogText.error(log)), 4)
        }
    default: return ("\(error)", 4)
    }
}

/// A file a command is asked to write (an export, a letter) may be written: not over an existing
/// one unless `force`, never over the log or a file the log keeps beside it, and not under a name
/// the log would later take for its own. Checked before anything is done, so a refusal costs nothing.
func checkOutputFile(_ target: String, force: Bool, location: LocationOptions) throws {
    let logPath = try location.logPath()
    try ExclusiveFile.checkWritable(target, existing: force ? .replace : .refuse,
                                    protected: DeskPaths.filesOfLog(logPath, env: location.environment))
    if let kind = DeskPaths.sideFileKind(ofName: target, besideLog: logPath, env: location.environment) {
        throw CLIError.sideFileName(target, kind: kind, log: logPath)
    }
}

/// Writes a file `checkOutputFile` allowed: new (or replacing it atomically with `force`), readable
/// by owner and group only from the moment it exists (it holds personal data).
func writeOutputFile(_ bytes: [UInt8], to target: String, force: Bool, location: LocationOptions) throws {
    try ExclusiveFile.write(bytes, to: target, mode: 0o640, existing: force ? .replace : .refuse,
                            protected: DeskPaths.filesOfLog(try location.logPath(), env: location.environment))
}

/// A new log is created only where nothing is, or where a link reaches an existing log: never
/// through a link planted at the name (it would make the log another file, wherever it points).
func requireCreatable(_ path: String) throws {
    var info = stat()
    guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return }
    var target = stat()
    guard stat(path, &target) == 0, (target.st_mode & S_IFMT) == S_IFREG, target.st_size > 0 else {
        throw FileCreationError.symbolicLink(path: path)
    }
}

/// What a file problem means for the person at the command line, and what to do.
func words(for problem: FileCreationError) -> String {
    let path = problem.path
    switch problem {
    case .exists:
        return "\(path) already exists; asodesk does not overwrite a file unless told to. Add --force to replace it, or choose another name."
    case .symbolicLink:
        return "\(path) is a symbolic link; asodesk never writes through one. Give the real path, or remove the link."
    case .notARegularFile:
        return "\(path) is not a regular file (a folder, device or pipe); choose a file name."
    case .notAFolder:
        return "\(path) exists and is not a folder; choose another place or rename it."
    case .protected:
        return "\(path) is the complaint log or one of its own files (snapshot, backup, quarantine); nothing may be written over it, even with --force. Choose another file."
    case .notPrivate:
        return "\(path) is not a private folder of this user (it must be a real folder, not a link, owned by this user with mode 0700); fix or remove it."
    case .system(_, let step, let code):
        let reason = String(cString: strerror(code))
        if step == .folder { return "Cannot create the folder \(path) (\(reason)); check that its parent exists and that you may write there." }
        // A file-size limit (ulimit -f) is not a full disk: freeing space would not help.
        if code == EFBIG {
            return "Cannot write \(path): the file reached the largest size this user may write (a file-size limit, ulimit -f). "
                + "Nothing was replaced; ask for the limit to be raised."
        }
        let folder = (path as NSString).deletingLastPathComponent
        return "Cannot write \(path) (\(reason)): check that the folder \(folder.isEmpty ? "." : folder) exists, that you may write there and that the disk has space. Nothing was replaced."
    }
}

extension Desk {
    var timeText: TimeText { TimeText(timeZone: calendar.timeZone) }

    func number(_ text: String) throws -> ComplaintNumber {
        guard let number = ComplaintNumber(text: text) else { throw CLIError.badNumber(text) }
        guard state.complaints.contains(number) else { throw DeskError.noSuchComplaint(number.description) }
        return number
    }
}

func printJSON<T: Encodable>(_ value: T) throws {
    print(try jsonText(value))
}

/// The JSON `printJSON` prints (and `report --format json -o` writes).
func jsonText<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return jsonForTerminal(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// JSON with every character that could act on a terminal or reorder what it shows (C1 controls,
/// bidi and other format characters, line and paragraph separators) written as a \u escape: the
/// same JSON to a parser, harmless on a screen. C0 controls are escaped by the encoder already.
func jsonForTerminal(_ json: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(json.unicodeScalars.count)
    for scalar in json.unicodeScalars {
        // Outside strings JSON has only ASCII, so every such scalar is inside a string.
        if scalar.value > 0x7E && SafeText.isAlwaysEscaped(scalar) {
            var value = scalar.value
            var units: [UInt32] = []
            if value > 0xFFFF {
                value -= 0x10000
                units = [0xD800 + (value >> 10), 0xDC00 + (value & 0x3FF)]
            } else {
                units = [value]
            }
            for unit in units { out += "\\u" + String(repeating: "0", count: 4 - String(unit, radix: 16).count) + String(unit, radix: 16) }
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
