import AsodeskDomain
import AsodeskLog
import Foundation

/// Why a record's author is not proven by its signature. Structured; words in `LogText`.
public enum AuthorshipProblem: Codable, Sendable, Equatable, Hashable {
    /// No signature, on a site whose operators have keys.
    case unsigned
    /// The signed flag is set but no well-formed signature ends the frame.
    case malformedSignature
    /// The signature does not verify: the record was changed after signing, or forged.
    case wrongSignature(signer: String)
    /// Signed, but by someone other than the event's actor.
    case signedByOther(signer: String)
    /// The key is not registered for the signer in the site config (never added, or removed).
    case unregisteredKey(signer: String, keyID: String)
    /// A registered key, but not valid at the record's time (before valid_from, after valid_until).
    case keyNotValid(signer: String, keyID: String, at: Date)
    /// A repair marker not signed by a shift lead.
    case markerNotByLead(signer: String?)
}

/// A record whose author is not proven, with what a person needs to find it.
public struct UnprovenRecord: Codable, Sendable, Equatable, Hashable {
    public enum Kind: String, Codable, Sendable { case event, training, repairMarker, header, feedback, improvement }
    public var sequence: UInt64
    public var offset: UInt64
    public var kind: Kind
    /// The complaint of an event.
    public var number: ComplaintNumber?
    /// Who the record says acted (the actor, the trained person; for a marker, the signer if any).
    public var claimedAuthor: String?
    public var problem: AuthorshipProblem
}

/// Checks records' signatures against the site's operators and their registered keys. Cheap
/// checks run at once; the Ed25519 verifications are collected and run in batches on every core
/// (`finish`). With no operators configured there is nothing to check against: `isActive` false.
public struct AuthorshipChecker {
    let operators: [String: Operator]
    /// Public keys by operator and key id.
    let keys: [String: [FrameKeyID: [OperatorKey]]]
    public var isActive: Bool { !operators.isEmpty }
    public private(set) var checked = 0
    public private(set) var unsignedWithoutOperators = 0
    private var found: [UnprovenRecord] = []
    private var batch = SignatureBatch()
    /// Verifications collected before they run (bounded memory on a long replay).
    static let batchSize = 16_384

    public init(config: SiteConfig) {
        var operators: [String: Operator] = [:]
        var keys: [String: [FrameKeyID: [OperatorKey]]] = [:]
        for person in config.operators {
            operators[person.id] = person
            for key in person.keys { keys[person.id, default: [:]][FrameKeyID(publicKey: key.publicKey), default: []].append(key) }
        }
        self.operators = operators
        self.keys = keys
    }

    /// A fingerprint of what the checks depend on (operators, roles, keys and validity), so a
    /// snapshot's findings are not reused once the site config's keys changed.
    public static func fingerprint(of config: SiteConfig) -> String {
        var text = ""
        for person in config.operators.sorted(by: { $0.id < $1.id }) {
            text += "\(person.id) \(person.role.rawValue)"
            for key in person.keys {
                text += " \(Hex.string(key.publicKey)) \(key.validFrom.timeIntervalSince1970) \(key.validUntil?.timeIntervalSince1970 ?? -1)"
            }
            text += "\n"
        }
        return Hex.string(Array(LogDigest.sha256(Array(text.utf8)).prefix(12)))
    }

    /// Checks one record as a read hands it out.
    public mutating func check(_ record: LogRecordView) {
        guard isActive else {
            if case .none = record.signature { unsignedWithoutOperators += 1 }
            return
        }
        var entry = UnprovenRecord(sequence: record.sequence, offset: record.offset, kind: .event, number: nil,
                                   claimedAuthor: nil, problem: .unsigned)
        let author: String?
        let at: Date?
        if record.kind == LogFormat.Kind.repairGap {
            entry.kind = .repairMarker
            author = nil
            at = record.repairGap.flatMap { ISO8601DateFormatter().date(from: $0.repairedAt) }
        } else if record.isEvent, record.encoding == EventCodec.binaryEncoding, let event = BinaryEventCodec.author(record.payload) {
            entry.number = event.number
            author = event.actor
            at = event.recordedAt
        } else if record.isEvent {
            switch EventCodec.decode(record) {
            case .complaint(let event):
                entry.number = event.number
                author = event.actor.id
                at = event.recordedAt
            case .training(let training):
                entry.kind = .training
                author = training.person
                at = training.completedAt
            case .improvement(let step):
                entry.kind = .improvement
                author = step.actor.id
                at = step.recordedAt
            case .header(let header):
                entry.kind = .header
                author = header.createdBy
                at = header.createdAt
            case .feedback(let feedback):
                entry.kind = .feedback
                author = feedback.recordedBy
                at = feedback.recordedAt
            case .unreadable:
                // Written by a newer asodesk: reported as such; its signature is checked by that version.
                return
            }
        } else {
            return
        }
        checked += 1
        entry.claimedAuthor = author
        switch record.signature {
        case .none:
            found.append(entry)
        case .malformed:
            entry.problem = .malformedSignature
            found.append(entry)
        case .signed(let signature):
            let signer = signature.signerID ?? "?"
            if entry.kind == .repairMarker {
                entry.claimedAuthor = signer
                guard operators[signer]?.role == .lead else {
                    entry.problem = .markerNotByLead(signer: signer)
                    found.append(entry)
                    return
                }
            } else if author != signer {
                entry.problem = .signedByOther(signer: signer)
                found.append(entry)
                return
            }
            let keyID = signature.keyID
            guard let registered = keys[signer]?[keyID], let key = registered.first else {
                entry.problem = .unregisteredKey(signer: signer, keyID: keyID.hex)
                found.append(entry)
                return
            }
            let instant = at ?? .distantPast
            guard let valid = registered.first(where: { $0.isValid(at: instant) }) else {
                entry.problem = .keyNotValid(signer: signer, keyID: keyID.hex, at: instant)
                found.append(entry)
                return
            }
            _ = key
            entry.problem = .wrongSignature(signer: signer)
            batch.add(entry, message: signature.message(kind: record.kind, encoding: record.encoding, sequence: record.sequence,
                                                        previousHash: record.previousHash, body: record.payload),
                      signature: signature.signatureBytes, publicKey: valid.publicKey)
            if batch.count >= Self.batchSize { found += batch.failures() }
        }
    }

