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
                c.clockFacts.lateEntries.map { late in
                    "\(late.verb.rawValue) \(times.iso(late.occurredAt)) entered \(late.delayText) late by \(late.actor.id) at \(times.iso(late.recordedAt))"
                        + (late.reason.map { " (reason: \($0))" } ?? "")
                }.joined(separator: "; "),
                row.timers.filter { $0.lateEntry != nil }.map { "\($0.name.rawValue): \(EventText.verdict($0).en)" }.joined(separator: "; "),
                row.legal?.sendBy.description ?? "", row.legal?.sentAt.map(times.iso) ?? "", row.legal?.sentBy?.rawValue ?? "",
                row.legal?.deliveredAt.map(times.iso) ?? "", row.legal.map { $0.possiblyDeemedAccepted ? "yes" : "no" } ?? "",
            ]
            lines.append(fields.map(SafeText.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `decision=met`, `first-contact=not-done`, a reopen cycle's as `decision#2=running`.
    static func timerState(_ timer: TimerStatus) -> String {
        timer.name.rawValue + (timer.cycle > 1 ? "#\(timer.cycle)" : "") + "=" + TimerReading.code(timer.state)
    }
}
