import AsodeskDomain
import Foundation

/// `asodesk report` in words, Polish or English: every figure with what it is made of, defined as
/// in the shift lead's guide. Codes (timer names, states, categories) stay as `--json` writes them.
extension DeskReport {
    /// English, as scripts and the tests read it.
    public var text: String { text(in: .english) }

    public func text(in language: Language) -> String {
        let pl = language == .polish
        func t(_ polish: String, _ english: String) -> String { pl ? polish : english }
        let site = SafeText.singleLine(site, maxCharacters: 120)
        var lines = [t("\(site) — raport działu reklamacji za \(subject) (sporządzony \(generatedAt))",
                       "\(site) — complaint desk report for \(subject) (generated \(generatedAt))"), ""]
        lines.append(t("Otwarte teraz: ", "Open now: ") + Self.counts(openByState, language)
                     + (closedAwaitingFollowUp > 0
                        ? t("; zamknięte, czekają na telefon kontrolny \(closedAwaitingFollowUp)",
                            "; closed, awaiting the follow-up call \(closedAwaitingFollowUp)") : ""))
        let onComplaints = pl ? "na " + Wording.pl(complaintsWithBreachedTimers, one: "reklamacji", few: "reklamacjach", many: "reklamacjach")
                              : "on " + Wording.en(complaintsWithBreachedTimers, "complaint", "complaints")
        lines.append(t("Liczniki po terminie", "Breached timers") + " (\(breachedTimers.count) \(onComplaints)):")
        func label(_ item: AttentionItem) -> String { "\(item.number) \(item.customer): " }
        func due(_ item: AttentionItem) -> String {
            // `2026-12-07T08:15:00+01:00` → `2026-12-07 08:15`: the site's wall time.
            item.dueAt.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "—"
        }
        let deadlineWord = t("termin", "deadline")
        lines += breachedTimers.map { "  ✗ " + label($0) + "\($0.timer ?? "") " + ($0.minutesLeft.map(DurationText.minutes) ?? "") }
        lines.append(t("Liczniki w ciągu godziny", "Due within one hour") + " (\(dueWithinOneHour.count)):")
        lines += dueWithinOneHour.map { "  ! " + label($0) + "\($0.timer ?? "") " + t("o ", "at ") + due($0) }
        lines.append(t("Termin ustawowy przekroczony", "Legal deadline overdue") + " (\(legalOverdue.count)):")
        let deemed = LegalReading.deemedAccepted.text(language)
        func standing(_ item: AttentionItem) -> String {
            item.legalStanding.flatMap(LegalStanding.init(rawValue:)).map { LegalReading.word($0).text(language) } ?? ""
        }
        lines += legalOverdue.map { "  ✗ " + label($0) + "\(deadlineWord) \($0.deadline ?? "—"), \(standing($0)) – \(deemed)" }
        lines.append((pl ? "Termin ustawowy za " + Wording.pl(legalWarningDays, one: "dzień", few: "dni", many: "dni") + " lub mniej"
                         : "Legal deadline in " + Wording.en(legalWarningDays, "day", "days") + " or less")
                     + " (\(legalNear.count)):")
        lines += legalNear.map { item in
            let sendBy = item.sendBy.flatMap { $0 < (item.deadline ?? "") ? $0 : nil }.map { ", " + t("wyślij do ", "send by ") + $0 } ?? ""
            return "  ! " + label(item) + "\(deadlineWord) \(item.deadline ?? "—")\(sendBy), \(standing(item))"
        }
        lines.append(t("Decyzja bez wysłanej odpowiedzi", "Decided, answer not sent") + " (\(decidedNotAnswered.count)):")
        lines += decidedNotAnswered.map { "  · " + label($0) + t("decyzja ", "decided ") + ($0.decidedAt.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "—") }
        // Derived procedure reviews are said with the procedures below; here the logged actions.
        let logged = actionsOverdue.filter { !$0.id.hasPrefix("procedure:") }
        func action(_ item: ActionItem) -> String {
            "\(item.id) \(item.title) (\(item.owner ?? t("kierownicy zmiany", "the shift leads")))"
        }
        if !logged.isEmpty {
            lines.append(t("Działania po terminie", "Actions overdue") + " (\(logged.count)):")
            lines += logged.map { "  ✗ " + action($0) + ", " + t("termin ", "due ") + $0.due }
        }
        if !effectivenessChecksDue.isEmpty {
            lines.append(t("Do oceny skuteczności", "Effectiveness checks due") + " (\(effectivenessChecksDue.count)):")
            lines += effectivenessChecksDue.map { "  ! " + action($0) + ", " + t("ocena od ", "check from ") + $0.due }
        }
        for period in periods {
            lines.append("")
            lines += Self.lines(period, language)
        }
        if !overdueProcedureReviews.isEmpty {
            lines.append("")
            lines.append(t("Procedury z przeglądem starszym niż dwa lata: ", "Procedures whose review is over two years old: ")
                         + overdueProcedureReviews.joined(separator: ", "))
        }
        lines.append("")
        let records = Int(clamping: logRecords)
        lines.append(pl ? "Log: " + Wording.pl(records, one: "wpis", few: "wpisy", many: "wpisów") + "; głowa łańcucha \(chainHead)"
                        : "Log: \(Wording.en(records, "record", "records")); chain head \(chainHead)")
        lines.append(t("(Zachowaj tę głowę poza komputerem: pozwoli `asodesk verify` udowodnić później, że historii nie przepisano.)",
                       "(Keep this head off the machine: it lets `asodesk verify` prove later that the history was not rewritten.)"))
        return lines.joined(separator: "\n")
    }

