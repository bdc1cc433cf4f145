import Foundation

// Calendar-date arithmetic on LocalDate without Foundation's Calendar: plain integer maths on the
// proleptic Gregorian calendar (H. Hinnant's days-from-civil), so it is exact and time-zone free.

extension LocalDate {
    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Calendar days from this date to `other` (positive when `other` is later).
    public func days(until other: LocalDate) -> Int { other.dayNumber - dayNumber }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let index = ((dayNumber + 3) % 7 + 7) % 7
        return Weekday(rawValue: index + 1)!
    }
}

/// Conversions between instants and the wall clock of a time zone, DST-aware.
enum ZoneMath {
    static func localSeconds(of instant: Date, in zone: TimeZone) -> Double {
        instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
    }

    static func localDate(of instant: Date, in zone: TimeZone) -> LocalDate {
        LocalDate(dayNumber: Int((localSeconds(of: instant, in: zone) / 86_400).rounded(.down)))
    }

    /// Minutes since local midnight (0..<1440; a repeated hour in October maps onto the same minutes).
    static func localMinuteOfDay(of instant: Date, in zone: TimeZone) -> Int {
        let seconds = localSeconds(of: instant, in: zone)
        let secondOfDay = seconds - (seconds / 86_400).rounded(.down) * 86_400
        return Int(secondOfDay / 60)
    }

    /// The instant at which the wall clock of `zone` shows `minutes` after midnight of `date`
    /// (`1440` is the next midnight). A wall time repeated in October gives its first occurrence;
    /// a wall time skipped in March gives the instant the clock jumps past it: every wall time
    /// from 02:00 to 02:59 on 2026-03-29 in Warsaw is 01:00 UTC, which the clock shows as 03:00 CEST.
    static func instant(of date: LocalDate, minutesSinceMidnight minutes: Int, in zone: TimeZone) -> Date {
        let wall = Double(date.dayNumber) * 86_400 + Double(minutes) * 60
        let offsetBefore = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - 86_400))
        let offsetAfter = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall + 86_400))
        let valid = Set([offsetBefore, offsetAfter]).compactMap { offset -> Double? in
            let candidate = wall - Double(offset)
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: candidate)) == offset ? candidate : nil
        }
        if let earliest = valid.min() { return Date(timeIntervalSince1970: earliest) }
        // No instant shows this wall time: it lies in a gap (offsetAfter > offsetBefore). Read with
        // the new offset it falls before the change, read with the old one after it; the change
        // itself lies between, and is the instant the clock jumps past this wall time.
        return transition(after: wall - Double(offsetAfter), upTo: wall - Double(offsetBefore), in: zone)
    }

    /// The first whole second in (`lower`, `upper`] whose UTC offset differs from the one at `lower`
    /// (`upper` when none does). Zone changes happen on whole seconds.
    private static func transition(after lower: Double, upTo upper: Double, in zone: TimeZone) -> Date {
        let offsetAtLower = zone.secondsFromGMT(for: Date(timeIntervalSince1970: lower))
        var before = lower.rounded(.down), after = upper.rounded(.up)
        while after - before > 1 {
            let middle = ((before + after) / 2).rounded(.down)
            if zone.secondsFromGMT(for: Date(timeIntervalSince1970: middle)) == offsetAtLower {
                before = middle
            } else {
                after = middle
            }
        }
        return Date(timeIntervalSince1970: after)
    }

    /// `2026-03-29 08:00` in the zone's wall time.
    static func text(of instant: Date, in zone: TimeZone) -> String {
        let minute = localMinuteOfDay(of: instant, in: zone)
        return "\(localDate(of: instant, in: zone)) \(LocalTime(hour: minute / 60, minute: minute % 60))"
    }
}
