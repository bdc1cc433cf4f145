import Foundation

// SLA timers derived at read time from neutral facts of a complaint's history. Nothing here is
// stored: a calendar or target change simply recomputes every timer from the same facts.

/// One handling cycle: the first starts at receipt, each reopen starts a new one.
public struct ClockCycle: Sendable, Hashable, Codable {
    /// Receipt, or the reopen instant.
    public var startedAt: Date
    public var isReopen: Bool
    /// First acknowledgement in this cycle; stops the acknowledgement timer (cycle 1 only; an
    /// earlier substantive contact stops it too).
    public var acknowledgedAt: Date?
    /// Substantive contacts with the customer: the first stops first-contact (cycle 1 only),
    /// each restarts the update cadence.
    public var contacts: [Date]
    /// Stops the decision timer and the update cadence.
    public var decidedAt: Date?
    /// Ends the cycle and starts the follow-up timer.
    public var closedAt: Date?
    /// Stops the follow-up timer.
    public var followedUpAt: Date?
    /// The first answer sent in this cycle: stops its legal clock where the site counts the answer when sent.
    public var answer: AnswerFact?
    /// The first confirmation that the answer reached the customer: stops the legal clock where
    /// the site counts the answer when delivered.
    public var deliveredAt: Date?

    public init(startedAt: Date, isReopen: Bool, acknowledgedAt: Date? = nil, contacts: [Date] = [],
                decidedAt: Date? = nil, closedAt: Date? = nil, followedUpAt: Date? = nil,
                answer: AnswerFact? = nil, deliveredAt: Date? = nil) {
        self.startedAt = startedAt; self.isReopen = isReopen; self.acknowledgedAt = acknowledgedAt
        self.contacts = contacts; self.decidedAt = decidedAt; self.closedAt = closedAt; self.followedUpAt = followedUpAt
        self.answer = answer; self.deliveredAt = deliveredAt
    }
}

/// When an answer was sent, and how.
public struct AnswerFact: Sendable, Hashable, Codable {
    public var at: Date
    public var medium: AnswerMedium
    public init(at: Date, medium: AnswerMedium) { self.at = at; self.medium = medium }
}

/// An escalation, when it happened; `priority` is the priority it raised the complaint to (nil:
/// escalated to the lead without a new priority).
public struct Escalation: Sendable, Hashable, Codable {
    public var at: Date
    public var priority: Priority?
    public init(at: Date, priority: Priority?) { self.at = at; self.priority = priority }
}

/// Who owned the complaint from `at` on (nil: unassigned).
public struct Assignment: Sendable, Hashable, Codable {
    public var at: Date
    public var owner: String?
    public init(at: Date, owner: String?) { self.at = at; self.owner = owner }
}

public struct ComplaintClockFacts: Sendable, Hashable, Codable {
    public var receivedAt: Date
    /// The intake's priority; `escalations` may raise it from their instant on (`priority(at:)`).
    public var receivedPriority: Priority
    public var channel: Channel
    public var legalBasis: LegalBasis
    /// How the answer will most likely go (e-mail when the customer gave an address, else a
    /// letter): its delivery margin sets the "send by" day before an answer is sent.
    public var expectedMedium: AnswerMedium
    public var cycles: [ClockCycle]
    public var pauses: [PauseSegment]
    /// Events entered more than `TimeRules.lateEntryMinutes` after they happened, in log order: a
    /// verdict that rests on one says so (`TimerStatus.lateEntry`), and the report counts them.
    public var lateEntries: [LateEntry]
    /// In log order. A priority applies from the escalation on and never rewrites a verdict reached before it.
    public var escalations: [Escalation]
    /// The owner at receipt, then every reassignment, in log order: figures "by owner" credit the
    /// owner at the instant that counts, not today's.
    public var assignments: [Assignment]

    public init(receivedAt: Date, receivedPriority: Priority, channel: Channel, legalBasis: LegalBasis,
                expectedMedium: AnswerMedium = .letter,
                cycles: [ClockCycle], pauses: [PauseSegment], lateEntries: [LateEntry] = [],
                escalations: [Escalation] = [], assignments: [Assignment] = []) {
        self.receivedAt = receivedAt; self.receivedPriority = receivedPriority; self.channel = channel
        self.legalBasis = legalBasis; self.expectedMedium = expectedMedium; self.cycles = cycles; self.pauses = pauses; self.lateEntries = lateEntries
        self.escalations = escalations; self.assignments = assignments
    }

