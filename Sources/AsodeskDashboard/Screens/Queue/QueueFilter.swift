import AsodeskApp
import AsodeskDomain

/// The orders the queue can be read in; `s` cycles through them.
public enum QueueSort: CaseIterable, Sendable {
    /// Least time left across all timers first (the desk's default).
    case timeLeft
    /// Oldest complaint first.
    case age
    /// Earliest statutory deadline first; complaints without one last.
    case legalDeadline
    /// Critical, then high, then normal; least time left within each.
    case priority
    case number

    public var label: LocalizedText {
        switch self {
        case .timeLeft: LocalizedText("czas do terminu", "time left")
        case .age: LocalizedText("wiek", "age")
        case .legalDeadline: LocalizedText("termin ustawowy", "legal deadline")
        case .priority: LocalizedText("priorytet", "priority")
        case .number: LocalizedText("numer", "number")
        }
    }

    public var next: QueueSort {
        let all = QueueSort.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Whether `a` goes above `b`. Every order falls back to time left and then the number, so it
    /// is total and the table does not shuffle between refreshes.
    public func areInOrder(_ a: QueueRow, _ b: QueueRow) -> Bool {
        switch self {
        case .timeLeft:
            break
        case .age:
            if a.complaint.receivedAt != b.complaint.receivedAt { return a.complaint.receivedAt < b.complaint.receivedAt }
        case .legalDeadline:
            switch (a.legal?.deadline, b.legal?.deadline) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
        case .priority:
            if a.complaint.priority != b.complaint.priority { return a.complaint.priority > b.complaint.priority }
        case .number:
            return a.complaint.number < b.complaint.number
        }
        return QueueQuery.dueFirst(a, b)
    }
}

/// Which complaints the queue shows: the toggles, the filter form's choices and the search text.
public struct QueueFilter: Sendable, Equatable {
    /// Only complaints owned by the person at this terminal.
    public var mine = false
    /// Only complaints nobody owns.
    public var unassigned = false
    public var state: ComplaintState?
    public var category: ComplaintCategory?
    public var channel: Channel?
    public var priority: Priority?
    /// Also complaints whose follow-up call is done.
    public var includeFinished = false
    /// What was typed after `/` (matched by `QueueSearch`).
    public var search = ""

    public init() {}

    /// Whether anything narrows the queue (the search included).
    public var isActive: Bool { self != QueueFilter() }

    public func matches(_ complaint: Complaint, key: QueueSearch.Key, actorID: String, query: QueueSearch.Query?) -> Bool {
        if !includeFinished && !complaint.isOpen { return false }
        if mine && complaint.owner != actorID { return false }
        if unassigned && complaint.owner != nil { return false }
        if let state, complaint.state != state { return false }
        if let category, complaint.intake.category != category { return false }
        if let channel, complaint.intake.channel != channel { return false }
        if let priority, complaint.priority != priority { return false }
        if let query, !query.matches(key, number: complaint.number) { return false }
        return true
    }

    /// The active filters in words for the queue's bar: `moje`, `kategoria=naprawa`, `szukaj „wisn”`.
    public func summary(_ language: Language) -> [String] {
        let pl = language == .polish
        var parts: [String] = []
        if mine { parts.append(pl ? "moje" : "mine") }
        if unassigned { parts.append(pl ? "nieprzydzielone" : "unassigned") }
        if let state { parts.append((pl ? "stan=" : "state=") + Labels.state(state).text(language)) }
        if let category { parts.append((pl ? "kategoria=" : "category=") + Labels.category(category).text(language)) }
        if let channel { parts.append((pl ? "kanał=" : "channel=") + Labels.channel(channel).text(language)) }
        if let priority { parts.append((pl ? "priorytet=" : "priority=") + Labels.priority(priority).text(language)) }
        if includeFinished { parts.append(pl ? "z zakończonymi" : "with finished") }
        if !search.isEmpty { parts.append(pl ? "szukaj „\(search)”" : "search “\(search)”") }
        return parts
    }
}

/// The incremental search of the queue: number, plate, VIN, customer and repair order, ignoring
/// case and Polish diacritics ("wisniewski" finds "Wiśniewski"), and for the codes also spaces
/// and dashes ("wx12345" finds "WX 12345").
public enum QueueSearch {
    /// What one complaint is searched by, folded once when the row is built.
    public struct Key: Sendable {
        /// The customer's name, folded.
        public let name: String
        /// Number, plate, VIN and repair order, compacted, separated by a character a query cannot hold.
        public let codes: String
    }

    /// A typed query, folded once per keystroke rather than once per row.
    public struct Query: Sendable {
        public let folded: String
        public let compacted: String
        public let number: ComplaintNumber?

        public init?(_ text: String) {
            folded = QueueSearch.fold(text).trimmingCharacters(in: .whitespaces)
            guard !folded.isEmpty else { return nil }
            compacted = QueueSearch.compact(text)
            number = ComplaintNumber(text: text)
        }

        public func matches(_ key: Key, number: ComplaintNumber) -> Bool {
            if let wanted = self.number, wanted == number { return true }
            if key.name.contains(folded) { return true }
            return !compacted.isEmpty && key.codes.contains(compacted)
        }
    }

    private static let separator: Character = "|"

    public static func key(for complaint: Complaint) -> Key {
        let intake = complaint.intake
        let codes = [complaint.number.description, intake.plate, intake.vin, intake.order]
            .compactMap { $0 }.map(compact).joined(separator: String(separator))
        return Key(name: fold(intake.customer), codes: codes)
    }

    /// Lower case without diacritics. Ł has no decomposition in Unicode, so it is mapped by hand.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark: continue
            default: break
            }
            out.append(scalar == "ł" ? "l" : scalar)
        }
        return String(out)
    }

    /// Folded, without the spaces, dashes, slashes and dots people type inside codes (and without
    /// the separator between a row's codes, so a query never spans two of them).
    public static func compact(_ text: String) -> String {
        fold(text).filter { !$0.isWhitespace && !"-/.–_".contains($0) && $0 != separator }
    }
}
