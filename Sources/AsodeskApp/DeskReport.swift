import AsodeskDomain
import AsodeskLog
import Foundation

/// The shift lead's figures for one site-local day and its month. Periods are cut at local
/// midnight (never UTC midnight): an event belongs to the local date it happened on.
public struct DeskReport: Encodable {
    public struct PeriodFigures: Encodable {
        public var from: String
        public var through: String
        public var received = 0
        public var acknowledged = 0
        public var decided = 0
        public var closed = 0
        public var followedUp = 0
        public var reopened = 0
        /// Medians in business minutes, over timers stopped in the period.
        public var medianMinutesToAcknowledgement: Int?
        public var medianMinutesToFirstContact: Int?
        public var medianMinutesToDecision: Int?
        /// Share of decisions in the period given within their legal deadline (only 100% is acceptable).
        public var decidedWithinLegalDeadline: Double?
        public var reopenRate: Double?
        /// Share of decision-timer time spent paused (waiting for customer, parts, manufacturer).
        public var pausedShare: Double?
        public var averageSatisfaction: Double?
        public var byCategory: [String: Int] = [:]
        public var byChannel: [String: Int] = [:]
        public var byOwner: [String: Int] = [:]
        /// Events entered in the period more than 15 minutes after they happened, by who entered them.
        public var lateEntriesByOperator: [String: Int] = [:]
        /// Timers stopped in the period whose verdict rests on an event entered late.
        public var verdictsOnLateEntries = 0
    }

    public var site: String
    public var day: String
    public var generatedAt: String
    public var openByState: [String: Int]
    public var breachedTimers: [String]
    public var dueWithinOneHour: [String]
    public var legalOverdue: [String]
    public var legalDueWithinThreeDays: [String]
    public var today: PeriodFigures
    public var month: PeriodFigures
    public var overdueProcedureReviews: [String]
    public var logRecords: UInt64
    /// Hash of the last record: printed so it leaves the machine; a later `verify` against it
    /// proves the history up to here was not rewritten.
    public var chainHead: String

    /// Where the figures of finished complaints come from.
    enum Source {
        /// Their summaries kept by the desk (never reads the log); those whose every date lies
        /// before the month and that are settled are skipped without being decoded.
        case summaries
        /// Every complaint read back from the log in full (the reference the summaries are tested against).
        case fullHistory
    }

    /// The figures from the desk's summaries of finished complaints: no history is read.
    public init(desk: Desk, day: LocalDate, now: Date) {
        self.init(desk: desk, day: day, now: now, source: .summaries)
    }

