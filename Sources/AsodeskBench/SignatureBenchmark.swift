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
        /// Baseline: reading the file and checking every checksum and the hash chain, no signatures.
        public var chainVerifySeconds: Double
        /// The same file with every signature checked against the site's keys (chain included).
        public var verifySeconds: Double
        public var unproven: Int
        public var fullStartSeconds: Double
        public var snapshotStartSeconds: Double
        public var cores: Int
    }

    /// Writes `events` signed complaint notes by the demo's people (1,000 frames per append), then
    /// times the chain check alone (the baseline), `AuthorshipAudit.run` over the file, and desk
    /// starts with and without a snapshot.
    public static func run(in folder: String, events: Int) throws -> Figures {
        let ring = DemoSite.keyring()
        var config = SiteConfig.standard
        config.operators = ring.operators
        let path = folder + "/signed.log"
        let log = try EventLog(path: path, create: true)
        let base = Date(timeIntervalSince1970: 1_795_420_800)
        let intake = Result {
            try IntakeForm(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer, customer: "Tomasz Kowalski",
                           phone: "601 234 567", plate: "WX 12345", vin: "WVWZZZ1JZXW000001",
                           summary: "Po wymianie sprzęgła nadal szarpie.").validated()
        }
        let started = Date()
        var written = 0
        var serial = 1
        while written < events {
            let signer = ring.signers[written / 1000 % ring.signers.count]
            let actor = Actor(id: signer.signerID, role: ring.operators.first { $0.id == signer.signerID }!.role)
            let count = min(1000, events - written)
            // Each batch opens 50 complaints and writes notes on them: a history a desk would hold.
            let payloads = try (0..<count).map { index in
                let action: ComplaintAction = index < 50
                    ? .receive(try intake.get())
                    : .note(text: "Notatka \(written + index): klient dzwonił w sprawie naprawy.")
                return EventCodec.encode(ComplaintEvent(number: ComplaintNumber(year: 2026, serial: serial + index % 50), actor: actor,
                                                        occurredAt: base, recordedAt: base.addingTimeInterval(Double(written + index)),
                                                        action: action))
            }
            try log.append(encoding: EventCodec.eventEncoding, signer: signer) { _ in payloads }
            written += count
            serial += 50
        }
        let writeSeconds = Date().timeIntervalSince(started)
        let chainStart = Date()
        guard try EventLog.verify(path: path).isHealthy else { throw CocoaError(.fileReadCorruptFile) }
        let chainVerifySeconds = Date().timeIntervalSince(chainStart)
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
        return Figures(events: events, writeSeconds: writeSeconds, chainVerifySeconds: chainVerifySeconds, verifySeconds: verifySeconds, unproven: report.unproven.count,
                       fullStartSeconds: fullStartSeconds, snapshotStartSeconds: snapshotStartSeconds,
                       cores: ProcessInfo.processInfo.activeProcessorCount)
    }
}
