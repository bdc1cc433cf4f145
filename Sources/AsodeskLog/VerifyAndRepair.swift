#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

extension EventLog {
    /// Full scan: record marker, checksum, sequence continuity and hash chain. Takes a shared
    /// lock so a save in progress is not mistaken for a torn tail.
    public static func verify(path: String) throws -> VerifyReport {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw LogError.notFound(path: path) }
            throw LogError.io(message: "cannot open \(path) for reading (\(Posix.describe(code)))")
        }
        defer { close(descriptor) }
        try Posix.lock(descriptor, LOCK_SH)
        defer { Posix.unlock(descriptor) }
        try rejectIfNotALog(descriptor: descriptor, path: path)
        let size = try Posix.size(ofDescriptor: descriptor)
        var report = VerifyReport(records: 0, headHash: [], lastSequence: 0,
                                  problems: [], repairedGaps: [], fileSize: size)
        // Streamed a few MB at a time: verifying a log takes no memory in proportion to it.
        let scan = try LogScanner.scanFile(descriptor, from: 0, to: size, chain: ChainState()) { frame, payload, gap in
            if let gap {
                report.problems.append(DiscontinuityReport.make(gap, frame: frame).1)
            }
            if frame.kind == LogFormat.Kind.repairGap, let marker = RepairGapMarker.decode(payload) {
                report.repairedGaps.append(marker)
            } else {
                report.records += 1
            }
        }
        let chain = scan.chain
        report.headHash = chain.headHash.bytes
        report.lastSequence = chain.lastSequence
        if scan.resolvedEnd < size {
            let length = size - scan.resolvedEnd
            let after = chain.lastFrameOffset == nil ? "before any record" : "after record \(chain.lastSequence)"
            report.problems.append(VerifyProblem(
                kind: .incompleteTail, offset: scan.resolvedEnd, length: length, sequence: nil,
                description: "The last \(length) bytes (from offset \(scan.resolvedEnd), \(after)) are an unfinished record, left by an interrupted save (\(scan.tailReason ?? "incomplete")). The next save or `asodesk repair` sets them aside in a quarantine file."))
        }
        return report
    }

    /// Rewrites the log keeping every readable record byte for byte, moves unreadable bytes
    /// into a quarantine file and documents each discontinuity with a repair-gap record.
    /// The old file is kept as a backup; the new one replaces it by an atomic rename.
    public static func repair(path: String, now: Date) throws -> RepairReport {
        var descriptor = Glibc.open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw LogError.notFound(path: path) }
            if code == EACCES || code == EPERM || code == EROFS {
                throw LogError.readOnly(reason: "repair needs write access to \(path) and its folder (\(Posix.describe(code)))")
            }
            throw LogError.io(message: "cannot open \(path) for repair (\(Posix.describe(code)))")
        }
        defer { close(descriptor) }
        // Lock the file that is really at `path` now (an earlier repair may have replaced it).
        while true {
            try Posix.lock(descriptor, LOCK_EX)
            if let current = Posix.identity(ofPath: path), current != Posix.identity(ofDescriptor: descriptor) {
                close(descriptor)
                descriptor = Glibc.open(path, O_RDWR | O_CLOEXEC)
                guard descriptor >= 0 else { throw LogError.io(message: "cannot reopen \(path) (\(Posix.describe(errno)))") }
                continue
            }
            break
        }
        let lockedDescriptor = descriptor
        defer { Posix.unlock(lockedDescriptor) }
        try rejectIfNotALog(descriptor: descriptor, path: path)

        let size = try Posix.size(ofDescriptor: descriptor)
        let original = try Posix.readRange(descriptor, from: 0, to: size)
        var oldChain = ChainState()
        let scan = LogScanner.scan(original, baseOffset: 0, state: &oldChain)
        let tailStart = Int(scan.resolvedEnd)
        let keptCount = UInt64(scan.items.count { $0.frame.kind != LogFormat.Kind.repairGap })
        if scan.items.allSatisfy({ $0.discontinuity == nil }) && tailStart == original.count {
            return RepairReport(changed: false, recordsKept: keptCount, gapsDocumented: 0, recordsLost: 0,
                                bytesSetAside: 0, quarantinePath: nil, backupPath: nil)
        }

        let stamp = Posix.timestamp(now)
        let firstDamageSequence = scan.items.first(where: { $0.discontinuity != nil })?.discontinuity?.previousSequence
            ?? oldChain.lastSequence
        let quarantine = try Posix.createExclusive(basePath: "\(path).quarantine-\(firstDamageSequence)-\(stamp)")
        let quarantineName = (quarantine.path as NSString).lastPathComponent
        var setAside = [UInt8]()
        var rebuilt = [UInt8]()
        rebuilt.reserveCapacity(original.count + 1024)
        var newChain = ChainState()
        var gaps = 0
        var lost: UInt64 = 0

        for item in scan.items {
            let frame = item.frame
            if let gap = item.discontinuity {
                var removed: [UInt8] = []
                if let damagedOffset = gap.damagedOffset {
                    removed = Array(original[Int(damagedOffset)..<Int(frame.offset)])
                }
                // For a marker the sequence it carries repeats the one before it.
                let nextSequence = frame.kind == LogFormat.Kind.repairGap ? frame.sequence + 1 : frame.sequence
                let lostFrom = max(gap.expectedSequence, 1)
                let lostThrough = nextSequence > lostFrom ? nextSequence - 1 : lostFrom - 1
                let reason = DiscontinuityReport.make(gap, frame: frame).0.reason
                let marker = RepairGapMarker(
                    lostFrom: lostFrom, lostThrough: lostThrough,
                    resumeSequence: frame.sequence, resumePreviousHash: frame.previousHash.hex,
                    quarantineFile: removed.isEmpty ? nil : quarantineName,
                    quarantineOffset: UInt64(setAside.count), removedBytes: UInt64(removed.count),
                    removedBytesSHA256: Hex.string(FrameCodec.sha256(removed[...])),
                    originalOffset: gap.damagedOffset ?? frame.offset, reason: reason,
                    repairedAt: Posix.iso8601(now))
                setAside += removed
                lost += marker.lostCount
                let link = newChain.expectation(forKind: LogFormat.Kind.repairGap)
                let markerPayload = marker.encoded()
                let encoded = FrameCodec.encode(kind: LogFormat.Kind.repairGap, encoding: LogFormat.Encoding.json,
                                                sequence: link.sequence, previousHash: link.previousHash,
                                                payload: markerPayload)
                newChain.accept(ScannedFrame(offset: UInt64(rebuilt.count), length: encoded.bytes.count,
                                             kind: LogFormat.Kind.repairGap, encoding: LogFormat.Encoding.json, flags: 0,
                                             sequence: link.sequence, previousHash: link.previousHash,
                                             hash: encoded.hash), payload: markerPayload)
                rebuilt += encoded.bytes
                gaps += 1
            }
            var moved = frame
            moved.offset = UInt64(rebuilt.count)
            let frameBytes = original[Int(frame.offset)..<(Int(frame.offset) + frame.length)]
            newChain.accept(moved, payload: frameBytes.dropFirst(LogFormat.headerSize))
            rebuilt += frameBytes
        }
        setAside += original[tailStart...]

        do {
            try Posix.writeAll(quarantine.descriptor, setAside, what: "the quarantine file \(quarantine.path)")
            if fsync(quarantine.descriptor) != 0 {
                throw LogError.syncFailed(message: "the disk did not confirm \(quarantine.path) (\(Posix.describe(errno)))")
            }
        } catch {
            close(quarantine.descriptor)
            throw error
        }
        close(quarantine.descriptor)

        let replacement = try Posix.createExclusive(basePath: "\(path).repair-\(stamp).tmp")
        do {
            var info = stat()
            if fstat(descriptor, &info) == 0 {
                // The original's owner and group keep their access; others never get any.
                _ = fchmod(replacement.descriptor, info.st_mode & 0o770)
                _ = fchown(replacement.descriptor, info.st_uid, info.st_gid)  // only root may; best effort
            }
            try Posix.writeAll(replacement.descriptor, rebuilt, what: "the repaired log \(replacement.path)")
            if fsync(replacement.descriptor) != 0 {
                throw LogError.syncFailed(message: "the disk did not confirm \(replacement.path) (\(Posix.describe(errno)))")
            }
        } catch {
            close(replacement.descriptor)
            throw error
        }
        close(replacement.descriptor)

        let backupPath = try keepBackup(of: path, bytes: original, stamp: stamp)
        try Posix.syncDirectory(of: path)
        guard rename(replacement.path, path) == 0 else {
            throw LogError.io(message: "cannot put the repaired log in place (\(Posix.describe(errno))); the repaired copy is \(replacement.path), the original is unchanged")
        }
        try Posix.syncDirectory(of: path)
        return RepairReport(changed: true, recordsKept: keptCount, gapsDocumented: gaps, recordsLost: lost,
                            bytesSetAside: UInt64(setAside.count), quarantinePath: quarantine.path, backupPath: backupPath)
    }

    /// Hard-links the original under a backup name (a copy where links are not possible).
    private static func keepBackup(of path: String, bytes: [UInt8], stamp: String) throws -> String {
        var attempt = 1
        while true {
            let candidate = attempt == 1 ? "\(path).backup-\(stamp)" : "\(path).backup-\(stamp)-\(attempt)"
            if link(path, candidate) == 0 { return candidate }
            if errno == EEXIST && attempt < 1000 {
                attempt += 1
                continue
            }
            let copy = try Posix.createExclusive(basePath: candidate)
            defer { close(copy.descriptor) }
            try Posix.writeAll(copy.descriptor, bytes, what: "the backup \(copy.path)")
            if fsync(copy.descriptor) != 0 {
                throw LogError.syncFailed(message: "the disk did not confirm \(copy.path) (\(Posix.describe(errno)))")
            }
            return copy.path
        }
    }
}
