import AsodeskDomain
import Foundation

/// Finding a complaint by what the customer says on the phone: its number, the plate, VIN or
/// repair order, the customer's name, phone or e-mail, or words of the summary and of the notes.
/// Case and Polish diacritics are ignored everywhere ("wisniewski" finds "Wiśniewski"), spaces,
/// dashes, slashes and dots inside codes ("wx12345" finds "WX 12345"), and a phone is compared by
/// its digits without +48 or 0048 ("601 234 567", "+48 601", "48601234567").
///
/// The queue's `/` and `asodesk list --search` are this one search. A complaint's `Key` is folded
/// once when the complaint changes and a `Query` once per keystroke, so matching a row is a few
/// byte scans: every letter typed is matched against the whole queue within one frame.
public enum ComplaintSearch {
    /// How well a complaint matches, best first: the one order of search results (rows of one
    /// rank keep the queue's order).
    public enum Rank: Int, Comparable, CaseIterable, Sendable {
        /// The query is this complaint's number (`R/2026/0042`, `2026/42`).
        case number
        /// The query is a whole field: the phone, e-mail, plate, VIN, repair order or name.
        case exactField
        /// The query is part of one of those fields (a repair order that contains the number).
        case partialField
        /// Every word of the query is in the summary, the notes or the name.
        case words

        public static func < (a: Rank, b: Rank) -> Bool { a.rawValue < b.rawValue }
    }

    /// What one complaint is searched by, folded once per change of the complaint. One buffer:
    /// name · e-mail · phone digits · codes · words, so 100,000 keys are 100,000 allocations.
    public struct Key: Sendable {
        fileprivate let bytes: [UInt8]
        /// Where the name, e-mail, phone and codes end in `bytes`; the words run to its end.
        fileprivate let ends: (name: Int32, email: Int32, phone: Int32, codes: Int32)

        public init(_ complaint: Complaint) {
            let intake = complaint.intake
            var bytes = ComplaintSearch.folded(intake.customer)
            let name = Int32(bytes.count)
            bytes += ComplaintSearch.folded(intake.email ?? "")
            let email = Int32(bytes.count)
            bytes += ComplaintSearch.phoneDigits(intake.phone ?? "") ?? []
            let phone = Int32(bytes.count)
            // `|code|code|`: an exact code is the query between two separators.
            bytes.append(separator)
            for code in [complaint.number.description, intake.plate, intake.vin, intake.order].compactMap({ $0 }) {
                bytes += compact(code)
                bytes.append(separator)
            }
            let codes = Int32(bytes.count)
            // Each distinct word once: a long note that repeats itself costs its vocabulary, and
            // the notes' text itself stays only in the history.
            var seen = Set<[UInt8]>()
            bytes.append(separator)
            let notes = complaint.history.compactMap { event -> String? in
                if case .note(let text) = event.action { return text }
                return nil
            }
            for text in [intake.summary] + notes {
                for word in ComplaintSearch.words(text) where seen.insert(word).inserted {
                    bytes += word
                    bytes.append(separator)
                }
            }
            self.bytes = bytes
            ends = (name, email, phone, codes)
        }

        /// Bytes held (what the key costs beside the complaint).
        var size: Int { bytes.count }

        fileprivate func field(_ range: (Int32, Int32)) -> ArraySlice<UInt8> { bytes[Int(range.0)..<Int(range.1)] }
        fileprivate var name: ArraySlice<UInt8> { field((0, ends.name)) }
        fileprivate var email: ArraySlice<UInt8> { field((ends.name, ends.email)) }
        fileprivate var phone: ArraySlice<UInt8> { field((ends.email, ends.phone)) }
        fileprivate var codes: ArraySlice<UInt8> { field((ends.phone, ends.codes)) }
        fileprivate var words: ArraySlice<UInt8> { field((ends.codes, Int32(bytes.count))) }
    }

    /// A typed query, folded once per keystroke rather than once per row.
    public struct Query: Sendable {
        let folded: [UInt8]
        let compacted: [UInt8]
        /// `|compacted|`: a whole code.
        let wholeCode: [UInt8]
        /// The national digits when the query reads as a phone number (digits and separators only).
        let phone: [UInt8]
        let words: [[UInt8]]
        let number: ComplaintNumber?

        public init?(_ text: String) {
            folded = Array(ComplaintSearch.fold(text).trimmingCharacters(in: .whitespaces).utf8)
            guard !folded.isEmpty else { return nil }
            compacted = ComplaintSearch.compact(text)
            wholeCode = [separator] + compacted + [separator]
            phone = ComplaintSearch.phoneDigits(text) ?? []
            words = ComplaintSearch.words(text)
            number = ComplaintNumber(text: text)
        }