    /// The priority in force at `instant`: the intake's, raised by every escalation made at or before it.
    public func priority(at instant: Date) -> Priority {
        escalations.reduce(receivedPriority) { current, escalation in
            guard escalation.at <= instant, let raised = escalation.priority, raised > current else { return current }
            return raised
        }
    }

    /// The priority after every escalation recorded.
    public var currentPriority: Priority { priority(at: .distantFuture) }

    /// The owner at `instant` (nil: unassigned then).
    public func owner(at instant: Date) -> String? {
        var owner: String?
        for assignment in assignments where assignment.at <= instant { owner = assignment.owner }
        return owner
    }

    /// The late entry a timer's stop rests on: an event of the kind that stops it, at that instant.
    func lateEntry(stopping timer: TimerName, at instant: Date) -> LateEntry? {
        let verbs: [ActionVerb] = switch timer {
        case .acknowledgement: [.acknowledge, .contact]
        case .firstContact: [.contact]
        case .update, .decision: [.decide]
        case .followUp: [.followUp]
        }
        return lateEntries.first { $0.occurredAt == instant && verbs.contains($0.verb) }
    }
}

public enum TimerState: String, Codable, Sendable {
    case running, warning, breached, paused, met
    /// Stopped after its due time.
    case missed
    /// Stopped by closing or reopening the case before its own event happened: nothing was
    /// achieved, so it counts against the target and never enters a median of achieved times.
    case notDone = "not-done"
    case notStarted = "not-started"
}

/// What started a timer (for the update cadence: the event that opened the current period).
public enum TimerStartCause: String, Codable, Sendable {
    case receipt, reopen, acknowledgement, contact, close
}

/// What stopped a timer.
public enum TimerStopCause: String, Codable, Sendable {
    /// The timer's own event (acknowledgement, contact, decision, follow-up call).
    case event
    /// The cycle was closed before the timer's event happened.
    case cycleClosed = "cycle-closed"
    /// The case was reopened before the timer's event happened (a follow-up overtaken by a reopen).
    case reopened
}

public struct TimerStatus: Sendable, Hashable, Codable {
    public var name: TimerName
    /// 1 for the original handling, 2… for each reopen.
    public var cycle: Int
    public var state: TimerState
    public var startedAt: Date?
    /// nil before the timer starts, and while it is paused (the due time is only known once the
    /// pause ends; `remainingBusinessMinutes` holds still meanwhile).
    public var dueAt: Date?
    public var stoppedAt: Date?
    public var targetMinutes: Int
    public var elapsedBusinessMinutes: Int
    public var pausedMinutes: Int
    /// Target minus elapsed; negative when breached (business minutes overdue); nil once stopped.
    public var remainingBusinessMinutes: Int?
    public var explanation: TimerExplanation
    /// The event that stopped this timer was entered late: the verdict rests on a time someone
    /// gave, not on the machine's clock ("met — entered 7 h 46 min late"). nil otherwise.
    public var lateEntry: LateEntry? = nil

    public init(name: TimerName, cycle: Int, state: TimerState, startedAt: Date?, dueAt: Date?, stoppedAt: Date?,
                targetMinutes: Int, elapsedBusinessMinutes: Int, pausedMinutes: Int, remainingBusinessMinutes: Int?,
                explanation: TimerExplanation) {
        self.name = name; self.cycle = cycle; self.state = state; self.startedAt = startedAt; self.dueAt = dueAt
        self.stoppedAt = stoppedAt; self.targetMinutes = targetMinutes; self.elapsedBusinessMinutes = elapsedBusinessMinutes
        self.pausedMinutes = pausedMinutes; self.remainingBusinessMinutes = remainingBusinessMinutes
        self.explanation = explanation
    }
}

public enum SLAEngine {
    /// Every timer of every cycle, in order: cycle 1 acknowledgement, first contact, update,
    /// decision, follow-up; then update, decision and follow-up of each reopen.
    /// Facts later than `now` are treated as not yet happened. Throws `CalendarError` when the
    /// site calendar is unusable.
    public static func timers(for facts: ComplaintClockFacts, config: SiteConfig, now: Date) throws -> [TimerStatus] {
        timers(for: facts, calendar: try BusinessCalendar(config.calendar), targets: config.sla,
               warnings: config.warnings, now: now)
    }

