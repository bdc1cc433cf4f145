@testable import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Foundation
import Testing

/// The invariants every consumer of a generated history must keep (see `GeneratedHistoryTests`).
enum HistoryChecks {
    /// The desk's state is the fold of exactly the events it accepted, and a finished complaint's
    /// summary is the one derived from its full history.
    static func replayMatchesTheWrittenHistory(desk: Desk, histories: [GeneratedHistory], checks: inout Checks) {
        checks.that(desk.state.complaints.count == histories.count, "one complaint per history")
        for history in histories {
            let folded = history.events.reduce(into: Complaint?.none) { $0 = Lifecycle.apply($1, to: $0) }
            let stored = (try? desk.complaint(history.number))
            checks.that(stored != nil && stored == folded, "\(history.number) reads back as written")
            if let folded, !folded.isOpen {
                let summary = desk.state.complaints.finishedSummary(history.number)
                checks.that(summary == ComplaintSummary(folded), "\(history.number): summary of the finished complaint")
            }
        }
    }

    /// Every consumer at `now`. Returns how many complaint evaluations it made.
    /// `thorough`: also every row's JSON and the report again from every full history (the costly
    /// ones; the others run at every instant).
    static func evaluate(desk: Desk, histories: [GeneratedHistory], now: Date, thorough: Bool, random: inout SeededRandom,
                         checks: inout Checks) -> Int {
        // The queue's rows carry each complaint's timers, evaluated once as `list` and the screens use them.
        let rows: [QueueRow]
        do {
            rows = try QueueQuery(includeFinished: true).rows(desk: desk, now: now)
        } catch {
            checks.that(false, "list --all reads every finished complaint back: \(error)")
            return 0
        }
        let complaints = rows.map(\.complaint)
        checks.that(Set(complaints.map(\.number)) == Set(histories.map(\.number)), "list --all has every complaint")
        for row in rows {
            let complaint = row.complaint
            let legal = desk.legalStatuses(of: complaint, now: now)
            timersAreConsistent(row.timers, complaint: complaint, now: now, checks: &checks)
            legalClocksAreConsistent(legal, complaint: complaint, now: now, calendar: desk.calendar, checks: &checks)
            checks.that(row.legal == legal.last, "\(complaint.number): the row shows the current legal clock")
            if !complaint.isOpen, let summary = desk.state.complaints.finishedSummary(complaint.number) {
                checks.that(desk.timers(of: summary.clockFacts, now: now) == row.timers, "\(complaint.number): summary timers")
                checks.that(desk.legalStatuses(of: summary.clockFacts, now: now) == legal, "\(complaint.number): summary legal clocks")
            }
        }
        queueRowsAreConsistent(desk: desk, rows: rows, now: now, thorough: thorough, random: &random, checks: &checks)
        let report = reportCountsTheHistories(desk: desk, histories: histories, complaints: complaints, now: now,
                                              thorough: thorough, checks: &checks)
        figuresAgreeOnEverySurface(desk: desk, rows: rows, report: report, now: now, checks: &checks)
        escalationKeepsEarlierVerdicts(desk: desk, complaints: complaints, now: now, checks: &checks)
        return rows.count
    }

