import AsodeskDomain
import Foundation

/// The parts of the shift board, in the order a shift lead reads them. Timer sections hold one
/// row per timer (every due and breached timer, never one per complaint), so their counts are the
/// report's; the others one row per complaint.
public enum BoardSection: CaseIterable, Sendable {
    /// Running past its due time.
    case breached
    /// Running and due within the next wall-clock hour (`TimerReading.isDueWithinHour`).
    case withinHour
    /// Due later today, by the site's calendar.
    case laterToday
    /// Due on the site's next working day (Monday on a Saturday, the day after a holiday).
    case nextWorkingDay
    /// Waiting (paused) for more working days than `[warnings] waiting_working_days`.
    case waiting
    /// Decided in the current cycle, and no answer sent to the customer yet (art. 7a asks for
    /// the answer, not the decision), whatever the legal basis.
    case decidedNotAnswered
    /// A statutory deadline overdue, or near by `[warnings] legal_days_before_deadline`.
    case legal

    public var holdsTimers: Bool { [.breached, .withinHour, .laterToday, .nextWorkingDay].contains(self) }
}

public struct BoardRow: Sendable, Equatable {
    public var section: BoardSection
    public var number: ComplaintNumber
    /// As the customer gave it: drawn only through `CellBuffer.write` or `SafeText`.
    public var customer: String
    public var owner: String?
    public var priority: Priority
    public var state: ComplaintState
    /// An escalation was recorded: the board marks the row.
    public var isEscalated: Bool
    /// The timer of a timer section's row.
    public var timer: TimerStatus?
    /// The complaint's current legal period, when its legal basis has one.
    public var legal: LegalClockStatus?
    /// Waiting section: since when, and for how many working days.
    public var waitingSince: Date?
    public var workingDaysWaiting: Int?
    /// Decided section: when the decision was given.
    public var decidedAt: Date?
}

/// Open complaints (closed ones awaiting their follow-up call included: they are on the queue),
/// breached timers and timers due today per person.
public struct AdvisorLoad: Sendable, Equatable {
    public var id: String
    public var name: String
    public var open: Int
    public var breachedTimers: Int
    public var dueToday: Int
}

/// Everything the shift board and the report's "now" lists show, from the open complaints at one
/// instant: the one place that decides which timer is breached, due within an hour, due today or
/// on the next working day, which complaint waits too long and which deadline needs attention.
public struct BoardFigures: Sendable {
    public let now: Date
    public let today: LocalDate
    /// nil when the calendar has no working day in the next 60 days.
    public let nextWorkingDay: LocalDate?
    /// Sections in `BoardSection` order; the most urgent first inside each.
    public let rows: [BoardRow]
    public let load: [AdvisorLoad]
    public let unassigned: Int
    /// Changes whenever a timer or legal period of an open complaint changes state: while it and
    /// the log stay the same, every period figure of `DeskReport` stays the same too.
    public let clockSignature: Int
    /// Low survey and mystery-shopping results no lead has reviewed (the section "Low scores").
    public let lowFeedback: [FeedbackEntry]

