#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

extension EventLog {
    /// Rewrites the log as its one chain: every record that continues it, in chain order, with a
    /// signed-off marker (who, when, what, the hash of the removed bytes) wherever something was
    /// removed or found missing. Duplicated, foreign-chain and out-of-place frames, altered records
    /// and unreadable bytes go to a quarantine file; the old file is kept as a backup; the new one
    /// replaces it by an atomic rename. A log that holds records of a newer format is left alone.
    public static func repair(path: String, now: Date) throws -> RepairReport {
        var file: LogFile
        do {
            file = try LogFile(path: path, mode: .write(create: false))
        }
        if case .readOnly(let reason) = file.access {
            file.close()
            throw LogError.readOnly(reason)
        }
        defer { file.close() }
        // Lock the file that is really at `path` now (an earlier repair may have replaced it).
        _ = try file.lockExclusive()
        let lockedDescriptor = file.descriptor
        defer { Posix.unlock(lockedDescriptor) }
        let stale = LogSideFiles.removeStaleRepairCopies(of: file.path)

        let original = try Posix.readRange(file.descriptor, from: 0, to: try file.size())
        let plan = RepairPlan(original)
        if let newer = plan.newerFormat { throw LogError.repairNeedsNewerVersion(offset: newer.offset, version: newer.version) }
        guard plan.changesSomething else {
            return RepairReport(changed: false, recordsKept: plan.keptEventCount, gapsDocumented: 0, recordsLost: 0,
                                bytesSetAside: 0, quarantinePath: nil, backupPath: nil, staleFilesRemoved: stale)
        }

        let quarantineBase = LogSideFiles.quarantineBase(of: file.path, after: plan.firstChangeSequence, at: now)
        var quarantine: (path: String, descriptor: Int32)?
        if plan.removedByteCount > 0 { quarantine = try Posix.createExclusive(basePath: quarantineBase) }
        var created: [String] = quarantine.map { [$0.path] } ?? []
        do {
            let rendered = try plan.render(quarantineName: quarantine.map { ($0.path as NSString).lastPathComponent },
                                           repairedAt: Posix.iso8601(now), repairedBy: Posix.currentAccount())
            if let quarantine {
                try Posix.writeDurably(quarantine.descriptor, rendered.quarantine, path: quarantine.path)
                close(quarantine.descriptor)
            }
            let replacement = try Posix.createExclusive(basePath: LogSideFiles.repairCopyBase(of: file.path, at: now))
            created.append(replacement.path)
            var info = stat()
            if fstat(file.descriptor, &info) == 0 {
                // The original's owner and group keep their access; others never get any.
                _ = fchmod(replacement.descriptor, info.st_mode & 0o770)
                _ = fchown(replacement.descriptor, info.st_uid, info.st_gid)  // only root may; best effort
            }
            do {
                try Posix.writeDurably(replacement.descriptor, rendered.log, path: replacement.path)
            } catch {
                close(replacement.descriptor)
                throw error
            }
            close(replacement.descriptor)
            let backupPath = try keepBackup(of: file.path, bytes: original, at: now)
            try Posix.syncDirectory(of: file.path)
            guard rename(replacement.path, file.path) == 0 else {
                throw LogError.io(SystemFailure(.replaceLog, path: file.path, code: errno))
            }
            created.removeAll { $0 == replacement.path }
            try Posix.syncDirectory(of: file.path)
            return RepairReport(changed: true, recordsKept: plan.keptEventCount, gapsDocumented: rendered.markers,
                                recordsLost: plan.lostRecordCount, setAside: plan.setAsideCounts, reordered: plan.reorderedCount,
                                bytesSetAside: UInt64(rendered.quarantine.count), quarantinePath: quarantine?.path,
                                backupPath: backupPath, staleFilesRemoved: stale)
        } catch {
            // A failed repair leaves no half-made copy and no empty quarantine behind; the log is as it was.
            for leftover in created { unlink(leftover) }
            throw error
        }
    }

