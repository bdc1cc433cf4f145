#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// A file as the system knows it, whatever name reaches it (symbolic links resolved, hard links alike).
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64

    public init(device: UInt64, inode: UInt64) { self.device = device; self.inode = inode }

    /// The file `path` names, following links unless told not to; nil when there is none.
    public init?(path: String, followingLinks: Bool = true) {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

/// What to do when the file to write already exists.
public enum ExistingFile: Sendable {
    /// Refuse: a file nobody asked to replace is never overwritten.
    case refuse
    /// Replace it atomically (a new file renamed over it): readers see the old file or the new one.
    case replace
}

/// Why a file was not created. Structured: the command line and the dashboard say it in words.
public enum FileCreationError: Error, Equatable, Sendable {
    /// The name is taken and replacing was not asked for.
    case exists(path: String)
    /// The name is a symbolic link: never followed, never replaced.
    case symbolicLink(path: String)
    /// The name is a folder, a device or a pipe, not a file.
    case notARegularFile(path: String)
    /// A folder was needed and the name is something else.
    case notAFolder(path: String)
    /// The name reaches the log or one of its side files (snapshot, backups, quarantine).
    case protected(path: String)
    /// A private folder (the cache) is a link, someone else's, or open to others.
    case notPrivate(path: String)
    /// The system refused (errno `code`) while `step`.
    case system(path: String, step: Step, code: Int32)

    public enum Step: String, Sendable { case create, write, sync, rename, folder }

    public var path: String {
        switch self {
        case .exists(let path), .symbolicLink(let path), .notARegularFile(let path), .notAFolder(let path), .protected(let path),
             .notPrivate(let path), .system(let path, _, _): path
        }
    }
}

/// The one way asodesk creates files: exclusively (`O_CREAT|O_EXCL|O_NOFOLLOW`, so a name planted
/// beforehand, a symbolic link included, is never opened), its mode set with fchmod (not left to
/// the umask), and replaced only on request, atomically. A member of the desk's group may write
/// the log's folder by design; nothing written there may be redirected by what they put in it.
public enum ExclusiveFile {
    static let createFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC

    /// A new file at `path`, open for writing; fails with `.exists` when the name is taken (even by
    /// a dangling link).
    public static func create(_ path: String, mode: mode_t) throws(FileCreationError) -> Int32 {
        while true {
            let descriptor = open(path, createFlags, mode)
            if descriptor >= 0 {
                _ = fchmod(descriptor, mode)
                return descriptor
            }
            switch errno {
            case EINTR: continue
            case EEXIST: throw .exists(path: path)
            case let code: throw .system(path: path, step: .create, code: code)
            }
        }
    }

    /// A new file at the first free name of `name(1)`, `name(2)`, …: two writers never share one.
    public static func createFirstFree(mode: mode_t, attempts: Int = 1000,
                                       name: (Int) -> String) throws(FileCreationError) -> (path: String, descriptor: Int32) {
        for attempt in 1...max(1, attempts) {
            do throws(FileCreationError) {
                return (name(attempt), try create(name(attempt), mode: mode))
            } catch .exists where attempt < attempts {
                continue
            }
        }
        throw .exists(path: name(attempts))
    }

    /// Writes `bytes` durably into a new file at the first free name of `name(1)`, `name(2)`, …
    /// Returns the path written.
    public static func write(_ bytes: [UInt8], toFirstFreeOf name: (Int) -> String, mode: mode_t) throws(FileCreationError) -> String {
        let created = try createFirstFree(mode: mode, name: name)
        do throws(FileCreationError) {
            try writeAll(created.descriptor, bytes, path: created.path)
            guard fsync(created.descriptor) == 0 else { throw .system(path: created.path, step: .sync, code: errno) }
            close(created.descriptor)
        } catch {
            close(created.descriptor)
            unlink(created.path)
            throw error
        }
        syncFolder(of: created.path)
        return created.path
    }

    /// `<path>.tmp-<pid>-<random>`: a name nobody can plant in advance, with the writer's pid so a
    /// leftover of a writer that died can be recognised and removed.
    static func temporaryName(for path: String) -> String {
        "\(path).tmp-\(getpid())-\(String(UInt64.random(in: 1...UInt64.max), radix: 36))"
    }

    /// A new temporary file beside `path`; a taken name (however unlikely) just means another one.
    static func createTemporary(beside path: String, mode: mode_t) throws(FileCreationError) -> (path: String, descriptor: Int32) {
        for _ in 1...100 {
            let candidate = temporaryName(for: path)
            do throws(FileCreationError) {
                return (candidate, try create(candidate, mode: mode))
            } catch .exists {
                continue
            }
        }
        throw .exists(path: temporaryName(for: path))
    }

    /// Writes `bytes` as the file `path`, durably (file and folder synced). With `.refuse` the file
    /// must be new; with `.replace` an existing regular file is replaced atomically: a temporary
    /// beside it, fsync, rename over. Never a symbolic link at `path`, never one of `protected`
    /// (compared by device and inode, so another name for the log is the log).
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t, existing: ExistingFile,
                             protected: Set<FileIdentity> = []) throws(FileCreationError) {
        try checkWritable(path, existing: existing, protected: protected)
        removeTemporariesOfEndedWriters(of: path)
        let target: (path: String, descriptor: Int32)
        do throws(FileCreationError) {
            target = existing == .refuse ? (path, try create(path, mode: mode)) : try createTemporary(beside: path, mode: mode)
        } catch .exists(let taken) where taken == path {
            // Created by someone else since the check above: re-check to say what it is.
            try checkWritable(path, existing: existing, protected: protected)
            throw .exists(path: path)
        }
        do throws(FileCreationError) {
            try writeAll(target.descriptor, bytes, path: path)
            guard fsync(target.descriptor) == 0 else { throw FileCreationError.system(path: path, step: .sync, code: errno) }
            close(target.descriptor)
            if target.path != path {
                // Checked again just before: the name may have become a link or the log meanwhile.
                try checkWritable(path, existing: .replace, protected: protected)
                guard rename(target.path, path) == 0 else { throw FileCreationError.system(path: path, step: .rename, code: errno) }
            }
        } catch {
            close(target.descriptor)
            unlink(target.path)
            throw error
        }
        syncFolder(of: path)
    }

    /// A new, empty file that has already replaced `path` (for a file written as the program runs,
    /// such as the dashboard's error log). Refuses a symbolic link or a non-file at `path`.
    public static func replaceNow(_ path: String, mode: mode_t) throws(FileCreationError) -> Int32 {
        try checkWritable(path, existing: .replace, protected: [])
        removeTemporariesOfEndedWriters(of: path)
        let temporary = try createTemporary(beside: path, mode: mode)
        guard rename(temporary.path, path) == 0 else {
            let code = errno
            close(temporary.descriptor)
            unlink(temporary.path)
            throw .system(path: path, step: .rename, code: code)
        }
        return temporary.descriptor
    }

    /// Throws unless `path` may be written as asked: missing, or (with `.replace`) a regular file
    /// that is not protected. A protected file is named as such even when replacing was not asked.
    /// `write` checks again; callers check first to refuse before doing any work.
    public static func checkWritable(_ path: String, existing: ExistingFile, protected: Set<FileIdentity>) throws(FileCreationError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw .system(path: path, step: .create, code: errno)
        }
        if let identity = FileIdentity(path: path), protected.contains(identity) { throw .protected(path: path) }
        if (info.st_mode & S_IFMT) == S_IFLNK { throw .symbolicLink(path: path) }
        if (info.st_mode & S_IFMT) != S_IFREG { throw .notARegularFile(path: path) }
        if existing == .refuse { throw .exists(path: path) }
    }

    /// A writer killed halfway leaves its `<path>.tmp-<pid>-…` behind; it is removed (unlinked,
    /// never followed) once that process no longer exists. `<path>.tmp-<pid>` is the older form.
    public static func removeTemporariesOfEndedWriters(of path: String) {
        let folder = Posix.directory(of: path)
        let prefix = (path as NSString).lastPathComponent + ".tmp-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let pid = pid_t(rest.prefix { $0 != "-" }), pid > 0, pid != getpid(),
                  kill(pid, 0) == -1, errno == ESRCH else { continue }
            unlink(folder + "/" + name)
        }
    }

    /// Makes sure `path` is a folder only this user may use: created with mode 0700 (parents too)
    /// when missing; an existing one must be a real folder, not a link, owned by this user and
    /// closed to group and others. A private cache anywhere else could be read or fed by others.
    public static func privateFolder(_ path: String) throws(FileCreationError) {
        var info = stat()
        if lstat(path, &info) != 0 {
            guard errno == ENOENT else { throw .system(path: path, step: .folder, code: errno) }
            let parent = Posix.directory(of: path)
            if parent != path, parent != "/", parent != "." {
                var parentInfo = stat()
                if lstat(parent, &parentInfo) != 0 { try privateFolder(parent) }
            }
            guard mkdir(path, 0o700) == 0 || errno == EEXIST else { throw .system(path: path, step: .folder, code: errno) }
            guard lstat(path, &info) == 0 else { throw .system(path: path, step: .folder, code: errno) }
        }
        guard isPrivateFolder(path) else { throw .notPrivate(path: path) }
    }

    /// Whether `path` already is such a private folder (nothing is created).
    public static func isPrivateFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR && info.st_uid == geteuid()
            && info.st_mode & 0o077 == 0
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(FileCreationError) {
        var done = 0
        while done < bytes.count {
            let count = bytes[done...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(path: path, step: .write, code: errno)
            }
            done += count
        }
    }

    /// A new or renamed name survives a power cut only once its folder is on disk.
    static func syncFolder(of path: String) {
        let descriptor = open(Posix.directory(of: path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
