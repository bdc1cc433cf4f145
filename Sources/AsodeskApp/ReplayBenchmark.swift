import AsodeskDomain
import AsodeskLog
import Foundation

/// Full replay without a snapshot: open the log, verify every frame (CRC and hash chain), decode
/// every payload and fold it into a `DeskState`, the way a desk starts. The phases are timed
/// apart so a slow replay says where its time goes.
public enum ReplayBenchmark {
    public struct Measurement: Sendable {
        public var events: Int
        /// The full replay: open, read, checksum and chain of every frame, decode, fold.
        public var seconds: Double
        /// A pass that only opens, reads and verifies (checksum, chain) every frame.
        public var readSeconds: Double
        /// What decoding adds: a pass that also decodes every payload, less `readSeconds`.
        public var decodeSeconds: Double
        /// What folding adds: the full replay less the decoding pass.
        public var applySeconds: Double
        public var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }
    }

    /// One full replay of the log at `path`.
    public static func run(path: String) throws -> (events: Int, seconds: Double) {
        let measured = try measure(path: path)
        return (measured.events, measured.seconds)
    }

    /// A full replay as a desk starts without a snapshot: the log streamed a few MB at a time,
    /// every frame verified, decoded and folded into a `DeskState` that sets finished complaints
    /// aside as summaries and record offsets, as `Desk` does. Two shorter passes first
    /// (verify only; verify and decode) say where the time goes: streamed, the phases interleave
    /// and cannot be timed apart in one pass. The state is checked at the end so that a replay
    /// that silently dropped records is not reported as fast.
    public static func measure(path: String) throws -> Measurement {
        let verifyStart = monotonicSeconds()
        var verified = 0
        try EventLog(path: path, create: false, readOnly: true).readNew { _ in verified += 1 }
        let decodeStart = monotonicSeconds()
        var unreadable = 0
        try EventLog(path: path, create: false, readOnly: true).readNew { record in
            if case .unreadable = EventCodec.decode(record) { unreadable += 1 }
        }
        let replayStart = monotonicSeconds()
        let (events, state) = try replay(path: path)
        let end = monotonicSeconds()
        if let (sequence, reason) = state.unreadable.min(by: { $0.key < $1.key }) {
            throw ReplayBenchmarkError.unreadable(sequence: sequence, reason: reason)
        }
        let seconds = end - replayStart, readSeconds = decodeStart - verifyStart
        let decodingPass = replayStart - decodeStart
        return Measurement(events: events, seconds: seconds, readSeconds: readSeconds,
                           decodeSeconds: max(0, decodingPass - readSeconds), applySeconds: max(0, seconds - decodingPass))
    }

    /// The full replay alone (its own function, so that a profile shows its cost apart from the passes).
    @inline(never)
    public static func replay(path: String) throws -> (events: Int, state: DeskState) {
        var events = 0
        let log = try EventLog(path: path, create: false, readOnly: true)
        var state = DeskState()
        // As a desk keeps them: finished complaints as summaries and the offsets of their records.
        state.setAsideFinished(readingBackFrom: LogFinishedComplaintSource(log: log))
        try log.readNew { record in
            events += 1
            state.apply(record)
        }
        return (events, state)
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
