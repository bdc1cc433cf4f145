import AsodeskApp
import AsodeskDomain
import Foundation

/// Dates, times, durations and numbers the way the desk writes them in its language, in the
/// site's time zone: `pon. 23.11.2026 10:42:05` in Polish, `Mon 23 Nov 2026 10:42:05` in English.
public struct LocalStyle: Sendable {
    public let language: Language
    public let timeZone: TimeZone

    public init(language: Language, timeZone: TimeZone) {
        self.language = language
        self.timeZone = timeZone
    }

    private var polish: Bool { language == .polish }

    private var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }

    private static let polishWeekdays = ["nd.", "pon.", "wt.", "śr.", "czw.", "pt.", "sob."]
    private static let englishWeekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The status line's clock, to the second.
    public func clock(_ instant: Date) -> String {
        let c = calendar.dateComponents([.weekday, .year, .month, .day, .hour, .minute, .second], from: instant)
        let weekday = (polish ? Self.polishWeekdays : Self.englishWeekdays)[c.weekday! - 1]
        let time = String(format: "%02d:%02d:%02d", c.hour!, c.minute!, c.second!)
        return "\(weekday) \(date(LocalDate(year: c.year!, month: c.month!, day: c.day!))) \(time)"
    }

    /// `08:00` on the same day as `now`, else `pon. 08:00` within a week, else `pon. 23.11 08:00`.
    public func moment(_ instant: Date, seenFrom now: Date) -> String {
        let day = localDate(instant)
        if day == localDate(now) { return time(instant) }
        let weekday = (polish ? Self.polishWeekdays : Self.englishWeekdays)[calendar.component(.weekday, from: instant) - 1]
        if instant.timeIntervalSince(now) < 6 * 86_400 { return "\(weekday) \(time(instant))" }
        return "\(weekday) \(shortDate(day)) \(time(instant))"
    }

    /// The clock without the weekday, for narrow status lines.
    public func dateTimeWithSeconds(_ instant: Date) -> String {
        let c = calendar.dateComponents([.second], from: instant)
        return dateTime(instant) + String(format: ":%02d", c.second!)
    }

    /// `23.11.2026` / `23 Nov 2026`.
    public func date(_ day: LocalDate) -> String {
        polish ? String(format: "%02d.%02d.%04d", day.day, day.month, day.year)
               : "\(day.day) \(Self.englishMonths[day.month - 1]) \(day.year)"
    }

    /// `23.11` / `23 Nov`: for narrow columns where the year is obvious.
    public func shortDate(_ day: LocalDate) -> String {
        polish ? String(format: "%02d.%02d", day.day, day.month) : "\(day.day) \(Self.englishMonths[day.month - 1])"
    }

    public func localDate(_ instant: Date) -> LocalDate {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)
    }

    /// `10:42`.
    public func time(_ instant: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: instant)
        return String(format: "%02d:%02d", c.hour!, c.minute!)
    }

    /// `23.11.2026 10:42` / `23 Nov 2026 10:42`.
    public func dateTime(_ instant: Date) -> String { "\(date(localDate(instant))) \(time(instant))" }

    /// Business minutes as `2 h 05 min`: `DurationText`, the one way every surface writes them.
    public func minutes(_ total: Int) -> String { DurationText.minutes(total) }

    /// A whole number with thousands grouped: `10 000` (a narrow no-break space) / `10,000`.
    public func number(_ value: Int) -> String {
        let digits = String(abs(value))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: polish ? "\u{202F}" : ",")
    }

    /// A decimal with one place: `4,5` / `4.5`.
    public func decimal(_ value: Double) -> String {
        let text = String(format: "%.1f", value)
        return polish ? text.replacingOccurrences(of: ".", with: ",") : text
    }
}
