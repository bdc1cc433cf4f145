import AsodeskDomain
import Foundation

/// What the desk's figures need of a finished complaint, without its history: who and what it
/// was about, how it ended, the facts its clocks are computed from, and the dated milestones the
/// report counts. Derived from the complaint alone (so from the log alone): a full replay gives
/// the identical summary. Timers are not stored but computed from `clockFacts` when asked, so a
/// change of the calendar or of the SLA targets recomputes them exactly as for a full complaint.
public struct ComplaintSummary: Sendable, Hashable {
    /// The events the report counts per day and month.
    public enum MilestoneKind: UInt8, Sendable, CaseIterable {
        case acknowledged = 1, decided, closed, reopened, followedUp
    }

    public struct Milestone: Sendable, Hashable {
        public var kind: MilestoneKind
        /// When it happened (`occurredAt` of its event).
        public var at: Date
        /// The customer's score (1–5), for a follow-up call only.
        public var satisfaction: Int?

        public init(kind: MilestoneKind, at: Date, satisfaction: Int? = nil) {
            self.kind = kind; self.at = at; self.satisfaction = satisfaction
        }

        /// The milestone an event is, or nil for events the report does not count.
        public init?(_ event: ComplaintEvent) {
            switch event.action {
            case .acknowledge: self.init(kind: .acknowledged, at: event.occurredAt)
            case .decide: self.init(kind: .decided, at: event.occurredAt)
            case .close: self.init(kind: .closed, at: event.occurredAt)
            case .reopen: self.init(kind: .reopened, at: event.occurredAt)
            case .followUp(let score, _): self.init(kind: .followedUp, at: event.occurredAt, satisfaction: score)
            default: return nil
            }
        }
    }

    public var number: ComplaintNumber
    public var state: ComplaintState
    /// As the customer gave it: drawn only through `CellBuffer.write` or `SafeText`.
    public var customer: String
    public var owner: String?
    public var category: ComplaintCategory
    /// The outcome of the last decision, if any.
    public var outcome: DecisionOutcome?
    /// Receipt, priority, channel, legal basis, handling cycles and pauses: every timer and legal
    /// deadline of the complaint is computed from these.
    public var clockFacts: ComplaintClockFacts
    /// Acknowledgements, decisions, closings, reopenings and follow-up calls, in log order.
    public var milestones: [Milestone]
    /// The customer's phone, e-mail, plate and VIN as repeats are matched (`RepeatKeys`).
    public var repeatKeys: RepeatKeys
    /// The cause of the latest decision as amended (`Complaint.cause`).
    public var cause: CauseCode?
    /// Marked as a mystery-shopping test (`Complaint.isMysteryShoppingTest`): out of the figures.
    public var isMysteryShoppingTest: Bool

    public var receivedAt: Date { clockFacts.receivedAt }
    public var channel: Channel { clockFacts.channel }
    public var priority: Priority { clockFacts.currentPriority }

    public init(number: ComplaintNumber, state: ComplaintState, customer: String, owner: String?,
                category: ComplaintCategory, outcome: DecisionOutcome?, clockFacts: ComplaintClockFacts,
                milestones: [Milestone], repeatKeys: RepeatKeys = RepeatKeys(phone: nil, email: nil, plate: nil, vin: nil),
                cause: CauseCode? = nil, isMysteryShoppingTest: Bool = false) {
        self.number = number; self.state = state; self.customer = customer; self.owner = owner
        self.category = category; self.outcome = outcome; self.clockFacts = clockFacts; self.milestones = milestones
        self.repeatKeys = repeatKeys; self.cause = cause; self.isMysteryShoppingTest = isMysteryShoppingTest
    }

    public init(_ complaint: Complaint) {
        self.init(number: complaint.number, state: complaint.state, customer: complaint.intake.customer,
                  owner: complaint.owner, category: complaint.intake.category, outcome: complaint.decision?.outcome,
                  clockFacts: complaint.clockFacts, milestones: complaint.history.compactMap(Milestone.init),
                  repeatKeys: RepeatKeys(complaint.intake), cause: complaint.cause,
                  isMysteryShoppingTest: complaint.isMysteryShoppingTest)
    }

