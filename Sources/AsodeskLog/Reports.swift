import Foundation

/// One readable record of the log.
public struct LogRecord: Sendable, Equatable {
    public let sequence: UInt64
    /// Byte offset of the frame in the file.
    public let offset: UInt64
    /// `LogFormat.Kind`: 1 = event, 3 = repair-gap marker (written by repair; not an event).
    public let kind: UInt8
    /// `LogFormat.Encoding`: 1 = JSON (UTF-8), 2 = binary.
    public let encoding: UInt8
    public let payload: [UInt8]
    /// SHA-256 of the whole frame (header and payload).
    public let digest: LogHash
    /// The previous-hash field of the frame (part of what a signature binds).
    public var previousHash: LogHash = .zero
    /// The signature trailer the frame carried after the payload (empty: unsigned).
    public var trailer: [UInt8] = []
    /// The signed flag was set without a well-formed trailer.
    public var signatureMalformed = false

    /// The author's signature, copied out of the frame.
    public var signature: FrameSignature? {
        trailer.isEmpty ? nil : trailer.withUnsafeBytes { FrameSignatureView(trailer: $0).owned }
    }

    /// The bytes the frame takes in the file: header, payload and signature trailer (a frame whose
    /// signed flag had no well-formed trailer is not measured by this).
    public var frameSize: Int { LogFormat.headerSize + payload.count + trailer.count }

    /// SHA-256 of the whole frame (header and payload), 32 bytes.
    public var hash: [UInt8] { digest.bytes }
    public var isEvent: Bool { kind == LogFormat.Kind.event }
    public var hashHex: String { digest.hex }
    /// The repair note this record carries, when it is a repair-gap marker.
    public var repairGap: RepairGapMarker? {
        kind == LogFormat.Kind.repairGap ? RepairGapMarker.decode(payload) : nil
    }

    /// The record as a view, for code written against `EventLog.readNew(_:)`.
    public func withView<Result>(_ body: (LogRecordView) throws -> Result) rethrows -> Result {
        try payload.withUnsafeBytes { buffer in
            try trailer.withUnsafeBytes { trailerBytes in
                let block: FrameSignatureBlock = signatureMalformed ? .malformed
                    : trailer.isEmpty ? .none : .signed(FrameSignatureView(trailer: trailerBytes))
                return try body(LogRecordView(sequence: sequence, offset: offset, kind: kind, encoding: encoding,
                                              payload: buffer, digest: digest, previousHash: previousHash, signature: block))
            }
        }
    }
}

// In an extension, so that the struct keeps its memberwise initialiser.
extension LogRecord {
    public init(sequence: UInt64, offset: UInt64, kind: UInt8, encoding: UInt8, payload: [UInt8], hash: [UInt8]) {
        self.init(sequence: sequence, offset: offset, kind: kind, encoding: encoding, payload: payload,
                  digest: LogHash(bytes: hash) ?? .zero)
    }

    init(_ frame: ScannedFrame, payload: [UInt8], trailer: [UInt8] = []) {
        self.init(sequence: frame.sequence, offset: frame.offset, kind: frame.kind,
                  encoding: frame.encoding, payload: payload, digest: frame.hash, previousHash: frame.previousHash,
                  trailer: trailer, signatureMalformed: frame.malformedTrailer)
    }
}

/// A record as a streamed read hands it out: the payload is a view of the bytes just read, valid
/// only during the call that receives it (copy it, or take `record`, to keep it). Reading this
/// way allocates nothing per record.
public struct LogRecordView {
    public let sequence: UInt64
    public let offset: UInt64
    public let kind: UInt8
    public let encoding: UInt8
    public let payload: UnsafeRawBufferPointer
    public let digest: LogHash
    /// The previous-hash field of the frame (part of what a signature binds).
    public var previousHash: LogHash = .zero
    /// The author's signature block (views of the read buffer, like the payload).
    public var signature: FrameSignatureBlock = .none

    public var isEvent: Bool { kind == LogFormat.Kind.event }
    /// The repair note this record carries, when it is a repair-gap marker.
    public var repairGap: RepairGapMarker? {
        kind == LogFormat.Kind.repairGap ? RepairGapMarker.decode(payload) : nil
    }
    /// A copy that outlives the call.
    public var record: LogRecord {
        var trailer: [UInt8] = []
        var malformed = false
        switch signature {
        case .none: break
        case .malformed: malformed = true
        case .signed(let view):
            trailer = Array(view.signerIDBytes) + [UInt8(view.signerIDBytes.count)] + Array(view.keyIDBytes) + Array(view.signatureBytes)
        }
        return LogRecord(sequence: sequence, offset: offset, kind: kind, encoding: encoding, payload: Array(payload), digest: digest,
                         previousHash: previousHash, trailer: trailer, signatureMalformed: malformed)
    }

