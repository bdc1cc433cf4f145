/// What the chain expects next, carried from one scan step (or one readNew call) to the next.
struct ChainState {
    struct Resume: Equatable {
        var sequence: UInt64
        var previousHash: LogHash
    }

    var lastSequence: UInt64 = 0
    var headHash: LogHash = .zero
    /// Set right after a repair-gap marker: the one documented discontinuity to accept.
    var resume: Resume?
    var lastFrameOffset: UInt64?
    var lastFrameLength: Int = 0

    /// Sequence and previous hash the next frame of `kind` must carry.
    func expectation(forKind kind: UInt8) -> (sequence: UInt64, previousHash: LogHash) {
        if let resume { return (resume.sequence, resume.previousHash) }
        // A repair-gap marker takes no sequence number of its own: it repeats the last one.
        if kind == LogFormat.Kind.repairGap { return (lastSequence, headHash) }
        return (lastSequence + 1, headHash)
    }

    /// `payload` is read only for a repair-gap marker (kind 3).
    mutating func accept(_ frame: ScannedFrame, payload: some Collection<UInt8>) {
        lastSequence = frame.sequence
        headHash = frame.hash
        lastFrameOffset = frame.offset
        lastFrameLength = frame.length
        resume = nil
        guard frame.kind == LogFormat.Kind.repairGap, let marker = RepairGapMarker.decode(payload) else { return }
        // A resume must move forward: one that repeats or goes back in the sequence is not
        // honoured, so the frame after it does not connect and is reported.
        if marker.resumePreviousHash.isEmpty {
            // Last at repair time: what follows links to the marker itself, and skips the numbers
            // of records lost at the very end.
            if marker.resumeSequence > frame.sequence + 1 {
                resume = Resume(sequence: marker.resumeSequence, previousHash: frame.hash)
            }
        } else if marker.resumeSequence > frame.sequence, let previous = Hex.bytes(marker.resumePreviousHash),
                  let previousHash = LogHash(bytes: previous) {
            resume = Resume(sequence: marker.resumeSequence, previousHash: previousHash)
        }
    }
}

/// Why a readable frame does not simply continue the chain before it.
struct Discontinuity {
    /// Bytes right before the frame that do not form a valid record.
    var damagedOffset: UInt64?
    var damagedLength: UInt64 = 0
    var damagedFault: FrameFault?
    var expectedSequence: UInt64
    var expectedPreviousHash: LogHash
    var sequenceMatches: Bool
    var chainMatches: Bool
    /// The last readable frame before this one (nil when none).
    var previousSequence: UInt64?
    var previousOffset: UInt64?
    var previousLength: Int
}

struct ScanItem {
    var frame: ScannedFrame
    var discontinuity: Discontinuity?
}

struct ScanResult {
    var items: [ScanItem] = []
    /// Absolute offset where bytes stop being accounted for: everything from here to the end
    /// is an unfinished or torn tail (no valid frame follows it).
    var resolvedEnd: UInt64
}

/// Unreadable bytes whose end is not known yet (no valid frame found after them so far).
/// Carried from one chunk to the next: they become damage when a valid frame follows, else a tail.
struct PendingDamage {
    var offset: UInt64
    var fault: FrameFault
}

enum LogScanner {
    /// How far one call got through its chunk.
    enum ChunkEnd: Equatable {
        /// Every byte up to `resolvedEnd` is a frame or damage; the rest up to the data's end is an
        /// tail (judged by `LogTail`), or nothing.
        case finished(resolvedEnd: UInt64)
        /// A decision needs bytes past the chunk: go on with the bytes from `offset`, at least up to `atLeast`.
        case needMore(from: UInt64, atLeast: UInt64)
    }

    /// Default read size of a streamed scan: big enough that a syscall is rare, small enough that
    /// a replay does not grow with the file.
    static let chunkSize = 4 * 1024 * 1024

