#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// What the person repairing has decided where the file alone cannot tell.
public struct RepairDecisions: Sendable, Equatable {
    /// A head kept off the machine: the chain that holds it is the desk's.
    public var keepChainWith: [UInt8]?
    /// Records judged changed after they were written: set aside, the records after them kept.
    public var changedRecords: Set<UInt64>
    /// Where the chain breaks, the records from these sequence numbers on are another log's.
    public var foreignFrom: Set<UInt64>
    /// Where different records claim the same place: the one at this offset is genuine.
    public var keepRecordAt: Set<UInt64>

    public init(keepChainWith: [UInt8]? = nil, changedRecords: Set<UInt64> = [], foreignFrom: Set<UInt64> = [],
                keepRecordAt: Set<UInt64> = []) {
        self.keepChainWith = keepChainWith
        self.changedRecords = changedRecords
        self.foreignFrom = foreignFrom
        self.keepRecordAt = keepRecordAt
    }
}

extension EventLog {
    /// Rewrites the log as its one chain: every record that continues it, in chain order, with a
    /// marker (who, when, what, the hash of the removed bytes) wherever something was removed or
    /// found missing. Duplicated, foreign-chain and out-of-place frames, altered records and
    /// unreadable bytes go to a quarantine file; the old file is kept as a backup; the new one
    /// replaces it by an atomic rename. A log that holds records of a newer format is left alone,
    /// and so is one whose chain breaks where only a person can say which side is the desk's.
    /// `signer`, when given, signs each marker the repair writes (a shift lead's key: see docs/log-format.md).
    public static func repair(path: String, now: Date, decisions: RepairDecisions = RepairDecisions(),
                              signer: (any FrameSigner)? = nil) throws -> RepairReport {
        var file = try LogFile(path: path, mode: .write(create: false))
        defer { file.close() }
        if case .readOnly(let reason) = file.access { throw LogError.readOnly(reason) }
        // Lock the file that is really at `path` now (an earlier repair may have replaced it).
        _ = try file.lockExclusive()
        let lockedDescriptor = file.descriptor
        defer { Posix.unlock(lockedDescriptor) }
        let stale = LogSideFiles.removeStaleRepairCopies(of: file.path)

        let original = try Posix.readRange(file.descriptor, from: 0, to: try file.size())
        let plan = RepairPlan(original, decisions: decisions)
        if let newer = plan.newerFormat { throw LogError.repairNeedsNewerVersion(offset: newer.offset, version: newer.version) }
        if let fork = plan.undecidedFork { throw LogError.repairNeedsChoice(sequence: fork.sequence, offsets: fork.offsets) }
        if let undecided = plan.undecided {
            throw LogError.repairNeedsDecision(afterSequence: undecided.sequence, recordOffset: undecided.offset, nextOffset: undecided.nextOffset)
        }
        guard plan.changesSomething else {
            return RepairReport(changed: false, recordsKept: plan.keptEventCount, gapsDocumented: 0, recordsLost: 0,
                                bytesSetAside: 0, quarantinePath: nil, backupPath: nil, staleFilesRemoved: stale)
        }

        // Everything is written under repair-copy names first (what a killed repair leaves is
        // then removed by the next save or repair); the quarantine and the log get their names
        // last, the backup just before.
        var created: [String] = []
        do {
            var quarantinePath: String?
            var quarantineCopy: String?
            if plan.removedByteCount > 0 {
                let base = LogSideFiles.quarantineBase(of: file.path, after: plan.firstChangeSequence, at: now)
                let reserved = try Posix.createExclusive(basePath: base)
                created.append(reserved.path)
                close(reserved.descriptor)
                quarantinePath = reserved.path
            }
            let rendered = try plan.render(quarantineName: quarantinePath.map { ($0 as NSString).lastPathComponent },
                                           repairedAt: Posix.iso8601(now), repairedBy: Posix.currentAccount(), signer: signer)
            if quarantinePath != nil {
                let copy = try Posix.createExclusive(basePath: LogSideFiles.repairCopyBase(of: file.path, at: now) + "-quarantine")
                created.append(copy.path)
                quarantineCopy = copy.path
                do { try Posix.writeDurably(copy.descriptor, rendered.quarantine, path: copy.path) } catch { close(copy.descriptor); throw error }
                close(copy.descriptor)
            }
            let replacement = try Posix.createExclusive(basePath: LogSideFiles.repairCopyBase(of: file.path, at: now))
            created.append(replacement.path)
            var info = stat()
            if fstat(file.descriptor, &info) == 0 {
                // The original's owner and group keep their access; others never get any.
                _ = fchmod(replacement.descriptor, info.st_mode & 0o770)
                _ = fchown(replacement.descriptor, info.st_uid, info.st_gid)  // only root may; best effort
            }
            do { try Posix.writeDurably(replacement.descriptor, rendered.log, path: replacement.path) } catch { close(replacement.descriptor); throw error }
            close(replacement.descriptor)
            let backupPath = try keepBackup(of: file.path, bytes: original, at: now)
            created.append(backupPath)
            if let quarantinePath, let quarantineCopy {
                guard rename(quarantineCopy, quarantinePath) == 0 else { throw LogError.io(SystemFailure(.replaceLog, path: quarantinePath, code: errno)) }
                created.removeAll { $0 == quarantineCopy }
            }
            try Posix.syncDirectory(of: file.path)
            guard rename(replacement.path, file.path) == 0 else {
                throw LogError.io(SystemFailure(.replaceLog, path: file.path, code: errno))
            }
            try Posix.syncDirectory(of: file.path)
            return RepairReport(changed: true, recordsKept: plan.keptEventCount, gapsDocumented: rendered.markers,
                                recordsLost: plan.lostRecordCount, setAside: plan.setAsideCounts, reordered: plan.reorderedCount,
                                bytesSetAside: UInt64(rendered.quarantine.count), quarantinePath: quarantinePath,
                                backupPath: backupPath, staleFilesRemoved: stale)
        } catch {
            // A failed repair leaves nothing behind (no half copy, no empty quarantine, no backup of
            // a log it did not replace); the log is as it was.
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
    let decisions: RepairDecisions
    private(set) var frames: [Located] = []
    /// Hashes some frame names as its predecessor: records the chain after them vouches for.
    private var vouched = Set<LogHash>()
    /// Set when the chain breaks where asodesk cannot tell a changed record from another log's
    /// records: the person repairing decides (`RepairDecisions`).
    private(set) var undecided: (sequence: UInt64, offset: UInt64, nextOffset: UInt64)?
    /// Set when different records claim the same place and nothing tells which is genuine.
    private(set) var undecidedFork: (sequence: UInt64, offsets: [UInt64])?
    /// Sequence numbers of records lost at the very end (a damaged last record).
    private(set) var lostAtEnd: (from: UInt64, through: UInt64)?
    private(set) var chain: [Entry] = []
    /// Removed runs of bytes, by original offset.
    private(set) var removed: [(range: Range<Int>, cause: RemovedPiece.Cause, sequence: UInt64?)] = []
    private(set) var newerFormat: (offset: UInt64, version: UInt8)?
    private(set) var reorderedCount = 0
    private var firstMovedChainIndex: Int?

    init(_ original: [UInt8], decisions: RepairDecisions = RepairDecisions()) {
        self.original = original
        self.decisions = decisions
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

    /// The frame not used yet that continues the chain in `state`: of several (a forged copy beside
    /// the genuine record), the one the next record vouches for, then the first in the file.
    private func continuation(of state: ChainState, byLink: [LinkKey: [Int]], used: Set<Int>) -> Int? {
        var best: Int?
        for isMarker in [false, true] {
            let expected = state.expectation(forKind: isMarker ? LogFormat.Kind.repairGap : LogFormat.Kind.event)
            let key = LinkKey(previousHash: expected.previousHash, sequence: expected.sequence, isMarker: isMarker)
            for candidate in byLink[key] ?? [] where !used.contains(candidate) {
                guard let current = best else { best = candidate; continue }
                let (candidateVouched, currentVouched) = (vouched.contains(frames[candidate].frame.hash), vouched.contains(frames[current].frame.hash))
                if candidateVouched != currentVouched { if candidateVouched { best = candidate } } else if candidate < current { best = candidate }
            }
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
            hashes.insert(located.frame.hash)
            vouched.insert(located.frame.previousHash)
            // A marker that does not decode, or misstates what the chain skips, continues nothing:
            // it is set aside, never followed (the repair documents the gap itself).
            if DiscontinuityReport.checkMarker(located.frame, payload: payload(index)) != nil { continue }
            byLink[key(located.frame), default: []].append(index)
        }
        let genesis = ChainState()
        func isGenesis(_ index: Int) -> Bool {
            let frame = frames[index].frame
            let expected = genesis.expectation(forKind: frame.kind)
            return frame.sequence == expected.sequence && frame.previousHash == expected.previousHash
        }
        let keptHead = decisions.keepChainWith.flatMap { LogHash(bytes: $0) }
        // Starts: first records of a chain, and records whose predecessor is gone.
        let starts = frames.indices.filter { isGenesis($0) || !hashes.contains(frames[$0].frame.previousHash) }
        // The desk's own chain starts at the first genesis in the file (another log's records are
        // added after it: `cat other.log >> desk.log`), unless a head kept off the machine names
        // another one. Without a genesis (the first records lost), at the headless run with the
        // lowest sequence number.
        let geneses = starts.filter(isGenesis)
        var walks: [Int: [Int]] = [:]
        for start in geneses { walks[start] = walk(from: start, byLink: byLink) }
        let named = keptHead.flatMap { head in geneses.first { start in walks[start]?.contains { frames[$0].frame.hash == head } == true } }
        guard let main = named ?? geneses.first ?? starts.min(by: { frames[$0].frame.sequence < frames[$1].frame.sequence }) else { return }
        var foreign = Set<Int>()
        for start in geneses where start != main { foreign.formUnion(walks[start] ?? []) }

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
                // Two different records in the same place (a forged copy): the one the next record
                // vouches for; else the one a kept head or the person names; else ask.
                var options: [Int] = []
                for isMarker in [false, true] {
                    let expected = state.expectation(forKind: isMarker ? LogFormat.Kind.repairGap : LogFormat.Kind.event)
                    for candidate in byLink[LinkKey(previousHash: expected.previousHash, sequence: expected.sequence, isMarker: isMarker)] ?? []
                    where !used.contains(candidate) && !options.contains(where: { frames[$0].frame.hash == frames[candidate].frame.hash }) {
                        options.append(candidate)
                    }
                }
                let vouchedOptions = options.filter { vouched.contains(frames[$0].frame.hash) }
                if options.count > 1 && vouchedOptions.count != 1 {
                    let named = options.first { frames[$0].frame.hash == keptHead || decisions.keepRecordAt.contains(frames[$0].frame.offset) }
                    guard let named else {
                        undecidedFork = (frames[options[0]].frame.sequence, options.map { frames[$0].frame.offset })
                        return
                    }
                    next = named
                } else {
                    next = continuation(of: state, byLink: byLink, used: used)
                }
                continue
            }
            // Nothing continues the chain: resume at the lowest later record that is ours.
            let candidates = frames.indices.filter { index in
                !used.contains(index) && !foreign.contains(index) && !usedHashes.contains(frames[index].frame.hash)
                    && frames[index].frame.sequence > state.lastSequence && !isGenesis(index)
                    && byLink[key(frames[index].frame)]?.contains(index) == true
            }
            guard let resume = candidates.min(by: { frames[$0].frame.sequence < frames[$1].frame.sequence
                || (frames[$0].frame.sequence == frames[$1].frame.sequence && $0 < $1) }) else { break }
            let resumeSequence = frames[resume].frame.sequence
            // The next sequence number is there but its fingerprint of our last record is not, and
            // nothing in the file vouches for that record: either it was changed after it was
            // written, or the records from here on are another log's. The file cannot tell; a kept
            // head can, else the person repairing decides.
            if resumeSequence == state.lastSequence + 1, case .frame(let last)? = chain.last,
               frames[last].frame.kind == LogFormat.Kind.event, !vouched.contains(frames[last].frame.hash),
               let before = statesBefore.last {
                let lastSequence = frames[last].frame.sequence
                let segment = walk(from: resume, byLink: byLink)
                let headAfter = keptHead.map { head in segment.contains { frames[$0].frame.hash == head } } ?? false
                if decisions.foreignFrom.contains(resumeSequence) {
                    foreign.formUnion(segment)
                    continue
                } else if decisions.changedRecords.contains(lastSequence) || headAfter {
                    chain.removeLast()
                    statesBefore.removeLast()
                    altered.append(last)
                    state = before
                } else {
                    undecided = (lastSequence, frames[last].frame.offset, frames[resume].frame.offset)
                    return
                }
            }
            chain.append(.gap(from: state.lastSequence + 1, through: resumeSequence - 1))
            state.resume = ChainState.Resume(sequence: resumeSequence, previousHash: frames[resume].frame.previousHash)
            next = resume
        }
        // A damaged last record whose header still names the next number: that number is lost,
        // not given to the next save.
        if let damagedEnd = removed.first(where: { $0.cause == .damagedEnd }), damagedEnd.range.count >= 16,
           original[damagedEnd.range].starts(with: LogFormat.magic) {
            let claimed = original.withUnsafeBytes { FrameCodec.readUInt64($0, damagedEnd.range.lowerBound + 8) }
            if claimed == state.lastSequence + 1 { lostAtEnd = (claimed, claimed) }
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
        (lostAtEnd.map { $0.through - $0.from + 1 } ?? 0) + chain.reduce(0) { total, entry in
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
        lostAtEnd != nil || !removed.isEmpty || reorderedCount > 0 || chain.contains { if case .gap = $0 { return true }; return false }
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

    /// Keeps a marker's JSON far below the payload limit (a piece is about 200 bytes).
    static let piecesPerMarker = 5_000

    struct Rendered {
        var log: [UInt8]
        var quarantine: [UInt8]
        var markers: Int
    }

    /// The new log and the quarantine file's bytes. Each marker stands where its change is: a gap
    /// where records are missing; removed bytes after the kept record that preceded them in the
    /// file. The result is checked by scanning it as any reader would before it is returned.
    func render(quarantineName: String?, repairedAt: String, repairedBy: String, signer: (any FrameSigner)? = nil) throws -> Rendered {
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

        /// One marker per place; a place with very many pieces (a log appended to itself) gets
        /// several in a row, each within the payload limit: all but the last link like the last
        /// marker of a log, the last one carries the loss and the resume.
        func emitMarkers(lost: (from: UInt64, through: UInt64)?, pieces pieceIndices: [Int], reordered: Int, before next: ScannedFrame?) throws {
            let chunks = stride(from: 0, to: max(pieceIndices.count, 1), by: Self.piecesPerMarker).map {
                Array(pieceIndices[$0..<min($0 + Self.piecesPerMarker, pieceIndices.count)])
            }
            for (index, chunk) in chunks.enumerated() {
                let isLast = index == chunks.count - 1
                try emitMarker(lost: isLast ? lost : nil, pieces: chunk, reordered: isLast ? reordered : 0,
                               before: next, carriesResume: isLast)
            }
        }

        func emitMarker(lost: (from: UInt64, through: UInt64)?, pieces pieceIndices: [Int], reordered: Int, before next: ScannedFrame?,
                        carriesResume: Bool) throws {
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
            let resumesAt = carriesResume ? next : nil
            let marker = RepairGapMarker(
                lostFrom: lostFrom, lostThrough: lost?.through ?? lostFrom - 1,
                resumeSequence: resumesAt?.sequence ?? (lost.map { $0.through + 1 } ?? link.sequence + 1),
                resumePreviousHash: resumesAt.map { $0.previousHash.hex } ?? "",
                quarantineFile: removedBytes.isEmpty ? nil : quarantineName,
                quarantineOffset: UInt64(quarantine.count), removedBytes: UInt64(removedBytes.count),
                removedBytesSHA256: Hex.string(FrameCodec.sha256(removedBytes[...])),
                originalOffset: pieces.first?.originalOffset ?? next.map { $0.offset } ?? UInt64(original.count),
                reason: lost != nil && pieces.isEmpty ? "missing" : (pieces.first?.cause.rawValue ?? "reordered"),
                repairedAt: repairedAt, repairedBy: repairedBy, pieces: pieces, reordered: reordered > 0 ? reordered : nil)
            quarantine += removedBytes
            let markerPayload = marker.encoded()
            let encoded = try FrameCodec.encodeSigned(kind: LogFormat.Kind.repairGap, encoding: LogFormat.Encoding.json,
                                                      sequence: link.sequence, previousHash: link.previousHash,
                                                      payload: markerPayload, signer: signer)
            state.accept(ScannedFrame(offset: UInt64(log.count), length: encoded.bytes.count, kind: LogFormat.Kind.repairGap,
                                      encoding: LogFormat.Encoding.json, flags: encoded.trailerLength > 0 ? LogFormat.Flags.signed : 0,
                                      sequence: link.sequence, previousHash: link.previousHash, hash: encoded.hash,
                                      trailerLength: encoded.trailerLength), payload: markerPayload)
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
            if next == nil, lost == nil, let lostAtEnd { lost = lostAtEnd }
            if lost != nil || !pieces.isEmpty || reordered > 0 {
                try emitMarkers(lost: lost, pieces: pieces, reordered: reordered, before: next)
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
