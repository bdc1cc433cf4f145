import AsodeskApp
import AsodeskDomain
import AsodeskScreen
import Foundation

/// The home screen: open complaints with the timer due next as a live countdown, sorted by least
/// time left, with filters, an incremental search and a line showing every timer of the selected
/// complaint.
///
/// Cost per refresh: the rows are rebuilt only when the log moved on (and then only complaints
/// with new events get their clocks evaluated again); every tick re-evaluates only the rows on
/// screen. The orders do not depend on the clock between log changes (due instants, receipt and
/// deadlines are fixed), so rows off screen can keep their earlier evaluation.
public final class QueueScreen: Screen {
    /// One complaint in scope with its clocks and its search key.
    struct Entry {
        var row: QueueRow
        var evaluatedAt: Date
        /// Folded when the complaint changed, not per keystroke.
        let key: ComplaintSearch.Key
    }

    public private(set) var filter = QueueFilter()
    public private(set) var sort: QueueSort = .timeLeft
    /// The search line has focus: typing narrows the queue as you type.
    public private(set) var isSearching = false
    /// `/` reopened the search over an earlier query: it shows selected, and the first character
    /// typed replaces it (Backspace clears it) rather than adding to it.
    public private(set) var isQuerySelected = false
    public private(set) var selectedNumber: ComplaintNumber?

    /// Every complaint in scope (open ones, or all with `z`).
    private var entries: [Entry] = []
    /// The words of the entries' summaries and notes, which their keys number.
    private var vocabulary = ComplaintSearch.Vocabulary()
    private var entryIndex: [ComplaintNumber: Int] = [:]
    /// Indices into `entries` in the current sort order, before any filter: sorted again only when
    /// the log moved on or the order changed, so filtering and searching never sort.
    private var ordered: [Int] = []
    /// What the search line narrowed, one step per query typed: step 0 is the filters without a
    /// search; each later step narrows the one before it as letters are added, and Backspace
    /// goes back to an earlier step without matching anything again.
    private var searchSteps: [SearchStep] = []
    /// Indices into `entries`: the rows shown, filtered and in order.
    private var shown: [Int] = []
    /// Position of the selected row in `shown`.
    private var selected = 0
    private var scrollTop = 0
    /// Table rows that fitted at the last render (the page for PgUp/PgDn).
    private var pageRows = 15
    private var builtFromSequence: UInt64?

    private struct SearchStep {
        var text: String
        var query: ComplaintSearch.Query?
        /// The rows it matched, in the queue's order (what a longer query narrows).
        var matched: [Int]
        /// The same rows, best match first (what is shown).
        var shown: [Int]
    }

    public init(dashboard: Dashboard) {
        rebuild(dashboard)
    }

    public var contexts: [KeyContext] { [.queue, .list] }
    public var legend: [(mark: String, meaning: LocalizedText)] { HelpScreen.timerMarks }
    public var title: LocalizedText { LocalizedText("Kolejka", "Queue") }
    public var capturesText: Bool { isSearching }

    // MARK: What is shown

    /// The rows shown, in order.
    public var rows: [QueueRow] { shown.map { entries[$0].row } }
    /// Complaints in scope before filters and search (the "of N" of the bar).
    public var totalCount: Int { entries.count }

    // MARK: Refresh

    public func refresh(dashboard: Dashboard) {
        if builtFromSequence != dashboard.desk.state.lastSequence { rebuild(dashboard) }
        evaluateVisible(dashboard)
    }

