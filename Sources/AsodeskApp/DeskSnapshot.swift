#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import AsodeskDomain
import AsodeskLog
import Foundation

/// A cache of where the desk's state stands, so that opening a long log costs what the open work
/// costs, not what the history costs. Never the truth: it names records of the log by offset, and
/// is used only when `EventLog.resume(at:)` finds the checkpoint's frame unchanged; anything else
/// (missing, damaged, another version, another log) only costs a full replay. Format:
/// docs/log-format.md, "Snapshot file".
public struct DeskSnapshot: Sendable {
    static let magic: [UInt8] = Array("ASODSNAP".utf8)
    /// Raise when the layout changes, or when events appear that an older version held as
    /// unreadable (7: corrections of intake data; 8: withdrawn ticks; 9: links, and the repeat keys
    /// of finished complaints; 10: attached documents and corrected contact preferences; 11: feedback
    /// entries, causes and mystery-shopping test marks kept by finished complaints, the action
    /// register): an older or newer snapshot is ignored and rewritten.
    public static let formatVersion: UInt32 = 11

    public var logPath: String
    public var checkpoint: LogCheckpoint
    public var lastSequence: UInt64
    /// Records of each complaint held in full (open ones): read and folded again on load.
    public var residentOffsets: [ComplaintNumber: [UInt64]]
    /// Finished complaints: summaries and record offsets, as one block loaded as it is.
    var finished: FinishedComplaints
    /// The small rest of the state, as JSON: training entries, repair gaps, unreadable records,
    /// orphans, recorded roles.
    var rest: Rest

    struct Rest: Codable, Equatable, Sendable {
        var training: [TrainingEntry]
        var repairedGaps: [RepairGapMarker]
        var unreadable: [UInt64: String]
        var orphans: [UInt64: ComplaintNumber]
        var recordedRoles: [String: Role]
        /// Records whose author was not proven up to the checkpoint (signatures are checked as
        /// records are folded; a desk that resumes checks only what follows).
        var unproven: [UnprovenRecord]?
        /// `AuthorshipChecker.fingerprint` of the keys they were checked against: another set of
        /// keys (one added, revoked, rotated) makes the snapshot count for nothing.
        var authorshipKeys: String?
        /// The log's header: its kind (desk, test, demo) survives a start from the snapshot.
        var header: LogHeader?
        var misplacedHeaders: [UInt64]?
        /// Imported survey and mystery-shopping results and their reviews (`DeskState.feedback`).
        var feedback: [FeedbackEntry]?
        /// The action register as its steps leave it (each action with its history).
        var improvements: [ImprovementAction]?
    }

    // MARK: Encoding

    public func encoded() throws -> [UInt8] {
        var out = ByteWriter()
        out.bytes += Self.magic
        out.put(Self.formatVersion)
        out.put(string: logPath)
        out.put(checkpoint.file.device); out.put(checkpoint.file.inode)
        out.put(checkpoint.sequence); out.put(checkpoint.frameOffset); out.put(checkpoint.endOffset)
        out.bytes += checkpoint.hash
        out.put(lastSequence)
        out.put(UInt64(residentOffsets.count))
        for (number, offsets) in residentOffsets.sorted(by: { $0.key < $1.key }) {
            out.put(UInt32(number.year)); out.put(UInt32(number.serial))
            out.put(UInt32(offsets.count))
            for offset in offsets { out.put(offset) }
        }
        let json = try JSONEncoder().encode(rest)
        out.put(UInt64(json.count)); out.bytes += json
        // Finished complaints last: the sorted index, then the block exactly as memory holds it.
        // Loading keeps the file's own array as the block (no copy, no structure per complaint).
        let index = finished.sortedIndex()
        out.put(UInt64(index.keys.count))
        out.putArray(index.keys)
        out.putArray(index.starts)
        out.put(UInt64(index.block.count))
        out.bytes += index.block
        // The snapshot's own checksum: a torn or damaged snapshot is ignored, not half-used.
        out.put(Self.checksum(out.bytes[...]))
        return out.bytes
    }

