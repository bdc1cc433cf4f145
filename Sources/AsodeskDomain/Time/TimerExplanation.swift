import Foundation


/// Everything needed to say why a timer shows what it shows, in words a shift lead can check.
public struct TimerExplanation: Sendable, Hashable, Codable {
    public var timer: TimerName
    public var cycle: Int
    public var cycleStartedAt: Date
    public var isReopenCycle: Bool
    public var state: TimerState
    public var startedAt: Date?
    public var startCause: TimerStartCause?
    public var dueAt: Date?
    public var stoppedAt: Date?
    public var stopCause: TimerStopCause?
    /// The target came from this priority and channel (`SLATargets.target`).
    public var priority: Priority
    public var channel: Channel
    public var targetMinutes: Int
    public var elapsedBusinessMinutes: Int
    public var pausedBusinessMinutes: Int
    /// Wall-clock minutes outside opening hours between start and stop (or now).
    public var closedWallMinutes: Int
    public var remainingBusinessMinutes: Int?
    public var pauses: [PausedTime]
    /// Public holidays and one-off closures skipped.
    public var skippedDays: [SkippedDay]
    /// Update cadence only: which period of this cycle is shown (1 = from the cycle start).
    public var updatePeriod: Int?
    /// Update cadence only: earlier periods of this cycle that ran past their due time.
    public var earlierUpdatePeriodsMissed: Int
    /// Times are written in the site's wall clock.
    public var timeZone: TimeZone
    /// The stopping event was entered late (`TimerStatus.lateEntry`): the verdict says so.
    public var lateEntry: LateEntry? = nil

    public init(timer: TimerName, cycle: Int, cycleStartedAt: Date, isReopenCycle: Bool, state: TimerState,
                startedAt: Date?, startCause: TimerStartCause?, dueAt: Date?, stoppedAt: Date?, stopCause: TimerStopCause?,
                priority: Priority, channel: Channel, targetMinutes: Int, elapsedBusinessMinutes: Int,
                pausedBusinessMinutes: Int, closedWallMinutes: Int, remainingBusinessMinutes: Int?,
                pauses: [PausedTime], skippedDays: [SkippedDay], updatePeriod: Int?, earlierUpdatePeriodsMissed: Int,
                timeZone: TimeZone) {
        self.timer = timer; self.cycle = cycle; self.cycleStartedAt = cycleStartedAt; self.isReopenCycle = isReopenCycle
        self.state = state; self.startedAt = startedAt; self.startCause = startCause; self.dueAt = dueAt
        self.stoppedAt = stoppedAt; self.stopCause = stopCause; self.priority = priority; self.channel = channel
        self.targetMinutes = targetMinutes; self.elapsedBusinessMinutes = elapsedBusinessMinutes
        self.pausedBusinessMinutes = pausedBusinessMinutes; self.closedWallMinutes = closedWallMinutes
        self.remainingBusinessMinutes = remainingBusinessMinutes; self.pauses = pauses; self.skippedDays = skippedDays
        self.updatePeriod = updatePeriod; self.earlierUpdatePeriodsMissed = earlierUpdatePeriodsMissed
        self.timeZone = timeZone
    }

    public func lines(language: Language = .english) -> [String] {
        language == .polish ? polishLines() : englishLines()
    }

    private func time(_ date: Date) -> String { ZoneMath.text(of: date, in: timeZone) }

