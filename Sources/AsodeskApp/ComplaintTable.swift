import AsodeskDomain
import AsodeskLog
import Foundation

/// Reads a finished complaint back from the log: the frames at its offsets, each checksum
/// checked, decoded and folded exactly as replay folds them. nil when a frame is no longer there.
public protocol FinishedComplaintSource: AnyObject, Sendable {
    func complaint(_ number: ComplaintNumber, at offsets: [UInt64]) -> Complaint?
    /// Many at once (number → its record offsets); those whose frames are no longer there are left out.
    func complaints(_ wanted: [ComplaintNumber: [UInt64]]) -> [Complaint]
}

/// Every complaint of the desk, as a plain in-memory value: nothing here reads the log. Open
/// complaints (and every complaint while finished ones are not set aside) are kept in full. A
/// finished complaint (followed up: no action is allowed on it any more) is kept, once set aside,
/// as a compact entry of `FinishedComplaints` — its summary (what the report and the shift
/// board's figures need) and the log offsets of its records, about 150 bytes instead of its whole
/// history. Reading one back in full is `Desk.complaint(_:)` / `Desk.allComplaints(includingFinished:)`,
/// which throw when the log cannot give it back.
///
/// Why: 100,000 complaints with ten events each held in full take several hundred MB; the queue,
/// the shift board's open list and the next number only need the open ones and the numbers, the
/// figures only the summaries.
public struct ComplaintTable: Sendable, Equatable {
    /// Complaints held in full, with the offsets of their records (to set them aside when finished).
    private var resident: [ComplaintNumber: Complaint] = [:]
    private var residentOffsets: [ComplaintNumber: [UInt64]] = [:]
    /// Finished complaints set aside: summaries and where their records lie in the log.
    private(set) var finished = FinishedComplaints()
    /// Whether finished complaints are set aside (a desk over a log) or kept in full (in memory).
    private var setsAsideFinished = false

    public init() {}

    /// From now on finished complaints are set aside (they can be read back from the log).
    mutating func setAsideFinished() {
        setsAsideFinished = true
        for (number, complaint) in resident where !complaint.isOpen { setAside(number) }
    }

    /// Restores a table written into a snapshot: complaints in full plus finished ones set aside.
    init(resident: [ComplaintNumber: Complaint], residentOffsets: [ComplaintNumber: [UInt64]], finished: FinishedComplaints) {
        self.resident = resident; self.residentOffsets = residentOffsets
        self.finished = finished; setsAsideFinished = true
    }

    var residentComplaints: [ComplaintNumber: Complaint] { resident }
    var offsetsOfResident: [ComplaintNumber: [UInt64]] { residentOffsets }

    /// Where the records of a complaint lie in the log, in history order.
    public func recordOffsets(of number: ComplaintNumber) -> [UInt64]? { residentOffsets[number] ?? finished.offsets(of: number) }

    public var count: Int { resident.count + finished.count }
    public var isEmpty: Bool { resident.isEmpty && finished.isEmpty }
    public func contains(_ number: ComplaintNumber) -> Bool { resident[number] != nil || finished.contains(number) }
    /// Every number, open or finished (reads nothing from the log).
    public var numbers: [ComplaintNumber] { Array(resident.keys) + finished.numbers }

    /// The highest serial given in `year` (0: none yet).
    public func highestSerial(year: Int) -> Int {
        max(finished.highestSerial(year: year), resident.keys.lazy.filter { $0.year == year }.map(\.serial).max() ?? 0)
    }

    /// The complaint if the table holds it in full: every open one. nil for a finished one set
    /// aside (read it with `Desk.complaint(_:)`) and for an unknown number.
    public func heldInFull(_ number: ComplaintNumber) -> Complaint? { resident[number] }

    /// Where the records of a finished complaint set aside lie (nil: held in full, or unknown).
    func finishedOffsets(_ number: ComplaintNumber) -> [UInt64]? { finished.offsets(of: number) }

    /// Open complaints only: never reads the log.
    public var open: [Complaint] { resident.values.filter(\.isOpen) }

    /// Every complaint held in full (the open ones, and finished ones while nothing is set aside).
    public var inFull: [Complaint] { Array(resident.values) }

    /// The numbers of the finished complaints set aside (reads nothing from the log).
    public var finishedNumbers: [ComplaintNumber] { finished.numbers }

    /// How many records a finished complaint set aside has (its history's length), without reading
    /// the log: a copy held elsewhere with as many events is this complaint as it stands.
    public func finishedRecordCount(_ number: ComplaintNumber) -> Int? { finished.offsets(of: number)?.count }

    /// The summary of a finished complaint set aside (nil for one held in full or unknown).
    public func finishedSummary(_ number: ComplaintNumber) -> ComplaintSummary? { finished.summary(of: number) }

