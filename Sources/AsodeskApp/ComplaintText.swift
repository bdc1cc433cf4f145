import AsodeskDomain
import Foundation

/// `asodesk show`: one complaint for a person, every stored text made harmless.
public enum ComplaintText {
    public static func render(_ complaint: Complaint, desk: Desk, now: Date, explain: Bool) -> String {
        let times = TimeText(timeZone: desk.calendar.timeZone)
        let intake = complaint.intake
        func safe(_ text: String?) -> String { SafeText.display(text ?? "—") }
        var out: [String] = []
        let state = complaint.state == .waiting ? "waiting for \(complaint.waitingFor?.rawValue ?? "?")" : complaint.state.rawValue
        out.append("\(complaint.number)  \(state.uppercased())  priority \(complaint.priority.rawValue)"
                   + (complaint.cycle > 1 ? "  (reopened, cycle \(complaint.cycle))" : ""))
        out.append("Received   \(times.short(complaint.receivedAt)) by \(intake.channel.rawValue); category \(intake.category.rawValue); legal basis \(intake.legalBasis.rawValue)")
        out.append("Owner      \(safe(complaint.owner))")
        out.append("Customer   \(safe(intake.customer))  phone \(safe(intake.phone))  e-mail \(safe(intake.email))")
        out.append("Vehicle    \(safe(intake.plate))  VIN \(safe(intake.vin))  \(safe(intake.vehicle))  order \(safe(intake.order))")
        out.append("Complaint  \(safe(intake.summary))")
        out.append("Remedy     \(safe(intake.remedy))")
        if let decision = complaint.decision {
            out.append("Decision   \(decision.outcome.rawValue): \(safe(decision.reasons))"
                       + (decision.remedyGranted.map { "; granted: \(SafeText.display($0))" } ?? ""))
        }
        out.append("")
        let legal = desk.legalStatuses(of: complaint, now: now)
        if legal.isEmpty {
            out.append("Legal clock: none for the \(intake.legalBasis.rawValue) basis.")
        }
        for status in legal {
            var detail = LegalReading.sentence(status).en
            if let sent = status.sentAt, let medium = status.sentBy {
                detail += "; answer sent \(times.short(sent)) by \(medium.rawValue)"
                    + (status.deliveredAt.map { ", delivered \(times.short($0))" } ?? "")
            }
            out.append("\(LegalReading.glyph(status, warnings: desk.config.warnings)) Legal deadline"
                       + "\(legal.count > 1 ? " (cycle \(status.cycle))" : ""): \(status.deadline) — \(detail)")
        }
        out.append("")
        out.append("Timers (business time):")
        var rows: [[String]] = [["", "TIMER", "CYCLE", "STATE", "TARGET", "ELAPSED", "PAUSED", "LEFT", "DUE"]]
        let timers = desk.timers(of: complaint, now: now)
        for timer in timers {
            rows.append([TimerReading.glyph(timer.state), timer.name.rawValue, String(timer.cycle), EventText.verdict(timer).en,
                         DurationText.minutes(timer.targetMinutes), DurationText.minutes(timer.elapsedBusinessMinutes),
                         DurationText.minutes(timer.pausedMinutes),
                         TimerReading.leftText(timer) ?? "—",
                         timer.dueAt.map(times.short) ?? "—"])
        }
        out.append(QueueTable.table(rows))
        if explain {
            for timer in timers where timer.state != .notStarted {
                out.append("")
                out.append("Why \(timer.name.rawValue) (cycle \(timer.cycle)) stands here:")
                out.append(contentsOf: timer.explanation.lines().map { "  " + $0 })
            }
        }
        let pauses = complaint.clockFacts.pauses
        if !pauses.isEmpty {
            out.append("")
            out.append("Pauses:")
            for pause in pauses {
                out.append("  waiting for \(pause.reason.rawValue) from \(times.short(pause.start)) "
                           + (pause.end.map { "to \(times.short($0))" } ?? "(still waiting)"))
            }
        }
        out.append("")
        out.append(ChecklistText.render(complaint, library: desk.procedures))
        out.append("")
        out.append("History:")
        let unproven = desk.unprovenHistory(of: complaint.number)
        for (index, event) in complaint.history.enumerated() {
            let late = event.lateEntry.map { "  " + SafeText.display(EventText.lateEntry($0, times: times).en) } ?? ""
            let proof = unproven[index].map { "  [AUTHOR NOT PROVEN: \(LogText.authorship($0).en)]" } ?? ""
            out.append("  \(times.short(event.occurredAt))  \(SafeText.display(event.actor.id)) [\(event.actor.role.rawValue)]  "
                       + SafeText.display(EventText.describe(event.action)) + late + SafeText.display(proof))
        }
        let verbs = Lifecycle.verbs(allowedIn: complaint.state)
        out.append("")
        out.append("Allowed now: " + (verbs.isEmpty ? "nothing (finished)" : verbs.map(\.command).joined(separator: ", ")))
        return out.joined(separator: "\n")
    }
}

