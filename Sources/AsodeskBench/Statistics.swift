/// Durations of repeated operations, summarised the way the benchmarks report them.
public struct LatencySummary: Sendable, Equatable {
    public let count: Int
    public let medianNanoseconds: Double
    public let p99Nanoseconds: Double
    public let maximumNanoseconds: Double
    public let meanNanoseconds: Double

    public init(nanoseconds samples: [UInt64]) {
        let sorted = samples.sorted().map { Double($0) }  // not Double.init: that picks init(bitPattern:)
        count = sorted.count
        medianNanoseconds = Self.percentile(0.5, ofSorted: sorted)
        p99Nanoseconds = Self.percentile(0.99, ofSorted: sorted)
        maximumNanoseconds = sorted.last ?? 0
        meanNanoseconds = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    }

    public var medianMilliseconds: Double { medianNanoseconds / 1e6 }
    public var p99Milliseconds: Double { p99Nanoseconds / 1e6 }

    /// The q-quantile (0...1) of sorted values, interpolating linearly between the two nearest
    /// ranks (the "R-7" rule spreadsheets use), so the median of an even count is the mean of the
    /// middle two. 0 for no values.
    public static func percentile(_ quantile: Double, ofSorted sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let position = min(max(quantile, 0), 1) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    public static func median(_ values: [Double]) -> Double {
        percentile(0.5, ofSorted: values.sorted())
    }
}
