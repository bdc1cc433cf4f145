#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskTestSupport
import Testing
@testable import AsodeskLog
import AsodeskApp
import AsodeskDomain

/// A log of `count` records of varied sizes, and its bytes.
private func sampleLog(_ folder: TemporaryFolder, name: String = "original.log", count: Int = 40,
                       marker: Int = 0) throws -> (records: [LogRecord], bytes: [UInt8]) {
    let path = folder.file(name)
    let log = try EventLog(path: path, create: true)
    var records: [LogRecord] = []
    for index in 1...count {
        records += try log.append { _ in [payload(index + marker, padding: (index * 53) % 140)] }
    }
    return (records, readBytes(path))
}

private func frameBytes(_ record: LogRecord, in bytes: [UInt8]) -> [UInt8] {
    Array(bytes[Int(record.offset)..<(Int(record.offset) + record.frameSize)])
}

private func removeAllBut(_ keep: String, in folder: TemporaryFolder) throws {
    for name in folder.names() where name != keep { try FileManager.default.removeItem(atPath: folder.file(name)) }
}

@Suite struct EndDamageTests {
    /// Single-bit flips anywhere in the log, the last record included (half of them land there):
    /// every one is reported by verify as damage, a writer refuses to save over it, and nothing
    /// is set aside without a person: the file and its folder stay as they were.
    @Test func randomBitFlipsAnywhereIncludingTheLastRecordAreAllReportedAndNothingIsSetAside() throws {
        let folder = TemporaryFolder(inMemory: true)
        let (records, bytes) = try sampleLog(folder)
        let path = folder.file("events.log")
        let lastStart = Int(records[records.count - 1].offset)
        let seed: UInt64 = 20_261_203
        var generator = SeededRandom(seed: seed)
        let flips = LongRun.count(ci: 2_000, full: 10_000)
        var reported = 0, refused = 0, inLastRecord = 0, setAsideSilently = 0, lengthFieldHits = 0
        for round in 0..<flips {
            let position = generator.chance(0.5) ? Int.random(in: lastStart..<bytes.count, using: &generator)
                                                 : Int.random(in: 0..<bytes.count, using: &generator)
            if position >= lastStart { inLastRecord += 1 }
            if position >= lastStart + 16 && position < lastStart + 20 { lengthFieldHits += 1 }
            var damaged = bytes
            damaged[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            writeBytes(damaged, to: path)
            let context = "flip \(round) (seed \(seed)) at byte \(position)"
            let verify = try EventLog.verify(path: path)
            if !verify.isHealthy { reported += 1 } else { Issue.record("\(context): verify called it healthy: \(verify.problems)") }
            let writer = try EventLog(path: path, create: false)
            do {
                try writer.append { _ in [payload(999)] }
                Issue.record("\(context): a save was accepted over damage")
            } catch LogError.damaged {
                refused += 1
            }
            if readBytes(path) != damaged || folder.names() != ["events.log", "original.log"] {
                setAsideSilently += 1
                Issue.record("\(context): the log or its folder changed: \(folder.names())")
                try removeAllBut("original.log", in: folder)
            }
        }
        Figures.report("bit flips anywhere, the last record included",
                       ["flips": flips, "in the last record": inLastRecord, "in its length field": lengthFieldHits,
                        "reported by verify": reported, "saves refused": refused,
                        "acknowledged records set aside silently": setAsideSilently, "seed": seed])
        #expect(reported == flips)
        #expect(refused == flips)
        #expect(setAsideSilently == 0)
    }

    /// A complete, valid frame of a newer format version at the end is not an unfinished save:
    /// verify reports it, saves are refused (update asodesk), and repair leaves it alone.
    @Test func aNewerFormatFrameAtTheEndIsNeitherSetAsideNorRepairedAway() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let records = try makeLog(at: path, count: 5)
        var frame = FrameCodec.encode(kind: LogFormat.Kind.event, encoding: LogFormat.Encoding.json, sequence: 6,
                                      previousHash: records[4].hash, payload: payload(6)).bytes
        frame[4] = 2
        var withNewer = readBytes(path) + frame
        refreshChecksum(&withNewer, frameAt: withNewer.count - frame.count)
        writeBytes(withNewer, to: path)

        let verify = try EventLog.verify(path: path)
        #expect(verify.problems.map(\.kind) == [.damagedEnd])
        #expect(verify.problems.first?.damage.isNewerFormat == true)
        let writer = try EventLog(path: path, create: false)
        #expect(try writer.readNew().count == 5)
        do {
            try writer.append { _ in [payload(7)] }
            Issue.record("saved over a newer format's record")
        } catch LogError.damaged(let reports) {
            let newer = reports.contains { $0.isNewerFormat }
            #expect(newer)
            #expect(LogText.error(.damaged(reports)).en.contains("Update asodesk"))
        }
        #expect(throws: LogError.repairNeedsNewerVersion(offset: UInt64(withNewer.count - frame.count), version: 2)) {
            try EventLog.repair(path: path, now: Date())
        }
        #expect(readBytes(path) == withNewer)
        #expect(folder.names() == ["events.log"])
    }

    /// The line between an unfinished save and damage, case by case.
    @Test func theTailIsAnUnfinishedSaveOnlyWhenItIsOne() throws {
        let frame = FrameCodec.encode(kind: LogFormat.Kind.event, encoding: LogFormat.Encoding.json, sequence: 1,
                                      previousHash: LogHash.zero, payload: payload(1, padding: 1_500)).bytes
        func judge(_ bytes: [UInt8]) -> LogTail.Verdict { bytes.withUnsafeBytes { LogTail.judge($0, baseOffset: 0) } }
        // Prefixes of a frame: what a killed or power-cut save leaves.
        for cut in [1, 3, 4, 30, 56, 57, 300, frame.count - 1] {
            #expect(judge(Array(frame[0..<cut])) == .unfinishedSave, "prefix of \(cut) bytes")
        }
        // Zeros where a frame was are damage: an acknowledged record may have been there.
        #expect(judge([UInt8](repeating: 0, count: 700)) == .damaged(.noRecordMarker), "zeros")
        var zeroed = frame
        for index in 512..<1_024 { zeroed[index] = 0 }
        #expect(judge(zeroed) == .damaged(.checksumMismatch), "a zeroed sector of a complete frame")
        // Complete frames that are wrong: damage.
        var flipped = frame
        flipped[100] ^= 4
        #expect(judge(flipped) == .damaged(.checksumMismatch))
        var longer = frame
        longer[17] ^= 0x08  // the length field claims 2,048 bytes more than there are
        #expect(judge(longer) == .damaged(.damagedLengthField))
        var noMarker = frame
        noMarker[0] ^= 1
        #expect(judge(noMarker) == .damaged(.noRecordMarker))
    }
}

