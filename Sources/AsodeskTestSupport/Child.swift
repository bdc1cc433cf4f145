#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// How a child process ended.
public enum Ending: Equatable, Sendable {
    case exited(Int32)
    case signalled(Int32)

    /// WIFEXITED / WTERMSIG spelled out: the macros are not imported into Swift.
    public init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}

/// A program started with posix_spawn, its standard input /dev/null and its output and errors
/// going to files: a child killed at any moment can never block on a pipe, what it printed before
/// dying stays readable, and no descriptor of ours leaks into programs that outlive it (tmux
/// servers), which is what makes Foundation's Process wait forever. The test must `wait()` for it
/// before the pid can be reused, so `signal()` never hits a stranger.
public final class Child {
    public let pid: pid_t
    public let outputPath: String
    public let errorsPath: String
    public private(set) var ending: Ending?

    /// `arguments` as raw bytes, so invalid UTF-8 reaches argv exactly as a shell would pass it;
    /// `environment` nil inherits ours.
    public init(_ program: String, bytes arguments: [[UInt8]], environment: [String: String]? = nil,
                outputPath: String, errorsPath: String) throws {
        self.outputPath = outputPath
        self.errorsPath = errorsPath
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorsPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // Test threads block most signals and a child inherits the mask: start it with none
        // blocked and default handlers, as a shell would.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([Array(program.utf8)] + arguments).map { bytes in
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (index, byte) in bytes.enumerated() { pointer[index] = CChar(bitPattern: byte) }
            pointer[bytes.count] = 0
            return pointer
        } + [nil]
        defer { argv.forEach { $0?.deallocate() } }
        let variables = environment ?? ProcessInfo.processInfo.environment
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, program, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw ChildFailure(message: "cannot start \(program): \(String(cString: strerror(spawned)))") }
        pid = child
    }

    public convenience init(_ program: String, _ arguments: [String], environment: [String: String]? = nil,
                            outputPath: String, errorsPath: String) throws {
        try self.init(program, bytes: arguments.map { Array($0.utf8) }, environment: environment,
                      outputPath: outputPath, errorsPath: errorsPath)
    }

    public func signal(_ signal: Int32) { if ending == nil { kill(pid, signal) } }

    @discardableResult
    public func wait() -> Ending {
        if let ending { return ending }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let ended = Ending(waitStatus: status)
        ending = ended
        return ended
    }

    public var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    public var errors: String { (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? "" }
    public var outputBytes: [UInt8] { readBytes(outputPath) }
    public var errorBytes: [UInt8] { readBytes(errorsPath) }
}

public struct ChildFailure: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