    public static func timers(for facts: ComplaintClockFacts, calendar: BusinessCalendar, targets: SLATargets,
                              warnings: WarningThresholds, now: Date) -> [TimerStatus] {
        let known = facts.asOf(now)
        let evaluator = TimerEvaluator(calendar: calendar, pauses: known.pauses, warnings: warnings, now: now,
                                       channel: known.channel, facts: known)
        var result: [TimerStatus] = []
        for (index, cycle) in known.cycles.enumerated() {
            let number = index + 1
            let nextStart = index + 1 < known.cycles.count ? known.cycles[index + 1].startedAt : nil
            // The cycle ends at its close, or at the next reopen if the close was never recorded.
            let cycleEnd: (at: Date, cause: TimerStopCause)? =
                cycle.closedAt.map { ($0, .cycleClosed) } ?? nextStart.map { ($0, .reopened) }
            func stop(_ event: Date?) -> (at: Date, cause: TimerStopCause)? {
                switch (event, cycleEnd) {
                case let (event?, end?): return event <= end.at ? (event, .event) : end
                case let (event?, nil): return (event, .event)
                case let (nil, end): return end
                }
            }
            let context = CycleContext(number: number, startedAt: cycle.startedAt, isReopen: cycle.isReopen)
            let start: TimerStartCause = cycle.isReopen ? .reopen : .receipt
            if number == 1 {
                result.append(evaluator.evaluate(.acknowledgement, context, start: (cycle.startedAt, start),
                                                 stop: stop(acknowledgement(of: cycle)), target: targets))
                result.append(evaluator.evaluate(.firstContact, context, start: (cycle.startedAt, start),
                                                 stop: stop(cycle.contacts.first), target: targets))
            }
            result.append(updateCadence(cycle, context, stop: stop(cycle.decidedAt), evaluator: evaluator, targets: targets))
            result.append(evaluator.evaluate(.decision, context, start: (cycle.startedAt, start),
                                             stop: stop(cycle.decidedAt), target: targets))
            let followUpStop: (at: Date, cause: TimerStopCause)? = {
                switch (cycle.followedUpAt, nextStart) {
                case let (call?, reopen?): return call <= reopen ? (call, .event) : (reopen, .reopened)
                case let (call?, nil): return (call, .event)
                case let (nil, reopen): return reopen.map { ($0, .reopened) }
                }
            }()
            result.append(evaluator.evaluate(.followUp, context, start: cycle.closedAt.map { ($0, .close) },
                                             stop: cycle.closedAt == nil ? nil : followUpStop, target: targets))
        }
        return result
    }

    /// A substantive contact confirms receipt too, so whichever comes first acknowledges.
    private static func acknowledgement(of cycle: ClockCycle) -> Date? {
        [cycle.acknowledgedAt, cycle.contacts.first].compactMap { $0 }.min()
    }

    /// The timer that falls due first among those still running (warning and breached included).
    /// A convenience for sorting a queue; the dashboard shows all timers, not only this one.
    public static func nextDue(_ timers: [TimerStatus]) -> TimerStatus? {
        timers.compactMap { timer in
            [.running, .warning, .breached].contains(timer.state) ? timer.dueAt.map { (timer, $0) } : nil
        }.min { $0.1 < $1.1 }?.0
    }

    /// One legal clock per cycle: the original complaint from receipt, each reopen from its own
    /// instant (a new demand). Stopped by the cycle's answer (sent or delivered, as the site
    /// counts it), never by the decision alone. Empty when the rule does not apply.
    public static func legalStatuses(for facts: ComplaintClockFacts, config: SiteConfig, now: Date) throws -> [LegalClockStatus] {
        guard let zone = TimeZone(identifier: config.calendar.timeZoneID) else {
            throw CalendarError.unknownTimeZone(config.calendar.timeZoneID)
        }
        let rule = config.legalRule(facts.legalBasis)
        return facts.asOf(now).cycles.enumerated().compactMap { index, cycle in
            LegalClockStatus.evaluate(startedAt: index == 0 ? facts.receivedAt : cycle.startedAt, rule: rule,
                                      answer: LegalAnswer(cycle: cycle, expectedMedium: facts.expectedMedium),
                                      rules: config.answers, now: now, timeZone: zone, cycle: index + 1)
        }
    }

