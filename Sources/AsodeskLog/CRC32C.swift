import CAsodeskChecksum

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78). With the CPU's crc32 instruction
/// (SSE4.2, through the small C target CAsodeskChecksum) where there is one; otherwise the
/// table-driven slicing by 8 below, which is also the reference the tests hold the hardware to.
public enum CRC32C {
    /// The CRC-32C of `bytes`: the checksum the frames carry, for the desk's other files that must
    /// notice a torn write or a damaged block (the snapshot).
    public static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBytes { update(0, $0) }
    }

    static let hardwareAvailable = asodesk_crc32c_hardware_available() != 0

    /// Eight tables of 256 entries, one after the other (slice k at k * 256).
    static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
            }
            tables[byte] = crc
        }
        for byte in 0..<256 {
            for slice in 1..<8 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// Continues a running CRC (start with 0) over `bytes`.
    static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard hardwareAvailable, let base = bytes.baseAddress else { return softwareUpdate(crc, bytes) }
        return asodesk_crc32c_hardware_update(crc, base, bytes.count)
    }

    /// The table-driven CRC (slicing by 8), for CPUs without the instruction.
    static func softwareUpdate(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var state = ~crc
        let count = bytes.count
        var index = 0
        tables.withUnsafeBufferPointer { table in
            let t = table.baseAddress!
            while count - index >= 8 {
                let low = state ^ UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self))
                let high = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: index + 4, as: UInt32.self))
                state = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                index += 8
            }
            while index < count {
                state = (state >> 8) ^ t[Int((state ^ UInt32(bytes[index])) & 0xFF)]
                index += 1
            }
        }
        return ~state
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { update(0, $0) }
    }

    /// LevelDB's masking: a CRC stored inside data that is itself checksummed is rotated and
    /// offset, so a frame embedded in a payload does not produce trivially matching sums.
    static func mask(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }

    static func unmask(_ masked: UInt32) -> UInt32 {
        let rotated = masked &- 0xA282_EAD8
        return (rotated >> 17) | (rotated << 15)
    }
}