    /// Hard-links the original under a backup name (a copy where links are not possible).
    private static func keepBackup(of path: String, bytes: [UInt8], at date: Date) throws -> String {
        let base = LogSideFiles.backupBase(of: path, at: date)
        var attempt = 1
        while true {
            let candidate = attempt == 1 ? base : "\(base)-\(attempt)"
            if link(path, candidate) == 0 { return candidate }
            if errno == EEXIST && attempt < 1000 {
                attempt += 1
                continue
            }
            let copy = try Posix.createExclusive(basePath: candidate)
            defer { close(copy.descriptor) }
            try Posix.writeDurably(copy.descriptor, bytes, path: copy.path)
            return copy.path
        }
    }
}

/// What a repair makes of a log's bytes, worked out before anything is written (pure: tests
/// drive it on bytes). The chain is followed by its links, not by file order: from the first
/// record (the start whose chain is longest, when a second log's records were added), each next
/// record is the one carrying the expected sequence number and fingerprint, wherever it stands.
/// Where no record continues, the chain resumes at the unused record with the next-lowest
/// sequence number (records were lost there); a record that matches nothing is not history.
struct RepairPlan {
    enum Entry {
        case frame(Int)
        /// Records `from...through` are missing here.
        case gap(from: UInt64, through: UInt64)
    }

    struct Located {
        var frame: ScannedFrame
        var payload: Range<Int>
    }

    let original: [UInt8]
    private(set) var frames: [Located] = []
    private(set) var chain: [Entry] = []
    /// Removed runs of bytes, by original offset.
    private(set) var removed: [(range: Range<Int>, cause: RemovedPiece.Cause, sequence: UInt64?)] = []
    private(set) var newerFormat: (offset: UInt64, version: UInt8)?
    private(set) var reorderedCount = 0
    private var firstMovedChainIndex: Int?

    init(_ original: [UInt8]) {
        self.original = original
        var scanState = ChainState()
        let scan = LogScanner.scan(original, baseOffset: 0, state: &scanState)
        frames = scan.items.map { item in
            let start = Int(item.frame.offset) + LogFormat.headerSize
            return Located(frame: item.frame, payload: start..<(Int(item.frame.offset) + item.frame.length))
        }
        // Bytes no frame covers: damage in the middle, and the tail.
        var covered = 0
        for item in scan.items {
            let start = Int(item.frame.offset)
            if start > covered {
                let fault = item.discontinuity?.damagedFault
                if case .unknownVersion(let version, checksumValid: true)? = fault { newerFormat = (UInt64(covered), version) }
                removed.append((covered..<start, .unreadable, nil))
            }
            covered = start + item.frame.length
        }
        if covered < original.count {
            let verdict = original.withUnsafeBytes {
                LogTail.judge(UnsafeRawBufferPointer(rebasing: $0[covered...]), baseOffset: UInt64(covered))
            }
            switch verdict {
            case .unfinishedSave: removed.append((covered..<original.count, .unfinishedSave, nil))
            case .damaged(let fault):
                if case .unknownVersion(let version, checksumValid: true) = fault { newerFormat = (UInt64(covered), version) }
                removed.append((covered..<original.count, .damagedEnd, nil))
            }
        }
        followChain()
    }

    private struct LinkKey: Hashable {
        var previousHash: LogHash
        var sequence: UInt64
        var isMarker: Bool
    }

    private func key(_ frame: ScannedFrame) -> LinkKey {
        LinkKey(previousHash: frame.previousHash, sequence: frame.sequence, isMarker: frame.kind == LogFormat.Kind.repairGap)
    }

    private func payload(_ index: Int) -> ArraySlice<UInt8> { original[frames[index].payload] }

