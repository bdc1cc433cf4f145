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
        var argumentBytes: [[UInt8]]
        let executable: String
        if let prelude {
            // sh -c 'PRELUDE; exec "$0" "$@"' PROGRAM ARGS...: the arguments stay byte-exact.
            executable = "/bin/sh"
            argumentBytes = [Array("-c".utf8), Array("\(prelude); exec \"$0\" \"$@\"".utf8), Array(program.utf8)] + arguments
        } else {
            executable = program
            argumentBytes = arguments
        }
        let child: Child
        do {
            child = try Child(executable, bytes: argumentBytes, environment: environment, outputPath: outPath, errorsPath: errPath)
        } catch {
            preconditionFailure("\(error)")
        }
        let ending = child.wait()
        let (status, signal): (Int32?, Int32?) = switch ending {
        case .exited(let code): (code, nil)
        case .signalled(let number): (nil, number)
        }
        return Outcome(status: status, signal: signal, out: child.outputBytes, err: child.errorBytes)
    }
}