    static func title(_ period: PeriodFigures, _ language: Language) -> String {
        let pl = language == .polish
        let span = period.from == period.through ? period.from : "\(period.from) – \(period.through)"
        let name = switch period.kind {
        case .day: pl ? "Dzień" : "Day"
        case .month: pl ? "Miesiąc" : "Month"
        case .range: pl ? "Okres" : "Period"
        }
        return "\(name) \(span), " + (pl ? "stan na" : "as of") + " \(period.asOf)"
    }

    static func lines(_ f: PeriodFigures, _ language: Language) -> [String] {
        let pl = language == .polish
        func t(_ polish: String, _ english: String) -> String { pl ? polish : english }
        func minutes(_ value: Int?) -> String { value.map(DurationText.minutes) ?? "—" }
        let timerNames = TimerName.allCases.map { name in
            "\(name.rawValue) \(f.timers[name.rawValue]?.onTime.text ?? FigureShare(part: 0, whole: 0).text)"
        }
        let all = f.allTimers
        let satisfaction = f.satisfaction.average.map { String(format: "%.1f/5", $0) } ?? "—"
        let shownSatisfaction = pl ? satisfaction.replacingOccurrences(of: ".", with: ",") : satisfaction
        let ratings = f.satisfaction.distribution.enumerated().map { "\($0.offset + 1): \($0.element)" }.joined(separator: ", ")
        let window = pl ? Wording.pl(f.reopenWindowDays, one: "dnia", few: "dni", many: "dni") : Wording.en(f.reopenWindowDays, "day", "days")
        return [
            "\(title(f, language)):",
            t("  przyjęte \(f.received), potwierdzone \(f.acknowledged), rozpatrzone \(f.decided), zamknięte \(f.closed), po telefonie kontrolnym \(f.followedUp), otwarte ponownie \(f.reopened)",
              "  received \(f.received), acknowledged \(f.acknowledged), decided \(f.decided), closed \(f.closed), followed up \(f.followedUp), reopened \(f.reopened)"),
            t("  liczniki dotrzymane: ", "  timers met on time: ") + timerNames.joined(separator: ", "),
            t("  wszystkie liczniki dotrzymane \(all.onTime.text): spóźnione \(all.late), niewykonane \(all.notDone)",
              "  all timers met on time \(all.onTime.text): late \(all.late), not done \(all.notDone)"),
            t("  mediana czasu roboczego (liczniki dotrzymane i spóźnione) do potwierdzenia \(minutes(f.medianMinutesToAcknowledgement)), do pierwszego kontaktu \(minutes(f.medianMinutesToFirstContact)), do decyzji \(minutes(f.medianMinutesToDecision))",
              "  median business time (met and missed timers) to acknowledgement \(minutes(f.medianMinutesToAcknowledgement)), to first contact \(minutes(f.medianMinutesToFirstContact)), to decision \(minutes(f.medianMinutesToDecision))"),
            t("  termin ustawowy: odpowiedź w terminie \(f.legal.inTime.text): po terminie \(f.legal.answeredLate), przekroczone bez odpowiedzi \(f.legal.overdueUnanswered); jeszcze w terminie \(f.legal.withinDeadline)",
              "  legal deadline answered in time \(f.legal.inTime.text): answered late \(f.legal.answeredLate), overdue unanswered \(f.legal.overdueUnanswered); still within the deadline \(f.legal.withinDeadline)"),
            t("  otwarte ponownie w ciągu \(window) od decyzji z okresu \(f.reopenedAfterDecision.text)",
              "  reopened within \(window) of a decision in the period \(f.reopenedAfterDecision.text)"),
            t("  czas decyzji wstrzymany (klient, części, producent) ", "  decision time paused (waiting for customer, parts, manufacturer) ")
                + (f.pausedShare.percent.map { "\($0) %" } ?? "—"),
            t("  zadowolenie po telefonie kontrolnym \(shownSatisfaction) (n = \(f.satisfaction.count); oceny \(ratings))",
              "  satisfaction at follow-up \(satisfaction) (n = \(f.satisfaction.count); ratings \(ratings))"),
            t("  przyjęte według kategorii: ", "  received by category: ") + counts(f.byCategory, language),
            t("  przyjęte według kanału: ", "  received by channel: ") + counts(f.byChannel, language),
            t("  przyjęte według opiekuna przy przyjęciu: ", "  received by owner at receipt: ") + counts(f.byOwner, language),
            t("  liczniki dotrzymane według opiekuna w chwili werdyktu: ", "  timers met on time by owner at the verdict: ")
                + shares(f.timersByOwner, language),
            t("  liczniki dotrzymane według kategorii: ", "  timers met on time by category: ") + shares(f.timersByCategory, language),
            t("  liczniki dotrzymane według kanału: ", "  timers met on time by channel: ") + shares(f.timersByChannel, language),
            t("  liczniki dotrzymane według miesiąca: ", "  timers met on time by month: ") + shares(f.timersByMonth, language, byKey: true),
            t("  wpisane z opóźnieniem (ponad \(TimeRules.lateEntryMinutes) min po zdarzeniu), według wpisującego: ",
              "  entered late (more than \(TimeRules.lateEntryMinutes) min after it happened), by who entered it: ")
                + counts(f.lateEntriesByOperator, language)
                + (f.verdictsOnLateEntries > 0
                   ? t("; werdykty liczników oparte na spóźnionym wpisie: \(f.verdictsOnLateEntries)",
                       "; timer verdicts resting on a late entry: \(f.verdictsOnLateEntries)") : ""),
        ]
    }

    static func counts(_ values: [String: Int], _ language: Language = .english) -> String {
        values.isEmpty ? (language == .polish ? "brak" : "none")
            : values.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    static func shares(_ values: [String: TimerCompliance], _ language: Language = .english, byKey: Bool = false) -> String {
        guard !values.isEmpty else { return language == .polish ? "brak" : "none" }
        let sorted = byKey ? values.sorted { $0.key < $1.key }
            : values.sorted { $0.value.total != $1.value.total ? $0.value.total > $1.value.total : $0.key < $1.key }
        return sorted.map { "\($0.key) \($0.value.onTime.text)" }.joined(separator: ", ")
    }
}
