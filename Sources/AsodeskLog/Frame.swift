#if canImport(CCryptoBoringSSL)
import CCryptoBoringSSL
#else
import Crypto
#endif
import Foundation

/// The on-disk frame. See docs/log-format.md; the two must stay in step.
public enum LogFormat {
    public static let magic: [UInt8] = Array("ASOD".utf8)
    public static let version: UInt8 = 1
    /// magic 4 + version 1 + kind 1 + encoding 1 + flags 1 + sequence 8 + length 4 + previous hash 32 + CRC 4.
    public static let headerSize = 56
    /// Bytes covered by the CRC before the payload: everything in the header ahead of the CRC.
    static let checksummedHeaderSize = 52
    public static let maximumPayloadSize = 16 * 1024 * 1024
    public static let hashSize = 32
    public static let zeroHash = [UInt8](repeating: 0, count: 32)

    public enum Kind {
        public static let event: UInt8 = 1
        /// Reserved: a checkpoint marker, should one ever be written into the log itself.
        public static let checkpoint: UInt8 = 2
        /// Written only by repair: documents one discontinuity (see RepairGapMarker).
        public static let repairGap: UInt8 = 3
    }

    /// Bits of the flags byte (offset 7). Unknown bits are ignored by readers.
    public enum Flags {
        /// The payload ends with its author's signature trailer (`FrameSignature`), inside the
        /// length, so the CRC and the hash chain cover it.
        public static let signed: UInt8 = 0x01
    }

    public enum Encoding {
        public static let json: UInt8 = 1
        /// A compact binary payload (AsodeskApp's BinaryEventCodec; see docs/log-format.md).
        public static let binary: UInt8 = 2
    }
}

/// A SHA-256 value held inline (no heap): the chain compares and keeps one per frame, a million
/// times in a full replay, where a `[UInt8]` costs an allocation each.
public struct LogHash: Hashable, Sendable, CustomStringConvertible {
    var words: (UInt64, UInt64, UInt64, UInt64)

    public static let zero = LogHash(words: (0, 0, 0, 0))

    init(words: (UInt64, UInt64, UInt64, UInt64)) { self.words = words }

    /// The 32 bytes of a hash; nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == LogFormat.hashSize else { return nil }
        var value = LogHash.zero
        withUnsafeMutableBytes(of: &value.words) { target in
            for (index, byte) in bytes.enumerated() { target[index] = byte }
        }
        self = value
    }

    /// Reads 32 bytes at `index` of `buffer`.
    init(_ buffer: UnsafeRawBufferPointer, at index: Int) {
        var value = LogHash.zero
        withUnsafeMutableBytes(of: &value.words) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[index..<(index + LogFormat.hashSize)]))
        }
        self = value
    }

    /// SHA-256 of `bytes`, straight into the value (BoringSSL through swift-crypto's C module:
    /// the `SHA256` wrapper allocates a context object per call, which cost as much as hashing a frame).
    init(sha256Of bytes: UnsafeRawBufferPointer) {
        var value = LogHash.zero
        withUnsafeMutableBytes(of: &value.words) { target in
            #if canImport(CCryptoBoringSSL)
            _ = CCryptoBoringSSL_SHA256(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count,
                                        target.baseAddress!.assumingMemoryBound(to: UInt8.self))
            #else
            // Where swift-crypto does not build BoringSSL (Apple platforms: CryptoKit), its wrapper.
            SHA256.hash(data: bytes).withUnsafeBytes { target.copyMemory(from: $0) }
            #endif
        }
        self = value
    }

    public var bytes: [UInt8] { withUnsafeBytes(of: words) { Array($0) } }
    public var hex: String { Hex.string(bytes) }
    public var description: String { hex }

    public static func == (a: LogHash, b: LogHash) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
    }
}