/// Checklists as text: the library, one procedure's steps, and a complaint's marks.
public enum ChecklistText {
    public static func render(_ complaint: Complaint, library: ProcedureLibrary) -> String {
        let current = Checklist.procedures(now: complaint, in: library.procedures)
        guard !current.isEmpty else { return "Checklists: none at this stage." }
        var out = ["Checklists of this stage (cycle \(complaint.cycle)):"]
        for procedure in current {
            let gate = verbGated(by: procedure.pausePoint).map { "; mandatory steps (*) block '\($0.rawValue)'" } ?? ""
            out.append("  \(procedure.id) v\(procedure.version) [\(procedure.mode.rawValue)\(gate)]")
            for step in procedure.steps {
                let mark = complaint.marks.last { $0.cycle == complaint.cycle && $0.procedure == procedure.id && $0.step == step.id }
                let box = mark == nil ? "[ ]" : (mark!.overrideReason != nil ? "[o]" : "[x]")
                let who = mark.map { " — \(SafeText.display($0.actor.id))" + ($0.overrideReason.map { ", override: \(SafeText.display($0))" } ?? "") } ?? ""
                out.append("    \(box) \(step.id)\(step.mandatory ? " *" : "")\(who)")
            }
        }
        out.append("  ([x] ticked, [o] overridden by a shift lead; `asodesk procedures ID` shows what each step means)")
        return out.joined(separator: "\n")
    }

    static func verbGated(by point: PausePoint) -> ActionVerb? {
        ActionVerb.allCases.first { Lifecycle.gate(of: $0) == point }
    }

    public static func steps(of procedure: Procedure, polish: Bool) -> String {
        var out = ["\(procedure.id) v\(procedure.version) — \(polish ? procedure.title.pl : procedure.title.en)",
                   "Pause point: \(procedure.pausePoint.rawValue); mode: \(procedure.mode.rawValue); last review \(procedure.reviewedOn)"]
        for (index, step) in procedure.steps.enumerated() {
            out.append("\(index + 1). [\(step.id)]\(step.mandatory ? " (mandatory)" : "") \(polish ? step.text.pl : step.text.en)")
            out.append("   \(polish ? "Dlaczego" : "Why"): \(polish ? step.reason.pl : step.reason.en)")
        }
        return out.joined(separator: "\n")
    }

    public static func library(_ library: ProcedureLibrary, today: LocalDate, polish: Bool) -> String {
        let overdue = Set(library.overdueReviews(today: today).map(\.id))
        var rows = [["ID", "VERSION", "REVIEWED", "PAUSE POINT", "MODE", "STEPS", "TITLE"]]
        for p in library.procedures {
            rows.append([p.id, "v\(p.version)", p.reviewedOn.description + (overdue.contains(p.id) ? " REVIEW OVERDUE" : ""),
                         p.pausePoint.rawValue, p.mode.rawValue, String(p.steps.count), polish ? p.title.pl : p.title.en])
        }
        var text = QueueTable.table(rows)
        if !overdue.isEmpty {
            text += "\n\n\(Wording.en(overdue.count, "procedure", "procedures")) not reviewed for over two years: \(overdue.sorted().joined(separator: ", ")). Standards are to be reviewed at least every two years."
        }
        return text
    }
}
