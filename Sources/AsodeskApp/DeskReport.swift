import AsodeskDomain
import AsodeskLog
import Foundation

/// A stretch of site-local days, first and last included. Periods are cut at local midnight
/// (never UTC midnight): an event belongs to the local date it happened on.
public struct ReportPeriod: Sendable, Equatable {
    public enum Kind: String, Sendable, Encodable { case day, month, range }
    public var kind: Kind
    public var from: LocalDate
    public var through: LocalDate

    public static func day(_ date: LocalDate) -> ReportPeriod { ReportPeriod(kind: .day, from: date, through: date) }

    public static func month(of date: LocalDate) -> ReportPeriod {
        ReportPeriod(kind: .month, from: LocalDate(year: date.year, month: date.month, day: 1),
                     through: LocalDate(year: date.year, month: date.month,
                                        day: LocalDate.daysIn(month: date.month, year: date.year)))
    }

    public static func range(from: LocalDate, through: LocalDate) -> ReportPeriod {
        ReportPeriod(kind: .range, from: from, through: through)
    }

    public func contains(_ date: LocalDate) -> Bool { date >= from && date <= through }

    /// The instant the figures of this period are taken at: its last instant, or `now` while it
    /// lasts. Nothing that happened later counts, so a past period always reads the same.
    public func asOf(now: Date, calendar: BusinessCalendar) -> Date {
        // In whole milliseconds, as the log keeps instants: the last millisecond of the day is the
        // same Date as an event stored at it (floating-point subtraction could land a hair before).
        let end = EventCodec.storable(calendar.instant(of: through.adding(days: 1), at: LocalTime(hour: 0)).addingTimeInterval(-0.001))
        return min(now, end)
    }
}

/// The shift lead's figures for one or more periods, and what needs attention now. Every figure
/// is defined once here (and in the shift lead's guide); the board, the handover, `report` and
/// its JSON show these values, never their own.
public struct DeskReport: Encodable {
    /// Verdicts of one kind of timer: met on time, late (missed, or still running past due) and
    /// not done (stopped by closing or reopening without its event). Each timer counts once, in
    /// the period of the instant its verdict became known: its stop when met or not done before
    /// its due time, otherwise its due time (or the escalation that brought the due time forward).
    public struct TimerCompliance: Encodable, Sendable, Equatable {
        public var met = 0
        public var late = 0
        public var notDone = 0
        public var total: Int { met + late + notDone }
        public var onTime: FigureShare { FigureShare(part: met, whole: total) }

        mutating func add(_ other: TimerCompliance) { met += other.met; late += other.late; notDone += other.notDone }