/// The header of a frame that parsed and passed its checksum. Offsets are absolute file offsets.
/// The payload is not copied: the scanner hands it out as a view of the bytes it read.
struct ScannedFrame {
    var offset: UInt64
    var length: Int
    var kind: UInt8
    var encoding: UInt8
    var flags: UInt8
    var sequence: UInt64
    var previousHash: LogHash
    var hash: LogHash
    /// Bytes of the signature trailer at the end of the payload region (0: none). The payload the
    /// scanner hands out stops before it; the trailer follows it in the same buffer.
    var trailerLength: Int = 0
    /// The signed flag is set but the trailer does not parse: handed out as a malformed signature.
    var malformedTrailer = false
}

/// Why bytes where a frame should start are not a readable frame. Structured: the command line
/// and the dashboard put it into words.
public enum FrameFault: Sendable, Equatable, Hashable {
    /// The four marker bytes that begin every frame are not there.
    case noRecordMarker
    /// The length field holds more than any frame may carry.
    case impossibleLength(UInt64)
    /// The frame is complete but its CRC does not match its bytes.
    case checksumMismatch
    /// A format version this asodesk does not know: written by a newer asodesk when the checksum
    /// holds, else a damaged version byte.
    case unknownVersion(UInt8, checksumValid: Bool)
    /// A header claims more bytes than there are before the next readable frame.
    case overrunsNextRecord
    /// The last frame claims more bytes than the file holds, and one flipped bit in its length
    /// field makes it a complete, valid frame: damage, not an unfinished save.
    case damagedLengthField
}

enum FrameCodec {
    static func encode(kind: UInt8, encoding: UInt8, flags: UInt8 = 0, sequence: UInt64,
                       previousHash: [UInt8], payload: [UInt8]) -> (bytes: [UInt8], hash: [UInt8]) {
        let frame = encode(kind: kind, encoding: encoding, flags: flags, sequence: sequence,
                           previousHash: LogHash(bytes: previousHash) ?? .zero, payload: payload)
        return (frame.bytes, frame.hash.bytes)
    }

    static func encode(kind: UInt8, encoding: UInt8, flags: UInt8 = 0, sequence: UInt64,
                       previousHash: LogHash, payload: [UInt8], trailer: [UInt8] = []) -> (bytes: [UInt8], hash: LogHash) {
        var frame = [UInt8]()
        frame.reserveCapacity(LogFormat.headerSize + payload.count + trailer.count)
        frame += LogFormat.magic
        frame += [LogFormat.version, kind, encoding, trailer.isEmpty ? flags : flags | LogFormat.Flags.signed]
        appendLittleEndian(sequence, to: &frame)
        appendLittleEndian(UInt32(payload.count + trailer.count), to: &frame)
        withUnsafeBytes(of: previousHash.words) { frame += $0 }
        var crc = frame.withUnsafeBytes { CRC32C.update(0, $0) }
        crc = payload.withUnsafeBytes { CRC32C.update(crc, $0) }
        crc = trailer.withUnsafeBytes { CRC32C.update(crc, $0) }
        appendLittleEndian(CRC32C.mask(crc), to: &frame)
        frame += payload
        frame += trailer
        return (frame, frame.withUnsafeBytes { LogHash(sha256Of: $0) })
    }

    /// A frame signed by `signer`: the trailer is made once sequence and previous hash are known.
    static func encodeSigned(kind: UInt8, encoding: UInt8, sequence: UInt64, previousHash: LogHash,
                             payload: [UInt8], signer: (any FrameSigner)?) throws -> (bytes: [UInt8], hash: LogHash, trailerLength: Int) {
        guard let signer else {
            let frame = encode(kind: kind, encoding: encoding, sequence: sequence, previousHash: previousHash, payload: payload)
            return (frame.bytes, frame.hash, 0)
        }
        let trailer = try FrameSignature.trailer(kind: kind, encoding: encoding, sequence: sequence, previousHash: previousHash,
                                                 body: payload, signer: signer)
        let frame = encode(kind: kind, encoding: encoding, sequence: sequence, previousHash: previousHash,
                           payload: payload, trailer: trailer)
        return (frame.bytes, frame.hash, trailer.count)
    }

