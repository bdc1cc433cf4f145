#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskTestSupport
import Testing
@testable import AsodeskLog

@Suite struct CRC32CTests {
    /// RFC 3720 (iSCSI) appendix B.4 and the usual check value.
    static let vectors: [(bytes: [UInt8], crc: UInt32)] = [
        (Array("123456789".utf8), 0xE306_9283),
        ([UInt8](repeating: 0, count: 32), 0x8A91_36AA),
        ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
        ((0..<32).map { UInt8($0) }, 0x46DD_794E),
        ((0..<32).map { UInt8(31 - $0) }, 0x113F_DB5C),
        ([], 0),
    ]

    @Test func theTableVersionGivesTheKnownValues() {
        for vector in Self.vectors {
            #expect(vector.bytes.withUnsafeBytes { CRC32C.softwareUpdate(0, $0) } == vector.crc)
        }
    }

    @Test func theHardwareVersionGivesTheKnownValuesWhereTheCPUHasIt() {
        // On a CPU without the instruction `update` is the table version, checked above.
        for vector in Self.vectors {
            #expect(CRC32C.checksum(vector.bytes) == vector.crc)
            if CRC32C.hardwareAvailable {
                #expect(vector.bytes.withUnsafeBytes { asodeskHardwareCRC($0) } == vector.crc)
            }
        }
    }

    @Test func bothAgreeOnEveryLengthAndAlignmentAndWhenContinued() {
        var generator = TestRandom(seed: 7)
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes.withUnsafeBytes { all in
            for start in 0..<9 {
                for length in 0...(all.count - start - 8) where length < 80 || length % 37 == 0 {
                    let part = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
                    let software = CRC32C.softwareUpdate(0, part)
                    #expect(CRC32C.update(0, part) == software)
                    // Continuing over two pieces equals one pass over both (how a frame is checked).
                    let split = length / 3
                    let first = UnsafeRawBufferPointer(rebasing: all[start..<(start + split)])
                    let second = UnsafeRawBufferPointer(rebasing: all[(start + split)..<(start + length)])
                    #expect(CRC32C.update(CRC32C.update(0, first), second) == software)
                    #expect(CRC32C.softwareUpdate(CRC32C.softwareUpdate(0, first), second) == software)
                }
            }
        }
    }

    private func asodeskHardwareCRC(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        CRC32C.update(0, bytes)
    }
}

@Suite struct LogHashTests {
    @Test func holdsTheSameBytesAsSwiftCryptoWouldGive() {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        let abc = Array("abc".utf8).withUnsafeBytes { LogHash(sha256Of: $0) }
        #expect(abc.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(LogHash(bytes: abc.bytes) == abc)
        #expect(LogHash(bytes: [UInt8](repeating: 1, count: 31)) == nil)
        #expect(LogHash.zero.bytes == LogFormat.zeroHash)
        #expect(abc != .zero)
    }
}

/// A streamed scan reads a few MB at a time. Whatever the chunk size, it must find exactly what a
/// scan of the whole file at once finds: the same frames, the same damage, the same tail.
@Suite struct StreamedScanTests {
    /// Sizes that put chunk edges inside headers, inside payloads and exactly on frame edges.
    static let chunkSizes = [1, 2, 3, 5, 7, 55, 56, 57, 64, 100, 131, 256, 1000, 4096]

    /// What a scan found, in a form that compares whole.
    struct Outcome: Equatable, CustomStringConvertible {
        var frames: [String]
        var resolvedEnd: UInt64
        var head: LogHash
        var description: String { "\(frames.count) frames, end \(resolvedEnd), tail none" }
    }

    static func frameText(_ frame: ScannedFrame, payload: some Collection<UInt8>, gap: Discontinuity?) -> String {
        var text = "\(frame.offset) #\(frame.sequence) \(frame.length) \(frame.hash.hex.prefix(12)) \(CRC32C.checksum(Array(payload)))"
        if let gap {
            text += " gap(\(gap.damagedOffset.map(String.init) ?? "-") \(gap.damagedLength) \(gap.damagedFault.map { "\($0)" } ?? "-") seq \(gap.sequenceMatches) chain \(gap.chainMatches))"
        }
        return text
    }