    /// The first frame (in file order) not used yet that continues the chain in `state`.
    private func continuation(of state: ChainState, byLink: [LinkKey: [Int]], used: Set<Int>) -> Int? {
        var best: Int?
        for isMarker in [false, true] {
            let expected = state.expectation(forKind: isMarker ? LogFormat.Kind.repairGap : LogFormat.Kind.event)
            let key = LinkKey(previousHash: expected.previousHash, sequence: expected.sequence, isMarker: isMarker)
            if let candidate = byLink[key]?.first(where: { !used.contains($0) }), candidate < (best ?? Int.max) { best = candidate }
        }
        return best
    }

    /// How far the chain runs from `start` by links alone, and which frames it passes.
    private func walk(from start: Int, byLink: [LinkKey: [Int]]) -> [Int] {
        var state = ChainState()
        var visited: [Int] = []
        var used = Set<Int>()
        var next: Int? = start
        while let index = next {
            visited.append(index)
            used.insert(index)
            state.accept(frames[index].frame, payload: payload(index))
            next = continuation(of: state, byLink: byLink, used: used)
        }
        return visited
    }

    private mutating func followChain() {
        guard !frames.isEmpty else { return }
        var byLink: [LinkKey: [Int]] = [:]
        var hashes = Set<LogHash>()
        for (index, located) in frames.enumerated() {
            byLink[key(located.frame), default: []].append(index)
            hashes.insert(located.frame.hash)
        }
        let genesis = ChainState()
        func isGenesis(_ index: Int) -> Bool {
            let frame = frames[index].frame
            let expected = genesis.expectation(forKind: frame.kind)
            return frame.sequence == expected.sequence && frame.previousHash == expected.previousHash
        }
        // Starts: first records of a chain, and records whose predecessor is gone.
        let starts = frames.indices.filter { isGenesis($0) || !hashes.contains(frames[$0].frame.previousHash) }
        // The desk's own chain starts at the first genesis in the file: another log's records are
        // added after it (`cat other.log >> desk.log`). Without one (the first records lost), at the
        // headless run with the lowest sequence number.
        let geneses = starts.filter(isGenesis)
        guard let main = geneses.first ?? starts.min(by: { frames[$0].frame.sequence < frames[$1].frame.sequence }) else { return }
        var foreign = Set<Int>()
        for start in geneses where start != main { foreign.formUnion(walk(from: start, byLink: byLink)) }

        var used = Set<Int>()
        var usedHashes = Set<LogHash>()
        var state = ChainState()
        var statesBefore: [ChainState] = []
        var altered: [Int] = []
        var next: Int? = main
        if !isGenesis(main) {
            let first = frames[main].frame.sequence
            if first > 1 { chain.append(.gap(from: 1, through: first - 1)) }
        }
        while true {
            if let index = next {
                chain.append(.frame(index))
                statesBefore.append(state)
                used.insert(index)
                usedHashes.insert(frames[index].frame.hash)
                state.accept(frames[index].frame, payload: payload(index))
                next = continuation(of: state, byLink: byLink, used: used)
                continue
            }
            // Nothing continues the chain: resume at the lowest later record that is ours.
            let candidates = frames.indices.filter { index in
                !used.contains(index) && !foreign.contains(index) && !usedHashes.contains(frames[index].frame.hash)
                    && frames[index].frame.sequence > state.lastSequence && !isGenesis(index)
            }
            guard let resume = candidates.min(by: { frames[$0].frame.sequence < frames[$1].frame.sequence
                || (frames[$0].frame.sequence == frames[$1].frame.sequence && $0 < $1) }) else { break }
            let resumeSequence = frames[resume].frame.sequence
            // The next sequence number is there but its fingerprint of our last record is not:
            // that record was changed after it was written. It is set aside, not vouched for.
            if resumeSequence == state.lastSequence + 1, case .frame(let last)? = chain.last,
               frames[last].frame.kind == LogFormat.Kind.event, let before = statesBefore.last {
                chain.removeLast()
                statesBefore.removeLast()
                altered.append(last)
                state = before
            }
            chain.append(.gap(from: state.lastSequence + 1, through: resumeSequence - 1))
            state.resume = ChainState.Resume(sequence: resumeSequence, previousHash: frames[resume].frame.previousHash)
            next = resume
        }
        for index in frames.indices where !used.contains(index) || altered.contains(index) {
            let cause: RemovedPiece.Cause
            if altered.contains(index) {
                cause = .altered
            } else if usedHashes.contains(frames[index].frame.hash) {
                cause = .duplicate
            } else if foreign.contains(index) {
                cause = .foreignChain
            } else {
                cause = .outOfPlace
            }
            let start = Int(frames[index].frame.offset)
            removed.append((start..<(start + frames[index].frame.length), cause, frames[index].frame.sequence))
        }
        removed.sort { $0.range.lowerBound < $1.range.lowerBound }
        // Records found earlier in the file than the record before them in the chain were moved.
        var previousOffset: UInt64 = 0
        for (position, entry) in chain.enumerated() {
            guard case .frame(let index) = entry else { continue }
            let offset = frames[index].frame.offset
            if offset < previousOffset {
                reorderedCount += 1
                if firstMovedChainIndex == nil { firstMovedChainIndex = position }
            }
            previousOffset = max(previousOffset, offset)
        }
    }

