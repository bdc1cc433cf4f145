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
///
/// Keys and queries are folded to UTF-8 bytes once, so matching a row is one `memmem` per field:
/// every letter typed is matched against up to 10,000 rows within one frame.
public enum QueueSearch {
    /// What one complaint is searched by, folded once when the row is built.
    public struct Key: Sendable {
        /// The customer's name, folded.
        public let name: [UInt8]
        /// Number, plate, VIN and repair order, compacted, separated by a byte a query cannot hold.
        public let codes: [UInt8]
    }

    /// A typed query, folded once per keystroke rather than once per row.
    public struct Query: Sendable {
        public let folded: [UInt8]
        public let compacted: [UInt8]
        public let number: ComplaintNumber?

        public init?(_ text: String) {
            folded = Array(QueueSearch.fold(text).trimmingCharacters(in: .whitespaces).utf8)
            guard !folded.isEmpty else { return nil }
            compacted = QueueSearch.compact(text)
            number = ComplaintNumber(text: text)
        }

        public func matches(_ key: Key, number: ComplaintNumber) -> Bool {
            if let wanted = self.number, wanted == number { return true }
            if QueueSearch.contains(key.name, folded) { return true }
            return !compacted.isEmpty && QueueSearch.contains(key.codes, compacted)
        }

        /// Whether every row this query matches is also matched by `broader` (the query typed one
        /// or more characters earlier), so the search may narrow `broader`'s result instead of
        /// looking at every row again.
        func narrows(_ broader: Query) -> Bool {
            // A number match and a first code character can each add rows the broader query left out.
            number == nil && folded.starts(with: broader.folded) && compacted.starts(with: broader.compacted)
                && (compacted.isEmpty || !broader.compacted.isEmpty)
        }
    }

    private static let separator = UInt8(ascii: "|")

    public static func key(for complaint: Complaint) -> Key {
        let intake = complaint.intake
        var codes: [UInt8] = []
        for code in [complaint.number.description, intake.plate, intake.vin, intake.order].compactMap({ $0 }) {
            if !codes.isEmpty { codes.append(separator) }
            codes += compact(code)
        }
        return Key(name: Array(fold(intake.customer).utf8), codes: codes)
    }

    /// Lower case without diacritics. Ł has no decomposition in Unicode, so it is mapped by hand.
    public static func fold(_ text: String) -> String {
        String(decoding: folded(text, dropping: { _ in false }), as: UTF8.self)
    }

    /// Folded, without the spaces, dashes, slashes and dots people type inside codes (and without
    /// the separator between a row's codes, so a query never spans two of them).
    public static func compact(_ text: String) -> [UInt8] {
        folded(text) { scalar in
            switch scalar.value {
            case 0x09...0x0D, 0x20, 0x2D, 0x2E, 0x2F, 0x5F, 0x7C, 0x2013: return true  // whitespace - . / _ | –
            case 0..<0x80: return false
            default: return scalar.properties.isWhitespace
            }
        }
    }

    /// The folded UTF-8 bytes of `text`, leaving out the scalars `dropping` names.
    private static func folded(_ text: String, dropping: (Unicode.Scalar) -> Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where !dropping(scalar) {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            } else {
                out += foldedLetters[scalar.value] ?? foldSlowly(scalar)
            }
        }
        return out
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (UTF-8 never matches inside a character).
    /// Names and codes are a few dozen bytes: a plain scan beats setting up anything cleverer.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { want in
                let first = want[0]
                var start = 0
                while start <= hay.count - want.count {
                    if hay[start] == first {
                        var matched = 1
                        while matched < want.count, hay[start + matched] == want[matched] { matched += 1 }
                        if matched == want.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    /// The folding of every letter of the Latin, Greek and Cyrillic blocks, worked out once.
    private static let foldedLetters: [UInt32: [UInt8]] = {
        var table: [UInt32: [UInt8]] = [:]
        for value in UInt32(0x80)...0x52F {
            if let scalar = Unicode.Scalar(value) { table[value] = foldSlowly(scalar) }
        }
        return table
    }()

    private static func foldSlowly(_ scalar: Unicode.Scalar) -> [UInt8] {
        var out = String.UnicodeScalarView()
        for part in String(scalar).lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch part.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark: continue
            default: out.append(part == "ł" ? "l" : part)
            }
        }
        return Array(String(out).utf8)
    }
}
