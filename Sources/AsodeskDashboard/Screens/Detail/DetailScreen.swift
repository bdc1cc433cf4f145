import AsodeskApp
import AsodeskDomain
import AsodeskScreen

/// One complaint: its timers and legal clock, customer and vehicle, the history, and the
/// checklist of the current stage; every lifecycle action from a key, each in a small form.
/// It reads the desk afresh on every tick and log change, so a change made in another terminal
/// (or by the CLI) shows without a key press.
public final class DetailScreen: Screen {
    public let number: ComplaintNumber
    /// The pane Tab and the arrows act on.
    public private(set) var focus: DetailPane = .timers
    /// Whether the selected timer shows why it stands where it does.
    public private(set) var explaining = false
    private var selection: [DetailPane: Int] = [:]
    private var scroll: [DetailPane: Int] = [:]
    /// Rows each pane had at the last drawing, for paging.
    private var visibleRows: [DetailPane: Int] = [:]
    private var snapshot: DetailSnapshot?

    public init(number: ComplaintNumber, dashboard: Dashboard) {
        self.number = number
        refresh(dashboard: dashboard)
    }

    public var contexts: [KeyContext] { [.detail, .panes, .list] }
    public var legend: [(mark: String, meaning: LocalizedText)] { DetailWords.checklistLegendRows + HelpScreen.timerMarks }
    public var title: LocalizedText { LocalizedText("Reklamacja \(number)", "Complaint \(number)") }

    /// The complaint as last read from the desk; nil if the number is unknown.
    public var complaint: Complaint? { snapshot?.complaint }

    public func refresh(dashboard: Dashboard) {
        snapshot = DetailSnapshot.reread(number, keeping: snapshot, dashboard: dashboard)
        // A tick or a change elsewhere may shorten the lists: keep selections on something real.
        selection[.timers] = clamp(selection[.timers] ?? 0, count: snapshot?.timers.count ?? 0)
        selection[.checklist] = clamp(selection[.checklist] ?? firstOpenStep(), count: snapshot?.steps.count ?? 0)
    }

    private func clamp(_ value: Int, count: Int) -> Int { max(0, min(value, count - 1)) }

    /// The checklist opens on the first step still to do.
    private func firstOpenStep() -> Int { snapshot?.steps.firstIndex { $0.mark == nil } ?? 0 }

    /// The checklist step the selection is on.
    public var selectedStep: (procedure: String, step: String)? {
        guard let snapshot, let index = selection[.checklist], snapshot.steps.indices.contains(index) else { return nil }
        return (snapshot.steps[index].procedure.id, snapshot.steps[index].step.id)
    }

    /// Selects a checklist step by its procedure and id, with the checklist in focus (tests, and
    /// the procedures screen).
    public func selectStep(procedure: String, step: String) {
        if let index = snapshot?.steps.firstIndex(where: { $0.procedure.id == procedure && $0.step.id == step }) {
            selection[.checklist] = index
            focus = .checklist
        }
    }

    // MARK: Role

    /// Only what this person may do on this complaint now is offered (footer, help, keys);
    /// the domain still checks everything when it is recorded.
    public func offers(_ binding: KeyBinding, dashboard: Dashboard) -> Bool {
        guard let verb = binding.verb, verb != .receive else { return true }
        guard let complaint else { return false }
        return Lifecycle.availableVerbs(on: complaint, for: dashboard.actor).contains(verb)
    }

    public func refusal(of binding: KeyBinding, dashboard: Dashboard) -> LocalizedText? {
        guard let verb = binding.verb, let complaint,
              let denial = Lifecycle.denial(verb, on: complaint, for: dashboard.actor) else { return nil }
        return RefusalText.denial(denial, verb: verb, complaint: complaint, dashboard: dashboard)
    }

    /// What moves this complaint on in its state, for this person: acknowledging, deciding,
    /// resuming, answering, closing, the follow-up call. Notes, assigning and the rest stay in
    /// the footer as before; rarer turns (reopen, delivery) are in help.
    public func nextSteps(dashboard: Dashboard) -> [Command] {
        guard let complaint else { return [] }
        let progress: [ActionVerb] = [.acknowledge, .resume, .contact, .decide, .answer, .close, .followUp]
        let available = Set(Lifecycle.availableVerbs(on: complaint, for: dashboard.actor))
        return progress.filter(available.contains).map { .act($0) }
    }