    var keptEventCount: UInt64 {
        UInt64(chain.count { if case .frame(let index) = $0 { return frames[index].frame.kind != LogFormat.Kind.repairGap }; return false })
    }

    var lostRecordCount: UInt64 {
        chain.reduce(0) { total, entry in
            if case .gap(let from, let through) = entry, through >= from { return total + (through - from + 1) }
            return total
        }
    }

    var removedByteCount: Int { removed.reduce(0) { $0 + $1.range.count } }

    var setAsideCounts: [RemovedPiece.Cause: Int] {
        var counts: [RemovedPiece.Cause: Int] = [:]
        for piece in removed { counts[piece.cause, default: 0] += 1 }
        return counts
    }

    var changesSomething: Bool {
        !removed.isEmpty || reorderedCount > 0 || chain.contains { if case .gap = $0 { return true }; return false }
    }

    /// The sequence number after which the first change stands (names the quarantine file).
    var firstChangeSequence: UInt64 {
        var last: UInt64 = 0
        for entry in chain {
            switch entry {
            case .gap: return last
            case .frame(let index):
                if let first = removed.first, Int(frames[index].frame.offset) > first.range.lowerBound { return last }
                last = frames[index].frame.sequence
            }
        }
        return last
    }

    struct Rendered {
        var log: [UInt8]
        var quarantine: [UInt8]
        var markers: Int
    }