    static func wholeFileScan(_ bytes: [UInt8]) -> Outcome {
        var chain = ChainState()
        var frames: [String] = []
        let outcome = bytes.withUnsafeBytes { buffer in
            var pending: PendingDamage?
            return LogScanner.scan(buffer, baseOffset: 0, dataEnd: UInt64(buffer.count), state: &chain, pending: &pending) {
                frames.append(frameText($0, payload: $1, gap: $2))
            }
        }
        guard case .finished(let resolvedEnd) = outcome else {
            Issue.record("a scan of the whole file must finish, got \(outcome)")
            return Outcome(frames: frames, resolvedEnd: 0, head: .zero)
        }
        return Outcome(frames: frames, resolvedEnd: resolvedEnd, head: chain.headHash)
    }

    static func streamedScan(_ path: String, chunkSize: Int) throws -> Outcome {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        defer { close(descriptor) }
        let size = try Posix.size(ofDescriptor: descriptor)
        var frames: [String] = []
        var lastCommitted: UInt64 = 0
        let scan = try LogScanner.scanFile(descriptor, from: 0, to: size, chain: ChainState(), chunkSize: chunkSize,
                                           visit: { frames.append(frameText($0, payload: $1, gap: $2)) },
                                           committed: { _, resolved in
                                               #expect(resolved >= lastCommitted, "the committed position never moves back")
                                               lastCommitted = resolved
                                           })
        return Outcome(frames: frames, resolvedEnd: scan.resolvedEnd, head: scan.chain.headHash)
    }

