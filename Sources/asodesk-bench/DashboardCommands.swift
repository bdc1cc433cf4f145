import ArgumentParser
import AsodeskApp
import AsodeskBench
import Foundation

/// The dashboard benchmarks need the real `asodesk`: beside this program, else built the same way.
func asodeskExecutable() throws -> String {
    let folder = (benchExecutable() as NSString).deletingLastPathComponent
    let path = folder + "/asodesk"
    if FileManager.default.isExecutableFile(atPath: path) { return path }
    let configuration = (folder as NSString).lastPathComponent == "debug" ? "debug" : "release"
    say("building asodesk (\(configuration)) for the dashboard benchmarks…")
    _ = try runProgram("/usr/bin/env", ["swift", "build", "-c", configuration, "--product", "asodesk"])
    guard FileManager.default.isExecutableFile(atPath: path) else {
        throw BenchError("asodesk was not found at \(path); run `swift build -c \(configuration) --product asodesk` in the package folder first")
    }
    return path
}

/// What every dashboard benchmark shares: the scratch folder, the logs, the launcher.
struct DashboardContext {
    let workspace: Workspace
    let logs: LogLibrary
    let suite: DashboardSuite

    init(place: PlaceOptions) throws {
        workspace = try place.workspace()
        logs = LogLibrary(folder: workspace.path + "/logs", say: say)
        let launcher = DashboardLauncher(asodesk: try asodeskExecutable(), folder: workspace.path, now: logs.nowText)
        suite = DashboardSuite(launcher: launcher, logs: logs, say: say)
    }
}

struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Launch → first full queue frame with 10,000 and 1,000,000 events of history (same open complaints).")
    @OptionGroup var place: PlaceOptions
    @Option(help: "Warm runs per log (after one first run each; the two logs alternate).") var runs = 11
    func run() throws { printRows(try DashboardContext(place: place).suite.start(runs: runs)) }
}

struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live", abstract: "A commit in this process → the frame drawn by a dashboard on the same log.")
    @OptionGroup var place: PlaceOptions
    @Option(help: "Commits to time.") var count = 120
    func run() throws { printRows(try DashboardContext(place: place).suite.live(commits: count)) }
}

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Key press → frame flushed, with 10,000 open complaints (j/k/PgDn/search typing), 80×24 and 200×50.")
    @OptionGroup var place: PlaceOptions
    @Option(help: "Keys to time per terminal size.") var count = 240
    func run() throws { printRows(try DashboardContext(place: place).suite.keys(count: count)) }
}

struct IdleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idle", abstract: "Bytes written to the terminal per second while idle, 80×24 and 200×50, vs a full repaint.")
    @OptionGroup var place: PlaceOptions
    @Option(help: "Seconds to watch each size.") var seconds = 10.0
    func run() throws { printRows(try DashboardContext(place: place).suite.idle(seconds: seconds)) }
}

