import AsodeskApp
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Foundation

/// The shift lead's board (`BoardFigures`): every breached timer and every timer due within the
/// hour, later today and on the next working day; complaints waiting too long, decided ones not
/// yet closed and legal deadlines that need attention; the load per advisor and the figures of
/// today and the month (`DeskReport`). Complaint rows across the sections form one list: Enter opens one,
/// `o` reassigns and `e` escalates it (when the person's role may), `h` writes the handover.
public final class ShiftBoardScreen: Screen {
    public private(set) var model: ShiftBoardModel
    /// Index into `model.rows`.
    public private(set) var selection = 0
    private var scroll = 0
    private var visibleRows = 10

    /// Wide terminals get the list and the panels side by side.
    static let wideMinimumWidth = 120
    static let wideMinimumHeight = 30
    static let sidePanelWidth = 62

    public init(dashboard: Dashboard) {
        model = ShiftBoardModel(desk: dashboard.desk, now: dashboard.now)
    }

    public var contexts: [KeyContext] { [.shiftBoard, .list] }
    public var legend: [(mark: String, meaning: LocalizedText)] { HelpScreen.timerMarks }
    public var title: LocalizedText { LocalizedText("Tablica zmiany", "Shift board") }

    public var selectedRow: BoardRow? { model.rows.indices.contains(selection) ? model.rows[selection] : nil }
    /// The low survey or audit result selected (the section "Low scores" follows the complaint rows).
    public var selectedFeedback: FeedbackEntry? {
        let index = selection - model.rows.count
        return model.figures.lowFeedback.indices.contains(index) ? model.figures.lowFeedback[index] : nil
    }
    /// Complaint rows, then low results.
    private var itemCount: Int { model.rows.count + model.figures.lowFeedback.count }

    // MARK: Updates

    /// Every tick: timers move between sections as time passes; the selection stays on the same
    /// complaint (in the same section if it is still there).
    public func refresh(dashboard: Dashboard) {
        let previous = selectedRow, previousFeedback = selectedFeedback?.id
        model = ShiftBoardModel(desk: dashboard.desk, now: dashboard.now, reusingFiguresOf: model)
        if let previousFeedback {
            selection = model.figures.lowFeedback.firstIndex { $0.id == previousFeedback }.map { model.rows.count + $0 }
                ?? min(selection, max(0, itemCount - 1))
            return
        }
        guard let previous else { selection = 0; return }
        selection = model.rows.firstIndex { $0.number == previous.number && $0.section == previous.section
                && $0.timer?.name == previous.timer?.name && $0.timer?.cycle == previous.timer?.cycle }
            ?? model.rows.firstIndex { $0.number == previous.number && $0.section == previous.section }
            ?? model.rows.firstIndex { $0.number == previous.number }
            ?? min(selection, max(0, itemCount - 1))
    }

    public func offers(_ binding: KeyBinding, dashboard: Dashboard) -> Bool {
        switch binding.command {
        case .open: return selectedRow != nil || selectedFeedback?.complaint != nil
        case .reviewFeedback: return selectedFeedback != nil && dashboard.actor.role == .lead
        case .reassign: return mayUse(.assign, dashboard: dashboard)
        case .escalate: return mayUse(.escalate, dashboard: dashboard)
        default: return true
        }
    }

    public func refusal(of binding: KeyBinding, dashboard: Dashboard) -> LocalizedText? {
        if binding.command == .reviewFeedback {
            guard selectedFeedback != nil else {
                return LocalizedText("Najpierw wybierz wynik z sekcji „Niska ocena”.", "Select a result in the section \"Low scores\" first.")
            }
            return FeedbackError.roleMayNotReview(dashboard.actor.role).text
        }
        guard let row = selectedRow, let complaint = dashboard.desk.state.complaints.heldInFull(row.number) else {
            return LocalizedText("Najpierw wybierz reklamację z listy.", "Select a complaint in the list first.")
        }
        guard let verb = binding.verb, let denial = Lifecycle.denial(verb, on: complaint, for: dashboard.actor) else { return nil }
        return RefusalText.denial(denial, verb: verb, complaint: complaint, dashboard: dashboard)
    }

