#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskTestSupport
import Testing
@testable import AsodeskLog
import AsodeskDomain
import AsodeskApp

@Suite struct TailTests {
    @Test func unfinishedFrameAtTheEndIsNotDamageForAReader() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        try makeLog(at: path, count: 3)
        let frame = FrameCodec.encode(kind: LogFormat.Kind.event, encoding: LogFormat.Encoding.json, sequence: 4,
                                      previousHash: try EventLog(path: path, create: false).readNew().last!.hash,
                                      payload: payload(4)).bytes
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(Data(frame[0..<30]))

        let reader = try EventLog(path: path, create: false, readOnly: true)
        #expect(try reader.readNew().map(\.sequence) == [1, 2, 3])
        #expect(reader.health == .healthy)
        #expect(reader.pendingTailBytes == 30)
        // The writer finishes its write: the reader now sees the record.
        handle.write(Data(frame[30...]))
        try handle.close()
        #expect(try reader.readNew().map(\.sequence) == [4])
        #expect(reader.pendingTailBytes == 0)
        #expect(folder.names() == ["events.log"])  // a reader never writes
    }

    /// Cuts the log at every byte offset of its last three records (a small, a page-crossing and a
    /// small one): each cut must open to the whole records before it, set the rest aside, and take
    /// the next append as the next sequence number.
    @Test func tornTailAtEveryByteOffsetOfTheLastRecords() throws {
        let folder = TemporaryFolder(inMemory: true)
        let original = folder.file("original.log")
        let log = try EventLog(path: original, create: true)
        var records: [LogRecord] = []
        for (index, padding) in [10, 200, 30, 0, 50, 5_000, 20].enumerated() {
            records += try log.append { _ in [payload(index + 1, padding: padding)] }
        }
        let bytes = readBytes(original)
        let cutStart = Int(records[records.count - 3].offset)
        var cuts = 0, cleanPrefixes = 0, quarantinedTails = 0
        for cut in cutStart..<bytes.count {
            let path = folder.file("cut-\(cut).log")
            writeBytes(Array(bytes[0..<cut]), to: path)
            let complete = records.filter { Int($0.offset) + LogFormat.headerSize + $0.payload.count <= cut }
            cuts += 1

            let reader = try EventLog(path: path, create: false, readOnly: true)
            let read = try reader.readNew()
            #expect(read == complete, "cut at \(cut)")
            #expect(reader.health == .healthy, "cut at \(cut)")

            let writer = try EventLog(path: path, create: false)
            let saved = try writer.append { unseen in
                #expect(unseen == complete)
                return [payload(99)]
            }
            #expect(saved.map(\.sequence) == [UInt64(complete.count + 1)], "cut at \(cut)")
            let tail = cut - (complete.last.map { Int($0.offset) + LogFormat.headerSize + $0.payload.count } ?? 0)
            let quarantined = folder.names().filter { $0.hasPrefix("cut-\(cut).log.quarantine-") }
            if tail > 0 {
                #expect(quarantined.count == 1, "cut at \(cut)")
                if let name = quarantined.first {
                    #expect(readBytes(folder.file(name)) == Array(bytes[(cut - tail)..<cut]))
                    #expect(name.hasPrefix("cut-\(cut).log.quarantine-\(complete.count)-"))
                    quarantinedTails += 1
                }
            } else {
                #expect(quarantined.isEmpty)
            }
            let report = try EventLog.verify(path: path)
            #expect(report.isHealthy, "cut at \(cut): \(report.problems)")
            #expect(report.records == UInt64(complete.count + 1))
            if read == complete && report.isHealthy && saved.first?.sequence == UInt64(complete.count + 1) {
                cleanPrefixes += 1
            }
            for name in folder.names() where name.hasPrefix("cut-\(cut).log") {
                try FileManager.default.removeItem(atPath: folder.file(name))
            }
        }
        Figures.report("torn tail", ["cuts": cuts, "clean prefixes": cleanPrefixes, "tails quarantined": quarantinedTails])
        #expect(cuts == bytes.count - cutStart)
        #expect(cleanPrefixes == cuts)
    }

    @Test func verifyReportsAnUnfinishedTail() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        try makeLog(at: path, count: 3)
        var bytes = readBytes(path)
        bytes += Array("ASOD".utf8) + [1, 1, 1, 0]
        writeBytes(bytes, to: path)
        let report = try EventLog.verify(path: path)
        #expect(report.problems.map(\.kind) == [.incompleteTail])
        #expect(report.problems.first?.offset == UInt64(bytes.count - 8))
    }
}

