#if canImport(Glibc)
import Glibc
#endif
import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskTerminal
import AsodeskTestSupport
import Foundation
import Testing

/// A member of the desk's group may write the log's folder by design. Whatever names they plant
/// there (symbolic links at every name asodesk creates, for the next process ids too), no write is
/// redirected: the file they point at keeps its bytes and its mode, and asodesk either writes
/// elsewhere or refuses, saying why.
@Suite(.serialized) struct PlantedLinkTests {
    struct Victim {
        let file: String
        /// Empty: a new log would look at home in it.
        let empty: String
        let folder: String
        let bytes: [UInt8] = Array("someone else's file\n".utf8)

        init(in directory: String) throws {
            file = directory + "/victim.txt"
            empty = directory + "/empty-victim.txt"
            folder = directory + "/victim-folder"
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            chmod(file, 0o604)
            try Data().write(to: URL(fileURLWithPath: empty))
            chmod(empty, 0o604)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            chmod(folder, 0o755)
        }

        /// What may have changed: the file's bytes or mode, the folder's contents or mode.
        var changes: [String] {
            var found: [String] = []
            if readBytes(file) != bytes { found.append("\(file) bytes") }
            if mode(file) != 0o604 { found.append("\(file) mode \(String(mode(file), radix: 8))") }
            if !readBytes(empty).isEmpty { found.append("\(empty) bytes") }
            if mode(empty) != 0o604 { found.append("\(empty) mode \(String(mode(empty), radix: 8))") }
            if mode(folder) != 0o755 { found.append("\(folder) mode \(String(mode(folder), radix: 8))") }
            let inside = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? ["?"]
            if !inside.isEmpty { found.append("\(folder) holds \(inside)") }
            return found
        }

        func mode(_ path: String) -> mode_t {
            var info = stat()
            return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
        }
    }

    static func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    @Test func linksPlantedAtEveryNameAsodeskCreatesRedirectNoWrite() throws {
        let cli = try CLI()
        let folder = cli.directory
        let victim = try Victim(in: folder)
        var planted = 0
        func plant(_ name: String, to target: String) {
            #expect(symlink(target, name) == 0, "planting \(name)")
            planted += 1
        }
        #expect(try cli.run("init", "--test").status == 0)
        let added = try cli.run("add", "--customer", "Jan Kowalski", "--phone", "601234567", "--summary", "Hamulce piszczą po naprawie")
        #expect(added.status == 0, "\(added.err)")
        let logBefore = readBytes(cli.log)

        // The snapshot's temporaries for the next few hundred process ids (the older, guessable
        // name), and the snapshot's own name.
        let lastPid = Int((try? String(contentsOfFile: "/proc/sys/kernel/ns_last_pid", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? Int(getpid())
        for pid in (lastPid + 1)...(lastPid + 300) { plant(cli.log + ".snapshot.tmp-\(pid)", to: victim.file) }
        plant(cli.log + ".snapshot", to: victim.file)
        // The private cache folder, pointing at someone else's folder.
        let cacheHome = folder + "/cache"
        try FileManager.default.createDirectory(atPath: cacheHome, withIntermediateDirectories: true)
        plant(cacheHome + "/asodesk", to: victim.folder)

        // The real program: exports to a planted name, with and without --force.
        let exportName = folder + "/export.csv"
        plant(exportName, to: victim.file)
        var refusedClearly = 0
        for force in [false, true] {
            let result = try cli.run(arguments: ["export", "--all", "-o", exportName] + (force ? ["--force"] : []))
            #expect(result.status == 1 && result.err.contains("symbolic link"), "export force=\(force): \(result.err)")
            if result.status == 1 && result.err.contains("symbolic link") { refusedClearly += 1 }
        }

        // A new log (init, demo) at a name that is a link to an empty file, or to nothing.
        let plantedLog = folder + "/planted.log", danglingLog = folder + "/dangling.log"
        plant(plantedLog, to: victim.empty)
        plant(danglingLog, to: folder + "/nothing-here.log")
        for log in [plantedLog, danglingLog] {
            for command in ["init", "demo"] {
                let result = try cli.run(command, "--log", log)
                #expect(result.status == 1 && result.err.contains("symbolic link"), "\(command) --log \(log): \(result.err)")
                if result.status == 1 && result.err.contains("symbolic link") { refusedClearly += 1 }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/nothing-here.log"))

        // The snapshot, as the dashboard saves it on quit: beside the log is a link, so the cache;
        // the cache folder is a link, so nothing.
        let environment = ["HOME": folder, "XDG_CACHE_HOME": cacheHome]
        let store = SnapshotStore(logPath: cli.log, rewriteAfterRecords: 1, environment: environment)
        let desk = try Desk(log: try EventLog(path: cli.log, create: false), config: .standard,
                            procedures: try ProcedureLibrary.bundled(), snapshots: store)
        #expect(throws: SnapshotError.self, "no private cache folder: no snapshot") { try desk.saveSnapshot() }
        refusedClearly += 1
        // Without the planted cache folder the snapshot goes to a real private one instead.
        unlink(cacheHome + "/asodesk")
        let cached = try desk.saveSnapshot()
        #expect(cached == store.inCache)
        #expect(victim.mode(cacheHome + "/asodesk") == 0o700 && !Self.isLink(cacheHome + "/asodesk"))
        // Without the planted snapshot, beside the log again, under a name nobody could plant.
        unlink(store.besideLog)
        #expect(try desk.saveSnapshot() == store.besideLog)
        #expect(!Self.isLink(store.besideLog) && victim.mode(store.besideLog) == 0o660)

        // The shift handover: every name of this minute taken by a link; the next free one is used.
        let handovers = folder + "/handovers"
        try FileManager.default.createDirectory(atPath: handovers, withIntermediateDirectories: true)
        let style = LocalStyle(language: .english, timeZone: TimeZone(identifier: "Europe/Warsaw")!)
        let now = Date(timeIntervalSince1970: 1_795_426_200)
        let base = handovers + "/" + ShiftHandover.baseName(now, style: style)
        for attempt in 1...5 { plant(base + (attempt == 1 ? "" : "-\(attempt)") + ".txt", to: victim.file) }
        let handover = try ShiftHandover.write("PRZEKAZANIE ZMIANY\n", into: handovers, now: now, style: style)
        #expect(handover == base + "-6.txt")

        // The frame trace of the benchmarks: a planted name turns tracing off.
        let trace = folder + "/trace.txt"
        plant(trace, to: victim.file)
        #expect(FrameTrace(env: [FrameTrace.environmentVariable: trace]) == nil)

        let changes = victim.changes
        #expect(changes.isEmpty, "\(changes)")
        #expect(readBytes(cli.log) == logBefore, "the log is untouched")
        Figures.report("symlinks planted", ["planted": planted, "victims changed": changes.count, "refused clearly": refusedClearly])
    }
}
