import AsodeskApp
import AsodeskDomain
import AsodeskScreen
import Foundation

/// The register of corrective and preventive actions (`Desk.register`): every open or done action
/// and every procedure review due, overdue first, with its owner, due date, status and the
/// effectiveness check. Enter opens one (a review not yet logged: the form to open it, lead only);
/// letters open the forms of each step. What the rules refuse is said in the status line.
public final class ImprovementScreen: Screen {
    public private(set) var rows: [RegisterRow] = []
    public private(set) var selection = 0
    private var scroll = 0
    private var visibleRows = 10

    public init(dashboard: Dashboard) { refresh(dashboard: dashboard) }

    public var contexts: [KeyContext] { [.improvement, .list] }
    public var title: LocalizedText { LocalizedText("Działania korygujące i zapobiegawcze", "Corrective and preventive actions") }
    public var legend: [(mark: String, meaning: LocalizedText)] { ImprovementWords.marks }

    public var selectedRow: RegisterRow? { rows.indices.contains(selection) ? rows[selection] : nil }

    public func refresh(dashboard: Dashboard) {
        let previous = selectedRow.map(ImprovementText.id)
        rows = dashboard.desk.register(now: dashboard.now)
        selection = previous.flatMap { id in rows.firstIndex { ImprovementText.id($0) == id } } ?? min(selection, max(0, rows.count - 1))
    }

    public func offers(_ binding: KeyBinding, dashboard: Dashboard) -> Bool {
        switch binding.command {
        case .open: selectedRow != nil
        case .improve(let verb): ImprovementWords.refusal(verb, on: selectedRow, dashboard: dashboard) == nil
        default: true
        }
    }

    public func refusal(of binding: KeyBinding, dashboard: Dashboard) -> LocalizedText? {
        guard case .improve(let verb) = binding.command else {
            return LocalizedText("Rejestr jest pusty: nowe działanie otwiera n.", "The register is empty: n opens a new action.")
        }
        return ImprovementWords.refusal(verb, on: selectedRow, dashboard: dashboard)
    }

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        if let moved = ListMotion.moved(command, from: selection, count: rows.count, page: visibleRows) {
            selection = moved
            return true
        }
        switch command {
        case .open:
            guard let row = selectedRow else { return true }
            if let action = row.action {
                dashboard.push(ImprovementDetailScreen(id: action.id, dashboard: dashboard))
            } else if let refusal = ImprovementWords.refusal(.open, on: row, dashboard: dashboard) {
                dashboard.message = StatusMessage(refusal.text(dashboard.language), role: .warning)
            } else {
                dashboard.push(ImprovementForms.open(reviewOf: row, dashboard: dashboard))
            }
        case .improve(.open):
            dashboard.push(ImprovementForms.open(reviewOf: nil, dashboard: dashboard))
        case .improve(let verb):
            guard let action = selectedRow?.action else { return true }
            dashboard.push(ImprovementForms.form(verb, for: action, dashboard: dashboard))
        default:
            return false
        }
        return true
    }

    // MARK: Drawing

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        guard area.height > 3 else { return }
        let language = dashboard.language, pl = language == .polish
        let wide = area.width >= 120
        let columns = ImprovementColumns(width: area.width, wide: wide)
        let overdue = rows.filter(\.isOverdue).count
        let soon = rows.filter { $0.dueState == .dueSoon }.count, checks = rows.filter(\.checkIsDue).count
        var x = area.x + 1
        x += buffer.write("✗ " + (pl ? "Po terminie" : "Overdue") + " \(overdue)", x: x, y: area.y, role: overdue > 0 ? .breached : .muted)
        x += buffer.write(" │ ", x: x, y: area.y, role: .muted)
        x += buffer.write("! " + (pl ? "Termin blisko" : "Due soon") + " \(soon)", x: x, y: area.y, role: soon > 0 ? .warning : .muted)
        x += buffer.write(" │ ", x: x, y: area.y, role: .muted)
        buffer.write("? " + (pl ? "Do oceny" : "Checks due") + " \(checks)", x: x, y: area.y, role: checks > 0 ? .warning : .muted,
                     maxWidth: area.maxX - x)
        func title(_ text: String, _ column: (x: Int, width: Int)?) {
            guard let column else { return }
            buffer.write(text, x: area.x + column.x, y: area.y + 1, role: .muted, maxWidth: column.width - 1)
        }
        title(pl ? "Numer" : "Id", columns.id)
        title(pl ? "Rodzaj" : "Kind", columns.kind)
        title(pl ? "Działanie" : "Action", columns.title)
        title(pl ? "Prowadzi" : "Owner", columns.owner)
        title(pl ? "Termin" : "Due", columns.due)
        title(pl ? "Stan" : "Status", columns.status)
        title(pl ? "Ocena od" : "Check from", columns.check)
        let height = area.height - 2
        visibleRows = max(1, height)
        if rows.isEmpty {
            buffer.write(pl ? "Brak otwartych działań i przeglądów do zrobienia. Nowe działanie: n."
                            : "No open actions and no reviews due. A new action: n.",
                         x: area.x + 2, y: area.y + 2, role: .muted, maxWidth: area.width - 3)
            return
        }
        if selection < scroll { scroll = selection }
        if selection >= scroll + height { scroll = selection - height + 1 }
        scroll = max(0, min(scroll, rows.count - height))
        for (offset, row) in rows.enumerated().dropFirst(scroll).prefix(height) {
            ImprovementWords.renderRow(row, selected: offset == selection, into: &buffer, x: area.x, y: area.y + 2 + offset - scroll,
                                       width: area.width, columns: columns, dashboard: dashboard)
        }
    }
}

