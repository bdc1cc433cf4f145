import AsodeskLog
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where asodesk keeps its files, following the XDG base directory convention: a person's own
/// preferences in `$XDG_CONFIG_HOME/asodesk/config.toml` (default `~/.config/asodesk`), the
/// complaint log in `$XDG_DATA_HOME/asodesk` (default `~/.local/share/asodesk`), and the site config
/// (`site.toml`) beside the log. ASODESK_CONFIG and ASODESK_LOG name files directly; the CLI's
/// --config and --log options take precedence over both. The environment is a parameter so the
/// rules can be tested without touching the real one.
public enum DeskPaths {
    public static let userConfigFileName = "config.toml"
    public static let siteConfigFileName = "site.toml"
    public static let logFileName = "complaints.log"

    /// `$XDG_CONFIG_HOME/asodesk` or `~/.config/asodesk`.
    public static func configDirectory(env: [String: String]) -> String {
        baseDirectory(env: env, variable: "XDG_CONFIG_HOME", fallback: ".config") + "/asodesk"
    }

    /// A person's own preferences: `config.toml` in the configuration directory.
    public static func userConfigFile(env: [String: String]) -> String {
        configDirectory(env: env) + "/" + userConfigFileName
    }

    /// The site config of the log at `logPath` when nothing names another: `site.toml` beside it.
    public static func siteConfigFile(besideLog logPath: String) -> String {
        let folder = (logPath as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "" : folder + "/") + siteConfigFileName
    }

    /// The site config named by the environment (ASODESK_CONFIG), if any. A file named
    /// explicitly must exist; only the one beside the log may be missing.
    public static func explicitConfigFile(env: [String: String]) -> String? {
        nonEmpty(env["ASODESK_CONFIG"])
    }

