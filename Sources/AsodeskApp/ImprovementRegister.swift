import AsodeskDomain
import Foundation

/// One row of the action register as every surface shows it: a logged action with its timers, or
/// a procedure review that falls due and nobody has acted on yet (derived, not logged).
public struct RegisterRow: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        case logged(ImprovementAction)
        /// The procedure's id and its last review.
        case procedureReview(procedure: String, title: LocalizedText, reviewed: LocalDate)
    }

    public var source: Source
    public var due: LocalDate
    /// Where an open action (or a derived review) stands against its due date; nil otherwise.
    public var dueState: ImprovementTimers.DueState?
    /// When the effectiveness check of a done action falls due.
    public var checkDue: LocalDate?
    /// True when that check is due now (on or after `checkDue`, the action still not verified).
    public var checkIsDue: Bool

    public var action: ImprovementAction? { if case .logged(let action) = source { action } else { nil } }
    public var kind: ImprovementKind { action?.kind ?? .procedureReview }
    /// The owner's operator id; nil for a derived review (the shift leads own it).
    public var owner: String? { action?.owner }
    public var status: ImprovementStatus { action?.status ?? .open }
    public var isOverdue: Bool { dueState == .overdue }
    /// Shown on the board and counted in the report: overdue, due soon, or its check due.
    public var needsAttention: Bool { dueState == .overdue || dueState == .dueSoon || checkIsDue }
}

extension Desk {
    /// What the register's rules ask of the desk: which complaints exist, who may own an action.
    func improvementContext(for actor: Actor) -> ImprovementContext {
        let complaints = state.complaints, actions = state.improvements
        return ImprovementContext(complaintExists: { complaints.contains($0) }, owners: assignees(for: actor),
                                  procedures: procedures.procedures.map(\.id), action: { actions[$0] })
    }

    /// An action of the register, by id.
    public func improvement(_ id: ActionID) throws -> ImprovementAction {
        guard let action = state.improvements[id] else { throw ImprovementRules.noSuchAction(id) }
        return action
    }

    /// The register on `now`: the logged actions (with `includingSettled`, also those verified or
    /// cancelled) and the procedure reviews within their warning days or past due that no open or
    /// done review action names; overdue first, then by due date.
    public func register(now: Date, includingSettled: Bool = false) -> [RegisterRow] {
        let today = calendar.localDate(of: now), warning = config.actionWarningDays
        let weeks = config.improvement.effectivenessCheckWeeks
        var rows: [RegisterRow] = state.improvements.values.compactMap { action in
            let settled = action.status == .verifiedEffective || action.status == .cancelled
            guard includingSettled || !settled else { return nil }
            let checkDue = action.status == .done ? action.doneAt.map { ImprovementTimers.checkDue(doneOn: calendar.localDate(of: $0), weeks: weeks) } : nil
            return RegisterRow(source: .logged(action), due: action.due,
                               dueState: ImprovementTimers.dueState(of: action, today: today, warningDays: warning),
                               checkDue: checkDue, checkIsDue: checkDue.map { today >= $0 } ?? false)
        }
        let underway = Set(state.improvements.values.filter { $0.status == .open || $0.status == .done }.compactMap(\.procedure))
        for procedure in procedures.procedures where !underway.contains(procedure.id) {
            let due = ImprovementTimers.reviewDue(reviewed: procedure.reviewedOn, years: ProcedureLibrary.reviewIntervalYears)
            let state = ImprovementTimers.dueState(due: due, today: today, warningDays: warning)
            guard state != .onTime else { continue }
            rows.append(RegisterRow(source: .procedureReview(procedure: procedure.id, title: procedure.title, reviewed: procedure.reviewedOn),
                                    due: due, dueState: state, checkDue: nil, checkIsDue: false))
        }
        return rows.sorted { a, b in
            if a.isOverdue != b.isOverdue { return a.isOverdue }
            if a.due != b.due { return a.due < b.due }
            return a.sortKey < b.sortKey
        }
    }
}

extension RegisterRow {
    var sortKey: String {
        switch source {
        case .logged(let action): String(format: "1%06d%06d", action.id.year, action.id.serial)
        case .procedureReview(let procedure, _, _): "2" + procedure
        }
    }
}
