import AsodeskApp
import AsodeskDomain
import Foundation

/// The language the command line speaks in: the person's own choice in their user file
/// (`[dashboard] language`), else the locale that decides messages (LC_ALL, else LC_MESSAGES,
/// else LANG) — the same order as the dashboard's, so one person reads one language everywhere.
/// A user file that cannot be read leaves the locale (the command that needs it says why).
enum MessageLanguage {
    static let current: Language = of(env: ProcessInfo.processInfo.environment)

    static func of(env: [String: String]) -> Language {
        let chosen = (try? UserConfigLoader.load(env: env) { _ in DeskPaths.siteConfigFile(besideLog: "complaints.log") })?.display.language
        return chosen ?? DashboardCommand.localeLanguage(env: env)
    }

    static var polish: Bool { current == .polish }

    /// `text` in the language of the command line.
    static func say(_ text: LocalizedText) -> String { text.text(current) }
}