    private func englishLines() -> [String] {
        // Switches, not dictionary look-ups: the compiler proves every case has its words.
        let timerName = switch timer {
        case .acknowledgement: "Acknowledgement"
        case .firstContact: "First contact"
        case .update: "Update cadence"
        case .decision: "Decision"
        case .followUp: "Follow-up"
        }
        var lines = ["\(timerName), cycle \(cycle)\(isReopenCycle ? " (reopened \(time(cycleStartedAt)))" : ""): "
                     + "target \(targetMinutes) business min (priority \(priority.rawValue), channel \(channel.rawValue))."]
        guard let startedAt else {
            lines.append(timer == .followUp ? "Not started: it starts when the case is closed." : "Not started yet.")
            return lines
        }
        let cause = switch startCause ?? .receipt {
        case .receipt: "at receipt"
        case .reopen: "at the reopen"
        case .acknowledgement: "at the acknowledgement"
        case .contact: "at the last contact with the customer"
        case .close: "when the case was closed"
        }
        var started = "Started \(time(startedAt)) \(cause)"
        if let updatePeriod, updatePeriod > 1 { started += " (period \(updatePeriod) of this cycle)" }
        lines.append(started + (dueAt.map { "; due \(time($0))." } ?? "."))
        lines.append("Counted \(elapsedBusinessMinutes) business min; paused \(pausedBusinessMinutes) business min; "
                     + "skipped \(closedWallMinutes) min outside opening hours.")
        for pause in pauses {
            let reason = switch pause.reason {
            case .customer: "the customer"
            case .parts: "parts"
            case .manufacturer: "the manufacturer"
            }
            lines.append("Paused \(time(pause.start))–\(pause.end.map(time) ?? "now") waiting for \(reason): \(pause.businessMinutes) business min.")
        }
        for day in skippedDays { lines.append("Closed \(day.date): \(day.englishName).") }
        if earlierUpdatePeriodsMissed > 0 {
            lines.append("\(earlierUpdatePeriodsMissed) earlier update period(s) in this cycle ran past due.")
        }
        let stopText: String? = stoppedAt.map { stop in
            switch stopCause ?? .event {
            case .event: return "stopped \(time(stop)) by the \(stopEventName(english: true))"
            case .cycleClosed: return "stopped \(time(stop)) by closing the case (no \(stopEventName(english: true)) recorded)"
            case .reopened: return "stopped \(time(stop)) by the reopen"
            }
        }
        switch state {
        case .met: lines.append("Met: \(stopText ?? "stopped") on time\(lateEnglish).")
        case .missed: lines.append("Missed: \(stopText ?? "stopped") after the due time\(lateEnglish).")
        case .notDone: lines.append("Not done: \(stopText ?? "stopped") without it happening; counts against the target, in no median.")
        case .breached: lines.append("Breached: \(-(remainingBusinessMinutes ?? 0)) business min past due.")
        case .paused: lines.append("Paused now: \(remainingBusinessMinutes ?? targetMinutes) business min remain and do not run down until the wait ends.")
        case .warning: lines.append("Warning: \(remainingBusinessMinutes ?? 0) business min remain.")
        case .running: lines.append("Running: \(remainingBusinessMinutes ?? 0) business min remain.")
        case .notStarted: break
        }
        return lines
    }

