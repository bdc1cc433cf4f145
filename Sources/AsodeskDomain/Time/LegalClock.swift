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
    case missed         // answered after the deadline day: possibly deemed accepted
    case overdue        // not answered, deadline day over: possibly deemed accepted
}

/// What a cycle's answer is known to be: sent (when, how), delivered (when), and the medium the
/// desk expects to use while nothing is sent yet.
public struct LegalAnswer: Sendable, Hashable {
    public var sent: AnswerFact?
    public var deliveredAt: Date?
    public var expectedMedium: AnswerMedium
    public init(sent: AnswerFact?, deliveredAt: Date?, expectedMedium: AnswerMedium) {
        self.sent = sent; self.deliveredAt = deliveredAt; self.expectedMedium = expectedMedium
    }
    public init(cycle: ClockCycle, expectedMedium: AnswerMedium) {
        self.init(sent: cycle.answer, deliveredAt: cycle.deliveredAt, expectedMedium: expectedMedium)
    }
    public static let none = LegalAnswer(sent: nil, deliveredAt: nil, expectedMedium: .letter)
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
    /// The last day to send the answer so that it counts in time: the deadline, less the delivery
    /// margin of the medium (the one used, or the one expected) where the site counts delivery.
    public var sendBy: LocalDate
    /// The instant that stopped the clock: the answer sent, or its delivery, as the site counts it.
    public var answeredAt: Date?
    /// The answer sent in this cycle, if any (whatever the site counts).
    public var sentAt: Date?
    public var sentBy: AnswerMedium?
    public var deliveredAt: Date?
    public var countsAt: AnswerCountsAt
    /// Local calendar days from today to the deadline: 0 = due today, negative = days overdue.
    /// nil once answered.
    public var daysLeft: Int?
    /// Local calendar days from today to `sendBy`; nil once sent.
    public var daysLeftToSend: Int?
    public var state: LegalClockState
    public var isOverdue: Bool { state == .overdue }
    /// Sent, but the site counts delivery and it is not yet confirmed.
    public var isAwaitingDelivery: Bool { answeredAt == nil && sentAt != nil }
    /// No answer (or one too late) by the end of the deadline day: art. 7a ust. 2 deems the
    /// complaint accepted. "Possibly": a court weighs the facts; the desk must act as if it were.
    public var possiblyDeemedAccepted: Bool { state == .overdue || state == .missed }

    public init(cycle: Int, startedAt: Date, days: Int, deadline: LocalDate, deadlineEndsAt: Date, sendBy: LocalDate,
                answeredAt: Date?, sentAt: Date?, sentBy: AnswerMedium?, deliveredAt: Date?, countsAt: AnswerCountsAt,
                daysLeft: Int?, daysLeftToSend: Int?, state: LegalClockState) {
        self.cycle = cycle; self.startedAt = startedAt; self.days = days; self.deadline = deadline
        self.deadlineEndsAt = deadlineEndsAt; self.sendBy = sendBy; self.answeredAt = answeredAt; self.sentAt = sentAt
        self.sentBy = sentBy; self.deliveredAt = deliveredAt; self.countsAt = countsAt
        self.daysLeft = daysLeft; self.daysLeftToSend = daysLeftToSend; self.state = state
    }

    /// The legal clock of a period that started at `startedAt`, judged at `now`.
    /// nil when `rule` does not apply. What happened after `now` is not yet known, so ignored.
    public static func evaluate(startedAt: Date, rule: LegalClockRule, answer: LegalAnswer, rules: AnswerRules = .standard,
                                now: Date, timeZone: TimeZone, cycle: Int = 1) -> LegalClockStatus? {
        guard let deadline = LegalClock.deadline(receivedAt: startedAt, rule: rule, timeZone: timeZone) else { return nil }
        let sent = answer.sent.flatMap { $0.at <= now ? $0 : nil }
        let delivered = sent == nil ? nil : answer.deliveredAt.flatMap { $0 <= now ? $0 : nil }
        let answeredAt: Date? = switch rules.countsAt {
        case .sent: sent?.at
        // Handed over in person is delivered as it is given.
        case .delivered: sent?.medium == .inPerson ? sent?.at : delivered
        }
        let today = ZoneMath.localDate(of: now, in: timeZone)
        let state: LegalClockState
        if let answeredAt {
            state = ZoneMath.localDate(of: answeredAt, in: timeZone) <= deadline ? .met : .missed
        } else {
            state = today > deadline ? .overdue : .running
        }
        let startDay = ZoneMath.localDate(of: startedAt, in: timeZone)
        let margin = rules.countsAt == .delivered ? rules.margin(for: sent?.medium ?? answer.expectedMedium) : 0
        let sendBy = max(startDay, deadline.adding(days: -margin))
        return LegalClockStatus(
            cycle: cycle, startedAt: startedAt, days: rule.days, deadline: deadline,
            deadlineEndsAt: ZoneMath.instant(of: deadline.adding(days: 1), minutesSinceMidnight: 0, in: timeZone),
            sendBy: sendBy, answeredAt: answeredAt, sentAt: sent?.at, sentBy: sent?.medium, deliveredAt: delivered,
            countsAt: rules.countsAt,
            daysLeft: answeredAt == nil ? today.days(until: deadline) : nil,
            daysLeftToSend: sent == nil ? today.days(until: sendBy) : nil, state: state)
    }
}
