#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// The append-only event log: one file shared by several processes at once.
/// An instance is used from one thread; other processes are coordinated with `flock`.
public final class EventLog {
    public let path: String
    public private(set) var access: LogAccess
    /// Set when the file lives on a network filesystem (then it is opened read-only).
    public let networkFilesystem: String?

    private let requestedReadOnly: Bool
    private var descriptor: Int32
    private var identity: Posix.Identity
    private var chain = ChainState()
    /// Offset up to which every byte is a frame or known damage; the rest is an unfinished tail.
    private var resolvedEnd: UInt64 = 0
    /// The file size the last scan saw; under the lock it is still the size (only writers that
    /// hold the lock change it), so append does not ask again.
    private var lastSeenSize: UInt64 = 0
    private var damageReports: [DamageReport] = []
    /// Records read while refusing to write (or after a reopen) that readNew has yet to hand out.
    private var undelivered: [LogRecord] = []
    private var inotifyDescriptor: Int32?
    private var fileWatch: Int32 = -1
    /// Bytes read per step of a scan (tests make it small to put frames across chunk edges).
    var readChunkSize = LogScanner.chunkSize

    public var health: LogHealth { damageReports.isEmpty ? .healthy : .damaged(damageReports) }
    public var lastSequence: UInt64 { chain.lastSequence }
    public var headHash: [UInt8] { chain.headHash.bytes }
    /// inotify descriptor for a poll() loop; nil when inotify is unavailable (poll every second then).
    public var changeFileDescriptor: Int32? { inotifyDescriptor }
    /// Bytes after the last valid record that no valid record follows (an unfinished or torn save).
    public var pendingTailBytes: UInt64 {
        let size = (try? Posix.size(ofDescriptor: descriptor)) ?? resolvedEnd
        return size > resolvedEnd ? size - resolvedEnd : 0
    }

    public init(path: String, create: Bool, readOnly: Bool = false) throws {
        self.path = path
        self.requestedReadOnly = readOnly
        let opened = try Self.open(path: path, create: create, readOnly: readOnly)
        descriptor = opened.descriptor
        access = opened.access
        guard let identity = Posix.identity(ofDescriptor: opened.descriptor) else {
            close(opened.descriptor)
            throw LogError.io(message: "cannot inspect \(path) (\(Posix.describe(errno)))")
        }
        self.identity = identity
        networkFilesystem = Posix.networkFilesystem(ofDescriptor: opened.descriptor)
        if let networkFilesystem {
            // O_APPEND and flock are not safe across computers, and inotify misses remote writes.
            access = .readOnly(reason: "the log is on a network filesystem (\(networkFilesystem)), where saving from several computers can mix up records; move it to a local disk of the server")
        }
        do {
            try Self.rejectIfNotALog(descriptor: opened.descriptor, path: path)
        } catch {
            close(opened.descriptor)
            throw error
        }
        if networkFilesystem == nil { setUpChangeNotification() }
    }

    deinit {
        close(descriptor)
        if let inotifyDescriptor { close(inotifyDescriptor) }
    }

    // MARK: Reading

    /// Every valid record not returned yet (the whole file on the first call). An unfinished
    /// frame at the end is "not written yet", not damage. Reopens the file if repair replaced it.
    /// Holds every record in memory: a full replay should use `readNew(_:)`.
    public func readNew() throws -> [LogRecord] {
        var records: [LogRecord] = []
        try readNew { records.append($0.record) }
        return records
    }

    /// Hands every valid record not returned yet to `visit`, in order, reading the file a few MB
    /// at a time: memory does not grow with the file, and nothing is allocated per record (the
    /// view's payload lies in the read buffer, valid during the call only). Same checks as
    /// `readNew()`; damage found on the way is in `health` afterwards. If reading fails midway,
    /// the records handed out so far count as read.
    public func readNew(_ visit: (LogRecordView) -> Void) throws {
        try reopenIfReplaced()
        let held = undelivered
        undelivered = []
        for record in held { record.withView(visit) }
        try scanForward(visit)
    }

    private func scanForward(_ visit: (LogRecordView) -> Void) throws {
        let size = try Posix.size(ofDescriptor: descriptor)
        lastSeenSize = size
        if size < resolvedEnd {
            for record in try rescanFromStart() { record.withView(visit) }
            return
        }
        if size == resolvedEnd { return }
        // The chain is a local copy while records are handed out, committed after each chunk:
        // `visit` may look at this log (its position, a frame by offset) meanwhile.
        _ = try LogScanner.scanFile(descriptor, from: resolvedEnd, to: size, chain: chain, chunkSize: readChunkSize,
                                    visit: { frame, payload, gap in
                                        if let gap { damageReports.append(DiscontinuityReport.make(gap, frame: frame).0) }
                                        visit(LogRecordView(frame, payload: payload))
                                    },
                                    committed: { state, resolved in
                                        chain = state
                                        resolvedEnd = resolved
                                    })
    }