    /// The message the signature block signs (nil when unsigned or malformed).
    public var signedMessage: [UInt8]? {
        guard case .signed(let view) = signature else { return nil }
        return view.message(kind: kind, encoding: encoding, sequence: sequence, previousHash: previousHash, body: payload)
    }
}

// In an extension, so that the struct keeps its memberwise initialiser.
extension LogRecordView {
    /// `payload` is the body; a trailer, when the frame has one, follows it in the same buffer.
    init(_ frame: ScannedFrame, payload: UnsafeRawBufferPointer) {
        var block = FrameSignatureBlock.none
        if frame.malformedTrailer {
            block = .malformed
        } else if frame.trailerLength > 0, let base = payload.baseAddress {
            block = .signed(FrameSignatureView(trailer: UnsafeRawBufferPointer(start: base + payload.count, count: frame.trailerLength)))
        }
        self.init(sequence: frame.sequence, offset: frame.offset, kind: frame.kind, encoding: frame.encoding,
                  payload: payload, digest: frame.hash, previousHash: frame.previousHash, signature: block)
    }
}

/// Where the log is damaged and what it costs. Damage never stops reading; it stops writing.
/// Structured: the command line and the dashboard put it into words.
public struct DamageReport: Sendable, Equatable {
    public var offset: UInt64
    /// Bytes that do not form a valid record (for an altered record: that record's length).
    public var length: UInt64
    public var lastGoodSequence: UInt64?
    /// nil when no readable record follows: damage at the end of the log.
    public var nextGoodSequence: UInt64?
    /// Sequence numbers missing between the last and next good record; nil when the
    /// sequence runs backwards or nothing follows, and the count cannot be known.
    public var recordsAffected: UInt64?
    public var cause: DamageCause

    public init(offset: UInt64, length: UInt64, lastGoodSequence: UInt64?, nextGoodSequence: UInt64?,
                recordsAffected: UInt64?, cause: DamageCause) {
        self.offset = offset
        self.length = length
        self.lastGoodSequence = lastGoodSequence
        self.nextGoodSequence = nextGoodSequence
        self.recordsAffected = recordsAffected
        self.cause = cause
    }

    /// Records of a format version this asodesk does not know, with a valid checksum: the log
    /// is not damaged but newer; repair must not touch it.
    public var isNewerFormat: Bool {
        if case .unreadable(.unknownVersion(_, checksumValid: true)) = cause { return true }
        return false
    }
}

public enum DamageCause: Sendable, Equatable {
    /// Bytes that are not a valid frame, for the reason the first of them gave.
    case unreadable(FrameFault)
    /// The next readable record does not carry the next sequence number: records were removed,
    /// repeated or reordered.
    case sequenceJump(expected: UInt64, found: UInt64)
    /// The record was changed after it was written: the next one holds another fingerprint of it.
    case altered(sequence: UInt64, nextSequence: UInt64, nextOffset: UInt64)
    /// An unfinished save at the end (verify only: it is not damage, the next save sets it aside).
    case unfinishedSave
    /// A repair marker whose own account of what was lost differs from what the chain shows.
    case misstatedMarker(claimedLost: UInt64, chainLost: UInt64)
    /// A repair marker whose payload does not decode.
    case unreadableMarker
}

public enum LogHealth: Sendable, Equatable {
    case healthy
    case damaged([DamageReport])
}

/// Why the log can only be read from this process.
public enum ReadOnlyReason: Sendable, Equatable {
    case requested
    /// This user may read the log but not write it (or, for repair, not write its folder).
    case permissionDenied
    case readOnlyFilesystem
    /// `O_APPEND`, `flock` and inotify are not safe across computers.
    case networkFilesystem(String)
    /// Another log now stands at the path (it was deleted and written again while open here).
    case replacedByAnotherLog
}

public enum LogAccess: Sendable, Equatable {
    case readWrite
    case readOnly(ReadOnlyReason)
}

/// What kind of file stands where the log should be.
public enum FileKind: Sendable, Equatable {
    case folder, fifo, characterDevice, blockDevice, socket, other
    /// A symbolic link to a file that does not exist (creating the log would follow it).
    case danglingLink
}

