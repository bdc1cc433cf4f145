#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// What `--head` found: whether the log still holds the record with a head kept earlier, and
/// whether a repair took anything out of the history before it.
public struct KeptHeadCheck: Sendable, Equatable {
    /// The record whose hash is the kept head; nil when no record has it (rewritten, or another log).
    public var sequence: UInt64?
    /// Repair markers that stand before that record: each took something out of, or documented
    /// a loss in, the history the kept head vouches for.
    public var repairsBefore: [RepairGapMarker]

    /// True only when the history up to the kept head is byte for byte what it was.
    public var historyUnchanged: Bool { sequence != nil && repairsBefore.isEmpty }
}

extension EventLog {
    /// Full scan: record marker, checksum, sequence continuity and hash chain. Takes a shared
    /// lock so a save in progress is not mistaken for a torn tail. Streamed a few MB at a time:
    /// verifying a log takes no memory in proportion to it.
    public static func verify(path: String) throws -> VerifyReport {
        let file = try LogFile(path: path, mode: .read)
        defer { file.close() }
        try Posix.lock(file.descriptor, LOCK_SH)
        defer { Posix.unlock(file.descriptor) }
        let size = try file.size()
        var report = VerifyReport(records: 0, headHash: [], lastSequence: 0, problems: [], repairedGaps: [], fileSize: size)
        let scan = try LogScanner.scanFile(file.descriptor, from: 0, to: size, chain: ChainState()) { frame, payload, gap in
            if let gap { report.problems.append(DiscontinuityReport.make(gap, frame: frame).1) }
            if let misstated = DiscontinuityReport.checkMarker(frame, payload: payload) {
                report.problems.append(VerifyProblem(kind: .misstatedMarker, damage: misstated))
            }
            if frame.kind == LogFormat.Kind.repairGap {
                if let marker = RepairGapMarker.decode(payload) { report.repairedGaps.append(marker) }
            } else {
                report.records += 1
            }
        }
        report.headHash = scan.chain.headHash.bytes
        report.lastSequence = scan.chain.lastSequence
        if scan.resolvedEnd < size {
            let length = size - scan.resolvedEnd
            switch try LogTail.judge(file.descriptor, from: scan.resolvedEnd, to: size) {
            case .unfinishedSave:
                var damage = DiscontinuityReport.atEnd(offset: scan.resolvedEnd, length: length, fault: .overrunsNextRecord, chain: scan.chain)
                damage.cause = .unfinishedSave
                report.problems.append(VerifyProblem(kind: .incompleteTail, damage: damage))
            case .damaged(let fault):
                report.problems.append(VerifyProblem(
                    kind: .damagedEnd,
                    damage: DiscontinuityReport.atEnd(offset: scan.resolvedEnd, length: length, fault: fault, chain: scan.chain)))
            }
        }
        report.sideFiles = LogSideFiles.list(besides: file.path)
        return report
    }

    /// Looks for the record whose hash is `head` (kept off the machine from an earlier verify) and
    /// for every repair marker before it. Streamed: the log is never held in memory.
    public static func checkKeptHead(_ head: [UInt8], path: String) throws -> KeptHeadCheck {
        guard let wanted = LogHash(bytes: head) else { return KeptHeadCheck(sequence: nil, repairsBefore: []) }
        let file = try LogFile(path: path, mode: .read)
        defer { file.close() }
        try Posix.lock(file.descriptor, LOCK_SH)
        defer { Posix.unlock(file.descriptor) }
        var check = KeptHeadCheck(sequence: nil, repairsBefore: [])
        var markers: [RepairGapMarker] = []
        _ = try LogScanner.scanFile(file.descriptor, from: 0, to: try file.size(), chain: ChainState()) { frame, payload, _ in
            guard check.sequence == nil else { return }
            if frame.hash == wanted {
                check.sequence = frame.sequence
                check.repairsBefore = markers
            } else if frame.kind == LogFormat.Kind.repairGap {
                // A marker that does not decode still stands for a change: count it as one.
                markers.append(RepairGapMarker.decode(payload) ?? RepairGapMarker.unreadable(at: frame.offset))
            }
        }
        return check
    }
}

extension RepairGapMarker {
    /// Stands for a marker whose payload does not decode.
    static func unreadable(at offset: UInt64) -> RepairGapMarker {
        RepairGapMarker(lostFrom: 0, lostThrough: 0, resumeSequence: 0, resumePreviousHash: "", quarantineFile: nil,
                        quarantineOffset: 0, removedBytes: 0, removedBytesSHA256: "", originalOffset: offset,
                        reason: "unreadable-marker", repairedAt: "", repairedBy: nil, pieces: nil, reordered: nil)
    }
}
