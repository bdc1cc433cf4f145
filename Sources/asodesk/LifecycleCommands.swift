import ArgumentParser
import AsodeskApp
import AsodeskDomain
import AsodeskLog
import AsodeskPDF
import Foundation

/// The shared body of every command that records one action on an existing complaint.
/// `backdateReason`: a shift lead's reason for dating back an acknowledgement or a decision.
func record(_ location: LocationOptions, _ operatorOptions: OperatorOptions, number text: String,
            backdateReason: String? = nil, _ makeAction: (Complaint) throws -> ComplaintAction) throws {
    try record(location, operatorOptions, number: text, backdateReason: backdateReason) { complaint, _ in try makeAction(complaint) }
}

/// The same, for an action that reads the site's settings (the cause catalogue).
func record(_ location: LocationOptions, _ operatorOptions: OperatorOptions, number text: String,
            backdateReason: String? = nil, _ makeAction: (Complaint, Desk) throws -> ComplaintAction) throws {
    try runReporting {
        let desk = try location.openDesk()
        let times = desk.timeText
        let now = try location.writingNow(for: desk)
        let number = try desk.number(text)
        let action = try makeAction(try desk.complaint(number), desk)
        let event = try desk.perform(action, on: number, by: try operatorOptions.actor(on: desk),
                                     occurredAt: try operatorOptions.occurredAt(times, now: now), now: now, backdateReason: backdateReason)
        try saySaved(event, desk: desk, now: now)
    }
}

/// What was saved, in one line: the event, the state it leaves, for an answer where the legal
/// clock now stands, and a late entry said as such.
func saySaved(_ event: ComplaintEvent, desk: Desk, now: Date) throws {
    let language = MessageLanguage.current
    let complaint = try desk.complaint(event.number)
    let what = SafeText.singleLine(ComplaintText.eventLine(event.action, desk: desk, language: language), maxCharacters: 200)
    var line = language == .polish
        ? "\(event.number): \(what) — zapisano. Stan: \(Labels.state(complaint.state).pl)."
        : "\(event.number): \(what) — saved. State: \(complaint.state.rawValue)."
    if [.answer, .delivered].contains(event.action.verb), let status = desk.legalStatuses(of: complaint, now: now).last {
        line += language == .polish ? " Termin ustawowy: \(LegalReading.sentence(status).pl)." : " Legal clock: \(LegalReading.sentence(status).en)."
    }
    if let late = event.lateEntry { line += " " + EventText.lateEntry(late, times: desk.timeText, name: desk.personLabel).text(language) }
    say(line)
}

struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Acknowledge a complaint (confirmation of receipt sent to the customer).",
        discussion: """
            --letter FILE writes the confirmation of receipt (PDF, or text for a name ending .txt) as it stands with this \
            acknowledgement; --send e-mails it to the customer's address on file through the site's sendmail first, and \
            records nothing if that fails. The note then says where it went and the SHA-256 of what was sent.
            """)
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number, e.g. R/2026/0042.") var number: String
    @Option(help: "How it was confirmed (e.g. e-mail sent, printed copy handed over).") var note: String?
    @Option(help: "Shift lead only: why the acknowledgement is dated back (--at) more than 15 min; stored with it.") var reason: String?
    @Option(help: "Write the confirmation of receipt to this file (never over an existing one).") var letter: String?
    @Flag(help: "E-mail the confirmation of receipt to the customer before recording the acknowledgement.") var send = false
    @Option(help: "Letter language: pl or en.") var lang: String = "pl"

    func validate() throws { guard ["pl", "en"].contains(lang) else { throw ValidationError("--lang is pl or en.") } }

    func run() throws {
        guard send || letter != nil else {
            try record(location, operatorOptions, number: number, backdateReason: reason) { _ in .acknowledge(note: note) }
            return
        }
        try runReporting {
            let letter = self.letter.map(absolutePath)
            if let letter { try checkOutputFile(letter, force: false, location: location) }
            let desk = try location.openDesk()
            let now = try location.writingNow(for: desk)
            let number = try desk.number(self.number)
            let actor = try operatorOptions.actor(on: desk)
            let occurredAt = try operatorOptions.occurredAt(desk.timeText)
            var action = ComplaintAction.acknowledge(note: note)
            try desk.check(action, on: number, by: actor, occurredAt: occurredAt, now: now, backdateReason: reason)
            // The confirmation as it stands once this acknowledgement is recorded (it bears its date).
            var acknowledged = try desk.complaint(number)
            Lifecycle.apply(ComplaintEvent(number: number, actor: actor, occurredAt: EventCodec.storable(occurredAt ?? now),
                                           recordedAt: EventCodec.storable(now), action: action), to: &acknowledged)
            let receipt = try LetterText.make(.receipt, complaint: acknowledged, desk: desk, language: lang == "en" ? .english : .polish)
            let pdf = try LetterPDF.render(receipt)
            if let letter {
                let bytes = letter.lowercased().hasSuffix(".txt") ? Array(receipt.plainText.utf8) : pdf
                try writeOutputFile(bytes, to: letter, force: false, location: location)
                sayOnStderr("Wrote \(letter) (SHA-256 \(Digest.sha256Hex(bytes))).")
            }
            if send {
                guard let address = acknowledged.intake.email else {
                    throw CLIError.localized(LocalizedText("\(number) nie ma zapisanego adresu e-mail; wręcz albo wyślij potwierdzenie pocztą (--letter PLIK). Nic nie zapisano.",
                                                           "\(number) has no e-mail address on file; hand over or post the confirmation (--letter FILE). Nothing recorded."))
                }
                let document = AnswerSending.Document(bytes: pdf, fileName: receipt.fileName("pdf"), contentType: "application/pdf")
                _ = try AnswerSending.email(receipt, document: document, to: address, settings: desk.config.letters)
                let sent = "Potwierdzenie przyjęcia wysłane e-mailem na \(address) (SHA-256 \(Digest.sha256Hex(pdf)))"
                action = .acknowledge(note: note.map { "\($0) · \(sent)" } ?? sent)
            }
            let event = try desk.perform(action, on: number, by: actor, occurredAt: occurredAt, now: now, backdateReason: reason)
            try saySaved(event, desk: desk, now: now)
        }
    }
}

struct Contact: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record a contact with the customer (stops first-contact, restarts the update cadence).")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Option(help: "How: phone, email, web, social, letter, in-person.") var channel: Channel = .phone
    @Option(help: "What was said or agreed.") var summary: String
    @Flag(help: "Only an automatic or formal message, not a substantive contact (does not stop timers).")
    var notSubstantive = false
    func run() throws {
        try record(location, operatorOptions, number: number) { _ in
            .contact(ContactRecord(channel: channel, summary: summary, substantive: !notSubstantive))
        }
    }
}

struct Wait: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Put a complaint on hold waiting for the customer, parts or the manufacturer (pauses internal timers, never the legal clock).")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Option(name: .customLong("for"), help: "customer, parts or manufacturer.") var reason: WaitReason
    @Option(help: "What exactly is awaited.") var note: String?
    func run() throws { try record(location, operatorOptions, number: number) { _ in .wait(reason: reason, note: note) } }
}

struct Resume: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Resume analysis after waiting.")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Option(help: "What arrived or changed.") var note: String?
    func run() throws { try record(location, operatorOptions, number: number) { _ in .resume(note: note) } }
}

struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Assign a complaint to an operator (or --unassign).")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Argument(help: "Operator id of the new owner.") var owner: String?
    @Flag(help: "Leave the complaint without an owner.") var unassign = false
    @Option(help: "Why.") var note: String?
    func validate() throws {
        if (owner == nil) == !unassign { throw ValidationError("Give the new owner's id, or --unassign (not both).") }
    }
    func run() throws { try record(location, operatorOptions, number: number) { _ in .assign(to: unassign ? nil : owner, note: note) } }
}

struct Escalate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Escalate a complaint to the shift lead, optionally raising its priority.")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Option(help: "Why it needs the shift lead.") var reason: String
    @Option(help: "New priority: high or critical.") var priority: Priority?
    func run() throws { try record(location, operatorOptions, number: number) { _ in .escalate(reason: reason, priority: priority) } }
}

