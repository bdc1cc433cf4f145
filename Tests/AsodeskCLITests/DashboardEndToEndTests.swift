import Foundation
import Testing

/// A private tmux server (its own socket, no user config) with a shell in a fixed-size window:
/// the dashboard runs there as a person would run it, and the tests read the screen as text.
final class TmuxDesk {
    static var isAvailable: Bool { which("tmux") != nil }

    /// One server per desk: a server being killed must not take the next test's session with it.
    let socket = "asodesk-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
    let directory: String
    let log: String
    let session = "desk"
    /// The clean shell every window runs: only the environment given here.
    private(set) var shell: [String] = []

    /// Starts the server with a bare shell (prompt `$ `) in an 80×24 window, and writes a demo log.
    init(width: Int = 80, height: Int = 24) throws {
        directory = NSTemporaryDirectory() + "asodesk-e2e-\(UUID().uuidString)"
        log = directory + "/complaints.log"
        try FileManager.default.createDirectory(atPath: directory + "/config", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        let binaryFolder = (CLI.binary as NSString).deletingLastPathComponent
        let environment = [
            "HOME=\(directory)", "PATH=\(binaryFolder):/usr/bin:/bin", "LANG=C.UTF-8", "TERM=xterm-256color",
            "PS1=$ ", "XDG_CONFIG_HOME=\(directory)/config", "XDG_DATA_HOME=\(directory)/data",
            "ASODESK_LOG=\(log)", "ASODESK_OPERATOR=anowak", "ASODESK_NOW=\(Self.pinnedNow)",
        ]
        shell = ["env", "-i"] + environment + ["bash", "--noprofile", "--norc"]
        // -f /dev/null: no user configuration; status off so the pane is the whole window.
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)"] + shell)
        try tmux(["set-option", "-g", "status", "off"])
        try waitFor("$", in: "\(session):0")
        type("asodesk demo --log \(log) && echo DEMO=done", in: "\(session):0")
        try waitFor("DEMO=done", in: "\(session):0")
        type("clear", in: "\(session):0")
    }

    /// Monday 2026-11-23 10:30 in Warsaw: a working day, so timers run.
    static let pinnedNow = "2026-11-23T10:30:00+01:00"

    deinit { shutDown() }

