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
    /// or a site-local `YYYY-MM-DDTHH:MM[:SS]` / `YYYY-MM-DD HH:MM`, or a date alone (09:00 that day).
    public func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            let f = ISO8601DateFormatter()
            f.formatOptions = options
            if let date = f.date(from: trimmed) { return date }
        }
        let normalized = trimmed.replacingOccurrences(of: " ", with: "T")
        let halves = normalized.split(separator: "T", omittingEmptySubsequences: false)
        guard (1...2).contains(halves.count), let day = LocalDate(iso: String(halves[0])) else { return nil }
        var hour = 9, minute = 0, second = 0
        if halves.count == 2 {
            let texts = halves[1].split(separator: ":", omittingEmptySubsequences: false)
            let parts = texts.compactMap { Int($0) }
            guard (2...3).contains(parts.count), parts.count == texts.count else { return nil }
            hour = parts[0]; minute = parts[1]; second = parts.count == 3 ? parts[2] : 0
            guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        }
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day,
                                                  hour: hour, minute: minute, second: second))
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
