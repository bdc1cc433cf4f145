import AsodeskDashboard
import AsodeskScreen
import CNcursesw
import AsodeskLog
import Foundation

/// Why the dashboard could not take over the terminal. Nothing on the terminal was changed.
public enum TerminalError: Error, CustomStringConvertible, Sendable {
    case notATerminal
    case noTerminalType
    case dumbTerminal
    case unknownTerminal(String)

    public var description: String {
        let elsewhere = "The other commands (asodesk list, show, add …) work without one."
        switch self {
        case .notATerminal:
            return "the dashboard needs a terminal, but input or output is redirected. Run `asodesk` in a terminal window. \(elsewhere)"
        case .noTerminalType:
            return "the dashboard needs to know the terminal type, but TERM is not set. Run it in a terminal window, or set TERM (for example TERM=xterm-256color). \(elsewhere)"
        case .dumbTerminal:
            return "this terminal (TERM=dumb) cannot draw a full-screen dashboard. Run it in a terminal window such as xterm, or set TERM to the terminal you use. \(elsewhere)"
        case .unknownTerminal(let name):
            return "the terminal type TERM=\(name) is not known on this machine. Set TERM to a known one (for example TERM=xterm-256color or TERM=vt100), or install its terminfo entry (package ncurses-term). \(elsewhere)"
        }
    }
}

/// How the terminal should look and where stray output goes while the screen is up.
public struct TerminalOptions: Sendable {
    public var theme: Theme
    /// Used instead of `theme` when the terminal has no colour or colour is turned off.
    public var monochromeTheme: Theme
    /// False when the person asked for no colour (NO_COLOR).
    public var colourAllowed: Bool
    /// Where the process's stderr is sent while curses owns the screen (nil: /dev/null), so a stray
    /// message cannot tear the picture.
    public var errorLogPath: String?

    public init(theme: Theme, monochromeTheme: Theme, colourAllowed: Bool, errorLogPath: String?) {
        self.theme = theme
        self.monochromeTheme = monochromeTheme
        self.colourAllowed = colourAllowed
        self.errorLogPath = errorLogPath
    }

    /// NO_COLOR (https://no-color.org): set and not empty turns colour off.
    public static func colourAllowed(env: [String: String]) -> Bool {
        (env["NO_COLOR"] ?? "").isEmpty
    }
}

// State the signal handler needs. Signal handlers cannot reach the main actor, so these are plain
// globals, written only on the main actor before and after the screen is up.
nonisolated(unsafe) private var screenIsUp = false
nonisolated(unsafe) private var savedStandardError: Int32 = -1
nonisolated(unsafe) private let previousSignalActions = UnsafeMutablePointer<sigaction>.allocate(capacity: Int(NSIG))

/// Ctrl-C, kill, a closed terminal or a crash: give the terminal back (Swift `defer` does not run
/// here), then let the signal do what it did before — end the process, or the Swift runtime's
/// crash report. Every save was durable before it was acknowledged, so nothing is lost.
private let restoreTerminalAndResignal: @convention(c) (Int32) -> Void = { signal in
    if screenIsUp {
        screenIsUp = false
        endwin()
        if savedStandardError >= 0 { dup2(savedStandardError, 2) }
    }
    sigaction(signal, previousSignalActions + Int(signal), nil)
    raise(signal)
}