    private func scanForward() throws -> [LogRecord] {
        var records: [LogRecord] = []
        try scanForward { records.append($0.record) }
        return records
    }

    /// After a replacement or an unexpected shrink: rebuild state from the whole file and
    /// return only what lies after the record this instance had reached.
    private func rescanFromStart() throws -> [LogRecord] {
        let previousHead = chain.headHash
        let previousSequence = chain.lastSequence
        let hadRecords = chain.lastFrameOffset != nil
        chain = ChainState()
        resolvedEnd = 0
        damageReports = []
        let all = try scanForward()
        guard hadRecords else { return all }
        if let reached = all.lastIndex(where: { $0.digest == previousHead }) {
            return Array(all[(reached + 1)...])
        }
        return all.filter { $0.sequence > previousSequence }
    }

    private func reopenIfReplaced() throws {
        guard let current = Posix.identity(ofPath: path), current != identity else { return }
        try reopen()
        undelivered += try rescanFromStart()
    }

    private func reopen() throws {
        let opened = try Self.open(path: path, create: false, readOnly: requestedReadOnly || networkFilesystem != nil)
        close(descriptor)
        descriptor = opened.descriptor
        if networkFilesystem == nil { access = opened.access }
        identity = Posix.identity(ofDescriptor: descriptor) ?? identity
        if let inotifyDescriptor {
            inotify_rm_watch(inotifyDescriptor, fileWatch)
            fileWatch = inotify_add_watch(inotifyDescriptor, path, Self.fileEvents)
        }
    }

    // MARK: Resuming from a cache

    /// The file this instance reads now (changes when a repair replaced the log and it reopened).
    public var readingFile: LogFileIdentity { LogFileIdentity(device: identity.device, inode: identity.inode) }

    /// The descriptor of the file this instance reads (for the single-frame reads of LogCheckpoint.swift).
    var currentDescriptor: Int32 { descriptor }

    /// Where this instance stands: the last record `readNew` has handed out, in the file it read.
    /// nil before any record, or while records read under the lock are still to be handed out.
    public var checkpoint: LogCheckpoint? {
        guard undelivered.isEmpty, let offset = chain.lastFrameOffset else { return nil }
        return LogCheckpoint(file: readingFile,
                             sequence: chain.lastSequence, frameOffset: offset,
                             endOffset: offset + UInt64(chain.lastFrameLength), hash: chain.headHash.bytes)
    }

    /// Before the first read: continue after `checkpoint` instead of reading from the start. The
    /// frame there is read and its checksum checked; the place is taken only if this is the same
    /// file and the frame ends where expected and carries that sequence and hash. Then `readNew`
    /// returns only the records after it, and the chain is checked from there on exactly as in a
    /// full read (damage after the checkpoint is found as before). Returns false and changes
    /// nothing otherwise: the caller reads everything.
    ///
    /// What a resumed reader does not see is damage *before* the checkpoint (a changed byte in an
    /// old record does not change the checkpoint's frame); `verify` always reads the whole file.
    public func resume(at checkpoint: LogCheckpoint) throws -> Bool {
        guard chain.lastFrameOffset == nil, resolvedEnd == 0, undelivered.isEmpty else { return false }
        guard checkpoint.file == readingFile,
              let (frame, payload) = try frame(at: checkpoint.frameOffset),
              frame.offset + UInt64(frame.length) == checkpoint.endOffset,
              frame.sequence == checkpoint.sequence, frame.hash == LogHash(bytes: checkpoint.hash) else { return false }
        chain.accept(frame, payload: payload)
        resolvedEnd = checkpoint.endOffset
        return true
    }

    // MARK: Writing

