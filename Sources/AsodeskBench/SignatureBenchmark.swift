import AsodeskApp
import AsodeskDomain
import AsodeskLog
import Foundation

/// docs/performance.md, "Signatures": a full authorship check of a signed log, and a desk's start
/// from a snapshot with signatures on (only the records after the snapshot are checked).
public enum SignatureBenchmark {
    public struct Figures {
        public var events: Int
        public var writeSeconds: Double
        public var verifySeconds: Double
        public var unproven: Int
        public var fullStartSeconds: Double
        public var snapshotStartSeconds: Double
        public var cores: Int
    }

    /// Writes `events` signed complaint notes by the demo's people (1,000 frames per append), then
    /// times `AuthorshipAudit.run` over the file and desk starts with and without a snapshot.
    public static func run(in folder: String, events: Int) throws -> Figures {
        let ring = DemoSite.keyring()
        var config = SiteConfig.standard
        config.operators = ring.operators
        let path = folder + "/signed.log"
        let log = try EventLog(path: path, create: true)
        let base = Date(timeIntervalSince1970: 1_795_420_800)
        let started = Date()
        var written = 0
        var serial = 1
        while written < events {
            let signer = ring.signers[written / 1000 % ring.signers.count]
            let actor = Actor(id: signer.signerID, role: ring.operators.first { $0.id == signer.signerID }!.role)
            let count = min(1000, events - written)
            let payloads = (0..<count).map { index in
                EventCodec.encode(ComplaintEvent(number: ComplaintNumber(year: 2026, serial: serial + index % 50), actor: actor,
                                                 occurredAt: base, recordedAt: base.addingTimeInterval(Double(written + index)),
                                                 action: .note(text: "Notatka \(written + index): klient dzwonił w sprawie naprawy.")))
            }
            try log.append(encoding: EventCodec.eventEncoding, signer: signer) { _ in payloads }
            written += count
            serial += 50
        }
        let writeSeconds = Date().timeIntervalSince(started)
        let verifyStart = Date()
        let report = try AuthorshipAudit.run(path: path, config: config)
        let verifySeconds = Date().timeIntervalSince(verifyStart)

        let library = try ProcedureLibrary.bundled()
        let store = SnapshotStore(logPath: path, rewriteAfterRecords: .max, environment: ["HOME": folder])
        let fullStart = Date()
        let full = try Desk(log: try EventLog(path: path, create: false), config: config, procedures: library, snapshots: store)
        let fullStartSeconds = Date().timeIntervalSince(fullStart)
        try full.saveSnapshot()
        let resumeStart = Date()
        let resumed = try Desk(log: try EventLog(path: path, create: false), config: config, procedures: library, snapshots: store)
        let snapshotStartSeconds = Date().timeIntervalSince(resumeStart)
        guard resumed.startedFromSnapshot else { throw CocoaError(.fileReadCorruptFile) }
        return Figures(events: events, writeSeconds: writeSeconds, verifySeconds: verifySeconds, unproven: report.unproven.count,
                       fullStartSeconds: fullStartSeconds, snapshotStartSeconds: snapshotStartSeconds,
                       cores: ProcessInfo.processInfo.activeProcessorCount)
    }
}
