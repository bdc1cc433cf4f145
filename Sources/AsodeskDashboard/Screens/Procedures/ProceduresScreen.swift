import AsodeskApp
import AsodeskDomain
import AsodeskScreen

/// One pass through a procedure, a step at a time. A mandatory step can only be confirmed; an
/// optional one may be skipped.
public struct ProcedureWalk: Sendable {
    public enum Outcome: Sendable, Equatable { case confirmed, skipped }

    public let procedure: Procedure
    /// On the sample case; finishing records a training entry.
    public let isPractice: Bool
    public private(set) var outcomes: [Outcome] = []
    /// The entry written when a practice was finished, or why it was not.
    public var recorded: TrainingEntry?
    public var recordFailure: String?

    public init(procedure: Procedure, isPractice: Bool) {
        self.procedure = procedure
        self.isPractice = isPractice
    }

    public var isFinished: Bool { outcomes.count >= procedure.steps.count }
    /// The step on screen (nil once every step was passed).
    public var current: ProcedureStep? { isFinished ? nil : procedure.steps[outcomes.count] }
    public var confirmedCount: Int { outcomes.filter { $0 == .confirmed }.count }

    public mutating func confirm() {
        if !isFinished { outcomes.append(.confirmed) }
    }

    /// Skips the current step if it is optional; returns false (and stays) on a mandatory one.
    @discardableResult
    public mutating func skip() -> Bool {
        guard let current, !current.mandatory else { return false }
        outcomes.append(.skipped)
        return true
    }
}

/// The procedure library: every standard procedure with its version and last review (overdue
/// reviews marked), the selected one's steps; a walk-through of one step at a time (Enter), a
/// practice on a fictional sample case that records a training entry (p), and the training
/// record per person (t).
public final class ProceduresScreen: Screen {
    public enum Mode: Sendable, Equatable { case library, walkThrough, trainingRecord }

    public private(set) var mode: Mode = .library
    public private(set) var selected = 0
    public private(set) var walk: ProcedureWalk?
    private var recordScroll = 0

    public init(dashboard: Dashboard) {}

    public var contexts: [KeyContext] {
        switch mode {
        case .library: [.procedures, .list]
        case .walkThrough: [.walkThrough]
        case .trainingRecord: [.list]
        }
    }

    public var title: LocalizedText {
        switch mode {
        case .library: LocalizedText("Procedury", "Procedures")
        case .walkThrough:
            walk?.isPractice == true ? LocalizedText("Procedury – ćwiczenie", "Procedures – practice")
                                     : LocalizedText("Procedury – krok po kroku", "Procedures – walk-through")
        case .trainingRecord: LocalizedText("Procedury – rejestr szkoleń", "Procedures – training record")
        }
    }

    private func library(_ dashboard: Dashboard) -> [Procedure] { dashboard.desk.procedures.procedures }

    public func select(id: String, dashboard: Dashboard) {
        if let index = library(dashboard).firstIndex(where: { $0.id == id }) { selected = index }
    }