    /// Appends the payloads `build` returns, built on the latest state: under an exclusive lock,
    /// records appended by others since the last read are handed to `build` first (they count
    /// as read even if `build` throws). All frames go out in one write(), then fdatasync; the
    /// records returned are saved. Returns [] without writing when `build` returns nothing.
    /// `encoding` (`LogFormat.Encoding`) says how the payloads are encoded; the log does not look inside.
    @discardableResult
    public func append(encoding: UInt8 = LogFormat.Encoding.json,
                       _ build: (_ unseen: [LogRecord]) throws -> [[UInt8]]) throws -> [LogRecord] {
        if case .readOnly(let reason) = access { throw LogError.readOnly(reason: reason) }
        try lockCurrentFile()
        let lockedDescriptor = descriptor
        defer { Posix.unlock(lockedDescriptor) }

        let unseen = undelivered + (try scanForward())
        undelivered = []
        do {
            guard damageReports.isEmpty else { throw LogError.damaged(damageReports) }
            let sizeBefore = lastSeenSize
            if sizeBefore > resolvedEnd {
                try setAsideTail(from: resolvedEnd, to: sizeBefore)
            }
        } catch {
            undelivered = unseen  // build never saw them; readNew still hands them out
            throw error
        }

        let payloads = try build(unseen)
        if payloads.isEmpty { return [] }
        if let oversized = payloads.first(where: { $0.count > LogFormat.maximumPayloadSize }) {
            throw LogError.tooLarge(bytes: oversized.count, limit: LogFormat.maximumPayloadSize)
        }

        var expectation = chain.expectation(forKind: LogFormat.Kind.event)
        var buffer = [UInt8]()
        buffer.reserveCapacity(payloads.reduce(0) { $0 + $1.count + LogFormat.headerSize })
        // The frames as the scanner would read them back: once written and synced they are
        // accepted as they are, without hashing the same bytes a second time.
        var written: [(frame: ScannedFrame, payload: [UInt8])] = []
        for payload in payloads {
            let frame = FrameCodec.encode(kind: LogFormat.Kind.event, encoding: encoding,
                                          sequence: expectation.sequence, previousHash: expectation.previousHash,
                                          payload: payload)
            written.append((ScannedFrame(offset: resolvedEnd + UInt64(buffer.count), length: frame.bytes.count,
                                         kind: LogFormat.Kind.event, encoding: encoding, flags: 0,
                                         sequence: expectation.sequence, previousHash: expectation.previousHash,
                                         hash: frame.hash), payload))
            buffer += frame.bytes
            expectation = (expectation.sequence + 1, frame.hash)
        }

        let start = resolvedEnd
        try writeOnce(buffer, restoringSize: start)
        if fdatasync(descriptor) != 0 {
            // Never retry a failed fsync: the kernel may have dropped the pages and a second
            // call would falsely succeed. Start again from what the file really holds.
            let message = Posix.describe(errno)
            try? reopen()
            undelivered += (try? rescanFromStart()) ?? []
            throw LogError.syncFailed(message: message)
        }
        for (frame, payload) in written { chain.accept(frame, payload: payload) }
        resolvedEnd = start + UInt64(buffer.count)
        lastSeenSize = resolvedEnd
        return written.map { LogRecord($0.frame, payload: $0.payload) }
    }

    /// Takes the exclusive lock on the file currently at `path`, following a repair's rename.
    private func lockCurrentFile() throws {
        while true {
            try Posix.lock(descriptor, LOCK_EX)
            guard let current = Posix.identity(ofPath: path), current != identity else { return }
            Posix.unlock(descriptor)
            try reopen()
            undelivered += try rescanFromStart()
            if case .readOnly(let reason) = access { throw LogError.readOnly(reason: reason) }
        }
    }

    /// Writes the frames with one write(); after a short write (a full disk takes what fits) the
    /// rest is tried once more so the reason is known. On failure the file is cut back.
    private func writeOnce(_ buffer: [UInt8], restoringSize sizeBefore: UInt64) throws {
        var done = 0
        var failure: Int32 = 0
        while done < buffer.count {
            let written = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            if written == 0 { failure = ENOSPC; break }
            done += written
        }
        guard done != buffer.count else { return }
        // A partial frame must not stay behind: cut back to the size before this write.
        let cutBack = ftruncate(descriptor, off_t(sizeBefore)) == 0 && fsync(descriptor) == 0
        let cause: String
        switch failure {
        case ENOSPC, EDQUOT: cause = "the disk holding the log is full"
        case EFBIG: cause = "the log file reached the largest size this user may write (\(Posix.describe(failure)))"
        default: cause = Posix.describe(failure)
        }
        let written = done > 0 ? "; \(done) of \(buffer.count) bytes had been written" : ""
        throw LogError.writeFailed(message: cutBack ? cause + written : "\(cause)\(written); cutting the log back also failed, run `asodesk verify`")
    }

