#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A private tmux server (its own socket, no user config) with a shell in a fixed-size window:
/// the dashboard runs there as a person would run it, and the tests read the screen as text.
public final class TmuxDesk {
    public static var isAvailable: Bool { Programs.which("tmux") != nil }

    /// One server per desk: a server being killed must not take the next test's session with it.
    public let socket = "asodesk-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
    public let directory: String
    public let log: String
    public let session = "desk"
    /// The clean shell every window runs: only the environment given here.
    public private(set) var shell: [String] = []

    /// Starts the server with a bare shell (prompt `$ `) in an 80×24 window, and writes a demo log.
    public init(width: Int = 80, height: Int = 24) throws {
        directory = NSTemporaryDirectory() + "asodesk-e2e-\(UUID().uuidString)"
        log = directory + "/complaints.log"
        try FileManager.default.createDirectory(atPath: directory + "/config", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        let binaryFolder = (CLI.binary as NSString).deletingLastPathComponent
        let environment = [
            "HOME=\(directory)", "PATH=\(binaryFolder):/usr/bin:/bin", "LANG=C.UTF-8", "TERM=xterm-256color",
            "PS1=$ ", "XDG_CONFIG_HOME=\(directory)/config", "XDG_DATA_HOME=\(directory)/data",
            "ASODESK_LOG=\(log)", "ASODESK_NOW=\(Self.pinnedNow)",
        ]
        shell = ["env", "-i"] + environment + ["bash", "--noprofile", "--norc"]
        // -f /dev/null: no user configuration; status off so the pane is the whole window.
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)"] + shell)
        try tmux(["set-option", "-g", "status", "off"])
        try waitFor("$", in: "\(session):0")
        // Waits for "DEMO=2", which only the shell's answer holds (the typed line says $((1+1))).
        type("asodesk demo --log \(log) && echo DEMO=$((1+1))", in: "\(session):0")
        try waitFor("DEMO=2", in: "\(session):0")
        type("clear", in: "\(session):0")
    }

    /// How long to wait for the screen by default: polling returns as soon as the text is there,
    /// so this only matters on a machine so busy that a start takes many seconds.
    public static let patience: Double = 30

    /// Monday 2026-11-23 10:30 in Warsaw: a working day, so timers run.
    public static let pinnedNow = "2026-11-23T10:30:00+01:00"

    deinit { shutDown() }

    /// Kills the private server (and with it every program still running in it).
    public func shutDown() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    public func tmux(_ arguments: [String]) throws -> String {
        try Self.run(Programs.which("tmux") ?? "/usr/bin/tmux", ["-L", socket] + arguments, outputFolder: directory)
    }

    /// Runs a program to its end and returns its standard output (through `Child`: Foundation's
    /// Process would wait for the descriptors the tmux server keeps, as long as the server lives).
    public static func run(_ program: String, _ arguments: [String], outputFolder: String) throws -> String {
        let token = UUID().uuidString
        let outputPath = outputFolder + "/tmux-output-\(token)", errorsPath = outputFolder + "/tmux-errors-\(token)"
        defer {
            try? FileManager.default.removeItem(atPath: outputPath)
            try? FileManager.default.removeItem(atPath: errorsPath)
        }
        let child = try Child(program, arguments, outputPath: outputPath, errorsPath: errorsPath)
        child.wait()
        return child.output
    }

    /// Types a line into the shell and presses Enter.
    public func type(_ line: String, in target: String? = nil) {
        _ = try? tmux(["send-keys", "-t", target ?? "\(session):0", "-l", line])
        _ = try? tmux(["send-keys", "-t", target ?? "\(session):0", "Enter"])
    }

    /// Presses keys by tmux name: "q", "Escape", "C-l", "F1"...
    public func press(_ keys: String..., in target: String? = nil) {
        _ = try? tmux(["send-keys", "-t", target ?? "\(session):0"] + keys)
    }

    public func screen(_ target: String? = nil) -> String {
        (try? tmux(["capture-pane", "-p", "-t", target ?? "\(session):0"])) ?? ""
    }

    /// A second window with the same clean shell: another terminal at the desk.
    public func openSecondWindow() throws -> String {
        try tmux(["new-window", "-d", "-t", "\(session):1"] + shell)
        try waitFor("$", in: "\(session):1")
        return "\(session):1"
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "\(session):0", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Whether any cell on screen has a colour other than the terminal's own: an SGR foreground or
    /// background parameter (30–38, 40–48, 90–97, 100–107; 39 and 49 are the defaults).
    public func showsColour(_ target: String? = nil) -> Bool {
        let escaped = (try? tmux(["capture-pane", "-p", "-e", "-t", target ?? "\(session):0"])) ?? ""
        return escaped.matches(of: /\x1B\[([0-9;]*)m/).contains { match in
            match.output.1.split(separator: ";").compactMap { Int($0) }.contains { parameter in
                (30...38).contains(parameter) || (40...48).contains(parameter)
                    || (90...97).contains(parameter) || (100...107).contains(parameter)
            }
        }
    }

    /// Polls the screen until `condition` holds, for up to `timeout` seconds; returns the screen.
    @discardableResult
    public func waitUntil(_ what: String, in target: String? = nil, timeout: Double = TmuxDesk.patience,
                   _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen(target)
            if condition(last) { return last }
            usleep(50_000)
        }
        throw TmuxTimeout(waitedFor: what, seconds: timeout, screen: last)
    }

    /// Waits until two captures in a row are equal: the terminal has drawn everything it was sent.
    public func waitUntilSettled(in target: String? = nil) throws -> String {
        let deadline = Date().addingTimeInterval(Self.patience)
        var previous = screen(target)
        while Date() < deadline {
            usleep(100_000)
            let current = screen(target)
            if current == previous { return current }
            previous = current
        }
        throw TmuxTimeout(waitedFor: "the screen to settle", seconds: Self.patience, screen: previous)
    }

    @discardableResult
    public func waitFor(_ text: String, in target: String? = nil, timeout: Double = TmuxDesk.patience) throws -> String {
        try waitUntil("“\(text)”", in: target, timeout: timeout) { $0.contains(text) }
    }

    /// Starts the dashboard in the shell and waits for its status line.
    @discardableResult
    public func startDashboard(_ arguments: String = "--role lead", env: String = "") throws -> String {
        type("\(env) asodesk \(arguments); echo EXIT=$?")
        return try waitUntil("the status line") { Self.eventCount(in: $0) != nil }
    }

    /// The log's event count in the status line: "Log saved (848)", "Zapisane (848)", "Wszystko zapisane (848 zdarzeń)".
    public static func eventCount(in screen: String) -> Int? {
        guard let match = screen.firstMatch(of: /(?:Log saved|Zapisane|zapisane) \((\d+)/) else { return nil }
        return Int(match.output.1)
    }

    /// The status line's clock, "Mon 23 Nov 2026 10:30:05" → "10:30:05".
    public static func clock(in screen: String) -> String? {
        guard let match = screen.firstMatch(of: /\d\d:\d\d:\d\d/) else { return nil }
        return String(match.output)
    }
}

public struct TmuxTimeout: Error, CustomStringConvertible {
    public var waitedFor: String
    public var seconds: Double
    public var screen: String
    public var description: String { "waited \(Int(seconds)) s for \(waitedFor); the screen was:\n\(screen)" }
}
