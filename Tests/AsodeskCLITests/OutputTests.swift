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
        runs.append(("init", try cli.run("init", "--log", log, env: ["XDG_CONFIG_HOME": configHome], in: folder)))
        runs.append(("init again", try cli.run("init", "--log", log, in: folder)))
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
        #expect(runs[0].1.out.contains("Created an empty log at") && runs[0].1.out.contains("␛]0;PWNED␇"), "\(runs[0].1.out)")
        #expect(runs[3].1.err.contains("Wrote 1 complaint to"), "\(runs[3].1.err)")
        #expect(runs[5].1.out.contains("Try: asodesk list --log"), "\(runs[5].1.out)")
    }
}
