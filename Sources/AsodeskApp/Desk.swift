import AsodeskDomain
import AsodeskLog
import Foundation

public enum DeskError: Error, Sendable, CustomStringConvertible {
    case noSuchComplaint(String)
    case newerHistory(count: Int, firstSequence: UInt64, reason: String)
    case unknownOperator(id: String, known: [String])
    /// A complaint given to someone the desk does not know (`Desk.assignees`): the nearest known
    /// ids, all of them, and whether they come from the site config (else from the log).
    case unknownAssignee(id: String, closest: [String], known: [String], configured: Bool)
    /// The desk knows the complaint but its records could not be read back from the log.
    case unreadableComplaint(String)
    /// Operators are configured, and this one has no private key in use (`asodesk key new`).
    case noSigningKey(id: String)
    /// The key in use is not registered for the operator in the site config, or not valid now.
    case keyNotRegistered(id: String, keyID: String, publicKey: String?, today: LocalDate)

    /// In English, as logs and tests quote it.
    public var description: String { text.en }

    /// What went wrong and what to do, in both languages: the command line and the dashboard say the same.
    public var text: LocalizedText {
        switch self {
        case .noSuchComplaint(let text):
            return LocalizedText(
                "Nie ma reklamacji \(text). Sprawdź numer (np. R/2026/0042); `asodesk list --all` pokazuje wszystkie.",
                "There is no complaint \(text). Check the number (like R/2026/0042); `asodesk list --all` shows every one.")
        case .unreadableComplaint(let text):
            return LocalizedText(
                "Nie udało się odczytać zapisów \(text) z logu (zmienił się w międzyczasie albo jest uszkodzony). Spróbuj ponownie; jeśli to się powtarza, uruchom `asodesk verify`.",
                "The records of \(text) could not be read back from the log (it changed meanwhile, or is damaged). Try again; if it persists, run `asodesk verify`.")
        case .newerHistory(let count, let first, let reason):
            return LocalizedText(
                "Nie zapisano: ta wersja asodesk nie umie odczytać \(Wording.pl(count, one: "zapisu", few: "zapisów", many: "zapisów")) logu od numeru \(first) (\(reason)). "
                    + "Nic nie zostanie zapisane do czasu aktualizacji asodesk; odczyt nadal działa.",
                "\(Wording.en(count, "record", "records")) of the log, from sequence \(first), cannot be read by this asodesk (\(reason)). "
                    + "Nothing is written until asodesk is updated; reading still works.")
        case .unknownOperator(let id, let known):
            let typed = SafeText.singleLine(id, maxCharacters: 40), list = known.joined(separator: ", ")
            return LocalizedText(
                "„\(typed)” nie jest operatorem tego stanowiska. Znani operatorzy: \(list). "
                    + "Użyj jednego z nich albo poproś kierownika zmiany o dopisanie tej osoby do konfiguracji (site.toml obok logu).",
                "'\(typed)' is not an operator of this site. Known operators: \(list). "
                    + "Use one of them, or ask the shift lead to add the person to the site config (site.toml beside the log).")
        case .unknownAssignee(let id, let closest, let known, let configured):
            let typed = SafeText.singleLine(id, maxCharacters: 40), list = known.joined(separator: ", ")
            let guessPL = closest.isEmpty ? "" : " Czy chodzi o \(closest.joined(separator: " lub "))?"
            let guessEN = closest.isEmpty ? "" : " Did you mean \(closest.joined(separator: " or "))?"
            return LocalizedText(
                "Nie zapisano: „\(typed)” nie jest osobą znaną temu stanowisku.\(guessPL) "
                    + "\(configured ? "Operatorzy stanowiska" : "Osoby znane z logu"): \(list). Nową osobę dopisuje kierownik zmiany "
                    + "jako [[operator]] (id, name, role, login) w konfiguracji, site.toml obok logu (zob. docs/asodesk.example.toml).",
                "'\(typed)' is not a person this desk knows, so nothing was saved.\(guessEN) "
                    + "\(configured ? "Operators of this site" : "People this log knows"): \(list). A new person is added by the shift lead "
                    + "as an [[operator]] (id, name, role, login) in the site config, site.toml beside the log (see docs/asodesk.example.toml).")
        case .noSigningKey(let id):
            return LocalizedText(
                "\(id) nie ma na tym komputerze klucza do podpisu, a to stanowisko podpisuje każde zdarzenie kluczem autora. "
                    + "Uruchom `asodesk key new --as \(id)` i przekaż wypisane wiersze kierownikowi zmiany do konfiguracji.",
                "\(id) has no signing key on this machine, and this site signs every event with its author's key. "
                    + "Run `asodesk key new --as \(id)` and give the lines it prints to the shift lead for the site config.")
        case .keyNotRegistered(let id, let keyID, let publicKey, let today):
            let lines = publicKey.map { "\n[[operator.key]]\npublic = \"\($0)\"\nvalid_from = \(today)" } ?? ""
            return LocalizedText(
                "Klucz \(keyID) osoby \(id) nie jest zarejestrowany dla \(id) w konfiguracji stanowiska albo nie jest teraz ważny: "
                    + "nic nie zapisano. Przekaż te wiersze kierownikowi zmiany do site.toml (`asodesk key show` wypisze je ponownie):\(lines)",
                "The signing key \(keyID) of \(id) is not registered for \(id) in the site config, or not valid now: "
                    + "nothing was saved. Give these lines to the shift lead for site.toml (`asodesk key show` prints them again):\(lines)")
        }
    }
}

