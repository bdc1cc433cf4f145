import AsodeskApp
import AsodeskDomain
import AsodeskScreen
import Foundation

/// The complaints behind one row of the monthly review (a group or a cause of the Pareto), in
/// number order; Enter opens one. Finished complaints are read back from the log once, when the
/// list opens.
public final class ReviewListScreen: Screen {
    public let heading: LocalizedText
    public let numbers: [ComplaintNumber]
    private var complaints: [ComplaintNumber: Complaint] = [:]
    /// Why some could not be read back, said instead of showing them as missing.
    private var problem: LocalizedText?
    public private(set) var selection = 0
    private var scroll = 0
    private var visibleRows = 10
    private var loaded = false

    public init(title: LocalizedText, complaints numbers: [ComplaintNumber]) {
        heading = title
        self.numbers = numbers
    }

    public var contexts: [KeyContext] { [.reviewList, .list] }
    public var title: LocalizedText {
        LocalizedText(pl: "Przegląd: " + heading.pl, en: "Review: " + heading.en)
    }

    private func load(_ dashboard: Dashboard) {
        guard !loaded else { return }
        loaded = true
        let desk = dashboard.desk
        var finished: [ComplaintNumber] = []
        for number in numbers {
            if let complaint = desk.state.complaints.heldInFull(number) { complaints[number] = complaint } else { finished.append(number) }
        }
        do {
            for complaint in try desk.finishedComplaints(finished) { complaints[complaint.number] = complaint }
        } catch {
            problem = LocalizedText("Części zakończonych reklamacji nie udało się odczytać z logu; `asodesk verify` powie dlaczego.",
                                    "Some finished complaints could not be read back from the log; `asodesk verify` says why.")
        }
    }

    public func offers(_ binding: KeyBinding, dashboard: Dashboard) -> Bool {
        if binding.command == .open { return numbers.indices.contains(selection) && complaints[numbers[selection]] != nil }
        return true
    }

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        load(dashboard)
        if let moved = ListMotion.moved(command, from: selection, count: numbers.count, page: visibleRows) {
            selection = moved
            return true
        }
        switch command {
        case .open:
            guard numbers.indices.contains(selection) else { return true }
            dashboard.push(DetailScreen(number: numbers[selection], dashboard: dashboard))
        default: return false
        }
        return true
    }

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        load(dashboard)
        guard area.height > 3 else { return }
        let language = dashboard.language
        let pl = language == .polish
        let style = dashboard.style
        var y = area.y
        buffer.write(" " + heading.text(language) + " · " + (pl ? Wording.pl(numbers.count, one: "reklamacja", few: "reklamacje", many: "reklamacji")
                                                                  : Wording.en(numbers.count, "complaint", "complaints")),
                     x: area.x, y: y, role: .header, maxWidth: area.width)
        y += 1
        if let problem {
            buffer.write(" " + problem.text(language), x: area.x, y: y, role: .warning, maxWidth: area.width)
            y += 1
        }
        let wide = area.width >= 120
        let columns: [(title: String, x: Int, width: Int)] = wide
            ? [(pl ? "Numer" : "Number", 2, 13), (pl ? "Przyjęta" : "Received", 15, 12), (pl ? "Klient" : "Customer", 27, 28),
               (pl ? "Kategoria" : "Category", 55, 22), (pl ? "Stan" : "State", 77, 18), (pl ? "Decyzja" : "Decision", 95, 20),
               (pl ? "Opiekun" : "Owner", 115, max(8, area.width - 115))]
            : [(pl ? "Numer" : "Number", 2, 13), (pl ? "Przyjęta" : "Received", 15, 7), (pl ? "Klient" : "Customer", 22, 20),
               (pl ? "Kategoria" : "Category", 42, 16), (pl ? "Stan" : "State", 58, max(6, area.width - 58))]
        for column in columns { buffer.write(column.title, x: area.x + column.x, y: y, role: .muted, maxWidth: column.width - 1) }
        y += 1
        visibleRows = max(1, area.y + area.height - y)
        if selection < scroll { scroll = selection }
        if selection >= scroll + visibleRows { scroll = selection - visibleRows + 1 }
        for (index, number) in numbers.enumerated().dropFirst(scroll).prefix(visibleRows) {
            let selected = index == selection
            let base: StyleRole = selected ? .selection : .body
            if selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            buffer.write(selected ? "▸" : " ", x: area.x, y: y, role: base)
            var cells = [number.description]
            if let complaint = complaints[number] {
                cells += [style.shortDate(style.localDate(complaint.receivedAt)), complaint.intake.customer,
                          Labels.category(complaint.intake.category).text(language), Labels.state(complaint.state).text(language)]
                if wide {
                    cells.append(complaint.decision.map { Labels.outcome($0.outcome).text(language) } ?? "—")
                    cells.append(complaint.owner.map { dashboard.desk.personLabel($0) } ?? "—")
                }
            } else {
                cells.append(pl ? "(nie odczytano)" : "(not read)")
            }
            for (column, text) in zip(columns, cells) {
                buffer.write(text, x: area.x + column.x, y: y, role: base, maxWidth: column.width - 1)
            }
            y += 1
        }
    }
}