    /// The latest instant any figure of this complaint depends on (receipt, every clock fact,
    /// every milestone). A report of a month that begins after it, judged after it, gets nothing
    /// from the complaint but its legal deadline, which `isSettled` covers.
    public var latestAt: Date {
        var latest = receivedAt
        func see(_ date: Date?) { if let date, date > latest { latest = date } }
        for cycle in clockFacts.cycles {
            see(cycle.startedAt); see(cycle.acknowledgedAt); see(cycle.decidedAt); see(cycle.closedAt); see(cycle.followedUpAt)
            see(cycle.answer?.at); see(cycle.deliveredAt)
            for contact in cycle.contacts { see(contact) }
        }
        for pause in clockFacts.pauses { see(pause.start); see(pause.end) }
        for milestone in milestones { see(milestone.at) }
        // The report counts a late entry on the day it was entered.
        for late in clockFacts.lateEntries { see(late.recordedAt) }
        return latest
    }

    /// How far the answers of its handling cycles have gone: once every cycle's answer counts (sent,
    /// or delivered, as the site counts it), each legal deadline is met or missed, never running or
    /// overdue, so a report of a later period gets nothing from it.
    public var settlement: AnswerSettlement { AnswerSettlement(cycles: clockFacts.cycles) }
}

/// How far the answers of a complaint's handling cycles have gone, read by a report before it
/// decodes a finished complaint (`FinishedEntry` keeps it in its header).
public struct AnswerSettlement: Sendable, Hashable {
    /// Every cycle's answer was sent.
    public var sent: Bool
    /// Every cycle's answer was delivered (confirmed, or handed over in person).
    public var delivered: Bool
    public init(sent: Bool, delivered: Bool) { self.sent = sent; self.delivered = delivered }
    init(cycles: [ClockCycle]) {
        sent = !cycles.isEmpty && cycles.allSatisfy { $0.answer != nil }
        delivered = sent && cycles.allSatisfy { $0.answer?.medium == .inPerson || $0.deliveredAt != nil }
    }
    /// Whether every legal clock of the complaint has stopped under the site's rule.
    public func isSettled(countingAt rule: AnswerCountsAt) -> Bool { rule == .sent ? sent : delivered }
}

// MARK: - Compact encoding

/// One finished complaint as bytes in `FinishedComplaints`: a fixed header the report can read
/// without decoding the rest, then the summary and the log offsets of the complaint's records as
/// variable-length integers (instants in milliseconds after receipt, offsets as differences).
///
///     u32 length of what follows · u32 year · u32 serial · i64 latestAt (ms) · u8 flags (1: every cycle's answer sent, 2: every one delivered)
///     summary (receipt, codes, customer, owner, phone, e-mail, plate, VIN, …) · late entries (verb, instant, delay, who, role, reason) …
///     · escalations … · assignments … · cause (optional string) · u8 test mark (1: mystery shopping) · offsets …
enum FinishedEntry {
    static let headerSize = 4 + 4 + 4 + 8 + 1
    static let latestAtPosition = 12
    static let flagsPosition = 20

