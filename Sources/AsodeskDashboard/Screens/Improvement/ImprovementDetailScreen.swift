import AsodeskApp
import AsodeskDomain
import AsodeskScreen
import Foundation

/// One action of the register: what it is, its timers, the complaints it answers (a list: Enter
/// opens the selected one) and its history, step by step.
public final class ImprovementDetailScreen: Screen {
    public let id: ActionID
    public private(set) var row: RegisterRow?
    /// Index into the complaints the action answers.
    public private(set) var selection = 0

    public init(id: ActionID, dashboard: Dashboard) {
        self.id = id
        refresh(dashboard: dashboard)
    }

    public var contexts: [KeyContext] { [.improvementDetail, .list] }
    public var title: LocalizedText { LocalizedText("Działanie \(id)", "Action \(id)") }
    public var legend: [(mark: String, meaning: LocalizedText)] { ImprovementWords.marks }
    private var complaints: [ComplaintNumber] { row?.action?.complaints ?? [] }

    public func refresh(dashboard: Dashboard) {
        row = dashboard.desk.register(now: dashboard.now, includingSettled: true).first { $0.action?.id == id }
        selection = min(selection, max(0, complaints.count - 1))
    }

    public func offers(_ binding: KeyBinding, dashboard: Dashboard) -> Bool {
        switch binding.command {
        case .open: !complaints.isEmpty
        case .improve(let verb): ImprovementWords.refusal(verb, on: row, dashboard: dashboard) == nil
        default: true
        }
    }

    public func refusal(of binding: KeyBinding, dashboard: Dashboard) -> LocalizedText? {
        guard case .improve(let verb) = binding.command else {
            return LocalizedText("To działanie nie odpowiada na żadną reklamację.", "This action answers no complaint.")
        }
        return ImprovementWords.refusal(verb, on: row, dashboard: dashboard)
    }

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        let last = max(0, complaints.count - 1)
        switch command {
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(last, selection + 1)
        case .top, .pageUp: selection = 0
        case .bottom, .pageDown: selection = last
        case .open:
            guard complaints.indices.contains(selection) else { return true }
            dashboard.push(DetailScreen(number: complaints[selection], dashboard: dashboard))
        case .improve(let verb):
            guard let action = row?.action, verb != .open else { return true }
            dashboard.push(ImprovementForms.form(verb, for: action, dashboard: dashboard))
        default:
            return false
        }
        return true
    }

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        guard let row, let action = row.action, area.height > 4 else { return }
        let language = dashboard.language, pl = language == .polish, style = dashboard.style
        let desk = dashboard.desk
        var y = area.y
        let x = area.x + 1, width = area.width - 2
        func line(_ label: String, _ value: String, _ role: StyleRole = .body) {
            guard y < area.maxY else { return }
            let used = buffer.write(label, x: x, y: y, role: .muted)
            buffer.write(value, x: x + max(used, 13), y: y, role: role, maxWidth: width - max(used, 13))
            y += 1
        }
        let (glyph, urgency) = ImprovementWords.mark(row)
        let used = buffer.write("\(glyph) \(action.id)  ", x: x, y: y, role: urgency == .body ? .header : urgency)
        buffer.write("\(Labels.improvementKind(action.kind).text(language).uppercased())  \(ImprovementText.status(row, language: language))",
                     x: x + used, y: y, role: urgency == .body ? .header : urgency, maxWidth: width - used)
        y += 1
        line(pl ? "Tytuł" : "Title", SafeText.singleLine(action.title, maxCharacters: ImprovementRules.titleLimit))
        line(pl ? "Prowadzi" : "Owner", desk.personName(action.owner))
        line(pl ? "Termin" : "Due", style.date(action.due), row.isOverdue ? .breached : (row.dueState == .dueSoon ? .warning : .body))
        if let check = row.checkDue {
            line(pl ? "Ocena od" : "Check from", style.date(check), row.checkIsDue ? .warning : .body)
        }
        line(pl ? "Miernik" : "Measure", SafeText.singleLine(action.measure, maxCharacters: 300))
        line(pl ? "Przyczyny" : "Causes", action.causes.isEmpty ? "—" : action.causes.joined(separator: ", "))
        if let procedure = action.procedure { line(pl ? "Procedura" : "Procedure", procedure) }
        if let earlier = action.followUpOf { line(pl ? "Następcze po" : "Follows up", earlier.description) }
        y += 1
        if y < area.maxY {
            buffer.write((pl ? "Reklamacje, na które odpowiada" : "Complaints it answers") + " (\(complaints.count))", x: x, y: y, role: .header)
            y += 1
        }
        if complaints.isEmpty, y < area.maxY {
            buffer.write("—", x: x + 2, y: y, role: .muted)
            y += 1
        }
        for (index, number) in complaints.enumerated() where y < area.maxY {
            let selected = index == selection
            if selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            let summary = desk.state.complaints.heldInFull(number).map { "\(Labels.state($0.state).text(language))  \($0.intake.customer)" }
                ?? desk.state.complaints.finishedSummary(number).map { _ in pl ? "zakończona" : "finished" } ?? ""
            let used = buffer.write("\(number)  ", x: x + 2, y: y, role: selected ? .selection : .body)
            buffer.write(summary, x: x + 2 + used, y: y, role: selected ? .selection : .muted, maxWidth: width - 2 - used)
            y += 1
        }
        y += 1
        if y < area.maxY {
            buffer.write(pl ? "Historia" : "History", x: x, y: y, role: .header)
            y += 1
        }
        // The latest steps when the screen is short: the history is read from the bottom up.
        let room = max(0, area.maxY - y)
        for event in action.history.suffix(room) {
            let when = style.shortDate(style.localDate(event.occurredAt)) + " " + style.time(event.occurredAt)
            let used = buffer.write("\(when)  \(desk.personName(event.actor.id))  ", x: x + 2, y: y, role: .muted, maxWidth: width - 2)
            buffer.write(ImprovementText.step(event.change, language: language), x: x + 2 + used, y: y, role: .body, maxWidth: width - 2 - used)
            y += 1
        }
    }
}
