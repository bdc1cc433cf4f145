import AsodeskApp
import AsodeskDomain
import Foundation

extension BoardSection {
    /// `legalDays`: the site's one legal warning threshold (`[warnings] legal_days_before_deadline`).
    func title(legalDays: Int) -> LocalizedText {
        switch self {
        case .breached: LocalizedText("Liczniki po terminie", "Breached timers")
        case .withinHour: LocalizedText("Liczniki w ciągu godziny", "Timers due within an hour")
        case .laterToday: LocalizedText("Liczniki później dziś", "Timers due later today")
        case .nextWorkingDay: LocalizedText("Liczniki w następny dzień roboczy", "Timers due next working day")
        case .waiting: LocalizedText("Długo wstrzymane", "Waiting too long")
        case .decidedNotAnswered: LocalizedText("Decyzja bez wysłanej odpowiedzi", "Decided, answer not sent")
        case .legal:
            LocalizedText("Terminy ustawowe (≤ \(legalDays) \(legalDays == 1 ? "dzień" : "dni"))",
                          "Legal deadlines (≤ \(legalDays) \(legalDays == 1 ? "day" : "days"))")
        }
    }

    /// For the counts line of a narrow terminal.
    var shortTitle: LocalizedText {
        switch self {
        case .breached: LocalizedText("Po term.", "Breached")
        case .withinHour: LocalizedText("≤1 h", "≤1 h")
        case .laterToday: LocalizedText("Dziś", "Today")
        case .nextWorkingDay: LocalizedText("Nast.dz.", "Next day")
        case .waiting: LocalizedText("Wstrzym.", "Waiting")
        case .decidedNotAnswered: LocalizedText("Bez odp.", "Unansw.")
        case .legal: LocalizedText("Ustaw.", "Legal")
        }
    }
}

/// Everything the shift board shows at one instant: its rows and load from `BoardFigures`, its
/// figures from `DeskReport`, the very values `asodesk report` prints.
public struct ShiftBoardModel {
    public let now: Date
    public let today: LocalDate
    public let figures: BoardFigures
    public let report: DeskReport
    /// The last log record the figures were computed from.
    public let sequence: UInt64
    /// The action register's rows that need attention: overdue, due soon, or their check due.
    public let actions: [RegisterRow]

    public var rows: [BoardRow] { figures.rows }
    public var load: [AdvisorLoad] { figures.load }
    public var unassigned: Int { figures.unassigned }
    public func rows(in section: BoardSection) -> [BoardRow] { figures.rows(in: section) }
    /// The day and the month of `DeskReport(desk:day:now:)`.
    public var todayFigures: DeskReport.PeriodFigures { report.periods[0] }
    public var monthFigures: DeskReport.PeriodFigures { report.periods[1] }

    /// `previous` lends its report while the log, the local day and the state of every timer and
    /// legal period of the open complaints are unchanged: the report's figures then are too, and
    /// recomputing them every tick would repeat the same work over the whole history.
    public init(desk: Desk, now: Date, reusingFiguresOf previous: ShiftBoardModel? = nil) {
        self.now = now
        sequence = desk.state.lastSequence
        today = desk.calendar.localDate(of: now)
        figures = BoardFigures(desk: desk, now: now)
        actions = desk.register(now: now).filter(\.needsAttention)
        if let previous, previous.sequence == sequence, previous.today == today,
           previous.figures.clockSignature == figures.clockSignature {
            report = previous.report
        } else {
            report = DeskReport(desk: desk, day: today, now: now)
        }
    }
}
