import AsodeskDomain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finding a complaint by what the customer says on the phone: its number, the plate, VIN or
/// repair order, the customer's name, phone or e-mail, or words of the summary and of the notes.
/// Case and Polish diacritics are ignored everywhere ("wisniewski" finds "Wiśniewski"), spaces,
/// dashes, slashes and dots inside codes ("wx12345" finds "WX 12345"), and a phone is compared by
/// its digits without +48 or 0048 ("601 234 567", "+48 601", "48601234567").
///
/// The queue's `/` and `asodesk list --search` are this one search. A complaint's `Key` is folded
/// once when the complaint changes and a `Query` once per keystroke, so matching a row is a few
/// `memchr`/`memcmp` scans of short fields and a few bit tests for its words.
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

    /// Every distinct word of the summaries and notes, once for all the complaints searched: a
    /// key holds the numbers of its words, and a query finds the words containing each of its own
    /// once per keystroke, so a row's words cost a few bit tests rather than a scan of its notes,
    /// and the notes' text stays only in the history. Words of complaints no longer searched stay
    /// (a few bytes each) until the vocabulary is made anew.
    public struct Vocabulary: Sendable {
        /// `|word|word|…|`
        fileprivate var bytes: [UInt8] = [separator]
        /// Where each word begins in `bytes`, in the order of their numbers.
        fileprivate var starts: [Int32] = []
        /// `ComplaintSearch.presence` of each word, by number.
        fileprivate var presence: [UInt64] = []
        private var numbers: [[UInt8]: UInt32] = [:]

        public init() {}

        public var count: Int { starts.count }

        fileprivate mutating func number(of word: [UInt8]) -> UInt32 {
            if let known = numbers[word] { return known }
            let number = UInt32(starts.count)
            starts.append(Int32(bytes.count))
            presence.append(ComplaintSearch.presence(word))
            bytes += word
            bytes.append(separator)
            numbers[word] = number
            return number
        }

        /// The numbers of the words that contain `part`, as a bit set.
        fileprivate func containing(_ part: [UInt8]) -> [UInt64] {
            var set = [UInt64](repeating: 0, count: (starts.count + 63) / 64)
            var from = 0
            while let found = ComplaintSearch.firstIndex(of: part, in: bytes[from...]) {
                // The word it lies in: the last one beginning at or before it.
                var low = 0, high = starts.count - 1
                while low < high {
                    let middle = (low + high + 1) / 2
                    if Int(starts[middle]) <= found { low = middle } else { high = middle - 1 }
                }
                set[low >> 6] |= 1 << UInt64(low & 63)
                from = low + 1 < starts.count ? Int(starts[low + 1]) : bytes.count
            }
            return set
        }
    }

    /// What one complaint is searched by, folded once per change of the complaint: one buffer for
    /// name · e-mail · phone digits · codes, and the numbers of its words in the vocabulary.
    public struct Key: Sendable {
        fileprivate let bytes: [UInt8]
        /// Where the name, e-mail and phone end in `bytes`; the codes run to its end.
        fileprivate let ends: (name: Int32, email: Int32, phone: Int32)
        /// Its distinct words of the summary and notes (`Vocabulary`).
        fileprivate let words: [UInt32]
        /// Which bytes occur anywhere in it (`ComplaintSearch.presence`): most rows a query cannot
        /// match are let go on one test, without a scan.
        fileprivate let present: UInt64

        public init(_ complaint: Complaint, vocabulary: inout Vocabulary) {
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
            var words: [UInt32] = []
            var word: [UInt8] = []
            func endWord() {
                guard !word.isEmpty else { return }
                let number = vocabulary.number(of: word)
                if !words.contains(number) { words.append(number) }
                word.removeAll(keepingCapacity: true)
            }
            func addWords(of text: String) {
                for scalar in text.unicodeScalars {
                    if ComplaintSearch.isWordScalar(scalar) { ComplaintSearch.appendFolded(scalar, to: &word) } else { endWord() }
                }
                endWord()
            }
            addWords(of: intake.summary)
            for event in complaint.history {
                switch event.action {
                case .note(let text): addWords(of: text)
                // "DMS 12345", "zdjęcie rysy": a document is found by its reference and description, as a note by its words.
                case .attach(let document): addWords(of: document.reference); addWords(of: document.description ?? "")
                default: break
                }
            }
            var present = ComplaintSearch.presence(bytes)
            for number in words { present |= vocabulary.presence[Int(number)] }
            self.bytes = bytes
            self.words = words
            self.present = present
            ends = (name, email, phone)
        }

        /// Bytes held (what the key costs beside the complaint).
        var size: Int { bytes.count + 4 * words.count }

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
        /// For each of `words`, the vocabulary's words that contain it.
        private let wordSets: [[UInt64]]
        let number: ComplaintNumber?
        /// The bytes a key must hold to match in any way (`Key.present`).
        private let required: UInt64

        /// Ready for keys made with `vocabulary` as it is now.
        public init?(_ text: String, vocabulary: Vocabulary) {
            folded = Array(ComplaintSearch.fold(text).trimmingCharacters(in: .whitespaces).utf8)
            guard !folded.isEmpty else { return nil }
            compacted = ComplaintSearch.compact(text)
            wholeCode = [separator] + compacted + [separator]
            phone = ComplaintSearch.phoneDigits(text) ?? []
            words = ComplaintSearch.words(text)
            wordSets = words.map(vocabulary.containing)
            number = ComplaintNumber(text: text)
            // What every way of matching needs: the name or e-mail holds `folded`, a code
            // `compacted`, the phone `phone`, the words each word (all parts of `folded`).
            var required = ComplaintSearch.presence(folded)
            if !compacted.isEmpty { required &= ComplaintSearch.presence(compacted) }
            if !phone.isEmpty { required &= ComplaintSearch.presence(phone) }
            if !words.isEmpty { required &= words.reduce(0) { $0 | ComplaintSearch.presence($1) } }
            self.required = required
        }

        /// How well `key` matches, or nil when it does not.
        public func rank(_ key: Key, number: ComplaintNumber) -> Rank? {
            if let wanted = self.number, wanted == number { return .number }
            guard key.present & required == required else { return nil }
            return key.bytes.withUnsafeBufferPointer { all -> Rank? in
                func part(_ from: Int32, _ to: Int32) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(rebasing: all[Int(from)..<Int(to)])
                }
                let name = part(0, key.ends.name), email = part(key.ends.name, key.ends.email)
                let phone = part(key.ends.email, key.ends.phone), codes = part(key.ends.phone, Int32(all.count))
                if ComplaintSearch.equal(name, folded) || ComplaintSearch.equal(email, folded)
                    || (!self.phone.isEmpty && ComplaintSearch.equal(phone, self.phone))
                    || (!compacted.isEmpty && ComplaintSearch.contains(codes, wholeCode)) {
                    return .exactField
                }
                if ComplaintSearch.contains(name, folded) || ComplaintSearch.contains(email, folded)
                    || (!self.phone.isEmpty && ComplaintSearch.contains(phone, self.phone))
                    || (!compacted.isEmpty && ComplaintSearch.contains(codes, compacted)) {
                    return .partialField
                }
                guard !words.isEmpty else { return nil }
                for (word, set) in zip(words, wordSets) where !ComplaintSearch.contains(name, word) {
                    guard key.words.contains(where: { Int($0 >> 6) < set.count && set[Int($0 >> 6)] & (1 << UInt64($0 & 63)) != 0 }) else {
                        return nil
                    }
                }
                return .words
            }
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
            if isWordScalar(scalar) {
                appendFolded(scalar, to: &word)
            } else if !word.isEmpty {
                words.append(word)
                word = []
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0..<0x80: false
        default: scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
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

    static func appendFolded(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        } else {
            out += foldedLetters[scalar.value] ?? foldSlowly(scalar)
        }
    }

    /// Which bytes occur in `bytes`, as a set of 64: each ASCII letter and digit its own, the rest
    /// sharing the remaining 28. A key that lacks one of a query's cannot match it.
    static func presence<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var set: UInt64 = 0
        for byte in bytes {
            switch byte {
            case 0x61...0x7A: set |= 1 << UInt64(byte - 0x61)
            case 0x30...0x39: set |= 1 << UInt64(26 + byte - 0x30)
            default: set |= 1 << UInt64(36 + Int(byte) % 28)
            }
        }
        return set
    }

    static func equal(_ field: UnsafeBufferPointer<UInt8>, _ wanted: [UInt8]) -> Bool {
        field.count == wanted.count && wanted.withUnsafeBufferPointer { want in
            field.isEmpty || memcmp(field.baseAddress!, want.baseAddress!, field.count) == 0
        }
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (UTF-8 never matches inside a character).
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        needle.isEmpty || needle.withUnsafeBufferPointer { firstOffset(of: $0, in: haystack) != nil }
    }

    /// Where `needle` first occurs in `haystack` (an index of `haystack`).
    static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { want in firstOffset(of: want, in: hay).map { haystack.startIndex + $0 } }
        }
    }

    /// The offset of `needle`'s first occurrence in `haystack`: `memchr` finds each candidate first
    /// byte (vectorised in glibc), `memcmp` checks the rest.
    private static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count, let start = haystack.baseAddress,
              let wanted = needle.baseAddress else { return nil }
        let first = Int32(wanted[0]), rest = needle.count - 1
        let end = start + (haystack.count - rest)  // past the last position the needle could begin at
        var at = start
        while at < end, let found = memchr(at, first, end - at) {
            let candidate = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
            if rest == 0 || memcmp(candidate + 1, wanted + 1, rest) == 0 { return candidate - start }
            at = candidate + 1
        }
        return nil
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