    /// Summaries of the finished complaints set aside, without reading the log. `isWanted` sees
    /// each one's `latestAt` and `settlement` first, so those it refuses are not even decoded.
    public func finishedSummaries(where isWanted: (_ latestAt: Date, _ settlement: AnswerSettlement) -> Bool = { _, _ in true }) -> [ComplaintSummary] {
        finished.summaries(where: isWanted)
    }

    /// The same complaints: those held in full equal, and the same finished entries (a summary
    /// and the offsets of the records, byte for byte: both are derived from the history alone).
    public static func == (a: ComplaintTable, b: ComplaintTable) -> Bool {
        a.resident == b.resident && a.residentOffsets == b.residentOffsets && a.finished.sameEntries(as: b.finished)
    }

    /// Folds one event recorded at `offset`. False when the event names no complaint (an orphan),
    /// or names a finished complaint set aside that `source` cannot give back in full.
    mutating func apply(_ event: consuming ComplaintEvent, offset: UInt64, readingBackFrom source: (any FinishedComplaintSource)?) -> Bool {
        let number = event.number
        let isOpen: Bool
        if let index = resident.index(forKey: number) {
            // In place in the dictionary's storage: no copy of the complaint or its history. Whether it
            // is still open is read inside the same access (reading it afterwards copied the complaint).
            isOpen = Self.fold(event, into: &resident.values[index])
            residentOffsets[number, default: []].append(offset)
        } else if let setAside = finished.offsets(of: number), let inFull = source?.complaint(number, at: setAside) {
            // Written after the follow-up (a reopen, or another version's entry): take it back in full.
            var complaint = inFull
            Lifecycle.apply(event, to: &complaint)
            isOpen = complaint.isOpen
            finished.takeBack(number)
            resident[number] = complaint
            residentOffsets[number] = setAside + [offset]
        } else if let started = Lifecycle.start(event) {
            isOpen = started.isOpen
            resident[number] = started
            residentOffsets[number] = [offset]
        } else {
            return false
        }
        if setsAsideFinished, !isOpen { setAside(number) }
        return true
    }

    /// Folds `event` into `complaint` in place; true while it stays open.
    private static func fold(_ event: consuming ComplaintEvent, into complaint: inout Complaint) -> Bool {
        Lifecycle.apply(event, to: &complaint)
        return complaint.isOpen
    }

    private mutating func setAside(_ number: ComplaintNumber) {
        guard let complaint = resident[number] else { return }
        finished.add(complaint, offsets: residentOffsets[number] ?? [])
        resident[number] = nil
        residentOffsets[number] = nil
    }
}

/// Reads finished complaints back from one log file.
final class LogFinishedComplaintSource: FinishedComplaintSource, @unchecked Sendable {
    // EventLog is used from one thread, like the Desk that owns both; the lock keeps a stray
    // reader from another thread from interleaving reads of the descriptor.
    private let log: EventLog
    private let lock = NSLock()

    init(log: EventLog) { self.log = log }

    func complaint(_ number: ComplaintNumber, at offsets: [UInt64]) -> Complaint? {
        lock.lock()
        defer { lock.unlock() }
        guard let records = try? log.records(at: offsets) else { return nil }
        var complaint: Complaint?
        for record in records {
            guard case .complaint(let event) = EventCodec.decode(record), event.number == number else { return nil }
            complaint = Lifecycle.apply(event, to: complaint)
        }
        return complaint
    }

    /// A few are read frame by frame; many are read in one streamed pass over the whole log, as a
    /// replay reads it: for all 100,000 finished complaints of a long history that takes about a
    /// second, where a `pread` per frame took six.
    func complaints(_ wanted: [ComplaintNumber: [UInt64]]) -> [Complaint] {
        guard wanted.count > Self.fewEnoughToReadOneByOne else {
            return wanted.compactMap { number, offsets in complaint(number, at: offsets) }
        }
        // Every record of a finished complaint lies at its offsets (one written later would have
        // taken it back in full), so taking the wanted numbers' records from the whole log reads
        // exactly those frames; the count per complaint confirms it.
        var folded: [ComplaintNumber: (complaint: Complaint, records: Int)] = [:]
        folded.reserveCapacity(wanted.count)
        do {
            try EventLog(path: log.path, create: false, readOnly: true).readNew { record in
                guard record.isEvent, case .complaint(let event) = EventCodec.decode(record), wanted[event.number] != nil else { return }
                // In place: the history is appended to, not copied for every event.
                if let index = folded.index(forKey: event.number) {
                    Lifecycle.apply(event, to: &folded.values[index].complaint)
                    folded.values[index].records += 1
                } else if let started = Lifecycle.start(event) {
                    folded[started.number] = (started, 1)
                }
            }
        } catch {
            return []
        }
        return wanted.compactMap { number, offsets in
            if let read = folded[number], read.records == offsets.count { return read.complaint }
            return complaint(number, at: offsets)  // not as the offsets say: the same rule as one by one
        }
    }

    static let fewEnoughToReadOneByOne = 256
}
