import AsodeskDomain
import Foundation

/// Payload encoding 2: a complaint event in a compact binary form, decoded without Foundation's
/// JSONDecoder (which limited a full replay to about 40,000 events per second). See
/// docs/log-format.md, "Payload of an event (encoding 2)". The action codes below and the
/// vocabularies' tables (`StorageCodes`) are the storage schema: append new values at the end,
/// never reorder or reuse one.
enum BinaryEventCodec {
    static let schemaVersion: UInt8 = 1
    static let complaintEntry: UInt8 = 1

    /// Fields after the action, each a tag and its value, in any order, each at most once. An
    /// older reader stops at the action and ignores them; a reader meets an unknown tag and
    /// stops there (what follows is newer than it).
    enum TrailingField: UInt8 {
        /// A shift lead's reason for dating back what asodesk sends (string).
        case backdateReason = 1
        /// How the customer wants to be contacted (one byte, `StorageCodes.contactPreferences`);
        /// only on a receipt, and only when given: a receipt without it reads as "not given".
        case contactPreference = 2
        /// The cause a decision names (string, `CauseCode.text`: "code" or "code/sub"); only on a
        /// decision, and only when given: a decision without it (written before causes) reads as none.
        case cause = 3
    }

    enum ActionCode: UInt8 {
        case receive = 1, acknowledge, contact, wait, resume, assign, escalate, decide, close, reopen, note
        case checkStep, overrideStep, followUp
        case answer, confirmDelivery
        case amend = 17
        case withdrawTick = 18
        case link = 19
        case attach = 20
        case markTest = 21
    }

    // MARK: Writing

    static func encode(_ event: ComplaintEvent) -> [UInt8] {
        var out = Writer()
        out.bytes.reserveCapacity(160)
        out.byte(schemaVersion)
        out.byte(complaintEntry)
        out.integer(event.number.year)
        out.integer(event.number.serial)
        out.string(event.actor.id)
        out.code(event.actor.role, in: StorageCodes.roles)
        out.instant(event.occurredAt)
        out.instant(event.recordedAt)
        switch event.action {
        case .receive(let intake):
            out.byte(ActionCode.receive.rawValue)
            out.code(intake.channel, in: StorageCodes.channels)
            out.code(intake.category, in: StorageCodes.categories)
            out.code(intake.priority, in: StorageCodes.priorities)
            out.code(intake.legalBasis, in: StorageCodes.bases)
            out.string(intake.customer)
            for field in [intake.phone, intake.email, intake.plate, intake.vin, intake.vehicle, intake.order] {
                out.optionalString(field)
            }
            out.string(intake.summary)
            out.optionalString(intake.remedy)
        case .acknowledge(let note):
            out.byte(ActionCode.acknowledge.rawValue); out.optionalString(note)
        case .contact(let contact):
            out.byte(ActionCode.contact.rawValue)
            out.code(contact.channel, in: StorageCodes.channels); out.string(contact.summary); out.bool(contact.substantive)
        case .wait(let reason, let note):
            out.byte(ActionCode.wait.rawValue); out.code(reason, in: StorageCodes.reasons); out.optionalString(note)
        case .resume(let note):
            out.byte(ActionCode.resume.rawValue); out.optionalString(note)
        case .assign(let to, let note):
            out.byte(ActionCode.assign.rawValue); out.optionalString(to); out.optionalString(note)
        case .escalate(let reason, let priority):
            out.byte(ActionCode.escalate.rawValue); out.string(reason)
            out.byte(StorageCodes.priorities.code(priority))
        case .decide(let decision):
            out.byte(ActionCode.decide.rawValue)
            out.code(decision.outcome, in: StorageCodes.outcomes); out.string(decision.reasons); out.optionalString(decision.remedyGranted)
        case .close(let accepted, let response):
            out.byte(ActionCode.close.rawValue); out.bool(accepted); out.string(response)
        case .reopen(let reason):
            out.byte(ActionCode.reopen.rawValue); out.string(reason)
        case .note(let text):
            out.byte(ActionCode.note.rawValue); out.string(text)
        case .checkStep(let procedure, let version, let step):
            out.byte(ActionCode.checkStep.rawValue); out.string(procedure); out.integer(version); out.string(step)
        case .overrideStep(let procedure, let version, let step, let reason):
            out.byte(ActionCode.overrideStep.rawValue)
            out.string(procedure); out.integer(version); out.string(step); out.string(reason)
        case .followUp(let satisfaction, let note):
            out.byte(ActionCode.followUp.rawValue); out.integer(satisfaction); out.optionalString(note)
        case .answer(let answer):
            out.byte(ActionCode.answer.rawValue); out.code(answer.medium, in: StorageCodes.media)
            out.optionalString(answer.address); out.optionalString(answer.documentSHA256)
        case .confirmDelivery(let note):
            out.byte(ActionCode.confirmDelivery.rawValue); out.optionalString(note)
        case .amend(let corrections, let reason):
            out.byte(ActionCode.amend.rawValue); out.unsigned(UInt64(corrections.count))
            for correction in corrections {
                out.code(correction.field, in: StorageCodes.correctableFields)
                out.optionalString(correction.old); out.optionalString(correction.new)
            }
            out.string(reason)
        case .withdrawTick(let procedure, let version, let step):
            out.byte(ActionCode.withdrawTick.rawValue); out.string(procedure); out.integer(version); out.string(step)
        case .link(let other, let note):
            out.byte(ActionCode.link.rawValue); out.integer(other.year); out.integer(other.serial); out.optionalString(note)
        case .attach(let document):
            out.byte(ActionCode.attach.rawValue)
            out.string(document.reference); out.optionalString(document.description); out.optionalString(document.sha256)
        case .markTest(let audit):
            out.byte(ActionCode.markTest.rawValue); out.string(audit)
        }
        if let reason = event.backdateReason {
            out.byte(TrailingField.backdateReason.rawValue); out.string(reason)
        }
        if case .receive(let intake) = event.action, let preference = intake.contactPreference {
            out.byte(TrailingField.contactPreference.rawValue); out.code(preference, in: StorageCodes.contactPreferences)
        }
        if case .decide(let decision) = event.action, let cause = decision.cause {
            out.byte(TrailingField.cause.rawValue); out.string(cause.text)
        }
        return out.bytes
    }

