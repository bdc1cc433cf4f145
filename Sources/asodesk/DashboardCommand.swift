import ArgumentParser
import AsodeskApp
import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskTerminal
import Foundation

/// `asodesk` alone: the full-screen dashboard over the shared log.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the full-screen dashboard over the log (what `asodesk` alone does).",
        discussion: """
            Keys: ? or F1 help, q or F10 quit, 1–4 (F2–F5) queue, new complaint, shift board, procedures,
            Esc back, Ctrl-L redraw. Changes made in other terminals appear within a second.
            Language: --lang, else `language` in your user file's [dashboard] section ($XDG_CONFIG_HOME/asodesk/config.toml), else the locale.
            Colour: --theme NAME or PATH, else the user file; NO_COLOR or a terminal without colour gives monochrome.
            Who you are comes from your account; where it is shared, --as says which operator and the PIN is asked before the screen starts.
            """)

    @OptionGroup var location: LocationOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("Which operator you are when your account is shared by several (a PIN is then asked); root may act as any operator (anowak with --demo).", valueName: "id"))
    var operatorID: String?

    @Option(help: "Work in a lower role than your own (trainee, advisor, lead); never a higher one.")
    var role: Role?

    @Option(help: ArgumentHelp("Interface language: pl or en.", valueName: "pl|en"))
    var lang: Language?

    @Option(help: ArgumentHelp("Colour theme: a name (default, light, high-contrast, monochrome, or one in the user theme folder) or a file.", valueName: "name|path"))
    var theme: String?

    @Flag(help: "Write a fresh demo log ($XDG_DATA_HOME/asodesk/demo/demo.log unless --log is given) and open it as the shift lead anowak; a demo already open in another terminal is joined instead.")
    var demo = false

    func run() throws {
        // ncurses is not thread-safe: the dashboard lives on the main actor, and this is the main thread.
        try MainActor.assumeIsolated { try openAndRun() }
    }

    @MainActor
    private func openAndRun() throws {
        let env = location.environment
        var opened: (dashboard: Dashboard, clock: SiteClock, options: TerminalOptions)?
        try runReporting {
            // Where the log is decides which site config governs it (site.toml beside it).
            let path = demo ? try demoLogPath(location, honouringEnvironment: false) : try location.logPath()
            let loaded: LoadedConfig
            do {
                loaded = try location.loadConfigFile(forLog: path)
            } catch let refusal as SiteConfigRefusal {
                let language = lang ?? (try? location.userPreferences())?.display.language ?? Self.localeLanguage(env: env)
                throw CLIError.message(IdentityText.words(for: refusal).text(language))
            }
            var config = loaded.config
            // ASODESK_NOW, when set, is where the dashboard's clock starts; it then runs on.
            let start = try location.pinnedNow(TimeText(timeZone: TimeZone(identifier: config.calendar.timeZoneID) ?? .current))
            // A demo already open in another terminal is joined, never replaced under it.
            let joinsOpenDemo = demo && LogPresence.isOpenElsewhere(path: path)
            if demo && !joinsOpenDemo {
                // The demo's own operators with their keys (site.toml and keys/ beside the log).
                config = try writeFreshDemoLog(at: path, config: config, now: start)
            } else if !demo {
                guard FileManager.default.fileExists(atPath: path) else {
                    say(Self.howToStart(logPath: path))
                    throw ExitCode(1)
                }
            }
            // A damaged or read-only log still opens: the status line says so and what to do.
            let desk = try Desk(log: try EventLog(path: path, create: false), config: config,
                                procedures: try ProcedureLibrary.bundled(), snapshots: SnapshotStore(logPath: path))
            let clock = SiteClock(startingAt: start)
            let language = lang ?? loaded.display.language ?? Self.localeLanguage(env: env)
            // Asked before the screen starts: a PIN prompt needs the plain terminal.
            let actor: Actor
            do {
                actor = try systemActor(on: desk, requestedID: operatorID ?? (demo ? "anowak" : nil), requestedRole: role,
                                        promptLanguage: language)
            } catch let refusal as Identity.Refusal {
                throw CLIError.message(IdentityText.words(for: refusal).text(language))
            }
            let settings = DashboardSettings(language: language,
                                             handoverDirectory: DeskPaths.dataDirectory(env: env) + "/handovers")
            let options = TerminalOptions(
                theme: try ThemeLibrary.load(theme ?? loaded.display.theme ?? "default", env: env),
                monochromeTheme: try ThemeLibrary.load("monochrome", env: env),
                colourAllowed: TerminalOptions.colourAllowed(env: env),
                errorLogPath: Self.errorLogPath(env: env))
            // A pinned clock on a desk's log opens it read-only, and the status line says why.
            let dashboard = Dashboard(desk: desk, actor: actor, settings: settings, now: clock.now, clockPinned: start != nil)
            desk.log.announcePresence()
            if joinsOpenDemo && dashboard.message == nil {
                dashboard.message = StatusMessage(language == .polish
                    ? "Demo jest już otwarte w innym terminalu: ten dołącza do niego, nic nie zastąpiono."
                    : "The demo is already open in another terminal: this one joins it, nothing was replaced.", role: .ok)
            }
            opened = (dashboard, clock, options)
        }
        guard let opened else { return }
        // Quitting leaves a snapshot of where the log stands, so the next start reads only what
        // comes after it (only a cache: a failure to write it costs that start, nothing else).
        defer { opened.dashboard.desk.saveSnapshotIfMovedOn() }
        do {
            try TerminalDashboard.run(opened.dashboard, clock: opened.clock, options: opened.options)
        } catch let error as TerminalError {
            FileHandle.standardError.write(Data("asodesk: \(printable("\(error)"))\n".utf8))
            throw ExitCode(64)
        }
    }

    /// Replaces the file with a new demo history, but only if it is missing, empty or holds demo
    /// data alone: the demo never replaces real work.
    private func writeFreshDemoLog(at path: String, config: SiteConfig, now: Date?) throws -> SiteConfig {
        if FileManager.default.fileExists(atPath: path) {
            try requireOnlyDemoData(at: path, config: SiteConfig.standard)
            try FileManager.default.removeItem(atPath: path)
        }
        try requireCreatable(path)
        return try writeSignedDemo(at: path, base: config, now: now ?? Date(), seed: 2026).config
    }

    /// What to do when there is no log yet: said on the terminal, without starting the dashboard.
    static func howToStart(logPath: String) -> String {
        """
        There is no complaint log at \(logPath) yet.
        To start the desk's log and record the first complaint:
            asodesk init
            asodesk add --channel phone --category repair --customer "Jan Kowalski" --phone "601 234 567" ...
        (`asodesk add --help` lists every field). To try the dashboard on realistic demo data first:
            asodesk --demo
        """
    }

    /// Polish when the locale that decides messages (LC_ALL, else LC_MESSAGES, else LANG) is Polish.
    static func localeLanguage(env: [String: String]) -> Language {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { env[$0] }.first { !$0.isEmpty } ?? ""
        return locale.lowercased().hasPrefix("pl") ? .polish : .english
    }

    /// Stray stderr output while the screen is up goes here (nil: /dev/null when the folder cannot be made).
    static func errorLogPath(env: [String: String]) -> String? {
        let folder = DeskPaths.dataDirectory(env: env)
        guard (try? DeskPaths.createFolder(folder)) != nil else { return nil }
        return folder + "/dashboard-errors.log"
    }
}
