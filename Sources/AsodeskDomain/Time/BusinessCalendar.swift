import Foundation

/// A time during which the complaint waits on someone else; internal SLA timers stop meanwhile.
/// `end == nil` means the wait is still going on.
public struct PauseSegment: Sendable, Hashable, Codable {
    public var start: Date
    public var end: Date?
    public var reason: WaitReason
    public init(start: Date, end: Date?, reason: WaitReason) {
        self.start = start; self.end = end; self.reason = reason
    }
}

/// Why the site is closed on a whole day.
public enum ClosedReason: Hashable, Sendable, Codable {
    case sunday
    case weeklyClosedDay(Weekday)
    case publicHoliday(PolishHoliday)
    case closure(reason: String)
}

public enum DayKind: Hashable, Sendable, Codable {
    case open(DayHours)
    case closed(ClosedReason)
}

/// A holiday or one-off closure that fell inside a measured span.
public struct SkippedDay: Hashable, Sendable, Codable {
    public var date: LocalDate
    public var reason: ClosedReason
    public init(date: LocalDate, reason: ClosedReason) { self.date = date; self.reason = reason }
    public var englishName: String {
        switch reason {
        case .publicHoliday(let holiday): return holiday.englishName
        case .closure(let reason): return "site closed: \(reason)"
        case .sunday: return "Sunday"
        case .weeklyClosedDay(let weekday): return "closed every \(weekday)"
        }
    }
    public var polishName: String {
        switch reason {
        case .publicHoliday(let holiday): return holiday.polishName
        case .closure(let reason): return "serwis zamknięty: \(reason)"
        case .sunday: return "niedziela"
        case .weeklyClosedDay(let weekday): return "zamknięte w każdy dzień \(weekday.rawValue) tygodnia"
        }
    }
}

/// Business time inside one pause, clipped to the measured span.
public struct PausedTime: Hashable, Sendable, Codable {
    public var start: Date
    /// nil: the pause was still open at the end of the measured span.
    public var end: Date?
    public var reason: WaitReason
    public var businessSeconds: TimeInterval
    public var businessMinutes: Int { BusinessTimeBreakdown.wholeMinutes(businessSeconds) }
    public init(start: Date, end: Date?, reason: WaitReason, businessSeconds: TimeInterval) {
        self.start = start; self.end = end; self.reason = reason; self.businessSeconds = businessSeconds
    }
}

/// How a wall-clock span splits into business time, paused business time and closed time.
/// Seconds are exact; minutes are whole minutes rounded down (a minute counts once complete).
public struct BusinessTimeBreakdown: Hashable, Sendable, Codable {
    public var from: Date
    public var to: Date
    /// Open business time that was not paused: what a timer counts.
    public var elapsedBusinessSeconds: TimeInterval
    /// Open business time covered by pauses (counted once where pauses overlap).
    public var pausedBusinessSeconds: TimeInterval
    /// Wall time outside opening hours (nights, breaks, Sundays, holidays, closures).
    public var closedWallSeconds: TimeInterval
    /// Public holidays and one-off closures the span touched.
    public var skippedDays: [SkippedDay]
    /// Each pause clipped to the span, with the business time it took.
    public var pauses: [PausedTime]

    public var elapsedBusinessMinutes: Int { Self.wholeMinutes(elapsedBusinessSeconds) }
    public var pausedBusinessMinutes: Int { Self.wholeMinutes(pausedBusinessSeconds) }
    public var closedWallMinutes: Int { Self.wholeMinutes(closedWallSeconds) }

    /// Whole minutes rounded down; a millisecond of slack absorbs floating-point noise.
    static func wholeMinutes(_ seconds: TimeInterval) -> Int {
        Int(((seconds + 0.001) / 60).rounded(.down))
    }
}

public enum CalendarError: Error, Equatable, CustomStringConvertible {
    case unknownTimeZone(String)
    case noOpeningHours
    case openingEndsBeforeStart(Weekday)
    case closureEndsBeforeStart(Closure)

