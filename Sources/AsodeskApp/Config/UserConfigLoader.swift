import AsodeskDomain
import Foundation

/// Reads a person's own file, `$XDG_CONFIG_HOME/asodesk/config.toml`: preferences only, the
/// dashboard's language and theme and the log they open by default. Nothing there may change how
/// the desk decides (operators, roles, targets, calendar): those are the site's, in the site config
/// the shift lead keeps, and a setting of theirs here is refused at its line.
public enum UserConfigLoader {
    /// Where the file is, as the messages name it.
    public static let placeDescription = "$XDG_CONFIG_HOME/asodesk/config.toml, by default ~/.config/asodesk/config.toml"

    /// The file at the XDG place; a missing one means no preferences. `siteConfigPath` says where
    /// the site config is for the log this file names (nil: it names none), for the message that
    /// sends a site setting there.
    public static func load(env: [String: String], siteConfigPath: (String?) -> String) throws -> UserPreferences {
        let path = DeskPaths.userConfigFile(env: env)
        guard FileManager.default.fileExists(atPath: path) else { return UserPreferences() }
        return try parse(readSettingsFile(path: path, what: "user config file"), file: path, env: env, siteConfigPath: siteConfigPath)
    }

    /// Parses the text of a user file; `file` names it in messages and anchors a relative `log`.
    public static func parse(_ text: String, file: String, env: [String: String],
                             siteConfigPath: (String?) -> String) throws -> UserPreferences {
        let document = try SettingsDocument(text: text, file: file)
        let root = document.rootTable
        var preferences = UserPreferences()
        if let log = try root.string("log", expected: "the path of the log to open by default, such as \"/srv/asodesk/complaints.log\"") {
            let expanded = DeskPaths.expandingHome(log, env: env)
            let folder = (file as NSString).deletingLastPathComponent
            preferences.log = expanded.hasPrefix("/") || folder.isEmpty ? expanded : folder + "/" + expanded
        }
        let siteSettings = root.table.keys.filter(SiteConfigLoader.sections.contains)
        if let first = siteSettings.min(by: { (document.locator.line(of: $0) ?? .max) < (document.locator.line(of: $1) ?? .max) }) {
            let what = first == "operator" ? "[[operator]]" : "[\(first)]"
            throw root.error(first, "\(what) belongs in the site config, site.toml beside the log (\(siteConfigPath(preferences.log))), "
                             + "which the shift lead keeps; this file holds only your own preferences ([dashboard] language and theme, log); "
                             + "remove \(what) from it")
        }
        try root.rejectUnknownKeys(known: ["log", "dashboard"], meaning: "setting")
        if let dashboard = try root.subtable("dashboard") {
            try dashboard.rejectUnknownKeys(known: ["language", "theme"])
            preferences.display = DisplayPreferences(
                language: try dashboard.choice("language", of: Language.self),
                theme: try dashboard.string("theme", expected: "a theme name such as \"light\" or a path to a .toml theme file")
            )
        }
        return preferences
    }
}

/// What a person's own file says; nil where it says nothing.
public struct UserPreferences: Sendable, Equatable {
    /// The log to open by default (after --log and ASODESK_LOG), absolute.
    public var log: String?
    public var display: DisplayPreferences
    public init(log: String? = nil, display: DisplayPreferences = DisplayPreferences()) {
        self.log = log; self.display = display
    }
}

/// How the dashboard looks, as the user file asks: its language and colour theme. Nil means the
/// file does not say. The theme is only named here; whether it exists is checked when the
/// dashboard loads it (the user theme folder may change meanwhile).
public struct DisplayPreferences: Sendable, Equatable {
    public var language: Language?
    /// A theme name (looked up by `ThemeLibrary`) or a path to a theme file.
    public var theme: String?
    public init(language: Language? = nil, theme: String? = nil) {
        self.language = language; self.theme = theme
    }
}

/// The configuration the desk runs with and where it came from, so the CLI can say
/// "using the defaults (no site.toml beside the log)".
public struct LoadedConfig: Sendable, Equatable {
    public let config: SiteConfig
    /// The site config's path.
    public let path: String
    /// False when no site.toml was found beside the log and the defaults are in use.
    public let fileExisted: Bool
    /// The user file's `[dashboard]` section; empty when it does not say (the command line and
    /// the locale decide then).
    public let display: DisplayPreferences

    public init(config: SiteConfig, path: String, fileExisted: Bool, display: DisplayPreferences = DisplayPreferences()) {
        self.config = config; self.path = path; self.fileExisted = fileExisted; self.display = display
    }

    /// The site config for the log at `logPath`: the file named on the command line, else the one
    /// ASODESK_CONFIG names, else site.toml beside the log. Only a missing site.toml beside the log
    /// means the defaults; a file someone named must exist. Obeyed only when the governed cannot
    /// change it (`SiteConfigLoader.loadGoverned`).
    public static func forDesk(logPath: String, commandLinePath: String?, display: DisplayPreferences,
                               env: [String: String]) throws -> LoadedConfig {
        let folder = (logPath as NSString).deletingLastPathComponent
        if let named = commandLinePath ?? DeskPaths.explicitConfigFile(env: env) {
            let path = DeskPaths.expandingHome(named, env: env)
            return LoadedConfig(config: try SiteConfigLoader.loadGoverned(path: path, logFolder: folder),
                                path: path, fileExisted: true, display: display)
        }
        let path = DeskPaths.siteConfigFile(besideLog: logPath)
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return LoadedConfig(config: .standard, path: path, fileExisted: false, display: display)
        }
        return LoadedConfig(config: try SiteConfigLoader.loadGoverned(path: path, logFolder: folder),
                            path: path, fileExisted: true, display: display)
    }
}
