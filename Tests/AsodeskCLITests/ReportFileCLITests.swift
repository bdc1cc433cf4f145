#if canImport(Glibc)
import Glibc
#endif
import AsodeskApp
import AsodeskTestSupport
import Foundation
import Testing

/// `report --format text|json|pdf -o FILE` and `export --month -o FILE`: the formats, the
/// languages, and the same file rules as `export -o` and `letter -o`.
@Suite(.serialized) struct ReportFileCLITests {
    static func bytes(_ path: String) -> [UInt8] { (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? [] }

    static func deskWithAComplaint() throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let added = try cli.run("add", "--customer", "Jan Kowalski", "--phone", "601234567", "--summary", "Hamulce piszczą po naprawie",
                                "--at", "2026-11-23T10:00:00+01:00")
        #expect(added.status == 0, "\(added.err)")
        return cli
    }

    @Test func theReportIsWrittenAsTextJSONOrPDFInEitherLanguage() throws {
        let cli = try Self.deskWithAComplaint()
        let text = cli.directory + "/report.txt", json = cli.directory + "/report.json"
        let pdf = cli.directory + "/report.pdf", polish = cli.directory + "/raport.pdf"
        #expect(try cli.run("report", "--month", "2026-11", "--format", "text", "-o", text).status == 0)
        #expect(String(decoding: Self.bytes(text), as: UTF8.self) == (try cli.run("report", "--month", "2026-11").out))
        #expect(try cli.run("report", "--month", "2026-11", "--format", "json", "-o", json).status == 0)
        // --json stays the alias of --format json.
        #expect(String(decoding: Self.bytes(json), as: UTF8.self) == (try cli.run("report", "--month", "2026-11", "--json").out))
        #expect(String(decoding: Self.bytes(json), as: UTF8.self) == (try cli.run("report", "--month", "2026-11", "--format", "json").out))
        let written = try cli.run("report", "--month", "2026-11", "--format", "pdf", "-o", pdf)
        #expect(written.status == 0 && written.err.contains("Wrote"), "\(written.err)")
        #expect(try cli.run("report", "--month", "2026-11", "--format", "pdf", "--lang", "pl", "-o", polish).status == 0)
        for (file, words) in [(pdf, ["page 1 of ", "complaint desk report for 2026-11", "Figure"]),
                              (polish, ["strona 1 z ", "raport działu reklamacji za 2026-11", "Wskaźnik"])] {
            #expect(Self.bytes(file).starts(with: Array("%PDF-".utf8)))
            var info = stat()
            #expect(stat(file, &info) == 0 && info.st_mode & 0o777 == 0o640, "readable by owner and group only")
            let back = try run("/usr/bin/pdftotext", ["-enc", "UTF-8", file, "-"]).output
            for word in words { #expect(back.contains(word), "\(file): \(word)") }
        }
        // The same report twice: the same bytes.
        let again = cli.directory + "/again.pdf"
        #expect(try cli.run("report", "--month", "2026-11", "--format", "pdf", "-o", again).status == 0)
        #expect(Self.bytes(again) == Self.bytes(pdf))
        let polishText = try cli.run("report", "--month", "2026-11", "--format", "text", "--lang", "pl")
        #expect(polishText.status == 0 && polishText.out.contains("Wskaźnik") && !polishText.out.contains("Figure"))
    }

    @Test func aWrongFormatOrAPDFWithoutAFileIsRefusedSayingWhatToGive() throws {
        let cli = try Self.deskWithAComplaint()
        let cases: [([String], String)] = [
            (["report", "--format", "docx"], "is not text, json or pdf"),
            (["report", "--format", "pdf"], "give -o FILE"),
            (["report", "--format", "text", "--json"], "--json is --format json"),
            (["report", "--force"], "give -o FILE"),
            (["export", "--month", "2026-13"], "is not a month like 2026-11"),
            (["export", "--month", "2026-11", "--all"], "--month already holds"),
        ]
        for (arguments, words) in cases {
            let result = try cli.run(arguments: arguments)
            #expect(result.status != 0 && result.err.contains(words), "\(arguments): \(result.err)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory).allSatisfy { !$0.hasSuffix(".pdf") })
    }

    @Test func anExistingFileALinkOrTheLogsOwnFilesAreNeverWrittenOver() throws {
        let cli = try Self.deskWithAComplaint()
        let existing = cli.directory + "/old.pdf", linked = cli.directory + "/link.pdf", elsewhere = cli.directory + "/elsewhere.txt"
        try Data("old".utf8).write(to: URL(fileURLWithPath: existing))
        try Data("elsewhere".utf8).write(to: URL(fileURLWithPath: elsewhere))
        #expect(symlink(elsewhere, linked) == 0)
        let logBefore = Self.bytes(cli.log)
        for command in [["report", "--month", "2026-11", "--format", "pdf"], ["report", "--month", "2026-11", "--format", "json"],
                        ["export", "--month", "2026-11"]] {
            let refused = try cli.run(arguments: command + ["-o", existing])
            #expect(refused.status == 1 && refused.err.contains("--force"), "\(command): \(refused.err)")
            #expect(Self.bytes(existing) == Array("old".utf8))
            for force in [false, true] {
                let link = try cli.run(arguments: command + ["-o", linked] + (force ? ["--force"] : []))
                #expect(link.status == 1 && link.err.contains("symbolic link"), "\(command): \(link.err)")
                let log = try cli.run(arguments: command + ["-o", cli.log] + (force ? ["--force"] : []))
                #expect(log.status == 1 && log.err.contains("complaint log"), "\(command): \(log.err)")
            }
            #expect(Self.bytes(elsewhere) == Array("elsewhere".utf8))
            #expect(Self.bytes(cli.log) == logBefore)
        }
        let replaced = try cli.run("report", "--month", "2026-11", "--format", "pdf", "-o", existing, "--force")
        #expect(replaced.status == 0, "\(replaced.err)")
        #expect(Self.bytes(existing).starts(with: Array("%PDF-".utf8)))
        #expect(try cli.run("verify").status == 0)
    }

    @Test func theMonthsExportHoldsItsComplaintsAndEveryColumn() throws {
        let cli = try Self.deskWithAComplaint()
        let out = cli.directory + "/2026-11.csv"
        let written = try cli.run("export", "--month", "2026-11", "-o", out)
        #expect(written.status == 0 && written.err.contains("Wrote 1 complaint"), "\(written.err)")
        let csv = String(decoding: Self.bytes(out), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}number,channel,category,priority,legal_basis,owner_at_receipt,owner_now"))
        for column in ["received_at", "acknowledgement_verdict", "decision_verdict_at", "legal_verdict", "earlier_cycles", "cause", "actions"] {
            #expect(csv.contains(column), "\(column)")
        }
        #expect(csv.contains("\"R/2026/0001\"") && csv.contains("\"within-deadline\""))
        let october = try cli.run("export", "--month", "2026-10")
        #expect(october.status == 0 && !october.out.contains("R/2026/0001"), "received in November: not in October's figures")
        // The queue's export is unchanged beside it.
        #expect(try cli.run("export").out.hasPrefix("number,state,waiting_for"))
    }
}
