import AsodeskTerminal
import Foundation

#if canImport(Glibc)
import Glibc
#endif

public struct BenchError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A program running on the slave side of a pseudo-terminal of a fixed size, its output drained
/// and counted on the master side as a terminal emulator would.
public final class PseudoTerminalProcess: @unchecked Sendable {
    public let pid: pid_t
    /// CLOCK_MONOTONIC just before the program was spawned.
    public let launchedAt: UInt64
    private let master: Int32
    private let counter = NSLock()
    private var received = 0
    private var readerDone = false
    private var exitStatus: Int32?

    public init(executable: String, arguments: [String], environment: [String: String], width: Int, height: Int) throws {
        // posix_openpt/unlockpt/ptsname are hidden from Swift (they need _XOPEN_SOURCE); these are
        // the Linux ioctls they wrap (grantpt is a no-op with devpts).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0, number: UInt32 = 0
        let unlockRequest: UInt = 0x4004_5431, numberRequest: UInt = 0x8004_5430, sizeRequest: UInt = 0x5414
        guard master >= 0, ioctl(master, unlockRequest, &unlock) == 0, ioctl(master, numberRequest, &number) == 0 else {
            throw BenchError("cannot open a pseudo-terminal (\(String(cString: strerror(errno))))")
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, sizeRequest, &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid (done first by glibc), opening the slave makes it the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        let setSessionFlag: Int16 = 0x80  // POSIX_SPAWN_SETSID (glibc ≥ 2.26), not exported to Swift
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        var noSignalsBlocked = sigset_t()
        sigemptyset(&noSignalsBlocked)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignalsBlocked)
        posix_spawnattr_setflags(&attributes, setSessionFlag | Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        launchedAt = FrameTrace.monotonicNanoseconds()
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw BenchError("cannot start \(executable) (\(String(cString: strerror(status))))")
        }
        pid = child
        self.master = master
        let thread = Thread { [self] in drain() }
        thread.start()
    }

    /// Bytes the program has written to the terminal so far.
    public var bytesReceived: Int {
        counter.lock()
        defer { counter.unlock() }
        return received
    }

    /// Types bytes at the terminal.
    public func send(_ bytes: [UInt8]) {
        var done = 0
        while done < bytes.count {
            let count = bytes[done...].withUnsafeBytes { write(master, $0.baseAddress!, $0.count) }
            if count < 0 { if errno == EINTR { continue }; return }
            done += count
        }
    }

    public func send(_ text: String) { send(Array(text.utf8)) }

    /// Waits for the program to end; kills it after `timeout` seconds. Returns the wait status.
    @discardableResult
    public func finish(timeout: Double = 5) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || result < 0 { break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                break
            }
            usleep(2_000)
        }
        // The reader stops at EIO once the slave side is closed; then the master can go.
        for _ in 0..<500 where !isReaderDone { usleep(2_000) }
        if isReaderDone { close(master) }
        return status
    }

    private var isReaderDone: Bool {
        counter.lock()
        defer { counter.unlock() }
        return readerDone
    }

    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            counter.lock()
            received += count
            counter.unlock()
        }
        counter.lock()
        readerDone = true
        counter.unlock()
    }
}

/// One frame of the dashboard's frame trace (ASODESK_FRAME_TRACE).
public struct TracedFrame: Sendable, Equatable {
    public var nanoseconds: UInt64
    public var cause: FrameCause
    public var bytes: Int?
}

/// Reads a frame trace as the dashboard appends to it.
public final class FrameTraceFollower {
    public let path: String
    private var offset: UInt64 = 0
    private var partial = ""
    public private(set) var frames: [TracedFrame] = []

    public init(path: String) { self.path = path }

    /// Reads lines appended since the last call.
    public func update() {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        try? handle.seek(toOffset: offset)
        guard let data = try? handle.readToEnd(), !data.isEmpty else { return }
        offset += UInt64(data.count)
        let text = partial + String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        partial = String(lines.removeLast())
        for line in lines {
            if let parsed = FrameTrace.parse(line) {
                frames.append(TracedFrame(nanoseconds: parsed.nanoseconds, cause: parsed.cause, bytes: parsed.bytes))
            }
        }
    }

    /// The first frame flushed after `instant` (CLOCK_MONOTONIC ns) with one of `causes`, waiting
    /// up to `timeout` seconds for it.
    public func waitForFrame(after instant: UInt64, causes: Set<FrameCause>, timeout: Double) -> TracedFrame? {
        let deadline = FrameTrace.monotonicNanoseconds() + UInt64(timeout * 1e9)
        while true {
            update()
            if let frame = frames.first(where: { $0.nanoseconds > instant && causes.contains($0.cause) }) {
                return frame
            }
            if FrameTrace.monotonicNanoseconds() > deadline { return nil }
            usleep(300)
        }
    }
}
