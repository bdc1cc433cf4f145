import AsodeskDomain
import AsodeskLog
import Foundation

/// Reads a finished complaint back from the log: the frames at its offsets, each checksum
/// checked, decoded and folded exactly as replay folds them. nil when a frame is no longer there.
public protocol FinishedComplaintSource: AnyObject, Sendable {
    func complaint(_ number: ComplaintNumber, at offsets: [UInt64]) -> Complaint?
}

/// Every complaint of the desk. Open complaints (and every complaint while no `source` is set)
/// are kept in full. A finished complaint (followed up: no action is allowed on it any more) is
/// kept, once a source is set, only as the log offsets of its records — about 100 bytes instead of
/// its whole history — and read back from the log when someone asks for it.
///
/// Why: 100,000 complaints with ten events each held in full take several hundred MB; the queue,
/// the shift board's open list and the next number only need the open ones and the numbers.
public struct ComplaintTable: Sendable, Equatable {
    /// Complaints held in full, with the offsets of their records (to set them aside when finished).
    private var resident: [ComplaintNumber: Complaint] = [:]
    private var residentOffsets: [ComplaintNumber: [UInt64]] = [:]
    /// Finished complaints set aside: where their records lie in the log.
    private(set) var finishedOffsets: [ComplaintNumber: [UInt64]] = [:]
    private var source: (any FinishedComplaintSource)?

    public init() {}

    /// From now on finished complaints are set aside and read back through `source`.
    mutating func setAsideFinished(readingBackFrom source: any FinishedComplaintSource) {
        self.source = source
        for (number, complaint) in resident where !complaint.isOpen { setAside(number) }
    }

    /// Restores a table written into a snapshot: complaints in full plus finished ones set aside.
    init(resident: [ComplaintNumber: Complaint], residentOffsets: [ComplaintNumber: [UInt64]],
         finishedOffsets: [ComplaintNumber: [UInt64]], source: any FinishedComplaintSource) {
        self.resident = resident; self.residentOffsets = residentOffsets
        self.finishedOffsets = finishedOffsets; self.source = source
    }

    var residentComplaints: [ComplaintNumber: Complaint] { resident }
    var offsetsOfResident: [ComplaintNumber: [UInt64]] { residentOffsets }

    public var count: Int { resident.count + finishedOffsets.count }
    public var isEmpty: Bool { resident.isEmpty && finishedOffsets.isEmpty }
    public func contains(_ number: ComplaintNumber) -> Bool { resident[number] != nil || finishedOffsets[number] != nil }
    /// Every number, open or finished (reads nothing from the log).
    public var numbers: [ComplaintNumber] { Array(resident.keys) + Array(finishedOffsets.keys) }

    /// The complaint in full; a finished one set aside is read back from the log.
    public subscript(number: ComplaintNumber) -> Complaint? {
        if let complaint = resident[number] { return complaint }
        guard let offsets = finishedOffsets[number], let source else { return nil }
        return source.complaint(number, at: offsets)
    }

    /// Open complaints only: never reads the log.
    public var open: [Complaint] { resident.values.filter(\.isOpen) }

    /// Every complaint in full. Finished ones set aside are read back from the log, which costs
    /// about as much as replaying their records: for reports, exports and `list --all`.
    public var values: [Complaint] { values(includingFinished: true) }

    public func values(includingFinished: Bool) -> [Complaint] {
        guard includingFinished else { return open }
        var all = Array(resident.values)
        all.reserveCapacity(count)
        for number in finishedOffsets.keys { if let complaint = self[number] { all.append(complaint) } }
        return all
    }

    public static func == (a: ComplaintTable, b: ComplaintTable) -> Bool {
        a.count == b.count && a.values.sorted { $0.number < $1.number } == b.values.sorted { $0.number < $1.number }
    }

    /// Folds one event recorded at `offset`. False when the event names no complaint (an orphan).
    mutating func apply(_ event: consuming ComplaintEvent, offset: UInt64) -> Bool {
        let number = event.number
        let isOpen: Bool
        if let index = resident.index(forKey: number) {
            // In place in the dictionary's storage: no copy of the complaint or its history. Whether it
            // is still open is read inside the same access (reading it afterwards copied the complaint).
            isOpen = Self.fold(event, into: &resident.values[index])
            residentOffsets[number, default: []].append(offset)
        } else if let setAside = finishedOffsets[number], let finished = source?.complaint(number, at: setAside) {
            // Written after the follow-up (a reopen, or another version's entry): take it back in full.
            var complaint = finished
            Lifecycle.apply(event, to: &complaint)
            isOpen = complaint.isOpen
            finishedOffsets[number] = nil
            resident[number] = complaint
            residentOffsets[number] = setAside + [offset]
        } else if let started = Lifecycle.start(event) {
            isOpen = started.isOpen
            resident[number] = started
            residentOffsets[number] = [offset]
        } else {
            return false
        }
        if source != nil, !isOpen { setAside(number) }
        return true
    }

    /// Folds `event` into `complaint` in place; true while it stays open.
    private static func fold(_ event: consuming ComplaintEvent, into complaint: inout Complaint) -> Bool {
        Lifecycle.apply(event, to: &complaint)
        return complaint.isOpen
    }

    private mutating func setAside(_ number: ComplaintNumber) {
        finishedOffsets[number] = residentOffsets[number] ?? []
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
}