@Suite struct RepairTrialTests {
    struct Trial {
        var name: String
        var damaged: [UInt8]
        /// The records the repaired log must hold, in order (by hash).
        var expected: [LogRecord]
        var cause: RemovedPiece.Cause?
        var lost: UInt64
        /// Whether the change lies before the end of the kept head's record: only then may the
        /// kept head no longer vouch for the history (what was added after it is not its history).
        var beforeHead = true
    }

    /// Each trial: damage a copy, repair it, and check the result as an auditor would: verify is
    /// healthy; the events are exactly the expected ones, each once, in chain order; sequence
    /// numbers are unique and continuous but for documented losses; the next save continues from
    /// the last; a head kept before the change no longer vouches for the history; the removed
    /// bytes are in the quarantine file where the marker says, with the hash it gives.
    func check(_ trial: Trial, folder: TemporaryFolder, keptHead: [UInt8], context: String) throws -> Bool {
        let path = folder.file("events.log")
        writeBytes(trial.damaged, to: path)
        #expect(!(try EventLog.verify(path: path)).isHealthy, "\(context): damage not seen before repair")
        let report = try EventLog.repair(path: path, now: Date(timeIntervalSince1970: 1_795_000_000))
        let after = try EventLog.verify(path: path)
        let events = try EventLog(path: path, create: false, readOnly: true).readNew().filter(\.isEvent)
        var ok = after.isHealthy && events.map(\.digest) == trial.expected.map(\.digest)
        #expect(after.isHealthy, "\(context): \(after.problems)")
        #expect(events.map(\.digest) == trial.expected.map(\.digest), "\(context): kept \(events.map(\.sequence))")
        #expect(Set(events.map(\.sequence)).count == events.count, "\(context): a sequence number repeats")
        #expect(report.recordsLost == trial.lost, "\(context): lost")
        if let cause = trial.cause {
            ok = ok && (report.setAside[cause] ?? 0) > 0
            #expect((report.setAside[cause] ?? 0) > 0, "\(context): nothing set aside as \(cause): \(report.setAside)")
        }
        for marker in after.repairedGaps {
            #expect(marker.repairedBy?.contains("uid") == true, "\(context): who repaired")
            guard marker.removedBytes > 0, let name = marker.quarantineFile else { continue }
            let kept = readBytes(folder.file(name))
            let start = Int(marker.quarantineOffset)
            let slice = Array(kept[start..<(start + Int(marker.removedBytes))])
            #expect(Hex.string(LogDigest.sha256(slice)) == marker.removedBytesSHA256, "\(context): quarantine hash")
        }
        let next = try EventLog(path: path, create: false).append { _ in [payload(500)] }
        #expect(next.first?.sequence == after.lastSequence + 1, "\(context): next save")
        let head = try EventLog.checkKeptHead(keptHead, path: path)
        #expect(head.historyUnchanged != trial.beforeHead, "\(context): --head \(head)")
        ok = ok && head.historyUnchanged != trial.beforeHead && next.first?.sequence == after.lastSequence + 1
        try removeAllBut("original.log", in: folder)
        return ok
    }