struct Decide: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record the decision: accepted, partly or rejected, with reasons (stops the decision timer and the legal clock).")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Option(help: "accepted, partly or rejected.") var outcome: DecisionOutcome
    @Option(help: "Reasons given to the customer.") var reasons: String
    @Option(help: "Remedy granted (repair, refund, discount...).") var remedy: String?
    @Option(help: ArgumentHelp("Why it happened: a code of the site's cause catalogue, CODE or CODE/SUB (e.g. workshop-error/diagnosis); "
                               + "a wrong code is refused with the list.", valueName: "code"))
    var cause: String?
    @Option(help: "Shift lead only: why the decision is dated back (--at) more than 15 min; stored with it.") var reason: String?
    func run() throws {
        try record(location, operatorOptions, number: number, backdateReason: reason) { _, desk in
            .decide(Decision(outcome: outcome, reasons: reasons, remedyGranted: remedy,
                             cause: try causeCode(cause, in: desk.config.causes)))
        }
    }
}

/// A cause as typed (`--cause`), checked against the site's catalogue: a missing or unknown one
/// is refused with the codes there are, in the user's language.
func causeCode(_ typed: String?, in causes: CauseCatalogue) throws -> CauseCode {
    guard let typed, !typed.trimmingCharacters(in: .whitespaces).isEmpty else {
        let known = causes.codes.map(\.text).joined(separator: ", ")
        throw CLIError.localized(LocalizedText(
            pl: "Podaj przyczynę reklamacji (--cause KOD albo KOD/PODPRZYCZYNA): miesięczny przegląd znajduje przyczyny tylko wtedy, "
                + "gdy każda decyzja ją podaje. Kody: \(known). Nic nie zapisano.",
            en: "Give the cause of the complaint (--cause CODE or CODE/SUB): the monthly review finds causes only if each decision "
                + "names one. Codes: \(known). Nothing recorded."))
    }
    let text = typed.trimmingCharacters(in: .whitespaces).lowercased()
    guard let code = CauseCode(text: text), causes.contains(code) else { throw Lifecycle.unknownCause(typed, in: causes) }
    return code
}

struct MarkTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark-test",
        abstract: "Shift lead only: mark a complaint as a mystery-shopping test (it is handled as any, and left out of the figures).",
        discussion: """
            The mystery-shopping audit's mandatory step. The complaint stays on the queue and the board, since the shopper \
            is testing how it is handled; the report counts it in no figure but `testComplaintsExcluded`. A complaint is \
            marked once, in any open state; the mark is kept in its history with the audit's reference.
            """)
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Option(help: "The audit's reference (e.g. the auditor's report number).") var audit: String
    func run() throws { try record(location, operatorOptions, number: number) { _ in .markTest(audit: audit) } }
}