    /// A writer, under the lock, moves an unfinished tail aside before appending after it.
    private func setAsideTail(from start: UInt64, to end: UInt64) throws {
        let bytes = try Posix.readRange(descriptor, from: start, to: end)
        let base = "\(path).quarantine-\(chain.lastSequence)-\(Posix.timestamp(Date()))"
        let side = try Posix.createExclusive(basePath: base)
        do {
            try Posix.writeAll(side.descriptor, bytes, what: "the quarantine file \(side.path)")
            if fsync(side.descriptor) != 0 {
                throw LogError.syncFailed(message: "the disk did not confirm \(side.path) (\(Posix.describe(errno)))")
            }
        } catch {
            close(side.descriptor)
            throw error
        }
        close(side.descriptor)
        try Posix.syncDirectory(of: path)
        guard ftruncate(descriptor, off_t(start)) == 0 else {
            throw LogError.io(message: "cannot cut the unfinished end off the log (\(Posix.describe(errno)))")
        }
        if fsync(descriptor) != 0 {
            throw LogError.syncFailed(message: Posix.describe(errno))
        }
    }

    // MARK: Change notification

    private static let fileEvents = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVE_SELF | IN_DELETE_SELF)

    private func setUpChangeNotification() {
        let notifier = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard notifier >= 0 else { return }
        fileWatch = inotify_add_watch(notifier, path, Self.fileEvents)
        let folderWatch = inotify_add_watch(notifier, Posix.directory(of: path), UInt32(IN_CREATE | IN_MOVED_TO | IN_DELETE))
        guard fileWatch >= 0, folderWatch >= 0 else {
            close(notifier)
            return
        }
        inotifyDescriptor = notifier
    }

    /// Waits on the change descriptor (or sleeps when there is none) and drains it.
    /// Returns true if the log may have changed.
    public func waitForChange(timeoutMilliseconds: Int32) -> Bool {
        guard let notifier = inotifyDescriptor else {
            usleep(UInt32(max(0, timeoutMilliseconds)) * 1000)
            return true
        }
        var request = pollfd(fd: notifier, events: Int16(POLLIN), revents: 0)
        let ready = poll(&request, 1, timeoutMilliseconds)
        guard ready > 0 else { return false }
        var scratch = [UInt8](repeating: 0, count: 4096)
        while scratch.withUnsafeMutableBytes({ read(notifier, $0.baseAddress!, $0.count) }) > 0 {}
        return true
    }

    // MARK: Opening

    private static func open(path: String, create: Bool, readOnly: Bool) throws -> (descriptor: Int32, access: LogAccess) {
        let readWriteFlags = O_RDWR | O_APPEND | O_CLOEXEC
        if readOnly {
            return (try openReadOnly(path), .readOnly(reason: "it was opened read-only on request"))
        }
        while true {
            let descriptor = Glibc.open(path, readWriteFlags)
            if descriptor >= 0 {
                try requireRegularFile(descriptor, path: path)
                return (descriptor, .readWrite)
            }
            let code = errno
            switch code {
            case ENOENT:
                guard create else { throw LogError.notFound(path: path) }
                let created = Glibc.open(path, readWriteFlags | O_CREAT | O_EXCL, 0o660)
                if created < 0 {
                    if errno == EEXIST { continue }  // another process created it first
                    throw LogError.io(message: "cannot create the log \(path) (\(Posix.describe(errno))); check that the folder exists and this user may write in it")
                }
                // The mode must not depend on the umask: owner and group read/write only.
                _ = fchmod(created, 0o660)
                if fsync(created) != 0 {
                    close(created)
                    throw LogError.syncFailed(message: Posix.describe(errno))
                }
                try Posix.syncDirectory(of: path)
                return (created, .readWrite)
            case EACCES, EPERM:
                return (try openReadOnly(path), .readOnly(reason: "permission denied: this user may read the log but not change it (ask the administrator to add the user to the log file's group)"))
            case EROFS:
                return (try openReadOnly(path), .readOnly(reason: "the log is on a read-only filesystem"))
            case EISDIR:
                throw LogError.notALog(path: path, reason: "it is a folder")
            default:
                throw LogError.io(message: "cannot open the log \(path) (\(Posix.describe(code)))")
            }
        }
    }

    private static func openReadOnly(_ path: String) throws -> Int32 {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw LogError.notFound(path: path) }
            throw LogError.io(message: "cannot open the log \(path) for reading (\(Posix.describe(code)))")
        }
        try requireRegularFile(descriptor, path: path)
        return descriptor
    }

    private static func requireRegularFile(_ descriptor: Int32, path: String) throws {
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            close(descriptor)
            throw LogError.notALog(path: path, reason: (info.st_mode & S_IFMT) == S_IFDIR ? "it is a folder" : "it is not a regular file")
        }
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
        throw LogError.notALog(path: path, reason: "it does not begin with an asodesk record and holds none")
    }
}
