import AsodeskApp
import AsodeskDomain
import AsodeskScreen

/// The checklist of one complaint's current stage on a screen of its own: from the detail screen
/// (`l`, F8), or from an action form (F8), which waits below with everything typed; Esc goes back
/// to it. What blocks the next step stays pinned at the top; Space ticks a step, or on a ticked
/// one asks whether to withdraw the tick.
public final class ChecklistScreen: Screen {
    public let number: ComplaintNumber
    /// The title of the form waiting below, when it was opened from one.
    public let waitingForm: LocalizedText?
    private var snapshot: DetailSnapshot?
    private var selected = 0
    private var scroll = 0
    private var visibleRows = 10

    public init(number: ComplaintNumber, dashboard: Dashboard, waitingForm: LocalizedText? = nil) {
        self.number = number
        self.waitingForm = waitingForm
        refresh(dashboard: dashboard)
        // Opens on the first mandatory step still open (what blocks), else the first open one.
        if let steps = snapshot?.steps {
            selected = steps.firstIndex { $0.step.mandatory && $0.mark == nil } ?? steps.firstIndex { $0.mark == nil } ?? 0
        }
    }

    public var contexts: [KeyContext] { [.checklist, .list] }
    public var title: LocalizedText { LocalizedText("Lista kontrolna – \(number)", "Checklist – \(number)") }
    public var legend: [(mark: String, meaning: LocalizedText)] { DetailWords.checklistLegendRows }

    /// The step the selection is on (tests).
    public var selectedStep: (procedure: String, step: String)? {
        guard let snapshot, snapshot.steps.indices.contains(selected) else { return nil }
        return (snapshot.steps[selected].procedure.id, snapshot.steps[selected].step.id)
    }

    /// Selects a step by its procedure and id (tests).
    public func selectStep(procedure: String, step: String) {
        if let index = snapshot?.steps.firstIndex(where: { $0.procedure.id == procedure && $0.step.id == step }) { selected = index }
    }

    public func refresh(dashboard: Dashboard) {
        snapshot = DetailSnapshot.reread(number, keeping: snapshot, dashboard: dashboard)
        selected = max(0, min(selected, (snapshot?.steps.count ?? 1) - 1))
    }

    public func offers(_ binding: KeyBinding, dashboard: Dashboard) -> Bool {
        guard let verb = binding.verb else { return true }
        guard let complaint = snapshot?.complaint else { return false }
        return Lifecycle.availableVerbs(on: complaint, for: dashboard.actor).contains(verb)
    }

    public func refusal(of binding: KeyBinding, dashboard: Dashboard) -> LocalizedText? {
        guard let verb = binding.verb, let complaint = snapshot?.complaint,
              let denial = Lifecycle.denial(verb, on: complaint, for: dashboard.actor) else { return nil }
        return RefusalText.denial(denial, verb: verb, complaint: complaint, dashboard: dashboard)
    }

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        let count = snapshot?.steps.count ?? 0
        func move(_ delta: Int) { selected = max(0, min(selected + delta, count - 1)) }
        switch command {
        case .up: move(-1)
        case .down: move(1)
        case .pageUp: move(-max(1, visibleRows - 1))
        case .pageDown: move(max(1, visibleRows - 1))
        case .top: move(-100_000)
        case .bottom: move(100_000)
        case .act(.check):
            guard let snapshot, snapshot.steps.indices.contains(selected) else {
                dashboard.message = StatusMessage(dashboard.language == .polish ? "Na tym etapie nie ma kroków do odhaczenia."
                                                                                 : "There are no steps to tick at this stage.", role: .warning)
                return true
            }
            let index = selected
            if ChecklistTicking.toggle(snapshot.steps[index], number: number, dashboard: dashboard),
               let next = self.snapshot?.steps.indices.first(where: { $0 > index && self.snapshot?.steps[$0].mark == nil }) {
                selected = next
            }
        default:
            return false
        }
        return true
    }

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let pl = dashboard.language == .polish
        guard let snapshot else {
            buffer.write(pl ? " Nie ma reklamacji \(number) w tym logu." : " There is no complaint \(number) in this log.",
                         x: area.x, y: area.y + 1, role: .error, maxWidth: area.width)
            return
        }
        // Below: what Esc goes back to, and that nothing typed there is lost.
        let back = waitingForm.map { form in
            pl ? "Esc wraca do formularza „\(form.pl)” – wpisane dane czekają."
               : "Esc goes back to the form “\(form.en)”, with what was typed."
        } ?? (pl ? "Esc wraca do reklamacji." : "Esc goes back to the complaint.")
        let builder = DetailContentBuilder(snapshot: snapshot, dashboard: dashboard, width: area.width - 1, wide: false)
        let content = builder.checklist(selected: selected)
        let pane = Rect(x: area.x, y: area.y, width: area.width, height: max(0, area.height - 1))
        visibleRows = max(1, pane.height - 1 - content.pinned.count)
        scroll = PaneDrawing.scroll(toShow: selected, in: content.lines, current: scroll, visible: visibleRows)
        PaneDrawing.render(content, into: &buffer, area: pane, focused: true, scroll: scroll, selected: selected,
                           language: dashboard.language)
        buffer.write(" " + back, x: area.x, y: area.maxY - 1, role: .muted, maxWidth: area.width)
    }
}

/// Space on a checklist step, wherever the checklist is: an open step is ticked at once; a ticked
/// (or overridden) one is withdrawn only after a yes, and a no writes nothing.
enum ChecklistTicking {
    /// Returns true when the step was ticked now (the caller moves on to the next open one).
    static func toggle(_ step: DetailSnapshot.Step, number: ComplaintNumber, dashboard: Dashboard) -> Bool {
        let pl = dashboard.language == .polish
        let (procedure, version, id) = (step.procedure.id, step.procedure.version, step.step.id)
        guard step.mark != nil else {
            guard case .success = dashboard.perform(.checkStep(procedure: procedure, version: version, step: id), on: number) else {
                return false
            }
            dashboard.message = ActionForms.confirmation(.check, number: number, language: dashboard.language)
            return true
        }
        let text = RefusalText.shortened(step.step.text.text(dashboard.language), to: 36)
        let question = pl ? "Cofnąć odhaczenie kroku „\(text)”? (t/n)" : "Withdraw the tick of “\(text)”? (y/n)"
        dashboard.push(QuestionScreen(question: question) { dashboard in
            guard case .success = dashboard.perform(.withdrawTick(procedure: procedure, version: version, step: id), on: number) else {
                return
            }
            dashboard.message = StatusMessage(pl ? "Cofnięto odhaczenie: „\(text)” – \(number)."
                                                 : "Tick withdrawn: “\(text)” – \(number).", role: .ok)
        })
        return false
    }
}
