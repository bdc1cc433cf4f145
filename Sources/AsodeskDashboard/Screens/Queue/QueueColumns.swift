import AsodeskApp
import AsodeskDomain
import AsodeskScreen
import Foundation

/// The columns the queue can show, in the order they stand left to right.
public enum QueueColumn: CaseIterable, Sendable {
    case number, age, customer, contact, plate, category, channel, priority, state, owner, nextDue, legal

    /// Which columns come first when the terminal is narrow: at 80 columns the first seven fit.
    static let importance: [QueueColumn] = [.number, .customer, .plate, .state, .owner, .nextDue, .legal,
                                            .category, .age, .priority, .channel, .contact]
    /// Which columns take spare width first, up to their preferred width (the customer takes the rest).
    static let growth: [QueueColumn] = [.customer, .nextDue, .legal, .state, .owner, .plate, .category, .channel,
                                        .contact, .age, .priority, .number]

    func minimumWidth(_ language: Language) -> Int {
        switch self {
        case .number: 11
        case .age: 6
        case .customer: 9
        case .contact: 15
        case .plate: 9
        case .category: 11
        case .channel: 10
        case .priority: 9
        case .state: 12
        case .owner: 10
        case .nextDue: 15
        // A glyph and `20.11` / `20 Nov`.
        case .legal: language == .polish ? 7 : 8
        }
    }

    var preferredWidth: Int {
        switch self {
        case .number: 11
        case .age: 6
        case .customer: 24
        case .contact: 18
        case .plate: 10
        case .category: 13
        case .channel: 13
        case .priority: 12
        case .state: 22
        case .owner: 15
        case .nextDue: 30
        case .legal: 14
        }
    }

    func header(width: Int) -> LocalizedText {
        switch self {
        case .number: LocalizedText("Numer", "Number")
        case .age: LocalizedText("Wiek", "Age")
        case .customer: LocalizedText("Klient", "Customer")
        case .contact: LocalizedText("Kontakt", "Contact")
        case .plate: LocalizedText("Nr rej.", "Plate")
        case .category: LocalizedText("Kategoria", "Category")
        case .channel: LocalizedText("Kanał", "Channel")
        case .priority: LocalizedText("Priorytet", "Priority")
        case .state: LocalizedText("Stan", "State")
        case .owner: LocalizedText("Opiekun", "Owner")
        case .nextDue: width >= QueueCells.namedTimerWidth
            ? LocalizedText("Najbliższy termin SLA", "Next timer due") : LocalizedText("Do terminu", "Time left")
        case .legal: width >= QueueCells.fullDateWidth
            ? LocalizedText("Termin ustaw.", "Legal deadline") : LocalizedText("Ustaw.", "Legal")
        }
    }
}

/// One column placed on the screen.
public struct QueueColumnPlacement: Sendable, Equatable {
    public let column: QueueColumn
    public let x: Int
    public let width: Int
}

public enum QueueLayout {
    /// Columns are separated by one blank column, as in htop.
    static let gap = 1

    /// The columns that fit in `width`, most important first, each widened toward its preferred
    /// width with what is left, the rest going to the customer's name.
    public static func columns(width: Int, language: Language) -> [QueueColumnPlacement] {
        var chosen: Set<QueueColumn> = []
        var used = -gap
        for column in QueueColumn.importance where used + gap + column.minimumWidth(language) <= width {
            chosen.insert(column)
            used += gap + column.minimumWidth(language)
        }
        var widths = Dictionary(uniqueKeysWithValues: chosen.map { ($0, $0.minimumWidth(language)) })
        var spare = width - used
        for column in QueueColumn.growth where chosen.contains(column) && spare > 0 {
            let extra = min(spare, max(0, column.preferredWidth - widths[column]!))
            widths[column]! += extra
            spare -= extra
        }
        if spare > 0, chosen.contains(.customer) { widths[.customer]! += spare }
        var x = 0
        return QueueColumn.allCases.filter(chosen.contains).map { column in
            defer { x += widths[column]! + gap }
            return QueueColumnPlacement(column: column, x: x, width: widths[column]!)
        }
    }
}

/// A cell's text and role. The role says what it means (a breached timer is `.breached`); the text
/// carries a glyph as well, because colour alone is not enough.
public struct QueueCell: Sendable, Equatable {
    public var text: String
    public var role: StyleRole
    public init(_ text: String, _ role: StyleRole = .body) { self.text = text; self.role = role }
}