    public var description: String {
        switch self {
        case .unknownTimeZone(let id):
            return "The site time zone \"\(id)\" is not known. Set calendar.time-zone to an IANA name such as \"Europe/Warsaw\"."
        case .noOpeningHours:
            return "The site calendar has no opening hours on any weekday, so no SLA timer could ever run. Add opening hours for at least one day."
        case .openingEndsBeforeStart(let day):
            return "The opening hours for weekday \(day.rawValue) (1 = Monday) end before they start. Give them as start-end, e.g. 08:00-18:00."
        case .closureEndsBeforeStart(let closure):
            return "The closure \"\(closure.reason)\" ends (\(closure.through)) before it starts (\(closure.from)). Swap the dates."
        }
    }
}

/// The site's opening hours, holidays and closures in its own time zone. Pure: no clock, no I/O.
public struct BusinessCalendar: Sendable {
    public let config: CalendarConfig
    public let timeZone: TimeZone
    /// Each day's kind, opening spans and bounds, worked out once: the queue measures thousands of
    /// timers per tick over the same few weeks, and every day costs time-zone and holiday look-ups.
    private let days = DayCache()
    /// How far `instant(afterBusiness…)` searches before giving up (ten years).
    static let searchLimitDays = 3_660

    public init(_ config: CalendarConfig) throws {
        guard let zone = TimeZone(identifier: config.timeZoneID) else {
            throw CalendarError.unknownTimeZone(config.timeZoneID)
        }
        for (day, hours) in config.weeklyHours.sorted(by: { $0.key < $1.key })
        where hours.open.end < hours.open.start {
            throw CalendarError.openingEndsBeforeStart(day)
        }
        if let bad = config.closures.first(where: { $0.through < $0.from }) {
            throw CalendarError.closureEndsBeforeStart(bad)
        }
        let hasOpenTime = config.weeklyHours.contains { day, hours in
            !(day == .sunday && config.polishHolidays) && !Self.openRanges(of: hours).isEmpty
        }
        guard hasOpenTime else { throw CalendarError.noOpeningHours }
        self.config = config
        self.timeZone = zone
    }

    // MARK: Local days

    public func localDate(of instant: Date) -> LocalDate { ZoneMath.localDate(of: instant, in: timeZone) }

    /// The instant the site's wall clock shows `time` on `date` (see ZoneMath for DST gaps/overlaps).
    public func instant(of date: LocalDate, at time: LocalTime) -> Date {
        ZoneMath.instant(of: date, minutesSinceMidnight: time.minutesSinceMidnight, in: timeZone)
    }

    /// Local midnight to the next local midnight: 23 h on the March change day, 25 h in October.
    /// Daily statistics must be cut here, not at UTC midnight.
    public func localDayBounds(of date: LocalDate) -> DateInterval {
        let day = facts(of: date)
        return DateInterval(start: Date(timeIntervalSince1970: day.start), end: Date(timeIntervalSince1970: day.end))
    }

    public func dayKind(of date: LocalDate) -> DayKind { facts(of: date).kind }

    private func facts(of date: LocalDate) -> DayFacts {
        let key = date.dayNumber
        if let known = days.lookUp(key) { return known }
        let kind = computeDayKind(of: date)
        var spans: [Span] = []
        if case .open(let hours) = kind {
            spans = Self.openRanges(of: hours).map { range in
                Span(start: ZoneMath.instant(of: date, minutesSinceMidnight: range.start.minutesSinceMidnight, in: timeZone).timeIntervalSince1970,
                     end: ZoneMath.instant(of: date, minutesSinceMidnight: range.end.minutesSinceMidnight, in: timeZone).timeIntervalSince1970)
            }.filter { $0.length > 0 }
        }
        let facts = DayFacts(kind: kind, openSpans: spans,
                             start: ZoneMath.instant(of: date, minutesSinceMidnight: 0, in: timeZone).timeIntervalSince1970,
                             end: ZoneMath.instant(of: date.adding(days: 1), minutesSinceMidnight: 0, in: timeZone).timeIntervalSince1970)
        days.store(facts, for: key)
        return facts
    }

    private func computeDayKind(of date: LocalDate) -> DayKind {
        if config.polishHolidays, let holiday = PolishHolidays.holiday(on: date) {
            return .closed(.publicHoliday(holiday))
        }
        if let closure = config.closures.first(where: { $0.from <= date && date <= $0.through }) {
            return .closed(.closure(reason: closure.reason))
        }
        let weekday = date.weekday
        if weekday == .sunday && (config.polishHolidays || config.weeklyHours[.sunday] == nil) {
            return .closed(.sunday)
        }
        guard let hours = config.weeklyHours[weekday] else { return .closed(.weeklyClosedDay(weekday)) }
        return .open(hours)
    }