    /// Scans `buffer` (file offsets `baseOffset`..<`baseOffset + buffer.count`, part of data that
    /// ends at `dataEnd`) and advances `state`, handing each valid frame with its payload (a view
    /// of `buffer`) to `visit`. Bad bytes followed by a valid frame are damage; bad bytes followed
    /// by nothing valid up to `dataEnd` are a tail. Stops where the answer needs bytes past the chunk.
    static func scan(_ buffer: UnsafeRawBufferPointer, baseOffset: UInt64, dataEnd: UInt64,
                     state: inout ChainState, pending: inout PendingDamage?,
                     visit: (ScannedFrame, UnsafeRawBufferPointer, Discontinuity?) throws -> Void) rethrows -> ChunkEnd {
        let atEnd = baseOffset + UInt64(buffer.count) >= dataEnd
        /// Bytes from `index` needed to judge the frame there (header, then header and payload).
        func needed(at index: Int) -> UInt64 {
            let available = buffer.count - index
            guard available >= LogFormat.headerSize else { return baseOffset + UInt64(index + LogFormat.headerSize) }
            return baseOffset + UInt64(index + LogFormat.headerSize) + UInt64(FrameCodec.readUInt32(buffer, index + 16))
        }
        var index = 0
        while index < buffer.count {
            var found: (frame: ScannedFrame, payload: Range<Int>)?
            let parsed = FrameCodec.parse(buffer, at: index, baseOffset: baseOffset)
            switch parsed {
            case .valid(let frame, let payload):
                found = (frame, payload)
            case .incomplete where !atEnd:
                return .needMore(from: baseOffset + UInt64(index), atLeast: needed(at: index))
            case .incomplete, .invalid:
                if pending == nil {
                    var fault = FrameFault.overrunsNextRecord
                    if case .invalid(let why) = parsed { fault = why }
                    pending = PendingDamage(offset: baseOffset + UInt64(index), fault: fault)
                }
                // Resync: look forward for the next magic that starts a frame with a valid checksum.
                var candidate = index
                resync: while let next = FrameCodec.nextMagic(buffer, after: candidate) {
                    switch FrameCodec.parse(buffer, at: next, baseOffset: baseOffset) {
                    case .valid(let frame, let payload):
                        found = (frame, payload)
                        break resync
                    case .incomplete where !atEnd:
                        // Judged on the next chunk, as the place where scanning resumes.
                        return .needMore(from: baseOffset + UInt64(next), atLeast: needed(at: next))
                    case .incomplete, .invalid:
                        candidate = next
                    }
                }
                if found == nil {
                    if atEnd, let damage = pending {
                        pending = nil
                        return .finished(resolvedEnd: damage.offset)
                    }
                    // No magic in the rest of the chunk; the last 3 bytes may begin one.
                    let resume = max(candidate + 1, buffer.count - 3)
                    return .needMore(from: baseOffset + UInt64(resume), atLeast: baseOffset + UInt64(resume + LogFormat.headerSize))
                }
            }
            guard let (frame, payloadRange) = found else { break }
            let expected = state.expectation(forKind: frame.kind)
            let sequenceMatches = frame.sequence == expected.sequence
            let chainMatches = frame.previousHash == expected.previousHash
            var discontinuity: Discontinuity?
            if pending != nil || !sequenceMatches || !chainMatches {
                let damagedStart = pending?.offset
                discontinuity = Discontinuity(
                    damagedOffset: damagedStart,
                    damagedLength: damagedStart.map { frame.offset - $0 } ?? 0,
                    damagedFault: pending?.fault,
                    expectedSequence: expected.sequence,
                    expectedPreviousHash: expected.previousHash,
                    sequenceMatches: sequenceMatches,
                    chainMatches: chainMatches,
                    previousSequence: state.lastFrameOffset == nil ? nil : state.lastSequence,
                    previousOffset: state.lastFrameOffset,
                    previousLength: state.lastFrameLength
                )
            }
            pending = nil
            let payload = UnsafeRawBufferPointer(rebasing: buffer[payloadRange])
            state.accept(frame, payload: payload)
            try visit(frame, payload, discontinuity)
            index = Int(frame.offset - baseOffset) + frame.length
        }
        if atEnd { return .finished(resolvedEnd: baseOffset + UInt64(index)) }
        return .needMore(from: baseOffset + UInt64(index), atLeast: baseOffset + UInt64(index + LogFormat.headerSize))
    }

    /// Scans the bytes `start..<end` of an open file, reading `chunkSize` bytes at a time (more
    /// only for a frame longer than that), so memory does not grow with the file. `committed` is
    /// called after each chunk with the chain and the offset up to which bytes are accounted for:
    /// a reader that stops on an error keeps what it has handed out.
    static func scanFile(_ descriptor: Int32, from start: UInt64, to end: UInt64, chain: ChainState,
                         chunkSize: Int = LogScanner.chunkSize,
                         visit: (ScannedFrame, UnsafeRawBufferPointer, Discontinuity?) throws -> Void,
                         committed: (ChainState, UInt64) -> Void = { _, _ in }) throws
        -> (chain: ChainState, resolvedEnd: UInt64) {
        var state = chain
        var pending: PendingDamage?
        var position = start
        var dataEnd = end
        var atLeast = start + UInt64(LogFormat.headerSize)
        var capacity = min(max(chunkSize, 1), Int(clamping: end - start))
        var storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(capacity, 1), alignment: 16)
        defer { storage.deallocate() }
        while true {
            let wanted = Int(min(dataEnd, max(position + UInt64(max(chunkSize, 1)), atLeast)) - position)
            if wanted > capacity {
                storage.deallocate()
                capacity = wanted
                storage = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
            }
            let got = try Posix.read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: storage[0..<wanted]), at: position)
            if got < wanted { dataEnd = position + UInt64(got) }  // the file shrank meanwhile
            let outcome = try scan(UnsafeRawBufferPointer(rebasing: storage[0..<got]), baseOffset: position, dataEnd: dataEnd,
                                   state: &state, pending: &pending, visit: visit)
            switch outcome {
            case .finished(let resolvedEnd):
                committed(state, resolvedEnd)
                return (state, resolvedEnd)
            case .needMore(let from, let least):
                committed(state, pending?.offset ?? from)
                position = from
                atLeast = least
            }
        }
    }

    /// Scans a whole buffer at once (repair, which rewrites the file from it, holds it anyway).
    static func scan(_ bytes: [UInt8], baseOffset: UInt64, state: inout ChainState) -> ScanResult {
        bytes.withUnsafeBytes { buffer in
            var result = ScanResult(resolvedEnd: baseOffset)
            var pending: PendingDamage?
            let outcome = scan(buffer, baseOffset: baseOffset, dataEnd: baseOffset + UInt64(buffer.count),
                               state: &state, pending: &pending) { frame, _, discontinuity in
                result.items.append(ScanItem(frame: frame, discontinuity: discontinuity))
            }
            if case .finished(let resolvedEnd) = outcome { result.resolvedEnd = resolvedEnd }
            return result
        }
    }
}
