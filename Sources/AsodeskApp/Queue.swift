import AsodeskDomain
import Foundation

/// One complaint on the queue with its clocks evaluated once.
public struct QueueRow: Sendable {
    public let complaint: Complaint
    public let timers: [TimerStatus]
    public let nextDue: TimerStatus?
    public let legal: LegalClockStatus?
    /// False for a finished complaint's row made without its timers (see `init(deferringTimersOf:)`).
    public let hasTimers: Bool

    /// Evaluates the complaint's clocks once, for every view of the row.
    public init(_ complaint: Complaint, desk: Desk, now: Date) {
        self.init(complaint, timers: desk.timers(of: complaint, now: now), desk: desk, now: now)
    }

    /// A finished complaint's row without its timers: only rows on screen show them, and working
    /// out every timer of 100,000 finished complaints would cost seconds when finished ones are
    /// shown too. Its place in every order is the same as with them (see `QueueOrderKey`).
    public init(deferringTimersOf complaint: Complaint, desk: Desk, now: Date) {
        guard !complaint.isOpen else {
            self.init(complaint, desk: desk, now: now)
            return
        }
        self.init(complaint, timers: nil, desk: desk, now: now)
    }

    private init(_ complaint: Complaint, timers: [TimerStatus]?, desk: Desk, now: Date) {
        self.complaint = complaint
        self.timers = timers ?? []
        hasTimers = timers != nil
        nextDue = SLAEngine.nextDue(self.timers)
        legal = desk.legalStatuses(of: complaint, now: now).last
        // A finished complaint has no time left: it goes by its legal deadline and number, however
        // its timers ended, so its place does not depend on whether they were worked out.
        let isOpen = complaint.isOpen
        orderKey = QueueOrderKey(
            dueAt: isOpen ? nextDue?.dueAt : nil,
            leastRemaining: isOpen ? self.timers.compactMap(\.remainingBusinessMinutes).min() : nil,
            legalDeadline: legal?.deadline, receivedAt: complaint.receivedAt, priority: complaint.priority,
            number: complaint.number)
    }

    /// The timer a one-line view of the row shows: the one due first; with every timer paused,
    /// the paused one with the least time left.
    public var shownTimer: TimerStatus? {
        nextDue ?? timers.filter { $0.state == .paused && $0.remainingBusinessMinutes != nil }
            .min { ($0.remainingBusinessMinutes ?? 0) < ($1.remainingBusinessMinutes ?? 0) }
    }

    /// What every order of the queue compares, taken out once: a sort asks about twenty times per
    /// row, and comparing these few fields costs nothing next to copying whole rows.
    public let orderKey: QueueOrderKey
}

public struct QueueOrderKey: Sendable, Hashable {
    /// When the next running timer falls due.
    public let dueAt: Date?
    /// Paused timers with the least time left, for ordering complaints that have no running timer.
    public let leastRemaining: Int?
    public let legalDeadline: LocalDate?
    public let receivedAt: Date
    public let priority: Priority
    public let number: ComplaintNumber
}

/// Which complaints to show and in what order: the one whose next timer falls due first on top,
/// then paused ones by least time left, then by legal deadline and number. With a search, the
/// best matches come first (`ComplaintSearch.Rank`), each rank in that order.
public struct QueueQuery: Sendable {
    public var includeFinished = false
    public var state: ComplaintState?
    public var owner: String?
    /// What the customer said: a number, phone, e-mail, plate, name or words (`ComplaintSearch`).
    public var search: String?

    public init(includeFinished: Bool = false, state: ComplaintState? = nil, owner: String? = nil, search: String? = nil) {
        self.includeFinished = includeFinished; self.state = state; self.owner = owner; self.search = search
    }

