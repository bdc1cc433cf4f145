import AsodeskDomain
import AsodeskLog
import Foundation

/// The payload of one log record in encoding 1 (JSON, UTF-8). Complaint events are written in
/// encoding 2 (`BinaryEventCodec`) since it replays about 25 times faster; training entries and the
/// action register's steps stay here.
///
/// Schema evolution: `v` is the schema version; new fields are optional so older records
/// decode; a new kind of entry is a new optional member. A program that meets a record it
/// cannot decode keeps reading but refuses to write (see `DeskState.unreadable`).
struct LogPayload: Codable {
    static let schemaVersion = 1
    var v: Int
    var complaint: ComplaintEvent?
    /// A practice run of a procedure (`Desk.recordTraining`); never together with `complaint`.
    var training: TrainingEntry?
    /// What the log is for (desk, test, demo): the first record of a log made by `asodesk init`
    /// or the demo. Never together with another member.
    var header: LogHeader?
    /// An imported survey or mystery-shopping result, or a lead's review of a low one
    /// (`Desk.importFeedback`, `Desk.reviewFeedback`); never together with another member.
    var feedback: FeedbackEntry?
    /// A step of a corrective or preventive action (`Desk.recordImprovement`); never together with another member.
    var improvement: ImprovementEvent?
}

public enum EventCodec {
    public static let jsonEncoding: UInt8 = LogFormat.Encoding.json
    public static let binaryEncoding: UInt8 = LogFormat.Encoding.binary
    /// What complaint events are written in. Records of either encoding are read.
    public static let eventEncoding = binaryEncoding
    /// What training entries (a few a day) are written in: they stay JSON.
    public static let trainingEncoding = jsonEncoding
    /// What the action register's steps (a few a month) are written in: JSON too.
    public static let improvementEncoding = jsonEncoding

    /// An instant as the log stores it: whole milliseconds since 1970.
    public static func storable(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The payload of a complaint event in `eventEncoding` (binary).
    public static func encode(_ event: ComplaintEvent) -> [UInt8] {
        BinaryEventCodec.encode(event)
    }

    /// The payload of a complaint event in encoding 1 (JSON), as asodesk wrote them before encoding 2.
    public static func encodeJSON(_ event: ComplaintEvent) throws -> [UInt8] {
        Array(try encoder.encode(LogPayload(v: LogPayload.schemaVersion, complaint: event)))
    }

    public static func encode(_ entry: TrainingEntry) throws -> [UInt8] {
        Array(try encoder.encode(LogPayload(v: LogPayload.schemaVersion, training: entry)))
    }

    public static func encode(_ entry: FeedbackEntry) throws -> [UInt8] {
        Array(try encoder.encode(LogPayload(v: LogPayload.schemaVersion, feedback: entry)))
    }

    public static func encode(_ event: ImprovementEvent) throws -> [UInt8] {
        Array(try encoder.encode(LogPayload(v: LogPayload.schemaVersion, improvement: event)))
    }

    public static func encode(_ header: LogHeader) throws -> [UInt8] {
        Array(try encoder.encode(LogPayload(v: LogPayload.schemaVersion, header: header)))
    }

    public enum DecodeResult {
        case complaint(ComplaintEvent)
        case training(TrainingEntry)
        case header(LogHeader)
        case feedback(FeedbackEntry)
        case improvement(ImprovementEvent)
        /// Written by a newer asodesk, or not readable by this one: kept, shown, never dropped.
        case unreadable(reason: String)
    }

    public static func decode(_ record: LogRecord) -> DecodeResult {
        record.payload.withUnsafeBytes { decode(encoding: record.encoding, payload: $0) }
    }

    /// Decodes a record as a streamed read hands it out (nothing is copied before decoding).
    public static func decode(_ record: LogRecordView) -> DecodeResult {
        decode(encoding: record.encoding, payload: record.payload)
    }

    static func decode(encoding: UInt8, payload bytes: UnsafeRawBufferPointer) -> DecodeResult {
        if encoding == binaryEncoding { return BinaryEventCodec.decode(bytes) }
        guard encoding == jsonEncoding else {
            return .unreadable(reason: "payload encoding \(encoding) is newer than this asodesk")
        }
        do {
            let payload = try decoder.decode(LogPayload.self, from: Data(bytes))
            if payload.v > LogPayload.schemaVersion {
                return .unreadable(reason: "schema version \(payload.v) is newer than this asodesk (\(LogPayload.schemaVersion))")
            }
            switch (payload.complaint, payload.training, payload.header, payload.feedback, payload.improvement) {
            case (let event?, nil, nil, nil, nil): return .complaint(event)
            case (nil, let entry?, nil, nil, nil): return .training(entry)
            case (nil, nil, let header?, nil, nil): return .header(header)
            case (nil, nil, nil, let entry?, nil): return .feedback(entry)
            case (nil, nil, nil, nil, let step?): return .improvement(step)
            case (nil, nil, nil, nil, nil): return .unreadable(reason: "an entry of a kind this asodesk does not know")
            default: return .unreadable(reason: "an entry that is more than one of a complaint event, a training entry, a header, a feedback entry and an improvement step")
            }
        } catch {
            return .unreadable(reason: "the payload does not decode: \(error)")
        }
    }

    // Sorted keys keep records byte-stable across runs and readable in a hex dump.
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(milliseconds(date))
        }
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    private static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let ms = try decoder.singleValueContainer().decode(Int64.self)
            return Date(timeIntervalSince1970: Double(ms) / 1000)
        }
        return d
    }()
}
