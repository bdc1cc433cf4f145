#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskTestSupport
import Testing
@testable import AsodeskLog

/// `asodesk verify` names an altered or a deleted record of a real desk's log.
@Suite(.serialized) struct TamperingTests {
    /// A demo desk's log and its records.
    static func demoLog() throws -> (cli: CLI, records: [LogRecord], bytes: [UInt8]) {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        let records = try EventLog(path: cli.log, create: false, readOnly: true).readNew()
        return (cli, records, readBytes(cli.log))
    }

    @Test func aChangedByteWithItsChecksumFixedIsNamed() throws {
        let (cli, records, original) = try Self.demoLog()
        // One letter of a record in the middle changed (a name, a decision text): a forger's edit.
        let victim = records[records.count / 2]
        let letter = try #require(victim.payload.lastIndex { (UInt8(ascii: "a")...UInt8(ascii: "w")).contains($0) })
        var bytes = original
        let position = Int(victim.offset) + LogFormat.headerSize + letter
        bytes[position] += 1
        refreshChecksum(&bytes, frameAt: Int(victim.offset))
        writeBytes(bytes, to: cli.log)

        let verify = try cli.run("verify")
        #expect(verify.status == 3)
        #expect(verify.err.contains("record \(victim.sequence) at offset \(victim.offset)"), "\(verify.err)")
        #expect(verify.err.contains("asodesk repair"))
        #expect(readBytes(cli.log) == bytes, "verify only reads")
        Figures.report("tampering (byte changed, checksum fixed)",
                       ["records": records.count, "altered": victim.sequence, "named by verify": verify.err.contains("record \(victim.sequence)")])
    }

    @Test func aDeletedRecordIsNamed() throws {
        let (cli, records, original) = try Self.demoLog()
        let victim = records[records.count / 2]
        var bytes = original
        bytes.removeSubrange(Int(victim.offset)..<Int(records[records.count / 2 + 1].offset))
        writeBytes(bytes, to: cli.log)

        let verify = try cli.run("verify")
        #expect(verify.status == 3)
        #expect(verify.err.contains("record \(victim.sequence) is missing"), "\(verify.err)")
        #expect(verify.err.contains("offset \(victim.offset)"))
        Figures.report("tampering (record deleted)",
                       ["records": records.count, "deleted": victim.sequence, "named by verify": verify.err.contains("record \(victim.sequence) is missing")])
    }

    /// A forger who rewrites one record and recomputes every later checksum and hash leaves a log
    /// that is healthy by itself: only a chain head kept elsewhere exposes it.
    @Test func aRewrittenChainIsNamedAgainstAKeptHead() throws {
        let (cli, records, original) = try Self.demoLog()
        let keptHead = records.last!.hashHex
        let victimIndex = records.count / 2
        var forged = Array(original[0..<Int(records[victimIndex].offset)])
        var previousHash = records[victimIndex - 1].hash
        for (index, record) in records.enumerated().dropFirst(victimIndex) {
            var payload = record.payload
            if index == victimIndex, let letter = payload.lastIndex(where: { (UInt8(ascii: "a")...UInt8(ascii: "w")).contains($0) }) {
                payload[letter] += 1
            }
            let frame = FrameCodec.encode(kind: record.kind, encoding: record.encoding, sequence: record.sequence,
                                          previousHash: previousHash, payload: payload)
            forged += frame.bytes
            previousHash = frame.hash
        }
        writeBytes(forged, to: cli.log)

        // The recomputed chain is consistent by itself; what gives it away without a kept head is
        // that the forger could not sign the rewritten records as their authors.
        let alone = try cli.run("verify")
        #expect(alone.status == 5, "\(alone.out)\(alone.err)")
        #expect(alone.err.contains("record \(records[victimIndex].sequence) "), "\(alone.err)")
        #expect(alone.err.contains("unsigned"), "\(alone.err)")
        let checked = try cli.run("verify", "--head", keptHead)
        #expect(checked.status == 3)
        #expect(checked.err.contains("No record of this log has the kept chain head"), "\(checked.err)")
        let earlier = try cli.run("verify", "--head", records[victimIndex - 1].hashHex)
        #expect(earlier.status == 5, "the history up to the kept head is intact; the unsigned records after it are named")
        #expect(earlier.out.contains("The kept head is record \(records[victimIndex - 1].sequence)"), "\(earlier.out)")
        Figures.report("tampering (chain recomputed)", ["records": records.count, "rewritten from": records[victimIndex].sequence,
                                                        "found with kept head": checked.status == 3])
    }
}

/// A follower (what every dashboard is) reading while several processes write.
@Suite struct FollowerTests {
    @Test func aFollowerSeesEveryRecordInOrderWhileWritersAppend() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        try EventLog(path: path, create: true).append { _ in [payload(0)] }
        let plans: [(count: Int, batch: Int)] = LongRun.isFull
            ? [(2_000, 1), (2_000, 1), (1_998, 3), (2_000, 5)]
            : [(200, 1), (200, 1), (198, 3), (200, 5)]
        let total = 1 + plans.reduce(0) { $0 + $1.count }
        let follower = try start(Programs.logProbe, ["follow", path, String(total)])
        let writers = try plans.map { try start(Programs.logProbe, ["append", path, String($0.count), String($0.batch)]) }
        for writer in writers.map(finish) { #expect(writer.status == 0, "\(writer.errors)") }
        let followed = finish(follower)
        #expect(followed.status == 0, "\(followed.errors)")

        let seen = followed.output.split(separator: "\n").map { line -> (UInt64, String) in
            let space = line.firstIndex(of: " ")!
            return (UInt64(line[..<space])!, String(line[line.index(after: space)...]))
        }
        let stored = try EventLog(path: path, create: false, readOnly: true).readNew()
        let inOrder = seen.map(\.0) == Array(1...UInt64(total))
        let whole = seen.map(\.1) == stored.map { String(decoding: $0.payload, as: UTF8.self) }
        #expect(inOrder, "the follower saw the records out of order or missed some")
        #expect(whole, "the follower saw a record other than the one stored")
        Figures.report("follower racing writers", ["writers": plans.count, "records written": total,
                                                   "records seen": seen.count, "in order": inOrder, "each as stored": whole])
    }
}