public enum NotALogReason: Sendable, Equatable {
    /// Only a regular file is a log (a FIFO would block every reader, /dev/null would "verify").
    case notARegularFile(FileKind)
    /// A non-empty file that neither starts with the record marker nor holds any valid record.
    case foreignContent
}

/// What the log module was doing when the system refused.
public enum LogOperation: Sendable, Equatable {
    case open, create, inspect, read, lock, syncLog, cutBack, syncFolder, writeSideFile, syncSideFile, replaceLog
}

/// A system call that failed: what was being done, on which file, and the errno.
public struct SystemFailure: Sendable, Equatable {
    public var operation: LogOperation
    public var path: String?
    public var code: Int32
    public init(_ operation: LogOperation, path: String? = nil, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }
    /// The system's own words for the errno (technical detail, shown as the system gave it).
    public var systemMessage: String { Posix.describe(code) }
}

public enum LogError: Error, Equatable {
    /// Damage (or records of an unknown format) in the log: nothing is written until it is
    /// repaired (or, for a newer format, until asodesk is updated).
    case damaged([DamageReport])
    case readOnly(ReadOnlyReason)
    /// A write failed (short write, full disk, file-size limit): the file was cut back to its
    /// size before the write unless `cutBack` is false; nothing was saved.
    case writeFailed(code: Int32, written: Int, total: Int, cutBack: Bool)
    /// fsync failed: the file was reopened and rescanned; treat the records as not saved.
    case syncFailed(SystemFailure)
    case notALog(path: String, reason: NotALogReason)
    case notFound(path: String)
    case tooLarge(bytes: Int, limit: Int)
    case io(SystemFailure)
    /// Repair leaves a log alone that holds records of a newer format: only a newer asodesk can
    /// tell whether they are damaged.
    case repairNeedsNewerVersion(offset: UInt64, version: UInt8)
    /// The repaired copy did not read back as one unbroken chain; nothing was replaced.
    case repairSelfCheckFailed
    /// The chain breaks after record `afterSequence` where the file cannot tell whether that
    /// record was changed or the records after it are another log's: nothing was changed, the
    /// person repairing decides (`RepairDecisions`).
    case repairNeedsDecision(afterSequence: UInt64, recordOffset: UInt64, nextOffset: UInt64)
    /// Different records claim the place of record `sequence` (at `offsets`) and nothing after
    /// them says which is genuine: nothing was changed, the person repairing names one.
    case repairNeedsChoice(sequence: UInt64, offsets: [UInt64])
}

/// One finding of `EventLog.verify`.
public struct VerifyProblem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Bytes that do not form a valid record, with readable records after them.
        case unreadableBytes
        /// Sequence numbers missing (or repeated) between two readable records.
        case sequenceGap
        /// A record's fingerprint of its predecessor does not match: one of the two was altered.
        case chainBreak
        /// A complete last record that is damaged (or of an unknown format): not an unfinished save.
        case damagedEnd
        /// Unfinished bytes at the end with no record after them (an interrupted save).
        case incompleteTail
        /// A repair marker that misstates what was lost, or does not decode.
        case misstatedMarker
    }

    public var kind: Kind
    public var damage: DamageReport

    public var offset: UInt64 { damage.offset }
    public var length: UInt64 { damage.length }
    /// The record the problem names.
    public var sequence: UInt64 {
        switch damage.cause {
        case .altered(let sequence, _, _): return sequence
        case .sequenceJump(_, let found): return found
        case .unreadable, .unfinishedSave, .misstatedMarker, .unreadableMarker: return (damage.lastGoodSequence ?? 0) + 1
        }
    }
}

public struct VerifyReport: Sendable, Equatable {
    /// Readable records, repair-gap markers not counted.
    public var records: UInt64
    public var headHash: [UInt8]
    public var lastSequence: UInt64
    public var problems: [VerifyProblem]
    /// Discontinuities documented by repairs, in log order.
    public var repairedGaps: [RepairGapMarker]
    public var fileSize: UInt64
    /// Files beside the log that hold copies of its records (backups, quarantined bytes, a
    /// repair's unfinished copy, snapshots): customer data to account for.
    public var sideFiles: [LogSideFile] = []

    /// No damage of any kind; an unfinished save at the end is not damage.
    public var isHealthy: Bool { problems.allSatisfy { $0.kind == .incompleteTail } }
    public var headHashHex: String { Hex.string(headHash) }
}

