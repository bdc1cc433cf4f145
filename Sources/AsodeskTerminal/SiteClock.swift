import Foundation

/// The dashboard's clock: the machine's, or one that starts at a pinned instant (ASODESK_NOW) and
/// runs on in real time, so scripted runs are repeatable and timers still tick.
public struct SiteClock: Sendable {
    private let pinnedStart: Date?
    private let startedAt: ContinuousClock.Instant

    public init(startingAt pinnedStart: Date? = nil) {
        self.pinnedStart = pinnedStart
        startedAt = ContinuousClock.now
    }

    public var now: Date {
        guard let pinnedStart else { return Date() }
        let elapsed = ContinuousClock.now - startedAt
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return pinnedStart.addingTimeInterval(seconds)
    }

    /// Milliseconds until the clock reaches its next whole second (at least 1).
    public func millisecondsToNextSecond() -> Int32 {
        let time = now.timeIntervalSince1970
        let remainder = 1 - (time - time.rounded(.down))
        return Int32(max(1, min(1000, (remainder * 1000).rounded(.up))))
    }

    /// The whole second the clock is in, to tell when a tick is due.
    public var wholeSecond: Int64 { Int64(now.timeIntervalSince1970.rounded(.down)) }
}