    static func timersAreConsistent(_ timers: [TimerStatus], complaint: Complaint, now: Date, checks: inout Checks) {
        let started = complaint.clockFacts.cycles.filter { $0.startedAt <= now }.count
        let cycles = max(1, started)
        checks.that(timers.count == 5 + 3 * (cycles - 1), "\(complaint.number): 5 timers in cycle 1, 3 in each reopen")
        for timer in timers {
            let label = "\(complaint.number) \(timer.name.rawValue)/\(timer.cycle) \(timer.state.rawValue)"
            checks.that(timer.elapsedBusinessMinutes >= 0 && timer.pausedMinutes >= 0, "\(label): elapsed ≥ 0")
            checks.that(timer.explanation.state == timer.state, "\(label): explanation says the same state")
            // A verdict rests on a late entry exactly when the event that stopped it was entered late.
            if let late = timer.lateEntry {
                checks.that([.met, .missed].contains(timer.state) && timer.stoppedAt == late.occurredAt
                                && timer.explanation.lateEntry == late && late.delayMinutes >= TimeRules.lateEntryMinutes,
                            "\(label): a late verdict is a stopped one, at the late event")
                checks.that(complaint.history.contains { $0.lateEntry == late }, "\(label): the late entry is in the history")
            }
            switch timer.state {
            case .notStarted:
                checks.that(timer.startedAt == nil && timer.stoppedAt == nil && timer.dueAt == nil
                                && timer.elapsedBusinessMinutes == 0, "\(label): nothing measured before it starts")
            case .met, .missed, .notDone:
                guard let start = timer.startedAt, let stop = timer.stoppedAt else {
                    checks.that(false, "\(label): a stopped timer has a start and a stop"); continue
                }
                checks.that(start <= stop && stop <= now, "\(label): started ≤ stopped ≤ now")
                checks.that(timer.remainingBusinessMinutes == nil, "\(label): nothing remains once stopped")
                let wallMinutes = Int(stop.timeIntervalSince(start) / 60) + 1
                checks.that(timer.elapsedBusinessMinutes + timer.pausedMinutes <= wallMinutes, "\(label): business time ≤ wall time")
                if timer.state == .notDone {
                    checks.that(timer.explanation.stopCause != .event, "\(label): not done means stopped without its own event")
                } else if timer.state == .missed {
                    checks.that(timer.dueAt.map { stop > $0 } ?? false, "\(label): missed means stopped after its due")
                } else {
                    checks.that(timer.dueAt.map { stop <= $0 } ?? true, "\(label): met means stopped by its due")
                }
            case .running, .warning, .breached, .paused:
                guard let start = timer.startedAt else { checks.that(false, "\(label): a running timer has started"); continue }
                checks.that(start <= now && timer.stoppedAt == nil, "\(label): started, not stopped")
                checks.that(timer.remainingBusinessMinutes == timer.targetMinutes - timer.elapsedBusinessMinutes,
                            "\(label): remaining = target − elapsed")
                let wallMinutes = Int(now.timeIntervalSince(start) / 60) + 1
                checks.that(timer.elapsedBusinessMinutes + timer.pausedMinutes <= wallMinutes, "\(label): business time ≤ wall time")
                switch timer.state {
                case .paused: checks.that(timer.dueAt == nil, "\(label): a paused timer has no due time")
                case .breached: checks.that(timer.dueAt.map { $0 < now } ?? false, "\(label): breached means past its due")
                default: checks.that(timer.dueAt.map { $0 >= now } ?? true, "\(label): running means not yet due")
                }
            }
        }
    }

    static func legalClocksAreConsistent(_ statuses: [LegalClockStatus], complaint: Complaint, now: Date,
                                         calendar: BusinessCalendar, checks: inout Checks) {
        let cycles = max(1, complaint.clockFacts.cycles.filter { $0.startedAt <= now }.count)
        checks.that(statuses.isEmpty || statuses.count == cycles, "\(complaint.number): one legal clock per cycle")
        for status in statuses {
            let label = "\(complaint.number) legal/\(status.cycle) \(status.state.rawValue)"
            switch status.state {
            case .met, .missed:
                checks.that(status.answeredAt.map { $0 <= now } ?? false && status.daysLeft == nil, "\(label): answered by now")
            case .running, .overdue:
                checks.that(status.answeredAt == nil && status.daysLeft != nil, "\(label): not answered")
                checks.that((status.state == .overdue) == ((status.daysLeft ?? 0) < 0), "\(label): overdue means days left < 0")
            }
            checks.that(calendar.localDate(of: status.startedAt) < status.deadline, "\(label): the deadline is after its start")
            // The answer, never the decision, stops the clock: the cycle's first answer event known by now.
            let known = complaint.clockFacts.cycles.filter { $0.startedAt <= now }
            if status.cycle - 1 < known.count {
                let cycle = known[status.cycle - 1]
                let sent = cycle.answer.flatMap { $0.at <= now ? $0.at : nil }
                checks.that(status.sentAt == sent, "\(label): the clock reads the cycle's own answer")
                if sent == nil {
                    checks.saw("legal clocks of decided cycles not yet answered", cycle.decidedAt.map { $0 <= now } == true ? 1 : 0)
                    checks.that(status.answeredAt == nil, "\(label): no answer, so not answered (a decision does not answer)")
                } else {
                    checks.saw(status.isAwaitingDelivery ? "legal clocks sent, awaiting delivery" : "legal clocks stopped by an answer", 1)
                }
            }
            checks.that(status.possiblyDeemedAccepted == (status.state == .overdue || status.state == .missed),
                        "\(label): possibly deemed accepted exactly when overdue or answered late")
            checks.that(status.sendBy <= status.deadline, "\(label): send by no later than the deadline")
        }
    }

