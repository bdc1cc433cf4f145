import AsodeskApp
import AsodeskDomain
import Foundation

/// The parts of the shift board, in the order a shift lead reads them: what is already late,
/// what comes due soon, and the statutory deadlines that never pause.
public enum ShiftSection: CaseIterable, Sendable {
    case breached, withinHour, today, tomorrow, legal

    public var title: LocalizedText {
        switch self {
        case .breached: LocalizedText("Po terminie", "Breached")
        case .withinHour: LocalizedText("W ciągu godziny", "Due within an hour")
        case .today: LocalizedText("Dziś", "Due today")
        case .tomorrow: LocalizedText("Jutro", "Due tomorrow")
        case .legal: LocalizedText("Terminy ustawowe (3 dni)", "Legal deadlines (3 days)")
        }
    }

    /// For the counts line of a narrow terminal.
    public var shortTitle: LocalizedText {
        switch self {
        case .breached: LocalizedText("Po terminie", "Breached")
        case .withinHour: LocalizedText("Do 1 h", "≤1 h")
        case .today: LocalizedText("Dziś", "Today")
        case .tomorrow: LocalizedText("Jutro", "Tomorrow")
        case .legal: LocalizedText("Ustawowe", "Legal")
        }
    }
}

/// One complaint on the board: in a timer section by its next-due timer, in the legal section
/// by its current legal period.
public struct ShiftBoardRow: Sendable, Equatable {
    public var section: ShiftSection
    public var number: ComplaintNumber
    /// As the customer gave it: drawn only through `CellBuffer.write` or `SafeText`.
    public var customer: String
    public var owner: String?
    public var priority: Priority
    public var state: ComplaintState
    /// The timer that put the complaint in this section (nil in the legal section).
    public var timer: TimerStatus?
    /// The complaint's current legal period, when its legal basis has one.
    public var legal: LegalClockStatus?
}

/// Open complaints and breached ones per person (the board's load table).
public struct AdvisorLoad: Sendable, Equatable {
    public var id: String
    public var name: String
    public var open: Int
    public var breached: Int
}

/// Everything the shift board shows, derived from the desk at one instant. Figures come from
/// `DeskReport`, the same numbers `asodesk report` prints: open complaints in full, finished ones
/// from their summaries (`ComplaintTable.finishedSummaries`), so no history is read from the log.
public struct ShiftBoardModel {
    public let now: Date
    public let today: LocalDate
    /// Rows of every section, sections in `ShiftSection` order.
    public let rows: [ShiftBoardRow]
    public let load: [AdvisorLoad]
    public let unassigned: Int
    public let report: DeskReport
    /// The last log record the figures were computed from.
    public let sequence: UInt64

    /// `previous` lends its figures when neither the log nor the local day changed since: they
    /// come from finished timers and events only, so recomputing them every tick would repeat
    /// the same work over the whole history.
    public init(desk: Desk, now: Date, reusingFiguresOf previous: ShiftBoardModel? = nil) {
        self.now = now
        sequence = desk.state.lastSequence
        today = desk.calendar.localDate(of: now)
        let tomorrow = today.adding(days: 1)
        var bySection: [ShiftSection: [ShiftBoardRow]] = [:]
        var openByOwner: [String: Int] = [:], breachedByOwner: [String: Int] = [:]
        var unassigned = 0

        for complaint in desk.state.complaints.open {
            let legal = desk.legalStatuses(of: complaint, now: now).last
            func row(_ section: ShiftSection, _ timer: TimerStatus?) -> ShiftBoardRow {
                ShiftBoardRow(section: section, number: complaint.number, customer: complaint.intake.customer,
                              owner: complaint.owner, priority: complaint.priority, state: complaint.state,
                              timer: timer, legal: legal)
            }
            let next = Self.nextDueTimer(desk.timers(of: complaint, now: now))
            if let owner = complaint.owner {
                openByOwner[owner, default: 0] += 1
                if next?.state == .breached { breachedByOwner[owner, default: 0] += 1 }
            } else {
                unassigned += 1
            }
            if let next, let due = next.dueAt {
                let dueDay = desk.calendar.localDate(of: due)
                let section: ShiftSection?
                if next.state == .breached { section = .breached }
                else if due.timeIntervalSince(now) <= 3600 { section = .withinHour }
                else if dueDay == today { section = .today }
                else if dueDay == tomorrow { section = .tomorrow }
                else { section = nil }
                if let section { bySection[section, default: []].append(row(section, next)) }
            }
            if let legal, legal.state == .overdue || (legal.state == .running && (legal.daysLeft ?? .max) <= 3) {
                bySection[.legal, default: []].append(row(.legal, nil))
            }
        }

        rows = ShiftSection.allCases.flatMap { section in
            (bySection[section] ?? []).sorted(by: Self.urgencyOrder)
        }
        var people: [AdvisorLoad] = desk.config.operators
            .filter { $0.role == .advisor || openByOwner[$0.id] != nil }
            .map { AdvisorLoad(id: $0.id, name: $0.name, open: openByOwner[$0.id] ?? 0, breached: breachedByOwner[$0.id] ?? 0) }
        // Owners the configuration no longer lists still carry their complaints.
        for (owner, count) in openByOwner where !people.contains(where: { $0.id == owner }) {
            people.append(AdvisorLoad(id: owner, name: owner, open: count, breached: breachedByOwner[owner] ?? 0))
        }
        load = people.sorted { ($0.breached, $0.open, $1.name) > ($1.breached, $1.open, $0.name) }
        self.unassigned = unassigned
        if let previous, previous.sequence == sequence, previous.today == today {
            report = previous.report
        } else {
            report = DeskReport(desk: desk, day: today, now: now)
        }
    }

    public func rows(in section: ShiftSection) -> [ShiftBoardRow] { rows.filter { $0.section == section } }

    /// The running, warning or breached timer that comes due first (a breached one is already
    /// past its due time, so it always comes first). Paused timers have no due time and wait.
    static func nextDueTimer(_ timers: [TimerStatus]) -> TimerStatus? {
        timers.compactMap { timer in
            [.running, .warning, .breached].contains(timer.state) ? timer.dueAt.map { (timer, $0) } : nil
        }.min { ($0.1, $0.0.name.rawValue) < ($1.1, $1.0.name.rawValue) }?.0
    }

    /// Most urgent first: the most business time overdue, then the earliest due time; legal
    /// rows by deadline. The number breaks ties so the order never jumps between ticks.
    static func urgencyOrder(_ lhs: ShiftBoardRow, _ rhs: ShiftBoardRow) -> Bool {
        if let left = lhs.timer, let right = rhs.timer {
            let leftKey = (left.remainingBusinessMinutes ?? 0, left.dueAt ?? .distantFuture)
            let rightKey = (right.remainingBusinessMinutes ?? 0, right.dueAt ?? .distantFuture)
            if lhs.section == .breached, leftKey.0 != rightKey.0 { return leftKey.0 < rightKey.0 }
            if leftKey.1 != rightKey.1 { return leftKey.1 < rightKey.1 }
        } else if let left = lhs.legal, let right = rhs.legal, left.deadline != right.deadline {
            return left.deadline < right.deadline
        }
        return lhs.number < rhs.number
    }
}