    /// The new log and the quarantine file's bytes. Each marker stands where its change is: a gap
    /// where records are missing; removed bytes after the kept record that preceded them in the
    /// file. The result is checked by scanning it as any reader would before it is returned.
    func render(quarantineName: String?, repairedAt: String, repairedBy: String) throws -> Rendered {
        // Where each removed piece goes: before the chain entry that follows the kept frame last
        // before it in the file (an index into `chain`; chain.count means at the end).
        var piecesAt: [Int: [Int]] = [:]
        var keptByOffset: [(offset: Int, position: Int)] = []
        for (position, entry) in chain.enumerated() { if case .frame(let index) = entry { keptByOffset.append((Int(frames[index].frame.offset), position)) } }
        keptByOffset.sort { $0.offset < $1.offset }
        for (pieceIndex, piece) in removed.enumerated() {
            // The kept frame nearest before the piece in the file.
            var low = 0, high = keptByOffset.count
            while low < high {
                let middle = (low + high) / 2
                if keptByOffset[middle].offset < piece.range.lowerBound { low = middle + 1 } else { high = middle }
            }
            let position = low == 0 ? 0 : keptByOffset[low - 1].position + 1
            piecesAt[position, default: []].append(pieceIndex)
        }
        var log: [UInt8] = []
        log.reserveCapacity(original.count + 4096)
        var quarantine: [UInt8] = []
        var state = ChainState()
        var markers = 0

        func emitMarker(lost: (from: UInt64, through: UInt64)?, pieces pieceIndices: [Int], reordered: Int, before next: ScannedFrame?) throws {
            var pieces: [RemovedPiece] = []
            var removedBytes: [UInt8] = []
            for pieceIndex in pieceIndices {
                let piece = removed[pieceIndex]
                let bytes = original[piece.range]
                pieces.append(RemovedPiece(cause: piece.cause, originalOffset: UInt64(piece.range.lowerBound),
                                           length: UInt64(bytes.count), quarantineOffset: UInt64(quarantine.count + removedBytes.count),
                                           sha256: Hex.string(FrameCodec.sha256(bytes)), sequence: piece.sequence))
                removedBytes += bytes
            }
            let link = state.expectation(forKind: LogFormat.Kind.repairGap)
            let lostFrom = lost?.from ?? link.sequence + 1
            let marker = RepairGapMarker(
                lostFrom: lostFrom, lostThrough: lost?.through ?? lostFrom - 1,
                resumeSequence: next?.sequence ?? link.sequence + 1,
                resumePreviousHash: next.map { $0.previousHash.hex } ?? "",
                quarantineFile: removedBytes.isEmpty ? nil : quarantineName,
                quarantineOffset: UInt64(quarantine.count), removedBytes: UInt64(removedBytes.count),
                removedBytesSHA256: Hex.string(FrameCodec.sha256(removedBytes[...])),
                originalOffset: pieces.first?.originalOffset ?? next.map { $0.offset } ?? UInt64(original.count),
                reason: lost != nil && pieces.isEmpty ? "missing" : (pieces.first?.cause.rawValue ?? "reordered"),
                repairedAt: repairedAt, repairedBy: repairedBy, pieces: pieces, reordered: reordered > 0 ? reordered : nil)
            quarantine += removedBytes
            let markerPayload = marker.encoded()
            let encoded = FrameCodec.encode(kind: LogFormat.Kind.repairGap, encoding: LogFormat.Encoding.json,
                                            sequence: link.sequence, previousHash: link.previousHash, payload: markerPayload)
            state.accept(ScannedFrame(offset: UInt64(log.count), length: encoded.bytes.count, kind: LogFormat.Kind.repairGap,
                                      encoding: LogFormat.Encoding.json, flags: 0, sequence: link.sequence,
                                      previousHash: link.previousHash, hash: encoded.hash), payload: markerPayload)
            log += encoded.bytes
            markers += 1
        }

        var position = 0
        while position <= chain.count {
            var lost: (from: UInt64, through: UInt64)?
            var entryPosition = position
            if position < chain.count, case .gap(let from, let through) = chain[position] {
                lost = (from, through)
                entryPosition += 1
            }
            let pieces = (piecesAt[position] ?? []) + (lost != nil ? (piecesAt[position + 1] ?? []) : [])
            let reordered = firstMovedChainIndex == entryPosition ? reorderedCount : 0
            var next: ScannedFrame?
            if entryPosition < chain.count, case .frame(let index) = chain[entryPosition] { next = frames[index].frame }
            if lost != nil || !pieces.isEmpty || reordered > 0 {
                try emitMarker(lost: lost, pieces: pieces, reordered: reordered, before: next)
            }
            guard let next, case .frame(let index) = chain[entryPosition] else { break }
            var moved = next
            moved.offset = UInt64(log.count)
            state.accept(moved, payload: payload(index))
            log += original[Int(next.offset)..<(Int(next.offset) + next.length)]
            position = entryPosition + 1
        }
        // The new log must read as one unbroken chain before it may replace the old one.
        var check = ChainState()
        let scan = LogScanner.scan(log, baseOffset: 0, state: &check)
        guard scan.resolvedEnd == UInt64(log.count), scan.items.allSatisfy({ $0.discontinuity == nil }) else {
            throw LogError.repairSelfCheckFailed
        }
        return Rendered(log: log, quarantine: quarantine, markers: markers)
    }
}