    /// Opening hours minus breaks on `date`, as instants; empty on a closed day.
    public func openIntervals(on date: LocalDate) -> [DateInterval] {
        openSpans(on: date).map { DateInterval(start: Date(timeIntervalSince1970: $0.start), end: Date(timeIntervalSince1970: $0.end)) }
    }

    /// When the site opens next if it is closed at `instant`; nil while it is open (and when no
    /// opening hours fall in the coming year, where nothing useful can be said).
    public func closedUntil(_ instant: Date) -> Date? {
        var date = localDate(of: instant)
        for _ in 0..<366 {
            for interval in openIntervals(on: date) where instant < interval.end {
                return interval.start <= instant ? nil : interval.start
            }
            date = date.adding(days: 1)
        }
        return nil
    }

    // MARK: Measuring

    /// Business time between two instants, with `pauses` taken out. A pause without an end runs
    /// to `to`. Returns an empty breakdown when `to` is not after `from`.
    public func businessTime(from: Date, to: Date, pauses: [PauseSegment] = []) -> BusinessTimeBreakdown {
        var result = BusinessTimeBreakdown(from: from, to: to, elapsedBusinessSeconds: 0, pausedBusinessSeconds: 0,
                                           closedWallSeconds: 0, skippedDays: [], pauses: [])
        let lower = from.timeIntervalSince1970, upper = to.timeIntervalSince1970
        guard upper > lower else { return result }
        let range = Span(start: lower, end: upper)
        let pauseSpans = Span.merged(pauses.compactMap { Span(start: $0.start.timeIntervalSince1970,
                                                                    end: $0.end?.timeIntervalSince1970 ?? upper).clipped(to: range) })
        var openTotal: TimeInterval = 0
        var date = localDate(of: from)
        let lastDate = localDate(of: to)
        while date <= lastDate {
            if case .closed(let reason) = dayKind(of: date) {
                switch reason {
                case .publicHoliday, .closure:
                    if Span(localDayBounds(of: date)).clipped(to: range) != nil {
                        result.skippedDays.append(SkippedDay(date: date, reason: reason))
                    }
                case .sunday, .weeklyClosedDay: break
                }
            } else {
                for open in openSpans(on: date) {
                    guard let inside = open.clipped(to: range) else { continue }
                    openTotal += inside.length
                    result.pausedBusinessSeconds += pauseSpans.reduce(0) { $0 + ($1.clipped(to: inside)?.length ?? 0) }
                }
            }
            date = date.adding(days: 1)
        }
        result.elapsedBusinessSeconds = openTotal - result.pausedBusinessSeconds
        result.closedWallSeconds = range.length - openTotal
        result.pauses = pauses.compactMap { pause in
            guard let clipped = Span(start: pause.start.timeIntervalSince1970,
                                     end: pause.end?.timeIntervalSince1970 ?? upper).clipped(to: range) else { return nil }
            let endsInside = pause.end.map { $0 <= to } ?? false
            return PausedTime(start: Date(timeIntervalSince1970: clipped.start),
                              end: endsInside ? Date(timeIntervalSince1970: clipped.end) : nil,
                              reason: pause.reason, businessSeconds: openSeconds(in: clipped))
        }
        return result
    }

    /// Elapsed business minutes (pauses taken out), rounded down.
    public func businessMinutes(from: Date, to: Date, pauses: [PauseSegment] = []) -> Int {
        businessTime(from: from, to: to, pauses: pauses).elapsedBusinessMinutes
    }

    /// The instant at which `minutes` business minutes have run from `from`, skipping closed time
    /// and pauses. When the last minute ends at closing time, the answer is closing time itself.
    /// nil when it cannot be reached: a pause without an end is in the way, or there are no
    /// opening hours within ten years.
    public func instant(afterBusinessMinutes minutes: Int, from: Date, pauses: [PauseSegment] = []) -> Date? {
        instant(afterBusinessSeconds: TimeInterval(minutes) * 60, from: from, pauses: pauses)
    }