    /// Takes in what the log holds now. Complaints without new events keep their row; finished
    /// ones (with `z`) are read back from the log only the first time they are shown, since a
    /// finished complaint set aside does not change without being taken back in full.
    private func rebuild(_ dashboard: Dashboard) {
        let desk = dashboard.desk, now = dashboard.now, complaints = desk.state.complaints
        var fresh: [Entry] = []
        fresh.reserveCapacity(complaints.count)
        func entry(for complaint: Complaint) -> Entry {
            // Finished complaints get their timers when they come on screen (evaluateVisible).
            let row = QueueRow(deferringTimersOf: complaint, desk: desk, now: now)
            return Entry(row: row, evaluatedAt: row.hasTimers ? now : .distantPast, key: ComplaintSearch.Key(complaint, vocabulary: &vocabulary))
        }
        for complaint in complaints.inFull where filter.includeFinished || complaint.isOpen {
            if let index = entryIndex[complaint.number], entries[index].row.complaint.history.count == complaint.history.count {
                fresh.append(entries[index])
            } else {
                fresh.append(entry(for: complaint))
            }
        }
        if filter.includeFinished {
            var unread: [ComplaintNumber] = []
            for number in complaints.finishedNumbers {
                if let index = entryIndex[number],
                   entries[index].row.complaint.history.count == complaints.finishedRecordCount(number) {
                    fresh.append(entries[index])
                } else {
                    unread.append(number)
                }
            }
            do {
                for complaint in try desk.finishedComplaints(unread) { fresh.append(entry(for: complaint)) }
            } catch {
                // Shown without them, and said so: the rest of the queue is still right.
                dashboard.message = StatusMessage(Dashboard.explain(error, language: dashboard.language), role: .error)
            }
        }
        entries = fresh
        entryIndex = Dictionary(uniqueKeysWithValues: entries.indices.map { (entries[$0].row.complaint.number, $0) })
        builtFromSequence = desk.state.lastSequence
        reorder(dashboard)
    }

    /// Sorts every entry in the current order, then filters.
    private func reorder(_ dashboard: Dashboard) {
        let order = sort
        let keys = entries.map(\.row.orderKey)
        ordered = keys.indices.sorted { order.areInOrder(keys[$0], keys[$1]) }
        applyFilter(dashboard)
    }

    /// Applies the filters to the sorted entries, then the search.
    private func applyFilter(_ dashboard: Dashboard, selectFirstWhenGone: Bool = false) {
        let actorID = dashboard.actor.id, filter = filter
        let unsearched = entries.withUnsafeBufferPointer { all in
            ordered.filter { filter.matches(all[$0].row.complaint, actorID: actorID) }
        }
        searchSteps = [SearchStep(text: "", query: nil, matched: unsearched, shown: unsearched)]
        applySearch(selectFirstWhenGone: selectFirstWhenGone)
    }

    /// Narrows by what the search line holds, from the nearest step it extends; the selection stays
    /// on the same complaint when it is still shown.
    private func applySearch(selectFirstWhenGone: Bool) {
        let text = filter.search
        while searchSteps.count > 1, !text.hasPrefix(searchSteps[searchSteps.count - 1].text) { searchSteps.removeLast() }
        let last = searchSteps[searchSteps.count - 1]
        if last.text == text {
            shown = last.shown
        } else {
            let query = ComplaintSearch.Query(text, vocabulary: vocabulary)
            var matched = searchSteps[0].matched
            if let query {
                // A step without a query holds every filtered row, so any query may narrow it.
                let narrowable = last.query.map { query.narrows($0) } ?? true
                let broader = narrowable ? last : searchSteps[0]
                // Best rank first, the queue's order within a rank (`ComplaintSearch.ranked`).
                var byRank = Array(repeating: [Int](), count: ComplaintSearch.Rank.allCases.count)
                matched = entries.withUnsafeBufferPointer { all in
                    broader.matched.filter { index in
                        guard let rank = query.rank(all[index].key, number: all[index].row.complaint.number) else { return false }
                        byRank[rank.rawValue].append(index)
                        return true
                    }
                }
                shown = Array(byRank.joined())
            } else {
                shown = matched
            }
            searchSteps.append(SearchStep(text: text, query: query, matched: matched, shown: shown))
        }
        if let number = selectedNumber, let index = entryIndex[number], let position = shown.firstIndex(of: index) {
            selected = position
        } else {
            selected = selectFirstWhenGone ? 0 : min(selected, max(0, shown.count - 1))
        }
        selectedNumber = shown.isEmpty ? nil : entries[shown[selected]].row.complaint.number
    }

