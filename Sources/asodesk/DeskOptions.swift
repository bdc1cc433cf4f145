import ArgumentParser
import AsodeskApp
import AsodeskDomain
import AsodeskLog
import Foundation

/// Where the log and config are, shared by every command.
struct LocationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Log file to use.", valueName: "path"))
    var log: String?

    @Option(name: .long, help: ArgumentHelp("Configuration file (TOML).", valueName: "path"))
    var config: String?

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    func logPath() -> String { log ?? DeskPaths.defaultLog(env: environment) }

    func loadConfig() throws -> SiteConfig {
        try ConfigLoader.loadForDesk(commandLinePath: config, env: environment).config
    }

    /// Opens the desk on an existing log; a missing log is explained, not created.
    func openDesk(create: Bool = false) throws -> Desk {
        let path = logPath()
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw CLIError.noLog(path)
        }
        if create {
            try DeskPaths.createFolder((path as NSString).deletingLastPathComponent)
        }
        let config = try loadConfig()
        let log = try EventLog(path: path, create: create)
        let desk = try Desk(log: log, config: config, procedures: try ProcedureLibrary.bundled(),
                            snapshots: SnapshotStore(logPath: path))
        for warning in desk.logWarnings {
            FileHandle.standardError.write(Data("asodesk: warning: \(printable(LogText.warning(warning).en))\n".utf8))
        }
        return desk
    }

    /// "Now" is the machine's clock; ASODESK_NOW (ISO 8601) pins it for scripted checks.
    func now(_ text: TimeText) throws -> Date { try pinnedNow(text) ?? Date() }

    /// The instant ASODESK_NOW gives, or nil when it is not set.
    func pinnedNow(_ text: TimeText) throws -> Date? {
        guard let pinned = environment["ASODESK_NOW"], !pinned.isEmpty else { return nil }
        guard let date = text.parse(pinned) else { throw CLIError.badTime("ASODESK_NOW", pinned) }
        return date
    }
}

/// Who is acting, for commands that write.
struct OperatorOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Operator id (default: ASODESK_OPERATOR, then the login name).", valueName: "id"))
    var operatorID: String?

    @Option(help: "Role to act in when the config lists no operators (trainee, advisor, lead).")
    var role: Role?

    @Option(help: ArgumentHelp("When it happened, if earlier than now (ISO 8601, or site-local YYYY-MM-DD HH:MM).", valueName: "time"))
    var at: String?

    func actor(on desk: Desk) throws -> Actor {
        let id = operatorID ?? defaultOperatorID(env: ProcessInfo.processInfo.environment)
        return try desk.actor(id: id, requestedRole: role)
    }

    func occurredAt(_ text: TimeText) throws -> Date? {
        guard let at else { return nil }
        guard let date = text.parse(at) else { throw CLIError.badTime("--at", at) }
        return date
    }
}

/// Who is at this terminal when no --as says: ASODESK_OPERATOR, else the login name.
func defaultOperatorID(env: [String: String]) -> String {
    env["ASODESK_OPERATOR"] ?? env["USER"] ?? env["LOGNAME"] ?? loginName()
}

/// The account name of this process, for when the environment does not say who is at the desk.
func loginName() -> String {
    guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid\(getuid())" }
    return String(cString: name)
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
    /// The log failed verification: exit status 3 like other damage.
    case damaged(String)

    var description: String {
        switch self {
        case .noLog(let path):
            return "There is no log at \(path) yet. Start one with `asodesk init` (then `asodesk add ...`), "
                + "or try the product on sample data in a log of its own with `asodesk --demo`."
        case .badTime(let option, let text):
            return "\(option): '\(text)' is not a time. Use ISO 8601 like 2026-11-20T14:30:00+01:00, or site-local 2026-11-20 14:30."
        case .badNumber(let text):
            return "'\(text)' is not a complaint number. Numbers look like R/2026/0042 (R/ may be left out)."
        case .message(let text), .damaged(let text):
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

/// A message made safe for the terminal line by line: it may quote what was typed (a complaint
/// number, a procedure id, a time), and typed text can hold escape sequences.
func printable(_ message: String) -> String {
    message.split(separator: "\n", omittingEmptySubsequences: false).map { SafeText.display(String($0)) }
        .joined(separator: "\n")
}

private func classify(_ error: Error) -> (String, Int32) {
    switch error {
    case let refusal as Refusal: return (refusal.message, 1)
    case let desk as DeskError:
        if case .newerHistory = desk { return (desk.description, 3) }
        return (desk.description, 1)
    case let cli as CLIError:
        if case .damaged = cli { return (cli.description, 3) }
        return (cli.description, 1)
    case let fields as FieldErrors: return (fields.errors.map { "--\($0.field.rawValue): \($0.message.en)" }.joined(separator: "\nasodesk: "), 1)
    case let config as ConfigError: return (config.description, 1)
    case let log as LogError:
        switch log {
        case .damaged, .notALog, .repairNeedsNewerVersion: return (LogText.error(log).en, 3)
        default: return (LogText.error(log).en, 4)
        }
    default: return ("\(error)", 4)
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
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(jsonForTerminal(String(decoding: try encoder.encode(value), as: UTF8.self)))
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
