#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Which file a position belongs to: a repair or a restore gives the log a new inode.
public typealias LogFileIdentity = FileIdentity

/// A place in the log that a cache (a snapshot) may resume from: the record `sequence`, whose
/// frame starts at `frameOffset` and ends at `endOffset`, has the hash `hash`. It proves nothing
/// by itself: `EventLog.resume(at:)` reads that frame and accepts the place only if it matches.
public struct LogCheckpoint: Sendable, Hashable {
    public var file: LogFileIdentity
    public var sequence: UInt64
    public var frameOffset: UInt64
    public var endOffset: UInt64
    /// SHA-256 of the whole frame of record `sequence` (the chain head there), 32 bytes.
    public var hash: [UInt8]

    public init(file: LogFileIdentity, sequence: UInt64, frameOffset: UInt64, endOffset: UInt64, hash: [UInt8]) {
        self.file = file; self.sequence = sequence; self.frameOffset = frameOffset
        self.endOffset = endOffset; self.hash = hash
    }
}

extension EventLog {
    /// Reads the one frame that starts at `offset`, checking its checksum; nil when no valid frame
    /// starts there (the file changed, or the offset is wrong). The chain is not checked: a caller
    /// that needs to trust the record compares its sequence and hash with what it expects.
    public func record(at offset: UInt64) throws -> LogRecord? {
        try frame(at: offset).map { LogRecord($0.frame, payload: $0.payload, trailer: $0.trailer) }
    }

    /// Reads the frames that start at `offsets` (ascending or not), two `pread`s each and one
    /// `fstat` in all; nil as soon as one of them is not a valid frame.
    public func records(at offsets: [UInt64]) throws -> [LogRecord]? {
        let size = try Posix.size(ofDescriptor: currentDescriptor)
        var records: [LogRecord] = []
        records.reserveCapacity(offsets.count)
        for offset in offsets {
            guard let (frame, payload, trailer) = try frame(at: offset, fileSize: size) else { return nil }
            records.append(LogRecord(frame, payload: payload, trailer: trailer))
        }
        return records
    }

    func frame(at offset: UInt64, fileSize: UInt64? = nil) throws -> (frame: ScannedFrame, payload: [UInt8], trailer: [UInt8])? {
        let size = try fileSize ?? Posix.size(ofDescriptor: currentDescriptor)
        guard offset < size, size - offset >= UInt64(LogFormat.headerSize) else { return nil }
        let header = try Posix.readRange(currentDescriptor, from: offset, to: offset + UInt64(LogFormat.headerSize))
        let length = header.withUnsafeBytes { FrameCodec.readUInt32($0, 16) }
        guard Int(length) <= LogFormat.maximumPayloadSize else { return nil }
        let end = offset + UInt64(LogFormat.headerSize) + UInt64(length)
        guard end <= size else { return nil }
        let bytes = header + (try Posix.readRange(currentDescriptor, from: offset + UInt64(LogFormat.headerSize), to: end))
        return bytes.withUnsafeBytes { buffer in
            if case .valid(let frame, let payload) = FrameCodec.parse(buffer, at: 0, baseOffset: offset) {
                return (frame, Array(UnsafeRawBufferPointer(rebasing: buffer[payload])),
                        Array(UnsafeRawBufferPointer(rebasing: buffer[payload.upperBound..<(payload.upperBound + frame.trailerLength)])))
            }
            return nil
        }
    }
}

/// SHA-256 as the log computes it, for callers outside the log (the snapshot cache's file name).
public enum LogDigest {
    public static func sha256<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        FrameCodec.sha256(ArraySlice(bytes))
    }
}
