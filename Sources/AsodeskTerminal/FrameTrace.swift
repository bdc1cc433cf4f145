import AsodeskLog
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Why a frame was drawn, as the frame trace names it.
public enum FrameCause: String, Sendable, CaseIterable {
    case start, key, tick, log, resize
}

/// The frame trace for benchmarks: with ASODESK_FRAME_TRACE=<path>, one line per frame flushed to
/// the terminal, "<CLOCK_MONOTONIC ns> <cause> <bytes written to the terminal for the frame>".
/// Off (nil) unless the variable is set; when on, it costs two small reads of /proc/self/io and
/// one append per frame.
public struct FrameTrace: Sendable {
    public static let environmentVariable = "ASODESK_FRAME_TRACE"

    private let descriptor: Int32

    /// Nil when the variable is unset or empty, or the file cannot be created new (tracing never
    /// stops the dashboard, and never writes into a file or through a link that was already there).
    public init?(env: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = env[Self.environmentVariable], !path.isEmpty,
              let opened = try? ExclusiveFile.create(path, mode: 0o640) else { return nil }
        descriptor = opened
    }

    /// One trace line, newline included. `bytes` is nil when the count is not known ("-").
    public static func line(nanoseconds: UInt64, cause: FrameCause, bytes: Int?) -> String {
        "\(nanoseconds) \(cause.rawValue) \(bytes.map(String.init) ?? "-")\n"
    }

    /// Parses a line written by `line(nanoseconds:cause:bytes:)`; nil for anything else.
    public static func parse(_ text: Substring) -> (nanoseconds: UInt64, cause: FrameCause, bytes: Int?)? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 3, let time = UInt64(fields[0]), let cause = FrameCause(rawValue: String(fields[1])) else {
            return nil
        }
        if fields[2] == "-" { return (time, cause, nil) }
        guard let bytes = Int(fields[2]) else { return nil }
        return (time, cause, bytes)
    }

    /// CLOCK_MONOTONIC in nanoseconds: the clock another process on the machine compares with.
    public static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// Bytes this process has passed to write() so far (`wchar` of /proc/self/io); the difference
    /// around a refresh is what the refresh wrote to the terminal, since nothing else writes then.
    public static func bytesWrittenSoFar() -> Int? {
        let file = open("/proc/self/io", O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress!, $0.count) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
        for row in text.split(separator: "\n") where row.hasPrefix("wchar:") {
            return Int(row.dropFirst("wchar:".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Appends the line for a frame just flushed.
    public func record(cause: FrameCause, bytes: Int?) {
        let text = Array(Self.line(nanoseconds: Self.monotonicNanoseconds(), cause: cause, bytes: bytes).utf8)
        _ = text.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
    }
}
