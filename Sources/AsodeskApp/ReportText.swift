import AsodeskDomain
import Foundation

/// `asodesk report` in words: every figure with what it is made of, defined as in the shift
/// lead's guide.
extension DeskReport {
    public var text: String {
        var lines = ["\(SafeText.singleLine(site, maxCharacters: 120)) — complaint desk report for \(subject) (generated \(generatedAt))", ""]
        lines.append("Open now: " + Self.counts(openByState)
                     + (closedAwaitingFollowUp > 0 ? "; closed, awaiting the follow-up call \(closedAwaitingFollowUp)" : ""))
        lines.append("Breached timers (\(breachedTimers.count) on \(Wording.en(complaintsWithBreachedTimers, "complaint", "complaints"))):")
        lines += breachedTimers.map { "  ✗ " + $0 }
        lines.append("Due within one hour (\(dueWithinOneHour.count)):")
        lines += dueWithinOneHour.map { "  ! " + $0 }
        lines.append("Legal deadline overdue (\(legalOverdue.count)):")
        lines += legalOverdue.map { "  ✗ " + $0 }
        lines.append("Legal deadline in \(Wording.en(legalWarningDays, "day", "days")) or less (\(legalNear.count)):")
        lines += legalNear.map { "  ! " + $0 }
        for period in periods {
            lines.append("")
            lines += Self.lines(period)
        }
        if !overdueProcedureReviews.isEmpty {
            lines.append("")
            lines.append("Procedures whose review is over two years old: " + overdueProcedureReviews.joined(separator: ", "))
        }
        lines.append("")
        lines.append("Log: \(Wording.en(Int(clamping: logRecords), "record", "records")); chain head \(chainHead)")
        lines.append("(Keep this head off the machine: it lets `asodesk verify` prove later that the history was not rewritten.)")
        return lines.joined(separator: "\n")
    }

    static func title(_ period: PeriodFigures) -> String {
        let span = period.from == period.through ? period.from : "\(period.from) – \(period.through)"
        let name = switch period.kind {
        case .day: "Day"
        case .month: "Month"
        case .range: "Period"
        }
        return "\(name) \(span), as of \(period.asOf)"
    }

    static func lines(_ f: PeriodFigures) -> [String] {
        func minutes(_ value: Int?) -> String { value.map(DurationText.minutes) ?? "—" }
        let timerNames = TimerName.allCases.map { name in
            "\(name.rawValue) \(f.timers[name.rawValue]?.onTime.text ?? FigureShare(part: 0, whole: 0).text)"
        }
        let all = f.allTimers
        let satisfaction = f.satisfaction.average.map { String(format: "%.1f/5", $0) } ?? "—"
        let ratings = f.satisfaction.distribution.enumerated().map { "\($0.offset + 1): \($0.element)" }.joined(separator: ", ")
        return [
            "\(title(f)):",
            "  received \(f.received), acknowledged \(f.acknowledged), decided \(f.decided), closed \(f.closed), followed up \(f.followedUp), reopened \(f.reopened)",
            "  timers met on time: " + timerNames.joined(separator: ", "),
            "  all timers met on time \(all.onTime.text): late \(all.late), not done \(all.notDone)",
            "  median business time (met and missed timers) to acknowledgement \(minutes(f.medianMinutesToAcknowledgement)), to first contact \(minutes(f.medianMinutesToFirstContact)), to decision \(minutes(f.medianMinutesToDecision))",
            "  legal deadline answered in time \(f.legal.inTime.text): answered late \(f.legal.answeredLate), overdue unanswered \(f.legal.overdueUnanswered); still within the deadline \(f.legal.withinDeadline)",
            "  reopened within \(Wording.en(f.reopenWindowDays, "day", "days")) of a decision in the period \(f.reopenedAfterDecision.text)",
            "  decision time paused (waiting for customer, parts, manufacturer) \(f.pausedShare.percent.map { "\($0) %" } ?? "—")",
            "  satisfaction at follow-up \(satisfaction) (n = \(f.satisfaction.count); ratings \(ratings))",
            "  received by category: " + counts(f.byCategory),
            "  received by channel: " + counts(f.byChannel),
            "  received by owner at receipt: " + counts(f.byOwner),
            "  timers met on time by owner at the verdict: " + shares(f.timersByOwner),
            "  timers met on time by category: " + shares(f.timersByCategory),
            "  timers met on time by channel: " + shares(f.timersByChannel),
            "  timers met on time by month: " + shares(f.timersByMonth, byKey: true),
            "  entered late (more than \(TimeRules.lateEntryMinutes) min after it happened), by who entered it: "
                + counts(f.lateEntriesByOperator)
                + (f.verdictsOnLateEntries > 0 ? "; timer verdicts resting on a late entry: \(f.verdictsOnLateEntries)" : ""),
        ]
    }

    static func counts(_ values: [String: Int]) -> String {
        values.isEmpty ? "none" : values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    static func shares(_ values: [String: TimerCompliance], byKey: Bool = false) -> String {
        guard !values.isEmpty else { return "none" }
        let sorted = byKey ? values.sorted { $0.key < $1.key }
            : values.sorted { $0.value.total != $1.value.total ? $0.value.total > $1.value.total : $0.key < $1.key }
        return sorted.map { "\($0.key) \($0.value.onTime.text)" }.joined(separator: ", ")
    }
}
