#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Whether a log is open in a running dashboard. The dashboard holds a shared lock on the whole
/// file for as long as it runs; whoever would replace the file (the demo) asks whether anyone
/// holds one. Open-file-description locks are used because they neither interact with the
/// writer's `flock` nor disappear when some other descriptor of the process is closed.
public enum LogPresence {
    // Linux values; Glibc does not export the OFD commands to Swift.
    private static let getLock: Int32 = 36
    private static let setLock: Int32 = 37

    /// Takes the shared lock on `descriptor`'s file; it lasts until the descriptor is closed.
    static func announce(on descriptor: Int32) {
        var lock = wholeFile(Int16(F_RDLCK))
        _ = withUnsafeMutablePointer(to: &lock) { fcntl(descriptor, setLock, $0) }
    }

    /// True when some process (this one included, through another descriptor) has the log at
    /// `path` open in a dashboard. A missing or unreadable file is open nowhere.
    public static func isOpenElsewhere(path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var probe = wholeFile(Int16(F_WRLCK))
        guard withUnsafeMutablePointer(to: &probe, { fcntl(descriptor, getLock, $0) }) == 0 else { return false }
        return probe.l_type != Int16(F_UNLCK)
    }

    private static func wholeFile(_ type: Int16) -> flock {
        var lock = flock()
        lock.l_type = type
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0
        lock.l_len = 0
        lock.l_pid = 0
        return lock
    }
}

extension EventLog {
    /// Marks the log as open in a running dashboard until this instance is gone
    /// (`LogPresence.isOpenElsewhere`); taken again on the new file after a repair replaced it.
    public func announcePresence() {
        presenceAnnounced = true
        LogPresence.announce(on: file.descriptor)
    }
}
