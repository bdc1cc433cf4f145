import AsodeskDomain
import AsodeskLog
import Foundation

/// Every complaint as replayed from the log. Rebuilt from records only; nothing here is stored.
public struct DeskState: Sendable {
    public internal(set) var complaints = ComplaintTable()
    public internal(set) var lastSequence: UInt64 = 0
    /// Records this version cannot read (sequence → why). While any exist, the desk does not write:
    /// writing on top of history it does not understand could contradict it.
    public internal(set) var unreadable: [UInt64: String] = [:]
    /// Events that referred to a complaint that does not exist (sequence → number): reported by verify.
    public internal(set) var orphans: [UInt64: ComplaintNumber] = [:]
    /// The role each person was first recorded acting in (id → role): the ids the log knows, so
    /// that a new id confusable with one of them is refused (see `Identity.resolve`).
    public internal(set) var recordedRoles: [String: Role] = [:]
    /// Records whose author their signature does not prove, in log order (`AuthorshipChecker`).
    public internal(set) var unproven: [UnprovenRecord] = []
    /// Practice runs of procedures, in log order. They belong to people, not to complaints.
    public internal(set) var training: [TrainingEntry] = []
    /// Imported survey and mystery-shopping results and the leads' reviews, in log order.
    public internal(set) var feedback: [FeedbackEntry] = []
    /// The action register: every corrective, preventive and procedure-review action, by id.
    public internal(set) var improvements: [ActionID: ImprovementAction] = [:]
    /// The log's header (its first record), if it has one: what the log is for. A header
    /// anywhere but first is kept out (`misplacedHeaders`): a log's kind is never changed later.
    public internal(set) var header: LogHeader?
    /// Sequences of header records that were not the log's first record (reported, ignored).
    public internal(set) var misplacedHeaders: [UInt64] = []
    /// What the log is for: its header's kind, `.desk` without one (logs older than headers).
    public var logKind: LogKind { header?.kind ?? .desk }

    /// Where a finished complaint set aside is read back when the log adds to it (a record written
    /// after its follow-up): the one read the fold makes. nil: nothing is set aside.
    private var takeBackSource: (any FinishedComplaintSource)?

    public init() {}

    /// From now on finished complaints are set aside, and taken back from `source` if the log adds to one.
    mutating func setAsideFinished(readingBackFrom source: any FinishedComplaintSource) {
        takeBackSource = source
        complaints.setAsideFinished()
    }

    /// Gaps a person documented with `asodesk repair`: records lost there, shown, never hidden.
    public internal(set) var repairedGaps: [RepairGapMarker] = []

    public mutating func apply(_ record: LogRecord) {
        record.withView { apply($0) }
    }

    /// Folds in a record as a streamed read hands it out (`EventLog.readNew(_:)`).
    public mutating func apply(_ record: LogRecordView) {
        lastSequence = max(lastSequence, record.sequence)
        if let gap = record.repairGap {
            repairedGaps.append(gap)
            return
        }
        // A marker that does not decode is damage the log reports (and repair sets aside).
        if record.kind == LogFormat.Kind.repairGap { return }
        guard record.isEvent else {
            unreadable[record.sequence] = "a record of kind \(record.kind), newer than this asodesk"
            return
        }
        apply(EventCodec.decode(record), sequence: record.sequence, offset: record.offset)
    }

    /// Folds in a decoded event record (the replay benchmark times decoding and folding apart).
    mutating func apply(_ decoded: consuming EventCodec.DecodeResult, sequence: UInt64, offset: UInt64) {
        lastSequence = max(lastSequence, sequence)
        // Consumed: the event moves into the complaint's history instead of being copied there.
        switch consume decoded {
        case .unreadable(let reason):
            unreadable[sequence] = reason
        case .complaint(let event):
            apply(event, sequence: sequence, offset: offset)
        case .training(let entry):
            training.append(entry)
        case .feedback(let entry):
            feedback.append(entry)
        case .improvement(let event):
            apply(event)
        case .header(let header):
            if sequence == 1 && self.header == nil { self.header = header } else { misplacedHeaders.append(sequence) }
        }
    }

    mutating func apply(_ event: consuming ComplaintEvent, sequence: UInt64, offset: UInt64) {
        if recordedRoles[event.actor.id] == nil { recordedRoles[event.actor.id] = event.actor.role }
        let number = event.number
        if !complaints.apply(event, offset: offset, readingBackFrom: takeBackSource) {
            orphans[sequence] = number
        }
    }

    /// Folds one step of the register. A step for an id never opened, or a second opening, is
    /// history this version keeps out (as an orphaned complaint event is): the fold never throws.
    mutating func apply(_ event: ImprovementEvent) {
        if recordedRoles[event.actor.id] == nil { recordedRoles[event.actor.id] = event.actor.role }
        if case .open = event.change, improvements[event.id] != nil { return }
        if let next = ImprovementRules.apply(event, to: improvements[event.id]) { improvements[event.id] = next }
    }

    /// The next free action id in a year (site-local year of opening).
    public func nextActionID(year: Int) -> ActionID {
        ActionID(year: year, serial: (improvements.keys.filter { $0.year == year }.map(\.serial).max() ?? 0) + 1)
    }

    /// The actions that answer a complaint, by id.
    public func actions(answering number: ComplaintNumber) -> [ImprovementAction] {
        improvements.values.filter { $0.complaints.contains(number) }.sorted { $0.id < $1.id }
    }

    /// The next free number in the year of receipt (site-local year).
    public func nextNumber(year: Int) -> ComplaintNumber {
        ComplaintNumber(year: year, serial: complaints.highestSerial(year: year) + 1)
    }

    public var openComplaints: [Complaint] { complaints.open }
}
