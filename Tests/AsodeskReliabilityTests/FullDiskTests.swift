#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskTestSupport
import AsodeskLog
@testable import AsodeskDashboard
import AsodeskDomain
import Testing

/// Writes a filler file into `folder` until the filesystem has no byte left; returns its path.
@discardableResult
func fillUp(_ folder: String) -> String {
    let path = folder + "/filler"
    // O_CLOEXEC: a program another test starts meanwhile must not inherit the filler and keep its
    // space taken after the test removes it.
    let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    precondition(descriptor >= 0, "cannot create \(path)")
    for chunk in [1 << 16, 4096, 256, 1] {
        let bytes = [UInt8](repeating: 0x2E, count: chunk)
        while bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress!, chunk) }) == chunk {}
    }
    close(descriptor)
    return path
}

/// A summary whose record is larger than a memory page (about 6 kB in UTF-8, within the 4,000
/// characters a summary may have): it never fits into the room left at the end of the log's last
/// tmpfs page, so the write fails after writing part of the frame (or none).
func pageSizedSummary(_ token: String) -> String {
    "Po naprawie stuka z przodu " + token + " " + Array(repeating: "źdźbło żółć gęś", count: 230).joined(separator: " ")
}

private let tmpfsSkip: Comment = "skipped: the full-disk and read-only-filesystem tests need root to mount a small tmpfs"

@Suite struct FullDiskTests {
    /// The CLI on a tiny tmpfs that is full: each save is refused with exit 4 and a message that
    /// says the disk is full and what to do; no partial frame remains; after freeing space the
    /// same save goes through. The room left in the last page differs from attempt to attempt.
    @Test(.enabled(if: Mounts.tmpfsAvailable, tmpfsSkip))
    func aFullDiskRefusesTheSaveLeavesNoPartialFrameAndSavesOnceThereIsRoom() throws {
        let disk = try TmpfsMount(size: "1m")
        defer { disk.unmount() }
        let scratch = TemporaryFolder("asodesk-full")
        let desk = DeskProgram(log: disk.path + "/complaints.log", scratch: scratch.path)
        try #require(try desk.run(["init", "--test"]).ending == .exited(0))

        let attempts = LongRun.count(ci: 4, full: 25)
        var refused = 0, shortWrites = 0, partialFramesLeft = 0, savedAfterFreeing = 0
        var saved: [String] = []
        for attempt in 0..<attempts {
            // A complaint of random length first, so the failing write stops at a different depth.
            let small = Tokens.make(writer: 0, item: attempt)
            let added = try desk.run(DeskProgram.add(summary: "Opis \(small) " + String(repeating: "x", count: Int.random(in: 5...3000))))
            try #require(added.ending == .exited(0), "\(added.errors)")
            saved.append(small)

            let before = readBytes(desk.log)
            let filler = fillUp(disk.path)
            let big = Tokens.make(writer: 1, item: attempt)
            let full = try desk.run(DeskProgram.add(summary: pageSizedSummary(big)))
            #expect(full.ending == .exited(4), "attempt \(attempt): \(full.ending) \(full.output) \(full.errors)")
            #expect(full.errors.contains("Nothing was saved") && full.errors.contains("disk holding the log is full")
                    && full.errors.contains("free some disk space"), "\(full.errors)")
            #expect(!full.output.contains("saved"))
            if full.ending == .exited(4) { refused += 1 }
            // "…; 1234 of 4310 bytes had been written": part of the frame went out before the disk filled.
            if full.errors.contains("bytes had been written") { shortWrites += 1 }
            let after = readBytes(desk.log)
            if after != before { partialFramesLeft += 1 }
            #expect(after == before, "attempt \(attempt): the log is \(after.count) bytes, was \(before.count)")
            let verified = try desk.run(["verify"])
            #expect(verified.ending == .exited(0), "\(verified.output) \(verified.errors)")

            try FileManager.default.removeItem(atPath: filler)
            let retried = try desk.run(DeskProgram.add(summary: pageSizedSummary(big)))
            #expect(retried.ending == .exited(0), "\(retried.errors)")
            if retried.output.contains("saved") {
                savedAfterFreeing += 1
                saved.append(big)
            }
        }

        let contents = try LogContents(path: desk.log)
        let counts = Tokens.count(in: contents.records)
        let lost = saved.filter { counts[$0] != 1 }
        #expect(lost.isEmpty, "\(lost)")
        #expect(counts.count == saved.count, "nothing refused is in the log")
        #expect(contents.sequencesAreGapless && contents.numbersAreGapless && contents.health == .healthy)
        #expect(contents.pendingTailBytes == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == ["complaints.log"], "no quarantine left behind")