    init(desk: Desk, day: LocalDate, now: Date, source: Source) {
        let times = TimeText(timeZone: desk.calendar.timeZone)
        site = desk.config.siteName
        self.day = day.description
        generatedAt = times.iso(now)
        let monthStart = LocalDate(year: day.year, month: day.month, day: 1)
        let monthEnd = LocalDate(year: day.year, month: day.month, day: LocalDate.daysIn(month: day.month, year: day.year))
        var today = PeriodFigures(from: day.description, through: day.description)
        var month = PeriodFigures(from: monthStart.description, through: monthEnd.description)
        var openByState: [String: Int] = [:]
        var breached: [String] = [], dueSoon: [String] = [], legalOverdue: [String] = [], legalSoon: [String] = []
        // Index 0 collects today's samples, index 1 the month's.
        var ack: [[Int]] = [[], []], contact: [[Int]] = [[], []], decision: [[Int]] = [[], []]
        var paused = [(0, 0), (0, 0)], legal = [(0, 0), (0, 0)], satisfaction: [[Int]] = [[], []]
        func periods(_ date: Date) -> [Int] {
            let local = desk.calendar.localDate(of: date)
            return (local == day ? [0] : []) + (local >= monthStart && local <= monthEnd ? [1] : [])
        }
        func bump(_ index: Int, _ change: (inout PeriodFigures) -> Void) {
            if index == 0 { change(&today) } else { change(&month) }
        }

        func add<Subject: ReportSubject>(_ complaint: Subject) {
            let label = "\(complaint.number) \(SafeText.singleLine(complaint.customer, maxCharacters: 30))"
            let timers = desk.timers(of: complaint.clockFacts, now: now)
            if complaint.state.isOpen {
                openByState[complaint.state.rawValue, default: 0] += 1
                for timer in timers {
                    if timer.state == .breached { breached.append("\(label): \(timer.name.rawValue)") }
                    if [.running, .warning].contains(timer.state), let due = timer.dueAt, due.timeIntervalSince(now) <= 3600 {
                        dueSoon.append("\(label): \(timer.name.rawValue) at \(times.short(due))")
                    }
                }
            }
            let legalStatuses = desk.legalStatuses(of: complaint.clockFacts, now: now)
            if let current = legalStatuses.last {
                if current.state == .overdue { legalOverdue.append("\(label): deadline \(current.deadline)") }
                if current.state == .running, let left = current.daysLeft, left <= 3 {
                    legalSoon.append("\(label): deadline \(current.deadline)")
                }
            }
            for status in legalStatuses {
                guard let answered = status.answeredAt else { continue }
                for p in periods(answered) {
                    legal[p].0 += status.state == .met ? 1 : 0
                    legal[p].1 += 1
                }
            }
            for p in periods(complaint.receivedAt) {
                bump(p) {
                    $0.received += 1
                    $0.byCategory[complaint.category.rawValue, default: 0] += 1
                    $0.byChannel[complaint.channel.rawValue, default: 0] += 1
                    $0.byOwner[complaint.owner.map { SafeText.singleLine($0, maxCharacters: 40) } ?? "unassigned", default: 0] += 1
                }
            }
            complaint.forEachMilestone { milestone in
                for p in periods(milestone.at) {
                    switch milestone.kind {
                    case .acknowledged: bump(p) { $0.acknowledged += 1 }
                    case .decided: bump(p) { $0.decided += 1 }
                    case .closed: bump(p) { $0.closed += 1 }
                    case .reopened: bump(p) { $0.reopened += 1 }
                    case .followedUp:
                        bump(p) { $0.followedUp += 1 }
                        if let score = milestone.satisfaction { satisfaction[p].append(score) }
                    }
                }
            }
            for late in complaint.clockFacts.lateEntries {
                for p in periods(late.recordedAt) {
                    bump(p) { $0.lateEntriesByOperator[SafeText.singleLine(late.actor.id, maxCharacters: 40), default: 0] += 1 }
                }
            }
            for timer in timers where [.met, .missed].contains(timer.state) {
                guard let stopped = timer.stoppedAt else { continue }
                if timer.lateEntry != nil { for p in periods(stopped) { bump(p) { $0.verdictsOnLateEntries += 1 } } }
                for p in periods(stopped) {
                    switch timer.name {
                    case .acknowledgement: ack[p].append(timer.elapsedBusinessMinutes)
                    case .firstContact: contact[p].append(timer.elapsedBusinessMinutes)
                    case .decision:
                        decision[p].append(timer.elapsedBusinessMinutes)
                        paused[p].0 += timer.pausedMinutes
                        paused[p].1 += timer.pausedMinutes + timer.elapsedBusinessMinutes
                    default: break
                    }
                }
            }
        }
        switch source {
        case .summaries:
            for complaint in desk.state.complaints.inFull { add(complaint) }
            // A finished complaint whose every date lies before the month, judged after them, and
            // whose last decision is known adds to no period and to no deadline list: skipped unread.
            let summaries = desk.state.complaints.finishedSummaries { latestAt, isSettled in
                !(isSettled && latestAt <= now && desk.calendar.localDate(of: latestAt) < monthStart)
            }
            for summary in summaries { add(summary) }
        case .fullHistory:
            for complaint in desk.state.complaints.values { add(complaint) }
        }
        for p in 0...1 {
            bump(p) {
                $0.medianMinutesToAcknowledgement = DeskReport.median(ack[p])
                $0.medianMinutesToFirstContact = DeskReport.median(contact[p])
                $0.medianMinutesToDecision = DeskReport.median(decision[p])
                $0.decidedWithinLegalDeadline = legal[p].1 == 0 ? nil : Double(legal[p].0) / Double(legal[p].1)
                $0.reopenRate = $0.decided == 0 ? nil : Double($0.reopened) / Double($0.decided)
                $0.pausedShare = paused[p].1 == 0 ? nil : Double(paused[p].0) / Double(paused[p].1)
                $0.averageSatisfaction = satisfaction[p].isEmpty ? nil
                    : Double(satisfaction[p].reduce(0, +)) / Double(satisfaction[p].count)
            }
        }
        self.openByState = openByState
        breachedTimers = breached.sorted()
        dueWithinOneHour = dueSoon.sorted()
        self.legalOverdue = legalOverdue.sorted()
        legalDueWithinThreeDays = legalSoon.sorted()
        self.today = today
        self.month = month
        overdueProcedureReviews = desk.procedures.overdueReviews(today: day).map { "\($0.id) (reviewed \($0.reviewedOn))" }
        logRecords = desk.log.lastSequence
        chainHead = Hex.string(desk.log.headHash)
    }

