import AsodeskDomain
import Foundation
import Testing
@testable import AsodeskApp
@testable import AsodeskLog

/// Issue 12.4: every event signed by its author, and `verify` names each one that is not.
@Suite struct SignatureTests {
    static let ring = DemoSite.sharedKeyring
    static let lead = Actor(id: "anowak", role: .lead)
    static var site: SiteConfig {
        var config = SiteConfig.standard
        config.operators = ring.operators
        return config
    }
    static func signer(_ id: String) -> Ed25519FrameSigner { ring.signers.first { $0.signerID == id }! }

    /// A desk of the demo's people, two complaints written and signed.
    func signedLog() throws -> (DeskFixture, Desk) {
        let fixture = try DeskFixture()
        let desk = try fixture.desk(config: Self.site)
        try desk.perform(.receive(try DeskFixture.intake()), on: nil, by: DeskFixture.advisor, now: DeskFixture.now)
        try desk.perform(.receive(try DeskFixture.intake("Ewa Mazur")), on: nil, by: Self.lead, now: DeskFixture.now)
        return (fixture, desk)
    }

    func audit(_ fixture: DeskFixture, _ config: SiteConfig = SignatureTests.site) throws -> [UnprovenRecord] {
        try AuthorshipAudit.run(path: fixture.path, config: config).unproven
    }

    /// Appends one event frame the way a script would: correct CRC and chain, signed as told.
    func appendRaw(_ fixture: DeskFixture, actor: Actor, signer: (any FrameSigner)?) throws {
        let log = try EventLog(path: fixture.path, create: false)
        let event = ComplaintEvent(number: ComplaintNumber(year: 2026, serial: 1), actor: actor, occurredAt: DeskFixture.now,
                                   recordedAt: DeskFixture.now, action: .note(text: "x"))
        try log.append(encoding: EventCodec.eventEncoding, signer: signer) { _ in [EventCodec.encode(event)] }
    }

    @Test func aSignedDeskVerifiesCleanAndRecordsCarryTheirAuthorsSignature() throws {
        let (fixture, desk) = try signedLog()
        #expect(try audit(fixture).isEmpty)
        #expect(desk.logWarnings.isEmpty)
        let records = try EventLog(path: fixture.path, create: false, readOnly: true).readNew()
        #expect(records.map { $0.signature?.signerID } == ["pwisniewski", "anowak"])
        #expect(records[0].signature?.keyID == Self.signer("pwisniewski").keyID)
        // The payload handed out is the event alone, without the trailer.
        guard case .complaint(let event) = EventCodec.decode(records[0]) else { Issue.record("not an event"); return }
        #expect(EventCodec.encode(event) == records[0].payload)
    }

    @Test func aScriptAppendingAWellFormedUnsignedFrameIsNamedByVerifyAndTheDesk() throws {
        let (fixture, _) = try signedLog()
        try appendRaw(fixture, actor: Self.lead, signer: nil)
        let found = try audit(fixture)
        #expect(found.map(\.problem) == [.unsigned])
        #expect(found.first?.sequence == 3 && found.first?.claimedAuthor == "anowak" && found.first?.number?.serial == 1)
        #expect(try EventLog.verify(path: fixture.path).isHealthy, "the chain and checksums are fine: only the author is not proven")
        let fresh = try fixture.desk(config: Self.site)
        #expect(fresh.logWarnings == [.unprovenAuthors(1, firstSequence: 3)])
        #expect(fresh.unprovenHistory(of: ComplaintNumber(year: 2026, serial: 1)) == [1: .unsigned])
    }

    @Test func aForgedSignatureWithAKeyTheSiteDoesNotRegisterIsNamed() throws {
        let (fixture, _) = try signedLog()
        let forger = try Ed25519FrameSigner(signerID: "anowak", seed: Array(repeating: 7, count: 32))
        try appendRaw(fixture, actor: Self.lead, signer: forger)
        #expect(try audit(fixture).map(\.problem) == [.unregisteredKey(signer: "anowak", keyID: forger.keyID.hex)])
    }

    @Test func anEventSignedBySomeoneOtherThanItsActorIsNamed() throws {
        let (fixture, _) = try signedLog()
        // A trainee signs with their own, registered key an event that claims the lead did it.
        try appendRaw(fixture, actor: Self.lead, signer: Self.signer("jlewandowska"))
        #expect(try audit(fixture).map(\.problem) == [.signedByOther(signer: "jlewandowska")])
    }

