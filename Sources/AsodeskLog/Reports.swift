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
            try body(LogRecordView(sequence: sequence, offset: offset, kind: kind, encoding: encoding,
                                   payload: buffer, digest: digest))
        }
    }
}

// In an extension, so that the struct keeps its memberwise initialiser.
extension LogRecord {
    public init(sequence: UInt64, offset: UInt64, kind: UInt8, encoding: UInt8, payload: [UInt8], hash: [UInt8]) {
        self.init(sequence: sequence, offset: offset, kind: kind, encoding: encoding, payload: payload,
                  digest: LogHash(bytes: hash) ?? .zero)
    }

    init(_ frame: ScannedFrame, payload: [UInt8]) {
        self.init(sequence: frame.sequence, offset: frame.offset, kind: frame.kind,
                  encoding: frame.encoding, payload: payload, digest: frame.hash)
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

    public var isEvent: Bool { kind == LogFormat.Kind.event }
    /// The repair note this record carries, when it is a repair-gap marker.
    public var repairGap: RepairGapMarker? {
        kind == LogFormat.Kind.repairGap ? RepairGapMarker.decode(payload) : nil
    }
    /// A copy that outlives the call.
    public var record: LogRecord {
        LogRecord(sequence: sequence, offset: offset, kind: kind, encoding: encoding, payload: Array(payload), digest: digest)
    }
}

// In an extension, so that the struct keeps its memberwise initialiser.
extension LogRecordView {
    init(_ frame: ScannedFrame, payload: UnsafeRawBufferPointer) {
        self.init(sequence: frame.sequence, offset: frame.offset, kind: frame.kind, encoding: frame.encoding,
                  payload: payload, digest: frame.hash)
    }
}

/// Where the log is damaged and what it costs. Damage never stops reading; it stops writing.
public struct DamageReport: Sendable, Equatable, CustomStringConvertible {
    public var offset: UInt64
    /// Bytes that do not form a valid record (for an altered record: that record's length).
    public var length: UInt64
    public var lastGoodSequence: UInt64?
    public var nextGoodSequence: UInt64?
    /// Sequence numbers missing between the last and next good record; nil when the
    /// sequence runs backwards and the count cannot be known.
    public var recordsAffected: UInt64?
    public var reason: String

    public init(offset: UInt64, length: UInt64, lastGoodSequence: UInt64?, nextGoodSequence: UInt64?,
                recordsAffected: UInt64?, reason: String) {
        self.offset = offset
        self.length = length
        self.lastGoodSequence = lastGoodSequence
        self.nextGoodSequence = nextGoodSequence
        self.recordsAffected = recordsAffected
        self.reason = reason
    }

    public var description: String {
        let after = lastGoodSequence.map { "after record \($0)" } ?? "before the first readable record"
        let next = nextGoodSequence.map { "; the next readable record is \($0)" } ?? ""
        let lost: String
        switch recordsAffected {
        case .some(0): lost = ""
        case .some(1): lost = "; 1 record is missing"
        case .some(let count): lost = "; \(count) records are missing"
        case .none: lost = ""
        }
        return "The event log is damaged at byte offset \(offset) (\(length) bytes, \(after)\(next)\(lost)): \(reason). Saving is blocked until someone runs `asodesk repair`."
    }
}

public enum LogHealth: Sendable, Equatable {
    case healthy
    case damaged([DamageReport])
}

public enum LogAccess: Sendable, Equatable {
    case readWrite
    /// `reason` says why in plain words (permission denied, read-only filesystem, opened read-only, ...).
    case readOnly(reason: String)
}

public enum LogError: Error, CustomStringConvertible, Equatable {
    /// Damage in the middle of the log: nothing is written until `asodesk repair` has run.
    case damaged([DamageReport])
    case readOnly(reason: String)
    /// Short write or full disk: the file was cut back to its size before the write; nothing was saved.
    case writeFailed(message: String)
    /// fsync failed: the file was reopened and rescanned; treat the records as not saved.
    case syncFailed(message: String)
    case notALog(path: String, reason: String)
    case notFound(path: String)
    case tooLarge(bytes: Int, limit: Int)
    case io(message: String)