/// What each cell of a queue row says.
public enum QueueCells {
    /// From this width the next-due cell also names the timer.
    static let namedTimerWidth = 22
    /// From this width the legal deadline shows the year.
    static let fullDateWidth = 12
    public static func cell(_ column: QueueColumn, width: Int, row: QueueRow, dashboard: Dashboard) -> QueueCell {
        let complaint = row.complaint
        let language = dashboard.language
        switch column {
        case .number:
            return QueueCell(complaint.number.description)
        case .age:
            return QueueCell(QueueTable.age(since: complaint.receivedAt, now: dashboard.now), .muted)
        case .customer:
            // A mystery-shopping test stays on the queue (it is handled as any); the mark says what it is.
            return QueueCell((complaint.isMysteryShoppingTest ? "TEST · " : "") + complaint.intake.customer)
        case .contact:
            if let phone = complaint.intake.phone { return QueueCell(ContactMask.phone(phone), .muted) }
            if let email = complaint.intake.email { return QueueCell(ContactMask.email(email), .muted) }
            return QueueCell("—", .muted)
        case .plate:
            return QueueCell(complaint.intake.plate ?? "—", complaint.intake.plate == nil ? .muted : .body)
        case .category:
            return QueueCell(Labels.category(complaint.intake.category).text(language))
        case .channel:
            return QueueCell(Labels.channel(complaint.intake.channel).text(language))
        case .priority:
            let text = Labels.priority(complaint.priority).text(language)
            switch complaint.priority {
            case .normal: return QueueCell(text, .muted)
            case .high: return QueueCell("▲ " + text, .warning)
            case .critical: return QueueCell("▲▲ " + text, .breached)
            }
        case .state:
            return state(complaint, wide: width >= 20, language: language)
        case .owner:
            return owner(complaint.owner, wide: width >= 13, dashboard: dashboard)
        case .nextDue:
            return nextDue(row, named: width >= namedTimerWidth, dashboard: dashboard)
        case .legal:
            return legal(row.legal, full: width >= fullDateWidth, dashboard: dashboard)
        }
    }

    /// A waiting complaint says for what: `‖ części` when narrow, `oczekuje na części` when wide.
    static func state(_ complaint: Complaint, wide: Bool, language: Language) -> QueueCell {
        guard complaint.state == .waiting, let reason = complaint.waitingFor else {
            return QueueCell(Labels.state(complaint.state).text(language), complaint.isOpen ? .body : .muted)
        }
        if wide {
            let text = language == .polish ? "oczekuje " + Labels.waitReason(reason).text(language)
                                           : "waiting: " + Labels.waitReason(reason).text(language)
            return QueueCell(text, .paused)
        }
        let short: LocalizedText = switch reason {
        case .customer: LocalizedText("klient", "customer")
        case .parts: LocalizedText("części", "parts")
        case .manufacturer: LocalizedText("producent", "maker")
        }
        return QueueCell(TimerReading.glyph(.paused) + " " + short.text(language), .paused)
    }

    /// The owner from the site's operators, `P. Wiśniewski` (the surname alone when narrow), or a
    /// clear mark when nobody owns the complaint.
    static func owner(_ id: String?, wide: Bool, dashboard: Dashboard) -> QueueCell {
        guard let id else {
            let mark = wide ? LocalizedText("— brak opiekuna", "— unassigned") : LocalizedText("— brak", "— none")
            return QueueCell(mark.text(dashboard.language), .warning)
        }
        let name = dashboard.desk.personName(id)
        let words = name.split(separator: " ")
        var shown = name
        if words.count > 1, let first = words.first?.first, let last = words.last {
            shown = wide ? "\(first). \(last)" : String(last)
        }
        return QueueCell(shown, id == dashboard.actor.id ? .header : .body)
    }

    /// Timer names short enough for the queue's column (the detail and the summary line use the full ones).
    static func shortName(_ timer: TimerName) -> LocalizedText {
        switch timer {
        case .acknowledgement: LocalizedText("potwierdzenie", "acknowledgement")
        case .firstContact: LocalizedText("1. kontakt", "first contact")
        case .update: LocalizedText("informacja", "update")
        case .decision: LocalizedText("decyzja", "decision")
        case .followUp: LocalizedText("po zamknięciu", "follow-up")
        }
    }

    /// The timer due first as a live countdown of business time, with its glyph.
    static func nextDue(_ row: QueueRow, named: Bool, dashboard: Dashboard) -> QueueCell {
        guard let timer = row.shownTimer else {
            let text = row.complaint.isOpen ? "—" : Labels.state(row.complaint.state).text(dashboard.language)
            return QueueCell(text, .muted)
        }
        // Right-aligned, so the digits of the column line up.
        let left = TimerReading.leftText(timer) ?? "—"
        var text = TimerReading.glyph(timer.state) + " " + String(repeating: " ", count: max(0, 13 - left.count)) + left
        if named { text += " " + shortName(timer.name).text(dashboard.language) }
        return QueueCell(text, StyleRole(TimerReading.tone(timer.state)))
    }

    /// The statutory deadline's date, marked `!` when near and `✗` when overdue or missed.
    /// The deadline while it runs or is overdue unanswered; once answered, the word (`odp.`, `answ.`).
    static func legal(_ legal: LegalClockStatus?, full: Bool, dashboard: Dashboard) -> QueueCell {
        guard let legal else { return QueueCell("—", .muted) }
        let warnings = dashboard.desk.config.warnings
        let tone = LegalReading.tone(legal, warnings: warnings)
        let glyph = LegalReading.glyph(legal, warnings: warnings)
        let pl = dashboard.language == .polish
        switch LegalReading.standing(legal) {
        case .answered:
            return QueueCell(glyph + " " + (full ? (pl ? "odpowiedź" : "answered") : (pl ? "odp." : "answ.")), .muted)
        case .answeredLate:
            return QueueCell(glyph + " " + (full ? (pl ? "odp. późno" : "answ. late") : (pl ? "późno" : "late")), StyleRole(tone))
        case .due, .awaitingDelivery, .overdueUnanswered, .overdueUndelivered:
            let date = full ? dashboard.style.date(legal.deadline) : dashboard.style.shortDate(legal.deadline)
            return QueueCell(glyph + " " + date, tone == .ok ? .body : StyleRole(tone))
        }
    }
}