    /// Kills the private server (and with it every program still running in it).
    func shutDown() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try Self.run(Self.which("tmux") ?? "/usr/bin/tmux", ["-L", socket] + arguments, outputFolder: directory)
    }

    /// Runs a program to its end and returns its standard output. Not Foundation's Process: on
    /// Linux it waits until every copy of a descriptor it gives the child is closed, and the
    /// server `new-session` starts keeps them, so it would wait as long as the server lives.
    static func run(_ program: String, _ arguments: [String], outputFolder: String) throws -> String {
        let outputPath = outputFolder + "/tmux-output-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The test runs on a thread that blocks most signals, and a child inherits that mask:
        // start tmux (and so the shell and the dashboard) with none blocked, as a terminal would.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let spawned = posix_spawn(&child, program, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw TmuxFailure(message: "cannot run \(program): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Types a line into the shell and presses Enter.
    func type(_ line: String, in target: String? = nil) {
        _ = try? tmux(["send-keys", "-t", target ?? "\(session):0", "-l", line])
        _ = try? tmux(["send-keys", "-t", target ?? "\(session):0", "Enter"])
    }

    /// Presses keys by tmux name: "q", "Escape", "C-l", "F1"...
    func press(_ keys: String..., in target: String? = nil) {
        _ = try? tmux(["send-keys", "-t", target ?? "\(session):0"] + keys)
    }

    func screen(_ target: String? = nil) -> String {
        (try? tmux(["capture-pane", "-p", "-t", target ?? "\(session):0"])) ?? ""
    }

    /// A second window with the same clean shell: another terminal at the desk.
    func openSecondWindow() throws -> String {
        try tmux(["new-window", "-d", "-t", "\(session):1"] + shell)
        try waitFor("$", in: "\(session):1")
        return "\(session):1"
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "\(session):0", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Whether any cell on screen has a colour other than the terminal's own: an SGR foreground or
    /// background parameter (30–38, 40–48, 90–97, 100–107; 39 and 49 are the defaults).
    func showsColour(_ target: String? = nil) -> Bool {
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
    func waitUntil(_ what: String, in target: String? = nil, timeout: Double = 10,
                   _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = screen(target)
            if condition(last) { return last }
            usleep(50_000)
        }
        throw TmuxTimeout(waitedFor: what, screen: last)
    }

    /// Waits until two captures in a row are equal: the terminal has drawn everything it was sent.
    func waitUntilSettled(in target: String? = nil) throws -> String {
        let deadline = Date().addingTimeInterval(10)
        var previous = screen(target)
        while Date() < deadline {
            usleep(100_000)
            let current = screen(target)
            if current == previous { return current }
            previous = current
        }
        throw TmuxTimeout(waitedFor: "the screen to settle", screen: previous)
    }

    @discardableResult
    func waitFor(_ text: String, in target: String? = nil, timeout: Double = 10) throws -> String {
        try waitUntil("“\(text)”", in: target, timeout: timeout) { $0.contains(text) }
    }

    /// Starts the dashboard in the shell and waits for its status line.
    @discardableResult
    func startDashboard(_ arguments: String = "--role lead", env: String = "") throws -> String {
        type("\(env) asodesk \(arguments); echo EXIT=$?")
        return try waitUntil("the status line") { Self.eventCount(in: $0) != nil }
    }

    /// The log's event count in the status line: "Log saved (848)", "Log zapisany (848 zdarzeń)".
    static func eventCount(in screen: String) -> Int? {
        guard let match = screen.firstMatch(of: /Log (?:saved|zapisany) \((\d+)/) else { return nil }
        return Int(match.output.1)
    }

    /// The status line's clock, "Mon 23 Nov 2026 10:30:05" → "10:30:05".
    static func clock(in screen: String) -> String? {
        guard let match = screen.firstMatch(of: /\d\d:\d\d:\d\d/) else { return nil }
        return String(match.output)
    }

    static func which(_ program: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

struct TmuxFailure: Error {
    var message: String
}

struct TmuxTimeout: Error, CustomStringConvertible {
    var waitedFor: String
    var screen: String
    var description: String { "waited 10 s for \(waitedFor); the screen was:\n\(screen)" }
}

/// The real dashboard in a real terminal (tmux). Serialised: each test owns a tmux server.
@Suite(.serialized, .enabled(if: TmuxDesk.isAvailable, "tmux is not installed: the end-to-end dashboard tests need it (apt-get install tmux)"))
struct DashboardEndToEndTests {
    @Test func startsOnTheQueueWithTheStatusLineAndQuitsRestoringTheTerminal() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let screen = try desk.startDashboard()
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.contains("asodesk │") == true && lines.first?.contains("Queue") == true)
        #expect(screen.contains("Anna Nowak") || screen.contains("anowak"))
        #expect(TmuxDesk.eventCount(in: screen) != nil)
        #expect(desk.showsColour(), "the default theme in colour on xterm-256color")
        desk.press("q")
        let after = try desk.waitFor("EXIT=0")
        // The terminal is back: the shell echoes what is typed and runs it.
        desk.type("echo restored-$((40 + 2))")
        try desk.waitFor("restored-42")
        #expect(!after.contains("Log saved"), "the dashboard's screen is gone after quitting")
    }

    @Test func controlCRestoresTheTerminal() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        try desk.startDashboard()
        desk.press("C-c")
        // The shell abandons the rest of a line whose command died of SIGINT, so ask it afterwards:
        // ended by SIGINT (128 + 2), the shell's screen is back and it runs what is typed.
        try desk.waitUntil("the dashboard to end") { TmuxDesk.eventCount(in: $0) == nil }
        desk.type("echo STATUS=$?")
        try desk.waitFor("STATUS=130")
        desk.type("echo restored-$((40 + 2))")
        try desk.waitFor("restored-42")
    }

    @Test func helpListsTheKeysAndEscReturns() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        try desk.startDashboard()
        desk.press("?")
        try desk.waitFor("Help: Queue")
        let help = try desk.waitUntilSettled()
        #expect(help.contains("F10") && help.contains("Quit"))
        #expect(help.contains("F1") && help.contains("Redraw the screen"))
        desk.press("Escape")
        try desk.waitUntil("the queue again") { $0.contains("Queue") && !$0.contains("Help: Queue") }
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    @Test func aChangeFromTheCommandLineAppearsWithoutAKeyPress() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let before = try desk.startDashboard()
        let count = try #require(TmuxDesk.eventCount(in: before))
        let otherTerminal = try desk.openSecondWindow()
        desk.type("asodesk note R/2026/0001 'Klient dzwonił w sprawie terminu' --as pwisniewski --log \(desk.log); echo NOTE=$?",
                  in: otherTerminal)
        try desk.waitFor("NOTE=0", in: otherTerminal)
        let after = try desk.waitUntil("the event count to grow", timeout: 3) { (TmuxDesk.eventCount(in: $0) ?? 0) > count }
        #expect(TmuxDesk.eventCount(in: after) == count + 1)
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    @Test func theClockMovesWithoutAKeyPress() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let first = try desk.startDashboard()
        let clock = try #require(TmuxDesk.clock(in: first))
        try desk.waitUntil("the clock to move past \(clock)") { TmuxDesk.clock(in: $0).map { $0 != clock } ?? false }
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    @Test func resizingBelowTheMinimumSaysSoAndBackRedraws() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        try desk.startDashboard()
        try desk.resize(width: 60, height: 20)
        try desk.waitFor("The terminal is too small: 60×20.")
        try desk.resize(width: 80, height: 24)
        let redrawn = try desk.waitUntil("the full dashboard") { $0.contains("Log saved") && !$0.contains("too small") }
        #expect(redrawn.split(separator: "\n").first?.contains("Queue") == true)
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    @Test func usesALargeTerminal() throws {
        let desk = try TmuxDesk(width: 200, height: 50)
        defer { desk.shutDown() }
        let screen = try desk.startDashboard()
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        // The status line is the second-last of 50 rows, its clock at the right edge.
        let statusRow = try #require(lines.firstIndex { $0.contains("Log saved") })
        #expect(statusRow == 48)
        #expect(lines[statusRow].count > 150)
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    @Test(arguments: [("TERM=vt100", "vt100"), ("NO_COLOR=1", "no colour")])
    func worksWithoutColour(env: String, name: String) throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let screen = try desk.startDashboard("--lang pl --role lead", env: env)
        // Polish letters are drawn, and ok/warning are told apart by glyphs, not colour alone.
        #expect(screen.contains("Wyjście"), "\(name)")
        #expect(screen.contains("✓ Log zapisany"), "\(name)")
        #expect(!desk.showsColour(), "no colour under \(name); attributes only")
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    @Test func refusesADumbTerminalWithoutTouchingIt() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        desk.type("TERM=dumb asodesk; echo EXIT=$?")
        let screen = try desk.waitFor("EXIT=64")
        #expect(screen.contains("TERM=dumb"))
    }

    @Test func withoutALogItExplainsHowToStart() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        desk.type("asodesk --log \(desk.directory)/none.log; echo EXIT=$?")
        let screen = try desk.waitFor("EXIT=1")
        #expect(screen.contains("asodesk --demo") && screen.contains("asodesk add"))
    }

    @Test func demoOpensAsTheShiftLead() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let screen = try desk.startDashboard("--demo")
        #expect(screen.contains("Anna Nowak"))
        #expect(FileManager.default.fileExists(atPath: desk.directory + "/data/asodesk/demo.log"))
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    /// Reception takes a complaint in through the form, a value is refused and corrected, and a
    /// colleague's dashboard on the same log shows the new complaint without a key press.
    @Test func aComplaintTypedIntoTheFormAppearsInASecondDashboard() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        try desk.startDashboard("--lang pl --role advisor")
        let colleague = try desk.openSecondWindow()
        desk.type("asodesk --lang pl --role lead --as anowak; echo EXIT=$?", in: colleague)
        try desk.waitFor("Kolejka", in: colleague)
        // The colleague searches for the customer before the complaint exists: nothing yet.
        desk.press("/", in: colleague)
        desk.press("-l", "Brzęczyszczykiewicz", in: colleague)
        try desk.waitFor("0 z 44", in: colleague)

        desk.press("2")
        try desk.waitFor("Nowa reklamacja")
        desk.press("Tab", "Tab", "Tab", "Tab")                   // channel, category, priority, legal basis
        desk.press("-l", "Grzegorz Brzęczyszczykiewicz")
        desk.press("Tab")
        desk.press("-l", "601 234 567")
        desk.press("Tab", "Tab")                                   // e-mail left empty
        desk.press("-l", "KR 4521X")
        desk.press("Tab")
        desk.press("-l", "WVWZZZ1KZ6W00001")                      // one character short
        desk.press("Tab", "Tab", "Tab")                            // vehicle, repair order
        desk.press("-l", "Po naprawie zawieszenia nadal stuka z przodu.")
        desk.press("F2")
        let refused = try desk.waitFor("↳")
        #expect(refused.contains("VIN"))
        #expect(refused.contains("Grzegorz Brzęczyszczyk"), "what was typed stays")
        desk.press("End")
        desk.press("-l", "9")                                       // the 17th character: the form focused VIN
        desk.press("F2")
        try desk.waitFor("Zapisano R/2026/0053")

        let seen = try desk.waitFor("R/2026/0053", in: colleague, timeout: 3)
        #expect(seen.contains("1 z 45"))
        desk.press("Escape", in: colleague)
        desk.press("q", in: colleague)
        try desk.waitFor("EXIT=0", in: colleague)
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }
}
