import ArgumentParser
import AsodeskApp
import AsodeskDomain
import AsodeskLog
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create an empty log (readable and writable by owner and group only).",
        discussion: """
            Its first record says what the log is for: a desk's log (the default), whose every event is \
            recorded with the machine's clock, or with --test a test log, where ASODESK_NOW may pin the clock.
            """)
    @OptionGroup var location: LocationOptions
    @Flag(help: "A log for tests and scripted checks: ASODESK_NOW may pin its clock (never on a desk's log).") var test = false
    @Option(name: .customLong("as"), help: ArgumentHelp("Which operator of a shared account starts the log.", valueName: "id"))
    var starter: String?
    func run() throws {
        try runReporting {
            let path = try location.logPath()
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            let kind: LogKind = test ? .test : .desk
            // Refused before the file is made: a desk's log starts with the machine's clock.
            if !test, (size ?? 0) == 0, let pinned = location.environment["ASODESK_NOW"], !pinned.isEmpty {
                throw CLIError.pinnedClockOnDeskLog(pinned, log: path)
            }
            let desk = try location.openDesk(create: true)
            if desk.state.lastSequence > 0 {
                let note = desk.logKind == kind ? "" : " It is a \(desk.logKind.rawValue) log; what a log is for is said by its first record and never changed."
                say("The log at \(path) already exists (\(Wording.en(desk.state.complaints.count, "complaint", "complaints"))); nothing changed.\(note)")
            } else {
                // The header's own time: a desk log's is the machine's (a pinned clock is refused there).
                let now = test ? try location.now(desk.timeText) : try location.writingNow(for: desk)
                // Signed by whoever starts it, as every record of a site whose operators sign.
                let actor = try systemActor(on: desk, requestedID: starter, requestedRole: nil)
                try desk.writeHeader(kind: kind, now: now, by: actor)
                say(test ? "Created an empty test log at \(path) (ASODESK_NOW may pin its clock)." : "Created an empty log at \(path).")
            }
            let config = try location.loadConfigFile(forLog: path)
            if !config.fileExisted {
                // Said in full here: the program may be installed without the source tree and its docs.
                say("""
                    Using the default settings (no site config beside the log, so no operators: every event is this account's).
                    To change them, the shift lead may create \(config.path) (TOML; owned by root or the folder's owner, writable by nobody else) with only what differs, for example:
                        [site]
                        name = "ASO Kraków"
                        [hours]
                        friday = "08:00-16:00"
                        saturday = "closed"
                    """)
            }
            say("Next: asodesk add --customer NAME --phone NUMBER --summary TEXT ... (see asodesk add --help).")
        }
    }
}

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Take a new complaint in.")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Option(help: "phone, email, web, social, letter or in-person.") var channel: Channel = .phone
    @Option(help: "repair, damage, invoice, delay, staff, parts, warranty, communication or other.") var category: ComplaintCategory = .other
    @Option(help: "normal, high or critical (safety issue or immobilised car).") var priority: Priority = .normal
    @Option(help: "consumer, business, warranty or goodwill.") var legalBasis: LegalBasis = .consumer
    @Option(help: "Customer's name.") var customer: String = ""
    @Option(help: "Customer's phone.") var phone: String?
    @Option(help: "Customer's e-mail.") var email: String?
    @Option(help: ArgumentHelp("How the customer wants to be contacted: phone, sms, email, letter or in-person (e-mail needs --email, phone and sms need --phone).", valueName: "way"))
    var contactBy: String?
    @Option(help: "Registration plate.") var plate: String?
    @Option(help: "VIN (17 characters).") var vin: String?
    @Option(help: "Make and model.") var vehicle: String?
    @Option(help: "Repair order number (zlecenie naprawy).") var order: String?
    @Option(help: "What the customer complains about.") var summary: String = ""
    @Option(help: "What the customer asks for.") var remedy: String?
    @Option(help: ArgumentHelp("When it was received, if earlier: ISO 8601 with offset (2026-11-20T14:30:00+01:00), site-local 2026-11-20 14:30 or 20.11 14:30, or a date alone (09:00 that day). Its timers and legal clock start then.", valueName: "time"))
    var receivedAt: String?
    @Option(help: ArgumentHelp("Link it with an earlier complaint (the same fault again, the same customer or car).", valueName: "number"))
    var link: String?
    @Flag(help: "Print the saved complaint as JSON.") var json = false

    func run() throws {
        try runReporting {
            let desk = try location.openDesk()
            let times = desk.timeText
            let linked = try link.map { try desk.number($0) }
            let form = IntakeForm(channel: channel, category: category, priority: priority, legalBasis: legalBasis,
                                  customer: customer, phone: phone, email: email, plate: plate, vin: vin,
                                  vehicle: vehicle, order: order, summary: summary, remedy: remedy, contactPreference: contactBy)
            let intake = try form.validated()
            let now = try location.writingNow(for: desk)
            var when = try operatorOptions.occurredAt(times, now: now)
            if let receivedAt {
                guard let date = times.parse(receivedAt, now: now) else { throw CLIError.badTime("--received-at", receivedAt) }
                when = date
            }
            let actions: [ComplaintAction] = [.receive(intake)] + (linked.map { [.link(to: $0, note: nil)] } ?? [])
            let event = try desk.perform(actions, on: nil, by: try operatorOptions.actor(on: desk), occurredAt: when, now: now)[0]
            let complaint = try desk.complaint(event.number)
            if json {
                try printJSON(ComplaintJSON(complaint, desk: desk, now: now, includeEvents: true))
            } else {
                let pl = MessageLanguage.polish
                let legal = desk.legalStatuses(of: complaint, now: now).last
                say(pl ? "\(event.number) zapisana." : "\(event.number) saved.")
                if let linked { say(pl ? "Powiązana z \(linked) (wpis w obu historiach)." : "Linked with \(linked) (recorded on both histories).") }
                if let deadline = legal?.deadline {
                    let days = desk.config.legalRule(complaint.intake.legalBasis).days
                    say(pl ? "Ustawowy termin odpowiedzi: \(deadline) (\(Labels.legalBasis(complaint.intake.legalBasis).pl), \(days) dni)."
                           : "Legal answer deadline: \(deadline) (\(complaint.intake.legalBasis.rawValue), \(days) days).")
                }
                // Earlier complaints of the same phone, e-mail, plate, VIN or name: offered, never linked unasked.
                let repeats = desk.repeatsOf(complaint)
                for match in repeats.prefix(5) {
                    say(MessageLanguage.say(LocalizedText("Wcześniej: ", "Earlier: ")) + MessageLanguage.say(RepeatText.line(match) { times.short($0) }))
                }
                if let first = repeats.first {
                    say(pl ? "Jeśli to ta sama sprawa: asodesk link \(event.number) \(first.number)"
                           : "If it is the same matter: asodesk link \(event.number) \(first.number)")
                }
                say(pl ? "Dalej: lista kontrolna przyjęcia (asodesk check \(event.number)), potem asodesk ack \(event.number)."
                       : "Next: run the intake checklist (asodesk check \(event.number)), then asodesk ack \(event.number).")
            }
        }
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List open complaints, the one whose next timer is due first at the top.")
    @OptionGroup var location: LocationOptions
    @Flag(help: "Every complaint, including finished ones.") var all = false
    @Option(help: "Only this state.") var state: ComplaintState?
    @Option(help: "Only this owner (operator id).") var owner: String?
    @Option(help: ArgumentHelp("What the customer says: complaint number, phone (601 234 567, +48 601), e-mail or part of it, plate, VIN, repair order, name, or words of the summary and notes. Best matches first.", valueName: "text"))
    var search: String?
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        if let search, ComplaintSearch.Query(search, vocabulary: ComplaintSearch.Vocabulary()) == nil {
            throw ValidationError("--search needs something to look for: a number, phone, e-mail, plate, name or a word.")
        }
    }

    func run() throws {
        try runReporting {
            let desk = try location.openDesk()
            let now = try location.now(desk.timeText)
            // Asking for a state that only finished complaints have means: show them.
            // The table shows no timer of a finished complaint; the JSON lists every timer.
            let rows = try QueueQuery(includeFinished: all || state == .followedUp, state: state, owner: owner, search: search)
                .rows(desk: desk, now: now, timersOfFinished: json)
            if json {
                try printJSON(rows.map { ComplaintJSON($0, desk: desk, now: now, includeEvents: false) })
            } else if rows.isEmpty {
                let more = search == nil || all
                say(MessageLanguage.say(desk.state.complaints.isEmpty
                    ? LocalizedText("Nie ma jeszcze reklamacji. Dodaj pierwszą: `asodesk add`, albo wypróbuj program na przykładowych danych we własnym logu: `asodesk --demo`.",
                                    "No complaints yet. Add one with `asodesk add`, or try the dashboard on sample data in a log of its own: `asodesk --demo`.")
                    : LocalizedText("Żadna \(all ? "" : "otwarta ")reklamacja nie pasuje.\(more ? "" : " --all szuka też wśród zakończonych.")",
                                    "No \(all ? "" : "open ")complaints match.\(more ? "" : " --all searches finished ones too.")")))
            } else {
                say(QueueTable.render(rows, desk: desk, now: now, language: MessageLanguage.current))
            }
        }
    }
}

