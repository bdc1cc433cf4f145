import Foundation

// The statutory answer deadline (art. 7a ustawy o prawach konsumenta: 14 days, or the complaint is
// deemed accepted). Counted in calendar days, never paused, never moved by the site's own closures.

public enum LegalClock {
    /// The last day on which the answer may be given, or nil when `rule` does not apply.
    /// The day of receipt is not counted (art. 111 § 2 k.c.); a last day on a Saturday or a
    /// statutory day off (Sundays included) moves to the next day that is neither (art. 115 k.c.).
    public static func deadline(receivedAt: Date, rule: LegalClockRule, timeZone: TimeZone) -> LocalDate? {
        guard rule.applies else { return nil }
        return deadline(receivedOn: ZoneMath.localDate(of: receivedAt, in: timeZone), days: rule.days)
    }

    public static func deadline(receivedOn: LocalDate, days: Int) -> LocalDate {
        var last = receivedOn.adding(days: days)
        while !isWorkingDayForDeadlines(last) { last = last.adding(days: 1) }
        return last
    }

    /// Neither a Saturday nor a statutory day off (art. 115 k.c.).
    public static func isWorkingDayForDeadlines(_ date: LocalDate) -> Bool {
        date.weekday != .saturday && !PolishHolidays.isDayOff(date)
    }
}

public enum LegalClockState: String, Codable, Sendable {
    case running
    case met            // answered on or before the deadline day
    case missed         // answered after the deadline day
    case overdue        // not answered, deadline day over
}

/// One legal period: the original complaint, or a reopen (a new demand of the customer).
public struct LegalClockStatus: Sendable, Hashable, Codable {
    /// 1 for the original complaint, 2… for each reopen.
    public var cycle: Int
    public var startedAt: Date
    public var days: Int
    public var deadline: LocalDate
    /// The end of the deadline day in the site's time zone (local midnight after it).
    public var deadlineEndsAt: Date
    public var answeredAt: Date?
    /// Local calendar days from today to the deadline: 0 = due today, negative = days overdue.
    /// nil once answered.
    public var daysLeft: Int?
    public var state: LegalClockState
    public var isOverdue: Bool { state == .overdue }

    public init(cycle: Int, startedAt: Date, days: Int, deadline: LocalDate, deadlineEndsAt: Date,
                answeredAt: Date?, daysLeft: Int?, state: LegalClockState) {
        self.cycle = cycle; self.startedAt = startedAt; self.days = days; self.deadline = deadline
        self.deadlineEndsAt = deadlineEndsAt; self.answeredAt = answeredAt; self.daysLeft = daysLeft; self.state = state
    }

    /// The legal clock of a period that started at `startedAt`, judged at `now`.
    /// nil when `rule` does not apply. An answer given after `now` is not yet known, so ignored.
    public static func evaluate(startedAt: Date, rule: LegalClockRule, answeredAt: Date?, now: Date,
                                timeZone: TimeZone, cycle: Int = 1) -> LegalClockStatus? {
        guard let deadline = LegalClock.deadline(receivedAt: startedAt, rule: rule, timeZone: timeZone) else { return nil }
        let answer = answeredAt.flatMap { $0 <= now ? $0 : nil }
        let today = ZoneMath.localDate(of: now, in: timeZone)
        let state: LegalClockState
        if let answer {
            state = ZoneMath.localDate(of: answer, in: timeZone) <= deadline ? .met : .missed
        } else {
            state = today > deadline ? .overdue : .running
        }
        return LegalClockStatus(
            cycle: cycle, startedAt: startedAt, days: rule.days, deadline: deadline,
            deadlineEndsAt: ZoneMath.instant(of: deadline.adding(days: 1), minutesSinceMidnight: 0, in: timeZone),
            answeredAt: answer, daysLeft: answer == nil ? today.days(until: deadline) : nil, state: state)
    }
}
