import AsodeskDomain
import Foundation

/// Finished complaints set aside: one byte block of entries (`FinishedEntry`: a summary and the
/// log offsets of the complaint's records, about 150 bytes each) and an index into it.
///
/// The entries a snapshot brought are found through two sorted arrays read straight from the
/// snapshot (numbers and where each entry starts) and a binary search: starting from a snapshot
/// builds no per-complaint structure at all, so its cost does not grow with the history beyond
/// reading the bytes. Complaints set aside since then go into a small dictionary.
struct FinishedComplaints: Sendable {
    private(set) var block: [UInt8] = []
    /// From a snapshot: `key(number)` ascending, and the start of each one's entry in `block`.
    private var sortedKeys: [UInt64] = []
    private var sortedStarts: [UInt32] = []
    /// Set aside since the snapshot (or without one): number → start of its entry.
    private var added: [ComplaintNumber: Int] = [:]
    private var addedHighestSerial: [Int: Int] = [:]
    /// Numbers of `sortedKeys` taken back in full (a record written after the follow-up).
    private var takenBack: Set<ComplaintNumber> = []

    init() {}

    /// Restores what `sortedIndex` wrote into a snapshot. nil when the index does not fit the block.
    init?(sortedKeys: [UInt64], starts: [UInt32], block: [UInt8]) {
        guard sortedKeys.count == starts.count,
              zip(sortedKeys, sortedKeys.dropFirst()).allSatisfy({ $0 < $1 }),
              starts.allSatisfy({ FinishedEntry.range(at: Int($0), in: block) != nil }) else { return nil }
        self.sortedKeys = sortedKeys; sortedStarts = starts; self.block = block
    }