    public var description: String {
        switch self {
        case .damaged(let reports):
            let first = reports.first.map { " " + $0.description } ?? ""
            let more = reports.count > 1 ? " (\(reports.count) damaged places in all.)" : ""
            return "Nothing was saved because the event log is damaged.\(first)\(more)"
        case .readOnly(let reason):
            return "Nothing was saved because the event log can only be read here: \(reason)."
        case .writeFailed(let message):
            return "Nothing was saved: writing to the event log failed (\(message)). The log was cut back to how it was; free some disk space or check the disk, then try again."
        case .syncFailed(let message):
            return "The disk did not confirm the save (\(message)); treat it as not saved. Check the disk and the system log, then look at the complaint again before retrying."
        case .notALog(let path, let reason):
            return "The file \(path) is not an asodesk event log (\(reason)). Check the log path in the configuration."
        case .notFound(let path):
            return "There is no event log at \(path). Check the log path in the configuration, or create a new log."
        case .tooLarge(let bytes, let limit):
            return "Nothing was saved: one record would be \(bytes) bytes, more than the limit of \(limit) bytes. Shorten the text or attach large files elsewhere."
        case .io(let message):
            return "The event log could not be used: \(message)."
        }
    }
}

/// One finding of `EventLog.verify`.
public struct VerifyProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Bytes that do not form a valid record, with readable records after them.
        case unreadableBytes
        /// Sequence numbers missing (or repeated) between two readable records.
        case sequenceGap
        /// A record's fingerprint of its predecessor does not match: one of the two was altered.
        case chainBreak
        /// Unfinished bytes at the end with no record after them (an interrupted save).
        case incompleteTail
    }

    public var kind: Kind
    public var offset: UInt64
    public var length: UInt64
    /// The record the problem names, when known.
    public var sequence: UInt64?
    public var description: String
}

public struct VerifyReport: Sendable, Equatable {
    /// Readable records, repair-gap markers not counted.
    public var records: UInt64
    public var headHash: [UInt8]
    public var lastSequence: UInt64
    public var problems: [VerifyProblem]
    /// Discontinuities documented by an earlier repair; accepted, not problems.
    public var repairedGaps: [RepairGapMarker]
    public var fileSize: UInt64

    public var isHealthy: Bool { problems.isEmpty }
    public var headHashHex: String { Hex.string(headHash) }

    public var summary: String {
        if let first = problems.first {
            let more = problems.count > 1 ? " (\(problems.count) problems in all)" : ""
            return "Damaged: \(first.description)\(more)"
        }
        let gaps = repairedGaps.isEmpty ? "" : ", with \(repairedGaps.count) repaired gap\(repairedGaps.count == 1 ? "" : "s") documented"
        return "Healthy: \(records) records, last sequence \(lastSequence)\(gaps); head \(headHashHex)."
    }
}

public struct RepairReport: Sendable, Equatable, CustomStringConvertible {
    /// False when the log was healthy and nothing was touched.
    public var changed: Bool
    public var recordsKept: UInt64
    public var gapsDocumented: Int
    /// Sequence numbers lost for good (their bytes are in the quarantine file).
    public var recordsLost: UInt64
    public var bytesSetAside: UInt64
    public var quarantinePath: String?
    /// The log as it was before repair; never deleted by asodesk.
    public var backupPath: String?

