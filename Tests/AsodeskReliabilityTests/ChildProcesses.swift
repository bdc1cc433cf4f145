#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskTestSupport

/// How a child process ended.
enum Ending: Equatable {
    case exited(Int32)
    case signalled(Int32)

    init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}

/// A program started with posix_spawn, its standard output and errors going to files: a child
/// killed at any moment can never block on a pipe, and what it printed before dying stays readable.
/// The test must `wait()` for it before the pid can be reused, so `signal()` never hits a stranger.
final class Child {
    let pid: pid_t
    let outputPath: String
    let errorsPath: String
    private(set) var ending: Ending?

    init(_ program: String, _ arguments: [String], environment: [String: String], outputPath: String, errorsPath: String) throws {
        self.outputPath = outputPath
        self.errorsPath = errorsPath
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorsPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Test threads block most signals and a child inherits the mask: start it with none blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, program, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw ChildFailure(message: "cannot start \(program): \(String(cString: strerror(spawned)))") }
        pid = child
    }

    func signal(_ signal: Int32) { if ending == nil { kill(pid, signal) } }

    @discardableResult
    func wait() -> Ending {
        if let ending { return ending }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let ended = Ending(waitStatus: status)
        ending = ended
        return ended
    }

    var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    var errors: String { (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? "" }
}

struct ChildFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs a system tool (mount, losetup, mkfs...) to its end; throws with its output when it fails.
@discardableResult
func runTool(_ program: String, _ arguments: [String], allowing codes: Set<Int32> = [0]) throws -> ProcessOutput {
    let result = try run(Programs.which(program) ?? "/usr/bin/\(program)", arguments)
    guard codes.contains(result.status) else {
        throw ChildFailure(message: "\(program) \(arguments.joined(separator: " ")) exited \(result.status): \(result.errors) \(result.output)")
    }
    return result
}

/// A lock-protected value shared by writer threads.
final class Shared<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func with<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
