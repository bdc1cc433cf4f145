#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskTestSupport
import Testing
@testable import AsodeskLog

@Suite struct FrameTests {
    @Test func crc32cMatchesTheStandardCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.unmask(CRC32C.mask(0x1234_5678)) == 0x1234_5678)
        // Slicing-by-8 and the byte-wise tail agree for every length around the 8-byte step.
        let bytes = (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        for length in 0...bytes.count {
            var bytewise: UInt32 = ~0
            for byte in bytes[0..<length] {
                bytewise = (bytewise >> 8) ^ CRC32C.tables[Int((bytewise ^ UInt32(byte)) & 0xFF)]
            }
            #expect(CRC32C.checksum(Array(bytes[0..<length])) == ~bytewise)
        }
    }

    @Test func frameRoundTripsThroughTheParser() {
        let previous = [UInt8](repeating: 7, count: 32)
        let encoded = FrameCodec.encode(kind: LogFormat.Kind.event, encoding: LogFormat.Encoding.json,
                                        sequence: 42, previousHash: previous, payload: payload(1))
        #expect(encoded.bytes.count == LogFormat.headerSize + payload(1).count)
        #expect(Array(encoded.bytes[0..<4]) == Array("ASOD".utf8))
        let parsed = encoded.bytes.withUnsafeBytes { FrameCodec.parse($0, at: 0, baseOffset: 100) }
        guard case .valid(let frame, let payloadRange) = parsed else {
            Issue.record("frame did not parse: \(parsed)")
            return
        }
        #expect(frame.sequence == 42)
        #expect(frame.offset == 100)
        #expect(frame.previousHash.bytes == previous)
        #expect(Array(encoded.bytes[payloadRange]) == payload(1))
        #expect(frame.hash.bytes == encoded.hash)
    }
}

@Suite struct EventLogBasicsTests {
    @Test func roundTripThroughASecondInstance() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let writer = try EventLog(path: path, create: true)
        #expect(writer.access == .readWrite)
        #expect(try writer.readNew().isEmpty)
        let batch = try writer.append { unseen in
            #expect(unseen.isEmpty)
            return [payload(1), payload(2), payload(3)]
        }
        #expect(batch.map(\.sequence) == [1, 2, 3])
        let single = try writer.append { _ in [payload(4)] }
        #expect(single.map(\.sequence) == [4])
        #expect(try writer.readNew().isEmpty)  // its own records count as read

        let reader = try EventLog(path: path, create: false)
        let records = try reader.readNew()
        #expect(records.map(\.sequence) == [1, 2, 3, 4])
        #expect(records.map(\.payload) == [payload(1), payload(2), payload(3), payload(4)])
        #expect(records.allSatisfy { $0.kind == LogFormat.Kind.event && $0.encoding == LogFormat.Encoding.json })
        #expect(records == batch + single)
        #expect(reader.headHash == writer.headHash)
        #expect(reader.lastSequence == 4)
        #expect(reader.health == .healthy)