    public var description: String {
        guard changed else { return "The event log is healthy; nothing was changed (\(recordsKept) records)." }
        var text = "Repaired the event log: kept \(recordsKept) records, documented \(gapsDocumented) gap\(gapsDocumented == 1 ? "" : "s")"
        if recordsLost > 0 { text += ", \(recordsLost) record\(recordsLost == 1 ? "" : "s") could not be read" }
        if let quarantinePath { text += "; \(bytesSetAside) damaged bytes set aside in \(quarantinePath)" }
        if let backupPath { text += "; the previous file is kept as \(backupPath)" }
        return text + "."
    }
}

/// Turns one discontinuity into the words for both health and verify.
enum DiscontinuityReport {
    static func make(_ gap: Discontinuity, frame: ScannedFrame) -> (DamageReport, VerifyProblem) {
        let nextSequence = frame.sequence
        let missing: UInt64? = nextSequence >= gap.expectedSequence ? nextSequence - gap.expectedSequence : nil
        let missingText: String
        switch missing {
        case .some(0): missingText = ""
        case .some(let count):
            let range = count == 1 ? "\(gap.expectedSequence)" : "\(gap.expectedSequence)–\(nextSequence - 1)"
            missingText = " Record\(count == 1 ? "" : "s") \(range) \(count == 1 ? "is" : "are") missing."
        case .none:
            missingText = " Record \(nextSequence) at offset \(frame.offset) goes back in the sequence (expected \(gap.expectedSequence))."
        }
        let previousText = gap.previousSequence.map { "record \($0)" } ?? "the start of the file"
        if let damagedOffset = gap.damagedOffset {
            let reason = gap.damagedReason ?? "unreadable bytes"
            let detail = "\(gap.damagedLength) bytes at offset \(damagedOffset) after \(previousText) are not a valid record (\(reason)).\(missingText) The next readable record is \(nextSequence) at offset \(frame.offset)."
            let damage = DamageReport(offset: damagedOffset, length: gap.damagedLength, lastGoodSequence: gap.previousSequence,
                                      nextGoodSequence: nextSequence, recordsAffected: missing, reason: reason)
            return (damage, VerifyProblem(kind: .unreadableBytes, offset: damagedOffset, length: gap.damagedLength,
                                          sequence: gap.expectedSequence, description: detail + " Run `asodesk repair`."))
        }
        if !gap.sequenceMatches {
            let detail = "The sequence breaks between \(previousText) and record \(nextSequence) at offset \(frame.offset).\(missingText) A record was removed or the file was edited."
            let damage = DamageReport(offset: frame.offset, length: 0, lastGoodSequence: gap.previousSequence,
                                      nextGoodSequence: nextSequence, recordsAffected: missing,
                                      reason: "the sequence jumps from \(gap.previousSequence ?? 0) to \(nextSequence) (a record was removed or the file was edited)")
            return (damage, VerifyProblem(kind: .sequenceGap, offset: frame.offset, length: 0, sequence: nextSequence,
                                          description: detail + " Run `asodesk repair` to document the gap."))
        }
        // Sequence continues but the fingerprint does not: the predecessor (or this record's
        // link field) was altered after it was written.
        let alteredOffset = gap.previousOffset ?? frame.offset
        let alteredSequence = gap.previousSequence ?? frame.sequence
        let alteredLength = gap.previousOffset == nil ? UInt64(frame.length) : UInt64(gap.previousLength)
        let reason = "record \(alteredSequence) at offset \(alteredOffset) was changed after it was written: record \(nextSequence) at offset \(frame.offset) holds a different fingerprint of it"
        let beforeAltered = gap.previousOffset == nil ? nil : gap.previousSequence.flatMap { $0 > 1 ? $0 - 1 : nil }
        let damage = DamageReport(offset: alteredOffset, length: alteredLength, lastGoodSequence: beforeAltered,
                                  nextGoodSequence: nextSequence, recordsAffected: 0, reason: reason)
        return (damage, VerifyProblem(kind: .chainBreak, offset: alteredOffset, length: alteredLength, sequence: alteredSequence,
                                      description: "The hash chain is broken: \(reason). Run `asodesk repair` to document it."))
    }
}
