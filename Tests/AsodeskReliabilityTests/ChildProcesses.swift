#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskTestSupport

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
