#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskTestSupport
import AsodeskLog
import Testing

@Suite struct PowerCutTests {
    /// Writers on the desk's log while the image is copied: what each was told before the freeze.
    struct DeskLoop {
        var stop = false
        var current: (child: Child, token: String)?
        var acknowledged: [String] = []
        var unexpected: [String] = []
    }

    /// A power cut, simulated: writers on an ext4 loop image are frozen (SIGSTOP) at a random
    /// moment and the image file is copied: the copy holds what the block device held, which is
    /// what a cut would leave. The copy is repaired with e2fsck, mounted and opened: every record
    /// a writer was told was saved before the freeze must be there. (The copy is not atomic with
    /// respect to the filesystem's own write-back, so this approximates a cut; see storage-notes.)
    @Test(.enabled(if: Mounts.loopAvailable,
                   "skipped: the power-cut test needs root, loop devices (/dev/loop-control), losetup, mkfs.ext4 and e2fsck"))
    func aCopyOfTheFrozenDiskKeepsEveryAcknowledgedSave() throws {
        let folder = TemporaryFolder("asodesk-powercut")
        let disk = try LoopFilesystem(image: folder.file("disk.img"), mountPoint: folder.file("disk"), makeSizeMB: 64)
        defer { disk.detach() }
        let probeLog = disk.mountPoint + "/probe.log"
        let desk = DeskProgram(log: disk.mountPoint + "/complaints.log", scratch: folder.path)
        try #require(try desk.run(["init", "--test"]).ending == .exited(0))
        try #require(try desk.run(DeskProgram.add(token: "seed")).ending == .exited(0))
        try #require(try run(Programs.logProbe, ["append", probeLog, "1"]).status == 0)

        // Two log-probe writers append without pause ("saved N" after each fdatasync, unbuffered).
        var probes: [Child] = []
        defer {
            for probe in probes {
                probe.signal(SIGCONT)
                probe.signal(SIGKILL)
                probe.wait()
            }
        }
        for index in 0..<2 {
            probes.append(try Child(Programs.logProbe, ["append", probeLog, "100000000"], environment: [:],
                                    outputPath: folder.file("probe-\(index).out"), errorsPath: folder.file("probe-\(index).err")))
        }
        // And the real asodesk adds notes one after another; its "saved" counts once it has exited.
        let loop = Shared(DeskLoop())
        let loopEnded = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            var item = 0
            while true {
                let token = Tokens.make(writer: 9, item: item)
                item += 1
                let started: Child? = loop.with { state in
                    guard !state.stop else { return nil }
                    do {
                        let child = try desk.start(DeskProgram.note(serial: 1, token: token), label: "desk-writer")
                        state.current = (child, token)
                        return child
                    } catch {
                        state.unexpected.append("\(error)")
                        state.stop = true
                        return nil
                    }
                }
                guard let child = started else { break }
                let ending = child.wait()
                loop.with { state in
                    state.current = nil
                    if child.output.contains("saved") { state.acknowledged.append(token) }
                    // Killed after a cut, or ended normally: anything else is a failure.
                    if ending != .exited(0) && ending != .signalled(SIGKILL) {
                        state.unexpected.append("\(token) ended \(ending): \(child.errors)")
                    }
                }
            }
            loopEnded.signal()
        }
        defer {
            loop.with { $0.stop = true }
            loopEnded.wait()
        }