struct Answer: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record the answer sent to the customer (stops the legal clock), or with --delivered that it reached them.",
        discussion: """
            The statutory 14 days (art. 7a of the consumer rights act) end with the answer on a durable medium, not with \
            the decision. --document names the file sent (its SHA-256 is stored, so the record proves what was sent); \
            --send e-mails it (medium email, through the site's sendmail) or prints it (medium letter, through lp) first, \
            and records nothing if that fails. Without --document, --send sends the decision letter (asodesk letter).
            """)
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Option(help: "letter, email, in-person or other.") var medium: AnswerMedium?
    @Option(help: "Where it went: e-mail or postal address (default for e-mail: the customer's address on file).") var address: String?
    @Option(help: "The document sent (PDF or text); its SHA-256 is recorded.") var document: String?
    @Flag(help: "Send it now: e-mail through the site's sendmail, or print a letter through lp.") var send = false
    @Option(help: "Letter language when asodesk writes it: pl or en.") var lang: String = "pl"
    @Flag(help: "Record that the answer reached the customer (a return receipt, a reply).") var delivered = false
    @Option(help: "With --delivered: how delivery is known.") var note: String?
    @Option(help: "Shift lead only: why the answer is dated back (--at) more than 15 min; stored with it.") var reason: String?

    func validate() throws {
        if delivered {
            if medium != nil || address != nil || document != nil || send {
                throw ValidationError("--delivered records only that the answer arrived: leave out --medium, --address, --document and --send.")
            }
        } else if medium == nil {
            throw ValidationError("Say how the answer went: --medium letter, email, in-person or other (or --delivered once it arrived).")
        }
        if send && !(medium == .email || medium == .letter) {
            throw ValidationError("--send e-mails (--medium email) or prints (--medium letter); for \(medium?.rawValue ?? "this medium") leave it out.")
        }
        guard ["pl", "en"].contains(lang) else { throw ValidationError("--lang is pl or en.") }
    }

    func run() throws {
        if delivered {
            try record(location, operatorOptions, number: number) { _ in .confirmDelivery(note: note) }
            return
        }
        guard let medium else { return }
        try runReporting {
            let desk = try location.openDesk()
            let times = desk.timeText
            let now = try location.writingNow(for: desk)
            let number = try desk.number(self.number)
            let complaint = try desk.complaint(number)
            let actor = try operatorOptions.actor(on: desk)
            let occurredAt = try operatorOptions.occurredAt(times)
            let to = address ?? (medium == .email ? complaint.intake.email : nil)
            var document: AnswerSending.Document?
            if let path = self.document {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw CLIError.localized(LocalizedText("Nie można odczytać \(path); podaj plik, który wysłano. Nic nie zapisano.",
                                                           "Cannot read \(path); give the file that was sent. Nothing recorded."))
                }
                document = .file(path, bytes: [UInt8](data))
            }
            var action = ComplaintAction.answer(AnswerRecord(medium: medium, address: medium == .inPerson ? nil : to,
                                                             documentSHA256: document.map { Digest.sha256Hex($0.bytes) }))
            if send {
                let language: Language = lang == "en" ? .english : .polish
                let letter = try LetterText.make(.decision, complaint: complaint, desk: desk, language: language)
                let outgoing = try document ?? .letter(letter)
                action = .answer(AnswerRecord(medium: medium, address: to, documentSHA256: Digest.sha256Hex(outgoing.bytes)))
                // Nothing leaves the desk that the record would then refuse to state.
                try desk.check(action, on: number, by: actor, occurredAt: occurredAt, now: now, backdateReason: reason)
                if medium == .email {
                    guard let to else { throw CLIError.localized(LocalizedText("Podaj adres e-mail (--address). Nic nie wysłano.", "Give the address to e-mail (--address). Nothing sent.")) }
                    _ = try AnswerSending.email(letter, document: outgoing, to: to, settings: desk.config.letters)
                    say(MessageLanguage.say(LocalizedText("\(number): wysłano \(outgoing.fileName) e-mailem na \(SafeText.singleLine(to, maxCharacters: 120)).",
                                                          "\(number): e-mailed \(outgoing.fileName) to \(SafeText.singleLine(to, maxCharacters: 120)).")))
                } else {
                    _ = try AnswerSending.print(letter, document: outgoing, settings: desk.config.letters)
                    say(MessageLanguage.say(LocalizedText("\(number): \(outgoing.fileName) wysłano do drukarki \(desk.config.letters.printer ?? "").",
                                                          "\(number): \(outgoing.fileName) sent to the printer \(desk.config.letters.printer ?? "").")))
                }
            }
            let event = try desk.perform(action, on: number, by: actor, occurredAt: occurredAt, now: now, backdateReason: reason)
            try saySaved(event, desk: desk, now: now)
        }
    }
}

