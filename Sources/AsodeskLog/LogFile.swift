#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// The one place a log file is opened, for reading, writing and repair alike. Only a regular file
/// is a log: a FIFO would block every reader, /dev/null would "verify" as empty. A relative path
/// is made absolute once, here, so side files and the folder are found whatever the caller's cwd.
struct LogFile {
    enum Mode: Equatable {
        case read
        /// Read and append; `create` makes a new empty log where none is.
        case write(create: Bool)
    }

    let path: String
    let mode: Mode
    private(set) var descriptor: Int32
    private(set) var identity: FileIdentity
    private(set) var access: LogAccess
    /// Set when the file lives on a network filesystem (then it is opened read-only).
    let networkFilesystem: String?

    init(path: String, mode: Mode) throws {
        let path = Posix.absolute(path)
        self.path = path
        self.mode = mode
        let opened = try Self.openDescriptor(path: path, mode: mode)
        descriptor = opened.descriptor
        access = opened.access
        guard let identity = Posix.identity(ofDescriptor: opened.descriptor) else {
            let code = errno
            Glibc.close(opened.descriptor)
            throw LogError.io(SystemFailure(.inspect, path: path, code: code))
        }
        self.identity = identity
        networkFilesystem = Posix.networkFilesystem(ofDescriptor: opened.descriptor)
        if let networkFilesystem { access = .readOnly(.networkFilesystem(networkFilesystem)) }
        do {
            try Self.rejectIfNotALog(descriptor: opened.descriptor, path: path)
        } catch {
            Glibc.close(opened.descriptor)
            throw error
        }
        if access == .readWrite { Self.ignoreFileSizeSignal }
    }

    func close() { Glibc.close(descriptor) }

    /// Whether the path now names another file than the one open (a repair renamed a new one in).
    var isReplaced: Bool {
        guard let current = Posix.identity(ofPath: path) else { return false }
        return current != identity
    }

    /// Opens the file the path names now, in the same mode.
    mutating func reopen() throws {
        let reopenMode: Mode = mode == .read ? .read : .write(create: false)
        let opened = try Self.openDescriptor(path: path, mode: reopenMode)
        Glibc.close(descriptor)
        descriptor = opened.descriptor
        if networkFilesystem == nil { access = opened.access }
        identity = Posix.identity(ofDescriptor: descriptor) ?? identity
    }

    /// Takes the exclusive lock on the file the path names now, following a repair's rename.
    /// Returns true when it had to reopen (the caller rereads the new file).
    mutating func lockExclusive() throws -> Bool {
        var reopened = false
        while true {
            try Posix.lock(descriptor, LOCK_EX)
            guard isReplaced else { return reopened }
            Posix.unlock(descriptor)
            try reopen()
            reopened = true
        }
    }

    func size() throws -> UInt64 { try Posix.size(ofDescriptor: descriptor) }

    // A write past `ulimit -f` would kill the process by SIGXFSZ mid-frame, saying nothing; ignored,
    // the write fails with EFBIG and the frame is cut back like any other failed write.
    private static let ignoreFileSizeSignal: Void = { _ = signal(SIGXFSZ, SIG_IGN) }()