    /// Runs the verifications still pending; returns every record found unproven, in log order.
    public mutating func finish() -> [UnprovenRecord] {
        found += batch.failures()
        let all = found.sorted { $0.sequence < $1.sequence || ($0.sequence == $1.sequence && $0.offset < $1.offset) }
        found = []
        return all
    }
}

/// Ed25519 verifications collected to run on every core at once.
struct SignatureBatch {
    private struct Shared: @unchecked Sendable {
        let messages: UnsafeRawBufferPointer
        let signatures: UnsafeRawBufferPointer
        let results: UnsafeMutableBufferPointer<Bool>
    }

    private var entries: [UnprovenRecord] = []
    private var messages: [UInt8] = []
    private var ranges: [Range<Int>] = []
    private var signatures: [UInt8] = []
    private var publicKeys: [[UInt8]] = []
    var count: Int { entries.count }

    mutating func add(_ entry: UnprovenRecord, message: [UInt8], signature: UnsafeRawBufferPointer, publicKey: [UInt8]) {
        entries.append(entry)
        ranges.append(messages.count..<(messages.count + message.count))
        messages += message
        signatures += signature
        publicKeys.append(publicKey)
    }

    /// Verifies everything collected and empties the batch; returns the entries that failed.
    mutating func failures() -> [UnprovenRecord] {
        guard !entries.isEmpty else { return [] }
        let total = entries.count
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, total / 256 + 1))
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: total)
        results.initialize(repeating: true)
        defer { results.deallocate() }
        let ranges = self.ranges, publicKeys = self.publicKeys
        messages.withUnsafeBytes { messageBytes in
            signatures.withUnsafeBytes { signatureBytes in
                // Each worker writes only its own indices of `results`; the inputs are only read.
                let shared = Shared(messages: messageBytes, signatures: signatureBytes, results: results)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var index = worker
                    while index < total {
                        let message = UnsafeRawBufferPointer(rebasing: shared.messages[ranges[index]])
                        let signature = UnsafeRawBufferPointer(rebasing: shared.signatures[(index * 64)..<(index * 64 + 64)])
                        shared.results[index] = FrameSignature.isValid(signature, of: message, publicKey: publicKeys[index])
                        index += workers
                    }
                }
            }
        }
        var failed: [UnprovenRecord] = []
        for index in 0..<total where !results[index] { failed.append(entries[index]) }
        entries = []; messages = []; self.ranges = []; signatures = []; self.publicKeys = []
        return failed
    }
}

/// What `asodesk verify` found about authorship (`AuthorshipAudit.run`).
public struct AuthorshipReport: Sendable, Equatable {
    /// False when the site config lists no operators: nothing to check against.
    public var active: Bool
    public var checked: Int
    public var unsignedWithoutOperators: Int
    public var unproven: [UnprovenRecord]
    public var proven: Int { checked - unproven.count }
}

public enum AuthorshipAudit {
    /// Reads the whole log (streamed, read-only) and checks every record's signature.
    public static func run(path: String, config: SiteConfig) throws -> AuthorshipReport {
        let log = try EventLog(path: path, create: false, readOnly: true)
        var checker = AuthorshipChecker(config: config)
        try log.readNew { checker.check($0) }
        let unproven = checker.finish()
        return AuthorshipReport(active: checker.isActive, checked: checker.checked,
                                unsignedWithoutOperators: checker.unsignedWithoutOperators, unproven: unproven)
    }
}
