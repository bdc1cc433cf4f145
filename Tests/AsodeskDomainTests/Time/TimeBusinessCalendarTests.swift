import Foundation
import Testing
@testable import AsodeskDomain

@Suite struct TimeBusinessCalendarTests {
    let calendar = Fixture.standardCalendar

    /// Sunday open at night, so the DST change itself falls inside opening hours.
    static let nightSundayCalendar: BusinessCalendar = {
        var config = CalendarConfig.standard
        config.polishHolidays = false
        config.weeklyHours[.sunday] = DayHours(open: LocalTimeRange(LocalTime(hour: 1), LocalTime(hour: 5)))
        return try! BusinessCalendar(config)
    }()

    @Test func unknownTimeZoneIsAClearError() {
        var config = CalendarConfig.standard
        config.timeZoneID = "Europe/Warszawa"
        #expect(throws: CalendarError.unknownTimeZone("Europe/Warszawa")) { try BusinessCalendar(config) }
        #expect(CalendarError.unknownTimeZone("Europe/Warszawa").description.contains("Europe/Warsaw"))
    }

    @Test func calendarWithoutOpeningHoursIsRejected() {
        var config = CalendarConfig.standard
        config.weeklyHours = [:]
        #expect(throws: CalendarError.noOpeningHours) { try BusinessCalendar(config) }
    }

    @Test func dayKindsNameWhyTheSiteIsClosed() throws {
        var config = CalendarConfig.standard
        config.closures = [Closure(from: Fixture.date("2026-08-14"), through: Fixture.date("2026-08-14"), reason: "stocktaking")]
        let withClosure = try BusinessCalendar(config)
        #expect(withClosure.dayKind(of: Fixture.date("2026-08-14")) == .closed(.closure(reason: "stocktaking")))
        #expect(withClosure.dayKind(of: Fixture.date("2026-08-15")) ==
                .closed(.publicHoliday(PolishHoliday(date: Fixture.date("2026-08-15"), kind: .assumption))))
        #expect(withClosure.dayKind(of: Fixture.date("2026-08-16")) == .closed(.sunday))
        #expect(withClosure.dayKind(of: Fixture.date("2026-08-17")) == .open(config.weeklyHours[.monday]!))

