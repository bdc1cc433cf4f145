import ArgumentParser
import AsodeskApp
import AsodeskDomain
import Foundation

/// `asodesk action …`: the register of corrective and preventive actions.
struct Action: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The register of corrective and preventive actions: open, amend, done, verify, cancel, list, show.",
        discussion: """
            An action answers complaints and causes, has an owner, a due date and a measure of success. Advisors and the \
            shift lead open actions; the owner or the lead marks one done; only the lead verifies its effectiveness (once \
            done; the check falls due [improvement] effectiveness_check_weeks after, default 8) or cancels it. Procedure \
            reviews that fall due show in the list until the lead opens one (--kind procedure-review --procedure ID).
            """,
        subcommands: [ActionAdd.self, ActionList.self, ActionShow.self, ActionDone.self, ActionVerify.self, ActionAmend.self, ActionCancel.self])
}

extension ImprovementKind: ExpressibleByArgument {}

/// Parses an action id as typed, or says how one looks.
func actionID(_ text: String) throws -> ActionID {
    guard let id = ActionID(text: text) else {
        throw CLIError.localized(LocalizedText(
            "„\(SafeText.singleLine(text, maxCharacters: 40))” nie jest numerem działania; numer wygląda tak: D-2026/7.",
            "'\(SafeText.singleLine(text, maxCharacters: 40))' is not an action id; an id looks like D-2026/7."))
    }
    return id
}

func dueDate(_ text: String) throws -> LocalDate {
    guard let date = LocalDate(iso: text) else {
        throw CLIError.localized(LocalizedText(
            "--due: „\(SafeText.singleLine(text, maxCharacters: 40))” nie jest datą; podaj RRRR-MM-DD, np. 2026-12-31.",
            "--due: '\(SafeText.singleLine(text, maxCharacters: 40))' is not a date; give YYYY-MM-DD, e.g. 2026-12-31."))
    }
    return date
}

/// Complaint numbers as typed; each must be the desk's.
func complaintNumbers(_ texts: [String], desk: Desk) throws -> [ComplaintNumber] {
    try texts.map { try desk.number($0) }
}

/// Writes one step of the register and says what was saved.
func recordStep(_ location: LocationOptions, _ operatorOptions: OperatorOptions, id text: String?,
                _ makeChange: (Desk) throws -> ImprovementChange) throws {
    try runReporting {
        let desk = try location.openDesk()
        let now = try location.writingNow(for: desk)
        let id = try text.map(actionID)
        let change = try makeChange(desk)
        let event = try desk.recordImprovement(change, on: id, by: try operatorOptions.actor(on: desk),
                                               occurredAt: try operatorOptions.occurredAt(desk.timeText, now: now), now: now)
        say(ImprovementText.saved(event, desk: desk, language: MessageLanguage.current))
    }
}

struct ActionAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Open an action; it takes the next id of the year (D-2026/7).")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Option(help: "What is to be done.") var title: String
    @Option(help: "corrective, preventive or procedure-review (lead).") var kind: ImprovementKind = .corrective
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Cause codes (code or code/sub).", valueName: "code")) var cause: [String] = []
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Complaints it answers.", valueName: "number")) var complaint: [String] = []
    @Option(help: ArgumentHelp("Who carries it out (an operator id).", valueName: "id")) var owner: String
    @Option(help: ArgumentHelp("Due date.", valueName: "YYYY-MM-DD")) var due: String
    @Option(help: "How the team will know it worked.") var measure: String
    @Option(help: ArgumentHelp("The procedure reviewed (with --kind procedure-review).", valueName: "id")) var procedure: String?
    @Option(name: .customLong("follow-up-of"), help: ArgumentHelp("The action found not effective that this one follows up (lead).", valueName: "id"))
    var followUpOf: String?

    func run() throws {
        try recordStep(location, operatorOptions, id: nil) { desk in
            .open(ImprovementOpening(kind: kind, title: title, causes: cause, complaints: try complaintNumbers(complaint, desk: desk),
                                     owner: owner, due: try dueDate(due), measure: measure, procedure: procedure,
                                     followUpOf: try followUpOf.map(actionID)))
        }
    }
}

struct ActionList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the register: open and done actions, and procedure reviews due.")
    @OptionGroup var location: LocationOptions
    @Flag(help: "Also the actions verified effective or cancelled.") var all = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try runReporting {
            let desk = try location.openDesk()
            let rows = desk.register(now: try location.now(desk.timeText), includingSettled: all)
            if json { try printJSON(rows.map { RegisterRowJSON($0) }) } else {
                say(ImprovementText.list(rows, desk: desk, language: MessageLanguage.current))
            }
        }
    }
}

struct ActionShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one action: its fields, timers, complaints and history.")
    @OptionGroup var location: LocationOptions
    @Argument(help: "Action id (D-2026/7).") var id: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try runReporting {
            let desk = try location.openDesk()
            let now = try location.now(desk.timeText)
            let action = try desk.improvement(try actionID(id))
            if json {
                guard let row = desk.register(now: now, includingSettled: true).first(where: { $0.action?.id == action.id }) else { return }
                try printJSON(RegisterRowJSON(row, includeHistory: true))
            } else {
                say(ImprovementText.render(action, desk: desk, now: now, language: MessageLanguage.current))
            }
        }
    }
}

struct ActionDone: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark an action done (its owner or the lead): what was done.")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Action id.") var id: String
    @Option(help: "What was done.") var note: String
    func run() throws { try recordStep(location, operatorOptions, id: id) { _ in .done(note: note) } }
}

struct ActionVerify: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Verify a done action's effectiveness (shift lead).")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Action id.") var id: String
    @Flag(help: "Effective, or not effective (the need stays; the lead may open a follow-up).") var effective: Effectiveness
    @Option(help: "What the measure showed.") var note: String
    enum Effectiveness: EnumerableFlag { case effective, notEffective }
    func run() throws { try recordStep(location, operatorOptions, id: id) { _ in .verify(effective: effective == .effective, note: note) } }
}

struct ActionAmend: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "amend", abstract: "Change an open action's title, owner, due date, measure, causes or complaints, with a reason.")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Action id.") var id: String
    @Option var title: String?
    @Option(help: ArgumentHelp(valueName: "id")) var owner: String?
    @Option(help: ArgumentHelp(valueName: "YYYY-MM-DD")) var due: String?
    @Option var measure: String?
    @Option(parsing: .upToNextOption, help: ArgumentHelp("The causes, all of them (replaces the list).", valueName: "code")) var cause: [String] = []
    @Option(parsing: .upToNextOption, help: ArgumentHelp("The complaints, all of them (replaces the list).", valueName: "number")) var complaint: [String] = []
    @Option(help: "Why it changes.") var reason: String

    func run() throws {
        try recordStep(location, operatorOptions, id: id) { desk in
            .amend(ImprovementAmendment(title: title, owner: owner, due: try due.map(dueDate), measure: measure,
                                        causes: cause.isEmpty ? nil : cause,
                                        complaints: complaint.isEmpty ? nil : try complaintNumbers(complaint, desk: desk), reason: reason))
        }
    }
}

struct ActionCancel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel an action (shift lead), with a reason.")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Action id.") var id: String
    @Option(help: "Why it is cancelled.") var reason: String
    func run() throws { try recordStep(location, operatorOptions, id: id) { _ in .cancel(reason: reason) } }
}