    /// nil for anything that is not a complete snapshot of this format version.
    public static func decode(_ bytes: [UInt8]) -> DeskSnapshot? {
        guard bytes.count > 4 + magic.count + 4 else { return nil }
        let bodyEnd = bytes.count - 4
        var trailer = ByteReader(bytes: bytes)
        trailer.position = bodyEnd
        guard trailer.uint32() == checksum(bytes[..<bodyEnd]) else { return nil }
        var input = ByteReader(bytes: bytes, end: bodyEnd)
        guard input.take(magic.count) == magic, input.uint32() == formatVersion,
              let path = input.string(), let device = input.uint64(), let inode = input.uint64(),
              let sequence = input.uint64(), let frameOffset = input.uint64(), let endOffset = input.uint64(),
              let hash = input.take(32), let lastSequence = input.uint64() else { return nil }
        guard let residentCount = input.uint64(), residentCount <= UInt64(input.remaining) else { return nil }
        var resident: [ComplaintNumber: [UInt64]] = [:]
        resident.reserveCapacity(Int(residentCount))
        for _ in 0..<residentCount {
            guard let year = input.uint32(), let serial = input.uint32(), let n = input.uint32(),
                  let offsets: [UInt64] = input.array(count: Int(n)) else { return nil }
            resident[ComplaintNumber(year: Int(year), serial: Int(serial))] = offsets
        }
        guard let jsonCount = input.uint64(), jsonCount <= UInt64(input.remaining), let json = input.take(Int(jsonCount)),
              let rest = try? JSONDecoder().decode(Rest.self, from: Data(json)) else { return nil }
        guard let finishedCount = input.uint64(), finishedCount <= UInt64(input.remaining),
              let keys: [UInt64] = input.array(count: Int(finishedCount)),
              let relativeStarts: [UInt32] = input.array(count: Int(finishedCount)),
              let blockCount = input.uint64(), blockCount == UInt64(input.remaining) else { return nil }
        // The block stays where it lies in the file's bytes: entries are found by their start.
        let blockStart = input.position
        guard UInt64(blockStart) + blockCount <= UInt64(UInt32.max) else { return nil }
        let starts = relativeStarts.map { $0 + UInt32(blockStart) }
        guard let finished = FinishedComplaints(sortedKeys: keys, starts: starts, block: bytes) else { return nil }
        let file = LogFileIdentity(device: device, inode: inode)
        return DeskSnapshot(logPath: path,
                            checkpoint: LogCheckpoint(file: file, sequence: sequence, frameOffset: frameOffset,
                                                      endOffset: endOffset, hash: hash),
                            lastSequence: lastSequence, residentOffsets: resident, finished: finished, rest: rest)
    }
}

extension DeskSnapshot {
    /// The snapshot's own checksum, against a torn write or a damaged disk block: the log's
    /// CRC-32C (the CPU's crc32 instruction; about 1 ms for a 10 MB snapshot). Not SHA-256: that
    /// took 30 ms of every start, and a key-less hash proves nothing against someone able to
    /// rewrite the file anyway. The log's hash chain at the checkpoint is what ties a snapshot to
    /// its log.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 { CRC32C.checksum(bytes) }
}

/// Where snapshots of a log live and how they are written.
public struct SnapshotStore: Sendable {
    public var logPath: String
    /// Write a new snapshot once the log has this many records more than the one used at start.
    public var rewriteAfterRecords: UInt64
    var environment: [String: String]

    public init(logPath: String, rewriteAfterRecords: UInt64 = 5_000,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.logPath = logPath; self.rewriteAfterRecords = rewriteAfterRecords; self.environment = environment
    }

    /// Beside the log, for every user of the log to share.
    public var besideLog: String { logPath + ".snapshot" }

