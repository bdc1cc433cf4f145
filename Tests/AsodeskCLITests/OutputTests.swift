#if canImport(Glibc)
import Glibc
#endif
import AsodeskTestSupport
import Foundation
import Testing

/// What the commands print: safe for the terminal, and in words that stand on their own.
@Suite(.serialized) struct OutputTests {
    /// An OSC title change and a screen clear, as a file name may hold them.
    static let escapes = "\u{1B}]0;PWNED\u{07}\u{1B}[2J\u{9B}2J"

    /// The scalars of `text` that act on a terminal: C0 controls other than the line feed, DEL, C1.
    static func hazards(_ text: String) -> [String] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
            .map { String(format: "U+%04X", $0.value) }
    }

    @Test func noPathOrFileNamePrintedByACommandCanActOnTheTerminal() throws {
        let cli = try CLI()
        let folder = cli.directory
        let log = "d\(Self.escapes).log"
        // The config folder's name is printed by init when there is no config file.
        let configHome = folder + "/config\(Self.escapes)"
        var runs: [(String, CLI.Result)] = []
        runs.append(("init", try cli.run("init", "--test", "--log", log, env: ["XDG_CONFIG_HOME": configHome], in: folder)))
        runs.append(("init again", try cli.run("init", "--test", "--log", log, in: folder)))
        runs.append(("add", try cli.run("add", "--log", log, "--customer", "Jan Kowalski", "--phone", "601234567",
                                        "--summary", "Hamulce piszczą \(Self.escapes)", in: folder)))
        runs.append(("export -o", try cli.run("export", "--log", log, "-o", "e\(Self.escapes).csv", in: folder)))
        runs.append(("export", try cli.run("export", "--log", log, in: folder)))
        runs.append(("demo", try cli.run("demo", "--log", "demo\(Self.escapes).log", in: folder)))
        runs.append(("list without a log", try cli.run("list", "--log", "none\(Self.escapes).log", in: folder)))
        for (what, result) in runs {
            #expect(result.status == 0 || what == "list without a log", "\(what): \(result.err)")
            #expect(Self.hazards(result.out).isEmpty, "\(what) stdout: \(result.out.debugDescription)")
            #expect(Self.hazards(result.err).isEmpty, "\(what) stderr: \(result.err.debugDescription)")
        }
        // The names are still there, made visible.
        #expect(runs[0].1.out.contains("Created an empty test log at") && runs[0].1.out.contains("␛]0;PWNED␇"), "\(runs[0].1.out)")
        #expect(runs[3].1.err.contains("Wrote 1 complaint to"), "\(runs[3].1.err)")
        #expect(runs[5].1.out.contains("Try: asodesk list --log"), "\(runs[5].1.out)")
    }

    @Test func aConfigThatIsNotAFileIsNamedForWhatItIsWithoutWaitingOnAPipe() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let folder = cli.directory + "/settings", fifo = cli.directory + "/config.fifo"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        #expect(mkfifo(fifo, 0o600) == 0)
        for (config, says) in [("/dev/null", "is not a regular file"), (fifo, "is not a regular file"), (folder, "is a folder, not a file")] {
            // Bounded: reading a pipe nobody writes to would wait for ever.
            let result = try run("/usr/bin/timeout", ["10", CLI.binary, "list", "--config", config], environment: cli.environment)
            #expect(result.status == 1, "--config \(config): \(result.status) \(result.errors)")
            #expect(result.errors.contains("\(config): site config \(says)"), "\(result.errors)")
            #expect(!result.errors.contains("permissions"), "\(result.errors)")
        }
    }

    @Test func openingHoursOutsideTheExactRuleAreRefusedAtTheirLineWithWhatToWrite() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let config = cli.directory + "/site.toml"
        for (hours, write) in [("08:00-18:00 ", "08:00-18:00"), ("08:00–18:00", "08:00-18:00"), ("07:30 - 16:00", "07:30-16:00")] {
            try "[hours]\nmonday = \"\(hours)\"\n".write(toFile: config, atomically: true, encoding: .utf8)
            let result = try cli.run("list", "--config", config)
            #expect(result.status == 1, "\(hours.debugDescription): \(result.err)")
            #expect(result.err.contains("site.toml:2: hours.monday: expected opening hours as \"HH:MM-HH:MM\""), "\(result.err)")
            #expect(result.err.contains("write \"\(write)\""), "\(result.err)")
        }
    }

    @Test func initExplainsTheSettingsWithoutTheSourceTree() throws {
        let cli = try CLI()
        let result = try cli.run("init", "--test")
        #expect(result.status == 0, "\(result.err)")
        #expect(!result.out.contains("docs/"), "\(result.out)")
        // The site config beside the log.
        #expect(result.out.contains("create \((cli.log as NSString).deletingLastPathComponent)/site.toml") && result.out.contains("saturday = \"closed\""),
                "\(result.out)")
    }

    @Test func countsAgreeWithTheirNouns() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        // The new log holds one record: its header.
        #expect(try cli.run("report").out.contains("Log: 1 record;"))
        #expect(try cli.run("add", "--customer", "Jan Kowalski", "--phone", "601234567", "--summary", "Hamulce piszczą").status == 0)
        #expect(try cli.run("init", "--test").out.contains("(1 complaint);"))
        #expect(try cli.run("export", "-o", cli.directory + "/one.csv").err.contains("Wrote 1 complaint to"))
    }

    @Test func anExportStoppedByAFileSizeLimitIsNotSavedAndSaysSo() throws {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        let target = cli.directory + "/big.csv"
        // bash's `ulimit -f` counts 1024-byte blocks; the demo's CSV is far larger than one.
        let result = try run("/bin/bash", ["-c", "ulimit -f 1; exec \"$0\" export --all -o \"$1\"", CLI.binary, target],
                             environment: cli.environment)
        #expect(result.status == 4, "\(result.status): \(result.errors)")
        #expect(result.errors.contains("the file reached the largest size this user may write"), "\(result.errors)")
        #expect(!result.errors.contains("space"), "\(result.errors)")
        #expect(!FileManager.default.fileExists(atPath: target), "nothing half-written")
    }
}