@Suite struct DamageTests {
    /// A log of 60 records of varied sizes; damage is made between the first and the last record.
    static func middleDamageFixture(_ folder: TemporaryFolder) throws -> (records: [LogRecord], bytes: [UInt8]) {
        let original = folder.file("original.log")
        let log = try EventLog(path: original, create: true)
        var records: [LogRecord] = []
        for index in 1...60 {
            records += try log.append { _ in [payload(index, padding: (index * 37) % 120)] }
        }
        return (records, readBytes(original))
    }

    /// What a damaged log must do on open: report the damage where it starts, return every other
    /// record and none of the damaged ones, refuse to write, and leave the file as it found it.
    /// Returns how many records were lost, or nil when the damage was not reported as expected.
    static func checkDamagedOpen(_ path: String, folder: TemporaryFolder, records: [LogRecord],
                                 damaged span: Range<Int>, context: String) throws -> Int? {
        let before = readBytes(path)
        let namesBefore = folder.names()
        let hit = records.indices.filter { index in
            let start = Int(records[index].offset)
            let end = start + LogFormat.headerSize + records[index].payload.count
            return start < span.upperBound && span.lowerBound < end
        }
        let expected = records.indices.filter { !hit.contains($0) }.map { records[$0] }

        let log = try EventLog(path: path, create: false)
        let read = try log.readNew()
        #expect(read == expected, "\(context): records read")
        guard case .damaged(let reports) = log.health, let report = reports.first else {
            Issue.record("\(context): damage not detected")
            return nil
        }
        #expect(report.offset == records[hit[0]].offset, "\(context): reported offset")
        #expect(report.recordsAffected == UInt64(hit.count), "\(context): records affected")
        #expect(LogText.damage(report).en.contains("offset \(records[hit[0]].offset)"), "\(context)")
        #expect(LogText.damage(report).en.contains("asodesk repair"), "\(context)")
        #expect(LogText.damage(report).pl.contains("asodesk repair"), "\(context)")
        #expect(throws: LogError.damaged(reports)) { try log.append { _ in [payload(0)] } }
        #expect(try log.readNew().isEmpty)
        let verify = try EventLog.verify(path: path)
        #expect(verify.problems.first?.offset == records[hit[0]].offset, "\(context): verify offset")
        // Nothing is written until repair: not the log, not a quarantine file.
        #expect(readBytes(path) == before, "\(context): the damaged log was changed")
        #expect(folder.names() == namesBefore, "\(context): a file was written")
        let reportedRight = read == expected && report.offset == records[hit[0]].offset
            && report.recordsAffected == UInt64(hit.count)
        return reportedRight ? hit.count : nil
    }