/// The desk over one log: replays it into state, follows other writers, and writes actions
/// after checking them against the latest state under the log's lock.
public final class Desk {
    public let config: SiteConfig
    public let procedures: ProcedureLibrary
    public let calendar: BusinessCalendar
    public let log: EventLog
    public private(set) var state = DeskState()
    /// Reads finished complaints back from the log on demand (see `ComplaintTable`).
    private let finishedSource: LogFinishedComplaintSource
    /// The file whose offsets the state refers to.
    private var stateFile: LogFileIdentity

    /// Where start-up snapshots of this log are read and written; nil: none (always a full replay).
    public let snapshots: SnapshotStore?
    /// Sequence of the last snapshot used or written (0: none): a new one is written once the log
    /// has grown by `rewriteAfterRecords` past it.
    public private(set) var snapshotSequence: UInt64 = 0
    /// True when this desk started from a snapshot and read only the records after it.
    public private(set) var startedFromSnapshot = false
    /// The private keys that sign what this desk writes, by operator id (`useSigningKey`).
    private var signingKeys: [String: any FrameSigner] = [:]
    /// Checks the signatures of every record the desk folds (after its snapshot, if it used one).
    private var authorship: AuthorshipChecker

    public init(log: EventLog, config: SiteConfig, procedures: ProcedureLibrary, snapshots: SnapshotStore? = nil) throws {
        self.log = log
        self.config = config
        self.procedures = procedures
        self.calendar = try BusinessCalendar(config.calendar)
        self.snapshots = snapshots
        finishedSource = LogFinishedComplaintSource(log: log)
        authorship = AuthorshipChecker(config: config)
        stateFile = log.readingFile
        state.setAsideFinished(readingBackFrom: finishedSource)
        if let snapshot = snapshots?.load(), let restored = try restore(snapshot) {
            state = restored
            snapshotSequence = snapshot.checkpoint.sequence
            startedFromSnapshot = true
        }
        try refresh()
    }

    /// Reads what other processes appended. Returns how many records were new.
    @discardableResult
    public func refresh() throws -> Int {
        // Streamed: a full replay holds one chunk of the log, not the whole file. A log that a
        // repair replaced is reopened before the first record; its records are then folded by
        // replayAgainIfReplaced, since the state's offsets point into the old file.
        var count = 0
        let fileBefore = stateFile
        try log.readNew { record in
            count += 1
            if log.readingFile == fileBefore {
                state.apply(record)
                authorship.check(record)
            }
        }
        settleAuthorship()
        _ = try replayAgainIfReplaced()
        // Subtracted, not added: `rewriteAfterRecords` may be `.max` (never), which a sum overflows.
        if let snapshots, log.lastSequence >= snapshotSequence,
           log.lastSequence - snapshotSequence >= snapshots.rewriteAfterRecords {
            // Only a cache: failing to write it costs the next start time, nothing else.
            _ = try? saveSnapshot()
        }
        return count
    }

    /// Folds records read under the lock (or written by this desk), checking their signatures.
    private func fold(_ records: [LogRecord]) {
        for record in records {
            record.withView { view in
                state.apply(view)
                authorship.check(view)
            }
        }
        settleAuthorship()
    }

    /// Runs the pending signature checks and keeps what they found.
    private func settleAuthorship() {
        let found = authorship.finish()
        if !found.isEmpty { state.unproven += found }
    }

