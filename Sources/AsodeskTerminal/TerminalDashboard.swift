import AsodeskDashboard
import AsodeskScreen
import Foundation

/// Runs a dashboard in the terminal until it asks to quit: the only place keys, the clock and the
/// log meet the screen. Like htop, nothing is drawn unless an outcome asks for it.
@MainActor
public enum TerminalDashboard {
    /// Takes over the terminal (or throws `TerminalError` without touching it), runs until `q`,
    /// and gives the terminal back.
    public static func run(_ dashboard: Dashboard, clock: SiteClock, options: TerminalOptions) throws {
        let screen = try CursesScreen(options: options)
        defer { screen.close() }
        var loop = Loop(dashboard: dashboard, screen: screen, clock: clock)
        loop.run()
    }

    @MainActor
    private struct Loop {
        let dashboard: Dashboard
        let screen: CursesScreen
        let clock: SiteClock
        var tickedSecond: Int64 = 0
        /// Benchmarks only (ASODESK_FRAME_TRACE): when each frame reached the terminal, and why.
        let trace = FrameTrace()

        init(dashboard: Dashboard, screen: CursesScreen, clock: SiteClock) {
            self.dashboard = dashboard
            self.screen = screen
            self.clock = clock
        }

        mutating func run() {
            let (width, height) = screen.size
            _ = dashboard.handle(.resized(width: width, height: height))
            tick()
            draw(repaint: true, cause: .start)
            let follower = dashboard.desk.log.follower
            let changeDescriptor = follower?.descriptor
            while true {
                var watched = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0)]
                if let changeDescriptor { watched.append(pollfd(fd: changeDescriptor, events: Int16(POLLIN), revents: 0)) }
                // Wake at the next whole second of the clock, so the status-line clock and the
                // countdowns move exactly when the second changes. EINTR (a resize) just loops.
                _ = poll(&watched, nfds_t(watched.count), clock.millisecondsToNextSecond())
                if watched[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return }  // the terminal is gone

                var outcomes: [(outcome: DashboardOutcome, cause: FrameCause)] = []
                // Read keys even when poll was interrupted: a resize arrives as a key.
                while let input = screen.nextInput() {
                    let outcome: DashboardOutcome
                    let cause: FrameCause
                    switch input {
                    case .resized:
                        let (width, height) = screen.size
                        outcome = dashboard.handle(.resized(width: width, height: height))
                        cause = .resize
                    case .key(let key):
                        outcome = dashboard.handle(.key(key))
                        cause = .key
                    }
                    if outcome == .quit { return }
                    outcomes.append((outcome, cause))
                }
                if let follower, watched[1].revents & Int16(POLLIN) != 0 {
                    follower.drain()
                    outcomes.append((dashboard.handle(.logChanged), .log))
                }
                if clock.wholeSecond != tickedSecond {
                    outcomes.append((tick(), .tick))
                    // Without inotify (a network filesystem) the log is read once a second instead.
                    if changeDescriptor == nil { outcomes.append((dashboard.handle(.logChanged), .log)) }
                }
                // The trace names the first cause that asked for the frame: resize, key, log, tick.
                if let first = outcomes.first(where: { $0.outcome == .repaint || $0.outcome == .redraw }) {
                    draw(repaint: outcomes.contains { $0.outcome == .repaint }, cause: first.cause)
                }
            }
        }

        @discardableResult
        private mutating func tick() -> DashboardOutcome {
            tickedSecond = clock.wholeSecond
            return dashboard.handle(.tick(clock.now))
        }

        private func draw(repaint: Bool, cause: FrameCause) {
            let (width, height) = screen.size
            var buffer = CellBuffer(width: width, height: height)
            dashboard.render(into: &buffer)
            guard let trace else {
                screen.draw(buffer, repaint: repaint)
                return
            }
            let before = FrameTrace.bytesWrittenSoFar()
            screen.draw(buffer, repaint: repaint)
            let after = FrameTrace.bytesWrittenSoFar()
            trace.record(cause: cause, bytes: before.flatMap { start in after.map { $0 - start } })
        }
    }
}
