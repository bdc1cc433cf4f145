#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// The append-only event log: one file shared by several processes at once. An instance is used
/// from one thread; other processes are coordinated with `flock`. Its parts: `LogFile` opens,
/// this type reads (the chain, damage, the tail), `LogWriter.swift` appends, `LogFollower`
/// says when to read again; `LogVerify.swift` and `LogRepair.swift` work on the whole file.
public final class EventLog {
    /// Absolute, whatever the caller gave.
    public var path: String { file.path }
    public var access: LogAccess { replacedByAnotherLog ? .readOnly(.replacedByAnotherLog) : file.access }
    /// Set when the file lives on a network filesystem (then it is opened read-only).
    public var networkFilesystem: String? { file.networkFilesystem }
    /// Wakes a reader when the log may have changed; nil where inotify is unavailable (a network
    /// filesystem: read once a second then).
    public let follower: LogFollower?

    var file: LogFile
    var chain = ChainState()
    /// Offset up to which every byte is a frame or known damage; the rest is the tail.
    var resolvedEnd: UInt64 = 0
    /// The file size the last scan saw; under the lock it is still the size (only writers that
    /// hold the lock change it), so append does not ask again.
    var lastSeenSize: UInt64 = 0
    var damageReports: [DamageReport] = []
    /// The bytes after the last readable record when they are not an unfinished save.
    var tailDamage: DamageReport?
    /// Records read while refusing to write (or after a reopen) that readNew has yet to hand out.
    var undelivered: [LogRecord] = []
    /// Whether this process already removed what killed repairs left beside the log.
    var sideFilesChecked = false
    /// The file at the path no longer holds the records this instance read (something put
    /// another log there): nothing more is read from it or written to it.
    var replacedByAnotherLog = false
    /// A running dashboard holds this log open (`announcePresence`).
    var presenceAnnounced = false
    /// Bytes read per step of a scan (tests make it small to put frames across chunk edges).
    var readChunkSize = LogScanner.chunkSize

    public var health: LogHealth {
        let all = damageReports + (tailDamage.map { [$0] } ?? [])
        return all.isEmpty ? .healthy : .damaged(all)
    }
    public var lastSequence: UInt64 { chain.lastSequence }
    public var headHash: [UInt8] { chain.headHash.bytes }
    /// Bytes after the last valid record that are an unfinished save (no valid record follows).
    public var pendingTailBytes: UInt64 {
        guard tailDamage == nil else { return 0 }
        let size = (try? file.size()) ?? resolvedEnd
        return size > resolvedEnd ? size - resolvedEnd : 0
    }

    public init(path: String, create: Bool, readOnly: Bool = false) throws {
        file = try LogFile(path: path, mode: readOnly ? .read : .write(create: create))
        follower = file.networkFilesystem == nil ? LogFollower(path: file.path) : nil
    }

    deinit { file.close() }

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
        if file.isReplaced && !replacedByAnotherLog {
            try reopen()
            undelivered += try rescanFromStart()
        }
        let held = undelivered
        undelivered = []
        for record in held { record.withView(visit) }
        try scanForward(visit)
    }

    func scanForward(_ visit: (LogRecordView) -> Void) throws {
        if replacedByAnotherLog { return }
        let size = try file.size()
        lastSeenSize = size
        if size < resolvedEnd {
            for record in try rescanFromStart() { record.withView(visit) }
            return
        }
        if size == resolvedEnd {
            tailDamage = nil
            return
        }
        // The chain is a local copy while records are handed out, committed after each chunk:
        // `visit` may look at this log (its position, a frame by offset) meanwhile.
        _ = try LogScanner.scanFile(file.descriptor, from: resolvedEnd, to: size, chain: chain, chunkSize: readChunkSize,
                                    visit: { frame, payload, gap in
                                        if let gap { damageReports.append(DiscontinuityReport.make(gap, frame: frame).0) }
                                        if let marker = DiscontinuityReport.checkMarker(frame, payload: payload) { damageReports.append(marker) }
                                        visit(LogRecordView(frame, payload: payload))
                                    },
                                    committed: { state, resolved in
                                        chain = state
                                        resolvedEnd = resolved
                                    })
        tailDamage = nil
        if resolvedEnd < size, case .damaged(let fault) = try LogTail.judge(file.descriptor, from: resolvedEnd, to: size) {
            tailDamage = DiscontinuityReport.atEnd(offset: resolvedEnd, length: size - resolvedEnd, fault: fault, chain: chain)
        }
    }

    func scanForward() throws -> [LogRecord] {
        var records: [LogRecord] = []
        try scanForward { records.append($0.record) }
        return records
    }

    /// After a replacement or an unexpected shrink: rebuild state from the whole file and
    /// return only what lies after the record this instance had reached.
    func rescanFromStart() throws -> [LogRecord] {
        let previousHead = chain.headHash
        let hadRecords = chain.lastFrameOffset != nil
        let before = (chain, resolvedEnd, damageReports, tailDamage)
        chain = ChainState()
        resolvedEnd = 0
        damageReports = []
        tailDamage = nil
        let all = try scanForward()
        guard hadRecords else { return all }
        if let reached = all.lastIndex(where: { $0.digest == previousHead }) {
            return Array(all[(reached + 1)...])
        }
        // A repair keeps every valid record, so the record reached is still there; without it
        // the file was replaced by another log or cut short, and nothing of it may be folded
        // into what was read: this instance stays where it was.
        (chain, resolvedEnd, damageReports, tailDamage) = before
        replacedByAnotherLog = true
        return []
    }

    func reopen() throws {
        try file.reopen()
        followReplacedFile()
    }

    /// After the path was found to name a new file: watch it, and mark it open if this one was.
    func followReplacedFile() {
        follower?.watchReplacedFile()
        if presenceAnnounced { LogPresence.announce(on: file.descriptor) }
    }

    // MARK: Resuming from a cache

    /// The file this instance reads now (changes when a repair replaced the log and it reopened).
    public var readingFile: LogFileIdentity { file.identity }

    /// The descriptor of the file this instance reads (for the single-frame reads of LogCheckpoint.swift).
    var currentDescriptor: Int32 { file.descriptor }

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
              let (frame, payload, _) = try frame(at: checkpoint.frameOffset),
              frame.offset + UInt64(frame.length) == checkpoint.endOffset,
              frame.sequence == checkpoint.sequence, frame.hash == LogHash(bytes: checkpoint.hash) else { return false }
        chain.accept(frame, payload: payload)
        resolvedEnd = checkpoint.endOffset
        return true
    }
}
