import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

@main
struct Asodesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asodesk",
        abstract: "The complaint desk (reklamacje) of an authorised car service: queue, SLA timers, legal deadlines.",
        discussion: """
            `asodesk` alone opens the full-screen dashboard (`asodesk --demo` on demo data).
            Every change is an event appended to one log file shared by every terminal at the desk.
            Log: --log PATH, or ASODESK_LOG, or `log` in your user file, or $XDG_DATA_HOME/asodesk/complaints.log.
            Site config (kept by the shift lead): --config PATH, or ASODESK_CONFIG, or site.toml beside the log;
            obeyed only when owned by root or the log folder's owner and writable by nobody else.
            Your preferences ([dashboard] language and theme, log): $XDG_CONFIG_HOME/asodesk/config.toml.
            Who you are is the account you are logged in as; --as chooses only where an account is shared (with a PIN).
            Options --log, --config, --as and --lang may also come before the command (asodesk --log desk.log list).
            Files: a command creates the files it writes new and never writes over one, nor through a link;
            export -o, report -o and letter -o replace an existing file only with --force (atomically), never the log or its own files.
            Exit status: 0 done, 1 refused or invalid input, 3 log damaged or unreadable, 4 not saved (I/O),
            5 (verify) intact but some records' authors not proven by their signatures, 64 usage.
            """,
        subcommands: [
            Init.self, Add.self, List.self, Show.self,
            Ack.self, Contact.self, Wait.self, Resume.self, Assign.self, Escalate.self,
            Decide.self, Answer.self, Letter.self, Close.self, Reopen.self, Note.self, Attach.self, Check.self, FollowUp.self, Amend.self, Link.self, MarkTest.self,
            Action.self, Report.self, Export.self, Import.self, FeedbackCommand.self, Procedures.self, Verify.self, Repair.self, Demo.self, PinHash.self, Key.self,
            DashboardCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// ArgumentParser's own entry point, except that its messages pass through `printable`: an
    /// unknown option or a wrong value is quoted back, and what was typed may hold escape sequences.
    static func main() {
        do {
            let moved = try movingSharedOptions(Array(CommandLine.arguments.dropFirst()))
            for note in moved.notes { FileHandle.standardError.write(Data(("asodesk: note: " + printable(note) + "\n").utf8)) }
            var command = try parseAsRoot(moved.arguments)
            try command.run()
        } catch {
            let status = exitCode(for: error)
            var message = fullMessage(for: error)
            // One prefix for every message of the program, the parser's included.
            if message.hasPrefix("Error: ") { message = "asodesk: " + message.dropFirst("Error: ".count) }
            if !message.isEmpty {
                if status.isSuccess {
                    print(message)
                } else {
                    FileHandle.standardError.write(Data((printable(message) + "\n").utf8))
                }
            }
            Glibc.exit(status.rawValue)
        }
    }

    /// The options every command shares, which people put before the command as with `git -C`.
    static let sharedOptions: Set<String> = ["--log", "--config", "--as", "--lang"]

    /// `asodesk --log desk.log list --json` as `asodesk list --log desk.log --json`: shared options
    /// given before a command name apply to that command. One the command does not take is said so
    /// by name (not left to the parser, whose nearest-spelling guess misleads); `--as` only says who
    /// acts, so before a command that records nothing it is left out with a note. Anything else is
    /// left as typed (`asodesk --log x` opens the dashboard).
    static func movingSharedOptions(_ arguments: [String]) throws -> (arguments: [String], notes: [String]) {
        let commands = Dictionary(configuration.subcommands.map { ($0._commandName, $0) }) { first, _ in first }
        var leading: [(name: String, words: ArraySlice<String>)] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.prefix { $0 != "=" })
            guard sharedOptions.contains(name) else { break }
            let width = argument.contains("=") ? 1 : 2
            guard index + width <= arguments.count else { return (arguments, []) }
            leading.append((name, arguments[index..<(index + width)]))
            index += width
        }
        guard !leading.isEmpty, index < arguments.count, var command = commands[arguments[index]] else { return (arguments, []) }
        // A command of a group (`asodesk --log x key new`): the options go after its own name.
        var nameWidth = 1
        if index + 1 < arguments.count,
           let sub = command.configuration.subcommands.first(where: { $0._commandName == arguments[index + 1] }) {
            command = sub
            nameWidth = 2
        }
        let commandName = arguments[index..<(index + nameWidth)].joined(separator: " ")
        // What the command's own usage lists is what it takes (`--as <id>`).
        let usage = command.helpMessage(columns: 10_000)
        var kept: [String] = [], notes: [String] = []
        for option in leading {
            if usage.contains(option.name + " <") {
                kept += option.words
            } else if option.name == "--as" {
                notes.append("`asodesk \(commandName)` records nothing, so it acts as nobody; \(option.words.joined(separator: " ")) left out.")
            } else {
                let takers = configuration.subcommands.filter { $0.helpMessage(columns: 10_000).contains(option.name + " <") }
                    .map { "asodesk " + $0._commandName }
                throw ValidationError("`asodesk \(commandName)` does not take \(option.name) (given before the command); "
                    + "leave it out\(takers.isEmpty ? "" : ": only \(takers.joined(separator: ", ")) take\(takers.count == 1 ? "s" : "") it").")
            }
        }
        return (Array(arguments[index..<(index + nameWidth)]) + kept + arguments[(index + nameWidth)...], notes)
    }
}
