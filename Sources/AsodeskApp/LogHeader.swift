import AsodeskDomain
import Foundation

/// What a log is for, as its first record says (`asodesk init`, `init --test`, the demo). A log
/// without a header (written before headers existed) is a desk's log.
public enum LogKind: String, Codable, Sendable, CaseIterable {
    /// The desk's real record: legal evidence. Its clock is the machine's, always.
    case desk
    /// A log made for a test (`asodesk init --test`): ASODESK_NOW may pin its clock.
    case test
    /// The demo's own log (`asodesk demo`, `asodesk --demo`): ASODESK_NOW may pin its clock.
    case demo

    /// Whether a pinned clock (ASODESK_NOW) may date what is written to a log of this kind.
    public var allowsPinnedClock: Bool { self != .desk }
}

/// The first record of a log made by this asodesk: its kind and when it was created (the
/// machine's clock, or for a test or demo log the pinned one). JSON, encoding 1, member `header`.
public struct LogHeader: Codable, Sendable, Hashable {
    public var kind: LogKind
    public var createdAt: Date
    /// The operator who started the log (whose key signs the header); nil in older headers.
    public var createdBy: String?
    public init(kind: LogKind, createdAt: Date, createdBy: String? = nil) {
        self.kind = kind; self.createdAt = createdAt; self.createdBy = createdBy
    }
}

/// Why a header cannot be written.
public enum LogHeaderError: Error, Sendable, CustomStringConvertible {
    /// Only the first record of a log is its header.
    case notEmpty(records: UInt64, kind: LogKind)

    public var description: String {
        switch self {
        case .notEmpty(let records, let kind):
            return "The log already holds \(Wording.en(Int(clamping: records), "record", "records")) and is a \(kind.rawValue) log; "
                + "what a log is for is said by its first record and never changed. Start a new log for another kind."
        }
    }
}

public extension Desk {
    /// What the log is for: its header's kind, or `.desk` for a log without one.
    var logKind: LogKind { state.header?.kind ?? .desk }

    /// Writes the header as the log's first record. Refused once anything is in the log.
    @discardableResult
    func writeHeader(kind: LogKind, now: Date, by actor: Actor? = nil) throws -> LogHeader {
        let header = LogHeader(kind: kind, createdAt: EventCodec.storable(now), createdBy: actor?.id)
        try recordHeader(header, signedBy: actor)
        return header
    }
}