        Figures.report("disk full (tmpfs, asodesk add)", [
            "attempts": attempts, "refused with exit4": refused, "short writes": shortWrites, "partial frames left": partialFramesLeft,
            "saved after freeing": savedAfterFreeing, "earlier records lost": lost.count,
        ])
    }

    /// The dashboard on a full disk: the intake form's save fails, the message line says why,
    /// the form stays open with every value typed; once there is room the same form saves.
    @Test(.enabled(if: Mounts.tmpfsAvailable, tmpfsSkip))
    func theIntakeFormKeepsWhatWasTypedWhileTheDiskIsFull() throws {
        let disk = try TmpfsMount(size: "4m")
        defer { disk.unmount() }
        let log = disk.path + "/complaints.log"
        try DashboardDriver.writeDemoLog(at: log)
        let dashboard = try DashboardDriver.dashboard(logPath: log)
        let values = DashboardDriver.typed(summary: pageSizedSummary("⟦w0:i0⟧"))
        let screen = try DashboardDriver.openIntakeAndType(dashboard, values)
        let complaintsBefore = dashboard.desk.state.complaints.count
        let before = readBytes(log)

        let filler = fillUp(disk.path)
        DashboardDriver.press(dashboard, .function(2))
        #expect(dashboard.top === screen, "the form stays open")
        #expect(dashboard.message?.role == .error)
        let message = dashboard.message?.text ?? ""
        #expect(message.contains("Nothing was saved") && message.contains("disk holding the log is full") && message.contains("free some disk space"),
                "\(message)")
        #expect(DashboardDriver.screenText(dashboard).contains("disk holding the log is full"), "the message line shows it")
        #expect(DashboardDriver.keepsEverything(screen, values))
        #expect(dashboard.desk.state.complaints.count == complaintsBefore)
        #expect(readBytes(log) == before, "no partial frame")
        #expect(try EventLog.verify(path: log).isHealthy)

        try FileManager.default.removeItem(atPath: filler)
        DashboardDriver.press(dashboard, .function(2))
        let detail = try #require(dashboard.top as? DetailScreen, "saved once there is room: \(dashboard.message?.text ?? "no message")")
        let complaint = try #require((try? dashboard.desk.complaint(detail.number)))
        #expect(complaint.intake.customer == "Grzegorz Brzęczyszczykiewicz")
        #expect(complaint.intake.summary == values.first { $0.0 == .summary }?.1)
        #expect(dashboard.desk.state.complaints.count == complaintsBefore + 1)
        #expect(try EventLog.verify(path: log).isHealthy)

        Figures.report("disk full (dashboard intake form)", [
            "refused saves": 1, "fields kept": values.filter { screen.form[$0.0.rawValue] == $0.1 }.count,
            "fields typed": values.count, "saved after freeing": 1,
        ])
    }
}

extension FullDiskTests {
    /// A repair that runs out of disk (its quarantine, its copy or its backup cannot be written)
    /// leaves the log as it was and nothing beside it: no empty quarantine file, no half copy.
    @Test(.enabled(if: Mounts.tmpfsAvailable, tmpfsSkip))
    func aRepairOnAFullDiskLeavesTheLogAsItWasAndNothingBesideIt() throws {
        let disk = try TmpfsMount(size: "256k")
        defer { disk.unmount() }
        let path = disk.path + "/complaints.log"
        let records = try makeLog(at: path, count: 300, padding: 200)
        var bytes = readBytes(path)
        bytes[Int(records[150].offset) + 70] ^= 0x08
        writeBytes(bytes, to: path)
        let filler = fillUp(disk.path)
        do {
            _ = try EventLog.repair(path: path, now: Date())
            Issue.record("a repair on a full disk reported success")
        } catch let error as LogError {
            switch error {
            case .io, .writeFailed, .syncFailed: break
            default: Issue.record("unexpected \(error)")
            }
        }
        let unchanged = readBytes(path) == bytes
        #expect(unchanged, "the log is as it was")
        let names = try FileManager.default.contentsOfDirectory(atPath: disk.path).sorted()
        #expect(names == ["complaints.log", "filler"], "left behind: \(names)")
        try FileManager.default.removeItem(atPath: filler)
        #expect(try EventLog.repair(path: path, now: Date()).changed, "with room, the same repair goes through")
        Figures.report("repair on a full disk", ["files left behind": names.count - 2, "log unchanged": unchanged])
    }
}

