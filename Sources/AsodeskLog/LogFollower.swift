#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Tells a reader that the log may have changed: inotify on the file (modify, attrib, close-write,
/// move/delete-self) and on its folder (create, moved-to, delete: a repair's rename). The one
/// follower: the dashboard polls `descriptor` beside the keyboard; a tool calls `wait`.
/// Unavailable (nil from `init`) on a network filesystem, where callers read once a second.
public final class LogFollower {
    public let descriptor: Int32
    private let path: String
    private var fileWatch: Int32

    private static let fileEvents = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVE_SELF | IN_DELETE_SELF)

    init?(path: String) {
        let notifier = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard notifier >= 0 else { return nil }
        let fileWatch = inotify_add_watch(notifier, path, Self.fileEvents)
        let folderWatch = inotify_add_watch(notifier, Posix.directory(of: path), UInt32(IN_CREATE | IN_MOVED_TO | IN_DELETE))
        guard fileWatch >= 0, folderWatch >= 0 else {
            close(notifier)
            return nil
        }
        self.descriptor = notifier
        self.path = path
        self.fileWatch = fileWatch
    }

    deinit { close(descriptor) }

    /// After the log was reopened (a repair replaced it): watch the new file.
    func watchReplacedFile() {
        inotify_rm_watch(descriptor, fileWatch)
        fileWatch = inotify_add_watch(descriptor, path, Self.fileEvents)
    }

    /// Empties the queue of notifications (non-blocking), so the next poll waits for a new change.
    public func drain() {
        var scratch = [UInt8](repeating: 0, count: 4096)
        while scratch.withUnsafeMutableBytes({ read(descriptor, $0.baseAddress!, $0.count) }) > 0 {}
    }

    /// Waits up to `timeoutMilliseconds` for a change and drains the queue. True if the log may
    /// have changed.
    public func wait(timeoutMilliseconds: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, timeoutMilliseconds) > 0 else { return false }
        drain()
        return true
    }
}
