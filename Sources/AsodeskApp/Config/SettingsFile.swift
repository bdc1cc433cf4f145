import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One settings file read from disk: its UTF-8 text and what the system says of the very file
/// that was read (fstat on the opened descriptor, so nobody can swap it between check and read).
struct SettingsFile {
    let text: String
    let owner: uid_t
    let mode: mode_t

    /// Opens `path` without blocking and checks it before reading: a pipe at the name would hang
    /// the program, and a device such as /dev/null would read as an empty file that silently means
    /// "the defaults". With `followingLink` false a symbolic link at the last component is refused
    /// (O_NOFOLLOW), as for the site config, which must be the file its owner keeps.
    init(path: String, what: String, followingLink: Bool = true) throws {
        func problem(_ text: String) -> ConfigError { ConfigError(file: path, line: nil, key: nil, problem: text) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLink ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR:
                throw problem("\(what) not found; check the path (or remove the setting that names it to use the defaults)")
            case EACCES, EPERM:
                throw problem("\(what) cannot be read; check its permissions")
            case ELOOP where !followingLink:
                throw SiteConfigRefusal(path: path, reason: .symbolicLink)
            case let code:
                throw problem("\(what) cannot be opened (\(String(cString: strerror(code)))); check the path")
            }
        }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw problem("\(what) cannot be read (\(String(cString: strerror(errno))))") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            throw problem("\(what) is a folder, not a file; name the TOML file itself (such as config.toml in it)")
        default:
            throw problem("\(what) is not a regular file (a device such as /dev/null, or a pipe); name a TOML file, "
                          + "or remove the setting that names it to use the defaults")
        }
        let data: Data
        do {
            data = try file.readToEnd() ?? Data()
        } catch {
            throw problem("\(what) cannot be read (\(error.localizedDescription)); check the disk and its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw problem("\(what) is not UTF-8 text; save it as UTF-8")
        }
        self.text = text
        owner = info.st_uid
        mode = info.st_mode
    }
}

/// Reads a settings file as UTF-8 text, with an error that says what to check.
func readSettingsFile(path: String, what: String) throws -> String {
    try SettingsFile(path: path, what: what).text
}

/// Why the site config is not obeyed: the people it governs could change it. A structured
/// reason; the command line and the dashboard say it and the fix.
public struct SiteConfigRefusal: Error, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// A symbolic link at the name (whoever may write the folder could point it anywhere).
        case symbolicLink
        /// Owned by `owner`, neither root nor the owner of the log's folder (`folderOwner`, nil
        /// when the folder does not exist yet).
        case wrongOwner(owner: UInt32, folderOwner: UInt32?)
        /// Group or others may write it (`mode`: its permission bits).
        case writableByOthers(mode: UInt32)
    }
    public let path: String
    public let reason: Reason
    public init(path: String, reason: Reason) { self.path = path; self.reason = reason }
}