    // MARK: Commands

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        switch mode {
        case .library: return performInLibrary(command, dashboard: dashboard)
        case .walkThrough: return performInWalk(command, dashboard: dashboard)
        case .trainingRecord:
            if TextScrolling.apply(command, to: &recordScroll) { return true }
            guard command == .back else { return false }
            mode = .library
            return true
        }
    }

    private func performInLibrary(_ command: Command, dashboard: Dashboard) -> Bool {
        let count = library(dashboard).count
        switch command {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(count - 1, selected + 1)
        case .pageUp, .top: selected = 0
        case .pageDown, .bottom: selected = count - 1
        case .walkThrough, .practice:
            guard library(dashboard).indices.contains(selected) else { return true }
            walk = ProcedureWalk(procedure: library(dashboard)[selected], isPractice: command == .practice)
            mode = .walkThrough
        case .trainingRecord:
            recordScroll = 0
            mode = .trainingRecord
        default:
            return false
        }
        return true
    }

    private func performInWalk(_ command: Command, dashboard: Dashboard) -> Bool {
        guard var walk else { mode = .library; return true }
        let polish = dashboard.language == .polish
        switch command {
        case .confirmStep:
            if walk.isFinished {
                self.walk = nil
                mode = .library
                return true
            }
            walk.confirm()
            if walk.isFinished && walk.isPractice { record(&walk, dashboard: dashboard) }
        case .skipStep:
            if !walk.skip() {
                dashboard.message = StatusMessage(polish ? "Tego kroku nie można pominąć: jest obowiązkowy."
                                                         : "This step cannot be skipped: it is mandatory.", role: .warning)
            } else if walk.isFinished && walk.isPractice {
                record(&walk, dashboard: dashboard)
            }
        case .back:
            if !walk.isFinished {
                dashboard.message = StatusMessage(polish
                    ? "Przerwano przejście procedury; nic nie zapisano."
                    : "Walk-through stopped; nothing was recorded.", role: .muted)
            }
            self.walk = nil
            mode = .library
            return true
        default:
            return false
        }
        self.walk = walk
        return true
    }

    /// The end of a practice: a training entry in the log (never a complaint).
    private func record(_ walk: inout ProcedureWalk, dashboard: Dashboard) {
        let polish = dashboard.language == .polish
        do {
            if let refusal = dashboard.writeRefusal { throw refusal }
            walk.recorded = try dashboard.desk.recordTraining(procedure: walk.procedure.id, version: walk.procedure.version,
                                                              steps: walk.confirmedCount, by: dashboard.actor, now: dashboard.now)
            dashboard.message = StatusMessage(polish
                ? "Zapisano ćwiczenie w rejestrze szkoleń: \(walk.procedure.title.pl), wersja \(walk.procedure.version)."
                : "Practice recorded in the training record: \(walk.procedure.title.en), version \(walk.procedure.version).",
                role: .ok)
        } catch {
            let why = Dashboard.explain(error, language: dashboard.language)
            walk.recordFailure = why
            dashboard.message = StatusMessage(why, role: .error)
        }
    }

    public func offers(_ binding: KeyBinding, dashboard: Dashboard) -> Bool {
        // Only an optional step offers skipping: a mandatory one has no key that passes it.
        if binding.command == .skipStep { return walk?.current.map { !$0.mandatory } ?? false }
        return true
    }

    public func refusal(of binding: KeyBinding, dashboard: Dashboard) -> LocalizedText? {
        guard binding.command == .skipStep, walk?.current != nil else { return nil }
        return LocalizedText("Ten krok jest obowiązkowy: wykonaj go i potwierdź (Enter).", "This step is mandatory: do it and confirm it (Enter).")
    }

    // MARK: Drawing

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        switch mode {
        case .library: renderLibrary(into: &buffer, area: area, dashboard: dashboard)
        case .walkThrough: renderWalk(into: &buffer, area: area, dashboard: dashboard)
        case .trainingRecord: renderTrainingRecord(into: &buffer, area: area, dashboard: dashboard)
        }
    }

    /// A procedure's review: due two years after the last one; "soon" within 90 days; overdue after.
    struct ReviewState {
        enum Kind { case current, dueSoon, overdue }
        var kind: Kind
        var due: LocalDate
    }

    static func reviewState(of procedure: Procedure, overdue: [Procedure], today: LocalDate) -> ReviewState {
        let reviewed = procedure.reviewedOn
        let year = reviewed.year + ProcedureLibrary.reviewIntervalYears
        let due = LocalDate(year: year, month: reviewed.month, day: min(reviewed.day, LocalDate.daysIn(month: reviewed.month, year: year)))
        if overdue.contains(where: { $0.id == procedure.id }) { return ReviewState(kind: .overdue, due: due) }
        return ReviewState(kind: today.days(until: due) <= 90 ? .dueSoon : .current, due: due)
    }

    private func reviewText(_ state: ReviewState, dashboard: Dashboard) -> (String, StyleRole) {
        let polish = dashboard.language == .polish
        switch state.kind {
        case .current: return (polish ? "✓ aktualna" : "✓ current", .ok)
        case .dueSoon: return (polish ? "⚠ wkrótce" : "⚠ due soon", .warning)
        case .overdue: return (polish ? "✗ po terminie" : "✗ overdue", .error)
        }
    }

    private func pausePointLabel(_ point: PausePoint) -> LocalizedText {
        switch point {
        case .intake: LocalizedText("przy przyjęciu", "at intake")
        case .beforeDecision: LocalizedText("przed decyzją", "before the decision")
        case .beforeClosing: LocalizedText("przed zamknięciem", "before closing")
        case .followUp: LocalizedText("kontakt po zamknięciu", "follow-up")
        case .escalation: LocalizedText("przy eskalacji", "when escalating")
        case .periodic: LocalizedText("okresowo", "periodic")
        }
    }

    private func renderLibrary(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let language = dashboard.language
        let polish = language == .polish
        let procedures = library(dashboard)
        let today = dashboard.style.localDate(dashboard.now)
        let overdue = dashboard.desk.procedures.overdueReviews(today: today)
        let wide = area.width >= 120
        // Columns: title, [id, pause point,] version, last review, next review, review state.
        let stateWidth = 15, dateWidth = 12, versionWidth = 8
        let idWidth = wide ? 26 : 0, pointWidth = wide ? 24 : 0
        let titleWidth = area.width - 2 - stateWidth - 2 * dateWidth - versionWidth - idWidth - pointWidth
        var x = area.x + 1
        var columns: [(String, Int)] = [(polish ? "Procedura" : "Procedure", titleWidth)]
        if wide { columns += [("Id", idWidth), (polish ? "Kiedy" : "When", pointWidth)] }
        columns += [(polish ? "Wersja" : "Version", versionWidth), (polish ? "Przegląd" : "Reviewed", dateWidth),
                    (polish ? "Następny" : "Next due", dateWidth), (polish ? "Stan" : "Review", stateWidth)]
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), role: .header)
        for (name, width) in columns {
            buffer.write(name, x: x, y: area.y, role: .header, maxWidth: width - 1)
            x += width
        }
        var y = area.y + 1
        for (index, procedure) in procedures.enumerated() {
            guard y < area.maxY else { break }
            let isSelected = index == selected
            let role: StyleRole = isSelected ? .selection : .body
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: role)
            x = area.x + 1
            buffer.write(procedure.title.text(language), x: x, y: y, role: role, maxWidth: titleWidth - 1)
            x += titleWidth
            if wide {
                buffer.write(procedure.id, x: x, y: y, role: isSelected ? role : .muted, maxWidth: idWidth - 1)
                x += idWidth
                buffer.write(pausePointLabel(procedure.pausePoint).text(language), x: x, y: y, role: role, maxWidth: pointWidth - 1)
                x += pointWidth
            }
            buffer.write("v\(procedure.version)", x: x, y: y, role: role, maxWidth: versionWidth - 1)
            x += versionWidth
            buffer.write(dashboard.style.date(procedure.reviewedOn), x: x, y: y, role: role, maxWidth: dateWidth - 1)
            x += dateWidth
            let review = Self.reviewState(of: procedure, overdue: overdue, today: today)
            buffer.write(dashboard.style.date(review.due), x: x, y: y, role: review.kind == .current ? role : .muted,
                         maxWidth: dateWidth - 1)
            x += dateWidth
            let (text, stateRole) = reviewText(review, dashboard: dashboard)
            buffer.write(text, x: x, y: y, role: stateRole, maxWidth: stateWidth - 1)
            y += 1
        }
        guard procedures.indices.contains(selected) else { return }
        renderSteps(of: procedures[selected], into: &buffer,
                    area: Rect(x: area.x, y: y + 1, width: area.width, height: area.maxY - y - 1), dashboard: dashboard)
    }

    /// The selected procedure's steps: whole sentences with reasons when there is room, else one line each.
    private func renderSteps(of procedure: Procedure, into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        guard area.height > 2 else { return }
        let language = dashboard.language
        let polish = language == .polish
        let x = area.x + 2, width = area.width - 4
        let mode = procedure.mode == .readDo ? (polish ? "czytaj i wykonuj" : "read-do") : (polish ? "wykonaj i potwierdź" : "do-confirm")
        let mandatory = procedure.steps.filter(\.mandatory).count
        let about = polish
            ? "\(pausePointLabel(procedure.pausePoint).pl) · \(mode) · kroków: \(procedure.steps.count), obowiązkowych: \(mandatory) (*)"
            : "\(pausePointLabel(procedure.pausePoint).en) · \(mode) · \(procedure.steps.count) steps, \(mandatory) mandatory (*)"
        let textWidth = width - 5
        let withReasons = procedure.steps.reduce(0) {
            $0 + DisplayWidth.wrap($1.text.text(language), width: textWidth).count
               + DisplayWidth.wrap($1.reason.text(language), width: textWidth).count
        }
        let wrappedOnly = procedure.steps.reduce(0) { $0 + DisplayWidth.wrap($1.text.text(language), width: textWidth).count }
        let room = area.height - 3
        let showReasons = withReasons <= room
        let lines = showReasons || wrappedOnly <= room ? Int.max : 1
        let used = showReasons ? withReasons : (lines == 1 ? procedure.steps.count : wrappedOnly)
        // The box fits its content, so a large terminal does not show an empty frame.
        let box = Rect(x: area.x, y: area.y, width: area.width, height: min(area.height, used + 3))
        let inner = Panel.box(into: &buffer, area: box, title: "\(procedure.title.text(language)) · v\(procedure.version)")
        buffer.write(about, x: x, y: inner.y, role: .muted, maxWidth: width)
        var y = inner.y + 1
        for (index, step) in procedure.steps.enumerated() {
            guard y < inner.maxY else { break }
            buffer.write("\(index + 1).", x: x, y: y, role: .muted)
            buffer.write(step.mandatory ? "*" : " ", x: x + 3, y: y, role: .warning)
            y = ProcedureText.write(step.text.text(language), into: &buffer, x: x + 5, y: y, width: textWidth,
                                    maxY: inner.maxY, role: .body, maxLines: lines)
            if showReasons {
                y = ProcedureText.write(step.reason.text(language), into: &buffer, x: x + 5, y: y, width: textWidth,
                                        maxY: inner.maxY, role: .muted)
            }
        }
    }

    // MARK: Walk-through

    /// The sample case practice runs on: fixed and plainly fictional, never a complaint.
    static let sampleCase: [(LocalizedText, LocalizedText)] = [
        (LocalizedText("Klient", "Customer"), LocalizedText("Jan Przykładowy (postać fikcyjna)", "Jan Przykładowy (a fictional person)")),
        (LocalizedText("Telefon", "Phone"), LocalizedText("500 000 000", "500 000 000")),
        (LocalizedText("Kanał", "Channel"), LocalizedText("telefon", "phone")),
        (LocalizedText("Pojazd", "Vehicle"), LocalizedText("Škoda Octavia, XX 00000", "Škoda Octavia, XX 00000")),
        (LocalizedText("VIN", "VIN"), LocalizedText("TMBZZZ1ZTEST00001", "TMBZZZ1ZTEST00001")),
        (LocalizedText("Zlecenie", "Order"), LocalizedText("ZN/2026/00000", "ZN/2026/00000")),
        (LocalizedText("Opis", "Summary"), LocalizedText(
            "Trzy dni po wymianie klocków hamulcowych przy hamowaniu słychać głośny pisk.",
            "Three days after the brake pads were replaced, the brakes squeal loudly.")),
        (LocalizedText("Żądanie", "Remedy"), LocalizedText("Bezpłatna ponowna naprawa hamulców.", "A free repeat repair of the brakes.")),
    ]

    private func renderSample(into buffer: inout CellBuffer, area: Rect, language: Language) {
        let polish = language == .polish
        let inner = Panel.box(into: &buffer, area: area, title: polish ? "Przykład do ćwiczeń" : "Practice case", role: .body)
        let x = inner.x + 1, width = inner.width - 2
        var y = ProcedureText.write(polish ? "Sprawa fikcyjna – nie jest reklamacją." : "A made-up case – not a complaint.",
                                    into: &buffer, x: x, y: inner.y, width: width, maxY: inner.maxY, role: .warning)
        for (label, value) in Self.sampleCase {
            guard y < inner.maxY else { break }
            let prefix = label.text(language) + ": "
            y = ProcedureText.write(value.text(language), prefix: prefix, into: &buffer, x: x, y: y, width: width,
                                    maxY: inner.maxY, role: .body)
        }
    }

    private func renderWalk(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        guard let walk else { return }
        let language = dashboard.language
        let polish = language == .polish
        let procedure = walk.procedure
        var main = area.inset(by: 1)
        if walk.isPractice {
            let sampleWidth = area.width >= 120 ? 50 : 32
            let (left, right) = area.splitColumns(area.width - sampleWidth)
            main = left.inset(by: 1)
            let sampleLines = Self.sampleCase.reduce(1) {
                $0 + DisplayWidth.wrap($1.1.text(language), width: sampleWidth - 4 - DisplayWidth.of($1.0.text(language) + ": ")).count
            }
            renderSample(into: &buffer, area: Rect(x: right.x, y: right.y, width: right.width, height: min(right.height, sampleLines + 3)),
                         language: language)
        }
        let x = main.x, width = main.width
        let heading = (walk.isPractice ? (polish ? "Ćwiczenie: " : "Practice: ") : "") + procedure.title.text(language)
            + (polish ? " · wersja \(procedure.version)" : " · version \(procedure.version)")
        var y = ProcedureText.write(heading, into: &buffer, x: x, y: main.y, width: width, maxY: main.maxY, role: .header, maxLines: 2)

        // The list of steps with what happened to each, at the bottom of the pane.
        // Below the step's text and reason; on a tall terminal not far below them.
        let listTop = min(main.maxY - procedure.steps.count, main.y + 16)
        for (index, step) in procedure.steps.enumerated() {
            let row = listTop + index
            let (glyph, role): (String, StyleRole) = index < walk.outcomes.count
                ? (walk.outcomes[index] == .confirmed ? ("✓", .ok) : ("↷", .muted))
                : (index == walk.outcomes.count ? ("▸", .header) : ("·", .muted))
            buffer.write(glyph, x: x, y: row, role: role)
            buffer.write("\(index + 1).\(step.mandatory ? "*" : " ")", x: x + 2, y: row, role: .muted)
            buffer.write(step.text.text(language), x: x + 6, y: row, role: index == walk.outcomes.count ? .body : .muted,
                         maxWidth: width - 6)
        }
        let textBottom = listTop - 1

        guard let step = walk.current else {
            let skipped = walk.outcomes.count - walk.confirmedCount
            y += 1
            y = ProcedureText.write(polish ? "✓ Gotowe: wszystkie kroki procedury przejrzane." : "✓ Done: every step of the procedure walked through.",
                                    into: &buffer, x: x, y: y, width: width, maxY: textBottom, role: .ok)
            y = ProcedureText.write(polish ? "Potwierdzone: \(walk.confirmedCount), pominięte: \(skipped)."
                                           : "Confirmed: \(walk.confirmedCount), skipped: \(skipped).",
                                    into: &buffer, x: x, y: y, width: width, maxY: textBottom, role: .body)
            if walk.isPractice {
                let (text, role): (String, StyleRole) = walk.recorded != nil
                    ? (polish ? "Ćwiczenie zapisane w rejestrze szkoleń (t na liście procedur); żadna reklamacja nie powstała."
                              : "Practice recorded in the training record (t in the library); no complaint was created.", .ok)
                    : (polish ? "Ćwiczenia nie zapisano: \(walk.recordFailure ?? "")" : "Practice not recorded: \(walk.recordFailure ?? "")", .error)
                y = ProcedureText.write(text, into: &buffer, x: x, y: y, width: width, maxY: textBottom, role: role)
            }
            ProcedureText.write(polish ? "Enter wraca do listy procedur." : "Enter returns to the procedure list.",
                                into: &buffer, x: x, y: y + 1, width: width, maxY: textBottom, role: .muted)
            return
        }
        let position = ProcedureText.stepOf(walk.outcomes.count + 1, procedure.steps.count, language: language)
        let kind = step.mandatory
            ? (polish ? "obowiązkowy – nie można go pominąć" : "mandatory – cannot be skipped")
            : (polish ? "nieobowiązkowy – s pomija" : "optional – s skips")
        let bar = String(repeating: "■", count: walk.outcomes.count) + String(repeating: "□", count: procedure.steps.count - walk.outcomes.count)
        buffer.write("\(position)  \(bar)  \(kind)", x: x, y: y, role: step.mandatory ? .warning : .muted, maxWidth: width)
        buffer.write(position, x: x, y: y, role: .header)
        y += 2
        y = ProcedureText.write(step.text.text(language), prefix: "▸ ", into: &buffer, x: x, y: y, width: width,
                                maxY: textBottom, role: .body)
        y += 1
        y = ProcedureText.write(step.reason.text(language), prefix: polish ? "Dlaczego: " : "Why: ", into: &buffer,
                                x: x, y: y, width: width, maxY: textBottom, role: .muted)
        ProcedureText.write(polish ? "Enter lub Spacja potwierdza krok; Esc przerywa." : "Enter or Space confirms the step; Esc stops.",
                            into: &buffer, x: x, y: y + 1, width: width, maxY: textBottom, role: .muted)
    }

    // MARK: Training record

    private func renderTrainingRecord(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let language = dashboard.language
        let polish = language == .polish
        let desk = dashboard.desk
        let me = dashboard.actor.id
        let record = desk.state.trainingRecord(library: desk.procedures, peopleFirst: [me])
        var lines: [(String, StyleRole, [(String, StyleRole, Int)])] = []  // heading or row cells (text, role, width)
        let wide = area.width >= 120
        // Narrow terminals drop the time and the step count so the procedure's title stays readable.
        let whenWidth = wide ? 18 : 13, stepsWidth = wide ? 12 : 0, stateWidth = polish ? 24 : 26
        let titleWidth = area.width - 2 - 6 - whenWidth - stepsWidth - stateWidth
        func name(_ id: String) -> String {
            let known = desk.config.operators.first { $0.id == id }
            let role = known.map { Labels.role($0.role).text(language) }
            return (known?.name ?? id) + (role.map { " · \($0)" } ?? "") + (id == me ? (polish ? " (Ty)" : " (you)") : "")
        }
        if !record.contains(where: { $0.person == me }) {
            lines.append((name(me), .header, []))
            lines.append((polish ? "  Brak ćwiczeń: p na liście procedur zaczyna ćwiczenie na przykładzie."
                                 : "  No practice yet: p in the procedure list starts a practice on the sample case.", .muted, []))
            lines.append(("", .body, []))
        }
        for (person, statuses) in record {
            lines.append((name(person), .header, []))
            for status in statuses {
                let entry = status.latest
                let title = desk.procedures.procedure(id: entry.procedure)?.title.text(language) ?? entry.procedure
                let when = wide ? dashboard.style.dateTime(entry.completedAt) : dashboard.style.date(dashboard.style.localDate(entry.completedAt))
                let steps = polish ? "kroki: \(entry.steps)" : "\(entry.steps) steps"
                let times = status.count > 1 ? (polish ? " ×\(status.count)" : " ×\(status.count)") : ""
                let (state, role): (String, StyleRole) = status.newerVersion.map {
                    (polish ? "↻ do powtórki (jest v\($0))" : "↻ to repeat (now v\($0))", .warning)
                } ?? ((polish ? "✓ aktualne" : "✓ up to date"), .ok)
                var cells: [(String, StyleRole, Int)] = [("  " + title + (wide ? " (\(entry.procedure))" : ""), .body, titleWidth),
                                                         ("v\(entry.version)", .body, 6), (when, .body, whenWidth)]
                if wide { cells.append((steps + times, .muted, stepsWidth)) }
                cells.append((state, role, stateWidth))
                lines.append(("", .body, cells))
            }
            lines.append(("", .body, []))
        }
        if record.isEmpty {
            lines.append((polish ? "Nikt jeszcze nie ćwiczył procedur na przykładzie." : "Nobody has practised a procedure yet.", .muted, []))
        }
        let heading = polish ? "Rejestr szkoleń: ćwiczenia procedur na przykładzie, według osób"
                             : "Training record: procedures practised on the sample case, per person"
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), role: .header)
        buffer.write(heading, x: area.x + 1, y: area.y, role: .header, maxWidth: area.width - 2)
        let visible = area.height - 2
        recordScroll = max(0, min(recordScroll, lines.count - visible))
        var y = area.y + 2
        for (text, role, cells) in lines.dropFirst(recordScroll).prefix(visible) {
            if cells.isEmpty {
                buffer.write(text, x: area.x + 1, y: y, role: role, maxWidth: area.width - 2)
            } else {
                var x = area.x + 1
                for (cell, cellRole, width) in cells {
                    buffer.write(cell, x: x, y: y, role: cellRole, maxWidth: width - 1)
                    x += width
                }
            }
            y += 1
        }
    }
}
