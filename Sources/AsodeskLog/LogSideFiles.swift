#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// A file beside the log that holds copies of its records: customer data to account for.
public struct LogSideFile: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The log as it was before a repair (never deleted by asodesk).
        case backup
        /// Bytes a repair or a save set aside.
        case quarantine
        /// The unfinished copy of a repair that was killed (removed by the next save or repair).
        case repairCopy
        /// The start-up cache.
        case snapshot
        /// A snapshot being written, or left by a process that died while writing it.
        case snapshotTemporary
    }
    public var kind: Kind
    public var path: String
    public var size: UInt64
    public var modified: Date
}

/// The names of the files beside the log, in one place: who creates them, who lists them, who
/// cleans up what a killed process left.
public enum LogSideFiles {
    static func quarantineBase(of log: String, after sequence: UInt64, at date: Date) -> String {
        "\(log).quarantine-\(sequence)-\(Posix.timestamp(date))"
    }

    static func backupBase(of log: String, at date: Date) -> String { "\(log).backup-\(Posix.timestamp(date))" }

    static func repairCopyBase(of log: String, at date: Date) -> String { "\(log).repair-\(Posix.timestamp(date)).tmp" }

    /// The one rule for the names of the log's own files beside it, after `<log name>.`: backups
    /// (`bak-` is what `demo --replace` keeps), quarantine, repair copies, the snapshot and its
    /// temporaries. Nothing else may be created under such a name: the log lists, sets aside and
    /// removes files by it.
    public static func kind(ofName name: String, logName: String) -> LogSideFile.Kind? {
        guard name.hasPrefix(logName + ".") else { return nil }
        let rest = name.dropFirst(logName.count + 1)
        if rest.hasPrefix("backup-") || rest.hasPrefix("bak-") { return .backup }
        if rest.hasPrefix("quarantine-") { return .quarantine }
        if rest.hasPrefix("repair-") { return .repairCopy }
        if rest == "snapshot" { return .snapshot }
        if rest.hasPrefix("snapshot") { return .snapshotTemporary }
        return nil
    }

    /// Every regular file beside the log that holds copies of its records (links are not followed
    /// and not listed), sorted by name.
    static func list(besides log: String) -> [LogSideFile] {
        let folder = Posix.directory(of: log)
        let logName = (log as NSString).lastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var found: [LogSideFile] = []
        for name in names.sorted() {
            guard let kind = kind(ofName: name, logName: logName) else { continue }
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            found.append(LogSideFile(kind: kind, path: path, size: UInt64(info.st_size),
                                     modified: Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))))
        }
        return found
    }

    /// Removes what killed processes left: a repair's copies, a backup it linked to the log it then
    /// did not replace (another name of the log itself: removing it loses nothing), a snapshot
    /// temporary of a process that has ended. Call only under the log's exclusive lock: a repair
    /// holds it from before it creates anything until it renames its copy over the log.
    static func removeStaleRepairCopies(of log: String) -> [String] {
        let logFile = FileIdentity(path: log)
        let stale = list(besides: log).filter { file in
            switch file.kind {
            case .repairCopy: return true
            case .backup: return logFile != nil && FileIdentity(path: file.path, followingLinks: false) == logFile
            case .quarantine, .snapshot, .snapshotTemporary: return false
            }
        }
        ExclusiveFile.removeTemporariesOfEndedWriters(of: log + ".snapshot")
        return stale.filter { unlink($0.path) == 0 }.map(\.path)
    }
}