    /// Single-bit flips anywhere in the records between the first and the last: each must cost
    /// exactly the record it hit. A sample is repaired and written to again.
    @Test func randomBitFlipsInTheMiddleAreFoundAndCostOnlyTheirRecord() throws {
        let folder = TemporaryFolder(inMemory: true)
        let (records, bytes) = try Self.middleDamageFixture(folder)
        let damageStart = Int(records[1].offset)
        let damageEnd = Int(records[59].offset)
        let seed: UInt64 = 20_261_122
        var generator = SeededRandom(seed: seed)
        let flips = LongRun.count(ci: 5_000, full: 50_000)
        let path = folder.file("events.log")
        var detected = 0, mostLost = 0, totalLost = 0, repaired = 0
        for round in 0..<flips {
            let position = Int.random(in: damageStart..<damageEnd, using: &generator)
            let bit = UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            var damaged = bytes
            damaged[position] ^= bit
            writeBytes(damaged, to: path)
            let context = "flip \(round) (seed \(seed)) at byte \(position)"
            guard let lost = try Self.checkDamagedOpen(path, folder: folder, records: records,
                                                       damaged: position..<(position + 1), context: context) else { continue }
            detected += 1
            totalLost += lost
            mostLost = max(mostLost, lost)

            // Repair a sample (each repair costs a few fsyncs): the damaged record is set aside,
            // the gap documented, and the log takes new records again.
            guard round % 500 == 0 else { continue }
            let hit = records.lastIndex { Int($0.offset) <= position }!
            let repair = try EventLog.repair(path: path, now: Date(timeIntervalSince1970: 1_790_000_000))
            #expect(repair.recordsKept == 59 && repair.recordsLost == 1 && repair.gapsDocumented == 1, "\(context)")
            #expect(readBytes(repair.backupPath!) == damaged)
            #expect(readBytes(repair.quarantinePath!) == Array(damaged[Int(records[hit].offset)..<Int(records[hit + 1].offset)]))
            let after = try EventLog.verify(path: path)
            #expect(after.isHealthy, "\(after.problems)")
            #expect(after.repairedGaps.first?.lostFrom == records[hit].sequence)
            #expect(after.repairedGaps.first?.lostThrough == records[hit].sequence)
            let log = try EventLog(path: path, create: false)
            let saved = try log.append { _ in [payload(61)] }
            #expect(saved.map(\.sequence) == [61])
            // Records keep their bytes (hence their hashes); only their offsets move.
            var kept = records
            kept.remove(at: hit)
            #expect(try EventLog(path: path, create: false).readNew().filter(\.isEvent).map(\.hash) == (kept + saved).map(\.hash))
            repaired += 1
            for name in folder.names() where name != "original.log" {
                try FileManager.default.removeItem(atPath: folder.file(name))
            }
        }
        Figures.report("bit flips", ["flips": flips, "detected": detected, "records lost per flip (max)": mostLost,
                                     "records lost per flip (mean)": String(format: "%.2f", Double(totalLost) / Double(max(detected, 1))),
                                     "repaired and written to": repaired, "seed": seed])
        #expect(detected == flips)
        #expect(mostLost == 1)
    }

    /// Blocks of zeros or of random bytes, 1 to 600 bytes long, over the middle records: reported
    /// where they start, only the records they touch are lost, and nothing is written.
    @Test func blocksOfZerosOrGarbageCostOnlyTheRecordsTheyTouch() throws {
        let folder = TemporaryFolder(inMemory: true)
        let (records, bytes) = try Self.middleDamageFixture(folder)
        let damageStart = Int(records[1].offset)
        let damageEnd = Int(records[59].offset)
        let seed: UInt64 = 20_261_123
        var generator = SeededRandom(seed: seed)
        let blocks = LongRun.count(ci: 1_000, full: 10_000)
        let path = folder.file("events.log")
        var tried = 0, detected = 0, unchanged = 0, totalLost = 0, mostLost = 0
        for round in 0..<blocks {
            let length = Int.random(in: 1...600, using: &generator)
            let start = Int.random(in: damageStart..<(damageEnd - min(length, damageEnd - damageStart - 1)), using: &generator)
            let end = min(start + length, damageEnd)
            let zeros = round % 2 == 0
            var damaged = bytes
            for index in start..<end { damaged[index] = zeros ? 0 : UInt8.random(in: 0...255, using: &generator) }
            // Only bytes that really changed are damage (a zero written over a zero is not).
            guard let first = damaged.indices.first(where: { damaged[$0] != bytes[$0] }),
                  let last = damaged.indices.last(where: { damaged[$0] != bytes[$0] }) else {
                unchanged += 1
                continue
            }
            tried += 1
            writeBytes(damaged, to: path)
            let context = "block \(round) (seed \(seed)) of \(zeros ? "zeros" : "garbage") at bytes \(first)...\(last)"
            guard let lost = try Self.checkDamagedOpen(path, folder: folder, records: records,
                                                       damaged: first..<(last + 1), context: context) else { continue }
            detected += 1
            totalLost += lost
            mostLost = max(mostLost, lost)
        }
        Figures.report("zero and garbage blocks", ["blocks": tried, "detected": detected,
                                                   "records lost per block (mean)": String(format: "%.2f", Double(totalLost) / Double(max(detected, 1))),
                                                   "records lost per block (max)": mostLost,
                                                   "records touched = records lost": detected == tried, "seed": seed])
        #expect(detected == tried)
    }

