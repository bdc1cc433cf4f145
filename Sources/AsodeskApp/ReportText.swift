import AsodeskDomain
import Foundation

/// `asodesk report` in words, Polish or English: every figure with what it is made of, defined as
/// in the shift lead's guide. Codes (timer names, states, categories) stay as `--json` writes them.
extension DeskReport {
    /// English, as scripts and the tests read it.
    public var text: String { text(in: .english) }

    /// The report in words: its document set as plain text (the PDF sets the same document).
    public func text(in language: Language) -> String { document(in: language).text }

    /// Every section of the report, in `language`: what needs attention now, then each period's
    /// figures as a table of figure, value and what it is made of. `showing`: the indices of the
    /// periods to set (all when nil); `more`: sections after them (the monthly review's tables).
    public func document(in language: Language, showing shown: [Int]? = nil, more: [ReportDocument.Section] = []) -> ReportDocument {
        let pl = language == .polish
        func t(_ polish: String, _ english: String) -> String { pl ? polish : english }
        let site = SafeText.singleLine(site, maxCharacters: 120)
        let none = t("brak", "none")
        var sections: [ReportDocument.Section] = []
        sections.append(.init(title: t("Otwarte teraz", "Open now"), notes: [Self.counts(openByState, language)
                     + (closedAwaitingFollowUp > 0
                        ? t("; zamknięte, czekają na telefon kontrolny \(closedAwaitingFollowUp)",
                            "; closed, awaiting the follow-up call \(closedAwaitingFollowUp)") : "")]))
        func section(_ title: String, _ columns: [ReportDocument.Column], _ items: [AttentionItem], _ cells: (AttentionItem) -> [String]) {
            let number = ReportDocument.Column(t("Numer", "Number")), customer = ReportDocument.Column(t("Klient", "Customer"))
            sections.append(items.isEmpty ? .init(title: title, notes: [none])
                            : .init(title: title, table: .init(columns: [number, customer] + columns,
                                                               rows: items.map { [$0.number, $0.customer] + cells($0) })))
        }
        func wall(_ iso: String?) -> String {
            // `2026-12-07T08:15:00+01:00` → `2026-12-07 08:15`: the site's wall time.
            iso.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "—"
        }
        let onComplaints = pl ? "na " + Wording.pl(complaintsWithBreachedTimers, one: "reklamacji", few: "reklamacjach", many: "reklamacjach")
                              : "on " + Wording.en(complaintsWithBreachedTimers, "complaint", "complaints")
        let timer = ReportDocument.Column(t("Licznik", "Timer"))
        section(t("Liczniki po terminie", "Breached timers") + " (\(breachedTimers.count) \(onComplaints))",
                [timer, .init(t("Po terminie", "Overdue"), .right)], breachedTimers) {
            [$0.timer ?? "", $0.minutesLeft.map(DurationText.minutes) ?? ""]
        }
        section(t("Liczniki w ciągu godziny", "Due within one hour") + " (\(dueWithinOneHour.count))",
                [timer, .init(t("Termin", "Due at"))], dueWithinOneHour) { [$0.timer ?? "", wall($0.dueAt)] }
        let deemed = LegalReading.deemedAccepted.text(language)
        func standing(_ item: AttentionItem) -> String {
            item.legalStanding.flatMap(LegalStanding.init(rawValue:)).map { LegalReading.word($0).text(language) } ?? ""
        }
        let deadline = ReportDocument.Column(t("Termin ustawowy", "Legal deadline")), where_ = ReportDocument.Column(t("Stan", "Standing"))
        section(t("Termin ustawowy przekroczony", "Legal deadline overdue") + " (\(legalOverdue.count))",
                [deadline, where_], legalOverdue) { [$0.deadline ?? "—", standing($0) + " – " + deemed] }
        section((pl ? "Termin ustawowy za " + Wording.pl(legalWarningDays, one: "dzień", few: "dni", many: "dni") + " lub mniej"
                    : "Legal deadline in " + Wording.en(legalWarningDays, "day", "days") + " or less") + " (\(legalNear.count))",
                [deadline, .init(t("Wyślij do", "Send by")), where_], legalNear) { item in
            [item.deadline ?? "—", item.sendBy.flatMap { $0 < (item.deadline ?? "") ? $0 : nil } ?? "—", standing(item)]
        }
        section(t("Decyzja bez wysłanej odpowiedzi", "Decided, answer not sent") + " (\(decidedNotAnswered.count))",
                [.init(t("Decyzja", "Decided"))], decidedNotAnswered) { [wall($0.decidedAt)] }
        let lowColumns = [ReportDocument.Column(t("Wynik", "Result")), .init(t("Rodzaj", "Kind")), .init(t("Dzień", "Date")),
                          .init(t("Ocena", "Score"), .right), .init(t("Dotyczy", "About"))]
        sections.append(lowFeedback.isEmpty
            ? .init(title: t("Niska ocena (ankiety, audyty), czeka na przegląd kierownika", "Low scores (surveys, audits) awaiting a lead's review")
                    + " (0)", notes: [none])
            : .init(title: t("Niska ocena (ankiety, audyty), czeka na przegląd kierownika", "Low scores (surveys, audits) awaiting a lead's review")
                    + " (\(lowFeedback.count))",
                    table: .init(columns: lowColumns, rows: lowFeedback.map { item in
                        let result = item.percent.map { "\($0) %" } ?? item.score.map { "\($0)/\(item.scale ?? 10)" } ?? "—"
                        let about = [item.advisor, item.complaint, item.repairOrder].compactMap { $0 }
                            .map { SafeText.singleLine($0, maxCharacters: 40) }.joined(separator: ", ")
                        let kind = item.kind == FeedbackKind.survey.rawValue ? t("ankieta", "survey") : t("audyt", "mystery shopping")
                        return [item.id, kind, item.date ?? "—", result, about]
                    })))
        // Derived procedure reviews are said with the procedures below; here the logged actions.
        let logged = actionsOverdue.filter { !$0.id.hasPrefix("procedure:") }
        let actionColumns = [ReportDocument.Column(t("Działanie", "Action")), .init(t("Tytuł", "Title")), .init(t("Odpowiada", "Owner"))]
        func actionRow(_ item: ActionItem) -> [String] {
            [item.id, SafeText.singleLine(item.title, maxCharacters: 80), item.owner ?? t("kierownicy zmiany", "the shift leads"), item.due]
        }
        if !logged.isEmpty {
            sections.append(.init(title: t("Działania po terminie", "Actions overdue") + " (\(logged.count))",
                                  table: .init(columns: actionColumns + [.init(t("Termin", "Due"))], rows: logged.map(actionRow))))
        }
        if !effectivenessChecksDue.isEmpty {
            sections.append(.init(title: t("Do oceny skuteczności", "Effectiveness checks due") + " (\(effectivenessChecksDue.count))",
                                  table: .init(columns: actionColumns + [.init(t("Ocena od", "Check from"))],
                                               rows: effectivenessChecksDue.map(actionRow))))
        }
        for period in shown.map({ $0.map { periods[$0] } }) ?? periods { sections.append(Self.section(period, language)) }
        sections += more
        if !overdueProcedureReviews.isEmpty {
            sections.append(.init(title: t("Procedury z przeglądem starszym niż dwa lata", "Procedures whose review is over two years old"),
                                  notes: [overdueProcedureReviews.joined(separator: ", ")]))
        }
        let records = Int(clamping: logRecords)
        return ReportDocument(
            language: language,
            title: t("\(site) — raport działu reklamacji za \(subject) (sporządzony \(generatedAt))",
                     "\(site) — complaint desk report for \(subject) (generated \(generatedAt))"),
            sections: sections, site: site, generatedAt: generatedAt, chainHead: chainHead,
            closing: [pl ? "Log: " + Wording.pl(records, one: "wpis", few: "wpisy", many: "wpisów") + "; głowa łańcucha \(chainHead)"
                         : "Log: \(Wording.en(records, "record", "records")); chain head \(chainHead)",
                      t("(Zachowaj tę głowę poza komputerem: pozwoli `asodesk verify` udowodnić później, że historii nie przepisano.)",
                        "(Keep this head off the machine: it lets `asodesk verify` prove later that the history was not rewritten.)")])
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

    /// A period's figures: one row per figure, its value and what it is made of.
    static func section(_ f: PeriodFigures, _ language: Language) -> ReportDocument.Section {
        let pl = language == .polish
        func t(_ polish: String, _ english: String) -> String { pl ? polish : english }
        func minutes(_ value: Int?) -> String { value.map(DurationText.minutes) ?? "—" }
        func compliance(_ c: TimerCompliance) -> String {
            t("dotrzymane \(c.met), spóźnione \(c.late), niewykonane \(c.notDone)", "met \(c.met), late \(c.late), not done \(c.notDone)")
        }
        let all = f.allTimers
        let satisfaction = f.satisfaction.average.map { String(format: "%.1f/5", $0) } ?? "—"
        let shownSatisfaction = pl ? satisfaction.replacingOccurrences(of: ".", with: ",") : satisfaction
        let ratings = f.satisfaction.distribution.enumerated().map { "\($0.offset + 1): \($0.element)" }.joined(separator: ", ")
        let window = pl ? Wording.pl(f.reopenWindowDays, one: "dnia", few: "dni", many: "dni") : Wording.en(f.reopenWindowDays, "day", "days")
        var rows: [[String]] = [
            [t("przyjęte", "received"), "\(f.received)", ""],
            [t("potwierdzone", "acknowledged"), "\(f.acknowledged)", ""],
            [t("rozpatrzone", "decided"), "\(f.decided)", ""],
            [t("zamknięte", "closed"), "\(f.closed)", ""],
            [t("po telefonie kontrolnym", "followed up"), "\(f.followedUp)", ""],
            [t("otwarte ponownie", "reopened"), "\(f.reopened)", ""],
        ] + (f.testComplaintsExcluded == 0 ? [] : [
            // Said only when there were any: a mystery shopper's complaints are in no other figure.
            [t("pominięte we wskaźnikach testy (tajemniczy klient)", "left out of the figures as mystery-shopping tests"),
             "\(f.testComplaintsExcluded)", ""],
        ])
        for name in TimerName.allCases {
            let c = f.timers[name.rawValue] ?? TimerCompliance()
            rows.append([t("licznik \(name.rawValue) dotrzymany", "timer \(name.rawValue) met on time"), c.onTime.text, compliance(c)])
        }
        rows += [
            [t("wszystkie liczniki dotrzymane", "all timers met on time"), all.onTime.text, compliance(all)],
            [t("mediana czasu roboczego do potwierdzenia", "median business time to acknowledgement"), minutes(f.medianMinutesToAcknowledgement),
             t("liczniki dotrzymane i spóźnione", "met and missed timers")],
            [t("mediana do pierwszego kontaktu", "median to first contact"), minutes(f.medianMinutesToFirstContact), ""],
            [t("mediana do decyzji", "median to decision"), minutes(f.medianMinutesToDecision), ""],
            [t("termin ustawowy: odpowiedź w terminie", "legal deadline answered in time"), f.legal.inTime.text,
             t("w terminie \(f.legal.answeredInTime), po terminie \(f.legal.answeredLate), przekroczone bez odpowiedzi \(f.legal.overdueUnanswered); jeszcze w terminie \(f.legal.withinDeadline)",
               "in time \(f.legal.answeredInTime), answered late \(f.legal.answeredLate), overdue unanswered \(f.legal.overdueUnanswered); still within the deadline \(f.legal.withinDeadline)")],
            [t("otwarte ponownie w ciągu \(window) od decyzji z okresu", "reopened within \(window) of a decision in the period"),
             f.reopenedAfterDecision.text, ""],
            [t("czas decyzji wstrzymany", "decision time paused"), f.pausedShare.percent.map { "\($0) %" } ?? "—",
             t("klient, części, producent", "waiting for customer, parts, manufacturer")],
            [t("zadowolenie po telefonie kontrolnym", "satisfaction at follow-up"), shownSatisfaction,
             t("n = \(f.satisfaction.count); oceny \(ratings)", "n = \(f.satisfaction.count); ratings \(ratings)")],
            [t("ankiety (CSI)", "surveys (CSI)"), f.surveys.count == 0 ? "—" : decimal(f.surveys.average, language) + "/\(f.surveys.scale)",
             surveys(f.surveys, language)],
            [t("audyty mystery shopping", "mystery shopping"),
             f.mysteryShopping.count == 0 ? "—" : decimal(f.mysteryShopping.averagePercent, language) + " %",
             f.mysteryShopping.count == 0 ? t("brak", "none")
                : t("n = \(f.mysteryShopping.count); poniżej progu \(f.mysteryShopping.low)",
                    "n = \(f.mysteryShopping.count); under the threshold \(f.mysteryShopping.low)")],
            [t("przyjęte według kategorii", "received by category"), "", counts(f.byCategory, language)],
            [t("przyjęte według kanału", "received by channel"), "", counts(f.byChannel, language)],
            [t("przyjęte według opiekuna przy przyjęciu", "received by owner at receipt"), "", counts(f.byOwner, language)],
            [t("liczniki dotrzymane według opiekuna w chwili werdyktu", "timers met on time by owner at the verdict"), "", shares(f.timersByOwner, language)],
            [t("liczniki dotrzymane według kategorii", "timers met on time by category"), "", shares(f.timersByCategory, language)],
            [t("liczniki dotrzymane według kanału", "timers met on time by channel"), "", shares(f.timersByChannel, language)],
            [t("liczniki dotrzymane według miesiąca", "timers met on time by month"), "", shares(f.timersByMonth, language, byKey: true)],
            [t("wpisane z opóźnieniem, według wpisującego", "entered late, by who entered it"), "",
             t("ponad \(TimeRules.lateEntryMinutes) min po zdarzeniu: ", "more than \(TimeRules.lateEntryMinutes) min after it happened: ")
                + counts(f.lateEntriesByOperator, language)],
        ]
        if f.verdictsOnLateEntries > 0 {
            rows.append([t("werdykty liczników oparte na spóźnionym wpisie", "timer verdicts resting on a late entry"), "\(f.verdictsOnLateEntries)", ""])
        }
        return ReportDocument.Section(
            title: title(f, language),
            table: .init(columns: [.init(t("Wskaźnik", "Figure")), .init(t("Wartość", "Value"), .right), .init(t("Z czego", "Made of"))],
                         rows: rows))
    }

    /// One decimal, with a decimal comma in Polish; — for none.
    static func decimal(_ value: Double?, _ language: Language) -> String {
        guard let value else { return "—" }
        let text = String(format: "%.1f", value)
        return language == .polish ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func surveys(_ s: SurveyFigures, _ language: Language) -> String {
        let pl = language == .polish
        guard s.count > 0 else { return pl ? "brak" : "none" }
        let scores = s.distribution.enumerated().filter { $0.element > 0 }.map { "\($0.offset + 1): \($0.element)" }.joined(separator: ", ")
        let advisors = s.byAdvisor.sorted { $0.key < $1.key }
            .map { "\(SafeText.singleLine($0.key, maxCharacters: 40)) \(decimal($0.value.average, language)) (n = \($0.value.count))" }
            .joined(separator: ", ")
        return (pl ? "n = \(s.count); oceny \(scores)" : "n = \(s.count); scores \(scores)")
            + (advisors.isEmpty ? "" : (pl ? "; według doradcy: " : "; by advisor: ") + advisors)
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
