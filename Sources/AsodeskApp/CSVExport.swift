import AsodeskDomain
import Foundation

/// Complaints as CSV for spreadsheets: every text field quoted as needed and guarded
/// against formula injection by `SafeText.csvField`.
public enum CSVExport {
    static let header = ["number", "state", "waiting_for", "received_at", "channel", "category", "priority",
                         "legal_basis", "legal_deadline", "legal_state", "owner", "customer", "phone", "email",
                         "plate", "vin", "vehicle", "repair_order", "summary", "remedy", "outcome",
                         "next_due_timer", "next_due_at", "next_due_business_minutes_left", "breached_timers", "timer_states",
                         "satisfaction",
                         "late_entries", "late_entry_details", "verdicts_on_late_entries",
                         "legal_send_by", "answer_sent_at", "answer_medium", "answer_delivered_at", "possibly_deemed_accepted"]

    public static func render(_ rows: [QueueRow], desk: Desk, now: Date) -> String {
        let times = TimeText(timeZone: desk.calendar.timeZone)
        var lines = [header.joined(separator: ",")]
        for row in rows {
            let c = row.complaint, i = c.intake
            let fields: [String] = [
                c.number.description, c.state.rawValue, c.waitingFor?.rawValue ?? "", times.iso(c.receivedAt),
                i.channel.rawValue, i.category.rawValue, c.priority.rawValue, i.legalBasis.rawValue,
                row.legal?.deadline.description ?? "", row.legal.map(LegalReading.code) ?? "", c.owner ?? "", i.customer,
                i.phone ?? "", i.email ?? "", i.plate ?? "", i.vin ?? "", i.vehicle ?? "", i.order ?? "", i.summary,
                i.remedy ?? "", c.decision?.outcome.rawValue ?? "", row.nextDue?.name.rawValue ?? "",
                row.nextDue?.dueAt.map(times.iso) ?? "",
                row.nextDue.flatMap(TimerReading.minutesLeft).map(String.init) ?? "",
                row.timers.filter { $0.state == .breached }.map(\.name.rawValue).joined(separator: " "),
                row.timers.map(Self.timerState).joined(separator: " "),
                c.satisfaction.map(String.init) ?? "",
                String(c.clockFacts.lateEntries.count),
                lateEntryDetails(c.clockFacts.lateEntries, times: times),
                row.timers.filter { $0.lateEntry != nil }.map { "\($0.name.rawValue): \(EventText.verdict($0).en)" }.joined(separator: "; "),
                row.legal?.sendBy.description ?? "", row.legal?.sentAt.map(times.iso) ?? "", row.legal?.sentBy?.rawValue ?? "",
                row.legal?.deliveredAt.map(times.iso) ?? "", row.legal.map { $0.possiblyDeemedAccepted ? "yes" : "no" } ?? "",
            ]
            lines.append(fields.map(SafeText.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// What each late entry was, who entered it and when: `decide 2026-11-20T10:00:00+01:00 entered 2 h late by anowak at …`.
    static func lateEntryDetails(_ entries: [LateEntry], times: TimeText) -> String {
        entries.map { late in
            "\(late.verb.rawValue) \(times.iso(late.occurredAt)) entered \(late.delayText) late by \(late.actor.id) at \(times.iso(late.recordedAt))"
                + (late.reason.map { " (reason: \($0))" } ?? "")
        }.joined(separator: "; ")
    }

    /// `decision=met`, `first-contact=not-done`, a reopen cycle's as `decision#2=running`.
    static func timerState(_ timer: TimerStatus) -> String {
        timer.name.rawValue + (timer.cycle > 1 ? "#\(timer.cycle)" : "") + "=" + TimerReading.code(timer.state)
    }
}

/// `asodesk export --month`: one row per complaint the month's figures touch, each as it stood at
/// the month's end (or now, while the month lasts), so that a spreadsheet can redo every figure
/// of `report --month` (`DeskReport`). A complaint is in the month when, as of that instant, it was
/// received in the month; had an acknowledgement, decision, close, reopen or follow-up call in
/// it; had a timer whose verdict became known or that stopped in it; had an answer that counts
/// for the legal deadline in it, or a legal period overdue unanswered or still within its
/// deadline at its end; or had an event entered late in it. docs/export.md names every column.
public enum MonthExport {
    static let timerColumns = ["verdict", "verdict_at", "due_at", "stopped_at", "elapsed_business_minutes", "paused_minutes"]

    static var header: [String] {
        ["number", "channel", "category", "priority", "legal_basis", "owner_at_receipt", "owner_now", "state",
         "received_at", "acknowledged_at", "first_contact_at", "cycles", "decided_at", "outcome",
         "answered_at", "answer_medium", "delivered_at", "closed_at", "followed_up_at", "satisfaction",
         "reopen_count", "reopened_at"]
            + TimerName.allCases.flatMap { name in timerColumns.map { "\(name.rawValue.replacingOccurrences(of: "-", with: "_"))_\($0)" } }
            + ["legal_deadline", "legal_verdict", "legal_answer_counted_at", "earlier_cycles",
               "late_entries", "late_entry_details", "cause", "actions"]
    }

    /// A legal period's verdict as the report counts it at `asOf`: `answered-in-time`,
    /// `answered-late`, `overdue-unanswered`, `within-deadline` (`DeskReport.legalVerdict`).
    static func legalCode(_ verdict: DeskReport.LegalVerdict) -> String {
        switch verdict {
        case .answeredInTime: "answered-in-time"
        case .answeredLate: "answered-late"
        case .overdueUnanswered: "overdue-unanswered"
        case .withinDeadline: "within-deadline"
        }
    }

    static func timerCode(_ compliance: DeskReport.TimerCompliance) -> String {
        compliance.met > 0 ? "met" : compliance.late > 0 ? "late" : "not-done"
    }

    /// The CSV of `month` and how many complaints it holds.
    public static func render(desk: Desk, month: LocalDate, now: Date) throws -> (csv: String, rows: Int) {
        let period = ReportPeriod.month(of: month)
        let calendar = desk.calendar
        let asOf = period.asOf(now: now, calendar: calendar)
        let times = TimeText(timeZone: calendar.timeZone)
        func inMonth(_ date: Date) -> Bool { date <= asOf && period.contains(calendar.localDate(of: date)) }
        let iso: (Date?) -> String = { $0.map(times.iso) ?? "" }
        var lines = [header.joined(separator: ",")]
        var count = 0
        // As the report skips them: a finished complaint whose every date lies before the month
        // and whose answer counts touches none of its figures, and is not read back from the log.
        let countsAt = desk.config.answers.countsAt
        let finished = desk.state.complaints.finishedSummaries { latestAt, settlement in
            !(settlement.isSettled(countingAt: countsAt) && latestAt <= now && calendar.localDate(of: latestAt) < period.from)
        }.map(\.number)
        let complaints = desk.state.complaints.inFull + (try desk.finishedComplaints(finished))
        // A mystery shopper's test complaint is in none of the report's figures, so in no row.
        for complaint in complaints.sorted(by: { $0.number < $1.number }) where complaint.receivedAt <= asOf && !complaint.isMysteryShoppingTest {
            let facts = complaint.clockFacts
            let known = facts.asOf(asOf)
            let events = complaint.history.filter { $0.occurredAt <= asOf }
            let milestones = events.compactMap(ComplaintSummary.Milestone.init)
            let timers = desk.timers(of: facts, now: asOf)
            let legal = DeskReport.legalPeriods(of: facts, desk: desk, asOf: asOf)
            let verdicts = timers.map { DeskReport.verdict(of: $0, facts: facts, asOf: asOf) }
            let legalVerdicts = legal.map(DeskReport.legalVerdict)
            let lateEntries = facts.lateEntries.filter { $0.occurredAt <= asOf }
            let touched = inMonth(complaint.receivedAt)
                || milestones.contains { inMonth($0.at) }
                || zip(timers, verdicts).contains { timer, verdict in
                    verdict.map { inMonth($0.at) } == true || timer.stoppedAt.map(inMonth) == true }
                || zip(legal, legalVerdicts).contains { status, verdict in
                    switch verdict {
                    case .answeredInTime?, .answeredLate?: status.answeredAt.map(inMonth) == true
                    case .overdueUnanswered?, .withinDeadline?: true
                    case nil: false
                    }
                }
                || lateEntries.contains { inMonth($0.recordedAt) }
            guard touched else { continue }
            count += 1

            // The last of each milestone has its column; every earlier one goes to `earlier_cycles`.
            func last(_ kind: ComplaintSummary.MilestoneKind) -> ComplaintSummary.Milestone? { milestones.last { $0.kind == kind } }
            var earlier: [(at: Date, token: String)] = []
            for kind in [ComplaintSummary.MilestoneKind.acknowledged, .decided, .closed, .followedUp] {
                let all = milestones.filter { $0.kind == kind }
                for milestone in all.dropLast() {
                    let word = switch kind {
                    case .acknowledged: "acknowledged"
                    case .decided: "decided"
                    case .closed: "closed"
                    case .followedUp: "followed-up" + (milestone.satisfaction.map { ":\($0)" } ?? "")
                    case .reopened: "reopened"
                    }
                    earlier.append((milestone.at, "\(word)@\(times.iso(milestone.at))"))
                }
            }
            // Per timer name the last cycle's timer has the columns; the earlier cycles' verdicts
            // are `decision#1=late@…` in `earlier_cycles`.
            var lastTimer: [TimerName: (TimerStatus, (at: Date, compliance: DeskReport.TimerCompliance)?)] = [:]
            for (timer, verdict) in zip(timers, verdicts) {
                if let previous = lastTimer[timer.name], let shown = previous.1 {
                    earlier.append((shown.at, "\(timer.name.rawValue)#\(previous.0.cycle)=\(timerCode(shown.compliance))@\(times.iso(shown.at))"))
                }
                lastTimer[timer.name] = (timer, verdict)
            }
            for (index, status) in legal.dropLast().enumerated() {
                guard let verdict = legalVerdicts[index] else { continue }
                let at = status.answeredAt.map { "@" + times.iso($0) } ?? ""
                earlier.append((status.answeredAt ?? status.deadlineEndsAt, "legal#\(status.cycle)=\(legalCode(verdict))\(at)"))
            }
            let lastCycle = known.cycles.last
            let lastFollowUp = last(.followedUp)
            let decision = events.last { if case .decide = $0.action { true } else { false } }
            var outcome = ""
            if let decision, case .decide(let given) = decision.action { outcome = given.outcome.rawValue }
            var fields: [String] = [
                complaint.number.description, complaint.intake.channel.rawValue, complaint.intake.category.rawValue,
                facts.priority(at: asOf).rawValue, complaint.intake.legalBasis.rawValue,
                facts.owner(at: facts.receivedAt) ?? "", complaint.owner ?? "", complaint.state.rawValue,
                times.iso(complaint.receivedAt), iso(last(.acknowledged)?.at), iso(known.cycles.first?.contacts.first),
                String(known.cycles.count), iso(last(.decided)?.at), outcome,
                iso(lastCycle?.answer?.at), lastCycle?.answer?.medium.rawValue ?? "", iso(lastCycle?.deliveredAt),
                iso(last(.closed)?.at), iso(lastFollowUp?.at), lastFollowUp?.satisfaction.map(String.init) ?? "",
                String(milestones.filter { $0.kind == .reopened }.count),
                milestones.filter { $0.kind == .reopened }.map { times.iso($0.at) }.joined(separator: " "),
            ]
            for name in TimerName.allCases {
                guard let (timer, verdict) = lastTimer[name] else { fields += Array(repeating: "", count: timerColumns.count); continue }
                fields += [verdict.map { timerCode($0.compliance) } ?? TimerReading.code(timer.state), iso(verdict?.at),
                           iso(timer.dueAt), iso(timer.stoppedAt), String(timer.elapsedBusinessMinutes), String(timer.pausedMinutes)]
            }
            let lastLegal = legal.last
            fields += [
                lastLegal?.deadline.description ?? "", lastLegal.flatMap(DeskReport.legalVerdict).map(legalCode) ?? "",
                iso(lastLegal?.answeredAt),
                earlier.sorted { $0.at < $1.at }.map(\.token).joined(separator: " "),
                String(lateEntries.count), CSVExport.lateEntryDetails(lateEntries, times: times),
                complaint.cause?.text ?? "", desk.state.actions(answering: complaint.number).map(\.id.description).joined(separator: " "),
            ]
            lines.append(fields.map(SafeText.csvField).joined(separator: ","))
        }
        return (lines.joined(separator: "\r\n") + "\r\n", count)
    }
}
