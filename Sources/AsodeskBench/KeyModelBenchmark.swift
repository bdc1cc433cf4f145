import AsodeskApp
import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import AsodeskTerminal
import Foundation

/// The keys both key benchmarks press, in order: moving, paging, typing a search and taking it back.
public enum KeyRound {
    public struct Press: Sendable {
        public let label: String
        /// What a terminal sends for it (the pseudo-terminal benchmark).
        public let bytes: String
        /// What the backend hands the dashboard (the in-process benchmark).
        public let key: Key
        /// Esc is not timed through the terminal: ncurses waits its escape delay (25 ms) by design.
        public let timed: Bool
    }

    public static let keys: [Press] =
        Array(repeating: Press(label: "j", bytes: "j", key: .character("j"), timed: true), count: 12)
        + Array(repeating: Press(label: "k", bytes: "k", key: .character("k"), timed: true), count: 4)
        + Array(repeating: Press(label: "PgDn", bytes: "\u{1B}[6~", key: .pageDown, timed: true), count: 3)
        + [Press(label: "/", bytes: "/", key: .character("/"), timed: true)]
        + "nowak".map { Press(label: "search", bytes: String($0), key: .character($0), timed: true) }
        + Array(repeating: Press(label: "Backspace", bytes: "\u{7F}", key: .backspace, timed: true), count: 5)
        + [Press(label: "Esc", bytes: "\u{1B}", key: .escape, timed: false)]
}

/// Key press → cell buffer, in this process: the dashboard's own share of the key benchmark,
/// without the terminal. Deterministic enough to run under callgrind, which is what it is for.
public enum KeyModelBenchmark {
    public struct Result: Sendable {
        /// Nanoseconds per key label (handle + render into a cell buffer).
        public var latencies: [String: [UInt64]]
        /// One tick (the clock's second changed) + render, which a key may wait behind.
        public var ticks: [UInt64]
        public var openingSeconds: Double
    }

    @MainActor
    public static func run(logPath: String, now: Date, width: Int, height: Int, rounds: Int) throws -> Result {
        let opening = FrameTrace.monotonicNanoseconds()
        let desk = try Desk(log: try EventLog(path: logPath, create: false, readOnly: true), config: .standard,
                            procedures: try ProcedureLibrary.bundled())
        let dashboard = Dashboard(desk: desk, actor: Actor(id: "anowak", role: .lead),
                                  settings: DashboardSettings(language: .polish, handoverDirectory: NSTemporaryDirectory()),
                                  now: now, width: width, height: height)
        var buffer = CellBuffer(width: width, height: height)
        dashboard.render(into: &buffer)
        let opened = FrameTrace.monotonicNanoseconds()
        var result = Result(latencies: [:], ticks: [], openingSeconds: Double(opened - opening) / 1e9)
        var clock = now
        for _ in 0..<rounds {
            for press in KeyRound.keys {
                let started = FrameTrace.monotonicNanoseconds()
                _ = dashboard.handle(.key(press.key))
                buffer = CellBuffer(width: width, height: height)
                dashboard.render(into: &buffer)
                result.latencies[press.label, default: []].append(FrameTrace.monotonicNanoseconds() - started)
            }
            clock += 1
            let started = FrameTrace.monotonicNanoseconds()
            _ = dashboard.handle(.tick(clock))
            buffer = CellBuffer(width: width, height: height)
            dashboard.render(into: &buffer)
            result.ticks.append(FrameTrace.monotonicNanoseconds() - started)
        }
        return result
    }
}