    /// Update cadence: periods start at the cycle start, the acknowledgement (cycle 1) and each
    /// contact; each period's due is the full target. The status shown is the current (last)
    /// period; earlier periods that overran are counted in the explanation.
    private static func updateCadence(_ cycle: ClockCycle, _ context: CycleContext,
                                      stop: (at: Date, cause: TimerStopCause)?,
                                      evaluator: TimerEvaluator, targets: SLATargets) -> TimerStatus {
        // The first period always starts with the cycle, even when the cycle is decided at that
        // very instant (everything typed with one `--at`): it is then met at once, never missing.
        let first: (at: Date, cause: TimerStartCause) = (cycle.startedAt, cycle.isReopen ? .reopen : .receipt)
        var later: [(at: Date, cause: TimerStartCause)] = []
        if context.number == 1, let ack = cycle.acknowledgedAt { later.append((ack, .acknowledgement)) }
        later += cycle.contacts.map { ($0, .contact) }
        // A restart at the stop or after it opens no period; one at the cycle start is the first period.
        later = later.filter { start in start.at > first.at && stop.map { start.at < $0.at } ?? true }
            .sorted { $0.at < $1.at }
        var periods = [first]
        for start in later where periods.last?.at != start.at { periods.append(start) }
        var missedEarlier = 0
        for (period, next) in zip(periods, periods.dropFirst()) {
            let earlier = evaluator.evaluate(.update, context, start: period, stop: (next.at, .event), target: targets)
            if earlier.state == .missed { missedEarlier += 1 }
        }
        var current = evaluator.evaluate(.update, context, start: periods.last ?? first, stop: stop, target: targets)
        current.explanation.updatePeriod = periods.count
        current.explanation.earlierUpdatePeriodsMissed = missedEarlier
        return current
    }
}

struct CycleContext {
    var number: Int
    var startedAt: Date
    var isReopen: Bool
}

/// Turns one timer's start, stop and target into a status.
struct TimerEvaluator {
    let calendar: BusinessCalendar
    let pauses: [PauseSegment]
    let warnings: WarningThresholds
    let now: Date
    let channel: Channel
    let facts: ComplaintClockFacts