    static func median(_ values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    public var text: String {
        func percent(_ value: Double?) -> String { value.map { String(format: "%.0f%%", $0 * 100) } ?? "—" }
        func minutes(_ value: Int?) -> String { value.map(DurationText.minutes) ?? "—" }
        func period(_ title: String, _ f: PeriodFigures) -> [String] {
            [
                "\(title) (\(f.from == f.through ? f.from : "\(f.from) – \(f.through)")):",
                "  received \(f.received), acknowledged \(f.acknowledged), decided \(f.decided), closed \(f.closed), followed up \(f.followedUp), reopened \(f.reopened)",
                "  median business time to acknowledgement \(minutes(f.medianMinutesToAcknowledgement)), to first contact \(minutes(f.medianMinutesToFirstContact)), to decision \(minutes(f.medianMinutesToDecision))",
                "  decided within the legal deadline \(percent(f.decidedWithinLegalDeadline)), reopen rate \(percent(f.reopenRate)), time paused \(percent(f.pausedShare)), satisfaction \(f.averageSatisfaction.map { String(format: "%.1f/5", $0) } ?? "—")",
                "  by category: " + DeskReport.counts(f.byCategory),
                "  by channel: " + DeskReport.counts(f.byChannel),
                "  by owner: " + DeskReport.counts(f.byOwner),
                "  entered late (more than \(TimeRules.lateEntryMinutes) min after it happened), by who entered it: "
                    + DeskReport.counts(f.lateEntriesByOperator)
                    + (f.verdictsOnLateEntries > 0 ? "; timer verdicts resting on a late entry: \(f.verdictsOnLateEntries)" : ""),
            ]
        }
        var lines = ["\(SafeText.singleLine(site, maxCharacters: 120)) — complaint desk report for \(day) (generated \(generatedAt))", ""]
        lines.append("Open now: " + DeskReport.counts(openByState))
        lines.append("Breached timers (\(breachedTimers.count)):")
        lines += breachedTimers.map { "  ✗ " + $0 }
        lines.append("Due within one hour (\(dueWithinOneHour.count)):")
        lines += dueWithinOneHour.map { "  ! " + $0 }
        lines.append("Legal deadline overdue (\(legalOverdue.count)):")
        lines += legalOverdue.map { "  ✗ " + $0 }
        lines.append("Legal deadline within three days (\(legalDueWithinThreeDays.count)):")
        lines += legalDueWithinThreeDays.map { "  ! " + $0 }
        lines.append("")
        lines += period("Today", today)
        lines.append("")
        lines += period("This month", month)
        if !overdueProcedureReviews.isEmpty {
            lines.append("")
            lines.append("Procedures whose review is over two years old: " + overdueProcedureReviews.joined(separator: ", "))
        }
        lines.append("")
        lines.append("Log: \(Wording.en(Int(clamping: logRecords), "record", "records")); chain head \(chainHead)")
        lines.append("(Keep this head off the machine: it lets `asodesk verify` prove later that the history was not rewritten.)")
        return lines.joined(separator: "\n")
    }

    static func counts(_ values: [String: Int]) -> String {
        values.isEmpty ? "none" : values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}

/// What the report reads of a complaint: a full one, or the summary of a finished one.
protocol ReportSubject {
    var number: ComplaintNumber { get }
    var state: ComplaintState { get }
    var customer: String { get }
    var owner: String? { get }
    var category: ComplaintCategory { get }
    var channel: Channel { get }
    var receivedAt: Date { get }
    var clockFacts: ComplaintClockFacts { get }
    func forEachMilestone(_ body: (ComplaintSummary.Milestone) -> Void)
}

extension Complaint: ReportSubject {
    var customer: String { intake.customer }
    var category: ComplaintCategory { intake.category }
    var channel: Channel { intake.channel }
    func forEachMilestone(_ body: (ComplaintSummary.Milestone) -> Void) {
        for event in history { if let milestone = ComplaintSummary.Milestone(event) { body(milestone) } }
    }
}

extension ComplaintSummary: ReportSubject {
    func forEachMilestone(_ body: (ComplaintSummary.Milestone) -> Void) { milestones.forEach(body) }
}
