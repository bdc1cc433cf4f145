import Foundation

/// One figure of a benchmark run: what was measured, against what, and whether the goal was met.
public struct BenchmarkRow: Sendable, Equatable {
    public var figure: String
    public var goal: String
    public var baseline: String
    public var result: String
    /// Result divided by baseline, as printed (e.g. "1.08×").
    public var ratio: String
    /// Nil when the figure has no goal of its own (context rows).
    public var met: Bool?
    public var command: String

    public init(figure: String, goal: String, baseline: String, result: String, ratio: String, met: Bool?, command: String) {
        self.figure = figure
        self.goal = goal
        self.baseline = baseline
        self.result = result
        self.ratio = ratio
        self.met = met
        self.command = command
    }

    public static let header = ["Figure", "Goal", "Baseline (same run)", "Result", "Ratio", "Met", "Command"]

    public var cells: [String] {
        [figure, goal, baseline, result, ratio, met.map { $0 ? "yes" : "**no**" } ?? "–", "`\(command)`"]
    }
}

public enum MarkdownTable {
    /// A GitHub-flavoured Markdown table; a `|` inside a cell is escaped so it cannot split it.
    public static func render(header: [String], rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
                .joined(separator: " | ") + " |"
        }
        var lines = [line(header), "|" + header.map { _ in "---" }.joined(separator: "|") + "|"]
        lines += rows.map { line($0 + Array(repeating: "", count: max(0, header.count - $0.count))) }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func render(_ rows: [BenchmarkRow]) -> String {
        render(header: BenchmarkRow.header, rows: rows.map(\.cells))
    }
}

/// Numbers as the tables print them.
public enum Figures {
    public static func milliseconds(_ nanoseconds: Double) -> String {
        let ms = nanoseconds / 1e6
        if ms >= 100 { return String(format: "%.0f ms", ms) }
        if ms >= 10 { return String(format: "%.1f ms", ms) }
        return String(format: "%.3f ms", ms)
    }

    public static func ratio(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        return String(format: value < 0.1 ? "%.3f×" : "%.2f×", value)
    }

    public static func count(_ value: Double) -> String {
        let rounded = Int(value.rounded())
        let digits = String(abs(rounded))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (rounded < 0 ? "-" : "") + grouped
    }

    public static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