    private func polishLines() -> [String] {
        let timerName = switch timer {
        case .acknowledgement: "Potwierdzenie przyjęcia"
        case .firstContact: "Pierwszy kontakt"
        case .update: "Informowanie klienta"
        case .decision: "Decyzja"
        case .followUp: "Telefon kontrolny"
        }
        var lines = ["\(timerName), cykl \(cycle)\(isReopenCycle ? " (wznowiona \(time(cycleStartedAt)))" : ""): "
                     + "cel \(targetMinutes) min roboczych (priorytet \(Self.polish(priority)), kanał \(Self.polish(channel)))."]
        guard let startedAt else {
            lines.append(timer == .followUp ? "Nie wystartował: startuje po zamknięciu reklamacji." : "Jeszcze nie wystartował.")
            return lines
        }
        let cause = switch startCause ?? .receipt {
        case .receipt: "przy przyjęciu"
        case .reopen: "przy wznowieniu"
        case .acknowledgement: "przy potwierdzeniu"
        case .contact: "przy ostatnim kontakcie z klientem"
        case .close: "przy zamknięciu reklamacji"
        }
        var started = "Start \(time(startedAt)) \(cause)"
        if let updatePeriod, updatePeriod > 1 { started += " (okres \(updatePeriod) w tym cyklu)" }
        lines.append(started + (dueAt.map { "; termin \(time($0))." } ?? "."))
        lines.append("Naliczono \(elapsedBusinessMinutes) min roboczych; wstrzymano \(pausedBusinessMinutes) min roboczych; "
                     + "pominięto \(closedWallMinutes) min poza godzinami otwarcia.")
        for pause in pauses {
            let reason = switch pause.reason {
            case .customer: "na klienta"
            case .parts: "na części"
            case .manufacturer: "na producenta"
            }
            lines.append("Wstrzymano \(time(pause.start))–\(pause.end.map(time) ?? "teraz"), oczekuje \(reason): \(pause.businessMinutes) min roboczych.")
        }
        for day in skippedDays { lines.append("Zamknięte \(day.date): \(day.polishName).") }
        if earlierUpdatePeriodsMissed > 0 {
            lines.append("Wcześniejsze okresy informowania po terminie w tym cyklu: \(earlierUpdatePeriodsMissed).")
        }
        let stopText: String? = stoppedAt.map { stop in
            switch stopCause ?? .event {
            case .event: return "zatrzymany \(time(stop)): \(stopEventName(english: false))"
            case .cycleClosed: return "zatrzymany \(time(stop)) zamknięciem reklamacji (brak zdarzenia: \(stopEventName(english: false)))"
            case .reopened: return "zatrzymany \(time(stop)) wznowieniem reklamacji"
            }
        }
        switch state {
        case .met: lines.append("Dotrzymany: \(stopText ?? "zatrzymany") w terminie\(latePolish).")
        case .missed: lines.append("Niedotrzymany: \(stopText ?? "zatrzymany") po terminie\(latePolish).")
        case .notDone: lines.append("Niewykonany: \(stopText ?? "zatrzymany"), zanim go wykonano; liczy się jako niedotrzymany, nie wchodzi do mediany.")
        case .breached: lines.append("Przekroczony o \(-(remainingBusinessMinutes ?? 0)) min roboczych.")
        case .paused: lines.append("Wstrzymany: zostało \(remainingBusinessMinutes ?? targetMinutes) min roboczych; czas nie biegnie do końca oczekiwania.")
        case .warning: lines.append("Ostrzeżenie: zostało \(remainingBusinessMinutes ?? 0) min roboczych.")
        case .running: lines.append("Biegnie: zostało \(remainingBusinessMinutes ?? 0) min roboczych.")
        case .notStarted: break
        }
        return lines
    }

    /// " — entered 7 h 46 min late by pwisniewski at 2026-11-23 17:30 (the time was given, not recorded)".
    private var lateEnglish: String {
        guard let lateEntry else { return "" }
        return " — entered \(lateEntry.delayText) late by \(lateEntry.actor.id) at \(time(lateEntry.recordedAt)); "
            + "the verdict rests on the time given, not the time recorded"
            + (lateEntry.reason.map { " (reason: \($0))" } ?? "")
    }

    private var latePolish: String {
        guard let lateEntry else { return "" }
        return " — wpisano \(lateEntry.delayText) później: \(lateEntry.actor.id), \(time(lateEntry.recordedAt)); "
            + "werdykt opiera się na podanym czasie, nie na czasie wpisu"
            + (lateEntry.reason.map { " (uzasadnienie: \($0))" } ?? "")
    }

    private func stopEventName(english: Bool) -> String {
        switch timer {
        case .acknowledgement: return english ? "acknowledgement" : "potwierdzenie przyjęcia"
        case .firstContact: return english ? "first contact" : "pierwszy kontakt"
        // The shown update period ends at the decision; a contact would have opened a new period.
        case .update: return english ? "decision" : "decyzja"
        case .decision: return english ? "decision" : "decyzja"
        case .followUp: return english ? "follow-up call" : "kontakt po zamknięciu"
        }
    }

    private static func polish(_ priority: Priority) -> String {
        switch priority {
        case .normal: "zwykły"
        case .high: "wysoki"
        case .critical: "krytyczny"
        }
    }

    private static func polish(_ channel: Channel) -> String {
        switch channel {
        case .phone: "telefon"
        case .email: "e-mail"
        case .web: "formularz www"
        case .social: "media społecznościowe"
        case .letter: "list"
        case .inPerson: "osobiście"
        case .suggestionBox: "skrzynka sugestii"
        case .commentBook: "książka skarg i wniosków"
        }
    }
}
