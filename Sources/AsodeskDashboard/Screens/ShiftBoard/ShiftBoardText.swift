import AsodeskApp
import AsodeskDomain
import AsodeskScreen
import Foundation

/// How the shift board words its rows and figures; shared by the screen and the handover file
/// so both say the same thing.
enum ShiftBoardText {
    /// A timer row reads as its timer (`TimerReading`); a legal row as its deadline
    /// (`LegalReading`, the site's one threshold); a waiting row is a warning; a decided row on track.
    static func tone(_ row: BoardRow, warnings: WarningThresholds) -> FigureTone {
        if let timer = row.timer { return TimerReading.tone(timer.state) }
        switch row.section {
        case .waiting: return .warning
        case .legal: return row.legal.map { LegalReading.tone($0, warnings: warnings) } ?? .ok
        default: return .ok
        }
    }

    /// Colour alone is never enough: every tone has its glyph, the same as on every other surface.
    static func glyph(_ row: BoardRow, warnings: WarningThresholds) -> String {
        if let timer = row.timer { return TimerReading.glyph(timer.state) }
        switch row.section {
        case .waiting: return "‖"
        case .legal: return row.legal.map { LegalReading.glyph($0, warnings: warnings) } ?? "✓"
        default: return "✓"
        }
    }

    /// Marks an escalated complaint beside its glyph.
    static let escalatedMark = "↑"

    /// Business time left (`left 2 h 05 min`, overdue `-1 h 05 min` of business time) and, for a
    /// timer due today, the wall-clock time it falls due; `compact` for 80 columns.
    static func timeLeft(_ timer: TimerStatus, now: Date, style: LocalStyle, language: Language,
                         compact: Bool = false) -> String {
        let pl = language == .polish
        let left = TimerReading.leftText(timer) ?? "—"
        if timer.state == .breached {
            return compact ? left : (pl ? "po terminie " : "overdue ") + DurationText.minutes(-(TimerReading.minutesLeft(timer) ?? 0))
        }
        guard let due = timer.dueAt else { return left }
        let when: String
        if style.localDate(due) == style.localDate(now) { when = style.time(due) }
        else { when = "\(style.shortDate(style.localDate(due))) \(style.time(due))" }
        return compact ? "\(when) \(left)" : "\(when) · \(pl ? "zostało" : "left") \(left)"
    }

    /// `dziś`, `jutro`, `za 3 dni`, `po terminie 2 dni` (`compact`: `-2 dni`).
    static func daysLeft(_ legal: LegalClockStatus, language: Language, compact: Bool = false) -> String {
        let pl = language == .polish
        guard let days = legal.daysLeft else { return pl ? "odpowiedziano" : "answered" }
        func count(_ n: Int) -> String { pl ? (n == 1 ? "1 dzień" : "\(n) dni") : (n == 1 ? "1 day" : "\(n) days") }
        switch days {
        case ..<0:
            if compact { return "-" + count(-days) }
            let unanswered = legal.sentAt == nil ? (pl ? " bez odpowiedzi" : ", unanswered") : ""
            return (pl ? "po terminie " : "overdue ") + count(-days) + unanswered
        case 0: return pl ? "dziś" : "today"
        case 1: return pl ? "jutro" : "tomorrow"
        default: return (pl ? "za " : "in ") + count(days)
        }
    }

    /// `5 dni roboczych` / `5 working days`.
    static func workingDays(_ days: Int, language: Language) -> String {
        language == .polish ? (days == 1 ? "1 dzień roboczy" : "\(days) dni roboczych") : (days == 1 ? "1 working day" : "\(days) working days")
    }

    struct Figure {
        /// For the one-line summary of a narrow terminal; nil: not on it.
        var short: String?
        var label: String
        var value: String
        /// Breached when a share that must be 100 % (legal deadlines) is not.
        var role: StyleRole
    }

    /// The key figures of one period of `DeskReport`, worded for the board and the handover;
    /// each share with what it is made of, each as the shift lead's guide defines it.
    static func figures(_ period: DeskReport.PeriodFigures, style: LocalStyle, language: Language) -> [Figure] {
        let pl = language == .polish
        let none = "—"
        func minutes(_ value: Int?) -> String { value.map(style.minutes) ?? none }
        let legal = period.legal.inTime
        let legalShort = (legal.percent ?? 100) < 100
        let timers = period.allTimers
        let satisfaction = period.satisfaction
        return [
            Figure(short: nil, label: pl ? "Przyjęte / rozpatrzone" : "Received / decided",
                   value: "\(style.number(period.received)) / \(style.number(period.decided))", role: .body),
            Figure(short: pl ? "term." : "on time", label: pl ? "Liczniki dotrzymane" : "Timers met on time",
                   value: timers.onTime.text, role: (timers.onTime.percent ?? 100) < 100 ? .warning : .body),
            Figure(short: nil, label: pl ? "Mediana do potwierdzenia" : "Median to acknowledgement",
                   value: minutes(period.medianMinutesToAcknowledgement), role: .body),
            Figure(short: nil, label: pl ? "Mediana do decyzji" : "Median to decision",
                   value: minutes(period.medianMinutesToDecision), role: .body),
            Figure(short: pl ? "ustaw." : "legal", label: pl ? "Termin ustawowy dotrzymany" : "Legal deadline met",
                   value: (legalShort ? "✗ " : "") + legal.text, role: legalShort ? .breached : .body),
            Figure(short: pl ? "wzn." : "reop.",
                   label: pl ? "Wznowione (\(period.reopenWindowDays) dni)" : "Reopened (\(period.reopenWindowDays) days)",
                   value: period.reopenedAfterDecision.text, role: .body),
            Figure(short: pl ? "zad." : "sat.", label: pl ? "Zadowolenie po kontakcie" : "Satisfaction at follow-up",
                   value: (satisfaction.average.map { style.decimal($0) + "/5" } ?? none) + " n=\(satisfaction.count)", role: .body),
        ]
    }
}