    /// Evaluates the clocks of the rows on screen (and the selected one) at the dashboard's now.
    private func evaluateVisible(_ dashboard: Dashboard) {
        // The rows shown may have shrunk (a search, another terminal's change) since scrollTop was
        // last fitted to them by render.
        let top = min(scrollTop, shown.count)
        let visible = top..<min(shown.count, top + pageRows)
        for position in Array(visible) + (shown.indices.contains(selected) ? [selected] : []) {
            let index = shown[position]
            guard entries[index].evaluatedAt != dashboard.now else { continue }
            entries[index].row = QueueRow(entries[index].row.complaint, desk: dashboard.desk, now: dashboard.now)
            entries[index].evaluatedAt = dashboard.now
        }
    }

    // MARK: Keys

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        switch command {
        case .up: move(to: selected - 1)
        case .down: move(to: selected + 1)
        case .pageUp: move(to: selected - pageRows)
        case .pageDown: move(to: selected + pageRows)
        case .top: move(to: 0)
        case .bottom: move(to: shown.count - 1)
        case .open:
            if isSearching {
                isSearching = false  // Enter keeps what was typed as a filter
                isQuerySelected = false
            } else if let number = selectedNumber {
                dashboard.push(DetailScreen(number: number, dashboard: dashboard))
            }
        case .back:
            guard isSearching || !filter.search.isEmpty else { return false }
            isSearching = false
            isQuerySelected = false
            filter.search = ""
            applySearch(selectFirstWhenGone: false)
        case .search:
            isSearching = true
            // Most often the next customer, not a longer query: typing starts afresh.
            isQuerySelected = !filter.search.isEmpty
        case .cycleSort:
            sort = sort.next
            reorder(dashboard)
        case .toggleMine:
            filter.mine.toggle()
            if filter.mine { filter.unassigned = false }
            applyFilter(dashboard)
        case .toggleUnassigned:
            filter.unassigned.toggle()
            if filter.unassigned { filter.mine = false }
            applyFilter(dashboard)
        case .clearFilters:
            let scopeChanges = filter.includeFinished
            filter = QueueFilter()
            isSearching = false
            isQuerySelected = false
            if scopeChanges { rebuild(dashboard) } else { applyFilter(dashboard) }
        case .toggleFinished:
            filter.includeFinished.toggle()
            rebuild(dashboard)
        case .filter:
            dashboard.push(filterForm())
        default:
            // Screen keys and the global "new complaint" are the dashboard's.
            return false
        }
        return true
    }

    /// Typing in the search line.
    public func edit(_ key: Key, dashboard: Dashboard) {
        let replacing = isQuerySelected
        switch key {
        case .character(let character):
            if replacing { filter.search = "" }
            filter.search.append(character)
        case .backspace:
            if replacing { filter.search = "" } else if !filter.search.isEmpty { filter.search.removeLast() }
        case .control("u"), .control("k"):
            filter.search = ""
        case .control("w"):
            let characters = Array(filter.search)
            filter.search = replacing ? "" : String(characters[..<Form.wordStart(before: characters.count, in: characters)])
        default: return
        }
        isQuerySelected = false
        applySearch(selectFirstWhenGone: true)
    }

    private func move(to position: Int) {
        guard !shown.isEmpty else { return }
        selected = min(max(0, position), shown.count - 1)
        selectedNumber = entries[shown[selected]].row.complaint.number
    }

    /// Selects a complaint if it is shown; returns whether it is.
    @discardableResult
    public func select(_ number: ComplaintNumber) -> Bool {
        guard let index = entryIndex[number], let position = shown.firstIndex(of: index) else { return false }
        move(to: position)
        return true
    }

    /// The filter form (state, category, channel, priority), drawn over the queue. Every field
    /// starts at what the filter holds; "any" leaves that field out.
    func filterForm() -> FormScreen {
        let any = FormChoice("any", LocalizedText("dowolny", "any"))
        let hint = LocalizedText("←/→ zmienia wybór, Tab następne pole, F2 zatwierdza", "←/→ change, Tab next field, F2 applies")
        func field(_ id: String, _ label: LocalizedText, _ choices: [FormChoice], _ value: String?) -> FormField {
            FormField(id: id, label: label, required: false, kind: .choice([any] + choices), value: value ?? any.value, hint: hint)
        }
        let form = Form(title: LocalizedText("Filtr kolejki", "Queue filter"), fields: [
            field("state", LocalizedText("Stan", "State"),
                  ComplaintState.allCases.map { FormChoice($0.rawValue, Labels.state($0)) }, filter.state?.rawValue),
            field("category", LocalizedText("Kategoria", "Category"),
                  ComplaintCategory.allCases.map { FormChoice($0.rawValue, Labels.category($0)) }, filter.category?.rawValue),
            field("channel", LocalizedText("Kanał", "Channel"),
                  Channel.allCases.map { FormChoice($0.rawValue, Labels.channel($0)) }, filter.channel?.rawValue),
            field("priority", LocalizedText("Priorytet", "Priority"),
                  Priority.allCases.map { FormChoice($0.rawValue, Labels.priority($0)) }, filter.priority?.rawValue),
        ])
        return FormScreen(form: form, overlay: true) { [weak self] form, dashboard in
            guard let self else { return true }
            filter.state = ComplaintState(rawValue: form["state"])
            filter.category = ComplaintCategory(rawValue: form["category"])
            filter.channel = Channel(rawValue: form["channel"])
            filter.priority = Priority(rawValue: form["priority"])
            applyFilter(dashboard)
            return true
        }
    }

    // MARK: Drawing

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        guard area.height >= 4 else { return }
        pageRows = max(1, area.height - 3)
        if selected < scrollTop { scrollTop = selected }
        if selected >= scrollTop + pageRows { scrollTop = selected - pageRows + 1 }
        scrollTop = max(0, min(scrollTop, shown.count - pageRows))
        evaluateVisible(dashboard)

        renderBar(into: &buffer, area: area, dashboard: dashboard)
        let columns = QueueLayout.columns(width: area.width, language: dashboard.language)
        let headerY = area.y + 1
        buffer.fill(Rect(x: area.x, y: headerY, width: area.width, height: 1), role: .header)
        for placement in columns {
            let header = placement.column.header(width: placement.width).text(dashboard.language)
            buffer.write(header, x: area.x + placement.x, y: headerY, role: .header, maxWidth: placement.width)
        }
        guard !shown.isEmpty else {
            renderEmpty(into: &buffer, area: Rect(x: area.x, y: area.y + 3, width: area.width, height: area.height - 3),
                        dashboard: dashboard)
            return
        }
        for (offset, position) in (scrollTop..<min(shown.count, scrollTop + pageRows)).enumerated() {
            let y = headerY + 1 + offset
            let row = entries[shown[position]].row
            let isSelected = position == selected
            if isSelected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            for placement in columns {
                let cell = QueueCells.cell(placement.column, width: placement.width, row: row, dashboard: dashboard)
                buffer.write(cell.text, x: area.x + placement.x, y: y, role: isSelected ? .selection : cell.role,
                             maxWidth: placement.width)
            }
        }
        renderTimersOfSelected(into: &buffer, x: area.x, y: area.maxY - 1, width: area.width, dashboard: dashboard)
    }

    /// `12 z 40 · sort: czas do terminu · filtry: moje, kategoria=naprawa`, or the search line.
    private func renderBar(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let pl = dashboard.language == .polish
        let y = area.y
        let count = pl ? "\(dashboard.style.number(shown.count)) z \(dashboard.style.number(entries.count))"
                       : "\(dashboard.style.number(shown.count)) of \(dashboard.style.number(entries.count))"
        // Rows beyond the screen are said, with arrows for the way they lie, so a long queue
        // never looks like all there is.
        var right = area.maxX
        if shown.count > pageRows {
            let last = min(shown.count, scrollTop + pageRows)
            let range = "\(dashboard.style.number(scrollTop + 1))–\(dashboard.style.number(last))"
            let position = (scrollTop > 0 ? "↑ " : "") + (pl ? "wiersze " : "rows ") + range + (last < shown.count ? " ↓" : "") + " "
            right = area.maxX - DisplayWidth.of(position)
            buffer.write(position, x: right, y: y, role: .muted)
        }
        if isSearching {
            var x = area.x + buffer.write(pl ? " Szukaj: " : " Search: ", x: area.x, y: y, role: .header)
            x += buffer.write(filter.search, x: x, y: y, role: .selection, maxWidth: max(1, area.width / 2))
            buffer.cursor = (x, y)
            // Said in words, so it shows in monochrome too.
            let replaces = isQuerySelected ? (pl ? "pisanie zastępuje · " : "typing replaces it · ") : ""
            let hint = pl ? "  \(replaces)Enter zostawia filtr · Esc czyści · \(count)" : "  \(replaces)Enter keeps the filter · Esc clears · \(count)"
            buffer.write(hint, x: x + 1, y: y, role: .muted, maxWidth: max(0, right - x - 2))
            return
        }
        let filters = filter.summary(dashboard.language)
        var x = area.x + buffer.write(" \(count) · sort: \(sort.label.text(dashboard.language)) · ", x: area.x, y: y, role: .muted)
        if filters.isEmpty {
            buffer.write(pl ? "bez filtrów" : "no filters", x: x, y: y, role: .muted, maxWidth: max(0, right - x - 1))
        } else {
            x += buffer.write(pl ? "filtry: " : "filters: ", x: x, y: y, role: .muted)
            buffer.write(filters.joined(separator: ", "), x: x, y: y, role: .warning, maxWidth: max(0, right - x - 1))
        }
    }

    private func renderEmpty(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let pl = dashboard.language == .polish
        let lines: [(String, StyleRole)]
        if entries.isEmpty {
            let key = KeyTable.reachable(in: contexts).first { $0.command == .newComplaint }?.keys.first?.label ?? "n"
            lines = pl ? [("Kolejka jest pusta: nie ma otwartych reklamacji.", .ok),
                          ("Nową reklamację przyjmiesz klawiszem \(key) (formularz przyjęcia).", .body),
                          ("Na przykładowych danych (osobny log): `asodesk --demo`.", .muted)]
                       : [("The queue is empty: there are no open complaints.", .ok),
                          ("Press \(key) to take in a new complaint (the intake form).", .body),
                          ("To try things out on sample data (a log of its own): `asodesk --demo`.", .muted)]
        } else {
            lines = pl ? [("Żadna z \(entries.count) reklamacji nie pasuje do filtrów.", .warning),
                          ("c czyści filtry, Esc czyści wyszukiwanie, z pokazuje też zakończone.", .body)]
                       : [("None of the \(entries.count) complaints matches the filters.", .warning),
                          ("c clears the filters, Esc clears the search, z shows finished ones too.", .body)]
        }
        for (offset, line) in lines.enumerated() {
            buffer.write(line.0, x: area.x + 2, y: area.y + offset, role: line.1, maxWidth: area.width - 2)
        }
    }

    /// Every running or paused timer of the selected complaint, so nobody sees only the next one.
    private func renderTimersOfSelected(into buffer: inout CellBuffer, x: Int, y: Int, width: Int, dashboard: Dashboard) {
        guard shown.indices.contains(selected) else { return }
        let row = entries[shown[selected]].row
        let language = dashboard.language
        var parts: [(String, StyleRole)] = []
        for timer in row.timers where [.running, .warning, .breached, .paused].contains(timer.state) {
            parts.append(("\(TimerReading.glyph(timer.state)) \(Labels.timer(timer.name).text(language)) \(TimerReading.leftText(timer) ?? "—")",
                          StyleRole(TimerReading.tone(timer.state))))
        }
        if parts.isEmpty {
            parts.append((language == .polish ? "żaden licznik nie biegnie" : "no timer is running", .muted))
        }
        if let legal = row.legal {
            let cell = QueueCells.legal(legal, full: true, dashboard: dashboard)
            parts.append(((language == .polish ? "ustawowy " : "legal ") + cell.text.trimmingCharacters(in: .whitespaces), cell.role))
        }
        let end = x + width
        var cursor = x + buffer.write(" \(row.complaint.number) ▸ ", x: x, y: y, role: .muted)
        for (index, part) in parts.enumerated() where cursor < end {
            if index > 0 { cursor += buffer.write(" · ", x: cursor, y: y, role: .muted, maxWidth: end - cursor) }
            cursor += buffer.write(part.0, x: cursor, y: y, role: part.1, maxWidth: end - cursor)
        }
    }
}
