#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// The one writer: appends under the exclusive lock, after folding what others wrote.
extension EventLog {
    /// Appends the payloads `build` returns, built on the latest state: under an exclusive lock,
    /// records appended by others since the last read are handed to `build` first (they count
    /// as read even if `build` throws). All frames go out in one write(), then fdatasync; the
    /// records returned are saved. Returns [] without writing when `build` returns nothing.
    /// `encoding` (`LogFormat.Encoding`) says how the payloads are encoded; the log does not look inside.
    /// `signer`, when given, signs each frame once its sequence and previous hash are known (under
    /// the lock); the signature trailer goes inside the frame, covered by the CRC and the chain.
    @discardableResult
    public func append(encoding: UInt8 = LogFormat.Encoding.json, signer: (any FrameSigner)? = nil,
                       _ build: (_ unseen: [LogRecord]) throws -> [[UInt8]]) throws -> [LogRecord] {
        if case .readOnly(let reason) = access { throw LogError.readOnly(reason) }
        let reopened = try file.lockExclusive()
        let lockedDescriptor = file.descriptor
        defer { Posix.unlock(lockedDescriptor) }
        if reopened {
            // A repair replaced the file: read the new one before writing on it.
            followReplacedFile()
            undelivered += try rescanFromStart()
            if case .readOnly(let reason) = access { throw LogError.readOnly(reason) }
        }
        if !sideFilesChecked {
            // Under the lock no repair runs, so its temporaries beside the log are a killed one's.
            sideFilesChecked = true
            _ = LogSideFiles.removeStaleRepairCopies(of: path)
        }

        let unseen = undelivered + (try scanForward())
        undelivered = []
        do {
            if case .damaged(let reports) = health { throw LogError.damaged(reports) }
            let sizeBefore = lastSeenSize
            if sizeBefore > resolvedEnd {
                try setAsideUnfinishedSave(from: resolvedEnd, to: sizeBefore)
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
        var trailers: [[UInt8]] = []
        for payload in payloads {
            let frame = try FrameCodec.encodeSigned(kind: LogFormat.Kind.event, encoding: encoding,
                                                    sequence: expectation.sequence, previousHash: expectation.previousHash,
                                                    payload: payload, signer: signer)
            written.append((ScannedFrame(offset: resolvedEnd + UInt64(buffer.count), length: frame.bytes.count,
                                         kind: LogFormat.Kind.event, encoding: encoding,
                                         flags: frame.trailerLength > 0 ? LogFormat.Flags.signed : 0,
                                         sequence: expectation.sequence, previousHash: expectation.previousHash,
                                         hash: frame.hash, trailerLength: frame.trailerLength), payload))
            trailers.append(Array(frame.bytes.suffix(frame.trailerLength)))
            buffer += frame.bytes
            expectation = (expectation.sequence + 1, frame.hash)
        }

        let start = resolvedEnd
        try writeOnce(buffer, restoringSize: start)
        if fdatasync(file.descriptor) != 0 {
            // Never retry a failed fsync: the kernel may have dropped the pages and a second
            // call would falsely succeed. Start again from what the file really holds.
            let failure = SystemFailure(.syncLog, path: path, code: errno)
            try? reopen()
            undelivered += (try? rescanFromStart()) ?? []
            throw LogError.syncFailed(failure)
        }
        for (frame, payload) in written { chain.accept(frame, payload: payload) }
        resolvedEnd = start + UInt64(buffer.count)
        lastSeenSize = resolvedEnd
        return zip(written, trailers).map { LogRecord($0.0.frame, payload: $0.0.payload, trailer: $0.1) }
    }

    /// Writes the frames with one write(); after a short write (a full disk takes what fits) the
    /// rest is tried once more so the reason is known. On failure the file is cut back.
    private func writeOnce(_ buffer: [UInt8], restoringSize sizeBefore: UInt64) throws {
        var done = 0
        var failure: Int32 = 0
        while done < buffer.count {
            let written = buffer.withUnsafeBytes { write(file.descriptor, $0.baseAddress! + done, $0.count - done) }
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
        let cutBack = ftruncate(file.descriptor, off_t(sizeBefore)) == 0 && fsync(file.descriptor) == 0
        throw LogError.writeFailed(code: failure, written: done, total: buffer.count, cutBack: cutBack)
    }

    /// A writer, under the lock, moves an unfinished save aside before appending after it. Only
    /// an unfinished save: damage at the end blocks the save (`health`) until a person repairs.
    private func setAsideUnfinishedSave(from start: UInt64, to end: UInt64) throws {
        let bytes = try Posix.readRange(file.descriptor, from: start, to: end)
        let side = try Posix.createExclusive(basePath: LogSideFiles.quarantineBase(of: path, after: chain.lastSequence, at: Date()))
        do {
            try Posix.writeDurably(side.descriptor, bytes, path: side.path)
        } catch {
            close(side.descriptor)
            unlink(side.path)
            throw error
        }
        close(side.descriptor)
        try Posix.syncDirectory(of: path)
        guard ftruncate(file.descriptor, off_t(start)) == 0 else {
            throw LogError.io(SystemFailure(.cutBack, path: path, code: errno))
        }
        if fsync(file.descriptor) != 0 {
            throw LogError.syncFailed(SystemFailure(.cutBack, path: path, code: errno))
        }
    }
}
