import Foundation
import Testing
@testable import AsodeskDomain

/// A break inside the hour the clock skips (March) or repeats (October), against a reference that
/// walks every minute of the day and reads the wall clock with Foundation's own calendar.
@Suite struct TimeDSTBreakTests {
    /// Sunday open 00:00–24:00 with a break 02:15–02:45: on 29 March 2026 the wall clock never
    /// shows the break, on 25 October it shows it twice (the first pass is the break, by the rule
    /// in `docs/sla-rules.md`).
    static let sundayNightBreak: BusinessCalendar = {
        var config = CalendarConfig.standard
        config.polishHolidays = false
        config.weeklyHours[.sunday] = DayHours(open: LocalTimeRange(LocalTime(hour: 0), LocalTime(hour: 24)),
                                              breaks: [LocalTimeRange(LocalTime(hour: 2, minute: 15), LocalTime(hour: 2, minute: 45))])
        return try! BusinessCalendar(config)
    }()

    /// Business minutes in [`from`, `to`) counted minute by minute from the wall clock: open on a
    /// Sunday unless the wall time is 02:15–02:44 shown for the first time that day; other days by
    /// the standard hours the engine is already checked against, so only Sundays are walked here.
    /// The walk starts at `dayStart` so that "shown for the first time" is judged from midnight.
    static func referenceSundayMinutes(from: Date, to: Date, dayStart: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Fixture.warsaw
        var seen: Set<String> = [], minutes = 0
        var instant = dayStart
        while instant < to {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: instant)
            if parts.weekday == 1 {
                let wall = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
                let key = "\(parts.year!)-\(parts.month!)-\(parts.day!) \(wall)"
                let firstShowing = seen.insert(key).inserted
                let inBreak = (135..<165).contains(wall) && firstShowing
                if !inBreak && instant >= from { minutes += 1 }
            }
            instant = instant.addingTimeInterval(60)
        }
        return minutes
    }

    @Test(arguments: [("2026-03-29", 23 * 60), ("2026-10-25", 25 * 60 - 30)])
    func aBreakInsideTheChangedHourCostsWhatTheWallClockShows(_ day: String, _ expected: Int) {
        let calendar = Self.sundayNightBreak
        let bounds = calendar.localDayBounds(of: Fixture.date(day))
        let reference = Self.referenceSundayMinutes(from: bounds.start, to: bounds.end, dayStart: bounds.start)
        #expect(reference == expected, "the reference itself")
        #expect(calendar.businessMinutes(from: bounds.start, to: bounds.end) == reference)
        let open = calendar.openIntervals(on: Fixture.date(day)).reduce(0) { $0 + Int($1.duration / 60) }
        #expect(open == reference, "open intervals of \(day)")
    }

    @Test func inMarchTheSkippedBreakIsNoBreakAtAll() {
        // 02:15 and 02:45 both map to the instant the clock jumps (01:00 UTC, 03:00 CEST): one open interval.
        let intervals = Self.sundayNightBreak.openIntervals(on: Fixture.date("2026-03-29")).filter { $0.duration > 0 }
        #expect(intervals.first?.start == Fixture.utc("2026-03-28T23:00:00Z"))
        #expect(intervals.last?.end == Fixture.utc("2026-03-29T22:00:00Z"))
        for (earlier, later) in zip(intervals, intervals.dropFirst()) {
            #expect(earlier.end == later.start, "no gap at \(earlier.end): the break does not exist that day")
        }
    }

    /// Spans that start and end at every quarter hour around both change days cost exactly what
    /// the wall clock shows: a skipped break never takes 30 minutes from a span.
    @Test(arguments: ["2026-03-29", "2026-10-25"])
    func spansAcrossTheChangeDayMatchTheReference(_ day: String) {
        let calendar = Self.sundayNightBreak
        let bounds = calendar.localDayBounds(of: Fixture.date(day))
        var checked = 0
        var start = bounds.start
        while start < bounds.end {
            for hours in [1.0, 3.0, 6.0] {
                let end = min(bounds.end, start.addingTimeInterval(hours * 3600))
                #expect(calendar.businessMinutes(from: start, to: end) == Self.referenceSundayMinutes(from: start, to: end, dayStart: bounds.start),
                        "\(start) + \(hours) h")
                checked += 1
            }
            start = start.addingTimeInterval(15 * 60)
        }
        #expect(checked > 200)
    }
}
