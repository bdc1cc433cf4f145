#if canImport(Glibc)
import Glibc
#endif
import AsodeskTestSupport
import Foundation

/// Runs a program with arguments given as raw bytes, so invalid UTF-8 reaches its argv exactly as
/// a shell would pass it (Foundation's Process takes Strings and cannot). Output goes to files, not
/// pipes, so a large output cannot block the child.
struct RawProgram {
    struct Outcome {
        /// Exit status, or nil when a signal ended the program.
        var status: Int32?
        /// The signal that ended it, if one did.
        var signal: Int32?
        var out: [UInt8]
        var err: [UInt8]
        var errText: String { String(decoding: err, as: UTF8.self) }
        var outText: String { String(decoding: out, as: UTF8.self) }
    }

    let program: String
    let environment: [String: String]
    let scratch: String
    /// Shell command run before the program (e.g. "umask 000"), via /bin/sh; nil runs it directly.
    var prelude: String?

    init(program: String = CLI.binary, environment: [String: String], scratch: String, prelude: String? = nil) {
        self.program = program
        self.environment = environment
        self.scratch = scratch
        self.prelude = prelude
    }

    func run(_ arguments: [String]) -> Outcome { run(bytes: arguments.map { Array($0.utf8) }) }

    func run(bytes arguments: [[UInt8]]) -> Outcome {
        let token = UUID().uuidString
        let outPath = scratch + "/out-\(token)", errPath = scratch + "/err-\(token)"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var argumentBytes: [[UInt8]]
        let executable: String
        if let prelude {
            // sh -c 'PRELUDE; exec "$0" "$@"' PROGRAM ARGS...: the arguments stay byte-exact.
            executable = "/bin/sh"
            argumentBytes = [Array("sh".utf8), Array("-c".utf8), Array("\(prelude); exec \"$0\" \"$@\"".utf8),
                             Array(program.utf8)] + arguments
        } else {
            executable = program
            argumentBytes = [Array(program.utf8)] + arguments
        }
        let argv: [UnsafeMutablePointer<CChar>?] = argumentBytes.map { bytes in
            let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            for (index, byte) in bytes.enumerated() { pointer[index] = CChar(bitPattern: byte) }
            pointer[bytes.count] = 0
            return pointer
        } + [nil]
        defer { argv.forEach { $0?.deallocate() } }
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        // The test thread blocks most signals and a child inherits that mask: start with none blocked.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        precondition(spawned == 0, "cannot start \(executable): error \(spawned)")
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WTERMSIG spelled out: the macros are not imported into Swift.
        let signal = status & 0x7F
        return Outcome(status: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal,
                       out: readBytes(outPath), err: readBytes(errPath))
    }
}