@Suite struct ReadOnlyLogTests {
    /// A log on a filesystem remounted read-only: CLI writes are refused with exit 4 and the
    /// reason; reading, listing and verifying work.
    @Test(.enabled(if: Mounts.tmpfsAvailable, tmpfsSkip))
    func onAReadOnlyFilesystemTheCLIRefusesWritesAndReads() throws {
        let disk = try TmpfsMount(size: "1m")
        defer { disk.unmount() }
        let scratch = TemporaryFolder("asodesk-readonly")
        let desk = DeskProgram(log: disk.path + "/complaints.log", scratch: scratch.path)
        try #require(try desk.run(["init", "--test"]).ending == .exited(0))
        for item in 0..<2 { try #require(try desk.run(DeskProgram.add(token: Tokens.make(writer: 0, item: item))).ending == .exited(0)) }
        let before = readBytes(desk.log)
        try disk.remount(readOnly: true)

        let writes: [[String]] = [
            DeskProgram.note(serial: 1, token: Tokens.make(writer: 1, item: 0)),
            DeskProgram.add(token: Tokens.make(writer: 1, item: 1)),
            ["ack", "R/2026/0002"],
        ]
        var refused = 0
        for arguments in writes {
            let result = try desk.run(arguments)
            #expect(result.ending == .exited(4), "\(arguments[0]): \(result.ending) \(result.errors)")
            #expect(result.errors.contains("Nothing was saved because the event log can only be read here: the log is on a read-only filesystem"),
                    "\(arguments[0]): \(result.errors)")
            if result.ending == .exited(4) { refused += 1 }
        }
        let listed = try desk.run(["list"])
        #expect(listed.ending == .exited(0) && listed.output.contains("R/2026/0001") && listed.output.contains("R/2026/0002"), "\(listed.errors)")
        #expect(listed.errors.contains("read-only"), "a read tells that nothing can be saved here: \(listed.errors)")
        let shown = try desk.run(["show", "R/2026/0001"])
        #expect(shown.ending == .exited(0), "\(shown.errors)")
        let verified = try desk.run(["verify"])
        #expect(verified.ending == .exited(0), "\(verified.errors)")
        #expect(readBytes(desk.log) == before)

        Figures.report("read-only filesystem (asodesk CLI)", ["writes tried": writes.count, "refused with exit4": refused, "reads working": 3])
    }

    /// A log file this user may read but not write (run as nobody; root ignores file modes).
    @Test(.enabled(if: Mounts.isRoot && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
                   "skipped: needs root and /usr/bin/setpriv to run asodesk as the user nobody"))
    func aLogWithoutWritePermissionRefusesWritesAndReads() throws {
        let scratch = TemporaryFolder("asodesk-nobody")
        chmod(scratch.path, 0o755)
        let desk = DeskProgram(log: scratch.file("complaints.log"), scratch: scratch.path)
        try #require(try desk.run(["init", "--test"]).ending == .exited(0))
        try #require(try desk.run(DeskProgram.add(token: Tokens.make(writer: 0, item: 0))).ending == .exited(0))
        chmod(desk.log, 0o644)
        let before = readBytes(desk.log)
        // The build folder may not be reachable by nobody: run a copy with its resources beside it.
        let binary = try NobodyCopy.make(in: scratch.path)

        func asNobody(_ arguments: [String]) throws -> ProcessOutput {
            try run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/env", "-i"]
                    + desk.environment.map { "\($0.key)=\($0.value)" } + [binary] + arguments)
        }
        let note = try asNobody(DeskProgram.note(serial: 1, token: Tokens.make(writer: 1, item: 0)))
        #expect(note.status == 4, "\(note.output) \(note.errors)")
        #expect(note.errors.contains("Nothing was saved because the event log can only be read here: permission denied"), "\(note.errors)")
        let listed = try asNobody(["list"])
        #expect(listed.status == 0 && listed.output.contains("R/2026/0001"), "\(listed.output) \(listed.errors)")
        #expect(readBytes(desk.log) == before)