    @Test func aKeyOutsideItsValidityOrRevokedDoesNotProveTheEvent() throws {
        let (fixture, _) = try signedLog()
        var expired = Self.site, notYet = Self.site, removed = Self.site
        let index = expired.operators.firstIndex { $0.id == "anowak" }!
        expired.operators[index].keys[0].validUntil = DeskFixture.now.addingTimeInterval(-1)
        notYet.operators[index].keys[0].validFrom = DeskFixture.now.addingTimeInterval(1)
        removed.operators[index].keys = []
        let keyID = Self.signer("anowak").keyID.hex
        #expect(try audit(fixture, expired).map(\.problem) == [.keyNotValid(signer: "anowak", keyID: keyID, at: DeskFixture.now)])
        #expect(try audit(fixture, notYet).map(\.problem) == [.keyNotValid(signer: "anowak", keyID: keyID, at: DeskFixture.now)])
        #expect(try audit(fixture, removed).map(\.problem) == [.unregisteredKey(signer: "anowak", keyID: keyID)])
        // Revoked from a later date: events before it still proven.
        var later = Self.site
        later.operators[index].keys[0].validUntil = DeskFixture.now.addingTimeInterval(3600)
        #expect(try audit(fixture, later).isEmpty)
    }

    @Test func aTamperedPayloadWithRecomputedChecksumAndChainIsWronglySigned() throws {
        let (fixture, _) = try signedLog()
        let records = try EventLog(path: fixture.path, create: false, readOnly: true).readNew()
        let last = records[1]
        var body = last.payload
        body[body.count - 3] ^= 0x01  // a letter of the summary
        let forged = FrameCodec.encode(kind: last.kind, encoding: last.encoding, sequence: last.sequence,
                                       previousHash: last.previousHash, payload: body, trailer: last.trailer)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture.path)))
        bytes.replaceSubrange(Int(last.offset)..., with: forged.bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: fixture.path))
        #expect(try EventLog.verify(path: fixture.path).isHealthy, "checksum and chain recomputed")
        #expect(try audit(fixture).map(\.problem) == [.wrongSignature(signer: "anowak")])
    }

    @Test func withOperatorsAnActorWithoutAUsableKeyIsRefusedAndNothingIsWritten() throws {
        let fixture = try DeskFixture()
        let bare = try Desk(log: EventLog(path: fixture.path, create: true), config: Self.site, procedures: fixture.library)
        #expect(throws: DeskError.self) { try bare.perform(.receive(try DeskFixture.intake()), on: nil, by: Self.lead, now: DeskFixture.now) }
        let stranger = try Ed25519FrameSigner(signerID: "anowak", seed: Array(repeating: 9, count: 32))
        bare.useSigningKey(stranger)
        do {
            try bare.perform(.receive(try DeskFixture.intake()), on: nil, by: Self.lead, now: DeskFixture.now)
            Issue.record("an unregistered key signed")
        } catch DeskError.keyNotRegistered(let id, let keyID, let publicKey, _) {
            #expect(id == "anowak" && keyID == stranger.keyID.hex && publicKey == Data(stranger.publicKey).base64EncodedString())
        }
        #expect(bare.log.lastSequence == 0)
        // One person's desk (no operators): unsigned events are fine, nothing to check against.
        let single = try DeskFixture()
        let solo = try Desk(log: EventLog(path: single.path, create: true), config: .standard, procedures: single.library)
        try solo.perform(.receive(try DeskFixture.intake()), on: nil, by: Self.lead, now: DeskFixture.now)
        let report = try AuthorshipAudit.run(path: single.path, config: .standard)
        #expect(!report.active && report.unproven.isEmpty && report.unsignedWithoutOperators == 1)
    }

    @Test func trainingEntriesAreSignedAndCheckedAtTheirCompletionTime() throws {
        let (fixture, desk) = try signedLog()
        try desk.recordTraining(procedure: "complaint-intake", version: 4, steps: 6, by: DeskFixture.trainee, now: DeskFixture.now)
        #expect(try audit(fixture).isEmpty)
        var expired = Self.site
        let index = expired.operators.firstIndex { $0.id == "jlewandowska" }!
        expired.operators[index].keys[0].validUntil = DeskFixture.now.addingTimeInterval(-60)
        let found = try audit(fixture, expired)
        #expect(found.map(\.kind) == [.training] && found.first?.claimedAuthor == "jlewandowska")
    }

    @Test func aRepairMarkerIsProvenOnlyWhenAShiftLeadSignedIt() throws {
        for (signer, expected) in [(Self.signer("anowak"), [AuthorshipProblem]()),
                                   (Self.signer("pwisniewski"), [.markerNotByLead(signer: "pwisniewski")])] {
            let (fixture, _) = try signedLog()
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: fixture.path)))
            bytes += Array(repeating: 0x5A, count: 100)  // garbage at the end: repair sets it aside with a marker
            try Data(bytes).write(to: URL(fileURLWithPath: fixture.path))
            _ = try EventLog.repair(path: fixture.path, now: DeskFixture.now, signer: signer)
            #expect(try audit(fixture).map(\.problem) == expected)
        }
    }

    @Test func aDeskStartingFromASnapshotKeepsWhatItFoundAndChecksOnlyWhatFollows() throws {
        let (fixture, _) = try signedLog()
        try appendRaw(fixture, actor: Self.lead, signer: nil)
        let store = SnapshotStore(logPath: fixture.path, rewriteAfterRecords: 1, environment: ["HOME": fixture.directory])
        let first = try Desk(log: EventLog(path: fixture.path, create: false), config: Self.site, procedures: fixture.library, snapshots: store)
        #expect(first.unprovenRecords.count == 1)
        try first.saveSnapshot()
        try appendRaw(fixture, actor: DeskFixture.advisor, signer: Self.signer("anowak"))
        let resumed = try Desk(log: EventLog(path: fixture.path, create: false), config: Self.site, procedures: fixture.library, snapshots: store)
        #expect(resumed.startedFromSnapshot)
        #expect(resumed.unprovenRecords.map(\.sequence) == [3, 4])
        // Other keys in the site config: the snapshot's findings do not count, a full replay checks all.
        var rotated = Self.site
        rotated.operators[0].keys.append(OperatorKey(publicKey: Array(repeating: 1, count: 32), validFrom: DeskFixture.now))
        let replayed = try Desk(log: EventLog(path: fixture.path, create: false), config: rotated, procedures: fixture.library, snapshots: store)
        #expect(!replayed.startedFromSnapshot && replayed.unprovenRecords.map(\.sequence) == [3, 4])
    }

    @Test func anOlderReaderSeesTheSignedFlagAsReservedAndTheBinaryPayloadReadsWithTheTrailerAfterIt() throws {
        let (fixture, _) = try signedLog()
        let record = try EventLog(path: fixture.path, create: false, readOnly: true).readNew()[0]
        // What an asodesk before signatures would decode: the whole payload region (body + trailer).
        let whole = record.payload + record.trailer
        guard case .complaint(let event) = BinaryEventCodec.decode(whole) else { Issue.record("unreadable"); return }
        #expect(event.actor.id == "pwisniewski")
    }
}