    /// Creates `path` and any missing parents for the desk's files (log, demo, handovers): open to
    /// the owner and group, never to others, whatever the umask (a folder others may write to lets
    /// them swap the log for another file). Folders that already exist are left as they are.
    public static func createFolder(_ path: String) throws(FileCreationError) {
        // The folder of a bare file name is the current one, which exists.
        if path.isEmpty { return }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return }
            throw .notAFolder(path: path)
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try createFolder(parent) }
        // mkdir's mode is narrowed by the umask, never widened: 0770 at most, 0750 under umask 022.
        guard mkdir(path, 0o770) == 0 || errno == EEXIST else { throw .system(path: path, step: .folder, code: errno) }
    }

    /// The log at `logPath` and every file kept beside it (snapshot, backups, quarantine and
    /// repair files: any `<log name>.…` in its folder) plus its snapshot in the cache, as the
    /// system identifies them: no command may write over one of these, by whatever name.
    public static func filesOfLog(_ logPath: String, env: [String: String]) -> Set<FileIdentity> {
        let folder = (logPath as NSString).deletingLastPathComponent
        let prefix = (logPath as NSString).lastPathComponent + "."
        let sideFiles = ((try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? [])
            .filter { $0.hasPrefix(prefix) }.map { (folder.isEmpty ? "" : folder + "/") + $0 }
        // The log may be reached through a link; a link beside it named like a side file is not
        // one of its files (anyone in the group could plant one to make another file "the log's").
        let own = [logPath, SnapshotStore(logPath: logPath, environment: env).inCache].compactMap { FileIdentity(path: $0) }
        return Set(own + sideFiles.compactMap { FileIdentity(path: $0, followingLinks: false) })
    }

    /// The kind of the log's own file that `path` names, by its name alone: `<log name>.snapshot…`,
    /// `.backup-…`, `.bak-…`, `.quarantine-…` or `.repair-…` in the log's folder (by whatever path
    /// that folder is reached, and for the log's name and, behind a link, its real one), or the log's
    /// snapshot in the cache. Whether the file exists does not matter: the log lists, sets aside and
    /// deletes files by these names, so nothing else may be created under one. Nil for any other name.
    public static func sideFileKind(ofName path: String, besideLog logPath: String, env: [String: String]) -> LogSideFile.Kind? {
        let name = (path as NSString).lastPathComponent
        let folder = FileIdentity(path: Self.folder(of: path))
        if let cache = FileIdentity(path: Self.folder(of: SnapshotStore(logPath: logPath, environment: env).inCache)),
           folder == cache, name == (SnapshotStore(logPath: logPath, environment: env).inCache as NSString).lastPathComponent {
            return .snapshot
        }
        let real = (try? FileManager.default.destinationOfSymbolicLink(atPath: logPath)).map {
            $0.hasPrefix("/") ? $0 : Self.folder(of: logPath) + "/" + $0
        }
        for log in [logPath] + (real.map { [$0] } ?? []) {
            let besideIt = folder != nil ? folder == FileIdentity(path: Self.folder(of: log))
                                         : Self.folder(of: path) == Self.folder(of: log)
            guard besideIt, let kind = LogSideFiles.kind(ofName: name, logName: (log as NSString).lastPathComponent) else { continue }
            return kind
        }
        return nil
    }

    /// The log beside `path` whose own file `path` would be by its name (`desk.log.backup-x` beside
    /// an existing `desk.log`), and the kind; nil when there is none. For a new log: created under
    /// such a name, the other log would list it, set it aside or delete it as its own.
    public static func logOwningName(_ path: String, env: [String: String]) -> (log: String, kind: LogSideFile.Kind)? {
        let name = (path as NSString).lastPathComponent
        var index = name.startIndex
        while let dot = name[index...].firstIndex(of: ".") {
            let log = folder(of: path) + "/" + name[..<dot]
            var info = stat()
            if dot > name.startIndex, stat(log, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
               let kind = sideFileKind(ofName: path, besideLog: log, env: env) {
                return (log, kind)
            }
            index = name.index(after: dot)
        }
        return nil
    }

    private static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// `$XDG_DATA_HOME/asodesk` or `~/.local/share/asodesk`.
    public static func dataDirectory(env: [String: String]) -> String {
        baseDirectory(env: env, variable: "XDG_DATA_HOME", fallback: ".local/share") + "/asodesk"
    }

    /// ASODESK_LOG when set, else the user file's `log` (`userLog`), else `complaints.log` in the
    /// data directory.
    public static func defaultLog(env: [String: String], userLog: String? = nil) -> String {
        if let named = nonEmpty(env["ASODESK_LOG"]) { return expandingHome(named, env: env) }
        if let userLog = nonEmpty(userLog) { return userLog }
        return dataDirectory(env: env) + "/" + logFileName
    }

    /// `themes/` in the configuration directory: a person's own colour themes.
    public static func userThemesDirectory(env: [String: String]) -> String {
        configDirectory(env: env) + "/themes"
    }

    /// `procedures/` in the configuration directory: a site's own procedure files.
    public static func userProceduresDirectory(env: [String: String]) -> String {
        configDirectory(env: env) + "/procedures"
    }

    /// Expands a leading `~/` (a path pasted from documentation into an environment variable
    /// is not expanded by the shell).
    public static func expandingHome(_ path: String, env: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return home(env: env) + path.dropFirst()
    }

    static func home(env: [String: String]) -> String {
        if let home = nonEmpty(env["HOME"]) { return home.count > 1 && home.hasSuffix("/") ? String(home.dropLast()) : home }
        return FileManager.default.homeDirectoryForCurrentUser.path
    }

    /// XDG: a variable that is unset, empty or not an absolute path is ignored.
    private static func baseDirectory(env: [String: String], variable: String, fallback: String) -> String {
        if let value = nonEmpty(env[variable]), value.hasPrefix("/") {
            return value.count > 1 && value.hasSuffix("/") ? String(value.dropLast()) : value
        }
        return home(env: env) + "/" + fallback
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