struct Letter: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the customer's letter: the confirmation of receipt or the answer (decision), as PDF or text.",
        discussion: """
            Written from the complaint's record and the site's [letters] settings, with the templates in force \
            (bundled, or the site's own folder). The same record gives the same bytes, so the SHA-256 that \
            `asodesk answer --document FILE` stores proves what was sent. An existing file is never overwritten without --force.
            """)
    @OptionGroup var location: LocationOptions
    @Argument(help: "Complaint number.") var number: String
    @Option(help: "receipt or decision.") var kind: LetterKind
    @Option(help: "pdf or text.") var format: String = "pdf"
    @Option(help: "pl or en.") var lang: String = "pl"
    @Option(name: .shortAndLong, help: "The file to write (- for standard output, text only).") var output: String?
    @Flag(help: "Replace an existing file.") var force = false

    func validate() throws {
        guard ["pdf", "text"].contains(format) else { throw ValidationError("--format is pdf or text.") }
        guard ["pl", "en"].contains(lang) else { throw ValidationError("--lang is pl or en.") }
        if format == "pdf" && (output == nil || output == "-") {
            throw ValidationError("A PDF goes to a file: give -o FILE (for example -o R-2026-0023.pdf).")
        }
    }

    func run() throws {
        try runReporting {
            let target = output == "-" ? nil : output.map(absolutePath)
            if let target { try checkOutputFile(target, force: force, location: location) }
            let desk = try location.openDesk()
            let complaint = try desk.complaint(try desk.number(number))
            let letter = try LetterText.make(kind, complaint: complaint, desk: desk, language: lang == "en" ? .english : .polish)
            let bytes = format == "pdf" ? try LetterPDF.render(letter) : Array(letter.plainText.utf8)
            guard let target else {
                say(letter.plainText, terminator: "")
                return
            }
            try writeOutputFile(bytes, to: target, force: force, location: location)
            sayOnStderr("Wrote \(target) (\(bytes.count) bytes, SHA-256 \(Digest.sha256Hex(bytes))).")
        }
    }
}

extension LetterKind: ExpressibleByArgument {}
extension AnswerMedium: ExpressibleByArgument {}

struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Close a decided complaint, recording the customer's answer.")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Flag(help: "The customer accepts the decision.") var accepted = false
    @Flag(help: "The customer disputes the decision.") var disputed = false
    @Option(help: "The customer's answer, in their words.") var response: String
    func validate() throws {
        if accepted == disputed { throw ValidationError("Say whether the customer accepts (--accepted) or disputes (--disputed) the decision.") }
    }
    func run() throws { try record(location, operatorOptions, number: number) { _ in .close(customerAccepted: accepted, response: response) } }
}

struct Reopen: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Reopen a decided or closed complaint (starts a new handling cycle; history is kept).")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Option(help: "Why it is reopened.") var reason: String
    func run() throws { try record(location, operatorOptions, number: number) { _ in .reopen(reason: reason) } }
}

struct Note: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add an internal note to a complaint.")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Argument(help: "The note.") var text: String
    func run() throws { try record(location, operatorOptions, number: number) { _ in .note(text: text) } }
}

struct Attach: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Attach a photo or document to a complaint by reference: a file (its SHA-256 is recorded) or an outside reference.",
        discussion: """
            --file PATH reads the file only to compute its SHA-256 and records its absolute path and the hash, never the file \
            itself; a file that cannot be read is refused and nothing is written. --ref TEXT records a reference kept elsewhere \
            (a number in the dealer management system, a photo's name on the workshop camera), with --sha256 HEX when its hash \
            is known. Whoever may add a note may attach.
            """)
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Option(help: ArgumentHelp("The photo's or document's file.", valueName: "path")) var file: String?
    @Option(help: ArgumentHelp("A reference kept elsewhere, e.g. \"DMS 12345\".", valueName: "text")) var ref: String?
    @Option(help: ArgumentHelp("The SHA-256 of what --ref names, if known (64 hex digits).", valueName: "hex")) var sha256: String?
    @Option(help: ArgumentHelp("What it is, e.g. \"photo of the scratch on the door\".", valueName: "text")) var note: String?

    func validate() throws {
        if (file == nil) == (ref == nil) { throw ValidationError("Give either --file PATH (asodesk computes its SHA-256) or --ref TEXT.") }
        if file != nil && sha256 != nil { throw ValidationError("--sha256 goes with --ref; for --file asodesk computes the hash itself.") }
    }

    func run() throws {
        try record(location, operatorOptions, number: number) { _ in
            let description = note.flatMap { FreeText.trimmed($0).isEmpty ? nil : FreeText.trimmed($0) }
            if let file {
                // Read before anything is written: an unreadable file writes nothing.
                switch DocumentFile.reference(path: file, description: description) {
                case .success(let document): return .attach(document)
                case .failure(let problem): throw Refusal(Labels.documentProblem(problem))
                }
            }
            let hash = try sha256.map { raw throws(FieldErrors) in
                do throws(FieldError) { return try Validation.sha256(raw) } catch { throw FieldErrors([error]) }
            }
            return .attach(DocumentReference(reference: FreeText.trimmed(ref ?? ""), description: description, sha256: hash))
        }
    }
}

