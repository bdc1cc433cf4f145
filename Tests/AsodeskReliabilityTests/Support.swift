import AsodeskTestSupport
@testable import AsodeskLog

/// Rewrites the CRC of the frame at `offset` so an edit passes the checksum (tampering).
func refreshChecksum(_ bytes: inout [UInt8], frameAt offset: Int) {
    let length = Int(bytes[offset + 16]) | Int(bytes[offset + 17]) << 8 | Int(bytes[offset + 18]) << 16 | Int(bytes[offset + 19]) << 24
    var covered = Array(bytes[offset..<(offset + LogFormat.checksummedHeaderSize)])
    covered += bytes[(offset + LogFormat.headerSize)..<(offset + LogFormat.headerSize + length)]
    let masked = CRC32C.mask(CRC32C.checksum(covered))
    for position in 0..<4 {
        bytes[offset + LogFormat.checksummedHeaderSize + position] = UInt8(truncatingIfNeeded: masked >> (8 * position))
    }
}