    @Test func duplicatedReorderedDeletedAndSplicedFramesAreRepairedToOneChain() throws {
        let folder = TemporaryFolder(inMemory: true)
        let (records, bytes) = try sampleLog(folder)
        let foreignFolder = TemporaryFolder(inMemory: true)
        let (foreignRecords, foreignBytes) = try sampleLog(foreignFolder, count: 12, marker: 1000)
        let keptHead = records.last!.hash
        let seed: UInt64 = 11_20_26
        var generator = SeededRandom(seed: seed)
        let trials = LongRun.count(ci: 50, full: 500)
        var passed: [String: Int] = [:]
        for round in 0..<trials {
            // Duplicated: one frame appended again, anywhere after itself.
            let copied = generator.int(0...(records.count - 1))
            let target = generator.int((copied + 1)...records.count)
            var duplicated = bytes
            let insertAt = target == records.count ? bytes.count : Int(records[target].offset)
            duplicated.insert(contentsOf: frameBytes(records[copied], in: bytes), at: insertAt)
            // Reordered: two neighbouring frames swapped.
            let swap = generator.int(0...(records.count - 2))
            var reordered = Array(bytes[0..<Int(records[swap].offset)])
            reordered += frameBytes(records[swap + 1], in: bytes) + frameBytes(records[swap], in: bytes)
            reordered += bytes[(Int(records[swap + 1].offset) + records[swap + 1].frameSize)...]
            // Deleted: a run of 1-3 frames cut out of the middle.
            let from = generator.int(1...(records.count - 5))
            let count = generator.int(1...3)
            var deleted = bytes
            deleted.removeSubrange(Int(records[from].offset)..<Int(records[from + count].offset))
            // Spliced: another desk's log appended (`cat other.log >> desk.log`), or a run of it
            // pasted into the middle.
            let pasteAt = generator.chance(0.5) ? bytes.count : Int(records[generator.int(1...(records.count - 1))].offset)
            let run = generator.int(1...foreignRecords.count)
            var spliced = bytes
            spliced.insert(contentsOf: foreignBytes[0..<Int(run == foreignRecords.count ? UInt64(foreignBytes.count) : foreignRecords[run].offset)], at: pasteAt)

            var withoutDeleted = records
            withoutDeleted.removeSubrange(from..<(from + count))
            let cases = [
                Trial(name: "duplicated", damaged: duplicated, expected: records, cause: .duplicate, lost: 0,
                      beforeHead: insertAt < bytes.count),
                Trial(name: "reordered", damaged: reordered, expected: records, cause: nil, lost: 0),
                Trial(name: "deleted", damaged: deleted, expected: withoutDeleted, cause: nil, lost: UInt64(count)),
                Trial(name: "spliced", damaged: spliced, expected: records, cause: .foreignChain, lost: 0,
                      beforeHead: pasteAt < bytes.count),
            ]
            for trial in cases {
                let context = "\(trial.name) trial \(round) (seed \(seed))"
                if try check(trial, folder: folder, keptHead: keptHead, context: context) { passed[trial.name, default: 0] += 1 }
            }
        }
        Figures.report("repair trials", ["trials each": trials, "duplicated": passed["duplicated"] ?? 0,
                                         "reordered": passed["reordered"] ?? 0, "deleted": passed["deleted"] ?? 0,
                                         "spliced": passed["spliced"] ?? 0, "seed": seed])
        for name in ["duplicated", "reordered", "deleted", "spliced"] { #expect(passed[name] == trials, "\(name)") }
    }

    /// The issue's own example: a frame appended twice, and another desk's log appended whole.
    @Test func aDuplicatedFrameAndAnotherDesksLogAreSetAsideAndNumbersStayContinuous() throws {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        let other = try CLI()
        #expect(try other.run("demo", env: ["ASODESK_NOW": "2026-10-05T09:00:00+02:00"]).status == 0)
        let records = try EventLog(path: cli.log, create: false, readOnly: true).readNew()
        var bytes = readBytes(cli.log)
        bytes += frameBytes(records.last!, in: bytes)
        bytes += readBytes(other.log)
        writeBytes(bytes, to: cli.log)
        #expect(try cli.run("verify").status == 3)
        let repair = try cli.run("repair")
        #expect(repair.status == 0, "\(repair.err)")
        #expect(repair.out.contains("duplicate record"), "\(repair.out)")
        #expect(repair.out.contains("record of another log"), "\(repair.out)")
        let verify = try cli.run("verify")
        #expect(verify.status == 0, "\(verify.err)")
        #expect(verify.out.contains("\(records.count) records, last sequence \(records.last!.sequence)"), "\(verify.out)")
        let note = try cli.run("note", "R/2026/0001", "po naprawie logu")
        #expect(note.status == 0, "\(note.err)")
        let after = try EventLog(path: cli.log, create: false, readOnly: true).readNew().filter(\.isEvent)
        #expect(after.map(\.sequence) == Array(1...UInt64(records.count + 1)))
    }
}

@Suite struct LaunderingTests {
    /// An old record changed with its checksum fixed, then `asodesk repair`: the kept head must
    /// no longer vouch for the history, and verify --head says what was removed, when and by whom.
    @Test func aRepairAfterAnEditIsEvidenceNotAbsolution() throws {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        let head = try #require(cli.run("verify").out.split(separator: "\n").first { $0.hasPrefix("Chain head: ") })
            .dropFirst("Chain head: ".count)
        let records = try EventLog(path: cli.log, create: false, readOnly: true).readNew()
        let victim = records[records.count / 3]
        var bytes = readBytes(cli.log)
        let position = Int(victim.offset) + LogFormat.headerSize + victim.payload.count / 2
        bytes[position] ^= 0x01
        refreshChecksum(&bytes, frameAt: Int(victim.offset))
        writeBytes(bytes, to: cli.log)
        // The file alone cannot tell an edited record from another log's records after it: repair
        // asks, and changes nothing until told.
        let asked = try cli.run("repair")
        #expect(asked.status == 3, "\(asked.out)")
        #expect(asked.err.contains("--changed-record \(victim.sequence)") && asked.err.contains("--foreign-from \(victim.sequence + 1)"), "\(asked.err)")
        #expect(readBytes(cli.log) == bytes)
        #expect(try cli.run("repair", "--changed-record", String(victim.sequence)).status == 0)
        #expect(try cli.run("verify").status == 0, "the repaired log is consistent by itself")
        let withHead = try cli.run("verify", "--head", String(head))
        #expect(withHead.status == 3, "\(withHead.out)")
        #expect(withHead.err.contains("history before it was changed"), "\(withHead.err)")
        #expect(withHead.err.contains("record changed after it was written (sequence \(victim.sequence))"), "\(withHead.err)")
        #expect(withHead.err.contains("SHA-256"), "\(withHead.err)")
        #expect(withHead.err.contains("uid \(getuid())"), "\(withHead.err)")
        Figures.report("repair laundering", ["altered record": victim.sequence, "verify --head after repair exit": withHead.status])
    }

