#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What the bytes after the last readable record are. Only an unfinished save may be set aside
/// without a person: a complete frame that fails its checksum, a frame of an unknown version or
/// bytes that never were a frame are damage, found by `verify` and blocking saves until repair.
/// (etcd's WAL decoder draws the same line between a torn write and corruption.)
enum LogTail {
    enum Verdict: Equatable {
        /// A save that did not finish: a prefix of a frame (the header runs past the end of the
        /// file). Never acknowledged, so setting it aside loses nothing saved.
        case unfinishedSave
        case damaged(FrameFault)
    }

    /// A torn save is a prefix of one write: the frames of one save, of which the scanner has
    /// already accepted the whole ones. Longer than one frame can be, it is not a torn save.
    static let longestUnfinishedSave = UInt64(LogFormat.headerSize + LogFormat.maximumPayloadSize)

    /// Judges the bytes `start..<end` of an open file (the scanner's resolved end to its size).
    static func judge(_ descriptor: Int32, from start: UInt64, to end: UInt64) throws -> Verdict {
        guard end > start else { return .unfinishedSave }
        if end - start > longestUnfinishedSave {
            let head = try Posix.readRange(descriptor, from: start, to: start + UInt64(LogFormat.headerSize))
            return head.withUnsafeBytes { buffer in
                if case .invalid(let fault) = FrameCodec.parse(buffer, at: 0, baseOffset: start) { return .damaged(fault) }
                return .damaged(.impossibleLength(end - start))
            }
        }
        let bytes = try Posix.readRange(descriptor, from: start, to: end)
        return bytes.withUnsafeBytes { judge($0, baseOffset: start) }
    }

    static func judge(_ tail: UnsafeRawBufferPointer, baseOffset: UInt64) -> Verdict {
        switch FrameCodec.parse(tail, at: 0, baseOffset: baseOffset) {
        case .valid:
            // The scanner would have taken it; reaching here means the bytes changed meanwhile.
            return .damaged(.overrunsNextRecord)
        case .incomplete:
            if tail.count >= LogFormat.headerSize, lengthFieldIsDamaged(tail) { return .damaged(.damagedLengthField) }
            return .unfinishedSave
        case .invalid(let fault):
            // Zeros included: a save is acknowledged only once on disk, so zeros where a frame was
            // are a damaged record (or a filesystem that lost it), which a person must look at.
            return .damaged(fault)
        }
    }

    /// A frame that claims more bytes than the file holds is torn, unless one flipped bit of its
    /// length field makes it a complete frame whose checksum holds: then it is a damaged record
    /// that must not be set aside as if it had never been saved.
    static func lengthFieldIsDamaged(_ tail: UnsafeRawBufferPointer) -> Bool {
        let length = FrameCodec.readUInt32(tail, 16)
        for bit in 0..<32 {
            let candidate = length ^ (UInt32(1) << UInt32(bit))
            guard Int(candidate) <= LogFormat.maximumPayloadSize,
                  LogFormat.headerSize + Int(candidate) <= tail.count else { continue }
            if FrameCodec.checksumMatches(tail, at: 0, length: Int(candidate), lengthField: candidate) { return true }
        }
        return false
    }
}