    static func sha256(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.withUnsafeBytes { LogHash(sha256Of: $0).bytes }
    }

    enum Parse {
        /// The frame and where its payload lies in the buffer given to `parse`.
        case valid(ScannedFrame, payload: Range<Int>)
        /// The header says the frame runs past the bytes available.
        case incomplete
        case invalid(FrameFault)
    }

    /// Parses the frame starting at `index` of `bytes`, whose first byte lies at file offset `baseOffset`.
    static func parse(_ bytes: UnsafeRawBufferPointer, at index: Int, baseOffset: UInt64) -> Parse {
        let available = bytes.count - index
        if available >= 4 {
            if bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self) != magicWord { return .invalid(.noRecordMarker) }
        } else {
            for position in 0..<available where bytes[index + position] != LogFormat.magic[position] {
                return .invalid(.noRecordMarker)
            }
        }
        if available < LogFormat.headerSize { return .incomplete }
        let length = Int(readUInt32(bytes, index + 16))
        if length > LogFormat.maximumPayloadSize { return .invalid(.impossibleLength(UInt64(length))) }
        if available < LogFormat.headerSize + length { return .incomplete }
        let checksumValid = checksumMatches(bytes, at: index, length: length)
        let version = bytes[index + 4]
        // A frame of another version is judged before its checksum: a newer layout may checksum
        // differently. Either way it is not a torn save, and it is never read as one of ours.
        if version != LogFormat.version { return .invalid(.unknownVersion(version, checksumValid: checksumValid)) }
        if !checksumValid { return .invalid(.checksumMismatch) }
        let payloadStart = index + LogFormat.headerSize
        let whole = UnsafeRawBufferPointer(rebasing: bytes[index..<(payloadStart + length)])
        let flags = bytes[index + 7]
        var trailerLength = 0
        var malformedTrailer = false
        if flags & LogFormat.Flags.signed != 0 {
            // Read from the end: the fixed part last, so nothing is searched and nothing copied.
            if let parsed = FrameSignature.trailerLength(bytes, payloadStart: payloadStart, payloadLength: length) {
                trailerLength = parsed
            } else {
                malformedTrailer = true
            }
        }
        var frame = ScannedFrame(
            offset: baseOffset + UInt64(index),
            length: LogFormat.headerSize + length,
            kind: bytes[index + 5],
            encoding: bytes[index + 6],
            flags: flags,
            sequence: readUInt64(bytes, index + 8),
            previousHash: LogHash(bytes, at: index + 20),
            hash: LogHash(sha256Of: whole)
        )
        frame.trailerLength = trailerLength
        frame.malformedTrailer = malformedTrailer
        return .valid(frame, payload: payloadStart..<(payloadStart + length - trailerLength))
    }

    /// Whether the stored CRC matches the header and `length` payload bytes at `index`.
    static func checksumMatches(_ bytes: UnsafeRawBufferPointer, at index: Int, length: Int,
                                lengthField: UInt32? = nil) -> Bool {
        let stored = readUInt32(bytes, index + LogFormat.checksummedHeaderSize)
        var crc: UInt32
        if let lengthField {
            // The header as it would be with another length field (the tail check tries one-bit fixes).
            var header = Array(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + LogFormat.checksummedHeaderSize)]))
            withUnsafeBytes(of: lengthField.littleEndian) { for (offset, byte) in $0.enumerated() { header[16 + offset] = byte } }
            crc = header.withUnsafeBytes { CRC32C.update(0, $0) }
        } else {
            crc = CRC32C.update(0, UnsafeRawBufferPointer(rebasing: bytes[index..<(index + LogFormat.checksummedHeaderSize)]))
        }
        let payloadStart = index + LogFormat.headerSize
        crc = CRC32C.update(crc, UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<(payloadStart + length)]))
        return CRC32C.mask(crc) == stored
    }

    /// The magic as the little-endian word it is in memory.
    private static let magicWord = UInt32(0x41) | UInt32(0x53) << 8 | UInt32(0x4F) << 16 | UInt32(0x44) << 24

    /// Next index after `index` where the magic begins, or nil.
    static func nextMagic(_ bytes: UnsafeRawBufferPointer, after index: Int) -> Int? {
        var position = index + 1
        let last = bytes.count - 4
        while position <= last {
            if bytes[position] == 0x41, bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self) == magicWord {
                return position
            }
            position += 1
        }
        return nil
    }

    static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    static func readUInt32(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self))
    }

    static func readUInt64(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
    }
}

