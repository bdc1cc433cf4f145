/// What the chain expects next, carried from one scan step (or one readNew call) to the next.
struct ChainState {
    struct Resume: Equatable {
        var sequence: UInt64
        var previousHash: [UInt8]
    }

    var lastSequence: UInt64 = 0
    var headHash: [UInt8] = LogFormat.zeroHash
    /// Set right after a repair-gap marker: the one documented discontinuity to accept.
    var resume: Resume?
    var lastFrameOffset: UInt64?
    var lastFrameLength: Int = 0

    /// Sequence and previous hash the next frame of `kind` must carry.
    func expectation(forKind kind: UInt8) -> (sequence: UInt64, previousHash: [UInt8]) {
        if let resume { return (resume.sequence, resume.previousHash) }
        // A repair-gap marker takes no sequence number of its own: it repeats the last one.
        if kind == LogFormat.Kind.repairGap { return (lastSequence, headHash) }
        return (lastSequence + 1, headHash)
    }

    mutating func accept(_ frame: ScannedFrame) {
        lastSequence = frame.sequence
        headHash = frame.hash
        lastFrameOffset = frame.offset
        lastFrameLength = frame.length
        resume = nil
        if frame.kind == LogFormat.Kind.repairGap, let marker = RepairGapMarker.decode(frame.payload),
           let previous = Hex.bytes(marker.resumePreviousHash), previous.count == LogFormat.hashSize {
            resume = Resume(sequence: marker.resumeSequence, previousHash: previous)
        }
    }
}

/// Why a readable frame does not simply continue the chain before it.
struct Discontinuity {
    /// Bytes right before the frame that do not form a valid record.
    var damagedOffset: UInt64?
    var damagedLength: UInt64 = 0
    var damagedReason: String?
    var expectedSequence: UInt64
    var expectedPreviousHash: [UInt8]
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
    var tailReason: String?
}

enum LogScanner {
    /// Scans `bytes` (which start at file offset `baseOffset`) and advances `state`.
    /// Bad bytes followed by a valid frame are damage; bad bytes followed by nothing valid are a tail.
    static func scan(_ bytes: [UInt8], baseOffset: UInt64, state: inout ChainState) -> ScanResult {
        bytes.withUnsafeBytes { buffer in
            var result = ScanResult(resolvedEnd: baseOffset)
            var index = 0
            var damage: (start: Int, reason: String)?
            while index < buffer.count {
                var found: ScannedFrame?
                let parsed = FrameCodec.parse(buffer, at: index, baseOffset: baseOffset)
                if case .valid(let frame) = parsed {
                    found = frame
                } else {
                    let reason: String
                    if case .invalid(let why) = parsed {
                        reason = why
                    } else {
                        reason = "a record header claims more bytes than there are before the next readable record (its length field is probably damaged)"
                    }
                    // Resync: look forward for the next magic that starts a frame with a valid checksum.
                    var candidate = index
                    while let next = FrameCodec.nextMagic(buffer, after: candidate) {
                        if case .valid(let frame) = FrameCodec.parse(buffer, at: next, baseOffset: baseOffset) {
                            found = frame
                            break
                        }
                        candidate = next
                    }
                    guard found != nil else {
                        result.tailReason = reason
                        return finish(result, endIndex: index, baseOffset: baseOffset)
                    }
                    if damage == nil { damage = (index, reason) }
                }
                guard let frame = found else { break }
                let expected = state.expectation(forKind: frame.kind)
                let sequenceMatches = frame.sequence == expected.sequence
                let chainMatches = frame.previousHash == expected.previousHash
                var discontinuity: Discontinuity?
                if damage != nil || !sequenceMatches || !chainMatches {
                    let damagedStart = damage.map { baseOffset + UInt64($0.start) }
                    discontinuity = Discontinuity(
                        damagedOffset: damagedStart,
                        damagedLength: damagedStart.map { frame.offset - $0 } ?? 0,
                        damagedReason: damage?.reason,
                        expectedSequence: expected.sequence,
                        expectedPreviousHash: expected.previousHash,
                        sequenceMatches: sequenceMatches,
                        chainMatches: chainMatches,
                        previousSequence: state.lastFrameOffset == nil ? nil : state.lastSequence,
                        previousOffset: state.lastFrameOffset,
                        previousLength: state.lastFrameLength
                    )
                }
                damage = nil
                result.items.append(ScanItem(frame: frame, discontinuity: discontinuity))
                state.accept(frame)
                index = Int(frame.offset - baseOffset) + frame.length
            }
            return finish(result, endIndex: index, baseOffset: baseOffset)
        }
    }

    private static func finish(_ result: ScanResult, endIndex: Int, baseOffset: UInt64) -> ScanResult {
        var finished = result
        finished.resolvedEnd = baseOffset + UInt64(endIndex)
        return finished
    }
}
