import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A scratch folder for one benchmark run, on the disk under test (not /tmp, which may be tmpfs).
public final class Workspace {
    public let path: String
    private let keep: Bool

    public init(parent: String, keep: Bool) throws {
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        var template = Array((parent + "/asodesk-bench-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw BenchError("cannot make a scratch folder in \(parent) (\(String(cString: strerror(errno)))); give a writable folder with --dir")
        }
        path = String(cString: made)
        self.keep = keep
    }

    deinit {
        if !keep { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The filesystem the folder is on, as /proc/mounts names it (e.g. "ext4 /dev/vda1").
    public var filesystem: String {
        guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return "unknown" }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        var best: (mountPoint: String, description: String) = ("", "unknown")
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let mountPoint = String(fields[1])
            let inside = resolved == mountPoint || resolved.hasPrefix(mountPoint == "/" ? "/" : mountPoint + "/")
            if inside, mountPoint.count >= best.mountPoint.count {
                best = (mountPoint, "\(fields[2]) \(fields[0]) on \(mountPoint)")
            }
        }
        return best.description
    }
}

/// The machine a run was made on, for the tables' context.
public enum Machine {
    public static var description: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("MemTotal") }
            .flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
            .map { String(format: "%.1f GB RAM", Double($0) / 1_048_576) } ?? "unknown RAM"
        var names = utsname()
        uname(&names)
        let kernel = withUnsafeBytes(of: &names.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "\(ProcessInfo.processInfo.activeProcessorCount) × \(cpu), \(memory), Linux \(kernel)"
    }
}