    // MARK: Keys

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        switch command {
        case .nextPane:
            focus = DetailPane(rawValue: (focus.rawValue + 1) % DetailPane.allCases.count)!
        case .previousPane:
            focus = DetailPane(rawValue: (focus.rawValue + DetailPane.allCases.count - 1) % DetailPane.allCases.count)!
        case .up: move(by: -1)
        case .down: move(by: 1)
        case .pageUp: move(by: -max(1, (visibleRows[focus] ?? 10) - 1))
        case .pageDown: move(by: max(1, (visibleRows[focus] ?? 10) - 1))
        case .top: move(by: -100_000)
        case .bottom: move(by: 100_000)
        case .explainTimers:
            explaining.toggle()
            if explaining { focus = .timers }
        case .act(let verb):
            act(verb, dashboard: dashboard)
        case .showChecklist:
            dashboard.push(ChecklistScreen(number: number, dashboard: dashboard))
        case .prepareReceipt:
            let screen = AnswerScreen(number: number, kind: .receipt, language: dashboard.language)
            screen.refresh(dashboard: dashboard)
            dashboard.push(screen)
        default:
            return false
        }
        return true
    }

    private func move(by delta: Int) {
        if focus.selects {
            let count = focus == .timers ? (snapshot?.timers.count ?? 0) : (snapshot?.steps.count ?? 0)
            selection[focus] = clamp((selection[focus] ?? 0) + delta, count: count)
        } else {
            scroll[focus] = max(0, (scroll[focus] ?? 0) + delta)
        }
    }

    private func act(_ verb: ActionVerb, dashboard: Dashboard) {
        guard let snapshot else { return }
        let pl = dashboard.language == .polish
        let index = selection[.checklist] ?? 0
        let step = snapshot.steps.indices.contains(index) ? snapshot.steps[index] : nil
        switch verb {
        case .check:
            // Space ticks only a step the person can see selected: from another pane it brings
            // the checklist into focus first.
            guard focus == .checklist else {
                focus = .checklist
                dashboard.message = StatusMessage(pl ? "Lista kroków jest teraz wybrana: ↑↓ wybiera krok, Spacja odhacza zaznaczony (l: cały ekran)."
                                                     : "The checklist is now focused: ↑↓ picks a step, Space ticks the one selected (l: full screen).",
                                                  role: .warning)
                return
            }
            guard let step else {
                dashboard.message = StatusMessage(pl ? "Na tym etapie nie ma kroków do odhaczenia."
                                                     : "There are no steps to tick at this stage.", role: .warning)
                return
            }
            // A ticked step asks whether to withdraw the tick; an open one is ticked, and the
            // selection moves on to the next step still open, as one works down a list.
            if ChecklistTicking.toggle(step, number: number, dashboard: dashboard),
               let next = self.snapshot?.steps.indices.first(where: { $0 > index && self.snapshot?.steps[$0].mark == nil }) {
                selection[.checklist] = next
            }
        case .answer:
            let screen = AnswerScreen(number: number, kind: .decision, language: dashboard.language)
            screen.refresh(dashboard: dashboard)
            dashboard.push(screen)
        case .amend:
            dashboard.push(AmendForm.screen(complaint: snapshot.complaint, dashboard: dashboard))
        default:
            let open = snapshot.steps.filter { $0.step.mandatory && $0.mark == nil }
            guard let form = ActionForms.screen(for: verb, complaint: snapshot.complaint, dashboard: dashboard,
                                                step: step, openMandatory: open) else {
                if verb == .override {
                    dashboard.message = StatusMessage(pl ? "Nie ma otwartych kroków obowiązkowych do pominięcia."
                                                         : "There are no open mandatory steps to override.", role: .warning)
                }
                return
            }
            dashboard.push(form)
        }
    }

    // MARK: Drawing

    /// Wide terminals show timers and checklist on the left, data and history on the right.
    static func isWide(_ area: Rect) -> Bool { area.width >= 160 && area.height >= 34 }

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        guard let snapshot else {
            let pl = dashboard.language == .polish
            buffer.write(pl ? " Nie ma reklamacji \(number) w tym logu. Esc wraca do kolejki."
                            : " There is no complaint \(number) in this log. Esc goes back to the queue.",
                         x: area.x, y: area.y + 1, role: .error, maxWidth: area.width)
            return
        }
        let wide = Self.isWide(area)
        let (headerRow, body) = area.splitRows(1)
        let columns: [(Rect, [DetailPane])]
        if wide {
            let leftWidth = min(116, body.width * 57 / 100)
            let (left, rest) = body.splitColumns(leftWidth)
            let right = Rect(x: rest.x + 1, y: rest.y, width: rest.width - 1, height: rest.height)
            columns = [(left, [.timers, .checklist]), (right, [.data, .timeline])]
        } else {
            columns = [(body, [.timers, .data, .timeline, .checklist])]
        }
        let headerBuilder = DetailContentBuilder(snapshot: snapshot, dashboard: dashboard, width: area.width, wide: wide)
        PaneDrawing.draw([Span(" ")] + headerBuilder.header(), into: &buffer, x: area.x, y: headerRow.y, maxX: area.maxX)

        for (rect, panes) in columns {
            let builder = DetailContentBuilder(snapshot: snapshot, dashboard: dashboard, width: rect.width - 1, wide: wide)
            let contents = panes.map { content(of: $0, builder: builder) }
            let order = [DetailPane.timers, .data, .checklist, .timeline].compactMap { panes.firstIndex(of: $0) }
            let heights = PaneDrawing.allocate(needs: contents.map(\.rows), available: rect.height,
                                               focused: panes.firstIndex(of: focus), order: order)
            var y = rect.y
            for (index, pane) in panes.enumerated() {
                let height = heights[index]
                guard height > 0 else { continue }
                let visible = max(0, height - 1 - contents[index].pinned.count)
                visibleRows[pane] = visible
                let selected = pane.selects ? selection[pane] : nil
                let current = scroll[pane] ?? 0
                let newScroll = pane.selects
                    ? PaneDrawing.scroll(toShow: selected, in: contents[index].lines, current: current, visible: visible)
                    : min(current, max(0, contents[index].lines.count - visible))
                scroll[pane] = newScroll
                PaneDrawing.render(contents[index], into: &buffer, area: Rect(x: rect.x, y: y, width: rect.width, height: height),
                                   focused: pane == focus, scroll: newScroll, selected: selected, language: dashboard.language)
                y += height
            }
        }
    }

    private func content(of pane: DetailPane, builder: DetailContentBuilder) -> PaneContent {
        switch pane {
        case .timers: builder.timers(explaining: explaining, selected: selection[.timers] ?? 0)
        case .data: builder.data()
        case .timeline: builder.timeline()
        case .checklist: builder.checklist(selected: selection[.checklist] ?? 0)
        }
    }
}