    @Test func tamperingWithChecksumFixedNamesTheRecord() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let records = try makeLog(at: path, count: 20)
        var bytes = readBytes(path)
        let victim = records[9]
        bytes[Int(victim.offset) + LogFormat.headerSize + 14] ^= 0x01  // one digit of the payload
        refreshChecksum(&bytes, frameAt: Int(victim.offset))
        writeBytes(bytes, to: path)

        let report = try EventLog.verify(path: path)
        #expect(!report.isHealthy)
        let problem = try #require(report.problems.first)
        #expect(problem.kind == .chainBreak)
        #expect(problem.sequence == 10)
        #expect(problem.offset == victim.offset)
        #expect(LogText.problem(problem).en.contains("record 10 at offset \(victim.offset)"))

        let log = try EventLog(path: path, create: false)
        #expect(try log.readNew().count == 20)  // the altered record is readable and returned
        guard case .damaged(let reports) = log.health else {
            Issue.record("tampering not reported in health")
            return
        }
        #expect(reports.first.map { LogText.damage($0).en.contains("record 10 at offset \(victim.offset)") } == true)
        #expect(reports.first?.lastGoodSequence == 9)
        #expect(throws: LogError.self) { try log.append { _ in [payload(21)] } }

        // The altered record no longer matches what the chain vouched for: it is set aside, not kept
        // as history, and the marker says so.
        // The file cannot tell a changed record 10 from records 11… of another log: repair asks.
        #expect(throws: LogError.repairNeedsDecision(afterSequence: 10, recordOffset: victim.offset, nextOffset: records[10].offset)) {
            try EventLog.repair(path: path, now: Date(timeIntervalSince1970: 1_790_000_000))
        }
        let repair = try EventLog.repair(path: path, now: Date(timeIntervalSince1970: 1_790_000_000),
                                         decisions: RepairDecisions(changedRecords: [10]))
        #expect(repair.recordsKept == 19)
        #expect(repair.recordsLost == 1)
        #expect(repair.setAside[.altered] == 1)
        #expect(repair.bytesSetAside == UInt64(LogFormat.headerSize + victim.payload.count))
        let after = try EventLog.verify(path: path)
        #expect(after.isHealthy)
        #expect(after.repairedGaps.count == 1)
        #expect(after.repairedGaps.first?.pieces?.first?.cause == .altered)
        #expect(after.repairedGaps.first?.pieces?.first?.sequence == 10)
    }

    @Test func deletedRecordShowsAsAGap() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let records = try makeLog(at: path, count: 20)
        var bytes = readBytes(path)
        bytes.removeSubrange(Int(records[9].offset)..<Int(records[10].offset))
        writeBytes(bytes, to: path)

        let report = try EventLog.verify(path: path)
        let problem = try #require(report.problems.first)
        #expect(report.problems.count == 1)
        #expect(problem.kind == .sequenceGap)
        #expect(problem.sequence == 11)
        #expect(problem.offset == records[9].offset)
        #expect(LogText.problem(problem).en.contains("jumps from 9 to 11"))

        let log = try EventLog(path: path, create: false)
        #expect(try log.readNew().map(\.sequence) == Array(1...9) + Array(11...20))
        guard case .damaged(let reports) = log.health else {
            Issue.record("gap not reported in health")
            return
        }
        #expect(reports.first?.recordsAffected == 1)

        _ = try EventLog.repair(path: path, now: Date(timeIntervalSince1970: 1_790_000_000))
        let after = try EventLog.verify(path: path)
        #expect(after.isHealthy)
        #expect(after.repairedGaps.first?.lostFrom == 10)
        #expect(after.repairedGaps.first?.lostThrough == 10)
        #expect(after.repairedGaps.first?.quarantineFile == nil)
    }

    @Test func repairOfAHealthyLogChangesNothing() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        try makeLog(at: path, count: 4)
        let before = readBytes(path)
        let report = try EventLog.repair(path: path, now: Date(timeIntervalSince1970: 1_790_000_000))
        #expect(!report.changed)
        #expect(report.recordsKept == 4)
        #expect(readBytes(path) == before)
        #expect(folder.names() == ["events.log"])
    }
}

