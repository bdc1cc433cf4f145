import Crypto
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

    public enum Encoding {
        public static let json: UInt8 = 1
        /// A compact binary payload (AsodeskApp's BinaryEventCodec; see docs/log-format.md).
        public static let binary: UInt8 = 2
    }
}

/// A frame that parsed and passed its checksum. Offsets are absolute file offsets.
struct ScannedFrame {
    var offset: UInt64
    var length: Int
    var kind: UInt8
    var encoding: UInt8
    var flags: UInt8
    var sequence: UInt64
    var previousHash: [UInt8]
    var payload: [UInt8]
    var hash: [UInt8]
}

enum FrameCodec {
    static func encode(kind: UInt8, encoding: UInt8, flags: UInt8 = 0, sequence: UInt64,
                       previousHash: [UInt8], payload: [UInt8]) -> (bytes: [UInt8], hash: [UInt8]) {
        var frame = [UInt8]()
        frame.reserveCapacity(LogFormat.headerSize + payload.count)
        frame += LogFormat.magic
        frame += [LogFormat.version, kind, encoding, flags]
        appendLittleEndian(sequence, to: &frame)
        appendLittleEndian(UInt32(payload.count), to: &frame)
        frame += previousHash
        var crc = frame.withUnsafeBytes { CRC32C.update(0, $0) }
        crc = payload.withUnsafeBytes { CRC32C.update(crc, $0) }
        appendLittleEndian(CRC32C.mask(crc), to: &frame)
        frame += payload
        return (frame, sha256(frame[...]))
    }

    static func sha256(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        SHA256.hash(data: bytes).withUnsafeBytes { Array($0) }
    }

    enum Parse {
        case valid(ScannedFrame)
        /// The header says the frame runs past the bytes available.
        case incomplete
        case invalid(reason: String)
    }

    /// Parses the frame starting at `index` of `bytes`, whose first byte lies at file offset `baseOffset`.
    static func parse(_ bytes: UnsafeRawBufferPointer, at index: Int, baseOffset: UInt64) -> Parse {
        let available = bytes.count - index
        let magicBytes = min(available, 4)
        for position in 0..<magicBytes where bytes[index + position] != LogFormat.magic[position] {
            return .invalid(reason: "no record starts here (the record marker is missing)")
        }
        if available < LogFormat.headerSize { return .incomplete }
        let length = Int(readUInt32(bytes, index + 16))
        if length > LogFormat.maximumPayloadSize {
            return .invalid(reason: "the record length field holds an impossible value (\(length) bytes)")
        }
        if available < LogFormat.headerSize + length { return .incomplete }
        let stored = readUInt32(bytes, index + LogFormat.checksummedHeaderSize)
        let headerPart = UnsafeRawBufferPointer(rebasing: bytes[index..<(index + LogFormat.checksummedHeaderSize)])
        let payloadStart = index + LogFormat.headerSize
        let payloadPart = UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<(payloadStart + length)])
        let crc = CRC32C.update(CRC32C.update(0, headerPart), payloadPart)
        if CRC32C.mask(crc) != stored {
            return .invalid(reason: "the record's checksum does not match its contents")
        }
        let version = bytes[index + 4]
        if version != LogFormat.version {
            return .invalid(reason: "the record uses format version \(version), which this asodesk does not know (made by a newer asodesk?)")
        }
        let whole = UnsafeRawBufferPointer(rebasing: bytes[index..<(payloadStart + length)])
        return .valid(ScannedFrame(
            offset: baseOffset + UInt64(index),
            length: LogFormat.headerSize + length,
            kind: bytes[index + 5],
            encoding: bytes[index + 6],
            flags: bytes[index + 7],
            sequence: readUInt64(bytes, index + 8),
            previousHash: Array(UnsafeRawBufferPointer(rebasing: bytes[(index + 20)..<(index + 52)])),
            payload: Array(payloadPart),
            // Copied out through its bytes: Array(digest) goes element by element through a generic path.
            hash: SHA256.hash(data: whole).withUnsafeBytes { Array($0) }
        ))
    }

    /// Next index after `index` where the magic begins, or nil.
    static func nextMagic(_ bytes: UnsafeRawBufferPointer, after index: Int) -> Int? {
        var position = index + 1
        let last = bytes.count - 4
        while position <= last {
            if bytes[position] == 0x41, bytes[position + 1] == 0x53,
               bytes[position + 2] == 0x4F, bytes[position + 3] == 0x44 {
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
        var value: UInt32 = 0
        for position in 0..<4 { value |= UInt32(bytes[index + position]) << (8 * position) }
        return value
    }

    static func readUInt64(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> UInt64 {
        var value: UInt64 = 0
        for position in 0..<8 { value |= UInt64(bytes[index + position]) << (8 * position) }
        return value
    }
}

/// Payload of a repair-gap record (kind 3, JSON). It is the one documented discontinuity
/// readers and verify accept: the next frame must carry `resumeSequence` and `resumePreviousHash`.
public struct RepairGapMarker: Codable, Sendable, Equatable {
    /// First and last sequence number lost; `lostThrough < lostFrom` means no record was lost
    /// (only stray bytes were removed, or a record was altered in place).
    public var lostFrom: UInt64
    public var lostThrough: UInt64
    public var resumeSequence: UInt64
    /// Hex of the previous-hash field of the record that follows the marker.
    public var resumePreviousHash: String
    /// File name (beside the log) holding the removed bytes, if any bytes were removed.
    public var quarantineFile: String?
    public var quarantineOffset: UInt64
    public var removedBytes: UInt64
    /// Hex SHA-256 of the removed bytes.
    public var removedBytesSHA256: String
    /// Offset of the removed bytes in the file before repair.
    public var originalOffset: UInt64
    public var reason: String
    /// ISO 8601, UTC.
    public var repairedAt: String

    public var lostCount: UInt64 { lostThrough >= lostFrom ? lostThrough - lostFrom + 1 : 0 }

    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a struct of strings and integers cannot fail.
        return Array((try? encoder.encode(self)) ?? Data())
    }

    static func decode(_ payload: [UInt8]) -> RepairGapMarker? {
        try? JSONDecoder().decode(RepairGapMarker.self, from: Data(payload))
    }
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
