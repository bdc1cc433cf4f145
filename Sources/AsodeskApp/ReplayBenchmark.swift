import AsodeskDomain
import AsodeskLog
import Foundation

/// Full replay without a snapshot: open the log, verify every frame (CRC and hash chain), decode
/// every payload and fold it into a `DeskState`, the way a desk starts. The phases are timed
/// apart so a slow replay says where its time goes.
public enum ReplayBenchmark {
    public struct Measurement: Sendable {
        public var events: Int
        /// Open, read, checksum and chain verification of every frame.
        public var readSeconds: Double
        /// Payload bytes to `ComplaintEvent`s.
        public var decodeSeconds: Double
        /// Events folded into complaints.
        public var applySeconds: Double
        public var seconds: Double { readSeconds + decodeSeconds + applySeconds }
        public var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
    }

    /// One full replay of the log at `path`.
    public static func run(path: String) throws -> (events: Int, seconds: Double) {
        let measured = try measure(path: path)
        return (measured.events, measured.seconds)
    }

    /// One full replay, each phase timed on its own. The state is checked at the end so that a
    /// replay that silently dropped records is not reported as fast.
    public static func measure(path: String) throws -> Measurement {
        let readStart = monotonicSeconds()
        let log = try EventLog(path: path, create: false, readOnly: true)
        let records = try log.readNew()
        let decodeStart = monotonicSeconds()
        var decoded: [(UInt64, UInt64, EventCodec.DecodeResult)] = []
        decoded.reserveCapacity(records.count)
        for record in records { decoded.append((record.sequence, record.offset, EventCodec.decode(record))) }
        let applyStart = monotonicSeconds()
        var state = DeskState()
        for (sequence, offset, result) in decoded { state.apply(result, sequence: sequence, offset: offset) }
        let end = monotonicSeconds()
        if let (sequence, reason) = state.unreadable.min(by: { $0.key < $1.key }) {
            throw ReplayBenchmarkError.unreadable(sequence: sequence, reason: reason)
        }
        return Measurement(events: records.count, readSeconds: decodeStart - readStart,
                           decodeSeconds: applyStart - decodeStart, applySeconds: end - applyStart)
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

public enum ReplayBenchmarkError: Error, CustomStringConvertible {
    case unreadable(sequence: UInt64, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let sequence, let reason):
            "record \(sequence) could not be read (\(reason)); a replay benchmark needs a log this asodesk reads completely"
        }
    }
}