        let report = try EventLog.verify(path: path)
        #expect(report.isHealthy)
        #expect(report.records == 4)
        #expect(report.headHash == writer.headHash)
    }

    @Test func readNewIsIncrementalAndAppendSeesOthersRecordsFirst() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let first = try EventLog(path: path, create: true)
        let second = try EventLog(path: path, create: false)
        try first.append { _ in [payload(1), payload(2)] }
        #expect(try second.readNew().map(\.sequence) == [1, 2])
        #expect(try second.readNew().isEmpty)
        try first.append { _ in [payload(3)] }

        var handedToBuild: [UInt64] = []
        let saved = try second.append { unseen in
            handedToBuild = unseen.map(\.sequence)
            return [payload(4)]
        }
        #expect(handedToBuild == [3])
        #expect(saved.map(\.sequence) == [4])
        #expect(try second.readNew().isEmpty)
        #expect(try first.readNew().map(\.sequence) == [4])

        // Records handed to a build that throws count as read.
        struct Refused: Error {}
        try first.append { _ in [payload(5)] }
        #expect(throws: Refused.self) { try second.append { _ in throw Refused() } }
        #expect(try second.readNew().isEmpty)
        #expect(second.lastSequence == 5)
        #expect(try second.append { _ in [] }.isEmpty)
    }

    @Test func newFileIsCreatedWithMode0660WhateverTheUmask() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let previousMask = umask(0o002)
        defer { umask(previousMask) }
        _ = try EventLog(path: path, create: true)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)
    }

    @Test func missingFileAndForeignFileAreRefusedClearly() throws {
        let folder = TemporaryFolder()
        #expect(throws: LogError.notFound(path: folder.file("none.log"))) {
            try EventLog(path: folder.file("none.log"), create: false)
        }
        let foreign = folder.file("config.toml")
        writeBytes(Array("[site]\nname = \"ASO\"\n".utf8), to: foreign)
        do {
            _ = try EventLog(path: foreign, create: false)
            Issue.record("a TOML file was accepted as a log")
        } catch let error as LogError {
            guard case .notALog(let path, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == foreign)
            #expect(error == .notALog(path: foreign, reason: .foreignContent))
        }
    }

    @Test func oversizedPayloadIsRefusedAndNothingIsWritten() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let log = try EventLog(path: path, create: true)
        let big = [UInt8](repeating: 0x20, count: LogFormat.maximumPayloadSize + 1)
        #expect(throws: LogError.tooLarge(bytes: big.count, limit: LogFormat.maximumPayloadSize)) {
            try log.append { _ in [payload(1), big] }
        }
        #expect(readBytes(path).isEmpty)
    }

    /// Another log written at the path while this one is open (deleted and created again):
    /// none of its records is handed out as if it continued this one, and nothing more is
    /// written here; the reason says what happened.
    @Test func aLogReplacedByAnotherUnderAReaderIsNeitherFoldedNorWritten() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let open = try EventLog(path: path, create: true)
        try open.append { _ in [payload(1), payload(2)] }
        #expect(try open.readNew().isEmpty)
        try FileManager.default.removeItem(atPath: path)
        let other = try EventLog(path: path, create: true)
        try other.append { _ in [payload(7), payload(8), payload(9)] }
        #expect(try open.readNew().isEmpty)
        #expect(open.access == .readOnly(.replacedByAnotherLog))
        #expect(open.lastSequence == 2)
        #expect(throws: LogError.readOnly(.replacedByAnotherLog)) { try open.append { _ in [payload(3)] } }
        #expect(try EventLog(path: path, create: false).readNew().map(\.sequence) == [1, 2, 3])
    }

    /// A log cut short under a reader (its last record gone) is treated the same way.
    @Test func aLogCutShortUnderAReaderIsNotWrittenOn() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        let open = try EventLog(path: path, create: true)
        try open.append { _ in [payload(1)] }
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        try open.append { _ in [payload(2)] }
        #expect(truncate(path, off_t(size)) == 0)
        #expect(try open.readNew().isEmpty)
        #expect(open.access == .readOnly(.replacedByAnotherLog))
    }

    /// A running dashboard marks its log open; the mark goes with the instance, and another
    /// instance's lock (the writer's flock) is not disturbed by it.
    @Test func presenceIsSeenFromAnotherDescriptorUntilTheLogIsClosed() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        var open: EventLog? = try EventLog(path: path, create: true)
        #expect(!LogPresence.isOpenElsewhere(path: path))
        open?.announcePresence()
        #expect(LogPresence.isOpenElsewhere(path: path))
        let writer = try EventLog(path: path, create: false)
        #expect(try writer.append { _ in [payload(1)] }.count == 1)
        open = nil
        #expect(!LogPresence.isOpenElsewhere(path: path))
        #expect(!LogPresence.isOpenElsewhere(path: folder.file("missing.log")))
    }

    @Test func readOnlyRequestStillReads() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        try makeLog(at: path, count: 3)
        let log = try EventLog(path: path, create: false, readOnly: true)
        guard case .readOnly(let reason) = log.access else {
            Issue.record("expected read-only access")
            return
        }
        #expect(reason == .requested)
        #expect(try log.readNew().count == 3)
        #expect(throws: LogError.readOnly(reason)) { try log.append { _ in [payload(4)] } }
    }

    @Test func fileWithoutWritePermissionOpensReadOnlyWithAReason() throws {
        let folder = TemporaryFolder()
        let path = folder.file("events.log")
        try makeLog(at: path, count: 3)
        chmod(folder.path, 0o755)
        chmod(path, 0o444)
        if geteuid() != 0 {
            let log = try EventLog(path: path, create: false)
            guard case .readOnly(let reason) = log.access else {
                Issue.record("expected read-only access, got \(log.access)")
                return
            }
            #expect(reason == .permissionDenied)
            #expect(try log.readNew().count == 3)
            return
        }
        // Root ignores file modes: check from an unprivileged user through the probe.
        let probe = Programs.logProbe
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        // The build folder may not be reachable by that user: run a copy placed beside the log.
        // Copied by cp, not in this process: a child another test forks meanwhile would inherit
        // the copy's open descriptor, and running the copy would fail with "text file busy".
        let copy = folder.file("log-probe")
        #expect(try run("/bin/cp", [probe, copy]).status == 0)
        chmod(copy, 0o755)
        let result = try run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
                                                   copy, "access", path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("readOnly: permissionDenied"))
        #expect(result.output.contains("records 3"))
    }
}