/// Where each column of a register row goes.
struct ImprovementColumns {
    var id = (x: 2, width: 10)
    var kind: (x: Int, width: Int)?
    var title: (x: Int, width: Int)
    var owner: (x: Int, width: Int)
    var due: (x: Int, width: Int)
    var status: (x: Int, width: Int)
    var check: (x: Int, width: Int)?

    init(width: Int, wide: Bool) {
        if wide {
            kind = (12, 20)
            let titleWidth = max(20, width - 32 - 22 - 14 - 30 - 14)
            title = (32, titleWidth); owner = (32 + titleWidth, 22); due = (owner.x + 22, 14)
            status = (due.x + 14, 30); check = (status.x + 30, 14)
        } else {
            let titleWidth = max(12, width - 12 - 14 - 8 - 20)
            title = (12, titleWidth); owner = (12 + titleWidth, 14); due = (owner.x + 14, 8); status = (due.x + 8, max(8, width - due.x - 8))
        }
    }
}

/// The words, marks and rules the register's screens share.
enum ImprovementWords {
    static let marks: [(mark: String, meaning: LocalizedText)] = [
        ("✗", LocalizedText("po terminie", "overdue")),
        ("!", LocalizedText("termin blisko", "due soon")),
        ("?", LocalizedText("czas ocenić skuteczność", "effectiveness check due")),
    ]

    static func mark(_ row: RegisterRow) -> (String, StyleRole) {
        if row.isOverdue { return ("✗", .breached) }
        if row.dueState == .dueSoon { return ("!", .warning) }
        if row.checkIsDue { return ("?", .warning) }
        return (" ", .body)
    }

    /// Why this person may not take `verb` on the row now, in words, or nil: the rules
    /// (`ImprovementRules.check`) asked with a well-formed change, so the footer offers exactly
    /// what saving would accept and a refusal says why.
    static func refusal(_ verb: ImprovementVerb, on row: RegisterRow?, dashboard: Dashboard) -> LocalizedText? {
        if let refusal = dashboard.writeRefusal { return refusal.text }
        let desk = dashboard.desk, actor = dashboard.actor
        let probe: ImprovementChange
        let action = row?.action
        switch verb {
        case .open:
            if case .procedureReview(let procedure, _, _)? = row?.source {
                probe = .open(ImprovementOpening(kind: .procedureReview, title: "x", owner: actor.id, due: row!.due, measure: "x", procedure: procedure))
            } else {
                probe = .open(ImprovementOpening(kind: .corrective, title: "x", owner: actor.id, due: row?.due ?? LocalDate(year: 2000, month: 1, day: 1), measure: "x"))
            }
        case .amend, .done, .verify, .cancel:
            guard let action else {
                return row == nil ? LocalizedText("Najpierw wybierz działanie z listy.", "Select an action in the list first.")
                                  : LocalizedText("Przegląd procedury nie jest jeszcze działaniem: Enter otwiera go (kierownik).",
                                                  "The procedure review is not an action yet: Enter opens it (shift lead).")
            }
            switch verb {
            case .amend: probe = .amend(ImprovementAmendment(title: action.title, reason: "x"))
            case .done: probe = .done(note: "x")
            case .verify: probe = .verify(effective: true, note: "x")
            default: probe = .cancel(reason: "x")
            }
        }
        do throws(Refusal) {
            try ImprovementRules.check(probe, on: action, by: actor, context: ImprovementContext(
                complaintExists: { _ in true }, owners: desk.assignees(for: actor) + [actor.id], procedures: desk.procedures.procedures.map(\.id),
                action: { desk.state.improvements[$0] }))
            return nil
        } catch {
            return error.text
        }
    }

    static func renderRow(_ row: RegisterRow, selected: Bool, into buffer: inout CellBuffer, x: Int, y: Int, width: Int,
                          columns: ImprovementColumns, dashboard: Dashboard) {
        let language = dashboard.language, style = dashboard.style
        if selected { buffer.fill(Rect(x: x, y: y, width: width, height: 1), role: .selection) }
        let base: StyleRole = selected ? .selection : .body
        func cell(_ text: String, _ column: (x: Int, width: Int)?, _ role: StyleRole) {
            guard let column else { return }
            buffer.write(text, x: x + column.x, y: y, role: role, maxWidth: column.width - 1)
        }
        let (glyph, urgency) = mark(row)
        cell(glyph, (0, 2), urgency)
        cell(ImprovementText.id(row), columns.id, base)
        cell(Labels.improvementKind(row.kind).text(language), columns.kind, base)
        cell(ImprovementText.title(row, language: language), columns.title, base)
        cell(row.owner.map(dashboard.desk.personName) ?? (language == .polish ? "kierownicy" : "shift leads"), columns.owner, base)
        cell(columns.kind == nil ? style.shortDate(row.due) : style.date(row.due), columns.due, selected ? .selection : urgency)
        cell(ImprovementText.status(row, language: language), columns.status, selected ? .selection : urgency)
        cell(row.checkDue.map(style.date) ?? "—", columns.check, row.checkIsDue && !selected ? .warning : base)
    }
}