    public init(desk: Desk, now: Date) {
        self.now = now
        let calendar = desk.calendar, warnings = desk.config.warnings
        today = calendar.localDate(of: now)
        nextWorkingDay = Self.workingDay(after: today, calendar: calendar)
        var bySection: [BoardSection: [BoardRow]] = [:]
        var openByOwner: [String: Int] = [:], breachedByOwner: [String: Int] = [:], dueTodayByOwner: [String: Int] = [:]
        var unassigned = 0
        var signature = Hasher()
        for complaint in desk.state.complaints.open {
            let facts = complaint.clockFacts
            let legalStatuses = desk.legalStatuses(of: facts, now: now)
            let legal = legalStatuses.last
            signature.combine(complaint.number)
            for status in legalStatuses { signature.combine(status.cycle); signature.combine(status.state) }
            func row(_ section: BoardSection, timer: TimerStatus? = nil) -> BoardRow {
                BoardRow(section: section, number: complaint.number, customer: complaint.intake.customer,
                         owner: complaint.owner, priority: complaint.priority, state: complaint.state,
                         isEscalated: !facts.escalations.isEmpty, timer: timer, legal: legal)
            }
            if let owner = complaint.owner { openByOwner[owner, default: 0] += 1 } else { unassigned += 1 }
            for timer in desk.timers(of: facts, now: now) {
                signature.combine(timer.name); signature.combine(timer.cycle); signature.combine(timer.state)
                if let owner = complaint.owner, [.running, .warning].contains(timer.state),
                   let due = timer.dueAt, calendar.localDate(of: due) == today {
                    dueTodayByOwner[owner, default: 0] += 1
                }
                guard let section = Self.section(of: timer, now: now, today: today, nextWorkingDay: nextWorkingDay,
                                                 calendar: calendar) else { continue }
                bySection[section, default: []].append(row(section, timer: timer))
                if let owner = complaint.owner, section == .breached { breachedByOwner[owner, default: 0] += 1 }
            }
            if complaint.state == .waiting, let pause = facts.pauses.last, pause.end == nil {
                let days = Self.workingDays(after: calendar.localDate(of: pause.start), through: today, calendar: calendar)
                if days > warnings.waitingWorkingDays {
                    var waiting = row(.waiting)
                    waiting.waitingSince = pause.start
                    waiting.workingDaysWaiting = days
                    bySection[.waiting, default: []].append(waiting)
                }
            }
            if let cycle = facts.cycles.last, let decidedAt = cycle.decidedAt, decidedAt <= now,
               cycle.answer.map({ $0.at > now }) ?? true {
                var decided = row(.decidedNotAnswered)
                decided.decidedAt = decidedAt
                bySection[.decidedNotAnswered, default: []].append(decided)
            }
            if let legal, LegalReading.needsAttention(legal, warnings: warnings) {
                bySection[.legal, default: []].append(row(.legal))
            }
        }
        rows = BoardSection.allCases.flatMap { (bySection[$0] ?? []).sorted(by: Self.urgencyOrder) }
        var people: [AdvisorLoad] = desk.config.operators
            .filter { $0.role == .advisor || openByOwner[$0.id] != nil }
            .map { AdvisorLoad(id: $0.id, name: $0.name, open: openByOwner[$0.id] ?? 0,
                               breachedTimers: breachedByOwner[$0.id] ?? 0, dueToday: dueTodayByOwner[$0.id] ?? 0) }
        // Owners the configuration no longer lists still carry their complaints.
        for (owner, count) in openByOwner where !people.contains(where: { $0.id == owner }) {
            people.append(AdvisorLoad(id: owner, name: owner, open: count, breachedTimers: breachedByOwner[owner] ?? 0,
                                      dueToday: dueTodayByOwner[owner] ?? 0))
        }
        load = people.sorted { ($0.breachedTimers, $0.dueToday, $0.open, $1.name) > ($1.breachedTimers, $1.dueToday, $1.open, $0.name) }
        self.unassigned = unassigned
        clockSignature = signature.finalize()
        lowFeedback = desk.state.lowFeedback(desk.config.feedback)
    }

    public func rows(in section: BoardSection) -> [BoardRow] { rows.filter { $0.section == section } }

    /// Complaints with at least one row in `section`.
    public func complaintCount(in section: BoardSection) -> Int { Set(rows(in: section).map(\.number)).count }

    /// The timer section a timer belongs to at `now`, or nil (stopped, paused, or due later).
    public static func section(of timer: TimerStatus, now: Date, today: LocalDate, nextWorkingDay: LocalDate?,
                               calendar: BusinessCalendar) -> BoardSection? {
        guard let due = timer.dueAt else { return nil }
        switch timer.state {
        case .breached: return .breached
        case .running, .warning:
            if TimerReading.isDueWithinHour(timer, now: now) { return .withinHour }
            let day = calendar.localDate(of: due)
            if day == today { return .laterToday }
            if day == nextWorkingDay { return .nextWorkingDay }
            return nil
        case .paused, .met, .missed, .notDone, .notStarted: return nil
        }
    }

    /// The first day after `date` on which the site is open.
    public static func workingDay(after date: LocalDate, calendar: BusinessCalendar) -> LocalDate? {
        var day = date
        for _ in 0..<60 {
            day = day.adding(days: 1)
            if !calendar.openIntervals(on: day).isEmpty { return day }
        }
        return nil
    }

    /// Working days after `start` up to and including `end`: waiting since Monday, on Thursday it is 3.
    public static func workingDays(after start: LocalDate, through end: LocalDate, calendar: BusinessCalendar) -> Int {
        var count = 0, day = start
        while day < end, count < 10_000 {
            day = day.adding(days: 1)
            if !calendar.openIntervals(on: day).isEmpty { count += 1 }
        }
        return count
    }

    /// Most urgent first: the most business time overdue, then the earliest due time; legal rows
    /// by deadline; waiting ones by the longest wait. The number breaks ties so the order never jumps.
    static func urgencyOrder(_ lhs: BoardRow, _ rhs: BoardRow) -> Bool {
        if let left = lhs.timer, let right = rhs.timer {
            let leftKey = (left.remainingBusinessMinutes ?? 0, left.dueAt ?? .distantFuture)
            let rightKey = (right.remainingBusinessMinutes ?? 0, right.dueAt ?? .distantFuture)
            if lhs.section == .breached, leftKey.0 != rightKey.0 { return leftKey.0 < rightKey.0 }
            if leftKey.1 != rightKey.1 { return leftKey.1 < rightKey.1 }
            if left.name != right.name { return left.name.rawValue < right.name.rawValue }
        } else if let left = lhs.waitingSince, let right = rhs.waitingSince, left != right {
            return left < right
        } else if let left = lhs.decidedAt, let right = rhs.decidedAt, left != right {
            return left < right
        } else if let left = lhs.legal, let right = rhs.legal, left.deadline != right.deadline {
            return left.deadline < right.deadline
        }
        return lhs.number < rhs.number
    }
}