/// One ncurses screen on the process's terminal. Every call is on the main actor: ncurses is not
/// thread-safe.
@MainActor
final class CursesScreen {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let errorLogPath: String?
    /// Colour pair and attributes of each role, from the theme.
    private var styles: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]
    /// What the terminal shows now; nil forces a full repaint.
    private var drawn: CellBuffer?
    private var closed = false
    /// The theme in use (monochrome when the terminal has no colour).
    private(set) var theme: Theme

    static let handledSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    /// Takes over the terminal, or throws without touching it.
    init(options: TerminalOptions, env: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError.notATerminal }
        guard let terminalType = env["TERM"], !terminalType.isEmpty else { throw TerminalError.noTerminalType }
        guard terminalType != "dumb" else { throw TerminalError.dumbTerminal }
        Self.useUTF8Locale()
        // Installed before newterm, so ncurses keeps ours instead of adding its own; unblocked,
        // in case whatever started us blocked them, so Ctrl-C and resizing always get through.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in Self.handledSignals + [SIGWINCH] { sigaddset(&unblocked, signal) }
        sigprocmask(SIG_UNBLOCK, &unblocked, nil)
        for signal in Self.handledSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = restoreTerminalAndResignal
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, previousSignalActions + Int(signal))
        }
        guard let screen = newterm(terminalType, asodesk_stdout(), asodesk_stdin()) else {
            Self.restoreSignals()
            throw TerminalError.unknownTerminal(terminalType)
        }
        self.screen = screen
        set_term(screen)
        window = asodesk_stdscr()!
        errorLogPath = options.errorLogPath
        screenIsUp = true
        Self.redirectStandardError(to: options.errorLogPath)

        cbreak()
        noecho()
        keypad(window, true)
        nodelay(window, true)  // the loop waits in poll(); reads never block
        set_escdelay(25)  // Esc alone would otherwise wait a second for a sequence that never comes
        Self.allowControlSAndQ()
        Self.defineAlternativeKeySequences()

        let colour = options.colourAllowed && has_colors() && start_color() == OK
            && asodesk_color_pairs() > StyleRole.allCases.count
        theme = colour ? options.theme : options.monochromeTheme
        let capabilities = ColourCapabilities(colours: colour ? Int(asodesk_colors()) : 0,
                                              defaultColours: colour && use_default_colors() == OK)
        for (index, role) in StyleRole.allCases.enumerated() {
            let style = ColourMapping.resolve(theme.style(role), on: capabilities)
            var pair: Int16 = 0
            if colour {
                pair = Int16(index + 1)
                init_pair(pair, style.foreground, style.background)
            }
            styles[role] = (Self.cursesAttributes(style.attributes), pair)
        }
    }

    /// Gives the terminal back as it was. Safe to call twice.
    func close() {
        guard !closed else { return }
        closed = true
        curs_set(1)
        endwin()
        screenIsUp = false
        delscreen(screen)
        Self.restoreStandardError(noting: errorLogPath)
        Self.restoreSignals()
    }

    var size: (width: Int, height: Int) {
        (Int(asodesk_max_x(window)), Int(asodesk_max_y(window)))
    }

    /// Copies the buffer to the terminal: only rows' changed spans, unless `repaint` (or the size
    /// changed), then one refresh.
    func draw(_ buffer: CellBuffer, repaint: Bool) {
        let previous = repaint ? nil : drawn.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0 : nil }
        if previous == nil { clearok(window, true) }
        for y in 0..<buffer.height {
            guard let span = changedSpan(row: y, from: previous, to: buffer) else { continue }
            for x in span { put(buffer[x, y], x: x, y: y) }
        }
        if let cursor = buffer.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wrefresh(window)
        drawn = buffer
    }

    /// The columns of a row from its first to its last changed cell, widened to whole wide
    /// characters so a wide glyph and the cell it covers are always drawn together.
    private func changedSpan(row y: Int, from previous: CellBuffer?, to buffer: CellBuffer) -> ClosedRange<Int>? {
        guard let previous else { return 0...(buffer.width - 1) }
        guard let first = (0..<buffer.width).first(where: { previous[$0, y] != buffer[$0, y] }),
              let last = (0..<buffer.width).last(where: { previous[$0, y] != buffer[$0, y] }) else { return nil }
        let start = first > 0 && (buffer[first, y].text.isEmpty || previous[first, y].text.isEmpty) ? first - 1 : first
        let end = min(buffer.width - 1, last + 1)
        return start...end
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        // The right half of a wide character: the glyph to its left already covers it.
        guard !cell.text.isEmpty else { return }
        let style = styles[cell.role] ?? (0, 0)
        // A base character and up to four combining marks fit in one curses cell (CCHARW_MAX).
        var characters = cell.text.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        var character = cchar_t()
        setcchar(&character, characters, style.attributes, style.pair, nil)
        // The bottom-right cell returns ERR (the cursor cannot move past it) though it is drawn.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &character)
    }

    /// The next key or resize waiting, or nil when there is none.
    func nextInput() -> TerminalInput? {
        while true {
            var value: wint_t = 0
            switch get_wch(&value) {
            case KEY_CODE_YES:
                if let input = KeyDecoder.input(forKeyCode: Int32(bitPattern: value)) { return input }
            case OK:
                if let input = KeyDecoder.input(forCharacter: value) { return input }
            default:
                return nil
            }
        }
    }

    // MARK: Start-up details

    /// Polish letters are dropped unless the C library works in UTF-8: take the person's locale,
    /// and if it is not UTF-8 (LANG unset, or a legacy one) use C.UTF-8 for characters.
    private static func useUTF8Locale() {
        setlocale(LC_ALL, "")
        if !isUTF8() { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    private static func isUTF8() -> Bool {
        guard let codeset = asodesk_codeset() else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Ctrl-S saves a form: turn off XON/XOFF flow control, which would otherwise freeze output on
    /// Home, End and the editing keys as terminals other than the one TERM names send them (tmux
    /// and screen send ESC [1~ / ESC [4~ even under TERM=xterm-256color, xterm in some modes
    /// ESC [H / ESC [F). Unknown to terminfo, they would arrive as Esc plus letters: Esc would
    /// go back and could discard a form.
    private static func defineAlternativeKeySequences() {
        let sequences: [(String, Int32)] = [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
            ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
            ("\u{1B}[3~", KEY_DC), ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[Z", KEY_BTAB),
        ]
        for (sequence, code) in sequences where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
        for (letter, code) in KeyDecoder.altLetters {
            define_key("\u{1B}\(letter)", code)
        }
    }

    /// it, and make that part of the mode curses restores after a suspend.
    private static func allowControlSAndQ() {
        var settings = termios()
        guard tcgetattr(0, &settings) == 0 else { return }
        settings.c_iflag &= ~tcflag_t(IXON)
        tcsetattr(0, TCSANOW, &settings)
        def_prog_mode()
    }

    private static func cursesAttributes(_ attributes: TextAttributes) -> attr_t {
        var result = asodesk_a_normal()
        if attributes.contains(.bold) { result |= asodesk_a_bold() }
        if attributes.contains(.dim) { result |= asodesk_a_dim() }
        if attributes.contains(.underline) { result |= asodesk_a_underline() }
        if attributes.contains(.reverse) { result |= asodesk_a_reverse() }
        return result
    }

    private static func redirectStandardError(to path: String?) {
        // A new file replacing the last run's, never a link planted at the name; else /dev/null.
        let target = path.flatMap { try? ExclusiveFile.replaceNow($0, mode: 0o600) } ?? -1
        let fallback = target >= 0 ? target : open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard fallback >= 0 else { return }
        savedStandardError = dup(2)
        dup2(fallback, 2)
        Glibc.close(fallback)
    }

    private static func restoreStandardError(noting path: String?) {
        guard savedStandardError >= 0 else { return }
        dup2(savedStandardError, 2)
        Glibc.close(savedStandardError)
        savedStandardError = -1
        if let path, let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size > 0 {
            FileHandle.standardError.write(Data("asodesk: messages written while the dashboard was open are in \(path)\n".utf8))
        }
    }

    private static func restoreSignals() {
        for signal in handledSignals { sigaction(signal, previousSignalActions + Int(signal), nil) }
    }
}