    static func encode(_ summary: ComplaintSummary, offsets: [UInt64]) -> [UInt8] {
        var writer = CompactWriter(bytes: [])
        writer.bytes.reserveCapacity(256)
        writer.fixed(UInt32(0))  // the length, filled in below
        writer.fixed(UInt32(truncatingIfNeeded: summary.number.year))
        writer.fixed(UInt32(truncatingIfNeeded: summary.number.serial))
        writer.fixed(UInt64(bitPattern: CompactWriter.milliseconds(summary.latestAt)))
        writer.byte((summary.settlement.sent ? 1 : 0) | (summary.settlement.delivered ? 2 : 0))

        let received = CompactWriter.milliseconds(summary.receivedAt)
        func instant(_ date: Date) { writer.signed(CompactWriter.milliseconds(date) &- received) }
        writer.signed(received)
        writer.byte(StorageCodes.states.code(summary.state)); writer.byte(StorageCodes.categories.code(summary.category))
        writer.byte(StorageCodes.channels.code(summary.channel))
        writer.byte(StorageCodes.priorities.code(summary.clockFacts.receivedPriority))
        writer.byte(StorageCodes.bases.code(summary.clockFacts.legalBasis))
        writer.byte(StorageCodes.outcomes.code(summary.outcome))
        writer.byte(StorageCodes.media.code(summary.clockFacts.expectedMedium))
        writer.string(summary.customer)
        writer.optionalString(summary.owner)
        let keys = summary.repeatKeys
        for key in [keys.phone, keys.email, keys.plate, keys.vin] { writer.optionalString(key) }
        writer.unsigned(UInt64(summary.clockFacts.cycles.count))
        for cycle in summary.clockFacts.cycles {
            instant(cycle.startedAt)
            let dates = [cycle.acknowledgedAt, cycle.decidedAt, cycle.closedAt, cycle.followedUpAt, cycle.answer?.at,
                         cycle.deliveredAt]
            var flags: UInt8 = cycle.isReopen ? 1 : 0
            for (bit, date) in dates.enumerated() where date != nil { flags |= 2 << bit }
            writer.byte(flags)
            for date in dates { if let date { instant(date) } }
            if let answer = cycle.answer { writer.byte(StorageCodes.media.code(answer.medium)) }
            writer.unsigned(UInt64(cycle.contacts.count))
            for contact in cycle.contacts { instant(contact) }
        }
        writer.unsigned(UInt64(summary.clockFacts.pauses.count))
        for pause in summary.clockFacts.pauses {
            instant(pause.start)
            writer.byte(StorageCodes.reasons.code(pause.reason) | (pause.end == nil ? 0 : 0x80))
            if let end = pause.end { instant(end) }
        }
        writer.unsigned(UInt64(summary.milestones.count))
        for milestone in summary.milestones {
            writer.byte(milestone.kind.rawValue | (milestone.satisfaction == nil ? 0 : 0x80))
            instant(milestone.at)
            if let score = milestone.satisfaction { writer.signed(Int64(score)) }
        }
        writer.unsigned(UInt64(summary.clockFacts.lateEntries.count))
        for late in summary.clockFacts.lateEntries {
            writer.byte(StorageCodes.verbs.code(late.verb))
            instant(late.occurredAt)
            writer.signed(CompactWriter.milliseconds(late.recordedAt) &- CompactWriter.milliseconds(late.occurredAt))
            writer.string(late.actor.id)
            writer.byte(StorageCodes.roles.code(late.actor.role))
            writer.optionalString(late.reason)
        }
        writer.unsigned(UInt64(summary.clockFacts.escalations.count))
        for escalation in summary.clockFacts.escalations {
            instant(escalation.at)
            writer.byte(StorageCodes.priorities.code(escalation.priority))
        }
        writer.unsigned(UInt64(summary.clockFacts.assignments.count))
        for assignment in summary.clockFacts.assignments {
            instant(assignment.at)
            writer.optionalString(assignment.owner)
        }
        writer.optionalString(summary.cause?.text)
        writer.byte(summary.isMysteryShoppingTest ? 1 : 0)
        writer.unsigned(UInt64(offsets.count))
        var previous: UInt64 = 0
        for offset in offsets {
            writer.signed(Int64(bitPattern: offset &- previous))
            previous = offset
        }
        var entry = writer.bytes
        let length = UInt32(entry.count - 4)
        withUnsafeBytes(of: length.littleEndian) { entry.replaceSubrange(0..<4, with: $0) }
        return entry
    }

    /// The entry starting at `start`: its bytes, header included. nil when it runs past the block.
    static func range(at start: Int, in block: [UInt8]) -> Range<Int>? {
        guard start >= 0, start + headerSize <= block.count else { return nil }
        let length = Int(CompactReader.fixed32(block, at: start))
        guard length >= headerSize - 4, start + 4 + length <= block.count else { return nil }
        return start..<(start + 4 + length)
    }

    static func number(at start: Int, in block: [UInt8]) -> ComplaintNumber {
        ComplaintNumber(year: Int(CompactReader.fixed32(block, at: start + 4)), serial: Int(CompactReader.fixed32(block, at: start + 8)))
    }

    static func latestAt(at start: Int, in block: [UInt8]) -> Date {
        CompactReader.date(milliseconds: Int64(bitPattern: CompactReader.fixed64(block, at: start + latestAtPosition)))
    }

    static func settlement(at start: Int, in block: [UInt8]) -> AnswerSettlement {
        AnswerSettlement(sent: block[start + flagsPosition] & 1 != 0, delivered: block[start + flagsPosition] & 2 != 0)
    }

