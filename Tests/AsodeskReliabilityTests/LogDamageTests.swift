#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskTestSupport
import Testing
@testable import AsodeskLog
import AsodeskDomain

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

    @Test func tornTailAtEveryOffsetOfTheLastTwoRecords() throws {
        let folder = TemporaryFolder()
        let original = folder.file("original.log")
        let records = try makeLog(at: original, count: 5)
        let bytes = readBytes(original)
        let cutStart = Int(records[3].offset)
        var checked = 0
        for cut in cutStart..<bytes.count {
            let path = folder.file("cut-\(cut).log")
            writeBytes(Array(bytes[0..<cut]), to: path)
            let complete = records.filter { Int($0.offset) + LogFormat.headerSize + $0.payload.count <= cut }

            let reader = try EventLog(path: path, create: false, readOnly: true)
            #expect(try reader.readNew() == complete, "cut at \(cut)")
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
                }
            } else {
                #expect(quarantined.isEmpty)
            }
            let report = try EventLog.verify(path: path)
            #expect(report.isHealthy, "cut at \(cut): \(report.problems)")
            #expect(report.records == UInt64(complete.count + 1))
            checked += 1
        }
        #expect(checked == bytes.count - cutStart)
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
    /// Flips single bits inside records 20…40 of 60: each flip must cost exactly that record.
    @Test func randomBitFlipsInTheMiddleAreFoundAndRepaired() throws {
        let folder = TemporaryFolder()
        let original = folder.file("original.log")
        let records = try makeLog(at: original, count: 60, padding: 20)
        let bytes = readBytes(original)
        let damageStart = Int(records[19].offset)
        let damageEnd = Int(records[40].offset)
        var generator = SeededRandom(seed: 20_261_122)
        for round in 0..<300 {
            let position = Int.random(in: damageStart..<damageEnd, using: &generator)
            let bit = UInt8(1) << UInt8.random(in: 0..<8, using: &generator)
            var damaged = bytes
            damaged[position] ^= bit
            let path = folder.file("flip-\(round).log")
            writeBytes(damaged, to: path)
            let hit = records.lastIndex { Int($0.offset) <= position }!

            let log = try EventLog(path: path, create: false)
            let read = try log.readNew()
            var expected = records
            expected.remove(at: hit)
            #expect(read == expected, "round \(round): flip at \(position)")
            guard case .damaged(let reports) = log.health, let report = reports.first else {
                Issue.record("round \(round): flip at \(position) not detected")
                continue
            }
            #expect(reports.count == 1)
            #expect(report.offset == records[hit].offset, "round \(round)")
            #expect(report.lastGoodSequence == records[hit].sequence - 1)
            #expect(report.nextGoodSequence == records[hit].sequence + 1)
            #expect(report.recordsAffected == 1)
            #expect(report.description.contains("offset \(records[hit].offset)"))
            #expect(report.description.contains("asodesk repair"))
            #expect(throws: LogError.damaged(reports)) { try log.append { _ in [payload(0)] } }
            #expect(try log.readNew().isEmpty)

            let verify = try EventLog.verify(path: path)
            #expect(verify.problems.first?.offset == records[hit].offset)
            #expect(verify.problems.first?.sequence == records[hit].sequence)

            // Repair a sample of them (each repair costs a few fsyncs).
            guard round % 15 == 0 else { continue }
            let repair = try EventLog.repair(path: path, now: Date(timeIntervalSince1970: 1_790_000_000))
            #expect(repair.changed)
            #expect(repair.recordsKept == 59)
            #expect(repair.recordsLost == 1)
            #expect(repair.gapsDocumented == 1)
            #expect(repair.bytesSetAside == UInt64(records[hit].payload.count + LogFormat.headerSize))
            #expect(readBytes(repair.backupPath!) == damaged)
            #expect(readBytes(repair.quarantinePath!) == Array(damaged[Int(records[hit].offset)..<Int(records[hit + 1].offset)]))
            let after = try EventLog.verify(path: path)
            #expect(after.isHealthy, "\(after.problems)")
            #expect(after.records == 59)
            #expect(after.repairedGaps.count == 1)
            #expect(after.repairedGaps.first?.lostFrom == records[hit].sequence)
            #expect(after.repairedGaps.first?.lostThrough == records[hit].sequence)
            #expect(after.summary.contains("1 repaired gap"))

            // The open instance follows the rename; saving works again and continues the chain.
            #expect(try log.readNew().allSatisfy { $0.kind == LogFormat.Kind.repairGap })
            #expect(log.health == .healthy)
            let saved = try log.append { _ in [payload(61)] }
            #expect(saved.map(\.sequence) == [61])
            #expect(try EventLog.verify(path: path).isHealthy)
            let fresh = try EventLog(path: path, create: false).readNew()
            // Records keep their bytes (hence their hashes); only their offsets move.
            #expect(fresh.filter(\.isEvent).map(\.hash) == (expected + saved).map(\.hash))
        }
    }

    @Test func zerosAndGarbageMidFileAreDamageNotATail() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let records = try makeLog(at: path, count: 10)
        var bytes = readBytes(path)
        let start = Int(records[4].offset)
        for index in start..<(start + 40) { bytes[index] = 0 }
        writeBytes(bytes, to: path)
        let log = try EventLog(path: path, create: false)
        // A refused save must not swallow the records it read on the way.
        #expect(throws: LogError.self) { try log.append { _ in [payload(11)] } }
        #expect(try log.readNew().map(\.sequence) == [1, 2, 3, 4, 6, 7, 8, 9, 10])
        guard case .damaged(let reports) = log.health else {
            Issue.record("zeros mid-file not reported")
            return
        }
        #expect(reports.first?.offset == records[4].offset)
        #expect(reports.first?.recordsAffected == 1)
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
        #expect(problem.description.contains("record 10 at offset \(victim.offset)"))

        let log = try EventLog(path: path, create: false)
        #expect(try log.readNew().count == 20)  // the altered record is readable and returned
        guard case .damaged(let reports) = log.health else {
            Issue.record("tampering not reported in health")
            return
        }
        #expect(reports.first?.description.contains("record 10 at offset \(victim.offset)") == true)
        #expect(reports.first?.lastGoodSequence == 9)
        #expect(throws: LogError.self) { try log.append { _ in [payload(21)] } }

        let repair = try EventLog.repair(path: path, now: Date(timeIntervalSince1970: 1_790_000_000))
        #expect(repair.recordsKept == 20)
        #expect(repair.recordsLost == 0)
        #expect(repair.bytesSetAside == 0)
        let after = try EventLog.verify(path: path)
        #expect(after.isHealthy)
        #expect(after.repairedGaps.count == 1)
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
        #expect(problem.description.contains("Record 10 is missing"))

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
        #expect(watcher.changeFileDescriptor != nil)
        _ = watcher.waitForChange(timeoutMilliseconds: 0)  // drain anything from creation
        try writer.append { _ in [payload(1)] }
        #expect(watcher.waitForChange(timeoutMilliseconds: 5_000))
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
        #expect(refused.output.contains("failed: Nothing was saved"))
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