    /// What `Lifecycle` lets this person do to the selected complaint now.
    private func mayUse(_ verb: ActionVerb, dashboard: Dashboard) -> Bool {
        guard let row = selectedRow, let complaint = dashboard.desk.state.complaints.heldInFull(row.number) else { return false }
        return Lifecycle.availableVerbs(on: complaint, for: dashboard.actor).contains(verb)
    }

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        if let moved = ListMotion.moved(command, from: selection, count: itemCount, page: visibleRows) {
            selection = moved
            return true
        }
        switch command {
        case .open:
            if let number = selectedRow?.number ?? selectedFeedback?.complaint {
                dashboard.push(DetailScreen(number: number, dashboard: dashboard))
            }
        case .reviewFeedback:
            guard let id = selectedFeedback?.id else { return true }
            dashboard.push(ShiftBoardForms.reviewFeedback(id, dashboard: dashboard))
        case .reassign:
            guard let row = selectedRow else { return true }
            dashboard.push(ShiftBoardForms.reassign(row.number, dashboard: dashboard))
        case .escalate:
            guard let row = selectedRow else { return true }
            dashboard.push(ShiftBoardForms.escalate(row.number, dashboard: dashboard))
        case .writeHandover:
            writeHandover(dashboard: dashboard)
        default:
            return false
        }
        return true
    }

    private func writeHandover(dashboard: Dashboard) {
        let pl = dashboard.language == .polish
        let text = ShiftHandover.text(model, dashboard: dashboard)
        do throws(FileCreationError) {
            let path = try ShiftHandover.write(text, into: dashboard.settings.handoverDirectory, now: dashboard.now,
                                               style: dashboard.style)
            dashboard.message = StatusMessage((pl ? "✓ Zapisano przekazanie zmiany: " : "✓ Shift handover written: ") + path,
                                              role: .ok)
        } catch {
            dashboard.message = StatusMessage(
                (pl ? "✗ Nie zapisano przekazania zmiany: " : "✗ Shift handover not written: ") + Labels.fileProblem(error).text(dashboard.language),
                role: .error)
        }
    }

    // MARK: Drawing

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        guard area.height > 4 else { return }
        let wide = area.width >= Self.wideMinimumWidth && area.height >= Self.wideMinimumHeight
        renderCounts(into: &buffer, x: area.x + 1, y: area.y, width: area.width - 2, short: !wide, dashboard: dashboard)
        if wide {
            let (left, right) = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
                .splitColumns(area.width - Self.sidePanelWidth)
            renderList(into: &buffer, area: Rect(x: left.x, y: left.y, width: left.width - 1, height: left.height),
                       wide: true, dashboard: dashboard)
            renderPanels(into: &buffer, area: right, dashboard: dashboard)
        } else {
            let (list, summary) = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
                .splitRows(area.height - 1 - 4)
            renderList(into: &buffer, area: list, wide: false, dashboard: dashboard)
            renderCompactSummary(into: &buffer, area: summary, dashboard: dashboard)
        }
    }

    /// One line with the count of every section and the unassigned complaints.
    private func renderCounts(into buffer: inout CellBuffer, x: Int, y: Int, width: Int, short: Bool, dashboard: Dashboard) {
        let language = dashboard.language
        var column = x
        for section in BoardSection.allCases {
            let count = model.rows(in: section).count
            let role: StyleRole = count == 0 ? .muted : (section == .breached ? .breached : (section == .withinHour ? .warning : .body))
            let glyph = section == .breached ? "✗ " : (section == .withinHour ? "! " : "")
            let name = (short ? section.shortTitle : section.title(legalDays: legalDays(dashboard))).text(language)
            column += buffer.write("\(glyph)\(name) \(count)", x: column, y: y, role: role,
                                   maxWidth: x + width - column)
            column += buffer.write(" │ ", x: column, y: y, role: .muted, maxWidth: x + width - column)
        }
        let unassigned = language == .polish ? (short ? "Nieprzydz." : "Nieprzydzielone") : "Unassigned"
        buffer.write("\(unassigned) \(model.unassigned)",
                     x: column, y: y, role: model.unassigned > 0 ? .warning : .muted, maxWidth: x + width - column)
    }

    private enum ListLine {
        case header(BoardSection, count: Int)
        case row(Int)
        case empty
        case feedbackHeader(count: Int)
        case feedback(Int)
        /// The action register's section: its title, then one line per action (not selectable;
        /// the Improvement screen works them).
        case actionsHeader
        case action(Int)
    }

    private func listLines(wide: Bool) -> [ListLine] {
        var lines: [ListLine] = []
        var index = 0
        for section in BoardSection.allCases {
            let count = model.rows(in: section).count
            lines.append(.header(section, count: count))
            if count == 0 && wide { lines.append(.empty) }
            for _ in 0..<count {
                lines.append(.row(index))
                index += 1
            }
        }
        // Only while a low result awaits review: a site that imports no surveys sees no empty section.
        let low = model.figures.lowFeedback.count
        if low > 0 {
            lines.append(.feedbackHeader(count: low))
            for offset in 0..<low { lines.append(.feedback(model.rows.count + offset)) }
        }
        // The wide board shows the action register in a panel of its own.
        if !wide {
            lines.append(.actionsHeader)
            lines += model.actions.indices.map(ListLine.action)
        }
        return lines
    }

    /// Column layout of a row: (x offset, width) for each column that the layout shows.
    private struct Columns {
        var number = (x: 2, width: 12)
        var customer: (x: Int, width: Int)
        var priority: (x: Int, width: Int)?
        var state: (x: Int, width: Int)?
        var timer: (x: Int, width: Int)
        var time: (x: Int, width: Int)
        var owner: (x: Int, width: Int)
        var legal: (x: Int, width: Int)?

        init(width: Int, wide: Bool) {
            if wide {
                // The due column holds `24.11 09:32 · zostało 10 h 26 min` whole.
                customer = (14, 20); priority = (34, 10); state = (44, 13); timer = (57, 18)
                time = (75, 35); legal = (110, 9); owner = (119, max(8, width - 119))
            } else {
                customer = (14, 17); timer = (31, 14); time = (45, 18); owner = (63, max(4, width - 63))
            }
        }
    }

    private func renderList(into buffer: inout CellBuffer, area: Rect, wide: Bool, dashboard: Dashboard) {
        let language = dashboard.language
        let pl = language == .polish
        let columns = Columns(width: area.width, wide: wide)
        // Column titles.
        func title(_ text: String, _ column: (x: Int, width: Int)?) {
            guard let column else { return }
            buffer.write(text, x: area.x + column.x, y: area.y, role: .muted, maxWidth: column.width - 1)
        }
        title(pl ? "Numer" : "Number", columns.number)
        title(pl ? "Klient" : "Customer", columns.customer)
        title(pl ? "Priorytet" : "Priority", columns.priority)
        title(pl ? "Stan" : "State", columns.state)
        title(pl ? "Licznik" : "Timer", columns.timer)
        title(pl ? "Termin" : "Due", columns.time)
        title(pl ? "Ustawowy" : "Legal", columns.legal)
        title(pl ? "Opiekun" : "Owner", columns.owner)

        let lines = listLines(wide: wide)
        let height = area.height - 1
        visibleRows = max(1, height)
        // Keep the selected row on screen, with its section's header when it is the first row.
        if let selected = lines.firstIndex(where: {
            switch $0 { case .row(let i), .feedback(let i): i == selection; default: false }
        }) {
            let wanted = selected > 0 && {
                switch lines[selected - 1] { case .header, .feedbackHeader: true; default: false }
            }() ? selected - 1 : selected
            if wanted < scroll { scroll = wanted }
            if selected >= scroll + height { scroll = selected - height + 1 }
            // The last row selected: what follows it (the action register) comes into view.
            if selection == model.rows.count - 1 { scroll = max(scroll, min(wanted, lines.count - height)) }
        }
        scroll = max(0, min(scroll, lines.count - height))
        for (offset, line) in lines.dropFirst(scroll).prefix(height).enumerated() {
            let y = area.y + 1 + offset
            switch line {
            case .header(let section, let count):
                let complaints = model.figures.complaintCount(in: section)
                let text = section.holdsTimers && complaints != count
                    ? "\(section.title(legalDays: legalDays(dashboard)).text(language)) (\(count)" + (pl ? " na \(complaints) reklamacjach)" : " on \(complaints) complaints)")
                    : "\(section.title(legalDays: legalDays(dashboard)).text(language)) (\(count))"
                let x = buffer.write("── ", x: area.x, y: y, role: .muted)
                let written = buffer.write(text, x: area.x + x, y: y, role: count > 0 && section == .breached ? .breached : .body)
                let rule = max(0, area.width - x - written - 1)
                buffer.write(" " + String(repeating: "─", count: rule), x: area.x + x + written, y: y, role: .muted)
            case .empty:
                buffer.write(pl ? "brak" : "none", x: area.x + columns.number.x, y: y, role: .muted)
            case .feedbackHeader(let count):
                let x = buffer.write("── ", x: area.x, y: y, role: .muted)
                let written = buffer.write((pl ? "Niska ocena" : "Low scores") + " (\(count))", x: area.x + x, y: y, role: .warning)
                let rule = max(0, area.width - x - written - 1)
                buffer.write(" " + String(repeating: "─", count: rule), x: area.x + x + written, y: y, role: .muted)
            case .feedback(let index):
                let entry = model.figures.lowFeedback[index - model.rows.count]
                let selected = index == selection
                if selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
                buffer.write("!", x: area.x, y: y, role: selected ? .selection : .warning)
                buffer.write(FeedbackText.line(entry, desk: dashboard.desk, language: language)
                             + (entry.complaint.map { " · \($0)" } ?? ""),
                             x: area.x + columns.number.x, y: y, role: selected ? .selection : .body,
                             maxWidth: area.width - columns.number.x - 1)
            case .actionsHeader:
                let overdue = model.actions.filter(\.isOverdue).count
                let text = actionsTitle(pl: pl)
                let x = buffer.write("── ", x: area.x, y: y, role: .muted)
                let written = buffer.write(text, x: area.x + x, y: y, role: overdue > 0 ? .breached : .body, maxWidth: area.width - x)
                let rule = max(0, area.width - x - written - 1)
                buffer.write(" " + String(repeating: "─", count: rule), x: area.x + x + written, y: y, role: .muted)
            case .action(let index):
                renderAction(model.actions[index], into: &buffer, x: area.x, y: y, columns: columns, dashboard: dashboard)
            case .row(let index):
                renderRow(model.rows[index], selected: index == selection, into: &buffer,
                          x: area.x, y: y, width: area.width, columns: columns, dashboard: dashboard)
            }
        }
    }

    private func renderAction(_ row: RegisterRow, into buffer: inout CellBuffer, x: Int, y: Int, columns: Columns, dashboard: Dashboard) {
        let language = dashboard.language, style = dashboard.style
        let (glyph, urgency) = ImprovementWords.mark(row)
        buffer.write(glyph, x: x, y: y, role: urgency)
        buffer.write(ImprovementText.id(row), x: x + columns.number.x, y: y, role: .body, maxWidth: columns.number.width - 1)
        buffer.write(ImprovementText.title(row, language: language), x: x + columns.customer.x, y: y, role: .body,
                     maxWidth: columns.time.x - columns.customer.x - 1)
        let when = row.checkIsDue && row.dueState == nil
            ? (language == .polish ? "ocena od " : "check from ") + style.shortDate(row.checkDue ?? row.due)
            : (language == .polish ? "termin " : "due ") + style.shortDate(row.due)
        buffer.write(when, x: x + columns.time.x, y: y, role: urgency, maxWidth: columns.time.width - 1)
        buffer.write(row.owner.map(dashboard.desk.personName) ?? (language == .polish ? "kierownicy" : "shift leads"),
                     x: x + columns.owner.x, y: y, role: .body, maxWidth: columns.owner.width - 1)
    }

    private func legalDays(_ dashboard: Dashboard) -> Int { dashboard.desk.config.warnings.legalDaysBeforeDeadline }

    private func renderRow(_ row: BoardRow, selected: Bool, into buffer: inout CellBuffer,
                           x: Int, y: Int, width: Int, columns: Columns, dashboard: Dashboard) {
        let language = dashboard.language
        let pl = language == .polish
        let style = dashboard.style
        let warnings = dashboard.desk.config.warnings
        let urgency = StyleRole(ShiftBoardText.tone(row, warnings: warnings))
        let compact = columns.legal == nil
        func cell(_ text: String, _ column: (x: Int, width: Int)?, _ role: StyleRole = .body) {
            guard let column else { return }
            buffer.write(text, x: x + column.x, y: y, role: role, maxWidth: column.width - 1)
        }
        if selected { buffer.fill(Rect(x: x, y: y, width: width, height: 1), role: .selection) }
        let base: StyleRole = selected ? .selection : .body
        cell(ShiftBoardText.glyph(row, warnings: warnings), (0, 2), urgency)
        if row.isEscalated { cell(ShiftBoardText.escalatedMark, (1, 2), selected ? .selection : .warning) }
        cell(row.number.description, columns.number, base)
        cell(row.customer, columns.customer, base)
        cell((row.isEscalated ? ShiftBoardText.escalatedMark + " " : "") + Labels.priority(row.priority).text(language),
             columns.priority, base)
        cell(Labels.state(row.state).text(language), columns.state, base)
        if let timer = row.timer {
            cell(Labels.timer(timer.name).text(language), columns.timer, base)
            cell(ShiftBoardText.timeLeft(timer, now: model.now, style: style, language: language, compact: compact),
                 columns.time, selected ? .selection : urgency)
        } else if row.section == .waiting, let days = row.workingDaysWaiting {
            cell(pl ? "wstrzymana" : "waiting", columns.timer, base)
            cell(ShiftBoardText.workingDays(days, language: language), columns.time, selected ? .selection : urgency)
        } else if row.section == .decidedNotAnswered {
            cell(pl ? "rozpatrzona" : "decided", columns.timer, base)
            cell(row.decidedAt.map { style.shortDate(style.localDate($0)) + " " + style.time($0) } ?? "—", columns.time, base)
        } else if let legal = row.legal {
            cell(pl ? "termin ustawowy" : "legal deadline", columns.timer, base)
            // The wide layout has the deadline in its own column.
            let left = ShiftBoardText.daysLeft(legal, language: language, compact: compact)
            cell(compact ? "\(style.shortDate(legal.deadline)) (\(left))" : left, columns.time, selected ? .selection : urgency)
        }
        if let legal = row.legal, legal.answeredAt == nil, columns.legal != nil {
            cell(style.shortDate(legal.deadline), columns.legal, base)
        }
        cell(row.owner.map { ownerName($0, dashboard: dashboard) } ?? (pl ? "—" : "—"), columns.owner,
             row.owner == nil && !selected ? .warning : base)
    }

    private func ownerName(_ id: String, dashboard: Dashboard) -> String {
        dashboard.desk.personName(id)
    }

    /// 80×24: the load on one line, the figures of today and of the month on one line each.
    private func renderCompactSummary(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let language = dashboard.language
        let pl = language == .polish
        let style = dashboard.style
        let x = area.x + 1, width = area.width - 1
        buffer.write(String(repeating: "─", count: area.width), x: area.x, y: area.y, role: .muted)
        var column = x
        column += buffer.write(pl ? "Obciążenie: " : "Load: ", x: column, y: area.y + 1, role: .muted)
        for person in model.load {
            let text = "\(person.id) \(person.open)" + (person.breachedTimers > 0 ? " ✗\(person.breachedTimers)" : "")
                + (person.dueToday > 0 ? " !\(person.dueToday)" : "") + "  "
            column += buffer.write(text, x: column, y: area.y + 1, role: person.breachedTimers > 0 ? .warning : .body,
                                   maxWidth: x + width - column)
        }
        for (offset, (label, period)) in [(pl ? "Dziś" : "Today", model.todayFigures),
                                          (pl ? "Miesiąc" : "Month", model.monthFigures)].enumerated() {
            let y = area.y + 2 + offset
            // Without the counts, and with short labels: the full ones are on the wide board,
            // in the handover file and in `asodesk report`.
            let figures = ShiftBoardText.figures(period, style: style, language: language)
            var column = x + buffer.write("\(label) ", x: x, y: y, role: .muted)
            for figure in figures {
                guard let name = figure.short else { continue }
                column += buffer.write("\(name) ", x: column, y: y, role: .muted, maxWidth: x + width - column)
                column += buffer.write(figure.value + "  ", x: column, y: y, role: figure.role, maxWidth: x + width - column)
            }
        }
    }

    /// 200×50: load per advisor and the figures of today and the month in boxes beside the list.
    private func renderPanels(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let language = dashboard.language
        let pl = language == .polish
        let style = dashboard.style
        let loadHeight = min(area.height / 2, model.load.count + 4)
        let (loadArea, figuresArea) = area.splitRows(loadHeight)
        let load = Panel.box(into: &buffer, area: loadArea, title: pl ? "Obciążenie" : "Load")
        let nameWidth = load.width - 40
        let openEnd = load.x + nameWidth + 10, dueEnd = openEnd + 14, breachedEnd = load.x + load.width - 1
        buffer.write(pl ? "Opiekun" : "Owner", x: load.x + 1, y: load.y, role: .muted)
        buffer.writeRightAligned(pl ? "otwarte" : "open", endX: openEnd, y: load.y, role: .muted)
        buffer.writeRightAligned(pl ? "na dziś" : "due today", endX: dueEnd, y: load.y, role: .muted)
        buffer.writeRightAligned(pl ? "po terminie" : "breached", endX: breachedEnd, y: load.y, role: .muted)
        for (offset, person) in model.load.enumerated() where offset + 1 < load.height - 1 {
            let y = load.y + 1 + offset
            buffer.write(person.name, x: load.x + 1, y: y, role: .body, maxWidth: nameWidth)
            buffer.writeRightAligned(style.number(person.open), endX: openEnd, y: y, role: .body)
            buffer.writeRightAligned(person.dueToday > 0 ? "! \(person.dueToday)" : "0", endX: dueEnd, y: y,
                                     role: person.dueToday > 0 ? .warning : .muted)
            buffer.writeRightAligned(person.breachedTimers > 0 ? "✗ \(person.breachedTimers)" : "0", endX: breachedEnd, y: y,
                                     role: person.breachedTimers > 0 ? .breached : .muted)
        }
        let unassignedY = load.y + min(model.load.count + 1, load.height - 1)
        buffer.write(pl ? "nieprzydzielone" : "unassigned", x: load.x + 1, y: unassignedY, role: .muted)
        buffer.writeRightAligned(style.number(model.unassigned), endX: openEnd, y: unassignedY,
                                 role: model.unassigned > 0 ? .warning : .muted)

        // The key figures take what they need; the action register's panel the rest below them.
        let figureRows = ShiftBoardText.figures(model.todayFigures, style: style, language: language).count
        let (keyArea, actionsArea) = figuresArea.splitRows(min(figuresArea.height, figureRows + 4))
        let figures = Panel.box(into: &buffer, area: keyArea, title: pl ? "Wskaźniki" : "Key figures")
        let valueWidth = 16
        let monthEnd = figures.x + figures.width - 1
        let todayEnd = monthEnd - valueWidth
        buffer.writeRightAligned(pl ? "dziś" : "today", endX: todayEnd, y: figures.y, role: .muted)
        buffer.writeRightAligned(pl ? "miesiąc" : "month", endX: monthEnd, y: figures.y, role: .muted)
        let today = ShiftBoardText.figures(model.todayFigures, style: style, language: language)
        let month = ShiftBoardText.figures(model.monthFigures, style: style, language: language)
        for (offset, (day, whole)) in zip(today, month).enumerated() where offset + 1 < figures.height {
            let y = figures.y + 1 + offset
            buffer.write(day.label, x: figures.x + 1, y: y, role: .body, maxWidth: todayEnd - valueWidth - figures.x - 1)
            buffer.writeRightAligned(day.value, endX: todayEnd, y: y, role: day.role)
            buffer.writeRightAligned(whole.value, endX: monthEnd, y: y, role: whole.role)
        }
        renderActionsPanel(into: &buffer, area: actionsArea, dashboard: dashboard)
    }

    /// 200×50: the action register's rows that need attention, counts in the title.
    private func renderActionsPanel(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        guard area.height >= 3 else { return }
        let language = dashboard.language, pl = language == .polish, style = dashboard.style
        let inside = Panel.box(into: &buffer, area: area, title: actionsTitle(pl: pl))
        guard !model.actions.isEmpty else {
            buffer.write(pl ? "brak" : "none", x: inside.x + 1, y: inside.y, role: .muted)
            return
        }
        for (offset, row) in model.actions.enumerated() where offset < inside.height {
            let y = inside.y + offset
            let (glyph, urgency) = ImprovementWords.mark(row)
            buffer.write(glyph, x: inside.x, y: y, role: urgency)
            let id = buffer.write(ImprovementText.id(row) + " ", x: inside.x + 2, y: y, role: .body)
            let when = row.checkIsDue && row.dueState == nil
                ? (pl ? "ocena " : "check ") + style.shortDate(row.checkDue ?? row.due)
                : (pl ? "termin " : "due ") + style.shortDate(row.due)
            let whenWidth = buffer.writeRightAligned(when, endX: inside.maxX - 1, y: y, role: urgency)
            buffer.write(ImprovementText.title(row, language: language), x: inside.x + 2 + id, y: y, role: .body,
                         maxWidth: inside.width - 4 - id - whenWidth)
        }
    }

    /// "Działania (✗ 2 po terminie, ! 1 blisko, ? 1 do oceny)".
    private func actionsTitle(pl: Bool) -> String {
        let actions = model.actions
        let overdue = actions.filter(\.isOverdue).count, soon = actions.filter { $0.dueState == .dueSoon }.count
        let checks = actions.filter(\.checkIsDue).count
        return pl ? "Działania (✗ \(overdue) po terminie, ! \(soon) blisko, ? \(checks) do oceny)"
                  : "Actions (✗ \(overdue) overdue, ! \(soon) due soon, ? \(checks) checks due)"
    }
}