        config.weeklyHours[.saturday] = nil
        #expect(try BusinessCalendar(config).dayKind(of: Fixture.date("2026-08-22")) == .closed(.weeklyClosedDay(.saturday)))
    }

    // Bug class: business hours and holidays missing.
    @Test func businessTimeSkipsNightsSundaysHolidaysAndClosures() throws {
        var config = CalendarConfig.standard
        config.closures = [Closure(from: Fixture.date("2026-08-14"), through: Fixture.date("2026-08-14"), reason: "stocktaking")]
        let withClosure = try BusinessCalendar(config)
        let span = withClosure.businessTime(from: Fixture.local("2026-08-13 17:00"), to: Fixture.local("2026-08-17 09:00"))
        #expect(span.elapsedBusinessMinutes == 120)
        #expect(span.closedWallMinutes == 4 * 24 * 60 - 8 * 60 - 120)
        #expect(span.skippedDays.map(\.date) == [Fixture.date("2026-08-14"), Fixture.date("2026-08-15")])
        #expect(span.skippedDays.map(\.englishName) == ["site closed: stocktaking", "Assumption of Mary"])
    }

    @Test func breaksAreNotBusinessTime() throws {
        var config = CalendarConfig.standard
        let lunch = LocalTimeRange(LocalTime(hour: 12), LocalTime(hour: 12, minute: 30))
        config.weeklyHours[.monday] = DayHours(open: LocalTimeRange(LocalTime(hour: 8), LocalTime(hour: 18)), breaks: [lunch])
        let withLunch = try BusinessCalendar(config)
        #expect(withLunch.openIntervals(on: Fixture.date("2026-06-08")).count == 2)
        #expect(withLunch.businessMinutes(from: Fixture.local("2026-06-08 08:00"), to: Fixture.local("2026-06-08 18:00")) == 570)
        #expect(withLunch.instant(afterBusinessMinutes: 240, from: Fixture.local("2026-06-08 08:00")) == Fixture.local("2026-06-08 12:00"))
        #expect(withLunch.instant(afterBusinessMinutes: 241, from: Fixture.local("2026-06-08 08:00")) == Fixture.local("2026-06-08 12:31"))
    }

    // Bug class: holidays shifted by a day through time-zone handling.
    @Test func holidaysAreLocalDatesInWarsaw() {
        let newYearLocally = Fixture.utc("2025-12-31T23:30:00Z")
        #expect(calendar.localDate(of: newYearLocally) == Fixture.date("2026-01-01"))
        #expect(calendar.dayKind(of: calendar.localDate(of: newYearLocally)) ==
                .closed(.publicHoliday(PolishHoliday(date: Fixture.date("2026-01-01"), kind: .newYear))))
        // 31 Dec is an ordinary Wednesday until local midnight (23:00 UTC), then New Year's Day.
        #expect(calendar.businessMinutes(from: Fixture.utc("2025-12-31T16:00:00Z"), to: Fixture.utc("2026-01-02T07:00:00Z")) == 60)
        #expect(calendar.instant(afterBusinessMinutes: 90, from: Fixture.local("2025-12-31 17:00")) == Fixture.local("2026-01-02 08:30"))
        // Christmas Eve 2026 is a Thursday holiday; 23 Dec at 17:30 local plus an hour lands on 28 Dec.
        #expect(calendar.instant(afterBusinessMinutes: 60, from: Fixture.local("2026-12-23 17:30")) == Fixture.local("2026-12-28 08:30"))
    }

    @Test func openIntervalsAreUTCInstantsAcrossDST() {
        #expect(calendar.openIntervals(on: Fixture.date("2026-03-28")) ==
                [DateInterval(start: Fixture.utc("2026-03-28T07:00:00Z"), end: Fixture.utc("2026-03-28T13:00:00Z"))])
        #expect(calendar.openIntervals(on: Fixture.date("2026-03-30")) ==
                [DateInterval(start: Fixture.utc("2026-03-30T06:00:00Z"), end: Fixture.utc("2026-03-30T16:00:00Z"))])
        #expect(calendar.openIntervals(on: Fixture.date("2026-10-24")) ==
                [DateInterval(start: Fixture.utc("2026-10-24T06:00:00Z"), end: Fixture.utc("2026-10-24T12:00:00Z"))])
        #expect(calendar.openIntervals(on: Fixture.date("2026-10-26")) ==
                [DateInterval(start: Fixture.utc("2026-10-26T07:00:00Z"), end: Fixture.utc("2026-10-26T17:00:00Z"))])
        #expect(calendar.openIntervals(on: Fixture.date("2026-03-29")).isEmpty)
    }

    @Test func openingHoursSpanningTheChangeAreShorterInMarchLongerInOctober() {
        let night = Self.nightSundayCalendar
        // 01:00–05:00 local: 3 real hours when the clock jumps 02→03, 5 when it falls back 03→02.
        #expect(night.openIntervals(on: Fixture.date("2026-03-29")) ==
                [DateInterval(start: Fixture.utc("2026-03-29T00:00:00Z"), end: Fixture.utc("2026-03-29T03:00:00Z"))])
        #expect(night.openIntervals(on: Fixture.date("2026-10-25")) ==
                [DateInterval(start: Fixture.utc("2026-10-24T23:00:00Z"), end: Fixture.utc("2026-10-25T04:00:00Z"))])
        #expect(night.businessMinutes(from: Fixture.utc("2026-03-29T00:00:00Z"), to: Fixture.utc("2026-03-29T05:00:00Z")) == 180)
        #expect(night.businessMinutes(from: Fixture.utc("2026-10-24T22:00:00Z"), to: Fixture.utc("2026-10-25T05:00:00Z")) == 300)
        #expect(night.instant(afterBusinessMinutes: 240, from: Fixture.utc("2026-10-24T23:00:00Z")) == Fixture.utc("2026-10-25T03:00:00Z"))
    }

    @Test func businessMinutesAcrossTheMarchChangeWeekend() {
        let from = Fixture.local("2026-03-27 16:00"), to = Fixture.local("2026-03-30 10:00")
        let span = calendar.businessTime(from: from, to: to)
        #expect(span.elapsedBusinessMinutes == 120 + 360 + 120)
        // Fri 16:00 CET (15:00Z) to Mon 10:00 CEST (08:00Z) is 65 wall hours, not 66.
        #expect(span.elapsedBusinessMinutes + span.closedWallMinutes == 65 * 60)
        #expect(calendar.instant(afterBusinessMinutes: 600, from: from) == Fixture.utc("2026-03-30T08:00:00Z"))
    }

    @Test func businessMinutesAcrossTheOctoberChangeWeekend() {
        let from = Fixture.local("2026-10-23 16:00"), to = Fixture.local("2026-10-26 10:00")
        let span = calendar.businessTime(from: from, to: to)
        #expect(span.elapsedBusinessMinutes == 600)
        #expect(span.elapsedBusinessMinutes + span.closedWallMinutes == 67 * 60)
        #expect(calendar.instant(afterBusinessMinutes: 600, from: from) == Fixture.utc("2026-10-26T09:00:00Z"))
    }

    @Test func dueAtClosingTimeStaysAtClosingTime() {
        #expect(calendar.instant(afterBusinessMinutes: 600, from: Fixture.local("2026-06-08 08:00")) == Fixture.local("2026-06-08 18:00"))
        #expect(calendar.instant(afterBusinessMinutes: 0, from: Fixture.local("2026-06-07 03:00")) == Fixture.local("2026-06-07 03:00"))
        #expect(calendar.instant(afterBusinessMinutes: 1, from: Fixture.local("2026-06-07 03:00")) == Fixture.local("2026-06-08 08:01"))
    }

    @Test func pausesTakeBusinessTimeOutAndAnOpenPauseMakesTheDueUnknown() {
        let from = Fixture.local("2026-06-08 08:00")
        let waiting = PauseSegment(start: Fixture.local("2026-06-08 09:00"), end: Fixture.local("2026-06-08 20:00"), reason: .parts)
        let span = calendar.businessTime(from: from, to: Fixture.local("2026-06-09 10:00"), pauses: [waiting])
        #expect(span.elapsedBusinessMinutes == 60 + 120)
        #expect(span.pausedBusinessMinutes == 540)
        #expect(span.pauses.map(\.businessMinutes) == [540])
        #expect(calendar.instant(afterBusinessMinutes: 120, from: from, pauses: [waiting]) == Fixture.local("2026-06-09 09:00"))
        let open = PauseSegment(start: Fixture.local("2026-06-08 09:00"), end: nil, reason: .customer)
        #expect(calendar.instant(afterBusinessMinutes: 120, from: from, pauses: [open]) == nil)
        #expect(calendar.instant(afterBusinessMinutes: 30, from: from, pauses: [open]) == Fixture.local("2026-06-08 08:30"))
        // Overlapping pauses are not counted twice.
        let overlapping = PauseSegment(start: Fixture.local("2026-06-08 10:00"), end: Fixture.local("2026-06-08 12:00"), reason: .manufacturer)
        #expect(calendar.businessTime(from: from, to: Fixture.local("2026-06-08 18:00"), pauses: [waiting, overlapping]).pausedBusinessMinutes == 540)
    }

    // Bug class: statistics cut at UTC midnight instead of local midnight.
    @Test func localDayBoundsFollowWarsawMidnightAcrossDST() {
        let march = calendar.localDayBounds(of: Fixture.date("2026-03-29"))
        #expect(march.start == Fixture.utc("2026-03-28T23:00:00Z"))
        #expect(march.end == Fixture.utc("2026-03-29T22:00:00Z"))
        let october = calendar.localDayBounds(of: Fixture.date("2026-10-25"))
        #expect(october.start == Fixture.utc("2026-10-24T22:00:00Z"))
        #expect(october.end == Fixture.utc("2026-10-25T23:00:00Z"))
        #expect(march.duration < october.duration)

        let lateEvening = Fixture.utc("2026-06-10T22:30:00Z")
        #expect(calendar.localDate(of: lateEvening) == Fixture.date("2026-06-11"))
        #expect(calendar.localDayBounds(of: Fixture.date("2026-06-11")).contains(lateEvening))
        #expect(!calendar.localDayBounds(of: Fixture.date("2026-06-10")).contains(lateEvening))
        // Consecutive days tile the timeline with no gap or overlap.
        #expect(calendar.localDayBounds(of: Fixture.date("2026-10-24")).end == october.start)
        #expect(calendar.localDayBounds(of: Fixture.date("2026-10-26")).start == october.end)
    }

    @Test func yearBoundaryAndNewYearWeek() {
        // Sat 2026-12-26 holiday, Sun 27, then Mon 28 to Thu 31 open, Fri 2027-01-01 holiday, Sat 2 open.
        let span = calendar.businessTime(from: Fixture.local("2026-12-23 08:00"), to: Fixture.local("2027-01-04 08:00"))
        #expect(span.elapsedBusinessMinutes == 600 + 4 * 600 + 360)
        #expect(span.skippedDays.map(\.date) == ["2026-12-24", "2026-12-25", "2026-12-26", "2027-01-01"].map(Fixture.date))
        #expect(calendar.instant(afterBusinessMinutes: 60, from: Fixture.local("2026-12-31 17:30")) == Fixture.local("2027-01-02 08:30"))
    }
}
