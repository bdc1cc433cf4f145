import Foundation

/// Figures a reliability or end-to-end test measured: printed for the person reading the test
/// output, and appended to `$ASODESK_FIGURES` (when set) so docs/reliability.md can quote the
/// last run.
public enum Figures {
    public static func report(_ promise: String, _ figures: KeyValuePairs<String, Any>) {
        let text = figures.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "FIGURE \(promise): \(text)\n"
        FileHandle.standardOutput.write(Data(line.utf8))
        guard let path = ProcessInfo.processInfo.environment["ASODESK_FIGURES"], !path.isEmpty else { return }
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        }
    }
}

/// How long the long-running reliability tests run: their CI count by default, the full count
/// with ASODESK_RELIABILITY_FULL=1 (the command in docs/reliability.md).
public enum LongRun {
    public static var isFull: Bool { ProcessInfo.processInfo.environment["ASODESK_RELIABILITY_FULL"] == "1" }

    public static func count(ci: Int, full: Int) -> Int { isFull ? full : ci }
}
