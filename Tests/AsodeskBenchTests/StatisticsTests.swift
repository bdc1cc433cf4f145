import AsodeskBench
import Testing

@Suite struct StatisticsTests {
    @Test func medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        #expect(LatencySummary.median([4, 1, 3, 2]) == 2.5)
    }

    @Test func percentileInterpolatesBetweenRanks() {
        let values = (1...101).map(Double.init)
        #expect(LatencySummary.percentile(0.99, ofSorted: values) == 100)
        #expect(LatencySummary.percentile(0, ofSorted: values) == 1)
        #expect(LatencySummary.percentile(1, ofSorted: values) == 101)
        #expect(LatencySummary.percentile(0.5, ofSorted: []) == 0)
    }

    @Test func summaryOfNanoseconds() {
        let summary = LatencySummary(nanoseconds: [3_000_000, 1_000_000, 2_000_000])
        #expect(summary.count == 3)
        #expect(summary.medianMilliseconds == 2)
        #expect(summary.maximumNanoseconds == 3_000_000)
        #expect(summary.meanNanoseconds == 2_000_000)
    }
}