    // MARK: Signing

    /// The private key that signs what `signer.signerID` writes at this desk (set by the command
    /// line or the dashboard once it knows who is acting; the demo sets one per person).
    public func useSigningKey(_ signer: any FrameSigner) {
        signingKeys[signer.signerID] = signer
    }

    public func useSigningKeys(_ signers: [any FrameSigner]) {
        for signer in signers { useSigningKey(signer) }
    }

    /// The key that signs `actor`'s records: with operators configured it must exist, be
    /// registered for them and valid at `now`; without, a key in use still signs, none is fine.
    private func signer(for actor: Actor, now: Date) throws -> (any FrameSigner)? {
        let key = signingKeys[actor.id]
        guard !config.operators.isEmpty else { return key }
        guard let key else { throw DeskError.noSigningKey(id: actor.id) }
        let person = config.operators.first { $0.id == actor.id }
        let registered = person?.keys.contains { FrameKeyID(publicKey: $0.publicKey) == key.keyID && $0.isValid(at: now) } ?? false
        guard registered else {
            let publicKey = (key as? Ed25519FrameSigner).map { Data($0.publicKey).base64EncodedString() }
            throw DeskError.keyNotRegistered(id: actor.id, keyID: key.keyID.hex, publicKey: publicKey, today: calendar.localDate(of: now))
        }
        return key
    }

    /// Records whose author the signatures do not prove (empty on a site without operators).
    public var unprovenRecords: [UnprovenRecord] { state.unproven }

    /// The unproven events of one complaint, by their index in its history.
    public func unprovenHistory(of number: ComplaintNumber) -> [Int: AuthorshipProblem] {
        let mine = state.unproven.filter { $0.number == number && $0.kind == .event }
        guard !mine.isEmpty, let offsets = state.complaints.recordOffsets(of: number) else { return [:] }
        var result: [Int: AuthorshipProblem] = [:]
        for record in mine { if let index = offsets.firstIndex(of: record.offset) { result[index] = record.problem } }
        return result
    }

    // MARK: Snapshot

