import AsodeskApp
import AsodeskDomain
import Foundation

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
    public func areInOrder(_ a: QueueOrderKey, _ b: QueueOrderKey) -> Bool {
        switch self {
        case .timeLeft:
            break
        case .age:
            if a.receivedAt != b.receivedAt { return a.receivedAt < b.receivedAt }
        case .legalDeadline:
            switch (a.legalDeadline, b.legalDeadline) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
        case .priority:
            if a.priority != b.priority { return a.priority > b.priority }
        case .number:
            return a.number < b.number
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
    /// What was typed after `/` (matched by `ComplaintSearch`).
    public var search = ""

    public init() {}

    /// Whether anything narrows the queue (the search included).
    public var isActive: Bool { self != QueueFilter() }

    /// Whether the toggles and the filter form let `complaint` through (the search is applied after).
    public func matches(_ complaint: Complaint, actorID: String) -> Bool {
        if !includeFinished && !complaint.isOpen { return false }
        if mine && complaint.owner != actorID { return false }
        if unassigned && complaint.owner != nil { return false }
        if let state, complaint.state != state { return false }
        if let category, complaint.intake.category != category { return false }
        if let channel, complaint.intake.channel != channel { return false }
        if let priority, complaint.priority != priority { return false }
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
