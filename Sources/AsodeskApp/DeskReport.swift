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

    public init(desk: Desk, day: LocalDate, now: Date) {
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

        for complaint in desk.state.complaints.values {
            let label = "\(complaint.number) \(SafeText.singleLine(complaint.intake.customer, maxCharacters: 30))"
            let timers = desk.timers(of: complaint, now: now)
            if complaint.isOpen {
                openByState[complaint.state.rawValue, default: 0] += 1
                for timer in timers {
                    if timer.state == .breached { breached.append("\(label): \(timer.name.rawValue)") }
                    if [.running, .warning].contains(timer.state), let due = timer.dueAt, due.timeIntervalSince(now) <= 3600 {
                        dueSoon.append("\(label): \(timer.name.rawValue) at \(times.short(due))")
                    }
                }
            }
            let legalStatuses = desk.legalStatuses(of: complaint, now: now)
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
                    $0.byCategory[complaint.intake.category.rawValue, default: 0] += 1
                    $0.byChannel[complaint.intake.channel.rawValue, default: 0] += 1
                    $0.byOwner[complaint.owner.map { SafeText.singleLine($0, maxCharacters: 40) } ?? "unassigned", default: 0] += 1
                }
            }
            for event in complaint.history {
                for p in periods(event.occurredAt) {
                    switch event.action {
                    case .acknowledge: bump(p) { $0.acknowledged += 1 }
                    case .decide: bump(p) { $0.decided += 1 }
                    case .close: bump(p) { $0.closed += 1 }
                    case .reopen: bump(p) { $0.reopened += 1 }
                    case .followUp(let score, _): bump(p) { $0.followedUp += 1 }; satisfaction[p].append(score)
                    default: break
                    }
                }
            }
            for timer in timers where [.met, .missed].contains(timer.state) {
                guard let stopped = timer.stoppedAt else { continue }
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
        lines.append("Log: \(logRecords) records; chain head \(chainHead)")
        lines.append("(Keep this head off the machine: it lets `asodesk verify` prove later that the history was not rewritten.)")
        return lines.joined(separator: "\n")
    }

    static func counts(_ values: [String: Int]) -> String {
        values.isEmpty ? "none" : values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