    static func key(_ number: ComplaintNumber) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: number.year)) << 32 | UInt64(UInt32(truncatingIfNeeded: number.serial))
    }
    static func number(_ key: UInt64) -> ComplaintNumber {
        ComplaintNumber(year: Int(key >> 32), serial: Int(key & 0xFFFF_FFFF))
    }

    var count: Int { sortedKeys.count - takenBack.count + added.count }
    var isEmpty: Bool { count == 0 }

    /// Where the entry of `number` starts, if it is set aside.
    func start(of number: ComplaintNumber) -> Int? {
        if let start = added[number] { return start }
        guard !sortedKeys.isEmpty, !takenBack.contains(number), let index = sortedIndex(of: Self.key(number)) else { return nil }
        return Int(sortedStarts[index])
    }

    func contains(_ number: ComplaintNumber) -> Bool { start(of: number) != nil }

    /// The entry of `number`, header included.
    func entry(of number: ComplaintNumber) -> ArraySlice<UInt8>? {
        start(of: number).flatMap { FinishedEntry.range(at: $0, in: block) }.map { block[$0] }
    }

    /// The same numbers with the same entries, however each table came to hold them (from a
    /// snapshot's sorted index or set aside one by one).
    func sameEntries(as other: FinishedComplaints) -> Bool {
        guard count == other.count else { return false }
        return numbers.allSatisfy { number in entry(of: number).map { Array($0) } == other.entry(of: number).map { Array($0) } }
    }

    func offsets(of number: ComplaintNumber) -> [UInt64]? {
        start(of: number).flatMap { FinishedEntry.decode(at: $0, in: block)?.offsets }
    }

    func summary(of number: ComplaintNumber) -> ComplaintSummary? {
        start(of: number).flatMap { FinishedEntry.decode(at: $0, in: block)?.summary }
    }

    /// Every entry's name, receipt and repeat keys (`RepeatComplaints`).
    func repeatKeys() -> [(number: ComplaintNumber, customer: String, receivedAt: Date, keys: RepeatKeys)] {
        var all: [(number: ComplaintNumber, customer: String, receivedAt: Date, keys: RepeatKeys)] = []
        all.reserveCapacity(count)
        for number in numbers {
            guard let start = start(of: number), let entry = FinishedEntry.repeatKeys(at: start, in: block) else { continue }
            all.append((number, entry.customer, entry.receivedAt, entry.keys))
        }
        return all
    }

    mutating func add(_ complaint: Complaint, offsets: [UInt64]) {
        let entry = FinishedEntry.encode(ComplaintSummary(complaint), offsets: offsets)
        added[complaint.number] = block.count
        block += entry
        addedHighestSerial[complaint.number.year] = max(addedHighestSerial[complaint.number.year] ?? 0, complaint.number.serial)
    }

    /// Forgets the entry of `number` (its bytes stay until the next snapshot compacts them).
    mutating func takeBack(_ number: ComplaintNumber) {
        if added.removeValue(forKey: number) == nil, sortedIndex(of: Self.key(number)) != nil {
            takenBack.insert(number)
        }
    }

    /// Every number set aside.
    var numbers: [ComplaintNumber] {
        var all: [ComplaintNumber] = []
        all.reserveCapacity(count)
        for key in sortedKeys {
            let number = Self.number(key)
            if !takenBack.contains(number) { all.append(number) }
        }
        all.append(contentsOf: added.keys)
        return all
    }

    /// The highest serial of `year` among the numbers set aside (0: none).
    func highestSerial(year: Int) -> Int {
        var highest = addedHighestSerial[year] ?? 0
        // The last key below the next year's first one is this year's highest (a taken-back
        // number still exists: it is resident now).
        let bound = Self.key(ComplaintNumber(year: year + 1, serial: 0))
        let index = lowerBound(bound)
        if index > 0, sortedKeys[index - 1] >> 32 == UInt64(UInt32(truncatingIfNeeded: year)) {
            highest = max(highest, Int(sortedKeys[index - 1] & 0xFFFF_FFFF))
        }
        return highest
    }

    /// The summaries of entries `isWanted` accepts; it sees an entry's latest instant and whether
    /// how far its answer has gone (`ComplaintSummary.latestAt`, `.settlement`) before the entry is decoded.
    func summaries(where isWanted: (_ latestAt: Date, _ settlement: AnswerSettlement) -> Bool) -> [ComplaintSummary] {
        var result: [ComplaintSummary] = []
        func visit(_ start: Int) {
            guard isWanted(FinishedEntry.latestAt(at: start, in: block), FinishedEntry.settlement(at: start, in: block)),
                  let decoded = FinishedEntry.decode(at: start, in: block) else { return }
            result.append(decoded.summary)
        }
        for (index, key) in sortedKeys.enumerated() where takenBack.isEmpty || !takenBack.contains(Self.number(key)) {
            visit(Int(sortedStarts[index]))
        }
        for start in added.values { visit(start) }
        return result
    }

    /// The entries in number order, packed into a fresh block (what a snapshot stores).
    func sortedIndex() -> (keys: [UInt64], starts: [UInt32], block: [UInt8]) {
        var entries: [(key: UInt64, start: Int)] = []
        entries.reserveCapacity(count)
        for (index, key) in sortedKeys.enumerated() where !takenBack.contains(Self.number(key)) {
            entries.append((key, Int(sortedStarts[index])))
        }
        for (number, start) in added { entries.append((Self.key(number), start)) }
        entries.sort { $0.key < $1.key }
        var packed: [UInt8] = []
        packed.reserveCapacity(block.count)
        var starts: [UInt32] = []
        starts.reserveCapacity(entries.count)
        for entry in entries {
            guard let range = FinishedEntry.range(at: entry.start, in: block) else { continue }
            starts.append(UInt32(packed.count))
            packed += block[range]
        }
        return (entries.map(\.key), starts, packed)
    }

    static func == (a: FinishedComplaints, b: FinishedComplaints) -> Bool {
        let left = a.sortedIndex(), right = b.sortedIndex()
        return left.keys == right.keys && left.block == right.block
    }

    private func lowerBound(_ key: UInt64) -> Int {
        var low = 0, high = sortedKeys.count
        while low < high {
            let mid = (low + high) / 2
            if sortedKeys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func sortedIndex(of key: UInt64) -> Int? {
        let index = lowerBound(key)
        return index < sortedKeys.count && sortedKeys[index] == key ? index : nil
    }
}