/// Payload of a repair-gap record (kind 3, JSON): what a repair removed or found missing at
/// this place of the chain, and who repaired when. The frame right after it must carry
/// `resumeSequence` and `resumePreviousHash`: the one documented discontinuity readers and
/// verify accept. A marker last in the log at repair time has an empty `resumePreviousHash`:
/// what is appended later links to the marker itself, so the marker cannot be cut out unseen.
public struct RepairGapMarker: Codable, Sendable, Equatable {
    /// First and last sequence number lost; `lostThrough < lostFrom` means no record was lost
    /// (only stray bytes or frames that did not belong to the chain were removed).
    public var lostFrom: UInt64
    public var lostThrough: UInt64
    public var resumeSequence: UInt64
    /// Hex of the previous-hash field of the record that follows the marker; empty when none did.
    public var resumePreviousHash: String
    /// File name (beside the log) holding the removed bytes, if any bytes were removed.
    public var quarantineFile: String?
    public var quarantineOffset: UInt64
    public var removedBytes: UInt64
    /// Hex SHA-256 of the removed bytes (all pieces, in order).
    public var removedBytesSHA256: String
    /// Offset of the removed bytes in the file before repair.
    public var originalOffset: UInt64
    /// Markers since issue 11: a `RemovedPiece.Cause` code; older ones: words.
    public var reason: String
    /// ISO 8601, UTC.
    public var repairedAt: String
    /// The account that ran the repair ("login (uid N)"); absent in markers of older repairs.
    public var repairedBy: String?
    /// Each piece removed at this place; absent in markers of older repairs.
    public var pieces: [RemovedPiece]?
    /// Records that were out of order from here on and were put back where the chain says.
    public var reordered: Int?

    public var lostCount: UInt64 { lostThrough >= lostFrom ? lostThrough - lostFrom + 1 : 0 }

    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a struct of strings and integers cannot fail.
        return Array((try? encoder.encode(self)) ?? Data())
    }

    static func decode(_ payload: some Collection<UInt8>) -> RepairGapMarker? {
        try? JSONDecoder().decode(RepairGapMarker.self, from: Data(payload))
    }
}

/// One run of bytes a repair took out of the log, kept in the quarantine file.
public struct RemovedPiece: Codable, Sendable, Equatable {
    public enum Cause: String, Codable, Sendable, Hashable, CaseIterable {
        /// Bytes that were no valid frame (damage), with records after them.
        case unreadable
        /// A record whose bytes no longer match the fingerprint the next record holds of it.
        case altered
        /// A second copy of a record the chain already holds.
        case duplicate
        /// Records of another log's chain (one that starts with its own first record).
        case foreignChain = "foreign-chain"
        /// A valid record that does not continue the chain anywhere (stale, forged or conflicting).
        case outOfPlace = "out-of-place"
        /// A save that never finished, at the end of the file.
        case unfinishedSave = "unfinished-save"
        /// Damaged bytes at the end of the file.
        case damagedEnd = "damaged-end"
    }
    public var cause: Cause
    public var originalOffset: UInt64
    public var length: UInt64
    /// Where the bytes are in the quarantine file.
    public var quarantineOffset: UInt64
    public var sha256: String
    /// The sequence number the removed frame carried, when it was a readable frame.
    public var sequence: UInt64?
}

public enum Hex {
    public static func string(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func bytes(_ string: String) -> [UInt8]? {
        let characters = Array(string.utf8)
        guard characters.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return nil
            }
        }
        var out = [UInt8]()
        var index = 0
        while index < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }
}