    /// A marker written by hand (any reason, any date) that covers a deleted record chains
    /// correctly, so verify accepts it as documented; --head for a head kept before it fails.
    @Test func aHandWrittenGapMarkerDoesNotPassTheKeptHead() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let records = try makeLog(at: path, count: 20)
        let keptHead = records.last!.hash
        var bytes = readBytes(path)
        let forged = RepairGapMarker(
            lostFrom: 8, lostThrough: 8, resumeSequence: 9, resumePreviousHash: records[8].digest.hex == "" ? "" : Hex.string(records[7].hash),
            quarantineFile: nil, quarantineOffset: 0, removedBytes: 0, removedBytesSHA256: "", originalOffset: 0,
            reason: "disk error", repairedAt: "2020-01-01T00:00:00Z", repairedBy: "anowak (uid 1000)", pieces: nil, reordered: nil)
        let markerFrame = FrameCodec.encode(kind: LogFormat.Kind.repairGap, encoding: LogFormat.Encoding.json, sequence: 7,
                                            previousHash: records[6].digest, payload: forged.encoded()).bytes
        // Record 8 removed, the forged marker in its place.
        bytes.replaceSubrange(Int(records[7].offset)..<Int(records[8].offset), with: markerFrame)
        writeBytes(bytes, to: path)
        #expect(try EventLog.verify(path: path).isHealthy, "the forgery is consistent by itself")
        let check = try EventLog.checkKeptHead(keptHead, path: path)
        #expect(check.sequence == 20)
        #expect(!check.historyUnchanged)
        #expect(check.repairsBefore.first?.repairedAt == "2020-01-01T00:00:00Z")
        // A head kept before the forged place still vouches for what came before it.
        #expect(try EventLog.checkKeptHead(records[5].hash, path: path).historyUnchanged)
        Figures.report("forged repair marker", ["caught by --head": !check.historyUnchanged])
    }
}