    public func instant(afterBusinessSeconds seconds: TimeInterval, from: Date, pauses: [PauseSegment] = []) -> Date? {
        guard seconds > 0 else { return from }
        let lower = from.timeIntervalSince1970
        let pauseSpans = Span.merged(pauses.map {
            Span(start: $0.start.timeIntervalSince1970, end: $0.end?.timeIntervalSince1970 ?? .infinity)
        })
        var remaining = seconds
        var date = localDate(of: from)
        for _ in 0..<Self.searchLimitDays {
            for open in openSpans(on: date) where open.end > lower {
                let usable = Span(start: max(open.start, lower), end: open.end)
                for piece in usable.subtracting(pauseSpans) {
                    if remaining <= piece.length { return Date(timeIntervalSince1970: piece.start + remaining) }
                    remaining -= piece.length
                }
            }
            date = date.adding(days: 1)
            // Past the start of an endless pause nothing more can be counted.
            if let endless = pauseSpans.last, endless.end == .infinity,
               localDayBounds(of: date).start.timeIntervalSince1970 >= endless.start {
                return nil
            }
        }
        return nil
    }

    // MARK: Internals

    private func openSpans(on date: LocalDate) -> [Span] { facts(of: date).openSpans }

    /// Opening range minus breaks, in local minutes.
    static func openRanges(of hours: DayHours) -> [LocalTimeRange] {
        var ranges = [hours.open]
        for pause in hours.breaks {
            ranges = ranges.flatMap { range -> [LocalTimeRange] in
                guard pause.start < range.end, pause.end > range.start else { return [range] }
                var parts: [LocalTimeRange] = []
                if range.start < pause.start { parts.append(LocalTimeRange(range.start, pause.start)) }
                if pause.end < range.end { parts.append(LocalTimeRange(pause.end, range.end)) }
                return parts
            }
        }
        return ranges.filter { $0.start < $0.end }
    }

    private func openSeconds(in span: Span) -> TimeInterval {
        var total: TimeInterval = 0
        var date = localDate(of: Date(timeIntervalSince1970: span.start))
        let last = localDate(of: Date(timeIntervalSince1970: span.end))
        while date <= last {
            total += openSpans(on: date).reduce(0) { $0 + ($1.clipped(to: span)?.length ?? 0) }
            date = date.adding(days: 1)
        }
        return total
    }
}

/// A half-open span of seconds since 1970.
struct Span: Hashable {
    var start: Double
    var end: Double
    init(start: Double, end: Double) { self.start = start; self.end = end }
    init(_ interval: DateInterval) { start = interval.start.timeIntervalSince1970; end = interval.end.timeIntervalSince1970 }
    var length: Double { end - start }

    func clipped(to other: Span) -> Span? {
        let clipped = Span(start: max(start, other.start), end: min(end, other.end))
        return clipped.length > 0 ? clipped : nil
    }

    /// Sorted, non-overlapping union.
    static func merged(_ spans: [Span]) -> [Span] {
        var result: [Span] = []
        for span in spans.filter({ $0.length > 0 }).sorted(by: { $0.start < $1.start }) {
            if let last = result.last, span.start <= last.end {
                result[result.count - 1].end = max(last.end, span.end)
            } else {
                result.append(span)
            }
        }
        return result
    }

    /// This span minus sorted, merged `holes`.
    func subtracting(_ holes: [Span]) -> [Span] {
        var pieces: [Span] = []
        var cursor = start
        for hole in holes where hole.end > cursor && hole.start < end {
            if hole.start > cursor { pieces.append(Span(start: cursor, end: hole.start)) }
            cursor = max(cursor, hole.end)
            if cursor >= end { break }
        }
        if cursor < end { pieces.append(Span(start: cursor, end: end)) }
        return pieces
    }
}

/// What the calendar knows about one local day.
struct DayFacts {
    var kind: DayKind
    var openSpans: [Span]
    /// Local midnight and the next one, seconds since 1970.
    var start: Double
    var end: Double
}

/// Day facts by day number, shared by copies of one calendar and safe across threads.
/// Only a cache: every entry is recomputed identically from the configuration when missing.
final class DayCache: @unchecked Sendable {
    private let lock = NSLock()
    private var facts: [Int: DayFacts] = [:]

    func lookUp(_ day: Int) -> DayFacts? {
        lock.lock(); defer { lock.unlock() }
        return facts[day]
    }

    func store(_ dayFacts: DayFacts, for day: Int) {
        lock.lock(); defer { lock.unlock() }
        facts[day] = dayFacts
    }
}