    struct Writer {
        var bytes: [UInt8] = []
        mutating func byte(_ value: UInt8) { bytes.append(value) }
        mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
        /// LEB128 of the zigzag form: small numbers of either sign take one byte.
        mutating func integer(_ value: Int) { unsigned(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))) }
        mutating func unsigned(_ value: UInt64) {
            var rest = value
            while rest >= 0x80 { bytes.append(UInt8(rest & 0x7F) | 0x80); rest >>= 7 }
            bytes.append(UInt8(rest))
        }
        /// Whole milliseconds since 1970 UTC, 8 bytes little-endian.
        mutating func instant(_ date: Date) {
            withUnsafeBytes(of: EventCodec.milliseconds(date).littleEndian) { bytes += $0 }
        }
        mutating func string(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in unsigned(UInt64(utf8.count)); bytes += utf8 }
        }
        /// Length + 1, so that 0 stands for "absent".
        mutating func optionalString(_ text: String?) {
            guard var text else { bytes.append(0); return }
            text.withUTF8 { utf8 in unsigned(UInt64(utf8.count) + 1); bytes += utf8 }
        }
        mutating func code<T>(_ value: T, in table: CodeTable<T>) { bytes.append(table.code(value)) }
    }

    // MARK: Reading

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// Decodes a payload of encoding 2. Bytes after the fields this version knows are ignored:
    /// that is where later versions add fields, so an older reader still reads newer events.
    static func decode(_ payload: [UInt8]) -> EventCodec.DecodeResult {
        payload.withUnsafeBytes { decode($0) }
    }

    static func decode(_ buffer: UnsafeRawBufferPointer) -> EventCodec.DecodeResult {
        var input = Reader(buffer: buffer)
        do {
            let version = try input.byte()
            if version > schemaVersion {
                return .unreadable(reason: "binary schema version \(version) is newer than this asodesk (\(schemaVersion))")
            }
            let entry = try input.byte()
            guard entry == complaintEntry else {
                return .unreadable(reason: "an entry of a kind this asodesk does not know (\(entry))")
            }
            return .complaint(try readEvent(&input))
        } catch {
            return .unreadable(reason: "the payload does not decode: \(error)")
        }
    }

    /// Number, actor id and recorded time of a complaint event, without decoding its action (what a
    /// signature check needs); nil when the payload is not a complaint event this asodesk reads.
    static func author(_ buffer: UnsafeRawBufferPointer) -> (number: ComplaintNumber, actor: String, recordedAt: Date)? {
        var input = Reader(buffer: buffer)
        guard let version = try? input.byte(), version <= schemaVersion, (try? input.byte()) == complaintEntry,
              let year = try? input.integer(), let serial = try? input.integer(), let actor = try? input.string(),
              (try? input.code(StorageCodes.roles)) != nil, (try? input.instant()) != nil, let recordedAt = try? input.instant() else { return nil }
        return (ComplaintNumber(year: year, serial: serial), actor, recordedAt)
    }

    static func readEvent(_ input: inout Reader) throws -> ComplaintEvent {
        let number = ComplaintNumber(year: try input.integer(), serial: try input.integer())
        let actor = Actor(id: try input.string(), role: try input.code(StorageCodes.roles))
        let occurredAt = try input.instant(), recordedAt = try input.instant()
        let raw = try input.byte()
        guard let code = ActionCode(rawValue: raw) else {
            throw Malformed(description: "action \(raw) is not known to this asodesk")
        }
        let action: ComplaintAction
        switch code {
        case .receive:
            let channel = try input.code(StorageCodes.channels), category = try input.code(StorageCodes.categories)
            let priority = try input.code(StorageCodes.priorities), basis = try input.code(StorageCodes.bases)
            let customer = try input.string()
            let phone = try input.optionalString(), email = try input.optionalString(), plate = try input.optionalString()
            let vin = try input.optionalString(), vehicle = try input.optionalString(), order = try input.optionalString()
            action = .receive(Intake(channel: channel, category: category, priority: priority, legalBasis: basis,
                                     customer: customer, phone: phone, email: email, plate: plate, vin: vin,
                                     vehicle: vehicle, order: order, summary: try input.string(),
                                     remedy: try input.optionalString()))
        case .acknowledge: action = .acknowledge(note: try input.optionalString())
        case .contact:
            action = .contact(ContactRecord(channel: try input.code(StorageCodes.channels), summary: try input.string(),
                                            substantive: try input.bool()))
        case .wait: action = .wait(reason: try input.code(StorageCodes.reasons), note: try input.optionalString())
        case .resume: action = .resume(note: try input.optionalString())
        case .assign: action = .assign(to: try input.optionalString(), note: try input.optionalString())
        case .escalate:
            let reason = try input.string()
            let priority = try input.byte()
            action = .escalate(reason: reason, priority: priority == 0 ? nil : try input.lookUp(priority, StorageCodes.priorities))
        case .decide:
            action = .decide(Decision(outcome: try input.code(StorageCodes.outcomes), reasons: try input.string(),
                                      remedyGranted: try input.optionalString()))
        case .close: action = .close(customerAccepted: try input.bool(), response: try input.string())
        case .reopen: action = .reopen(reason: try input.string())
        case .note: action = .note(text: try input.string())
        case .checkStep:
            action = .checkStep(procedure: try input.string(), version: try input.integer(), step: try input.string())
        case .withdrawTick:
            action = .withdrawTick(procedure: try input.string(), version: try input.integer(), step: try input.string())
        case .overrideStep:
            action = .overrideStep(procedure: try input.string(), version: try input.integer(), step: try input.string(),
                                   reason: try input.string())
        case .followUp: action = .followUp(satisfaction: try input.integer(), note: try input.optionalString())
        case .answer:
            action = .answer(AnswerRecord(medium: try input.code(StorageCodes.media), address: try input.optionalString(),
                                          documentSHA256: try input.optionalString()))
        case .confirmDelivery: action = .confirmDelivery(note: try input.optionalString())
        case .amend:
            let count = try input.unsigned()
            // Each correction takes at least three bytes: a count beyond what is left is damage, not a reason to allocate.
            guard count <= UInt64(input.buffer.count - input.index) / 3 else { throw Malformed(description: "a correction count runs past the end") }
            var corrections: [IntakeCorrection] = []
            corrections.reserveCapacity(Int(count))
            for _ in 0..<count {
                corrections.append(IntakeCorrection(field: try input.code(StorageCodes.correctableFields),
                                                    old: try input.optionalString(), new: try input.optionalString()))
            }
            action = .amend(corrections: corrections, reason: try input.string())
        case .link:
            action = .link(to: ComplaintNumber(year: try input.integer(), serial: try input.integer()), note: try input.optionalString())
        case .attach:
            action = .attach(DocumentReference(reference: try input.string(), description: try input.optionalString(),
                                               sha256: try input.optionalString()))
        case .markTest:
            action = .markTest(audit: try input.string())
        }
        var event = ComplaintEvent(number: number, actor: actor, occurredAt: occurredAt, recordedAt: recordedAt, action: action)
        while input.index < input.buffer.count {
            guard let field = TrailingField(rawValue: try input.byte()) else { break }
            switch field {
            case .backdateReason:
                guard event.backdateReason == nil else { throw Malformed(description: "the backdating reason is given twice") }
                event.backdateReason = try input.string()
            case .contactPreference:
                guard case .receive(var intake) = event.action else {
                    throw Malformed(description: "a contact preference on an event that is not a receipt")
                }
                guard intake.contactPreference == nil else { throw Malformed(description: "the contact preference is given twice") }
                intake.contactPreference = try input.code(StorageCodes.contactPreferences)
                event.action = .receive(intake)
            case .cause:
                guard case .decide(var decision) = event.action else {
                    throw Malformed(description: "a cause on an event that is not a decision")
                }
                guard decision.cause == nil else { throw Malformed(description: "the cause is given twice") }
                let text = try input.string()
                guard let cause = CauseCode(text: text) else { throw Malformed(description: "\(text) is not a cause code") }
                decision.cause = cause
                event.action = .decide(decision)
            }
        }
        return event
    }

    struct Reader {
        let buffer: UnsafeRawBufferPointer
        var index = 0

        init(buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

        mutating func byte() throws -> UInt8 {
            guard index < buffer.count else { throw Malformed(description: "it ends early") }
            defer { index += 1 }
            return buffer[index]
        }

        mutating func bool() throws -> Bool {
            switch try byte() {
            case 0: return false
            case 1: return true
            case let other: throw Malformed(description: "\(other) is not a yes/no value")
            }
        }

        mutating func unsigned() throws -> UInt64 {
            var value: UInt64 = 0, shift: UInt64 = 0
            while true {
                let next = try byte()
                guard shift < 64 else { throw Malformed(description: "a number is too long") }
                value |= UInt64(next & 0x7F) << shift
                if next < 0x80 { return value }
                shift += 7
            }
        }

        mutating func integer() throws -> Int {
            let zigzag = try unsigned()
            return Int(Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1))))
        }

        mutating func instant() throws -> Date {
            guard buffer.count - index >= 8 else { throw Malformed(description: "it ends early") }
            let milliseconds = Int64(littleEndian: buffer.loadUnaligned(fromByteOffset: index, as: Int64.self))
            index += 8
            return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        }

        mutating func string() throws -> String {
            try text(length: Int(clamping: try unsigned()))
        }

        mutating func optionalString() throws -> String? {
            let lengthPlusOne = try unsigned()
            return lengthPlusOne == 0 ? nil : try text(length: Int(clamping: lengthPlusOne - 1))
        }

        private mutating func text(length: Int) throws -> String {
            guard length <= buffer.count - index else { throw Malformed(description: "a text runs past the end") }
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[index..<(index + length)]).assumingMemoryBound(to: UInt8.self)
            index += length
            // String(decoding:) is the fast path but repairs bad bytes; unchanged bytes prove they were valid.
            // (String(validating:as:) is generic and unspecialised here: it cost a metadata lookup per text.)
            var text = String(decoding: bytes, as: UTF8.self)
            let unchanged = text.withUTF8 { decoded in
                decoded.count == bytes.count && (length == 0 || memcmp(decoded.baseAddress!, bytes.baseAddress!, length) == 0)
            }
            guard unchanged else { throw Malformed(description: "a text is not valid UTF-8") }
            return text
        }

        mutating func code<T>(_ table: CodeTable<T>) throws -> T { try lookUp(try byte(), table) }

        func lookUp<T>(_ code: UInt8, _ table: CodeTable<T>) throws -> T {
            guard let value = table.value(code) else {
                throw Malformed(description: "value \(code) of \(T.self) is not known to this asodesk")
            }
            return value
        }
    }
}