@Suite struct SpecialFileTests {
    /// Runs the real program with a deadline, so a hang is a failure, not a stuck suite.
    func runWithin(_ seconds: Int, _ cli: CLI, _ arguments: [String], as user: String? = nil) throws -> ProcessOutput {
        var command = ["/usr/bin/timeout", String(seconds)]
        if let user { command = ["/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups"] + command }
        return try run(command[0], Array(command.dropFirst()) + [CLI.binary] + arguments, environment: cli.environment)
    }

    @Test func onlyARegularFileIsALog() throws {
        let cli = try CLI()
        let fifo = cli.directory + "/fifo.log"
        #expect(mkfifo(fifo, 0o666) == 0)
        var refusals = 0, cases = 0
        let commands: [[String]] = [["verify"], ["repair"], ["list"], ["note", "R/2026/0001", "x y z"], ["show", "R/2026/0001"]]
        for (path, word) in [(fifo, "pipe (FIFO)"), ("/dev/null", "device"), (cli.directory, "folder")] {
            for command in commands {
                cases += 1
                let result = try runWithin(20, cli, command + ["--log", path])
                #expect(result.status == 3, "\(command) on \(path): \(result.status) \(result.errors)")
                #expect(result.errors.contains(word), "\(command) on \(path): \(result.errors)")
                if result.status == 3 && result.errors.contains(word) { refusals += 1 }
            }
        }
        // A user without write permission falls back to reading: still no hang on a FIFO.
        if geteuid() == 0 {
            chmod(cli.directory, 0o755)
            for command in [["list"], ["note", "R/2026/0001", "x y z"], ["verify"]] {
                cases += 1
                let result = try runWithin(20, cli, command + ["--log", fifo], as: "65534")
                #expect(result.status == 3, "\(command) as nobody: \(result.status) \(result.errors)")
                if result.status == 3 { refusals += 1 }
            }
        }
        Figures.report("special files as the log", ["cases": cases, "refused with exit 3": refusals, "hangs": cases - refusals])
        #expect(refusals == cases)
    }

    /// Under a file-size limit (`ulimit -f`) a save must not die by SIGXFSZ: a clear error,
    /// exit 4, and not a byte of a partial frame left.
    @Test func aFileSizeLimitIsAClearErrorAndLeavesNoPartialFrame() throws {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        let before = readBytes(cli.log)
        // bash's `ulimit -f` counts 1024-byte blocks: a few notes fit, then one does not.
        let blocks = before.count / 1024 + 2
        var attempts = 0, refused = 0, partial = 0, saved = 0
        while refused < 3 && attempts < 60 {
            attempts += 1
            let sizeBefore = readBytes(cli.log)
            let result = try run("/bin/bash", ["-c", "ulimit -f \(blocks); exec \"$0\" note R/2026/0001 \"$1\"", CLI.binary,
                                               "Klient dzwonił ponownie w sprawie naprawy, próba \(attempts)."],
                                 environment: cli.environment)
            if result.status == 0 {
                saved += 1
                continue
            }
            #expect(result.status == 4, "\(result.status) \(result.errors)")
            #expect(result.errors.contains("largest size this user may write"), "\(result.errors)")
            if result.status == 4 { refused += 1 }
            if readBytes(cli.log) != sizeBefore { partial += 1 }
        }
        #expect(refused == 3)
        #expect(try cli.run("verify").status == 0)
        Figures.report("file-size limit", ["saves that fitted": saved, "refused with exit 4": refused, "partial frames left": partial])
        #expect(partial == 0)
    }
}