        enum CodingKeys: String, CodingKey { case met, late, notDone, onTime }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(met, forKey: .met)
            try container.encode(late, forKey: .late)
            try container.encode(notDone, forKey: .notDone)
            try container.encode(onTime, forKey: .onTime)
        }
    }

    /// Legal periods whose deadline passed or whose answer came in the period, as of its end:
    /// the share answered in time is of those answered in the period and those overdue and
    /// unanswered at its end (counted in every period until answered). Those still within
    /// their deadline are counted apart and in no share.
    public struct LegalCompliance: Encodable, Sendable, Equatable {
        public var answeredInTime = 0
        public var answeredLate = 0
        public var overdueUnanswered = 0
        public var withinDeadline = 0
        public var inTime: FigureShare { FigureShare(part: answeredInTime, whole: answeredInTime + answeredLate + overdueUnanswered) }

        mutating func add(_ other: LegalCompliance) {
            answeredInTime += other.answeredInTime; answeredLate += other.answeredLate
            overdueUnanswered += other.overdueUnanswered; withinDeadline += other.withinDeadline
        }

        enum CodingKeys: String, CodingKey { case answeredInTime, answeredLate, overdueUnanswered, withinDeadline, inTime }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(answeredInTime, forKey: .answeredInTime)
            try container.encode(answeredLate, forKey: .answeredLate)
            try container.encode(overdueUnanswered, forKey: .overdueUnanswered)
            try container.encode(withinDeadline, forKey: .withinDeadline)
            try container.encode(inTime, forKey: .inTime)
        }
    }

    /// The customers' scores (1–5) given at follow-up calls in the period.
    public struct Satisfaction: Encodable, Sendable, Equatable {
        /// `distribution[0]` is the number of 1s, `distribution[4]` of 5s.
        public var distribution = [0, 0, 0, 0, 0]
        public var count: Int { distribution.reduce(0, +) }
        /// Rounded to one decimal, half up; nil without a rating.
        public var average: Double? {
            guard count > 0 else { return nil }
            let sum = distribution.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
            return (Double(sum) * 10 / Double(count)).rounded(.toNearestOrAwayFromZero) / 10
        }

        enum CodingKeys: String, CodingKey { case count, distribution, average }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(count, forKey: .count)
            try container.encode(distribution, forKey: .distribution)
            try container.encodeIfPresent(average, forKey: .average)
        }
    }

    /// The ways the review splits a period (`PeriodFigures.breakdown`). Each complaint falls in one
    /// group of each per period, so a dimension's groups add up to the period's totals.
    public enum Dimension: String, CaseIterable, Encodable, Sendable {
        /// The main cause (`workshop-error`), and the cause with its sub-cause (`workshop-error/assembly`).
        case category, cause, subCause = "sub-cause", channel
        /// Who owned the complaint at the instant the period's figures are taken (`unassigned`).
        case advisor
    }

    /// The period's figures of the complaints in one group: the same definitions as the period's own.
    public struct GroupFigures: Encodable, Sendable, Equatable {
        public var received = 0
        public var decided = 0
        public var reopened = 0
        /// Per timer name, as `PeriodFigures.timers`.
        public var timers: [String: TimerCompliance] = [:]
        public var legal = LegalCompliance()
        public var reopenedAfterDecision = FigureShare(part: 0, whole: 0)
        public var satisfaction = Satisfaction()
        /// The complaints behind the group's figures (any of them), in number order.
        public var complaints: [ComplaintNumber] = []
        /// Those decided in the period (behind `decided` and a cause's bar in the Pareto).
        public var decidedComplaints: [ComplaintNumber] = []

        public var allTimers: TimerCompliance { timers.values.reduce(into: TimerCompliance()) { $0.add($1) } }
    }

    /// Survey (CSI) results dated in the period (the day of the visit, whenever imported), on the
    /// site's scale (`[feedback] survey_scale`): a score on the other scale is converted in
    /// proportion (7 of 10 is 3.5 of 5), and in the distribution rounded half up.
    public struct SurveyFigures: Encodable, Sendable, Equatable {
        public struct Advisor: Encodable, Sendable, Equatable {
            public var count = 0
            var sum = 0.0
            public var average: Double? { DeskReport.oneDecimal(sum, count) }
            enum CodingKeys: String, CodingKey { case count, average }
            public func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(count, forKey: .count)
                try container.encodeIfPresent(average, forKey: .average)
            }
        }
        public var scale: Int
        public var count = 0
        var sum = 0.0
        /// `distribution[0]` is the number of 1s, the last of `scale`s.
        public var distribution: [Int]
        /// Results naming an advisor, by advisor id.
        public var byAdvisor: [String: Advisor] = [:]
        public var average: Double? { DeskReport.oneDecimal(sum, count) }

        public init(scale: Int) { self.scale = scale; distribution = Array(repeating: 0, count: scale) }

        mutating func add(_ entry: FeedbackEntry) {
            guard let score = entry.score(onScale: scale) else { return }
            count += 1; sum += score
            let bucket = min(max(Int(score.rounded(.toNearestOrAwayFromZero)), 1), scale)
            distribution[bucket - 1] += 1
            if let advisor = entry.advisor {
                byAdvisor[advisor, default: Advisor()].count += 1
                byAdvisor[advisor, default: Advisor()].sum += score
            }
        }

        enum CodingKeys: String, CodingKey { case scale, count, average, distribution, byAdvisor }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(scale, forKey: .scale)
            try container.encode(count, forKey: .count)
            try container.encodeIfPresent(average, forKey: .average)
            try container.encode(distribution, forKey: .distribution)
            try container.encode(byAdvisor, forKey: .byAdvisor)
        }
    }

    /// Mystery-shopping results dated in the period (the day of the audit).
    public struct MysteryShoppingFigures: Encodable, Sendable, Equatable {
        public var count = 0
        var sum = 0
        /// Under `[feedback] low_mystery_percent`.
        public var low = 0
        public var averagePercent: Double? { DeskReport.oneDecimal(Double(sum), count) }

        mutating func add(_ entry: FeedbackEntry, settings: FeedbackSettings) {
            guard let percent = entry.percent else { return }
            count += 1; sum += percent
            if entry.isLow(settings) { low += 1 }
        }

        enum CodingKeys: String, CodingKey { case count, averagePercent, low }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(count, forKey: .count)
            try container.encodeIfPresent(averagePercent, forKey: .averagePercent)
            try container.encode(low, forKey: .low)
        }
    }

    public struct PeriodFigures: Encodable, Sendable, Equatable {
        public var kind: ReportPeriod.Kind
        public var from: String
        public var through: String
        /// The instant the figures describe (ISO 8601, site time).
        public var asOf: String
        public var received = 0
        public var acknowledged = 0
        public var decided = 0
        public var closed = 0
        public var followedUp = 0
        public var reopened = 0
        /// Medians in business minutes over the met and missed timers stopped in the period (a
        /// not-done timer achieved nothing and is in no median).
        public var medianMinutesToAcknowledgement: Int?
        public var medianMinutesToFirstContact: Int?
        public var medianMinutesToDecision: Int?
        /// Per timer name (`acknowledgement`, `first-contact`, `update`, `decision`, `follow-up`).
        public var timers: [String: TimerCompliance] = [:]
        /// Every timer together, by the owner at the instant of each verdict (`unassigned` when none).
        public var timersByOwner: [String: TimerCompliance] = [:]
        public var timersByCategory: [String: TimerCompliance] = [:]
        public var timersByChannel: [String: TimerCompliance] = [:]
        /// By the site-local month of each verdict (`2026-11`).
        public var timersByMonth: [String: TimerCompliance] = [:]
        public var legal = LegalCompliance()
        /// Complaints decided in the period that were reopened within `reopenWindowDays` of that
        /// decision (and before the period's end).
        public var reopenedAfterDecision = FigureShare(part: 0, whole: 0)
        public var reopenWindowDays: Int
        /// Paused business minutes of the decision timers stopped in the period, of their paused + counted minutes.
        public var pausedShare = FigureShare(part: 0, whole: 0)
        public var satisfaction = Satisfaction()
        public var byCategory: [String: Int] = [:]
        public var byChannel: [String: Int] = [:]
        /// Complaints received in the period, by who owned them at receipt.
        public var byOwner: [String: Int] = [:]
        /// Events entered in the period more than 15 minutes after they happened, by who entered them.
        public var lateEntriesByOperator: [String: Int] = [:]
        /// Timers whose verdict fell in the period and rests on an event entered late.
        public var verdictsOnLateEntries = 0
        /// Survey (CSI) and mystery-shopping results dated in the period.
        public var surveys = SurveyFigures(scale: FeedbackSettings.standard.surveyScale)
        public var mysteryShopping = MysteryShoppingFigures()

        /// The period's figures split by category, cause, channel and advisor (`Dimension`): group
        /// key → figures. Complaints without a group key are under `none` (no cause recorded yet).
        public var breakdown: [String: [String: GroupFigures]] = [:]

        /// The groups of one dimension, by key.
        public func groups(_ dimension: Dimension) -> [String: GroupFigures] { breakdown[dimension.rawValue] ?? [:] }
        /// Complaints received in the period and marked as mystery-shopping tests: in no other
        /// figure of the report, so it says how many were left out.
        public var testComplaintsExcluded = 0

        /// All timers of the period together.
        public var allTimers: TimerCompliance { timers.values.reduce(into: TimerCompliance()) { $0.add($1) } }
    }

    public var site: String
    /// The period asked for (`2026-11-23`, `2026-11`, `2026-11-01..2026-11-30`).
    public var subject: String
    public var generatedAt: String
    /// Open complaints by state, closed ones (awaiting their follow-up call) not among them.
    public var openByState: [String: Int]
    public var closedAwaitingFollowUp: Int
    /// What needs attention now, one item per timer or deadline; the words are the caller's.
    public struct AttentionItem: Encodable, Sendable, Equatable {
        public var number: String
        public var customer: String
        /// The timer's code (`decision`), for a timer item.
        public var timer: String?
        /// Business minutes left, negative past due (`TimerReading.minutesLeft`).
        public var minutesLeft: Int?
        /// When the timer falls due (ISO 8601, site time).
        public var dueAt: String?
        /// The statutory deadline (a site-local date), for a legal item.
        public var deadline: String?
        /// Where the answer stands (`LegalStanding` code), for a legal item.
        public var legalStanding: String?
        /// The last day to send the answer (a site-local date), for a legal item.
        public var sendBy: String?
        /// When the decision was given (ISO 8601, site time), for a decided complaint without an answer.
        public var decidedAt: String?
    }

    /// One item per breached timer (`BoardFigures`, as on the shift board).
    public var breachedTimers: [AttentionItem]
    /// Complaints with at least one breached timer.
    public var complaintsWithBreachedTimers: Int
    public var dueWithinOneHour: [AttentionItem]
    public var legalOverdue: [AttentionItem]
    /// Legal deadlines `legalWarningDays` calendar days away or less.
    public var legalNear: [AttentionItem]
    /// Decided in the current cycle, the answer not sent (`BoardSection.decidedNotAnswered`).
    public var decidedNotAnswered: [AttentionItem]
    /// Low survey and mystery-shopping results awaiting a shift lead's review, oldest first.
    public var lowFeedback: [FeedbackJSON]
    public var legalWarningDays: Int
    public var periods: [PeriodFigures]
    public var overdueProcedureReviews: [String]
    /// Open actions of the register past their due date, and derived procedure reviews past due.
    public var actionsOverdue: [ActionItem]
    /// Done actions whose effectiveness check has fallen due (`[improvement] effectiveness_check_weeks`).
    public var effectivenessChecksDue: [ActionItem]

    /// One action of the register that needs attention; the words are the caller's.
    public struct ActionItem: Encodable, Sendable, Equatable {
        /// The action's id (`D-2026/7`), or `procedure:<id>` for a review not yet logged.
        public var id: String
        public var kind: String
        public var title: String
        /// The owner's operator id; nil: the shift leads (a derived review).
        public var owner: String?
        /// Its due date, or the day its effectiveness check fell due (site-local).
        public var due: String
    }
    public var logRecords: UInt64
    /// Hash of the last record: printed so it leaves the machine; a later `verify` against it
    /// proves the history up to here was not rewritten.
    public var chainHead: String

    /// Where the figures of finished complaints come from.
    enum Source {
        /// Their summaries kept by the desk (never reads the log); those whose every date lies
        /// before the first period and that are settled are skipped without being decoded.
        case summaries
        /// These complaints in full, every one of the desk read back from the log (the reference
        /// the summaries are tested against; `fullHistory(of:)`).
        case fullHistory([Complaint])

        static func fullHistory(of desk: Desk) throws -> Source { .fullHistory(try desk.allComplaints()) }
    }

    /// A day and its month.
    public init(desk: Desk, day: LocalDate, now: Date) {
        self.init(desk: desk, periods: [.day(day), .month(of: day)], subject: day.description, now: now, source: .summaries)
    }

    /// `attention`: false leaves out what needs attention now (a screen that shows only the
    /// periods' figures is spared the board's evaluation of every open complaint).
    public init(desk: Desk, periods: [ReportPeriod], subject: String, now: Date, attention: Bool = true) {
        self.init(desk: desk, periods: periods, subject: subject, now: now, source: .summaries, attention: attention)
    }

    init(desk: Desk, day: LocalDate, now: Date, source: Source) {
        self.init(desk: desk, periods: [.day(day), .month(of: day)], subject: day.description, now: now, source: source)
    }

    init(desk: Desk, periods requested: [ReportPeriod], subject: String, now: Date, source: Source, attention: Bool = true) {
        let times = TimeText(timeZone: desk.calendar.timeZone)
        let calendar = desk.calendar, warnings = desk.config.warnings
        site = desk.config.siteName
        self.subject = subject
        generatedAt = times.iso(now)
        legalWarningDays = warnings.legalDaysBeforeDeadline
        let asOf = requested.map { $0.asOf(now: now, calendar: calendar) }
        var figures = requested.enumerated().map { index, period in
            PeriodFigures(kind: period.kind, from: period.from.description, through: period.through.description,
                          asOf: times.iso(asOf[index]), reopenWindowDays: warnings.reopenWindowDays)
        }
        var samples = Array(repeating: (ack: [Int](), contact: [Int](), decision: [Int]()), count: requested.count)
        let reopenWindow = TimeInterval(warnings.reopenWindowDays) * 86_400
        // A period as instants, its first local midnight to its `asOf`: a date is in it when it lies
        // between (no conversion to a local date per event and period).
        let starts = requested.map { EventCodec.storable(calendar.instant(of: $0.from, at: LocalTime(hour: 0))) }
        func periods(_ date: Date) -> [Int] {
            requested.indices.filter { date >= starts[$0] && date <= asOf[$0] }
        }

        // A person's id as the figures name it, made safe once per id (not once per figure).
        var shownIDs: [String: String] = [:]
        func shown(_ id: String) -> String {
            if let known = shownIDs[id] { return known }
            let safe = SafeText.singleLine(id, maxCharacters: 40)
            shownIDs[id] = safe
            return safe
        }

        let countsAt = desk.config.answers.countsAt
        func add<Subject: ReportSubject>(_ complaint: Subject) {
            // A mystery shopper's complaint tests the desk; it is no measure of it.
            guard !complaint.isMysteryShoppingTest else {
                for p in periods(complaint.receivedAt) { figures[p].testComplaintsExcluded += 1 }
                return
            }
            let facts = complaint.clockFacts
            let number = complaint.number
            // The complaint's group of each dimension in period `p`, as of the period's instant;
            // found once per period, when it first counts there.
            var keys = [[(String, String)]?](repeating: nil, count: asOf.count)
            let fixedKeys = [(Dimension.category.rawValue, complaint.category.rawValue),
                             (Dimension.cause.rawValue, complaint.cause?.main.text ?? "none"),
                             (Dimension.subCause.rawValue, complaint.cause?.text ?? "none"),
                             (Dimension.channel.rawValue, complaint.channel.rawValue)]
            func group(_ p: Int, _ body: (inout GroupFigures) -> Void) {
                let first = keys[p] == nil
                if first {
                    keys[p] = fixedKeys + [(Dimension.advisor.rawValue,
                                            facts.owner(at: asOf[p]).map(shown) ?? "unassigned")]
                }
                for (dimension, key) in keys[p]! {
                    body(&figures[p].breakdown[dimension, default: [:]][key, default: GroupFigures()])
                    if first { figures[p].breakdown[dimension]![key]!.complaints.append(number) }
                }
            }
            // Periods that end before `now` see the complaint as it stood then; those that share
            // an instant share its evaluation.
            var evaluated: [Date: ([TimerStatus], [LegalClockStatus])] = [:]
            // From this instant on every timer is stopped and every answer counts: one evaluation
            // serves every later period (a year of months asks for twelve).
            let settledSince = complaint.settledSince(countingAt: countsAt)
            for (p, instant) in asOf.enumerated() {
                // Not yet received at the period's end: nothing of it counts there.
                guard instant >= complaint.receivedAt else { continue }
                let key = settledSince.map { instant >= $0 ? $0 : instant } ?? instant
                let (timers, legal) = evaluated[key] ?? {
                    let value = (desk.timers(of: facts, now: instant), Self.legalPeriods(of: facts, desk: desk, asOf: instant))
                    evaluated[key] = value
                    return value
                }()
                let start = starts[p]
                func inPeriod(_ date: Date) -> Bool { date >= start && date <= instant }
                for status in legal {
                    var counted = LegalCompliance()
                    switch Self.legalVerdict(status) {
                    case .answeredInTime?: if let at = status.answeredAt, inPeriod(at) { counted.answeredInTime = 1 }
                    case .answeredLate?: if let at = status.answeredAt, inPeriod(at) { counted.answeredLate = 1 }
                    case .overdueUnanswered?: counted.overdueUnanswered = 1
                    case .withinDeadline?: counted.withinDeadline = 1
                    case nil: break
                    }
                    guard counted != LegalCompliance() else { continue }
                    figures[p].legal.add(counted)
                    group(p) { $0.legal.add(counted) }
                }
                for timer in timers {
                    guard let verdict = Self.verdict(of: timer, facts: facts, asOf: instant), inPeriod(verdict.at) else { continue }
                    let owner = facts.owner(at: verdict.at).map(shown) ?? "unassigned"
                    let month = calendar.localDate(of: verdict.at)
                    let monthKey = "\(month.year)-" + (month.month < 10 ? "0\(month.month)" : "\(month.month)")
                    figures[p].timers[timer.name.rawValue, default: TimerCompliance()].add(verdict.compliance)
                    figures[p].timersByOwner[owner, default: TimerCompliance()].add(verdict.compliance)
                    figures[p].timersByCategory[complaint.category.rawValue, default: TimerCompliance()].add(verdict.compliance)
                    figures[p].timersByChannel[complaint.channel.rawValue, default: TimerCompliance()].add(verdict.compliance)
                    figures[p].timersByMonth[monthKey, default: TimerCompliance()].add(verdict.compliance)
                    group(p) { $0.timers[timer.name.rawValue, default: TimerCompliance()].add(verdict.compliance) }
                    if timer.lateEntry != nil { figures[p].verdictsOnLateEntries += 1 }
                }
                for timer in timers where [.met, .missed].contains(timer.state) {
                    guard let stopped = timer.stoppedAt, inPeriod(stopped) else { continue }
                    switch timer.name {
                    case .acknowledgement: samples[p].ack.append(timer.elapsedBusinessMinutes)
                    case .firstContact: samples[p].contact.append(timer.elapsedBusinessMinutes)
                    case .decision:
                        samples[p].decision.append(timer.elapsedBusinessMinutes)
                        figures[p].pausedShare.part += timer.pausedMinutes
                        figures[p].pausedShare.whole += timer.pausedMinutes + timer.elapsedBusinessMinutes
                    case .update, .followUp: break
                    }
                }
            }
            for p in periods(complaint.receivedAt) {
                figures[p].received += 1
                figures[p].byCategory[complaint.category.rawValue, default: 0] += 1
                figures[p].byChannel[complaint.channel.rawValue, default: 0] += 1
                let owner = facts.owner(at: complaint.receivedAt).map(shown) ?? "unassigned"
                figures[p].byOwner[owner, default: 0] += 1
                group(p) { $0.received += 1 }
            }
            var decisions: [Date] = [], reopens: [Date] = []
            complaint.forEachMilestone { milestone in
                if milestone.kind == .decided { decisions.append(milestone.at) }
                if milestone.kind == .reopened { reopens.append(milestone.at) }
                for p in periods(milestone.at) {
                    switch milestone.kind {
                    case .acknowledged: figures[p].acknowledged += 1
                    case .decided:
                        figures[p].decided += 1
                        group(p) {
                            $0.decided += 1
                            if $0.decidedComplaints.last != number { $0.decidedComplaints.append(number) }
                        }
                    case .closed: figures[p].closed += 1
                    case .reopened:
                        figures[p].reopened += 1
                        group(p) { $0.reopened += 1 }
                    case .followedUp:
                        figures[p].followedUp += 1
                        if let score = milestone.satisfaction, (1...5).contains(score) {
                            figures[p].satisfaction.distribution[score - 1] += 1
                            group(p) { $0.satisfaction.distribution[score - 1] += 1 }
                        }
                    }
                }
            }
            for p in requested.indices {
                let decidedHere = decisions.filter { periods($0).contains(p) }
                guard !decidedHere.isEmpty else { continue }
                let reopenedSoon = decidedHere.contains { decision in
                    reopens.contains { $0 > decision && $0 <= decision + reopenWindow && $0 <= asOf[p] }
                }
                figures[p].reopenedAfterDecision.whole += 1
                if reopenedSoon { figures[p].reopenedAfterDecision.part += 1 }
                group(p) {
                    $0.reopenedAfterDecision.whole += 1
                    if reopenedSoon { $0.reopenedAfterDecision.part += 1 }
                }
            }
            for late in facts.lateEntries {
                for p in periods(late.recordedAt) {
                    figures[p].lateEntriesByOperator[shown(late.actor.id), default: 0] += 1
                }
            }
        }
        switch source {
        case .summaries:
            for complaint in desk.state.complaints.inFull { add(complaint) }
            // A finished complaint whose every date lies before the first period and whose last
            // answer counts (as the site counts it) adds to no period: skipped unread.
            let earliest = requested.map(\.from).min()
            let summaries = desk.state.complaints.finishedSummaries { latestAt, settlement in
                guard let earliest else { return false }
                return !(settlement.isSettled(countingAt: countsAt) && latestAt <= now && calendar.localDate(of: latestAt) < earliest)
            }
            for summary in summaries { add(summary) }
        case .fullHistory(let complaints):
            for complaint in complaints { add(complaint) }
        }
        let feedbackSettings = desk.config.feedback
        for p in requested.indices { figures[p].surveys = SurveyFigures(scale: feedbackSettings.surveyScale) }
        for entry in desk.state.feedbackResults {
            guard let date = entry.date else { continue }
            for p in requested.indices where requested[p].contains(date) {
                switch entry.kind {
                case .survey: figures[p].surveys.add(entry)
                case .mysteryShopping: figures[p].mysteryShopping.add(entry, settings: feedbackSettings)
                case .reviewed: break
                }
            }
        }
        for p in requested.indices {
            for (dimension, groups) in figures[p].breakdown {
                for key in groups.keys {
                    figures[p].breakdown[dimension]![key]!.complaints.sort()
                    figures[p].breakdown[dimension]![key]!.decidedComplaints.sort()
                }
            }
            figures[p].medianMinutesToAcknowledgement = DeskReport.median(samples[p].ack)
            figures[p].medianMinutesToFirstContact = DeskReport.median(samples[p].contact)
            figures[p].medianMinutesToDecision = DeskReport.median(samples[p].decision)
        }
        self.periods = figures

        var openByState: [String: Int] = [:], closedAwaiting = 0
        for complaint in desk.state.complaints.open {
            if complaint.state == .closed { closedAwaiting += 1 } else { openByState[complaint.state.rawValue, default: 0] += 1 }
        }
        self.openByState = openByState
        closedAwaitingFollowUp = closedAwaiting
        guard attention else {
            breachedTimers = []; complaintsWithBreachedTimers = 0; dueWithinOneHour = []; legalOverdue = []; legalNear = []
            decidedNotAnswered = []; overdueProcedureReviews = []; lowFeedback = []; actionsOverdue = []; effectivenessChecksDue = []
            logRecords = desk.log.lastSequence
            chainHead = Hex.string(desk.log.headHash)
            return
        }
        let board = BoardFigures(desk: desk, now: now)
        func item(_ row: BoardRow) -> AttentionItem {
            AttentionItem(number: row.number.description, customer: SafeText.singleLine(row.customer, maxCharacters: 30),
                          timer: row.timer?.name.rawValue, minutesLeft: row.timer.flatMap(TimerReading.minutesLeft),
                          dueAt: row.timer?.dueAt.map(times.iso), deadline: row.timer == nil ? row.legal?.deadline.description : nil,
                          legalStanding: row.timer == nil ? row.legal.map(LegalReading.code) : nil,
                          sendBy: row.timer == nil ? row.legal?.sendBy.description : nil, decidedAt: row.decidedAt.map(times.iso))
        }
        breachedTimers = board.rows(in: .breached).map(item)
        complaintsWithBreachedTimers = board.complaintCount(in: .breached)
        dueWithinOneHour = board.rows(in: .withinHour).map(item)
        let legalRows = board.rows(in: .legal)
        legalOverdue = legalRows.filter { $0.legal?.state == .overdue }.map(item)
        legalNear = legalRows.filter { $0.legal?.state != .overdue }.map(item)
        decidedNotAnswered = board.rows(in: .decidedNotAnswered).map(item)
        lowFeedback = board.lowFeedback.compactMap { FeedbackJSON($0, desk: desk) }
        let reviewDay = requested.map(\.through).max().map { min($0, calendar.localDate(of: now)) } ?? calendar.localDate(of: now)
        overdueProcedureReviews = desk.procedures.overdueReviews(today: reviewDay).map { "\($0.id) (reviewed \($0.reviewedOn))" }
        let register = desk.register(now: now)
        func actionItem(_ row: RegisterRow, due: LocalDate) -> ActionItem {
            switch row.source {
            case .logged(let action):
                return ActionItem(id: action.id.description, kind: action.kind.rawValue,
                                  title: SafeText.singleLine(action.title, maxCharacters: 60), owner: action.owner, due: due.description)
            case .procedureReview(let procedure, let title, _):
                return ActionItem(id: "procedure:\(procedure)", kind: ImprovementKind.procedureReview.rawValue,
                                  title: title.en, owner: nil, due: due.description)
            }
        }
        actionsOverdue = register.filter(\.isOverdue).map { actionItem($0, due: $0.due) }
        effectivenessChecksDue = register.filter(\.checkIsDue).compactMap { row in row.checkDue.map { actionItem(row, due: $0) } }
        logRecords = desk.log.lastSequence
        chainHead = Hex.string(desk.log.headHash)
    }

    /// Where a legal period stands for the figures (`LegalCompliance`): answered (in time or late,
    /// counted in the period of the answer), or unanswered and overdue or still within the
    /// deadline (counted at the period's end).
    public enum LegalVerdict: Sendable, Equatable { case answeredInTime, answeredLate, overdueUnanswered, withinDeadline }

    /// The legal periods that had begun by `asOf`: a complaint received (or reopened) after a
    /// period's end is in none of its figures, so a past period always reads the same.
    static func legalPeriods(of facts: ComplaintClockFacts, desk: Desk, asOf: Date) -> [LegalClockStatus] {
        desk.legalStatuses(of: facts, now: asOf).filter { $0.startedAt <= asOf }
    }

    static func legalVerdict(_ status: LegalClockStatus) -> LegalVerdict? {
        if status.answeredAt != nil { return status.state == .met ? .answeredInTime : .answeredLate }
        switch status.state {
        case .overdue: return .overdueUnanswered
        case .running: return .withinDeadline
        case .met, .missed: return nil
        }
    }

    /// A timer's verdict as of `asOf` and the instant it became known, or nil while it is undecided.
    static func verdict(of timer: TimerStatus, facts: ComplaintClockFacts, asOf: Date) -> (at: Date, compliance: TimerCompliance)? {
        let stopped = timer.stoppedAt
        // Past due from its due time, or from the escalation whose shorter target put it there.
        let lateSince: Date? = timer.dueAt.map { due in
            let reference = stopped ?? asOf
            let raisedAt = facts.escalations.filter { $0.at <= reference && $0.priority != nil
                && facts.priority(at: $0.at) != facts.priority(at: $0.at.addingTimeInterval(-0.001)) }.map(\.at).max()
            return max(due, raisedAt ?? due)
        }
        switch timer.state {
        case .met:
            return stopped.map { ($0, TimerCompliance(met: 1)) }
        case .missed, .breached:
            guard let at = lateSince ?? stopped else { return nil }
            return (at, TimerCompliance(late: 1))
        case .notDone:
            guard let stopped else { return nil }
            if let lateSince, lateSince < stopped { return (lateSince, TimerCompliance(late: 1)) }
            return (stopped, TimerCompliance(notDone: 1))
        case .running, .warning, .paused, .notStarted:
            return nil
        }
    }

    /// `sum / count` rounded to one decimal, half up; nil for none.
    static func oneDecimal(_ sum: Double, _ count: Int) -> Double? {
        guard count > 0 else { return nil }
        return (sum * 10 / Double(count)).rounded(.toNearestOrAwayFromZero) / 10
    }

    static func median(_ values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

/// What the report reads of a complaint: a full one, or the summary of a finished one.
protocol ReportSubject {
    var number: ComplaintNumber { get }
    var category: ComplaintCategory { get }
    var channel: Channel { get }
    var receivedAt: Date { get }
    var clockFacts: ComplaintClockFacts { get }
    /// The cause of the latest decision as amended (the breakdowns by cause).
    var cause: CauseCode? { get }
    /// A mystery-shopping test: counted in no figure but `testComplaintsExcluded`.
    var isMysteryShoppingTest: Bool { get }
    func forEachMilestone(_ body: (ComplaintSummary.Milestone) -> Void)
    /// The instant after which its timers and legal deadlines read the same at any later time
    /// (finished, every answer counting as the site counts it), or nil.
    func settledSince(countingAt rule: AnswerCountsAt) -> Date?
}

extension Complaint: ReportSubject {
    var category: ComplaintCategory { intake.category }
    var channel: Channel { intake.channel }
    func forEachMilestone(_ body: (ComplaintSummary.Milestone) -> Void) {
        for event in history { if let milestone = ComplaintSummary.Milestone(event) { body(milestone) } }
    }
    /// Held in full: evaluated at every instant (the reference the summaries are tested against).
    func settledSince(countingAt rule: AnswerCountsAt) -> Date? { nil }
}

extension ComplaintSummary: ReportSubject {
    func forEachMilestone(_ body: (ComplaintSummary.Milestone) -> Void) { milestones.forEach(body) }
    func settledSince(countingAt rule: AnswerCountsAt) -> Date? {
        state == .followedUp && settlement.isSettled(countingAt: rule) ? latestAt : nil
    }
}
