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
            Log: --log PATH, or ASODESK_LOG, or $XDG_DATA_HOME/asodesk/complaints.log.
            Config: --config PATH, or ASODESK_CONFIG, or $XDG_CONFIG_HOME/asodesk/config.toml.
            Options --log, --config, --as and --lang may also come before the command (asodesk --log desk.log list).
            Files: a command creates the files it writes new and never writes over one, nor through a link;
            export -o replaces an existing file only with --force (atomically), and never the log or its own files.
            Exit status: 0 done, 1 refused or invalid input, 3 log damaged or unreadable, 4 not saved (I/O), 64 usage.
            """,
        subcommands: [
            Init.self, Add.self, List.self, Show.self,
            Ack.self, Contact.self, Wait.self, Resume.self, Assign.self, Escalate.self,
            Decide.self, Close.self, Reopen.self, Note.self, Check.self, FollowUp.self,
            Report.self, Export.self, Procedures.self, Verify.self, Repair.self, Demo.self,
            DashboardCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )

    /// ArgumentParser's own entry point, except that its messages pass through `printable`: an
    /// unknown option or a wrong value is quoted back, and what was typed may hold escape sequences.
    static func main() {
        do {
            var command = try parseAsRoot(movingSharedOptions(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            let status = exitCode(for: error)
            let message = fullMessage(for: error)
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
    /// given before a command name apply to that command. A command that does not take one says
    /// so in its own usage. Anything else is left as typed (`asodesk --log x` opens the dashboard).
    static func movingSharedOptions(_ arguments: [String]) -> [String] {
        let commands = Set(configuration.subcommands.map { $0._commandName })
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.prefix { $0 != "=" })
            guard sharedOptions.contains(name) else { break }
            let width = argument.contains("=") ? 1 : 2
            guard index + width <= arguments.count else { return arguments }
            leading += arguments[index..<(index + width)]
            index += width
        }
        guard !leading.isEmpty, index < arguments.count, commands.contains(arguments[index]) else { return arguments }
        return [arguments[index]] + leading + arguments[(index + 1)...]
    }
}