@Suite struct SideFileTests {
    /// What killed processes leave is cleaned up; what holds customer data is listed by verify.
    @Test func leftoversOfKilledRepairsAreRemovedAndVerifyListsEveryCopyOfTheRecords() throws {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        let stale = cli.log + ".repair-20261203T101010Z.tmp"
        writeBytes(readBytes(cli.log), to: stale)
        #expect(try cli.run("note", "R/2026/0001", "po przerwanej naprawie").status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale), "the next save removes a killed repair's copy")

        // Damage, repair: a backup and a quarantine file appear, and verify names both.
        var bytes = readBytes(cli.log)
        bytes[bytes.count / 2] ^= 0x10
        writeBytes(bytes, to: cli.log)
        writeBytes(readBytes(cli.log), to: stale)
        let repair = try cli.run("repair")
        #expect(repair.status == 0, "\(repair.err)")
        #expect(repair.out.contains("leftover copies of killed repairs"), "\(repair.out)")
        #expect(!FileManager.default.fileExists(atPath: stale))
        let verify = try cli.run("verify")
        let listed = verify.out.split(separator: "\n").filter { $0.hasPrefix("beside the log: ") }
        #expect(listed.contains { $0.contains(".backup-") && $0.contains("backup from before a repair") }, "\(verify.out)")
        #expect(listed.contains { $0.contains(".quarantine-") && $0.contains("bytes set aside") }, "\(verify.out)")
        Figures.report("side files", ["stale repair copies removed": 2, "listed by verify": listed.count])
    }

    /// A member of the desk's group may write the log's folder: links planted under every name
    /// a repair or a save creates (quarantine, repair copy, backup) must not redirect a write.
    @Test func linksPlantedUnderEverySideFileNameRedirectNothing() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let records = try makeLog(at: path, count: 12)
        let victim = folder.file("victim.txt")
        writeBytes(Array("precious".utf8), to: victim)
        chmod(victim, 0o600)
        var bytes = readBytes(path)
        bytes[Int(records[5].offset) + 60] ^= 1
        bytes += Array(FrameCodec.encode(kind: LogFormat.Kind.event, encoding: LogFormat.Encoding.json, sequence: 13,
                                         previousHash: records[11].digest, payload: payload(13)).bytes.prefix(30))
        writeBytes(bytes, to: path)
        var planted = 0
        let now = Date()
        for second in -2...8 {
            let date = now.addingTimeInterval(TimeInterval(second))
            for sequence: UInt64 in [0, 4, 5, 6, 12] {
                for base in [LogSideFiles.quarantineBase(of: path, after: sequence, at: date),
                             LogSideFiles.repairCopyBase(of: path, at: date), LogSideFiles.backupBase(of: path, at: date)] {
                    for name in [base, base + "-2"] where symlink(victim, name) == 0 { planted += 1 }
                }
            }
        }
        let report = try EventLog.repair(path: path, now: now)
        #expect(report.changed)
        #expect(readBytes(victim) == Array("precious".utf8))
        var info = stat()
        #expect(stat(victim, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try EventLog.verify(path: path).isHealthy)
        Figures.report("links planted for side-file names", ["links": planted, "victims changed": 0])
    }
}

