import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The operating-system account of this process, from its real user id (`getuid()` and the
/// password database), never from USER or LOGNAME, which anyone may set.
public struct SystemAccount: Sendable, Equatable {
    /// The account's name; `#<uid>` when the password database has no entry for the uid (which
    /// no operator's login and no id can be, so such a process is refused).
    public let name: String
    public let isRoot: Bool

    public init(name: String, isRoot: Bool) { self.name = name; self.isRoot = isRoot }

    public static func current() -> SystemAccount {
        let uid = getuid()
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return SystemAccount(name: "#\(uid)", isRoot: uid == 0) }
        return SystemAccount(name: String(cString: name), isRoot: uid == 0)
    }
}