    /// The summary and offsets of the entry at `start`; nil for bytes that are not a whole entry.
    static func decode(at start: Int, in block: [UInt8]) -> (summary: ComplaintSummary, offsets: [UInt64])? {
        guard let range = range(at: start, in: block) else { return nil }
        var reader = CompactReader(bytes: block, position: start + headerSize, end: range.upperBound)
        let number = number(at: start, in: block)
        guard let received = reader.signed() else { return nil }
        func instant() -> Date? { reader.signed().map { CompactReader.date(milliseconds: received &+ $0) } }
        guard let state = reader.code(StorageCodes.states), let category = reader.code(StorageCodes.categories),
              let channel = reader.code(StorageCodes.channels), let priority = reader.code(StorageCodes.priorities),
              let basis = reader.code(StorageCodes.bases), let outcomeCode = reader.byte(),
              let expectedMedium = reader.code(StorageCodes.media), let customer = reader.string(), let owner = reader.optionalString(),
              let phone = reader.optionalString(), let email = reader.optionalString(), let plate = reader.optionalString(),
              let vin = reader.optionalString(), let cycleCount = reader.count() else { return nil }
        let outcome = StorageCodes.outcomes.value(outcomeCode)
        guard outcomeCode == 0 || outcome != nil else { return nil }
        var cycles: [ClockCycle] = []
        cycles.reserveCapacity(cycleCount)
        for _ in 0..<cycleCount {
            guard let started = instant(), let flags = reader.byte() else { return nil }
            var dates: [Date?] = []
            for bit in 0..<6 {
                if flags & (2 << bit) == 0 { dates.append(nil); continue }
                guard let date = instant() else { return nil }
                dates.append(date)
            }
            var answer: AnswerFact?
            if let answeredAt = dates[4] {
                guard let medium = reader.code(StorageCodes.media) else { return nil }
                answer = AnswerFact(at: answeredAt, medium: medium)
            }
            guard let contactCount = reader.count() else { return nil }
            var contacts: [Date] = []
            contacts.reserveCapacity(contactCount)
            for _ in 0..<contactCount { guard let contact = instant() else { return nil }; contacts.append(contact) }
            cycles.append(ClockCycle(startedAt: started, isReopen: flags & 1 != 0, acknowledgedAt: dates[0], contacts: contacts,
                                     decidedAt: dates[1], closedAt: dates[2], followedUpAt: dates[3], answer: answer,
                                     deliveredAt: dates[5]))
        }
        guard let pauseCount = reader.count() else { return nil }
        var pauses: [PauseSegment] = []
        for _ in 0..<pauseCount {
            guard let start = instant(), let code = reader.byte(),
                  let reason = StorageCodes.reasons.value(code & 0x7F) else { return nil }
            var end: Date?
            if code & 0x80 != 0 { guard let date = instant() else { return nil }; end = date }
            pauses.append(PauseSegment(start: start, end: end, reason: reason))
        }
        guard let milestoneCount = reader.count() else { return nil }
        var milestones: [ComplaintSummary.Milestone] = []
        milestones.reserveCapacity(milestoneCount)
        for _ in 0..<milestoneCount {
            guard let code = reader.byte(), let kind = ComplaintSummary.MilestoneKind(rawValue: code & 0x7F),
                  let at = instant() else { return nil }
            var score: Int?
            if code & 0x80 != 0 { guard let value = reader.signed() else { return nil }; score = Int(value) }
            milestones.append(.init(kind: kind, at: at, satisfaction: score))
        }
        guard let lateCount = reader.count() else { return nil }
        var lateEntries: [LateEntry] = []
        for _ in 0..<lateCount {
            guard let verb = reader.code(StorageCodes.verbs), let occurred = instant(), let delay = reader.signed(),
                  let id = reader.string(), let role = reader.code(StorageCodes.roles), let reason = reader.optionalString() else { return nil }
            let recorded = CompactReader.date(milliseconds: CompactWriter.milliseconds(occurred) &+ delay)
            lateEntries.append(LateEntry(verb: verb, occurredAt: occurred, recordedAt: recorded,
                                         actor: Actor(id: id, role: role), reason: reason))
        }
        guard let escalationCount = reader.count() else { return nil }
        var escalations: [Escalation] = []
        for _ in 0..<escalationCount {
            guard let at = instant(), let code = reader.byte() else { return nil }
            let raised = StorageCodes.priorities.value(code)
            guard code == 0 || raised != nil else { return nil }
            escalations.append(Escalation(at: at, priority: raised))
        }
        guard let assignmentCount = reader.count() else { return nil }
        var assignments: [Assignment] = []
        for _ in 0..<assignmentCount {
            guard let at = instant(), let owner = reader.optionalString() else { return nil }
            assignments.append(Assignment(at: at, owner: owner))
        }
        guard let causeText = reader.optionalString(), let testMark = reader.byte(), testMark <= 1 else { return nil }
        let cause = causeText.flatMap(CauseCode.init(text:))
        guard causeText == nil || cause != nil else { return nil }
        guard let offsets = offsets(reading: &reader), reader.position == range.upperBound else { return nil }
        let facts = ComplaintClockFacts(receivedAt: CompactReader.date(milliseconds: received), receivedPriority: priority,
                                        channel: channel, legalBasis: basis, expectedMedium: expectedMedium, cycles: cycles, pauses: pauses,
                                        lateEntries: lateEntries, escalations: escalations, assignments: assignments)
        let summary = ComplaintSummary(number: number, state: state, customer: customer, owner: owner, category: category,
                                       outcome: outcome, clockFacts: facts, milestones: milestones,
                                       repeatKeys: RepeatKeys(stored: phone, email: email, plate: plate, vin: vin),
                                       cause: cause, isMysteryShoppingTest: testMark == 1)
        return (summary, offsets)
    }

