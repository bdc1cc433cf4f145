#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Throwaway operating-system accounts for tests that prove identity rules with real, separate
/// users: a group and users made with `groupadd`/`useradd`, each with a private home, and the
/// real program run as one of them through `setpriv`. Everything is removed by `remove()` (and
/// on deinit). Needs root; `available` says whether this machine can.
public final class SystemAccounts {
    public struct Account: Sendable {
        public let name: String
        public let uid: uid_t
        public let home: String
    }

    public static var available: Bool {
        getuid() == 0 && ["/usr/sbin/useradd", "/usr/sbin/userdel", "/usr/sbin/groupadd", "/usr/sbin/groupdel", "/usr/bin/setpriv"]
            .allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The group every account is in: the desk's group, which may write the log.
    public let group: String
    public let gid: gid_t
    /// A folder all the accounts may enter (mode 0755), for homes and the desk's files.
    public let root: String
    public private(set) var accounts: [String: Account] = [:]
    private let tag: String
    private var removed = false

    public init() throws {
        tag = String(UInt32.random(in: 0..<UInt32.max), radix: 36)
        group = "asodt\(tag)"
        var template = Array("/tmp/asodesk-accounts-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure("cannot create a folder for the accounts")
        }
        root = String(cString: made)
        chmod(root, 0o755)
        try Self.system("/usr/sbin/groupadd", [group])
        guard let entry = getgrnam(group) else { throw Failure("groupadd made no group \(group)") }
        gid = entry.pointee.gr_gid
    }

    deinit { remove() }

    /// A new account `<prefix><tag>` in the group, with a home of its own (0700).
    @discardableResult
    public func add(_ prefix: String) throws -> Account {
        let name = "\(prefix)\(tag)"
        let home = root + "/home-" + prefix
        try Self.system("/usr/sbin/useradd", ["-M", "-N", "-g", group, "-d", home, "-s", "/usr/sbin/nologin", name])
        guard let entry = getpwnam(name) else { throw Failure("useradd made no account \(name)") }
        let account = Account(name: name, uid: entry.pointee.pw_uid, home: home)
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        chown(home, account.uid, gid)
        chmod(home, 0o700)
        accounts[prefix] = account
        return account
    }

    /// A folder for the desk's files: owned by root and the group, which may write in it (setgid,
    /// so what is created there stays the group's), others nothing.
    public func deskFolder(_ name: String = "desk") throws -> String {
        let path = root + "/" + name
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        chown(path, 0, gid)
        chmod(path, 0o2770)
        return path
    }

    /// A copy of `program` (and the resource bundles beside it) in a folder every account may
    /// read: the build folder may lie where they cannot.
    public func install(_ program: String) throws -> String {
        let bin = root + "/bin"
        if !FileManager.default.fileExists(atPath: bin) {
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: false)
            chmod(bin, 0o755)
        }
        let source = (program as NSString).deletingLastPathComponent
        let target = bin + "/" + (program as NSString).lastPathComponent
        if !FileManager.default.fileExists(atPath: target) { try FileManager.default.copyItem(atPath: program, toPath: target) }
        for bundle in (try FileManager.default.contentsOfDirectory(atPath: source)) where bundle.hasSuffix(".resources") {
            if !FileManager.default.fileExists(atPath: bin + "/" + bundle) {
                try FileManager.default.copyItem(atPath: source + "/" + bundle, toPath: bin + "/" + bundle)
            }
        }
        try Self.system("/bin/chmod", ["-R", "a+rX", bin])
        return target
    }

    public struct Result: Sendable {
        public var status: Int32
        public var out: String
        public var err: String
    }

    /// Runs `program` as `account` (its uid, the group, no other groups, no controlling terminal) with only the variables
    /// given plus HOME, XDG_DATA_HOME and XDG_CONFIG_HOME in its home, and `input` on standard input.
    @discardableResult
    public func run(as account: Account, _ program: String, _ arguments: [String],
                    env: [String: String] = [:], input: String? = nil, in folder: String? = nil) throws -> Result {
        // A program copied by `install` can be "busy" for a moment: a child forked by another test
        // at that instant holds its write descriptor until it execs. Tried again, not failed.
        var result = try runOnce(as: account, program, arguments, env: env, input: input, in: folder)
        for _ in 0..<5 where result.status == 126 && result.err.contains("Text file busy") {
            usleep(100_000)
            result = try runOnce(as: account, program, arguments, env: env, input: input, in: folder)
        }
        return result
    }

    private func runOnce(as account: Account, _ program: String, _ arguments: [String],
                         env: [String: String], input: String?, in folder: String?) throws -> Result {
        var environment = ["HOME": account.home, "XDG_DATA_HOME": account.home + "/data",
                           "XDG_CONFIG_HOME": account.home + "/config", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        environment.merge(env) { $1 }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        // setsid: a session of its own, away from any terminal the test runs in, so a PIN is read
        // from standard input as it would be from a script.
        process.arguments = ["--reuid=\(account.uid)", "--regid=\(gid)", "--clear-groups", "--reset-env", "--",
                             "/usr/bin/setsid", "--wait", "/usr/bin/env", "-i"] + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + [program] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder ?? account.home)
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    /// Removes every account, the group and the folder. Safe to call twice.
    public func remove() {
        guard !removed else { return }
        removed = true
        for account in accounts.values {
            // Whatever the account left running (nothing should) goes first: userdel refuses otherwise.
            _ = try? Self.system("/usr/bin/pkill", ["-KILL", "-u", account.name], allowFailure: true)
            _ = try? Self.system("/usr/sbin/userdel", [account.name], allowFailure: true)
        }
        _ = try? Self.system("/usr/sbin/groupdel", [group], allowFailure: true)
        try? FileManager.default.removeItem(atPath: root)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    @discardableResult
    public static func system(_ program: String, _ arguments: [String], allowFailure: Bool = false) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 && !allowFailure {
            throw Failure("\(program) \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(message)")
        }
        return process.terminationStatus
    }
}