    /// The state a snapshot describes, if the log still holds exactly the records it names: the
    /// complaints held in full are read and folded again from their frames (each checksum checked),
    /// then the log resumes after the checkpoint. nil (and the log untouched) otherwise.
    private func restore(_ snapshot: DeskSnapshot) throws -> DeskState? {
        var resident: [ComplaintNumber: Complaint] = [:]
        resident.reserveCapacity(snapshot.residentOffsets.count)
        for (number, offsets) in snapshot.residentOffsets {
            guard offsets.allSatisfy({ $0 < snapshot.checkpoint.endOffset }),
                  let complaint = finishedSource.complaint(number, at: offsets) else { return nil }
            resident[number] = complaint
        }
        // What the snapshot found of signatures holds only for the keys it was checked against.
        guard snapshot.rest.authorshipKeys == AuthorshipChecker.fingerprint(of: config) else { return nil }
        guard try log.resume(at: snapshot.checkpoint) else { return nil }
        var restored = DeskState()
        restored.setAsideFinished(readingBackFrom: finishedSource)
        restored.complaints = ComplaintTable(resident: resident, residentOffsets: snapshot.residentOffsets, finished: snapshot.finished)
        restored.lastSequence = snapshot.lastSequence
        restored.training = snapshot.rest.training
        restored.repairedGaps = snapshot.rest.repairedGaps
        restored.unreadable = snapshot.rest.unreadable
        restored.orphans = snapshot.rest.orphans
        restored.recordedRoles = snapshot.rest.recordedRoles
        restored.unproven = snapshot.rest.unproven ?? []
        restored.header = snapshot.rest.header
        restored.misplacedHeaders = snapshot.rest.misplacedHeaders ?? []
        restored.feedback = snapshot.rest.feedback ?? []
        restored.improvements = Dictionary((snapshot.rest.improvements ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return restored
    }

    /// Writes a snapshot of the state as it stands (`refresh` does once the log has grown by
    /// `rewriteAfterRecords` past the last one). Not while the log is damaged:
    /// a desk that resumed from it would no longer see the damage. Returns the file written, or nil.
    @discardableResult
    public func saveSnapshot() throws -> String? {
        guard let snapshots, case .healthy = log.health, let checkpoint = log.checkpoint,
              log.readingFile == stateFile, checkpoint.sequence > 0 else { return nil }
        let snapshot = DeskSnapshot(
            logPath: log.path, checkpoint: checkpoint, lastSequence: state.lastSequence,
            residentOffsets: state.complaints.offsetsOfResident, finished: state.complaints.finished,
            rest: .init(training: state.training, repairedGaps: state.repairedGaps,
                        unreadable: state.unreadable, orphans: state.orphans, recordedRoles: state.recordedRoles,
                        unproven: state.unproven, authorshipKeys: AuthorshipChecker.fingerprint(of: config),
                        header: state.header, misplacedHeaders: state.misplacedHeaders, feedback: state.feedback,
                        improvements: state.improvements.values.sorted { $0.id < $1.id }))
        let path = try snapshots.save(snapshot)
        snapshotSequence = checkpoint.sequence
        return path
    }

    /// Writes a snapshot if the log moved on since the one this desk started from or last wrote
    /// (a dashboard quitting does, so the next start reads only what came after). Never throws:
    /// the snapshot is only a cache. Returns the file written, or nil.
    @discardableResult
    public func saveSnapshotIfMovedOn() -> String? {
        guard snapshots != nil, log.lastSequence > snapshotSequence else { return nil }
        return try? saveSnapshot()
    }

    /// After a repair replaced the log, the offsets of finished complaints point into the old file:
    /// build the state again from the new file. True when it did.
    private func replayAgainIfReplaced() throws -> Bool {
        guard log.readingFile != stateFile else { return false }
        let replay = try EventLog(path: log.path, create: false, readOnly: true)
        guard replay.readingFile == log.readingFile else { return false }
        var fresh = DeskState()
        fresh.setAsideFinished(readingBackFrom: finishedSource)
        // Only what the desk's own reader has reached: later records come through readNew.
        let reached = log.lastSequence
        var checker = AuthorshipChecker(config: config)
        try replay.readNew { record in
            if record.sequence <= reached {
                fresh.apply(record)
                checker.check(record)
            }
        }
        fresh.unproven = checker.finish()
        state = fresh
        stateFile = log.readingFile
        return true
    }

    public func complaint(_ text: String) throws -> Complaint {
        guard let number = ComplaintNumber(text: text) else { throw DeskError.noSuchComplaint(text) }
        return try complaint(number)
    }

    /// The complaint in full; a finished one is read back from the log, which can fail. The one
    /// way to read a complaint the table does not hold in full.
    public func complaint(_ number: ComplaintNumber) throws -> Complaint {
        if let complaint = state.complaints.heldInFull(number) { return complaint }
        guard let offsets = state.complaints.finishedOffsets(number) else { throw DeskError.noSuchComplaint(number.description) }
        guard let complaint = finishedSource.complaint(number, at: offsets) else { throw DeskError.unreadableComplaint(number.description) }
        return complaint
    }

    /// Finished complaints set aside, read back from the log in full, in the order asked (unknown
    /// numbers are left out). Throws when one of them cannot be read back.
    public func finishedComplaints(_ numbers: [ComplaintNumber]) throws -> [Complaint] {
        var wanted: [ComplaintNumber: [UInt64]] = [:]
        wanted.reserveCapacity(numbers.count)
        for number in numbers { if let offsets = state.complaints.finishedOffsets(number) { wanted[number] = offsets } }
        let read = Dictionary(finishedSource.complaints(wanted).map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        if let missing = numbers.first(where: { wanted[$0] != nil && read[$0] == nil }) {
            throw DeskError.unreadableComplaint(missing.description)
        }
        return numbers.compactMap { read[$0] }
    }

    /// Every complaint in full, by number: the open ones held in memory and, with
    /// `includingFinished`, the finished ones read back from the log (about as costly as replaying
    /// their records: for exports, `list --all`, `show --json` of many).
    public func allComplaints(includingFinished: Bool = true) throws -> [Complaint] {
        var all = state.complaints.inFull
        if includingFinished { all += try finishedComplaints(state.complaints.finishedNumbers) }
        return all.sorted { $0.number < $1.number }
    }

    /// Who is acting, from the operating system's account (see `Identity.resolve`): the site's
    /// operators and the ids this log already knows decide with the request.
    public func actor(account: String, isRoot: Bool, requestedID: String?, requestedRole: Role?,
                      pin: Identity.PINProvider) throws(Identity.Refusal) -> Actor {
        try Identity.resolve(Identity.Request(account: account, isRoot: isRoot, operators: config.operators,
                                              requestedID: requestedID, requestedRole: requestedRole,
                                              knownIDs: Set(state.recordedRoles.keys)), pin: pin)
    }

    /// The actor root gets with `--as id` (no PIN given): for tests and tools inside the package.
    package func actor(id: String, requestedRole: Role?) throws(Identity.Refusal) -> Actor {
        try actor(account: "root", isRoot: true, requestedID: id, requestedRole: requestedRole, pin: { _ in nil })
    }

    /// Checks and durably records one action. Returns the event only after the log has synced it.
    /// `number` is ignored for `.receive`, which takes the next free number of its year.
    @discardableResult
    public func perform(_ action: ComplaintAction, on number: ComplaintNumber?, by actor: Actor,
                        occurredAt: Date? = nil, now: Date, backdateReason: String? = nil) throws -> ComplaintEvent {
        let events = try perform([action], on: number, by: actor, occurredAt: occurredAt, now: now, backdateReason: backdateReason)
        return events[0]
    }

    /// Whether `perform` would accept this action now, without writing anything: what must be
    /// known before something leaves the desk (an e-mail, a printout) that the record then states.
    public func check(_ action: ComplaintAction, on number: ComplaintNumber, by actor: Actor, occurredAt: Date? = nil,
                      now: Date, backdateReason: String? = nil) throws {
        try refuseOverNewerHistory()
        let at = EventCodec.storable(occurredAt ?? now), recordedAt = EventCodec.storable(now)
        let reason = backdateReason.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        try Lifecycle.check(action, on: try complaint(number), by: actor, occurredAt: at, now: recordedAt,
                            procedures: procedures.procedures, entry: entryTime(backdateReason: reason),
                            causes: config.causes)
        _ = try signer(for: actor, now: recordedAt)
    }

    /// The time rules every entry is checked against: the site's window, its zone (the allowed
    /// range is said in site time) and a shift lead's reason for dating back what asodesk sends.
    public func entryTime(backdateReason: String? = nil) -> EntryTime {
        EntryTime(rules: config.time, timeZone: calendar.timeZone, backdateReason: backdateReason)
    }

    /// Checks and durably records everything one person's action writes (several checklist ticks,
    /// an intake with its ticks), all or nothing: each action is checked against the complaint as
    /// the ones before it leave it, and either every event is written in one append (one write, one
    /// sync) or one is refused and nothing is. A first `.receive` takes the next free number of its
    /// year and the rest go to that complaint; otherwise all go to `number`.
    @discardableResult
    /// `backdateReason`: a shift lead's reason for dating back what asodesk sends (stored on
    /// each event written; see `Lifecycle.sendDenial`).
    public func perform(_ actions: [ComplaintAction], on number: ComplaintNumber?, by actor: Actor,
                        occurredAt: Date? = nil, now: Date, backdateReason: String? = nil) throws -> [ComplaintEvent] {
        guard let first = actions.first else { return [] }
        try refuseOverNewerHistory()
        // The log keeps whole milliseconds; rounding here keeps the state in memory identical to a replay.
        let at = EventCodec.storable(occurredAt ?? now), recordedAt = EventCodec.storable(now)
        let reason = backdateReason.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        let entry = entryTime(backdateReason: reason)
        if reason != nil, recordedAt.timeIntervalSince(at) <= TimeInterval(TimeRules.lateEntryMinutes * 60) {
            throw Refusal(pl: "Uzasadnienie datowania wstecz (--reason) podaje się tylko przy wpisie datowanym ponad \(TimeRules.lateEntryMinutes) min wstecz; pomiń je.",
                          en: "A reason for dating back (--reason) goes only with an entry dated more than \(TimeRules.lateEntryMinutes) min back; leave it out.")
        }
        if let reason, let limits = Field.reason.textLimits {
            do throws(FieldError) {
                _ = try FreeText.validate(reason, field: .reason, limits: limits)
            } catch {
                throw Refusal(error.message)
            }
        }
        // A missing key is said only once the role and the lifecycle allow the action: their
        // refusal says what the person may do instead, and a key would not change it.
        let signing = Result { try signer(for: actor, now: recordedAt) }
        var written: [ComplaintEvent] = []
        let committed = try log.append(encoding: EventCodec.eventEncoding, signer: try? signing.get()) { unseen in
            if try !replayAgainIfReplaced() { fold(unseen) }
            // Another terminal may have written history this version cannot read since the check above.
            try refuseOverNewerHistory()
            // Against the people as the log stands now, others' records included.
            try refuseUnknownAssignee(in: actions, by: actor)
            // The complaint as the events checked so far leave it: nil before a `.receive`.
            var current: Complaint?
            let eventNumber: ComplaintNumber
            if case .receive = first {
                eventNumber = state.nextNumber(year: calendar.localDate(of: at).year)
            } else {
                guard let number else { throw DeskError.noSuchComplaint("(no number given)") }
                let complaint: Complaint = try self.complaint(number)
                eventNumber = number
                current = complaint
            }
            var events: [ComplaintEvent] = []
            var refusals: [Refusal] = []
            for action in actions {
                do throws(Refusal) {
                    try Lifecycle.check(action, on: current, by: actor, occurredAt: at, now: recordedAt,
                                        procedures: procedures.procedures, entry: entry, causes: config.causes)
                } catch {
                    // Checked on, so one refused step does not hide what is wrong with the next.
                    if !refusals.contains(error) { refusals.append(error) }
                    continue
                }
                let event = ComplaintEvent(number: eventNumber, actor: actor, occurredAt: at, recordedAt: recordedAt, action: action,
                                           backdateReason: reason)
                current = Lifecycle.apply(event, to: current)
                events.append(event)
            }
            if let refusal = refusals.first {
                throw refusals.count == 1 ? refusal : Refusal(pl: refusals.map(\.text.pl).joined(separator: " "),
                                                              en: refusals.map(\.text.en).joined(separator: " "))
            }
            // A link is written on both complaints in the same append, so each history says it alone.
            var mirrors: [ComplaintEvent] = []
            for event in events {
                guard case .link(let other, let note) = event.action else { continue }
                let target: Complaint = try self.complaint(other)
                let mirror = ComplaintEvent(number: other, actor: actor, occurredAt: at, recordedAt: recordedAt,
                                            action: .link(to: eventNumber, note: note), backdateReason: reason)
                try Lifecycle.check(mirror.action, on: target, by: actor, occurredAt: at, now: recordedAt,
                                    procedures: procedures.procedures, entry: entry, causes: config.causes)
                mirrors.append(mirror)
            }
            _ = try signing.get()
            written = events
            return (events + mirrors).map(EventCodec.encode)
        }
        fold(committed)
        return written
    }

    /// Durably records that `actor` practised a procedure on a sample case, confirming `steps`
    /// steps of `version`. Checked under the log's lock like `perform`: history this asodesk cannot
    /// read blocks writing, and with operators configured the person must be one of them.
    @discardableResult
    public func recordTraining(procedure id: String, version: Int, steps: Int, mode: TrainingMode = .practice,
                               by actor: Actor, now: Date) throws -> TrainingEntry {
        try refuseOverNewerHistory()
        if !config.operators.isEmpty, !config.operators.contains(where: { $0.id == actor.id }) {
            throw DeskError.unknownOperator(id: actor.id, known: config.operators.map(\.id))
        }
        guard let procedure = procedures.procedure(id: id) else {
            throw TrainingError.noSuchProcedure(id: id, known: procedures.procedures.map(\.id))
        }
        guard procedure.version == version else {
            throw TrainingError.versionChanged(id: id, practised: version, current: procedure.version)
        }
        guard (1...procedure.steps.count).contains(steps) else {
            throw TrainingError.stepCount(id: id, steps: steps, available: procedure.steps.count)
        }
        let entry = TrainingEntry(person: actor.id, role: actor.role, procedure: id, version: version, mode: mode,
                                  completedAt: EventCodec.storable(now), steps: steps)
        let signer = try signer(for: actor, now: entry.completedAt)
        let committed = try log.append(encoding: EventCodec.trainingEncoding, signer: signer) { unseen in
            if try !replayAgainIfReplaced() { fold(unseen) }
            // Another terminal may have written history this version cannot read since the check above.
            try refuseOverNewerHistory()
            return [try EventCodec.encode(entry)]
        }
        fold(committed)
        return entry
    }

    /// The results a CSV file of `kind` (survey or mystery shopping) holds, checked row by row
    /// against the desk as it stands, without writing anything (`--dry-run`; `importFeedback`
    /// checks again under the log's lock). Throws `FeedbackError.badFile` with every bad row.
    public func checkFeedback(_ bytes: [UInt8], fileName: String, kind: FeedbackKind, by actor: Actor, now: Date) throws -> [FeedbackEntry] {
        try refuseOverNewerHistory()
        guard [.advisor, .lead].contains(actor.role) else { throw FeedbackError.roleMayNotImport(actor.role) }
        return try FeedbackImport.entries(bytes, fileName: fileName, kind: kind, desk: self, actor: actor, now: now)
    }

    /// Durably records every result of a CSV file, one record per row, in one append: all of them
    /// or, when any row is bad (against the log as it stands under the lock), none.
    @discardableResult
    public func importFeedback(_ bytes: [UInt8], fileName: String, kind: FeedbackKind, by actor: Actor, now: Date) throws -> [FeedbackEntry] {
        _ = try checkFeedback(bytes, fileName: fileName, kind: kind, by: actor, now: now)
        let signer = try signer(for: actor, now: EventCodec.storable(now))
        var written: [FeedbackEntry] = []
        let committed = try log.append(encoding: EventCodec.jsonEncoding, signer: signer) { unseen in
            if try !replayAgainIfReplaced() { fold(unseen) }
            try refuseOverNewerHistory()
            // Checked again: another terminal may have imported the same rows meanwhile.
            written = try FeedbackImport.entries(bytes, fileName: fileName, kind: kind, desk: self, actor: actor, now: now)
            return try written.map { try EventCodec.encode($0) }
        }
        fold(committed)
        return written
    }

    /// Durably records that a shift lead reviewed a low result (`DeskState.lowFeedback`), with a note.
    @discardableResult
    public func reviewFeedback(_ id: String, note: String, by actor: Actor, now: Date) throws -> FeedbackEntry {
        try refuseOverNewerHistory()
        guard actor.role == .lead else { throw FeedbackError.roleMayNotReview(actor.role) }
        let text: String
        do throws(FieldError) {
            guard let checked = try FreeText.validate(note, field: .note, limits: Field.note.textLimits!) else { throw FreeText.required(.note) }
            text = checked
        } catch {
            throw FeedbackError.badNote(error.message)
        }
        var entry = FeedbackEntry(kind: .reviewed, recordedBy: actor.id, role: actor.role, recordedAt: EventCodec.storable(now))
        entry.reviews = FreeText.trimmed(id)
        entry.note = text
        let signer = try signer(for: actor, now: entry.recordedAt)
        func refuseUnreviewable() throws {
            let id = entry.reviews ?? ""
            guard let result = state.feedbackResult(id: id) else { throw FeedbackError.noSuchResult(id) }
            if let review = state.feedbackReview(of: id) {
                throw FeedbackError.alreadyReviewed(id: id, by: personLabel(review.recordedBy), at: review.recordedAt)
            }
            guard result.isLow(config.feedback) else { throw FeedbackError.notLow(id: id) }
        }
        try refuseUnreviewable()
        let committed = try log.append(encoding: EventCodec.jsonEncoding, signer: signer) { unseen in
            if try !replayAgainIfReplaced() { fold(unseen) }
            try refuseOverNewerHistory()
            try refuseUnreviewable()
            return [try EventCodec.encode(entry)]
        }
        fold(committed)
        return entry
    }

    /// Checks and durably records one step of the action register. An `open` takes the next free
    /// id of its site-local year under the log's lock, after folding what others wrote, so two
    /// terminals opening at once get two ids; every other change names its action.
    @discardableResult
    public func recordImprovement(_ change: ImprovementChange, on id: ActionID? = nil, by actor: Actor,
                                  occurredAt: Date? = nil, now: Date) throws -> ImprovementEvent {
        try refuseOverNewerHistory()
        if !config.operators.isEmpty, !config.operators.contains(where: { $0.id == actor.id }) {
            throw DeskError.unknownOperator(id: actor.id, known: config.operators.map(\.id))
        }
        let at = EventCodec.storable(occurredAt ?? now), recordedAt = EventCodec.storable(now)
        // As in `perform`: the rules' refusal says more than a missing key would.
        let signing = Result { try signer(for: actor, now: recordedAt) }
        var written: ImprovementEvent?
        let committed = try log.append(encoding: EventCodec.improvementEncoding, signer: try? signing.get()) { unseen in
            if try !replayAgainIfReplaced() { fold(unseen) }
            try refuseOverNewerHistory()
            let actionID: ActionID
            if case .open = change {
                actionID = state.nextActionID(year: calendar.localDate(of: at).year)
            } else {
                guard let id else { throw ImprovementRules.noSuchAction(nil) }
                guard state.improvements[id] != nil else { throw ImprovementRules.noSuchAction(id) }
                actionID = id
            }
            try ImprovementRules.check(change, on: state.improvements[actionID], by: actor, context: improvementContext(for: actor))
            _ = try signing.get()
            let event = ImprovementEvent(id: actionID, actor: actor, occurredAt: at, recordedAt: recordedAt, change: change)
            written = event
            return [try EventCodec.encode(event)]
        }
        fold(committed)
        return written!
    }

    /// Appends the log's header as its first record, under the log's lock (`writeHeader`).
    func recordHeader(_ header: LogHeader, signedBy actor: Actor?) throws {
        try refuseOverNewerHistory()
        let headerSigner: (any FrameSigner)? = try actor.flatMap { try self.signer(for: $0, now: header.createdAt) }
        let committed = try log.append(encoding: EventCodec.jsonEncoding, signer: headerSigner) { unseen in
            if try !replayAgainIfReplaced() { for record in unseen { state.apply(record) } }
            guard state.lastSequence == 0 else { throw LogHeaderError.notEmpty(records: state.lastSequence, kind: state.logKind) }
            return [try EventCodec.encode(header)]
        }
        for record in committed { state.apply(record) }
    }

    /// Writing on top of history this version cannot read could contradict it.
    private func refuseOverNewerHistory() throws {
        if let (sequence, reason) = state.unreadable.min(by: { $0.key < $1.key }) {
            throw DeskError.newerHistory(count: state.unreadable.count, firstSequence: sequence, reason: reason)
        }
    }

    /// What a person reading this desk must know about the log: damage, read-only access,
    /// records this version cannot read. Empty when all is well. What a repair documented is
    /// history, told by `asodesk verify` (every command repeating it for ever is noise).
    public var logWarnings: [LogWarning] {
        var warnings: [LogWarning] = []
        if case .damaged(let reports) = log.health { warnings.append(.damaged(reports)) }
        if case .readOnly(let reason) = log.access { warnings.append(.readOnly(reason)) }
        if !state.unreadable.isEmpty { warnings.append(.newerRecords(state.unreadable.count)) }
        if !state.unproven.isEmpty { warnings.append(.unprovenAuthors(state.unproven.count, firstSequence: state.unproven[0].sequence)) }
        let unlisted = unlistedPeople
        if !unlisted.isEmpty { warnings.append(.peopleNotListed(unlisted, configured: !config.operators.isEmpty)) }
        return warnings
    }

    // MARK: Clocks

    public func timers(of complaint: Complaint, now: Date) -> [TimerStatus] {
        timers(of: complaint.clockFacts, now: now)
    }

    /// The timers of a complaint known by its clock facts (a finished complaint's summary).
    public func timers(of facts: ComplaintClockFacts, now: Date) -> [TimerStatus] {
        SLAEngine.timers(for: facts, calendar: calendar, targets: config.sla, warnings: config.warnings, now: now)
    }

    /// One legal period per handling cycle; empty when the legal basis has no statutory clock.
    public func legalStatuses(of complaint: Complaint, now: Date) -> [LegalClockStatus] {
        legalStatuses(of: complaint.clockFacts, now: now)
    }

    public func legalStatuses(of facts: ComplaintClockFacts, now: Date) -> [LegalClockStatus] {
        // The calendar was built from the same zone, so this cannot fail here.
        (try? SLAEngine.legalStatuses(for: facts, config: config, now: now)) ?? []
    }
}

/// One thing about the log a person reading this desk must know (`Desk.logWarnings`); the
/// command line and the dashboard put it into words (`LogText.warning`).
public enum LogWarning: Sendable, Equatable {
    case damaged([DamageReport])
    case readOnly(ReadOnlyReason)
    /// Records this version cannot read (written by a newer asodesk).
    case newerRecords(Int)
    /// Records whose author their signature does not prove (unsigned, wrongly signed, by another
    /// person, or with a key not registered at their time): `asodesk verify` names each.
    case unprovenAuthors(Int, firstSequence: UInt64)
    /// People the log names whom this terminal's site config does not list (`Desk.unlistedPeople`):
    /// shown here by id where the desk's site config shows names. `configured`: the config lists
    /// other operators (an entry deleted) rather than none (not the desk's site config).
    case peopleNotListed([String], configured: Bool)
}