    /// Only what finding a repeat needs of the entry at `start` (`RepeatComplaints`): the name,
    /// the receipt and the keys, read without decoding the clocks and milestones behind them.
    static func repeatKeys(at start: Int, in block: [UInt8]) -> (customer: String, receivedAt: Date, keys: RepeatKeys)? {
        guard let range = range(at: start, in: block) else { return nil }
        var reader = CompactReader(bytes: block, position: start + headerSize, end: range.upperBound)
        guard let received = reader.signed() else { return nil }
        for _ in 0..<7 { guard reader.byte() != nil else { return nil } }
        guard let customer = reader.string(), let _ = reader.optionalString(),
              let phone = reader.optionalString(), let email = reader.optionalString(), let plate = reader.optionalString(),
              let vin = reader.optionalString() else { return nil }
        return (customer, CompactReader.date(milliseconds: received), RepeatKeys(stored: phone, email: email, plate: plate, vin: vin))
    }

    private static func offsets(reading reader: inout CompactReader) -> [UInt64]? {
        guard let count = reader.count() else { return nil }
        var offsets: [UInt64] = []
        offsets.reserveCapacity(count)
        var previous: UInt64 = 0
        for _ in 0..<count {
            guard let delta = reader.signed() else { return nil }
            previous = previous &+ UInt64(bitPattern: delta)
            offsets.append(previous)
        }
        return offsets
    }

}

/// Appends little-endian fixed integers, LEB128 variable-length integers (zig-zag for signed
/// ones) and length-prefixed UTF-8.
struct CompactWriter {
    var bytes: [UInt8]

    /// Instants of the log are whole milliseconds (`EventCodec.storable`): rounding to the
    /// nearest one gives back exactly the `Date` the log's decoder made.
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }
    mutating func fixed<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
    mutating func unsigned(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 { bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80); rest >>= 7 }
        bytes.append(UInt8(rest))
    }
    mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }
    mutating func string(_ text: String) {
        let utf8 = text.utf8
        unsigned(UInt64(utf8.count)); bytes += utf8
    }
    mutating func optionalString(_ text: String?) {
        guard let text else { unsigned(0); return }
        unsigned(UInt64(text.utf8.count) + 1); bytes += text.utf8
    }
}

/// Reads what `CompactWriter` wrote; every read is bounds-checked and says nil past `end`.
struct CompactReader {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    static func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    static func fixed32(_ bytes: [UInt8], at position: Int) -> UInt32 {
        bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt32.self)) }
    }
    static func fixed64(_ bytes: [UInt8], at position: Int) -> UInt64 {
        bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt64.self)) }
    }

    mutating func byte() -> UInt8? {
        guard position < end else { return nil }
        defer { position += 1 }
        return bytes[position]
    }
    mutating func unsigned() -> UInt64? {
        var value: UInt64 = 0, shift: UInt64 = 0
        while let next = byte() {
            guard shift < 64 else { return nil }
            value |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }
    mutating func signed() -> Int64? {
        unsigned().map { Int64(bitPattern: ($0 >> 1) ^ (0 &- ($0 & 1))) }
    }
    /// A count of things that follow, each at least one byte long.
    mutating func count() -> Int? {
        guard let value = unsigned(), value <= UInt64(end - position) else { return nil }
        return Int(value)
    }
    /// A value of a vocabulary by its storage code; nil for 0 or an unknown code.
    mutating func code<T>(_ table: CodeTable<T>) -> T? { byte().flatMap(table.value) }
    mutating func string() -> String? {
        guard let length = count() else { return nil }
        defer { position += length }
        return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
    }
    mutating func optionalString() -> String?? {
        guard let marker = unsigned() else { return nil }
        if marker == 0 { return .some(nil) }
        // Compared before converting: a damaged marker past Int.max would trap in Int(_:).
        guard marker - 1 <= UInt64(end - position) else { return nil }
        let length = Int(marker - 1)
        defer { position += length }
        return .some(String(decoding: bytes[position..<(position + length)], as: UTF8.self))
    }
}