public struct RepairReport: Sendable, Equatable {
    /// False when the log was healthy and nothing was touched.
    public var changed: Bool
    public var recordsKept: UInt64
    public var gapsDocumented: Int
    /// Sequence numbers lost for good (their bytes, if any, are in the quarantine file).
    public var recordsLost: UInt64
    /// Readable frames set aside, by why they did not belong to the chain.
    public var setAside: [RemovedPiece.Cause: Int] = [:]
    /// Frames that were out of order and were put back where the chain says they belong.
    public var reordered: Int = 0
    public var bytesSetAside: UInt64
    public var quarantinePath: String?
    /// The log as it was before repair; never deleted by asodesk.
    public var backupPath: String?
    /// Leftovers of killed repairs removed before this one ran.
    public var staleFilesRemoved: [String] = []
}

/// Turns one discontinuity into the structured report for both health and verify.
enum DiscontinuityReport {
    static func make(_ gap: Discontinuity, frame: ScannedFrame) -> (DamageReport, VerifyProblem) {
        let nextSequence = frame.sequence
        let missing: UInt64? = nextSequence >= gap.expectedSequence ? nextSequence - gap.expectedSequence : nil
        if let damagedOffset = gap.damagedOffset {
            let damage = DamageReport(offset: damagedOffset, length: gap.damagedLength, lastGoodSequence: gap.previousSequence,
                                      nextGoodSequence: nextSequence, recordsAffected: missing,
                                      cause: .unreadable(gap.damagedFault ?? .noRecordMarker))
            return (damage, VerifyProblem(kind: .unreadableBytes, damage: damage))
        }
        if !gap.sequenceMatches {
            let damage = DamageReport(offset: frame.offset, length: 0, lastGoodSequence: gap.previousSequence,
                                      nextGoodSequence: nextSequence, recordsAffected: missing,
                                      cause: .sequenceJump(expected: gap.expectedSequence, found: nextSequence))
            return (damage, VerifyProblem(kind: .sequenceGap, damage: damage))
        }
        // Sequence continues but the fingerprint does not: the predecessor (or this record's
        // link field) was altered after it was written.
        let alteredOffset = gap.previousOffset ?? frame.offset
        let alteredSequence = gap.previousSequence ?? frame.sequence
        let alteredLength = gap.previousOffset == nil ? UInt64(frame.length) : UInt64(gap.previousLength)
        let beforeAltered = gap.previousOffset == nil ? nil : gap.previousSequence.flatMap { $0 > 1 ? $0 - 1 : nil }
        let damage = DamageReport(offset: alteredOffset, length: alteredLength, lastGoodSequence: beforeAltered,
                                  nextGoodSequence: nextSequence, recordsAffected: 0,
                                  cause: .altered(sequence: alteredSequence, nextSequence: nextSequence, nextOffset: frame.offset))
        return (damage, VerifyProblem(kind: .chainBreak, damage: damage))
    }

    /// A repair marker judged against the chain it stands in: one that does not decode, or whose
    /// account of what was lost is not what its resume makes the chain skip, is damage (a forged
    /// marker cannot hide a deletion by claiming nothing was lost).
    static func checkMarker(_ frame: ScannedFrame, payload: some Collection<UInt8>) -> DamageReport? {
        guard frame.kind == LogFormat.Kind.repairGap else { return nil }
        let base = DamageReport(offset: frame.offset, length: UInt64(frame.length), lastGoodSequence: frame.sequence,
                                nextGoodSequence: nil, recordsAffected: nil, cause: .unreadableMarker)
        guard let marker = RepairGapMarker.decode(payload) else { return base }
        let chainLost = marker.resumeSequence > frame.sequence + 1 ? marker.resumeSequence - frame.sequence - 1 : 0
        let claimedRight = marker.lostCount == chainLost && (chainLost == 0 || marker.lostFrom == frame.sequence + 1)
        if claimedRight { return nil }
        var damage = base
        damage.cause = .misstatedMarker(claimedLost: marker.lostCount, chainLost: chainLost)
        return damage
    }

    /// Damage at the very end: bytes after the last readable record that are not an unfinished save.
    static func atEnd(offset: UInt64, length: UInt64, fault: FrameFault, chain: ChainState) -> DamageReport {
        DamageReport(offset: offset, length: length,
                     lastGoodSequence: chain.lastFrameOffset == nil ? nil : chain.lastSequence,
                     nextGoodSequence: nil, recordsAffected: nil, cause: .unreadable(fault))
    }
}