    private static func openDescriptor(path: String, mode: Mode) throws -> (descriptor: Int32, access: LogAccess) {
        if mode == .read { return (try openExisting(path, flags: O_RDONLY), .readOnly(.requested)) }
        while true {
            let descriptor = Glibc.open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
            if descriptor >= 0 {
                try requireRegularFile(descriptor, path: path)
                return (descriptor, .readWrite)
            }
            let code = errno
            switch code {
            case ENOENT:
                guard case .write(create: true) = mode else {
                    if let kind = specialKind(path) { throw LogError.notALog(path: path, reason: .notARegularFile(kind)) }
                    throw LogError.notFound(path: path)
                }
                let created = Glibc.open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_CREAT | O_EXCL | O_NOFOLLOW, 0o660)
                if created < 0 {
                    if errno == EEXIST {
                        // Another process created it first, or a link to nowhere stands there: a
                        // dangling link is refused, never followed (nor looped on).
                        var info = stat()
                        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                            throw LogError.notALog(path: path, reason: .notARegularFile(.danglingLink))
                        }
                        continue
                    }
                    throw LogError.io(SystemFailure(.create, path: path, code: errno))
                }
                // The mode must not depend on the umask: owner and group read/write only.
                _ = fchmod(created, 0o660)
                if fsync(created) != 0 {
                    let failure = SystemFailure(.syncFolder, path: path, code: errno)
                    Glibc.close(created)
                    throw LogError.syncFailed(failure)
                }
                try Posix.syncDirectory(of: path)
                return (created, .readWrite)
            case EACCES, EPERM:
                return (try openExisting(path, flags: O_RDONLY), .readOnly(.permissionDenied))
            case EROFS:
                return (try openExisting(path, flags: O_RDONLY), .readOnly(.readOnlyFilesystem))
            case EISDIR:
                throw LogError.notALog(path: path, reason: .notARegularFile(.folder))
            default:
                if let kind = specialKind(path) { throw LogError.notALog(path: path, reason: .notARegularFile(kind)) }
                throw LogError.io(SystemFailure(.open, path: path, code: code))
            }
        }
    }

    /// What stands at `path` when opening it failed because it is no file at all: a socket
    /// (ENXIO), a link to nowhere (ENOENT).
    private static func specialKind(_ path: String) -> FileKind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFLNK: return stat(path, &info) == 0 ? nil : .danglingLink
        case S_IFSOCK: return .socket
        default: return nil
        }
    }

    private static func openExisting(_ path: String, flags: Int32) throws -> Int32 {
        // O_NONBLOCK: opening a FIFO must not wait for a writer before the type check refuses it.
        let descriptor = Glibc.open(path, flags | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard descriptor >= 0 else {
            let code = errno
            if let kind = specialKind(path) { throw LogError.notALog(path: path, reason: .notARegularFile(kind)) }
            if code == ENOENT { throw LogError.notFound(path: path) }
            if code == EISDIR { throw LogError.notALog(path: path, reason: .notARegularFile(.folder)) }
            throw LogError.io(SystemFailure(.open, path: path, code: code))
        }
        try requireRegularFile(descriptor, path: path)
        return descriptor
    }

    private static func requireRegularFile(_ descriptor: Int32, path: String) throws {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw LogError.io(SystemFailure(.inspect, path: path, code: code))
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            Glibc.close(descriptor)
            let kind: FileKind
            switch type {
            case S_IFDIR: kind = .folder
            case S_IFIFO: kind = .fifo
            case S_IFCHR: kind = .characterDevice
            case S_IFBLK: kind = .blockDevice
            case S_IFSOCK: kind = .socket
            default: kind = .other
            }
            throw LogError.notALog(path: path, reason: .notARegularFile(kind))
        }
        // Reads and writes of a regular file block as usual; only the open had to not wait.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    }

    /// A non-empty file that neither starts with the record marker nor holds any valid record
    /// is some other file: refuse it rather than report it as one big damage.
    static func rejectIfNotALog(descriptor: Int32, path: String) throws {
        let size = try Posix.size(ofDescriptor: descriptor)
        guard size > 0 else { return }
        let start = try Posix.readRange(descriptor, from: 0, to: min(size, 4))
        if start.elementsEqual(LogFormat.magic.prefix(start.count)) { return }
        // Read in chunks up to the first valid record: a large file of another kind costs no memory.
        struct FoundARecord: Error {}
        do {
            _ = try LogScanner.scanFile(descriptor, from: 0, to: size, chain: ChainState(),
                                        visit: { _, _, _ in throw FoundARecord() })
        } catch is FoundARecord {
            return
        }
        throw LogError.notALog(path: path, reason: .foreignContent)
    }
}