extension ComplaintState: ExpressibleByArgument {}

struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one complaint: every timer, the legal deadline, the checklist and the history.")
    @OptionGroup var location: LocationOptions
    @Argument(help: "Complaint number.") var number: String
    @Flag(help: "Say why each timer stands where it stands (business hours, holidays, pauses).") var explain = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try runReporting {
            let desk = try location.openDesk()
            let now = try location.now(desk.timeText)
            let complaint = try desk.complaint(try desk.number(number))
            if json {
                try printJSON(ComplaintJSON(complaint, desk: desk, now: now, includeEvents: true))
            } else {
                say(ComplaintText.render(complaint, desk: desk, now: now, explain: explain, language: MessageLanguage.current))
            }
        }
    }
}

struct Procedures: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the standard procedures, their versions and overdue reviews.")
    @OptionGroup var location: LocationOptions
    @Argument(help: "Show the steps of this procedure.") var id: String?
    @Option(help: ArgumentHelp("Language of the texts: pl or en (else the language of your messages: the user file's, else the locale).", valueName: "pl|en"))
    var lang: Language?

    func run() throws {
        try runReporting {
            let library = try ProcedureLibrary.bundled()
            let config = try location.loadConfig()
            let times = TimeText(timeZone: TimeZone(identifier: config.calendar.timeZoneID) ?? .current)
            let today = try BusinessCalendar(config.calendar).localDate(of: try location.now(times))
            let polish = (lang ?? MessageLanguage.current) == .polish
            if let id {
                guard let procedure = library.procedure(id: id) else {
                    let known = library.procedures.map(\.id).joined(separator: ", ")
                    throw CLIError.message(polish ? "Nie ma procedury „\(id)”. Są: \(known)." : "There is no procedure '\(id)'. Known: \(known).")
                }
                say(ChecklistText.steps(of: procedure, polish: polish))
                return
            }
            say(ChecklistText.library(library, today: today, polish: polish))
        }
    }
}