struct FollowUp: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "followup", abstract: "Record the follow-up satisfaction call after closing.")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Option(help: "Satisfaction from 1 (very unhappy) to 5 (very happy).") var satisfaction: Int
    @Option(help: "What the customer said.") var note: String?
    func run() throws { try record(location, operatorOptions, number: number) { _ in .followUp(satisfaction: satisfaction, note: note) } }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show or tick the checklist of a complaint; a shift lead may override a mandatory step.",
        discussion: """
            Without steps, lists the procedures that apply now and their steps. With --all, ticks every open step of the \
            procedure. With --undo, withdraws the tick of the given steps (ticked by mistake, or not done after all): the \
            withdrawal is recorded with who and when, the tick stays in the history, and a mandatory step blocks again.
            """)
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Argument(help: "Procedure id (see `asodesk procedures`).") var procedure: String?
    @Argument(help: "Step ids to tick.") var steps: [String] = []
    @Flag(help: "Tick every open step of the procedure.") var all = false
    @Flag(help: "Override the given mandatory steps instead of ticking them (shift lead only).") var override = false
    @Flag(help: "Withdraw the tick of the given steps (they are open again).") var undo = false
    @Option(help: "Why the override is justified.") var reason: String?

    func validate() throws {
        if override && (reason ?? "").isEmpty { throw ValidationError("An override needs --reason.") }
        if (all || override || undo || !steps.isEmpty) && procedure == nil { throw ValidationError("Name the procedure.") }
        if undo && (override || all) { throw ValidationError("--undo withdraws the ticks of the steps named: leave out --override and --all.") }
        if undo && steps.isEmpty { throw ValidationError("Name the steps whose tick to withdraw.") }
    }

    func run() throws {
        try runReporting {
            let desk = try location.openDesk()
            let times = desk.timeText
            let number = try desk.number(self.number)
            let complaint = try desk.complaint(number)
            guard let procedureID = procedure else {
                say(ChecklistText.render(complaint, library: desk.procedures, language: MessageLanguage.current))
                return
            }
            guard let chosen = desk.procedures.procedure(id: procedureID) else {
                throw CLIError.localized(LocalizedText("Nie ma procedury „\(procedureID)”. Wypisuje je `asodesk procedures`.",
                                                       "There is no procedure '\(procedureID)'. `asodesk procedures` lists them."))
            }
            let done = Set(complaint.marks.filter { $0.cycle == complaint.cycle && $0.procedure == chosen.id }.map(\.step))
            let targets = all ? chosen.steps.map(\.id).filter { !done.contains($0) } : steps
            guard !targets.isEmpty else {
                say(all ? MessageLanguage.say(LocalizedText("Wszystkie kroki \(chosen.id) są już odhaczone w \(number).",
                                                             "Every step of \(chosen.id) is already ticked for \(number)."))
                         : ChecklistText.render(complaint, library: desk.procedures, language: MessageLanguage.current))
                return
            }
            let actor = try operatorOptions.actor(on: desk)
            let now = try location.writingNow(for: desk)
            let at = try operatorOptions.occurredAt(times)
            let actions: [ComplaintAction] = targets.map { step in
                if undo { return .withdrawTick(procedure: chosen.id, version: chosen.version, step: step) }
                return override
                    ? .overrideStep(procedure: chosen.id, version: chosen.version, step: step, reason: reason ?? "")
                    : .checkStep(procedure: chosen.id, version: chosen.version, step: step)
            }

            // One user action, one append: every step is saved, or none is.
            do {
                try desk.perform(actions, on: number, by: actor, occurredAt: at, now: now)
            } catch let refusal as Refusal where targets.count > 1 {
                let (pl, en) = undo ? ("cofnięty", "withdrawn") : override ? ("pominięty", "overridden") : ("odhaczony", "ticked")
                throw CLIError.localized(LocalizedText(
                    "\(refusal.text.pl) Nic nie zapisano: żaden z \(targets.count) kroków nie jest \(pl).",
                    "\(refusal.text.en) Nothing was saved: none of the \(targets.count) steps is \(en)."))
            }
            for step in targets {
                let text = chosen.steps.first { $0.id == step }.map { " (" + SafeText.singleLine($0.text.text(MessageLanguage.current), maxCharacters: 80) + ")" } ?? ""
                let (pl, en) = undo ? ("cofnięto odhaczenie", "withdrew the tick of") : override ? ("pominięto", "overrode") : ("odhaczono", "ticked")
                say(MessageLanguage.say(LocalizedText("\(number): \(pl) \(chosen.id)/\(step)\(text) — zapisano.",
                                                      "\(number): \(en) \(chosen.id)/\(step)\(text) — saved.")))
            }
        }
    }
}