        /// How well `key` matches, or nil when it does not.
        public func rank(_ key: Key, number: ComplaintNumber) -> Rank? {
            if let wanted = self.number, wanted == number { return .number }
            let name = key.name, email = key.email, phone = key.phone, codes = key.codes
            if name.elementsEqual(folded) || email.elementsEqual(folded) || (!self.phone.isEmpty && phone.elementsEqual(self.phone))
                || (!compacted.isEmpty && ComplaintSearch.contains(codes, wholeCode)) {
                return .exactField
            }
            if ComplaintSearch.contains(name, folded) || ComplaintSearch.contains(email, folded)
                || (!self.phone.isEmpty && ComplaintSearch.contains(phone, self.phone))
                || (!compacted.isEmpty && ComplaintSearch.contains(codes, compacted)) {
                return .partialField
            }
            let words = key.words
            if !self.words.isEmpty, self.words.allSatisfy({ ComplaintSearch.contains(words, $0) || ComplaintSearch.contains(name, $0) }) {
                return .words
            }
            return nil
        }

        /// Whether every row this query matches is also matched by `broader` (the query typed one
        /// or more characters earlier), so the search may narrow `broader`'s result instead of
        /// looking at every row again. Each part must extend the broader one's, and a part the
        /// broader query did not have (a first code character, a first digit, a first word) can
        /// add rows, as can a complaint number.
        public func narrows(_ broader: Query) -> Bool {
            func extends(_ part: [UInt8], _ earlier: [UInt8]) -> Bool {
                part.isEmpty || (!earlier.isEmpty && part.starts(with: earlier))
            }
            return number == nil && folded.starts(with: broader.folded) && extends(compacted, broader.compacted)
                && extends(phone, broader.phone) && (words.isEmpty || !broader.words.isEmpty)
        }
    }

    /// The matching items, best rank first and in their given order within a rank.
    public static func ranked<T>(_ items: [T], by rank: (T) -> Rank?) -> [T] {
        var buckets = Array(repeating: [T](), count: Rank.allCases.count)
        for item in items { if let rank = rank(item) { buckets[rank.rawValue].append(item) } }
        return Array(buckets.joined())
    }

    private static let separator = UInt8(ascii: "|")

    // MARK: Folding

    /// Lower case without diacritics: the one folding of names and words. Ł has no decomposition
    /// in Unicode, so it is mapped by hand.
    public static func fold(_ text: String) -> String {
        String(decoding: folded(text), as: UTF8.self)
    }

    static func folded(_ text: String) -> [UInt8] { folded(text, dropping: { _ in false }) }

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

    /// The folded words of `text`: runs of letters and digits.
    public static func words(_ text: String) -> [[UInt8]] {
        var words: [[UInt8]] = [], word: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                appendFolded(scalar, to: &word)
            } else if !word.isEmpty {
                words.append(word)
                word = []
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// The digits of a phone number as the desk compares them: without a leading +48 or 0048 (or
    /// the 48 of eleven digits typed without +), so a Polish number is its nine national digits
    /// and a foreign one its country code and number. nil when `text` holds anything but digits,
    /// spaces, dashes, dots, slashes, parentheses and a leading + (it is then not a phone number).
    public static func phoneDigits(_ text: String) -> [UInt8]? {
        var digits: [UInt8] = [], plus = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": digits.append(UInt8(scalar.value))
            case "+" where digits.isEmpty && !plus: plus = true
            case "-", "(", ")", ".", "/", "\u{2013}": continue
            default:
                guard scalar.properties.isWhitespace else { return nil }
            }
        }
        guard !digits.isEmpty else { return nil }
        let polish = Array("48".utf8)
        if !plus, digits.starts(with: Array("00".utf8)) {
            plus = true
            digits.removeFirst(2)
        }
        if plus, digits.starts(with: polish) { digits.removeFirst(2) }
        else if !plus, digits.count == PhoneNumber.polishDigits + 2, digits.starts(with: polish) { digits.removeFirst(2) }
        return digits
    }

    /// The folded UTF-8 bytes of `text`, leaving out the scalars `dropping` names.
    private static func folded(_ text: String, dropping: (Unicode.Scalar) -> Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where !dropping(scalar) { appendFolded(scalar, to: &out) }
        return out
    }

    private static func appendFolded(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        } else {
            out += foldedLetters[scalar.value] ?? foldSlowly(scalar)
        }
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (UTF-8 never matches inside a character).
    /// Fields are a few dozen bytes: a plain scan beats setting up anything cleverer (glibc's
    /// `memmem` is not in Swift's Glibc module).
    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { want in
                let first = want[0], last = hay.count - want.count
                var start = 0
                while start <= last {
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