        Figures.report("log without write permission (asodesk CLI as nobody)", ["writes tried": 1, "refused with exit4": note.status == 4 ? 1 : 0])
    }

    /// The dashboard on a read-only log: it opens, the status line says read-only and why,
    /// browsing works, and a typed intake form is refused with every value kept.
    @Test(.enabled(if: Mounts.tmpfsAvailable, tmpfsSkip))
    func theDashboardOpensReadOnlyBrowsesAndKeepsATypedForm() throws {
        let disk = try TmpfsMount(size: "4m")
        defer { disk.unmount() }
        let log = disk.path + "/complaints.log"
        try DashboardDriver.writeDemoLog(at: log)
        try disk.remount(readOnly: true)

        // Wide enough for the whole reason on the status line (narrower terminals cut it short;
        // the message line shown on opening gives it in full).
        let dashboard = try DashboardDriver.dashboard(logPath: log, width: 120)
        let opened = DashboardDriver.screenText(dashboard)
        #expect(opened.contains("the log is read-only here (the log is on a read-only filesystem)"), "\(opened)")
        DashboardDriver.press(dashboard, .down)
        let statusLine = DashboardDriver.screenText(dashboard).split(separator: "\n").last { $0.contains("Log read-only") }
        #expect(statusLine?.contains("Log read-only: the log is on a read-only filesystem") == true, "\(statusLine ?? "")")
        let polish = try DashboardDriver.dashboard(logPath: log, language: .polish)
        #expect(DashboardDriver.screenText(polish).contains("Log tylko do odczytu"))

        DashboardDriver.press(dashboard, .enter)
        let detail = try #require(dashboard.top as? DetailScreen, "browsing: a complaint opens")
        #expect(DashboardDriver.screenText(dashboard).contains(detail.number.description))
        DashboardDriver.press(dashboard, .escape)
        #expect(dashboard.top is QueueScreen)

        let values = DashboardDriver.typed(summary: "Po naprawie zawieszenia nadal stuka z przodu ⟦w0:i0⟧.")
        let screen = try DashboardDriver.openIntakeAndType(dashboard, values)
        let complaints = dashboard.desk.state.complaints.count
        DashboardDriver.press(dashboard, .function(2))
        #expect(dashboard.top === screen, "the form stays open")
        #expect(dashboard.message?.role == .error)
        #expect(dashboard.message?.text.contains("can only be read here: the log is on a read-only filesystem") == true,
                "\(dashboard.message?.text ?? "")")
        #expect(DashboardDriver.keepsEverything(screen, values))
        #expect(dashboard.desk.state.complaints.count == complaints)

        Figures.report("read-only filesystem (dashboard)", [
            "opened": 1, "refused saves": 1, "fields kept": values.filter { screen.form[$0.0.rawValue] == $0.1 }.count,
            "fields typed": values.count,
        ])
    }
}

extension ReadOnlyLogTests {
    /// End to end in a terminal: the real dashboard on a log on a read-only filesystem shows it
    /// on the status line, with the reason, and quits normally.
    @Test(.enabled(if: Mounts.tmpfsAvailable && TmuxDesk.isAvailable, "skipped: needs root (tmpfs) and tmux"))
    func theDashboardInATerminalSaysReadOnlyAndWhy() throws {
        let desk = try TmuxDesk(width: 120, height: 30)
        defer { desk.shutDown() }
        let disk = try TmpfsMount(size: "4m")
        defer { disk.unmount() }
        let log = disk.path + "/complaints.log"
        // Its own demo log, not TmuxDesk's: that one may still be being written by the shell.
        try DashboardDriver.writeDemoLog(at: log)
        try disk.remount(readOnly: true)

        desk.type("asodesk --log \(log) --lang en; echo EXIT=$?")
        let screen = try desk.waitFor("Log read-only")
        let statusLine = screen.split(separator: "\n").last { $0.contains("Log read-only") } ?? ""
        #expect(statusLine.contains("✗ Log read-only: the log is on a read-only filesystem"), "\(screen)")
        desk.press("Down")
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }
}

/// A copy of the asodesk binary and its resource bundles in a folder the user nobody can reach.
enum NobodyCopy {
    static func make(in folder: String) throws -> String {
        let binFolder = (Programs.asodesk as NSString).deletingLastPathComponent
        let copy = folder + "/asodesk"
        // Copied by cp, not in this process: a child another test spawns meanwhile would inherit
        // the copy's open descriptor, and running the copy would then fail with "text file busy".
        try runTool("cp", [Programs.asodesk, copy])
        for name in try FileManager.default.contentsOfDirectory(atPath: binFolder) where name.hasSuffix(".resources") {
            try runTool("cp", ["-R", binFolder + "/" + name, folder + "/" + name])
        }
        try runTool("chmod", ["-R", "a+rX", folder])
        return copy
    }
}