struct MemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory", abstract: "Resident size of the dashboard with 100,000 complaints in 1,000,000 events vs an empty log.")
    @OptionGroup var place: PlaceOptions
    func run() throws { printRows(try DashboardContext(place: place).suite.memory()) }
}

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Full replay without snapshot (events/s) vs reading and verifying the frames alone.")
    @OptionGroup var place: PlaceOptions
    @Option(help: "Replays to take the median of.") var runs = 3
    @Option(help: ArgumentHelp("Replay this existing log instead of a generated one: prints each run and the peak resident size (VmHWM); for profiling.", valueName: "path"))
    var log: String?
    func run() throws {
        if let log {
            for _ in 0..<runs {
                let measured = try ReplayBenchmark.measure(path: log)
                say("replay \(log): \(measured.events) events in \(String(format: "%.3f", measured.seconds)) s, \(Int(measured.eventsPerSecond)) events/s (read+verify \(String(format: "%.3f", measured.readSeconds)) s, decode \(String(format: "%.3f", measured.decodeSeconds)) s, apply \(String(format: "%.3f", measured.applySeconds)) s)")
            }
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            say(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.map(String.init) ?? "VmHWM: unknown")
            return
        }
        let workspace = try place.workspace()
        let logs = LogLibrary(folder: workspace.path + "/logs", say: say)
        printRows(try ReplaySuite.run(logs: logs, runs: runs, say: say))
    }
}

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write a realistic large log with the log generator.")
    @Option(help: ArgumentHelp("The new log (must not exist or be empty).", valueName: "path")) var log: String
    @Option(help: "Open complaints at the end of the history.") var open = 1_000
    @Option(help: "Events in all.") var events = 1_000_000
    @Option(help: "Seed of the generator.") var seed: UInt64 = 2026
    @Option(help: "How finished complaints are told: demo (about 33 events each, with checklist ticks) or short (about 10).")
    var stories: String = LogShape.Stories.demo.rawValue
    @Option(help: ArgumentHelp("The generator's \"now\" (ISO 8601); default the present.", valueName: "time")) var now: String?

    func run() throws {
        var instant = Date()
        if let now {
            guard let parsed = ISO8601DateFormatter().date(from: now) else { throw ValidationError("--now must be ISO 8601, like 2026-03-18T08:00:00Z") }
            instant = parsed
        }
        guard let told = LogShape.Stories(rawValue: stories) else {
            throw ValidationError("--stories must be one of: \(LogShape.Stories.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let started = Date()
        let generated = try LogGenerator.write(to: log, shape: LogShape(openComplaints: open, totalEvents: events, seed: seed,
                                                                        now: instant, stories: told))
        say("\(log): \(generated.events) events, \(generated.complaints) complaints (\(generated.openComplaints) open), \(generated.bytes) bytes, \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}

struct AllCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all", abstract: "Every benchmark in one run, then the Markdown table for docs/performance.md.")
    @OptionGroup var place: PlaceOptions
    @Option(help: "Commits per method (commit).") var commits = 2000

    func run() throws {
        let context = try DashboardContext(place: place)
        say("machine: \(Machine.description); disk: \(context.workspace.filesystem)")
        var rows: [BenchmarkRow] = []
        rows += try CommitSuite(commits: commits, writers: 4, benchExecutable: benchExecutable()).run(in: context.workspace, say: say)
        rows += try context.suite.start(runs: 11)
        rows += try ReplaySuite.run(logs: context.logs, runs: 3, say: say)
        rows += try context.suite.live(commits: 120)
        rows += try context.suite.keys(count: 240)
        rows += try context.suite.idle(seconds: 10)
        rows += try context.suite.memory()
        say("\nmachine: \(Machine.description); disk: \(context.workspace.filesystem); \(ISO8601DateFormatter().string(from: Date()))")
        printRows(rows)
    }
}

struct KeysModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys-model",
        abstract: "The dashboard's share of key → frame (handle + render into a cell buffer), in this process, with 10,000 open complaints (--open).",
        discussion: "No terminal and no clock of its own, so it runs the same under callgrind: what to profile when `keys` misses its goal.")
    @OptionGroup var place: PlaceOptions
    @Option(help: ArgumentHelp("A log to use instead of generating one (its \"now\" must be the generator's, 2026-03-18T08:00:00Z).", valueName: "path"))
    var log: String?
    @Option(help: "Rounds of the key sequence.") var rounds = 10
    @Option(help: "Open complaints of the generated log (15 events each); 100000 is the biggest queue a desk expects.")
    var open = 10_000
    @Option(help: "Width of the screen.") var width = 200
    @Option(help: "Height of the screen.") var height = 50

    func run() throws {
        let workspace = try place.workspace()
        let logs = LogLibrary(folder: workspace.path + "/logs", say: say)
        let path = try log ?? logs.log(open: open, events: open * 15).path
        let result = try MainActor.assumeIsolated {
            try KeyModelBenchmark.run(logPath: path, now: logs.now, width: width, height: height, rounds: rounds)
        }
        say("opened in \(String(format: "%.3f", result.openingSeconds)) s")
        for label in result.latencies.keys.sorted() {
            let summary = LatencySummary(nanoseconds: result.latencies[label]!)
            say("\(label): p50 \(Figures.milliseconds(summary.medianNanoseconds)) p99 \(Figures.milliseconds(summary.p99Nanoseconds)) max \(Figures.milliseconds(summary.maximumNanoseconds)) (\(summary.count))")
        }
        let ticks = LatencySummary(nanoseconds: result.ticks)
        say("tick: p50 \(Figures.milliseconds(ticks.medianNanoseconds)) p99 \(Figures.milliseconds(ticks.p99Nanoseconds)) (\(ticks.count))")
    }
}

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "The monthly review (twelve months split four ways) against the report of its month alone, and the review screen's first frame.")
    @OptionGroup var place: PlaceOptions
    @Option(help: "Events of the generated history (1,000,000 hold about 100,000 complaints over four and a half years).")
    var events = 1_000_000
    @Option(help: "Rounds.") var rounds = 5

    func run() throws {
        let workspace = try place.workspace()
        let logs = LogLibrary(folder: workspace.path + "/logs", say: say)
        let path = try logs.log(open: 10_000, events: events, stories: .short).path
        let result = try MainActor.assumeIsolated {
            try ReviewBenchmark.run(logPath: path, now: logs.now, rounds: rounds)
        }
        let base = LatencySummary(nanoseconds: result.monthReport), review = LatencySummary(nanoseconds: result.review)
        let screen = LatencySummary(nanoseconds: result.screen)
        say("\(Figures.count(Double(result.complaints))) complaints; month \(result.month)")
        say("report of the month alone: p50 \(Figures.milliseconds(base.medianNanoseconds))")
        say("monthly review (12 months + total, 4 splits): p50 \(Figures.milliseconds(review.medianNanoseconds)) = "
            + String(format: "%.2f", Double(review.medianNanoseconds) / Double(max(1, base.medianNanoseconds))) + "× the month alone")
        say("review screen, key → first frame (200×50): p50 \(Figures.milliseconds(screen.medianNanoseconds))")
    }
}
