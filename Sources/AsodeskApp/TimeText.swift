import AsodeskDomain
import Foundation

/// Reading and writing instants the way the desk sees them: in the site's time zone, with offset.
public struct TimeText: Sendable {
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// ISO 8601 with the site's offset, e.g. `2026-11-23T09:00:00+01:00`.
    public func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = timeZone
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    /// `2026-11-23 09:00` in site time, for tables.
    public func short(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// Parses what a person or script gives for "when it happened": ISO 8601 with an offset or Z,
    /// or a site-local `YYYY-MM-DDTHH:MM[:SS]` / `YYYY-MM-DD HH:MM`, or the day first as people
    /// write it at the desk, `5.12.2026 14:30` or, given `now`, without the year (`5.12 14:30`: the
    /// latest such day not after `now`); a date alone means 09:00 that day.
    public func parse(_ text: String, now: Date? = nil) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            let f = ISO8601DateFormatter()
            f.formatOptions = options
            if let date = f.date(from: trimmed) { return date }
        }
        let halves = trimmed.split(separator: trimmed.contains(" ") ? " " : "T", omittingEmptySubsequences: true)
        guard (1...2).contains(halves.count) else { return nil }
        var hour = 9, minute = 0, second = 0
        if halves.count == 2 {
            let texts = halves[1].split(separator: ":", omittingEmptySubsequences: false)
            let parts = texts.compactMap { Int($0) }
            guard (2...3).contains(parts.count), parts.count == texts.count else { return nil }
            hour = parts[0]; minute = parts[1]; second = parts.count == 3 ? parts[2] : 0
            guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        }
        func instant(_ day: LocalDate) -> Date? {
            calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute, second: second))
        }
        let dateText = String(halves[0])
        if let day = LocalDate(iso: dateText) { return instant(day) }
        // Day first: D.M.YYYY or D.M (a trailing dot allowed, as in "5.12.").
        var parts = dateText.split(separator: ".", omittingEmptySubsequences: false)
        if parts.last == "" { parts.removeLast() }
        guard (2...3).contains(parts.count), parts.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let day = Int(parts[0]), let month = Int(parts[1]), parts[0].count <= 2, parts[1].count <= 2 else { return nil }
        func valid(_ year: Int) -> LocalDate? {
            (1...12).contains(month) && day >= 1 && day <= LocalDate.daysIn(month: month, year: year)
                ? LocalDate(year: year, month: month, day: day) : nil
        }
        if parts.count == 3 {
            guard parts[2].count == 4, let year = Int(parts[2]), let date = valid(year) else { return nil }
            return instant(date)
        }
        guard let now else { return nil }
        let thisYear = calendar.component(.year, from: now)
        // This year's, unless that is still ahead (beyond the clock difference tolerated): then last year's.
        if let date = valid(thisYear).flatMap(instant), date <= now.addingTimeInterval(Lifecycle.futureTolerance) { return date }
        return valid(thisYear - 1).flatMap(instant)
    }

    private var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }
}

/// Business minutes as people say them: `2 h 05 min`, `3 d 1 h` (a day = the site's business day is
/// not fixed, so days are only used for calendar spans).
public enum DurationText {
    public static func minutes(_ total: Int) -> String {
        let sign = total < 0 ? "-" : ""
        let m = abs(total)
        if m < 60 { return "\(sign)\(m) min" }
        let h = m / 60, rest = m % 60
        return "\(sign)\(h) h \(rest < 10 ? "0" : "")\(rest) min"
    }
}