@Suite struct SigningKeyFileTests {
    static let cheap = Passphrase.Cost(log2Rounds: 10, blockSize: 8, parallelism: 1)
    static let today = LocalDate(year: 2026, month: 12, day: 3)

    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "asodesk-keys-\(UUID().uuidString)/keys"
        return path
    }

    @Test func aPlainKeyIsWrittenPrivateAndReadBack() throws {
        let store = SigningKeyStore(folder: try folder())
        let file = try SigningKeyFile.generate(operatorID: "anowak", created: Self.today, passphrase: nil)
        try store.save(file, rotate: false, today: Self.today)
        var info = stat()
        #expect(stat(store.folder, &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(stat(store.path(of: "anowak"), &info) == 0 && info.st_mode & 0o777 == 0o600)
        let loaded = try store.load("anowak")
        #expect(loaded == file)
        #expect(try loaded.signer(passphrase: nil).publicKey == file.publicKey)
        #expect(file.siteConfigLines(validFrom: Self.today).contains("public = \"\(file.publicKeyBase64)\"\nvalid_from = 2026-12-03"))
    }

    @Test func aKeyFileOthersMayReadOrWriteIsRefusedWithTheFix() throws {
        let store = SigningKeyStore(folder: try folder())
        try store.save(try SigningKeyFile.generate(operatorID: "anowak", created: Self.today, passphrase: nil), rotate: false, today: Self.today)
        for mode: mode_t in [0o640, 0o604, 0o620, 0o602] {
            chmod(store.path(of: "anowak"), mode)
            #expect(throws: SigningKeyProblem.notPrivate(path: store.path(of: "anowak"), mode: UInt32(mode))) { try store.load("anowak") }
        }
        #expect(LogText.keyProblem(.notPrivate(path: "/k", mode: 0o644)).en.contains("chmod 600 /k"))
        chmod(store.path(of: "anowak"), 0o600)
        _ = try store.load("anowak")
        #expect(throws: SigningKeyProblem.missing(operatorID: "kzielinska", path: store.path(of: "kzielinska"))) { try store.load("kzielinska") }
    }

    @Test func aSealedKeyOpensOnlyWithItsPassphrase() throws {
        let file = try SigningKeyFile.generate(operatorID: "kzielinska", created: Self.today, passphrase: "zielony kot", cost: Self.cheap)
        #expect(file.isSealed && !file.text.contains("seed "))
        let parsed = try SigningKeyFile.parse(file.text, path: "k")
        #expect(throws: SigningKeyProblem.wrongPassphrase(operatorID: "kzielinska")) { try parsed.signer(passphrase: "zielony pies") }
        #expect(throws: SigningKeyProblem.passphraseNeeded(operatorID: "kzielinska")) { try parsed.signer(passphrase: nil) }
        #expect(try parsed.signer(passphrase: "zielony kot").publicKey == file.publicKey)
        // The box is bound to its operator: the same box under another id does not open.
        var swapped = parsed
        swapped.operatorID = "anowak"
        #expect(throws: SigningKeyProblem.wrongPassphrase(operatorID: "anowak")) { try swapped.signer(passphrase: "zielony kot") }
    }

    @Test func anExistingKeyIsNeverOverwrittenAndARotationKeepsTheOldOne() throws {
        let store = SigningKeyStore(folder: try folder())
        let old = try SigningKeyFile.generate(operatorID: "anowak", created: Self.today, passphrase: nil)
        try store.save(old, rotate: false, today: Self.today)
        let new = try SigningKeyFile.generate(operatorID: "anowak", created: Self.today, passphrase: nil)
        #expect(throws: FileCreationError.exists(path: store.path(of: "anowak"))) { try store.save(new, rotate: false, today: Self.today) }
        let kept = try store.save(new, rotate: true, today: Self.today)
        #expect(kept == store.path(of: "anowak") + ".2026-12-03")
        #expect(try store.load("anowak") == new)
        #expect(try String(contentsOfFile: kept!, encoding: .utf8) == old.text)
    }

    @Test func theDemoSiteSignsEveryEventAndVerifiesClean() throws {
        let folder = NSTemporaryDirectory() + "asodesk-demo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let now = DeskFixture.now
        let prepared = try DemoSite.prepare(folder: folder, base: .standard, account: "someone", now: now)
        var info = stat()
        #expect(stat(prepared.siteFile, &info) == 0 && info.st_mode & 0o777 == 0o640)
        #expect(DemoSite.isDemoFolder(folder))
        #expect(prepared.config.operators.first { $0.id == "anowak" }?.login == "someone")
        let desk = try Desk(log: EventLog(path: folder + "/demo.log", create: true), config: prepared.config, procedures: try ProcedureLibrary.bundled())
        desk.useSigningKeys(prepared.signers)
        _ = try DemoLog.write(into: desk, now: now, seed: 2026)
        // The site.toml as written reads back (minimal [[operator.key]] parsing) with the same keys.
        let reread = try SiteConfigLoader.load(path: prepared.siteFile)
        #expect(reread.operators.map(\.keys) == prepared.config.operators.map(\.keys))
        let report = try AuthorshipAudit.run(path: folder + "/demo.log", config: reread)
        #expect(report.active && report.checked == Int(desk.log.lastSequence) && report.unproven.isEmpty)
    }
}