        let cuts = LongRun.count(ci: 5, full: 50)
        var acknowledgedChecks = 0, acknowledged = 0, lostTotal = 0, tornTails = 0, probeRecordsChecked = 0, killedAfterCut = 0
        for cut in 0..<cuts {
            usleep(UInt32.random(in: 150_000...700_000))
            // Freeze every writer, note what each was told, copy the disk, let them go on (every
            // other cut the running asodesk is killed instead: it never saw its power come back).
            let killDesk = cut % 2 == 1
            let copy = folder.file("cut-\(cut).img")
            let (probeAcks, deskAcks): ([(pid: pid_t, item: Int, sequence: UInt64)], [String]) = try loop.with { state in
                state.current?.child.signal(SIGSTOP)
                for probe in probes { probe.signal(SIGSTOP) }
                defer {
                    for probe in probes { probe.signal(SIGCONT) }
                    if killDesk, let current = state.current {
                        current.child.signal(SIGKILL)
                        killedAfterCut += 1
                    }
                    state.current?.child.signal(SIGCONT)
                }
                var probeAcks: [(pid: pid_t, item: Int, sequence: UInt64)] = []
                for probe in probes {
                    let lines = probe.output.split(separator: "\n").filter { $0.hasPrefix("saved ") }
                    for (item, line) in lines.enumerated() {
                        if let sequence = UInt64(line.dropFirst("saved ".count)) { probeAcks.append((probe.pid, item, sequence)) }
                    }
                }
                var deskAcks = state.acknowledged
                if let current = state.current, current.child.output.contains("saved") { deskAcks.append(current.token) }
                try runTool("cp", ["--sparse=always", disk.image, copy])
                return (probeAcks, deskAcks)
            }

            // Power back on: check and mount the copy, open both logs.
            try runTool("e2fsck", ["-fy", copy], allowing: [0, 1, 2])
            let restored = try LoopFilesystem(image: copy, mountPoint: folder.file("cut-\(cut)"), readOnly: true)
            defer {
                restored.detach()
                try? FileManager.default.removeItem(atPath: copy)
            }
            // Read in a function of its own: its descriptors are closed before the copy is unmounted.
            let (lost, tornTail, probeRecords) = try Self.check(restored.mountPoint, cut: cut, probeAcks: probeAcks, deskAcks: deskAcks)
            if tornTail { tornTails += 1 }
            for log in ["probe.log", "complaints.log"] {
                let verified = try desk.run(["verify", "--log", restored.mountPoint + "/" + log])
                #expect(verified.ending == .exited(0), "cut \(cut), \(log): \(verified.output) \(verified.errors)")
            }
            #expect(lost == 0, "cut \(cut): \(lost) acknowledged records missing")
            acknowledgedChecks += probeAcks.count + deskAcks.count
            acknowledged = probeAcks.count + deskAcks.count  // cumulative: the last cut's count is the total
            lostTotal += lost
            probeRecordsChecked += probeRecords
        }
        let unexpected = loop.with { $0.unexpected }
        #expect(unexpected.isEmpty, "\(unexpected.prefix(3))")
        #expect(acknowledged > cuts, "the writers saved while the disk was copied")

        Figures.report("power cut (frozen ext4 loop image, copied, e2fsck, mounted)", [
            "cuts": cuts, "acknowledged": acknowledged, "acknowledged checks": acknowledgedChecks, "lost": lostTotal,
            "cuts with torn tail": tornTails, "desk writers killed at cut": killedAfterCut, "probe records read": probeRecordsChecked,
        ])
    }

    /// Opens both logs of a restored copy: how many acknowledged records are missing, whether a
    /// torn tail was left, and how many probe records were read.
    static func check(_ folder: String, cut: Int, probeAcks: [(pid: pid_t, item: Int, sequence: UInt64)],
                      deskAcks: [String]) throws -> (lost: Int, tornTail: Bool, probeRecords: Int) {
        let probeReader = try EventLog(path: folder + "/probe.log", create: false, readOnly: true)
        let probeRecords = try probeReader.readNew()
        #expect(probeReader.health == .healthy, "cut \(cut): \(probeReader.health)")
        let bySequence = Dictionary(probeRecords.map { ($0.sequence, $0) }, uniquingKeysWith: { first, _ in first })
        var lost = 0
        for ack in probeAcks {
            let expected = "{\"writer\":\(ack.pid),\"item\":\(ack.item)}"
            if bySequence[ack.sequence].map({ String(decoding: $0.payload, as: UTF8.self) }) != expected { lost += 1 }
        }
        let deskContents = try LogContents(path: folder + "/complaints.log")
        #expect(deskContents.health == .healthy, "cut \(cut): \(deskContents.health)")
        let tokens = Tokens.count(in: deskContents.records)
        lost += deskAcks.filter { tokens[$0] != 1 }.count
        return (lost, probeReader.pendingTailBytes > 0 || deskContents.pendingTailBytes > 0, probeRecords.count)
    }
}