    /// In the user's cache, named after the log's absolute path (for a log in a folder this user
    /// cannot write to).
    public var inCache: String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let cacheHome = environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.cache"
        let absolute = URL(fileURLWithPath: logPath).standardizedFileURL.path
        let key = LogDigest.sha256(Array(absolute.utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
        return cacheHome + "/asodesk/" + key + ".snapshot"
    }

    /// The snapshot found for this log, if any is readable and of this format (not yet verified
    /// against the log: `Desk` does that). The cache counts only in a private folder of this user.
    public func load() -> DeskSnapshot? {
        let cacheIsPrivate = ExclusiveFile.isPrivateFolder((inCache as NSString).deletingLastPathComponent)
        for path in cacheIsPrivate ? [besideLog, inCache] : [besideLog] {
            guard let bytes = Self.contents(of: path), let snapshot = DeskSnapshot.decode(bytes) else { continue }
            return snapshot
        }
        return nil
    }

    /// The whole file read straight into one array (no intermediate `Data`), nil when unreadable.
    /// A link planted at the snapshot's name is not followed.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= 0 else { return nil }
        let size = Int(status.st_size)
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let n = read(descriptor, buffer.baseAddress! + done, size - done)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { complete = false; break }
                done += n
            }
            initialized = done
        }
        return complete ? bytes : nil
    }

    /// Writes atomically (`ExclusiveFile`): 0660 beside the log, like the log; 0600 in the user's
    /// private cache (a folder of mode 0700 that is no link, else no cache) when the log's folder
    /// is not writable or something other than a snapshot was planted at its name. Returns the
    /// path written.
    @discardableResult
    public func save(_ snapshot: DeskSnapshot) throws -> String {
        let bytes = try snapshot.encoded()
        let folder = (logPath as NSString).deletingLastPathComponent
        let log = Set([FileIdentity(path: logPath)].compactMap { $0 })
        do throws(FileCreationError) {
            if access(folder.isEmpty ? "." : folder, W_OK) == 0 {
                do throws(FileCreationError) {
                    try ExclusiveFile.write(bytes, to: besideLog, mode: 0o660, existing: .replace, protected: log)
                    return besideLog
                } catch .symbolicLink, .notARegularFile, .protected {}
            }
            try ExclusiveFile.privateFolder((inCache as NSString).deletingLastPathComponent)
            try ExclusiveFile.write(bytes, to: inCache, mode: 0o600, existing: .replace, protected: log)
            return inCache
        } catch {
            throw SnapshotError.cannotWrite(error)
        }
    }
}

/// A snapshot not written: only a cache, so callers note it and go on.
public enum SnapshotError: Error, Sendable {
    case cannotWrite(FileCreationError)
}

struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func putArray<T: FixedWidthInteger>(_ values: [T]) {
        values.map(\.littleEndian).withUnsafeBytes { bytes += $0 }
    }
    mutating func put(string: String) { let utf8 = Array(string.utf8); put(UInt32(utf8.count)); bytes += utf8 }
}

/// Reads `bytes` up to `end` (the snapshot's checksum lies after it).
struct ByteReader {
    let bytes: [UInt8]
    let end: Int
    var position = 0
    init(bytes: [UInt8], end: Int? = nil) { self.bytes = bytes; self.end = end ?? bytes.count }
    var remaining: Int { end - position }
    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, count <= remaining else { return nil }
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }
    mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
        guard MemoryLayout<T>.size <= remaining else { return nil }
        defer { position += MemoryLayout<T>.size }
        return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: T.self)) }
    }
    /// `count` little-endian integers in a row, copied at once.
    mutating func array<T: FixedWidthInteger>(count: Int) -> [T]? {
        let size = count.multipliedReportingOverflow(by: MemoryLayout<T>.size)
        guard count >= 0, !size.overflow, size.partialValue <= remaining else { return nil }
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<(position + size.partialValue)]))
            }
            initialized = count
        }
        position += size.partialValue
        return values.map { T(littleEndian: $0) }
    }
    mutating func uint32() -> UInt32? { integer(UInt32.self) }
    mutating func uint64() -> UInt64? { integer(UInt64.self) }
    mutating func string() -> String? {
        guard let count = uint32(), let utf8 = take(Int(count)) else { return nil }
        return String(decoding: utf8, as: UTF8.self)
    }
}