@Suite struct ConcurrencyTests {
    @Test func severalWriterProcessesAtOnce() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let probe = Programs.logProbe
        let plans: [(count: Int, batch: Int)] = [(40, 1), (40, 1), (39, 3), (30, 5)]
        let running = try plans.map { try start(probe, ["append", path, String($0.count), String($0.batch)]) }
        let results = running.map(finish)
        var acknowledged: [UInt64] = []
        for result in results {
            #expect(result.status == 0, "\(result.errors)")
            acknowledged += result.output.split(separator: "\n").compactMap { line in
                line.hasPrefix("saved ") ? UInt64(line.dropFirst(6)) : nil
            }
        }
        let total = plans.reduce(0) { $0 + $1.count }
        #expect(acknowledged.sorted() == Array(1...UInt64(total)))

        let records = try EventLog(path: path, create: false).readNew()
        #expect(records.map(\.sequence) == Array(1...UInt64(total)))
        #expect(Set(records.map(\.payload)).count == total)
        let report = try EventLog.verify(path: path)
        #expect(report.isHealthy, "\(report.problems)")
        #expect(report.records == UInt64(total))
    }

    @Test func changeDescriptorWakesOnAnotherWritersAppend() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let watcher = try EventLog(path: path, create: true)
        let writer = try EventLog(path: path, create: false)
        let follower = try #require(watcher.follower)
        _ = follower.wait(timeoutMilliseconds: 0)  // drain anything from creation
        try writer.append { _ in [payload(1)] }
        #expect(follower.wait(timeoutMilliseconds: 5_000))
        #expect(try watcher.readNew().map(\.sequence) == [1])
    }
}

@Suite struct FailureTests {
    @Test func shortWriteOnAFullDiskIsCutBackAndReported() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        try makeLog(at: path, count: 3)
        let before = readBytes(path)
        let probe = Programs.logProbe

        let refused = try run(probe, ["append-capped", path, String(before.count + 100), "1000"])
        #expect(refused.status == 3, "\(refused.output) \(refused.errors)")
        #expect(refused.output.contains("failed: writeFailed("), "\(refused.output)")
        #expect(refused.output.contains("cutBack: true"), "\(refused.output)")
        #expect(readBytes(path) == before)  // the partial frame was cut off again

        let fits = try run(probe, ["append-capped", path, String(before.count + 100), "20"])
        #expect(fits.output.contains("saved 4"), "\(fits.output) \(fits.errors)")
        #expect(try EventLog.verify(path: path).isHealthy)
    }

    @Test func killedWritersNeverLoseAnAcknowledgedRecord() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let probe = Programs.logProbe
        var acknowledged: [UInt64] = []
        for _ in 0..<3 {
            let running = try start(probe, ["append", path, "1000000"])
            let reader = running.output.fileHandleForReading
            var text = ""
            while text.split(separator: "\n").count < 30 {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            kill(running.process.processIdentifier, SIGKILL)
            running.process.waitUntilExit()
            text += String(decoding: reader.readDataToEndOfFile(), as: UTF8.self)
            // A line cut by the kill is not an acknowledgement.
            let lines = text.hasSuffix("\n") ? text.split(separator: "\n") : text.split(separator: "\n").dropLast()
            acknowledged += lines.compactMap { $0.hasPrefix("saved ") ? UInt64($0.dropFirst(6)) : nil }
        }
        let stored = Set(try EventLog(path: path, create: false).readNew().map(\.sequence))
        #expect(acknowledged.count >= 90)
        #expect(acknowledged.allSatisfy { stored.contains($0) })
        let report = try EventLog.verify(path: path)
        #expect(report.problems.allSatisfy { $0.kind == .incompleteTail }, "\(report.problems)")
    }

    @Test func localFolderIsNotReportedAsNetworkStorage() throws {
        let folder = TemporaryFolder()
        let log = try EventLog(path: folder.file("events.log"), create: true)
        #expect(log.networkFilesystem == nil)
        #expect(Posix.networkFilesystemName(magic: 0x6969) == "NFS")
        #expect(Posix.networkFilesystemName(magic: 0xEF53) == nil)  // ext4
    }
}