    static func queueRowsAreConsistent(desk: Desk, rows all: [QueueRow], now: Date, thorough: Bool,
                                       random: inout SeededRandom, checks: inout Checks) {
        let complaints = all.map(\.complaint)
        for row in all {
            if let next = row.nextDue {
                checks.that([.running, .warning, .breached].contains(next.state) && next.dueAt != nil,
                            "\(row.complaint.number): next due is a running timer with a due time")
            }
        }
        for (a, b) in zip(all, all.dropFirst()) {
            checks.that(!QueueQuery.dueFirst(b.orderKey, a.orderKey), "the queue is in order")
        }
        let table = QueueTable.render(all, desk: desk, now: now)
        checks.that(table.split(separator: "\n", omittingEmptySubsequences: false).count == all.count + 1,
                    "list prints a header and one line per complaint")
        let csv = parseCSV(CSVExport.render(all, desk: desk, now: now))
        checks.that(csv.count == all.count + 1, "the CSV has a header and one record per complaint")
        checks.that(csv.allSatisfy { $0.count == CSVExport.header.count }, "every CSV record has the header's columns")
        checks.that(Set(csv.dropFirst().compactMap(\.first)) == Set(complaints.map(\.number.description)), "the CSV names every complaint")
        let sample = (0..<(thorough ? 8 : 2)).compactMap { _ in all.randomElement(using: &random) }
        for row in sample {
            let json = ComplaintJSON(row, desk: desk, now: now, includeEvents: true)
            guard let data = try? JSONEncoder().encode(json),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                checks.that(false, "\(row.complaint.number): show --json parses"); continue
            }
            checks.that(object["number"] as? String == row.complaint.number.description
                            && object["state"] as? String == row.complaint.state.rawValue, "\(row.complaint.number): JSON number and state")
            checks.that((object["timers"] as? [Any])?.count == row.timers.count, "\(row.complaint.number): JSON has every timer")
            // Each timer's state and time left, as the queue, the board and the CSV read them.
            let jsonTimers = object["timers"] as? [[String: Any]] ?? []
            checks.that(jsonTimers.map { $0["state"] as? String } == row.timers.map { TimerReading.code($0.state) },
                        "\(row.complaint.number): JSON timer states (not-done its own)")
            checks.that(jsonTimers.map { $0["remainingBusinessMinutes"] as? Int } == row.timers.map(\.remainingBusinessMinutes),
                        "\(row.complaint.number): JSON minutes left = the engine's")
            checks.that((object["events"] as? [Any])?.count == row.complaint.history.count, "\(row.complaint.number): JSON has every event")
            // Entered late: said on every event it applies to, and on none other.
            let lateFlags = (object["events"] as? [[String: Any]] ?? []).map { $0["enteredLate"] as? Bool == true }
            checks.that(lateFlags == row.complaint.history.map { $0.lateEntry != nil }, "\(row.complaint.number): JSON marks the late entries")
            let lateTimers = (object["timers"] as? [[String: Any]] ?? []).map { $0["enteredLate"] != nil }
            checks.that(lateTimers == row.timers.map { $0.lateEntry != nil }, "\(row.complaint.number): JSON marks verdicts on late entries")
        }
        let lateColumn = CSVExport.header.firstIndex(of: "late_entries")
        for record in csv.dropFirst() {
            guard let lateColumn, let row = all.first(where: { $0.complaint.number.description == record.first }) else { continue }
            checks.that(record[lateColumn] == String(row.complaint.history.filter { $0.lateEntry != nil }.count),
                        "\(row.complaint.number): the CSV counts its late entries")
        }
        // `show --explain` for a few (it explains every timer, the costliest text there is).
        for row in (0..<3).compactMap({ _ in all.randomElement(using: &random) }) {
            let shown = ComplaintText.render(row.complaint, desk: desk, now: now, explain: true)
            checks.that(shown.contains(row.complaint.number.description), "\(row.complaint.number): show names it")
            let late = row.complaint.history.filter { $0.lateEntry != nil }.count
            checks.that(shown.components(separatedBy: "ENTERED LATE:").count - 1 == late, "\(row.complaint.number): show marks each late entry")
            for timer in row.timers where timer.lateEntry != nil {
                checks.that(shown.contains("\(timer.state.rawValue) — entered \(timer.lateEntry!.delayText) late"),
                            "\(row.complaint.number): show says the \(timer.name.rawValue) verdict rests on a late entry")
            }
        }
    }

    /// The report's counts against the histories themselves, and its figures from summaries
    /// against the same figures from every full history.
    @discardableResult
    static func reportCountsTheHistories(desk: Desk, histories: [GeneratedHistory], complaints: [Complaint], now: Date,
                                         thorough: Bool, checks: inout Checks) -> DeskReport {
        let day = desk.calendar.localDate(of: now)
        let report = DeskReport(desk: desk, day: day, now: now)
        if thorough {
            do {
                let reference = DeskReport(desk: desk, day: day, now: now, source: try .fullHistory(of: desk))
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                checks.that(try encoder.encode(report) == encoder.encode(reference), "the report from summaries = from full histories")
            } catch {
                checks.that(false, "the report from every full history: \(error)")
            }
        }
        var byState: [String: Int] = [:]
        for complaint in complaints where complaint.isOpen && complaint.state != .closed { byState[complaint.state.rawValue, default: 0] += 1 }
        checks.that(report.openByState == byState, "the report counts the open complaints in each state, closed ones apart")
        checks.that(report.closedAwaitingFollowUp == complaints.filter { $0.state == .closed }.count,
                    "the report counts the closed complaints awaiting their follow-up")
        // Mystery-shopping tests are in no figure but their own count.
        let tests = Set(complaints.filter(\.isMysteryShoppingTest).map(\.number))
        let testReceipts = complaints.filter(\.isMysteryShoppingTest).map(\.receivedAt)
        let histories = histories.filter { !tests.contains($0.number) }
        checks.saw("mystery-shopping tests left out of a report", tests.count)
        func inMonth(_ date: Date) -> Bool { let local = desk.calendar.localDate(of: date); return (local.year, local.month) == (day.year, day.month) }
        func onDay(_ date: Date) -> Bool { desk.calendar.localDate(of: date) == day }
        // Both periods contain `now`, so they are as of `now`: nothing after it counts.
        for (figures, inPeriod) in [(report.periods[0], onDay), (report.periods[1], inMonth)] as [(DeskReport.PeriodFigures, (Date) -> Bool)] {
            let events = histories.flatMap(\.events).filter { inPeriod($0.occurredAt) && $0.occurredAt <= now }
            checks.that(figures.testComplaintsExcluded == testReceipts.filter { inPeriod($0) && $0 <= now }.count,
                        "report \(figures.from): the test complaints received in the period are counted as left out")
            func count(_ verb: ActionVerb) -> Int { events.filter { $0.action.verb == verb }.count }
            let late = histories.flatMap(\.events).compactMap(\.lateEntry).filter { inPeriod($0.recordedAt) && $0.recordedAt <= now }
            checks.that(figures.lateEntriesByOperator == Dictionary(grouping: late, by: \.actor.id).mapValues(\.count),
                        "report \(figures.from)–\(figures.through): late entries counted per operator on the day entered")
            checks.that(figures.received == count(.receive) && figures.acknowledged == count(.acknowledge)
                            && figures.decided == count(.decide) && figures.closed == count(.close)
                            && figures.reopened == count(.reopen) && figures.followedUp == count(.followUp),
                        "report \(figures.from)–\(figures.through): counts equal the events of the period up to now "
                            + "(received \(figures.received)/\(count(.receive)), acknowledged \(figures.acknowledged)/\(count(.acknowledge)), "
                            + "decided \(figures.decided)/\(count(.decide)), closed \(figures.closed)/\(count(.close)), "
                            + "reopened \(figures.reopened)/\(count(.reopen)), followed up \(figures.followedUp)/\(count(.followUp)))")
            // Every way of splitting the timers' verdicts adds up to the same whole.
            let whole = figures.allTimers
            checks.saw("not-done timers in a report", whole.notDone)
            for (split, parts) in [("owner", figures.timersByOwner), ("category", figures.timersByCategory),
                                   ("channel", figures.timersByChannel), ("month", figures.timersByMonth)] {
                let sum = parts.values.reduce(into: DeskReport.TimerCompliance()) { $0.add($1) }
                checks.that(sum == whole, "report \(figures.from): timers by \(split) add up to all timers")
            }
            let ratings = events.compactMap { event -> Int? in
                if case .followUp(let satisfaction, _) = event.action { return satisfaction } else { return nil }
            }
            checks.that(figures.satisfaction.count == ratings.count, "report \(figures.from): satisfaction n is the ratings given")
            checks.that(figures.reopenedAfterDecision.whole == Set(events.filter { $0.action.verb == .decide }.map(\.number)).count,
                        "report \(figures.from): the reopen share is of the complaints decided in the period")
        }
        checks.that(!report.text.isEmpty, "the report prints")
        return report
    }

    /// One fact, one number: the breached and due-within-an-hour timers, the legal deadlines that
    /// need attention and the day's figures, counted from the queue rows' own timers, are the same
    /// on the shift board, its load line, the report, the CSV and `show --json`.
    static func figuresAgreeOnEverySurface(desk: Desk, rows: [QueueRow], report: DeskReport, now: Date, checks: inout Checks) {
        let board = ShiftBoardModel(desk: desk, now: now)
        let openRows = rows.filter { $0.complaint.isOpen }
        let open = Set(openRows.map(\.complaint.number))
        checks.that(board.rows.allSatisfy { open.contains($0.number) }, "the board shows open complaints only")
        checks.that(board.unassigned + board.load.reduce(0) { $0 + $1.open } == open.count, "the load table counts every open complaint")

        let breached = openRows.flatMap { row in row.timers.filter { $0.state == .breached }.map { (row.complaint, $0) } }
        checks.saw("breached timers", breached.count)
        let boardBreached = board.rows(in: .breached)
        checks.that(boardBreached.count == breached.count, "board: every breached timer (\(boardBreached.count) of \(breached.count))")
        checks.that(boardBreached.allSatisfy { $0.timer?.state == .breached }, "breached rows have a breached timer")
        checks.that(report.breachedTimers.count == breached.count, "report: every breached timer")
        checks.that(report.complaintsWithBreachedTimers == Set(breached.map(\.0.number)).count
                        && board.figures.complaintCount(in: .breached) == report.complaintsWithBreachedTimers,
                    "board and report: the complaints with a breached timer")
        for person in board.load {
            let theirs = breached.filter { $0.0.owner == person.id }.count
            checks.that(person.breachedTimers == theirs, "load: \(person.id)'s breached timers")
        }

        let dueSoon = openRows.flatMap { row in row.timers.filter { TimerReading.isDueWithinHour($0, now: now) } }
        checks.saw("timers due within an hour", dueSoon.count)
        checks.that(board.rows(in: .withinHour).count == dueSoon.count && report.dueWithinOneHour.count == dueSoon.count,
                    "board and report: every timer due within an hour (\(dueSoon.count))")
        let today = desk.calendar.localDate(of: now)
        let dueToday = openRows.flatMap { row in
            row.timers.filter { [.running, .warning].contains($0.state) && $0.dueAt.map { desk.calendar.localDate(of: $0) == today } == true }
                .map { (row.complaint, $0) }
        }
        checks.saw("timers due later today", board.rows(in: .laterToday).count)
        checks.that(board.rows(in: .laterToday).count == dueToday.filter { !TimerReading.isDueWithinHour($0.1, now: now) }.count,
                    "board: every timer due later today")
        for person in board.load {
            checks.that(person.dueToday == dueToday.filter { $0.0.owner == person.id }.count, "load: \(person.id)'s timers due today")
        }

        let warnings = desk.config.warnings
        let legal = openRows.filter { row in row.legal.map { LegalReading.needsAttention($0, warnings: warnings) } == true }
        checks.saw("legal deadlines needing attention", legal.count)
        checks.that(board.rows(in: .legal).count == legal.count, "board: every legal deadline that needs attention")
        checks.that(report.legalOverdue.count + report.legalNear.count == legal.count, "report: every legal deadline that needs attention")
        checks.that(report.legalOverdue.count == legal.filter { $0.legal?.state == .overdue }.count, "report: the overdue legal deadlines")
        // Decided in the current cycle and not answered: on the board, one row per complaint.
        let unanswered = openRows.filter { row in
            guard let cycle = row.complaint.clockFacts.cycles.last, let decided = cycle.decidedAt, decided <= now else { return false }
            return cycle.answer.map { $0.at > now } ?? true
        }
        checks.saw("decided complaints without an answer on the board", unanswered.count)
        checks.that(Set(board.rows(in: .decidedNotAnswered).map(\.number)) == Set(unanswered.map(\.complaint.number)),
                    "board: every decided complaint whose answer is not sent, and no other")
        checks.that(report.decidedNotAnswered.map(\.number) == board.rows(in: .decidedNotAnswered).map(\.number.description),
                    "report: the decided complaints whose answer is not sent, as the board")

        // The CSV's timer columns are the rows' timers.
        let csv = parseCSV(CSVExport.render(rows, desk: desk, now: now))
        if let header = csv.first, let number = header.firstIndex(of: "number"), let legalColumn = header.firstIndex(of: "legal_state"),
           let deemedColumn = header.firstIndex(of: "possibly_deemed_accepted") {
            let byNumber = Dictionary(rows.map { ($0.complaint.number.description, $0) }, uniquingKeysWith: { a, _ in a })
            for record in csv.dropFirst() {
                guard let row = byNumber[record[number]] else { continue }
                checks.that(record[legalColumn] == (row.legal.map(LegalReading.code) ?? ""), "CSV: \(record[number]) legal standing as the row's")
                checks.that(record[deemedColumn] == (row.legal.map { $0.possiblyDeemedAccepted ? "yes" : "no" } ?? ""),
                            "CSV: \(record[number]) possibly deemed accepted as the row's")
            }
        } else {
            checks.that(false, "CSV: the legal columns are there")
        }
        if let header = csv.first, let number = header.firstIndex(of: "number"), let breachedColumn = header.firstIndex(of: "breached_timers"),
           let statesColumn = header.firstIndex(of: "timer_states"), let leftColumn = header.firstIndex(of: "next_due_business_minutes_left") {
            let byNumber = Dictionary(rows.map { ($0.complaint.number.description, $0) }, uniquingKeysWith: { a, _ in a })
            var csvBreached = 0
            for record in csv.dropFirst() {
                guard let row = byNumber[record[number]] else { checks.that(false, "CSV: \(record[number]) is a queue row"); continue }
                if row.complaint.isOpen { csvBreached += record[breachedColumn].split(separator: " ").count }
                checks.that(record[statesColumn] == row.timers.map(CSVExport.timerState).joined(separator: " "),
                            "\(row.complaint.number): CSV timer states")
                // Past due reads `'-120`: the CSV guards every leading minus against formula injection.
                let left = row.nextDue.flatMap(TimerReading.minutesLeft).map { $0 < 0 ? "'\($0)" : "\($0)" } ?? ""
                checks.that(record[leftColumn] == left,
                            "\(row.complaint.number): CSV minutes left = the engine's")
            }
            checks.that(csvBreached == breached.count, "CSV: every breached timer of the open complaints")
        } else {
            checks.that(false, "the CSV has its timer columns")
        }
        // The board's figures are the report's for the same day.
        checks.that(board.todayFigures == report.periods[0] && board.monthFigures == report.periods[1],
                    "the board's figures are the report's")
    }

    /// A priority change applies from its instant: every timer that had stopped before an
    /// escalation keeps the verdict, the stop and the due time it had just before it; and a view
    /// of an earlier instant is what the desk showed then (the escalation not yet in force).
    static func escalationKeepsEarlierVerdicts(desk: Desk, complaints: [Complaint], now: Date, checks: inout Checks) {
        for complaint in complaints {
            let facts = complaint.clockFacts
            var escalations = facts.escalations.map(\.at).filter { $0 <= now }
            // And one more, raising to the top, made right now on every complaint still open.
            var raised = facts
            if complaint.isOpen, facts.priority(at: now) < .critical {
                raised.escalations.append(Escalation(at: now, priority: .critical))
                escalations.append(now)
            }
            let later = desk.timers(of: raised, now: now.addingTimeInterval(3600))
            for instant in escalations {
                let before = desk.timers(of: facts, now: instant.addingTimeInterval(-0.001))
                for timer in before where [.met, .missed, .notDone].contains(timer.state) {
                    checks.saw("verdicts reached before an escalation")
                    let after = later.first { $0.name == timer.name && $0.cycle == timer.cycle }
                    checks.that(after?.state == timer.state && after?.stoppedAt == timer.stoppedAt && after?.dueAt == timer.dueAt,
                                "\(complaint.number) \(timer.name.rawValue)/\(timer.cycle): \(timer.state.rawValue) before the escalation at \(instant), \(after?.state.rawValue ?? "gone") after")
                }
            }
            if complaint.isOpen {
                checks.that(desk.timers(of: raised, now: now.addingTimeInterval(-0.001)) == desk.timers(of: facts, now: now.addingTimeInterval(-0.001)),
                            "\(complaint.number): an escalation now leaves the view of a moment ago as it was")
            }
        }
    }

    /// The queue, shift board and detail screens drawn into a cell buffer: nothing may stop them,
    /// and what they draw names the complaints.
    static func render(_ dashboard: Dashboard, desk: Desk, histories: [GeneratedHistory], now: Date,
                       random: inout SeededRandom, checks: inout Checks) {
        _ = dashboard.handle(.tick(now))
        while dashboard.stack.count > 1 { dashboard.close(dashboard.top) }
        var buffer = CellBuffer(width: dashboard.width, height: dashboard.height)
        dashboard.render(into: &buffer)
        if let first = (dashboard.top as? QueueScreen)?.rows.first {
            checks.that(buffer.text.contains(first.complaint.number.description), "the queue screen shows its first row:\n\(buffer.text)")
        }
        _ = dashboard.handle(.key(.character("3")))
        buffer = CellBuffer(width: dashboard.width, height: dashboard.height)
        dashboard.render(into: &buffer)
        checks.that(!buffer.text.isEmpty, "the shift board draws")
        _ = dashboard.handle(.key(.character("1")))
        for _ in 0..<2 {
            guard let history = histories.randomElement(using: &random) else { break }
            dashboard.push(DetailScreen(number: history.number, dashboard: dashboard))
            buffer = CellBuffer(width: dashboard.width, height: dashboard.height)
            dashboard.render(into: &buffer)
            checks.that(buffer.text.contains(history.number.description), "\(history.number): the detail screen names it")
            dashboard.close(dashboard.top)
        }
    }

    /// A snapshot written after the histories gives back the same complaints.
    static func snapshotRoundTrip(desk: Desk, path: String, store: SnapshotStore, procedures: ProcedureLibrary,
                                  checks: inout Checks) {
        do {
            checks.that(try desk.saveSnapshot() != nil, "a snapshot is written")
            let restarted = try Desk(log: try EventLog(path: path, create: false), config: desk.config, procedures: procedures,
                                     snapshots: store)
            checks.that(restarted.startedFromSnapshot, "the desk starts from the snapshot")
            checks.that(restarted.state.complaints == desk.state.complaints, "the snapshot gives back every complaint")
        } catch {
            checks.that(false, "snapshot round trip: \(error)")
        }
    }

    /// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false
        var characters = Array(text).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else { field.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field); field = ""
            } else if character == "\r\n" || character == "\n" {
                record.append(field); records.append(record); record = []; field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