struct Link: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Link two complaints (the same fault again, the same customer or car); the link is recorded on both.",
        discussion: "`asodesk show` lists the complaints linked with one; `asodesk add --link` links a new complaint as it is taken in.")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Argument(help: "The complaint to link it with.") var other: String
    @Option(help: "Why they belong together.") var note: String?

    func run() throws {
        try record(location, operatorOptions, number: number) { complaint in
            guard let other = ComplaintNumber(text: other) else { throw CLIError.badNumber(other) }
            return .link(to: other, note: note)
        }
    }
}

struct Amend: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correct the data taken in at intake (a wrong phone digit, a VIN or repair order learned later).",
        discussion: """
            Each option names a field as `asodesk add` does and gives its correct value (empty clears an optional \
            field); every value is checked as at intake. All the fields given are corrected in one entry, or none is. \
            The history keeps the old value, the new one, the reason and who corrected it; nothing is ever rewritten. \
            The person handling the complaint or a shift lead may correct it; a trainee asks one of them.
            """)
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Option(help: "Customer's name.") var customer: String?
    @Option(help: "Customer's phone.") var phone: String?
    @Option(help: "Customer's e-mail.") var email: String?
    @Option(help: ArgumentHelp("How the customer wants to be contacted: phone, sms, email, letter or in-person (empty: no preference).", valueName: "way"))
    var contactBy: String?
    @Option(help: "Registration plate.") var plate: String?
    @Option(help: "VIN (17 characters).") var vin: String?
    @Option(help: "Make and model.") var vehicle: String?
    @Option(help: "Repair order number (zlecenie naprawy).") var order: String?
    @Option(help: "What the customer complains about.") var summary: String?
    @Option(help: "What the customer asks for.") var remedy: String?
    @Option(help: ArgumentHelp("After a decision: the corrected cause, CODE or CODE/SUB of the site's catalogue.", valueName: "code"))
    var cause: String?
    @Option(help: "Why the data is corrected (stored with it).") var reason: String

    /// What was given, by the intake field it corrects.
    var typed: [Field: String] {
        let given: [(Field, String?)] = [(.customer, customer), (.phone, phone), (.email, email), (.contactPreference, contactBy),
                                         (.plate, plate), (.vin, vin),
                                         (.vehicle, vehicle), (.order, order), (.summary, summary), (.remedy, remedy)]
        return Dictionary(uniqueKeysWithValues: given.compactMap { field, value in value.map { (field, $0) } })
    }

    func validate() throws {
        // The entry's time is evidence of when the data changed.
        if operatorOptions.at != nil { throw ValidationError("A correction is dated when it is made: leave out --at.") }
        if typed.isEmpty && cause == nil {
            throw ValidationError("Give at least one field to correct and its correct value, e.g. --phone \"601 234 576\" --reason \"…\".")
        }
    }

    func run() throws {
        try runReporting {
            let desk = try location.openDesk()
            let now = try location.writingNow(for: desk)
            let number = try desk.number(self.number)
            let complaint = try desk.complaint(number)
            var corrections = try typed.isEmpty ? [] : IntakeForm.corrections(of: complaint.intake, to: typed)
            if let cause {
                corrections.append(IntakeCorrection(field: .cause, old: complaint.cause?.text,
                                                    new: try causeCode(cause, in: desk.config.causes).text))
            }
            let event = try desk.perform(.amend(corrections: corrections, reason: reason), on: number,
                                         by: try operatorOptions.actor(on: desk), now: now)
            try saySaved(event, desk: desk, now: now)
        }
    }
}
