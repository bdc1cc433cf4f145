import AsodeskApp
import AsodeskDomain
import AsodeskScreen
import Foundation

/// How the shift board words its rows and figures; shared by the screen and the handover file
/// so both say the same thing.
enum ShiftBoardText {
    enum Urgency { case ok, warning, breached }

    /// A breached timer or an overdue legal deadline; a timer in its warning band or a legal
    /// deadline today or tomorrow; otherwise on track.
    static func urgency(_ row: ShiftBoardRow) -> Urgency {
        if let timer = row.timer {
            switch timer.state {
            case .breached: return .breached
            case .warning: return .warning
            default: return .ok
            }
        }
        guard let legal = row.legal else { return .ok }
        if legal.state == .overdue { return .breached }
        return (legal.daysLeft ?? .max) <= 1 ? .warning : .ok
    }

    /// Colour alone is never enough: every urgency has its glyph.
    static func glyph(_ row: ShiftBoardRow) -> String {
        switch urgency(row) {
        case .ok: "✓"
        case .warning: "!"
        case .breached: "✗"
        }
    }

    static func role(_ row: ShiftBoardRow) -> StyleRole {
        switch urgency(row) {
        case .ok: .ok
        case .warning: .warning
        case .breached: .breached
        }
    }

    /// Business time overdue for a breached timer (`po terminie 1 h 05 min`); otherwise the
    /// due time with a live countdown today (`14:30 · 3:59:10`), or the day and time later.
    /// `compact` (80 columns) writes a breached timer as negative time left: `-1 h 05 min`.
    static func timeLeft(_ timer: TimerStatus, now: Date, style: LocalStyle, language: Language,
                         compact: Bool = false) -> String {
        let pl = language == .polish
        if timer.state == .breached {
            let overdue = -(timer.remainingBusinessMinutes ?? 0)
            return compact ? style.minutes(-overdue) : (pl ? "po terminie " : "overdue ") + style.minutes(overdue)
        }
        guard let due = timer.dueAt else { return "—" }
        if style.localDate(due) == style.localDate(now) {
            return "\(style.time(due)) · \(style.countdown(seconds: Int(due.timeIntervalSince(now).rounded(.down))))"
        }
        if style.localDate(due) == style.localDate(now).adding(days: 1) {
            return (pl ? "jutro " : "tomorrow ") + style.time(due)
        }
        return "\(style.shortDate(style.localDate(due))) \(style.time(due))"
    }

    /// `dziś`, `jutro`, `za 3 dni`, `po terminie 2 dni` (`compact`: `-2 dni`).
    static func daysLeft(_ legal: LegalClockStatus, language: Language, compact: Bool = false) -> String {
        let pl = language == .polish
        guard let days = legal.daysLeft else { return pl ? "odpowiedziano" : "answered" }
        func count(_ n: Int) -> String { pl ? (n == 1 ? "1 dzień" : "\(n) dni") : (n == 1 ? "1 day" : "\(n) days") }
        switch days {
        case ..<0: return compact ? "-" + count(-days) : (pl ? "po terminie " : "overdue ") + count(-days)
        case 0: return pl ? "dziś" : "today"
        case 1: return pl ? "jutro" : "tomorrow"
        default: return (pl ? "za " : "in ") + count(days)
        }
    }

    struct Figure {
        var label: String
        var value: String
        /// Breached when a share decided within the legal deadline is below 100%: the only
        /// acceptable value.
        var role: StyleRole
    }

    /// The key figures of one period of `DeskReport`, worded for the board.
    static func figures(_ period: DeskReport.PeriodFigures, style: LocalStyle, language: Language) -> [Figure] {
        let pl = language == .polish
        let none = "—"
        func minutes(_ value: Int?) -> String { value.map(style.minutes) ?? none }
        func percent(_ value: Double?) -> String { value.map(style.percent) ?? none }
        let legalShare = period.decidedWithinLegalDeadline
        let legalShort = legalShare.map { $0 < 1 } ?? false
        return [
            Figure(label: pl ? "Przyjęte / rozpatrzone" : "Received / decided",
                   value: "\(style.number(period.received)) / \(style.number(period.decided))", role: .body),
            Figure(label: pl ? "Mediana do potwierdzenia" : "Median to acknowledgement",
                   value: minutes(period.medianMinutesToAcknowledgement), role: .body),
            Figure(label: pl ? "Mediana do decyzji" : "Median to decision",
                   value: minutes(period.medianMinutesToDecision), role: .body),
            Figure(label: pl ? "Decyzje w terminie ustawowym" : "Decided within legal deadline",
                   value: (legalShort ? "✗ " : "") + percent(legalShare), role: legalShort ? .breached : .body),
            Figure(label: pl ? "Ponownie otwarte" : "Reopen rate", value: percent(period.reopenRate), role: .body),
            Figure(label: pl ? "Zadowolenie po kontakcie" : "Satisfaction at follow-up",
                   value: period.averageSatisfaction.map { style.decimal($0) + "/5" } ?? none, role: .body),
        ]
    }
}