    /// Records of varied sizes (one far larger than the small chunks).
    static func sampleLog(in folder: TemporaryFolder) throws -> (path: String, records: [LogRecord], bytes: [UInt8]) {
        let path = folder.file("events.log")
        let log = try EventLog(path: path, create: true)
        var records: [LogRecord] = []
        for index in 1...12 {
            records += try log.append { _ in [payload(index, padding: (index * 53) % 170 + (index == 6 ? 5000 : 0))] }
        }
        return (path, records, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    func expectSameAtEveryChunkSize(_ bytes: [UInt8], in folder: TemporaryFolder, _ what: String) throws {
        let path = folder.file("variant.log")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let whole = Self.wholeFileScan(bytes)
        for chunkSize in Self.chunkSizes + [bytes.count + 1] {
            let streamed = try Self.streamedScan(path, chunkSize: chunkSize)
            #expect(streamed == whole, "\(what), chunks of \(chunkSize) bytes: \(streamed) against \(whole)")
        }
    }

    @Test func aHealthyLogReadsTheSameInChunksOfAnySize() throws {
        let folder = TemporaryFolder()
        let sample = try Self.sampleLog(in: folder)
        let whole = Self.wholeFileScan(sample.bytes)
        #expect(whole.frames.count == 12)
        #expect(whole.resolvedEnd == UInt64(sample.bytes.count))
        try expectSameAtEveryChunkSize(sample.bytes, in: folder, "healthy")

        for chunkSize in Self.chunkSizes {
            let reader = try EventLog(path: sample.path, create: false, readOnly: true)
            reader.readChunkSize = chunkSize
            #expect(try reader.readNew() == sample.records, "chunks of \(chunkSize)")
            #expect(reader.health == .healthy)
            #expect(reader.headHash == sample.records.last!.hash)
        }
    }

    @Test func aFlippedBitCostsOneRecordWhereverTheChunkEdgeFalls() throws {
        let folder = TemporaryFolder()
        let sample = try Self.sampleLog(in: folder)
        // A bit in the header, the length field, the payload, the CRC; of small records and the large one.
        // (In the last record a flip is a torn tail, no valid frame following it: see the tail test.)
        for victim in [0, 2, 5, 6, 10] {
            let record = sample.records[victim]
            let start = Int(record.offset)
            for position in [start, start + 5, start + 17, start + 53, start + 60, start + LogFormat.headerSize + record.payload.count - 1] {
                var damaged = sample.bytes
                damaged[position] ^= 0x10
                try expectSameAtEveryChunkSize(damaged, in: folder, "bit flip at \(position) (record \(record.sequence))")

                for chunkSize in [7, 57, 131, 4096] {
                    let path = folder.file("variant.log")
                    let reader = try EventLog(path: path, create: false, readOnly: true)
                    reader.readChunkSize = chunkSize
                    let read = try reader.readNew()
                    #expect(read.map(\.sequence) == sample.records.map(\.sequence).filter { $0 != record.sequence },
                            "flip at \(position), chunks of \(chunkSize): exactly record \(record.sequence) is lost")
                    guard case .damaged(let reports) = reader.health else {
                        Issue.record("the flip at \(position) went unnoticed with chunks of \(chunkSize)")
                        continue
                    }
                    #expect(reports.count == 1)
                    #expect(reports.first?.offset == record.offset, "the damage is named at the record's offset")
                    #expect(reports.first?.recordsAffected == 1)
                }
            }
        }
    }

    @Test func aTornTailIsATailWhereverTheChunkEdgeFalls() throws {
        let folder = TemporaryFolder()
        let sample = try Self.sampleLog(in: folder)
        let last = sample.records.last!
        let frame = FrameCodec.encode(kind: LogFormat.Kind.event, encoding: LogFormat.Encoding.json,
                                      sequence: last.sequence + 1, previousHash: last.hash, payload: payload(99, padding: 300)).bytes
        for cut in [1, 3, 4, 30, 55, 56, 57, 200, frame.count - 1] {
            let torn = sample.bytes + frame[0..<cut]
            try expectSameAtEveryChunkSize(torn, in: folder, "torn tail of \(cut) bytes")
            let whole = Self.wholeFileScan(torn)
            #expect(whole.resolvedEnd == UInt64(sample.bytes.count))
            #expect(whole.frames.count == sample.records.count)

            for chunkSize in [1, 57, 131, 4096] {
                let reader = try EventLog(path: folder.file("variant.log"), create: false, readOnly: true)
                reader.readChunkSize = chunkSize
                #expect(try reader.readNew() == sample.records)
                #expect(reader.health == .healthy, "a torn tail is not damage (chunks of \(chunkSize))")
                #expect(reader.pendingTailBytes == UInt64(cut))
            }
        }
    }

    @Test func garbageBetweenFramesAndSeveralDamagedPlacesAgreeAtEveryChunkSize() throws {
        let folder = TemporaryFolder()
        let sample = try Self.sampleLog(in: folder)
        var generator = TestRandom(seed: 2026)
        for round in 0..<12 {
            var bytes = sample.bytes
            // Stray bytes (sometimes holding a stray magic), a cut, and a few flips at random places.
            let insertAt = Int.random(in: 0..<bytes.count, using: &generator)
            var stray = (0..<Int.random(in: 1...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if round % 2 == 0 { stray.insert(contentsOf: LogFormat.magic, at: stray.count / 2) }
            bytes.insert(contentsOf: stray, at: insertAt)
            for _ in 0..<(round % 4) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^= UInt8.random(in: 1...255, using: &generator)
            }
            if round % 3 == 0 { bytes.removeLast(Int.random(in: 1...200, using: &generator)) }
            try expectSameAtEveryChunkSize(bytes, in: folder, "round \(round)")
        }
    }

    @Test func verifyStreamsAndStillNamesEveryProblemWithItsOffset() throws {
        let folder = TemporaryFolder()
        let sample = try Self.sampleLog(in: folder)
        var damaged = sample.bytes
        damaged[Int(sample.records[3].offset) + 60] ^= 1
        let last = sample.records.last!
        damaged += FrameCodec.encode(kind: LogFormat.Kind.event, encoding: LogFormat.Encoding.json,
                                     sequence: last.sequence + 1, previousHash: last.hash, payload: payload(50)).bytes[0..<20]
        try Data(damaged).write(to: URL(fileURLWithPath: sample.path))
        let report = try EventLog.verify(path: sample.path)
        #expect(report.records == 11)
        #expect(report.problems.map(\.kind) == [.unreadableBytes, .incompleteTail])
        #expect(report.problems.first?.offset == sample.records[3].offset)
        #expect(report.problems.last?.offset == UInt64(sample.bytes.count))
        #expect(report.problems.last?.length == 20)
        #expect(report.headHash == last.hash)
        #expect(report.fileSize == UInt64(damaged.count))
    }

    @Test func aStreamedReadHandsOutViewsThatMatchTheRecords() throws {
        let folder = TemporaryFolder()
        let sample = try Self.sampleLog(in: folder)
        let reader = try EventLog(path: sample.path, create: false, readOnly: true)
        reader.readChunkSize = 100
        var viewed: [LogRecord] = []
        try reader.readNew { view in
            #expect(view.isEvent)
            viewed.append(view.record)
        }
        #expect(viewed == sample.records)
        var again = 0
        try reader.readNew { _ in again += 1 }
        #expect(again == 0, "records handed out once are not handed out again")
    }
}

/// A small deterministic generator (SplitMix64), so a failing case can be run again.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