    func evaluate(_ name: TimerName, _ cycle: CycleContext, start: (at: Date, cause: TimerStartCause)?,
                  stop: (at: Date, cause: TimerStopCause)?, target targets: SLATargets) -> TimerStatus {
        // The priority in force when the timer stopped, or now while it runs: an escalation after
        // a stop keeps the verdict reached; one while it runs sets the target from the timer's own start.
        let priority = facts.priority(at: stop?.at ?? now)
        let target = targets.target(name, priority: priority, channel: channel)
        var explanation = TimerExplanation(
            timer: name, cycle: cycle.number, cycleStartedAt: cycle.startedAt, isReopenCycle: cycle.isReopen,
            state: .notStarted, startedAt: nil, startCause: nil, dueAt: nil, stoppedAt: nil, stopCause: nil,
            priority: priority, channel: channel, targetMinutes: target, elapsedBusinessMinutes: 0,
            pausedBusinessMinutes: 0, closedWallMinutes: 0, remainingBusinessMinutes: target,
            pauses: [], skippedDays: [], updatePeriod: nil, earlierUpdatePeriodsMissed: 0,
            timeZone: calendar.timeZone)
        guard let start, start.at <= now else {
            return TimerStatus(name: name, cycle: cycle.number, state: .notStarted, startedAt: nil, dueAt: nil,
                               stoppedAt: nil, targetMinutes: target, elapsedBusinessMinutes: 0, pausedMinutes: 0,
                               remainingBusinessMinutes: target, explanation: explanation)
        }
        let end = stop?.at ?? now
        // Only the part of each pause inside this timer's run matters; an open pause runs to `end`.
        let relevant = pauses.compactMap { pause -> PauseSegment? in
            guard pause.start < end, (pause.end ?? end) > start.at else { return nil }
            // A stopped timer sees every pause closed at its stop; a running one keeps an open pause open.
            let clippedEnd = stop == nil ? pause.end : min(pause.end ?? end, end)
            return PauseSegment(start: max(pause.start, start.at), end: clippedEnd, reason: pause.reason)
        }
        let isPausedNow = stop == nil && relevant.contains { $0.end == nil }
        let measured = calendar.businessTime(from: start.at, to: end, pauses: relevant)
        // For the due time an open pause counts as ending now: the due it would have if resumed now.
        let closedPauses = relevant.map { PauseSegment(start: $0.start, end: $0.end ?? end, reason: $0.reason) }
        let due = calendar.instant(afterBusinessMinutes: target, from: start.at, pauses: closedPauses)
        let elapsedSeconds = measured.elapsedBusinessSeconds
        let targetSeconds = TimeInterval(target) * 60
        let state: TimerState
        if let stop, stop.cause != .event {
            state = .notDone
        } else if let stop {
            state = due.map { stop.at <= $0 } ?? true ? .met : .missed
        } else if let due, due < now {
            state = .breached
        } else if isPausedNow {
            state = .paused
        } else if elapsedSeconds * 100 >= TimeInterval(warnings.percentElapsed) * targetSeconds
                    || targetSeconds - elapsedSeconds < TimeInterval(warnings.minutesBeforeDue) * 60 {
            state = .warning
        } else {
            state = .running
        }
        let remaining = stop == nil ? target - measured.elapsedBusinessMinutes : nil
        let shownDue = state == .paused ? nil : due
        explanation.state = state
        explanation.startedAt = start.at
        explanation.startCause = start.cause
        explanation.dueAt = shownDue
        explanation.stoppedAt = stop?.at
        explanation.stopCause = stop?.cause
        explanation.elapsedBusinessMinutes = measured.elapsedBusinessMinutes
        explanation.pausedBusinessMinutes = measured.pausedBusinessMinutes
        explanation.closedWallMinutes = measured.closedWallMinutes
        explanation.remainingBusinessMinutes = remaining
        explanation.pauses = measured.pauses
        explanation.skippedDays = measured.skippedDays
        let late = stop.flatMap { $0.cause == .event ? facts.lateEntry(stopping: name, at: $0.at) : nil }
        explanation.lateEntry = late
        var status = TimerStatus(name: name, cycle: cycle.number, state: state, startedAt: start.at, dueAt: shownDue,
                           stoppedAt: stop?.at, targetMinutes: target,
                           elapsedBusinessMinutes: measured.elapsedBusinessMinutes,
                           pausedMinutes: measured.pausedBusinessMinutes,
                           remainingBusinessMinutes: remaining, explanation: explanation)
        status.lateEntry = late
        return status
    }
}

extension ComplaintClockFacts {
    /// The facts as they were known at `now`: later events not yet happened, later pause ends
    /// not yet known. Without cycles, one cycle from receipt is assumed.
    public func asOf(_ now: Date) -> ComplaintClockFacts {
        func known(_ date: Date?) -> Date? { date.flatMap { $0 <= now ? $0 : nil } }
        var copy = self
        let source = cycles.isEmpty ? [ClockCycle(startedAt: receivedAt, isReopen: false)] : cycles
        copy.cycles = source.filter { $0.startedAt <= now }.map { cycle in
            var cycle = cycle
            cycle.acknowledgedAt = known(cycle.acknowledgedAt)
            cycle.contacts = cycle.contacts.filter { $0 <= now }.sorted()
            cycle.decidedAt = known(cycle.decidedAt)
            cycle.closedAt = known(cycle.closedAt)
            cycle.followedUpAt = known(cycle.followedUpAt)
            cycle.answer = cycle.answer.flatMap { $0.at <= now ? $0 : nil }
            cycle.deliveredAt = known(cycle.deliveredAt)
            return cycle
        }
        if copy.cycles.isEmpty { copy.cycles = [ClockCycle(startedAt: receivedAt, isReopen: false)] }
        copy.escalations = escalations.filter { $0.at <= now }
        copy.assignments = assignments.filter { $0.at <= now }
        copy.pauses = pauses.filter { $0.start <= now }.map { pause in
            PauseSegment(start: pause.start, end: known(pause.end), reason: pause.reason)
        }
        return copy
    }
}