@Suite struct ChainJudgementTests {
    /// A forged copy of a record (one byte changed, checksum fixed) put just before the genuine one:
    /// the genuine record, which the next record vouches for, is kept; the forgery is set aside.
    @Test func theRecordTheNextOneVouchesForWinsOverAForgedCopyBeforeIt() throws {
        let folder = TemporaryFolder()
        let (records, bytes) = try sampleLog(folder, count: 20)
        let path = folder.file("events.log")
        for victim in [records[9], records[19]] {
            var forged = frameBytes(victim, in: bytes)
            forged[LogFormat.headerSize + 3] ^= 0x01
            refreshChecksum(&forged, frameAt: 0)
            var damaged = bytes
            damaged.insert(contentsOf: forged, at: Int(victim.offset))
            writeBytes(damaged, to: path)
            var decisions = RepairDecisions()
            if victim.sequence == 20 {
                // The last record: nothing after it vouches for either copy. Repair asks.
                #expect(throws: LogError.repairNeedsChoice(sequence: 20, offsets: [victim.offset, victim.offset + UInt64(forged.count)])) {
                    try EventLog.repair(path: path, now: Date())
                }
                decisions.keepRecordAt = [victim.offset + UInt64(forged.count)]
            }
            let report = try EventLog.repair(path: path, now: Date(), decisions: decisions)
            #expect(report.recordsLost == 0 && report.setAside[.outOfPlace] == 1, "\(report)")
            let kept = try EventLog(path: path, create: false, readOnly: true).readNew().filter(\.isEvent)
            #expect(kept.map(\.digest) == records.map(\.digest), "record \(victim.sequence)")
            try removeAllBut("original.log", in: folder)
        }
    }

    /// Another desk's records 21… (without its first records) appended: the chain breaks where
    /// a changed record 20 would break it too. Repair asks; each answer does what it says.
    @Test func aBreakThatCouldBeAChangedRecordOrAnotherLogIsDecidedByThePerson() throws {
        let folder = TemporaryFolder()
        let (records, bytes) = try sampleLog(folder, count: 20)
        let otherFolder = TemporaryFolder()
        let (other, otherBytes) = try sampleLog(otherFolder, count: 30, marker: 500)
        let grafted = bytes + Array(otherBytes[Int(other[20].offset)...])
        let path = folder.file("events.log")
        writeBytes(grafted, to: path)
        #expect(throws: LogError.repairNeedsDecision(afterSequence: 20, recordOffset: records[19].offset, nextOffset: UInt64(bytes.count))) {
            try EventLog.repair(path: path, now: Date())
        }
        #expect(readBytes(path) == grafted)
        let foreign = try EventLog.repair(path: path, now: Date(), decisions: RepairDecisions(foreignFrom: [21]))
        #expect(foreign.setAside[.foreignChain] == 10 && foreign.recordsLost == 0, "\(foreign)")
        #expect(try EventLog(path: path, create: false, readOnly: true).readNew().filter(\.isEvent).map(\.digest) == records.map(\.digest))
        // The same break with the desk's kept head after it: the records after are the desk's.
        try removeAllBut("original.log", in: folder)
        writeBytes(grafted, to: path)
        let byHead = try EventLog.repair(path: path, now: Date(), decisions: RepairDecisions(keepChainWith: other.last!.hash))
        #expect(byHead.setAside[.altered] == 1 && byHead.recordsLost == 1, "\(byHead)")
    }

    /// Another desk's log copied in FRONT of this one: a head kept off the machine names the chain.
    @Test func aKeptHeadNamesTheDesksChainWhenAnotherLogStandsFirst() throws {
        let folder = TemporaryFolder()
        let (records, bytes) = try sampleLog(folder, count: 15)
        let otherFolder = TemporaryFolder()
        let (_, otherBytes) = try sampleLog(otherFolder, count: 25, marker: 700)
        let path = folder.file("events.log")
        writeBytes(otherBytes + bytes, to: path)
        let report = try EventLog.repair(path: path, now: Date(), decisions: RepairDecisions(keepChainWith: records.last!.hash))
        #expect(report.setAside[.foreignChain] == 25, "\(report)")
        #expect(try EventLog(path: path, create: false, readOnly: true).readNew().filter(\.isEvent).map(\.digest) == records.map(\.digest))
    }

    /// Markers that lie: one claiming nothing lost where the chain skips a record, one whose resume
    /// goes back in the sequence, one that does not decode. Each is damage for verify and a writer.
    @Test func aMarkerThatMisstatesTheChainIsDamage() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let records = try makeLog(at: path, count: 12)
        let bytes = readBytes(path)
        func marker(after index: Int, resume: UInt64, previous: String, lostFrom: UInt64 = 1, lostThrough: UInt64 = 0) -> [UInt8] {
            let payload = RepairGapMarker(lostFrom: lostFrom, lostThrough: lostThrough, resumeSequence: resume, resumePreviousHash: previous,
                                          quarantineFile: nil, quarantineOffset: 0, removedBytes: 0, removedBytesSHA256: "",
                                          originalOffset: 0, reason: "duplicate", repairedAt: "2026-11-01T10:00:00Z",
                                          repairedBy: nil, pieces: nil, reordered: nil).encoded()
            return FrameCodec.encode(kind: LogFormat.Kind.repairGap, encoding: LogFormat.Encoding.json, sequence: records[index].sequence,
                                     previousHash: records[index].digest, payload: payload).bytes
        }
        // Record 6 removed; the marker says nothing was lost.
        var hiding = Array(bytes[0..<Int(records[5].offset)])
        hiding += marker(after: 4, resume: 7, previous: Hex.string(records[5].hash))
        hiding += bytes[Int(records[6].offset)...]
        // After the last record, a resume back to 5, then copies of 5… (duplicated numbers).
        let backwards = bytes + marker(after: 11, resume: 5, previous: Hex.string(records[3].hash)) + Array(bytes[Int(records[4].offset)...])
        // A marker whose payload is not a marker at all.
        let unreadable = bytes + FrameCodec.encode(kind: LogFormat.Kind.repairGap, encoding: LogFormat.Encoding.json, sequence: 12,
                                                  previousHash: records[11].digest, payload: Array("{\"x\":1}".utf8)).bytes
        for (name, damaged) in [("hiding a deletion", hiding), ("resuming backwards", backwards), ("unreadable", unreadable)] {
            writeBytes(damaged, to: path)
            let verify = try EventLog.verify(path: path)
            #expect(!verify.isHealthy, "\(name): verify called it healthy")
            #expect(throws: LogError.self, "\(name): a save went through") { try EventLog(path: path, create: false).append { _ in [payload(99)] } }
            _ = try EventLog.repair(path: path, now: Date(), decisions: RepairDecisions(changedRecords: Set(1...12)))
            let repaired = try EventLog.verify(path: path)
            #expect(repaired.isHealthy, "\(name): not healthy after repair: \(repaired.problems)")
            try FileManager.default.removeItem(atPath: path)
            for name in folder.names() where name != "events.log" { try? FileManager.default.removeItem(atPath: folder.file(name)) }
        }
        writeBytes(hiding, to: path)
        let problem = try #require(try EventLog.verify(path: path).problems.first { $0.kind == .misstatedMarker })
        #expect(problem.damage.cause == .misstatedMarker(claimedLost: 0, chainLost: 1))
    }

    /// A log appended to itself many times: more pieces than one marker may hold; repair still
    /// makes one chain, the pieces spread over several markers in a row.
    @Test func aLogAppendedToItselfManyTimesIsRepaired() throws {
        let folder = TemporaryFolder(inMemory: true)
        let (records, bytes) = try sampleLog(folder, count: 40)
        let path = folder.file("events.log")
        let copies = RepairPlan.piecesPerMarker / records.count + 2
        writeBytes(Array([[UInt8]](repeating: bytes, count: copies).joined()), to: path)
        let report = try EventLog.repair(path: path, now: Date())
        #expect(report.setAside[.duplicate] == records.count * (copies - 1))
        let after = try EventLog.verify(path: path)
        #expect(after.isHealthy && after.records == UInt64(records.count))
        #expect(after.repairedGaps.count >= 2)
        #expect(try EventLog(path: path, create: false).append { _ in [payload(41)] }.first?.sequence == 41)
    }

    /// A damaged last record whose header names record 13: that number is lost, not reused.
    @Test func theNumberOfADamagedLastRecordIsNotGivenToTheNextSave() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let records = try makeLog(at: path, count: 13)
        var bytes = readBytes(path)
        bytes[Int(records[12].offset) + LogFormat.headerSize + 2] ^= 0x20
        writeBytes(bytes, to: path)
        let report = try EventLog.repair(path: path, now: Date())
        #expect(report.recordsLost == 1)
        let saved = try EventLog(path: path, create: false).append { _ in [payload(14)] }
        #expect(saved.first?.sequence == 14)
        let verify = try EventLog.verify(path: path)
        #expect(verify.isHealthy && verify.repairedGaps.first?.lostFrom == 13)
    }

    /// What a repair killed halfway leaves (its copies, a backup linked to the log it did not
    /// replace) is removed by the next repair or save; nothing the log still needs goes.
    @Test func whatAKilledRepairLeftIsRemovedAndNothingElse() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        try makeLog(at: path, count: 5)
        let copy = path + ".repair-20261203T101010Z.tmp-quarantine"
        writeBytes([1, 2, 3], to: copy)
        let linkedBackup = path + ".backup-20261203T101010Z"
        #expect(link(path, linkedBackup) == 0)
        let realBackup = path + ".backup-20261101T101010Z"
        writeBytes(readBytes(path), to: realBackup)
        try EventLog(path: path, create: false).append { _ in [payload(6)] }
        #expect(folder.names() == ["events.log", "events.log.backup-20261101T101010Z"])
    }
}
