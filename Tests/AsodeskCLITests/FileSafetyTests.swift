#if canImport(Glibc)
import Glibc
#endif
import AsodeskApp
import AsodeskTestSupport
import Foundation
import Testing

/// No command writes over the log, its own files, or a file nobody asked it to replace; a file
/// given by the user is created new, or with --force replaced atomically.
@Suite(.serialized) struct FileSafetyTests {
    static func bytes(_ path: String) -> [UInt8] { (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? [] }

    static func identity(_ path: String) -> (UInt64, UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// A log with one complaint in it.
    static func deskWithAComplaint() throws -> CLI {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let added = try cli.run("add", "--customer", "Jan Kowalski", "--phone", "601234567", "--summary", "Hamulce piszczą po naprawie")
        #expect(added.status == 0, "\(added.err)")
        return cli
    }

    @Test func exportNeverWritesOverTheLogOrItsFilesByWhateverNameReachesThem() throws {
        let cli = try Self.deskWithAComplaint()
        let backup = cli.log + ".bak-20261123T120000Z"
        let quarantine = cli.log + ".quarantine-7-20261123T120000Z"
        for side in [backup, quarantine] { try Data(Self.bytes(cli.log)).write(to: URL(fileURLWithPath: side)) }
        let linked = cli.directory + "/link-to-log.csv", hardLinked = cli.directory + "/hard-link-to-log.csv"
        #expect(symlink(cli.log, linked) == 0)
        #expect(link(cli.log, hardLinked) == 0)
        let before = [cli.log, backup, quarantine].map(Self.bytes)
        // The log by its name, a relative name, a link, a hard link; its backup and quarantine files.
        let targets: [(name: String, folder: String?)] = [
            (cli.log, nil), ("complaints.log", cli.directory), ("./sub/../complaints.log", cli.directory),
            (linked, nil), (hardLinked, nil), (backup, nil), (quarantine, nil),
        ]
        try FileManager.default.createDirectory(atPath: cli.directory + "/sub", withIntermediateDirectories: true)
        var refused = 0
        for target in targets {
            for force in [false, true] {
                let result = try cli.run(arguments: ["export", "--all", "-o", target.name] + (force ? ["--force"] : []), in: target.folder)
                #expect(result.status == 1, "export -o \(target.name) force=\(force): \(result.err)")
                let saysWhat = result.err.contains("complaint log") || result.err.contains("symbolic link")
                #expect(saysWhat, "export -o \(target.name) force=\(force): \(result.err)")
                if result.status == 1 { refused += 1 }
            }
        }
        #expect([cli.log, backup, quarantine].map(Self.bytes) == before, "the log and its files are byte-identical")
        #expect(refused == targets.count * 2)
        #expect(try cli.run("verify").status == 0)
    }

    @Test func exportNeverCreatesAFileUnderANameTheLogKeepsForItsOwnFiles() throws {
        let cli = try Self.deskWithAComplaint()
        let names = ["complaints.log.snapshot", "complaints.log.snapshot.tmp-1-x", "complaints.log.repair-x.tmp",
                     "complaints.log.quarantine-900-20991231T000000Z", "complaints.log.backup-anything", "complaints.log.bak-1"]
        for name in names {
            // Not there yet; by a full path and by a path through another folder name.
            for target in [cli.directory + "/" + name, cli.directory + "/sub/../" + name] {
                try FileManager.default.createDirectory(atPath: cli.directory + "/sub", withIntermediateDirectories: true)
                for force in [false, true] {
                    let result = try cli.run(arguments: ["export", "--all", "-o", target] + (force ? ["--force"] : []))
                    #expect(result.status == 1, "export -o \(target) force=\(force): \(result.err)")
                    #expect(result.err.contains("is named like") && result.err.contains("choose another name"), "\(result.err)")
                    #expect(!FileManager.default.fileExists(atPath: cli.directory + "/" + name), "nothing written as \(name)")
                }
            }
        }
        // The log's snapshot in the cache, before it exists.
        let cache = cli.directory + "/cache"
        try FileManager.default.createDirectory(atPath: cache + "/asodesk", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let inCache = SnapshotStore(logPath: cli.log, environment: ["XDG_CACHE_HOME": cache]).inCache
        for target in [inCache, cache + "/asodesk/../asodesk/" + (inCache as NSString).lastPathComponent] {
            let cached = try cli.run("export", "-o", target, env: ["XDG_CACHE_HOME": cache])
            #expect(cached.status == 1 && cached.err.contains("is named like its snapshot"), "\(target): \(cached.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: inCache))
        // A name like another log's file is fine where that log is not (a different folder or stem).
        #expect(try cli.run("export", "-o", cli.directory + "/sub/complaints.log.snapshot").status == 0)
        #expect(try cli.run("export", "-o", cli.directory + "/other.log.backup-1").status == 0)

        // A new log under the name of an existing log's own file would be listed, set aside or deleted as one.
        let newLog = try cli.run("init", "--test", "--log", cli.log + ".repair-1.tmp")
        #expect(newLog.status == 1 && newLog.err.contains("is named like a repair's copy of the log"), "\(newLog.err)")
        #expect(!FileManager.default.fileExists(atPath: cli.log + ".repair-1.tmp"))
    }

    @Test func exportRefusesAnExistingFileUnlessForcedAndThenReplacesItAtomically() throws {
        let cli = try Self.deskWithAComplaint()
        let target = cli.directory + "/e.csv"
        try Data("someone's notes\n".utf8).write(to: URL(fileURLWithPath: target))
        let refused = try cli.run("export", "-o", target)
        #expect(refused.status == 1)
        #expect(refused.err.contains("already exists") && refused.err.contains("--force"), "\(refused.err)")
        #expect(Self.bytes(target) == Array("someone's notes\n".utf8), "a refused export writes nothing")

        let oldIdentity = Self.identity(target)
        let forced = try cli.run("export", "-o", target, "--force")
        #expect(forced.status == 0, "\(forced.err)")
        let written = String(decoding: Self.bytes(target), as: UTF8.self)
        #expect(written.hasPrefix("\u{FEFF}number,state,") && written.contains("R/2026/0001"))
        #expect(Self.identity(target).map { $0.1 } != oldIdentity.map { $0.1 }, "a new file renamed over the old one, not rewritten in place")
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")

        // A link at the name is not followed, even with --force.
        let victim = cli.directory + "/victim.txt", planted = cli.directory + "/planted.csv"
        try Data("victim\n".utf8).write(to: URL(fileURLWithPath: victim))
        #expect(symlink(victim, planted) == 0)
        for arguments in [["export", "-o", planted], ["export", "-o", planted, "--force"]] {
            let result = try cli.run(arguments: arguments)
            #expect(result.status == 1 && result.err.contains("symbolic link"), "\(arguments): \(result.err)")
        }
        #expect(Self.bytes(victim) == Array("victim\n".utf8))

        let help = try cli.run("export", "--help")
        #expect(help.out.contains("--force") && help.out.contains("Never written"), "the rule is in --help")
    }

    // MARK: Relative paths and options before the command

    @Test func relativePathsWorkForEveryOptionAndTheEnvironment() throws {
        let cli = try CLI()
        let folder = cli.directory
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        let first = try cli.run("init", "--test", "--log", "desk.log", in: folder)
        #expect(first.status == 0, "a bare name in the current folder: \(first.err)")
        #expect(FileManager.default.fileExists(atPath: folder + "/desk.log"))
        #expect(try cli.run("init", "--test", "--log", "sub/nested.log", in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/sub/nested.log"))
        #expect(try cli.run("init", "--test", "--log", "./dot.log", in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/dot.log"))
        let added = try cli.run("add", "--log", "desk.log", "--customer", "Jan Kowalski", "--phone", "601234567",
                                "--summary", "Hamulce piszczą po naprawie", in: folder)
        #expect(added.status == 0, "\(added.err)")
        for (arguments, place) in [(["list", "--log", "./desk.log"], folder), (["list", "--log", "../desk.log"], folder + "/sub"),
                                   (["list", "--log", "sub/../desk.log"], folder)] {
            let listed = try cli.run(arguments: arguments, in: place)
            #expect(listed.status == 0 && listed.out.contains("R/2026/0001"), "\(arguments) in \(place): \(listed.err)")
        }
        let fromEnvironment = try cli.run("list", env: ["ASODESK_LOG": "desk.log"], in: folder)
        #expect(fromEnvironment.status == 0 && fromEnvironment.out.contains("R/2026/0001"), "ASODESK_LOG=desk.log: \(fromEnvironment.err)")
        try "[site]\nname = \"ASO Względna\"\n".write(toFile: folder + "/sub/site.toml", atomically: true, encoding: .utf8)
        for (arguments, environment) in [(["report", "--log", "desk.log", "--config", "sub/site.toml"], [String: String]()),
                                         (["report", "--log", "desk.log"], ["ASODESK_CONFIG": "./sub/site.toml"])] {
            let report = try cli.run(arguments: arguments, env: environment, in: folder)
            #expect(report.status == 0, "\(arguments) \(environment): \(report.err)")
        }
        let exported = try cli.run("export", "--log", "desk.log", "-o", "sub/out.csv", in: folder)
        #expect(exported.status == 0, "\(exported.err)")
        #expect(FileManager.default.fileExists(atPath: folder + "/sub/out.csv"))
    }

    @Test func sharedOptionsBeforeTheCommandApplyToIt() throws {
        let cli = try CLI()
        let folder = cli.directory
        #expect(try cli.run("--log", "desk.log", "init", "--test", in: folder).status == 0)
        #expect(try cli.run("--log=desk.log", "--as", "anowak", "add", "--customer", "Jan Kowalski", "--phone", "601234567",
                            "--summary", "Hamulce piszczą po naprawie", in: folder).status == 0)
        let listed = try cli.run("--log", "desk.log", "list", "--json", in: folder)
        #expect(listed.status == 0, "\(listed.err)")
        #expect(listed.out.contains("R/2026/0001"))
        try "[site]\nname = \"ASO\"\n".write(toFile: folder + "/site.toml", atomically: true, encoding: .utf8)
        let configured = try cli.run("--config", "site.toml", "--log", "desk.log", "show", "R/2026/0001", in: folder)
        #expect(configured.status == 0, "\(configured.err)")
        // A shared option the command does not take is named with the command, without a guess at another option.
        let misplaced = try cli.run("--lang", "pl", "--log", "desk.log", "list", in: folder)
        #expect(misplaced.status == 64)
        #expect(misplaced.err.hasPrefix("asodesk: `asodesk list` does not take --lang"), "\(misplaced.err)")
        #expect(misplaced.err.contains("asodesk procedures") && !misplaced.err.contains("Did you mean"), "\(misplaced.err)")
        // Who acts does not matter to a command that records nothing: left out, with a note.
        for arguments in [["--as", "anowak", "--log", "desk.log", "list"], ["--as=anowak", "--log", "desk.log", "report"]] {
            let reading = try cli.run(arguments: arguments, in: folder)
            #expect(reading.status == 0, "\(arguments): \(reading.err)")
            #expect(reading.err.contains("note: `asodesk \(arguments.last!)` records nothing") && !reading.err.contains("Did you mean"),
                    "\(reading.err)")
        }
        // The parser's own errors carry the program's prefix too.
        let unknown = try cli.run("list", "--colour", in: folder)
        #expect(unknown.status == 64 && unknown.err.hasPrefix("asodesk: ") && !unknown.err.contains("Error:"), "\(unknown.err)")
    }

    @Test func aConfigWithEveryDayClosedIsRefusedAtItsLine() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        let config = cli.directory + "/closed.toml"
        let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"].map { "\($0) = \"closed\"" }
        try ("# every day closed\n[hours]\n" + days.joined(separator: "\n") + "\n").write(toFile: config, atomically: true, encoding: .utf8)
        let result = try cli.run("list", "--config", config)
        #expect(result.status == 1, "a config error, not an I/O error: \(result.err)")
        #expect(result.err.contains("closed.toml:2: hours: expected at least one day with opening hours"), "\(result.err)")
    }
}
