import ArgumentParser
import AsodeskBench
import Foundation

@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asodesk-bench",
        abstract: "Measure asodesk against its physical limits and against SQLite (docs/performance.md).",
        discussion: """
            Every benchmark prints its figure as a ratio against a baseline measured in the same run,
            with the absolute numbers; `all` ends with the Markdown table of docs/performance.md.
            Scratch files go to a temporary folder under --dir (default: the current folder), so the
            disk measured is the one a log there would be on. Build with -c release.
            """,
        subcommands: [AllCommand.self, CommitCommand.self, StartCommand.self, LiveCommand.self, KeysCommand.self,
                      IdleCommand.self, MemoryCommand.self, ReplayCommand.self, GenerateCommand.self, KeysModelCommand.self,
                      CommitWorkerCommand.self, SignaturesCommand.self, ReviewCommand.self])
}

struct PlaceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Folder on the disk to measure; a temporary folder is made inside it.", valueName: "path"))
    var dir: String = FileManager.default.currentDirectoryPath

    @Flag(help: "Keep the temporary folder (logs, traces) for a look afterwards.")
    var keep = false

    func workspace() throws -> Workspace {
        let workspace = try Workspace(parent: dir, keep: keep)
        if keep { say("scratch folder: \(workspace.path)") }
        return workspace
    }
}

/// Printed at once (not buffered), so a long run shows its progress.
func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// This program, to start worker processes.
func benchExecutable() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

func printRows(_ rows: [BenchmarkRow]) {
    say("")
    say(MarkdownTable.render(rows))
}

struct CommitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit",
        abstract: "Durable commits one at a time: Desk.perform and EventLog.append vs bare write+fdatasync vs SQLite; also several writer processes.")

    @OptionGroup var place: PlaceOptions
    @Option(help: "Commits per method with one writer.") var count = 2000
    @Option(help: "Writer processes at once.") var writers = 4

    func run() throws {
        let workspace = try place.workspace()
        printRows(try CommitSuite(commits: count, writers: writers, benchExecutable: benchExecutable()).run(in: workspace, say: say))
    }
}

struct CommitWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit-worker", abstract: "One writer process of `commit` (prints \"begin end\" ns per commit).",
        shouldDisplay: false)

    @Option var method: String
    @Option var folder: String
    @Option var complaint: String
    @Option var count: Int
    @Option var go: String?

    func run() throws {
        guard let method = CommitMethod(rawValue: method), method != .sqlite else {
            throw ValidationError("--method must be desk, append, bare or bare-locked")
        }
        let fixture = try CommitFixture.load(from: folder, complaint: complaint)
        print(try CommitRunner.run(method, fixture: fixture, count: count, goFile: go).lines, terminator: "")
    }
}

/// `asodesk-bench signatures --events 1000000`: full authorship verify and start from a snapshot, signed log.
struct SignaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "signatures",
        abstract: "Verify every signature of a signed log, and start a desk from a snapshot with signatures on.")
    @OptionGroup var place: PlaceOptions
    @Option(help: "Signed events to write and check.") var events = 1_000_000

    func run() throws {
        let workspace = try place.workspace()
        let figures = try SignatureBenchmark.run(in: workspace.path, events: events)
        say("wrote \(figures.events) signed events in \(String(format: "%.1f", figures.writeSeconds)) s")
        func rate(_ seconds: Double) -> Int { Int(Double(figures.events) / seconds) }
        say("baseline, read + checksums + chain: \(String(format: "%.2f", figures.chainVerifySeconds)) s (\(rate(figures.chainVerifySeconds)) events/s)")
        say("verify with signatures: \(String(format: "%.2f", figures.verifySeconds)) s (\(rate(figures.verifySeconds)) events/s on \(figures.cores) cores), "
            + "\(String(format: "%.2f", figures.verifySeconds / figures.chainVerifySeconds))× the baseline, \(figures.unproven) not proven")
        say("desk start, full replay with signature checks: \(String(format: "%.2f", figures.fullStartSeconds)) s")
        say("desk start from a snapshot (checks only what follows): \(String(format: "%.3f", figures.snapshotStartSeconds)) s, "
            + "\(String(format: "%.3f", figures.snapshotStartSeconds / figures.fullStartSeconds))× the full replay")
    }
}