    /// `timersOfFinished: false` leaves finished complaints' timers out (see
    /// `QueueRow(deferringTimersOf:)`), for a table that shows none of them: the order is the same.
    /// Throws when a finished complaint asked for cannot be read back from the log.
    public func rows(desk: Desk, now: Date, timersOfFinished: Bool = true) throws -> [QueueRow] {
        var wanted = try desk.allComplaints(includingFinished: includeFinished).filter { complaint in
            (includeFinished || complaint.isOpen) && (state == nil || complaint.state == state) && (owner == nil || complaint.owner == owner)
        }
        var ranks: [ComplaintNumber: ComplaintSearch.Rank] = [:]
        var vocabulary = ComplaintSearch.Vocabulary()
        let keys = search == nil ? [] : wanted.map { ComplaintSearch.Key($0, vocabulary: &vocabulary) }
        let query = search.flatMap { ComplaintSearch.Query($0, vocabulary: vocabulary) }
        if let query {
            for (complaint, key) in zip(wanted, keys) { ranks[complaint.number] = query.rank(key, number: complaint.number) }
            wanted = wanted.filter { ranks[$0.number] != nil }
        }
        let rows = wanted
            .map { timersOfFinished ? QueueRow($0, desk: desk, now: now) : QueueRow(deferringTimersOf: $0, desk: desk, now: now) }
            .sorted { QueueQuery.dueFirst($0.orderKey, $1.orderKey) }
        return query == nil ? rows : ComplaintSearch.ranked(rows) { ranks[$0.complaint.number] }
    }

    public static func dueFirst(_ a: QueueOrderKey, _ b: QueueOrderKey) -> Bool {
        switch (a.dueAt, b.dueAt) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: break
        }
        if let x = a.leastRemaining, let y = b.leastRemaining, x != y { return x < y }
        if let x = a.legalDeadline, let y = b.legalDeadline, x != y { return x < y }
        return a.number < b.number
    }
}

/// How a timer reads in one short cell: `✓ ack 1 h 20 min`, `! decision 45 min`, `✗ update -2 h 00 min`.
public enum TimerText {
    public static func short(_ timer: TimerStatus) -> String {
        let left = TimerReading.leftText(timer) ?? TimerReading.word(timer.state).en
        return "\(TimerReading.glyph(timer.state)) \(shortName(timer.name)) \(left)" + (timer.state == .paused ? " left" : "")
    }

    public static func shortName(_ name: TimerName) -> String {
        switch name {
        case .acknowledgement: "ack"
        case .firstContact: "contact"
        case .update: "update"
        case .decision: "decision"
        case .followUp: "follow-up"
        }
    }
}

/// The queue as a plain-text table for the CLI.
public enum QueueTable {
    /// In Polish the headers and the vocabulary in words; in English the codes scripts read.
    public static func render(_ rows: [QueueRow], desk: Desk, now: Date, language: Language = .english) -> String {
        let pl = language == .polish
        let header = pl ? ["NUMER", "WIEK", "KLIENT", "NR REJ.", "KATEGORIA", "STAN", "PROWADZI", "NAJBLIŻSZY TERMIN", "USTAWOWY"]
                        : ["NUMBER", "AGE", "CUSTOMER", "PLATE", "CATEGORY", "STATE", "OWNER", "NEXT DUE", "LEGAL"]
        let body: [[String]] = rows.map { row in
            let c = row.complaint
            let next: String = row.shownTimer.map(TimerText.short) ?? "—"
            let state = pl
                ? (c.state == .waiting ? "czeka: \(c.waitingFor.map { Labels.waitReason($0).pl } ?? "?")" : Labels.state(c.state).pl)
                : (c.state == .waiting ? "waiting:\(c.waitingFor?.rawValue ?? "?")" : c.state.rawValue)
            return [c.number.description, age(since: c.receivedAt, now: now),
                    SafeText.singleLine(c.intake.customer, maxCharacters: 22),
                    SafeText.singleLine(c.intake.plate ?? "", maxCharacters: 10),
                    pl ? Labels.category(c.intake.category).pl : c.intake.category.rawValue, state, SafeText.singleLine(c.owner ?? "—", maxCharacters: 12), next,
                    row.legal.map { legalCell($0, warnings: desk.config.warnings) } ?? "—"]
        }
        return table([header] + body)
    }

    /// `! 2026-03-16 due`, `✓ 2026-03-16 answered`, `✗ 2026-03-16 overdue-unanswered`.
    public static func legalCell(_ legal: LegalClockStatus, warnings: WarningThresholds) -> String {
        "\(LegalReading.glyph(legal, warnings: warnings)) \(legal.deadline) \(LegalReading.code(legal))"
    }

    /// Age in calendar time: `45 min`, `5 h`, `3 d`.
    public static func age(since: Date, now: Date) -> String {
        let minutes = max(0, Int(now.timeIntervalSince(since) / 60))
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 48 * 60 { return "\(minutes / 60) h" }
        return "\(minutes / (24 * 60)) d"
    }

    /// Left-aligned columns separated by two spaces; widths in characters (grapheme clusters).
    public static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.first?.count else { return "" }
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == columns - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
