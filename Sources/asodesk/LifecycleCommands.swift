import ArgumentParser
import AsodeskApp
import AsodeskDomain
import Foundation

/// The shared body of every command that records one action on an existing complaint.
/// `backdateReason`: a shift lead's reason for dating back an acknowledgement or a decision.
func record(_ location: LocationOptions, _ operatorOptions: OperatorOptions, number text: String,
            backdateReason: String? = nil, _ makeAction: (Complaint) throws -> ComplaintAction) throws {
    try runReporting {
        let desk = try location.openDesk()
        let times = desk.timeText
        let now = try location.writingNow(for: desk)
        let number = try desk.number(text)
        let action = try makeAction(try desk.complaint(number))
        let event = try desk.perform(action, on: number, by: try operatorOptions.actor(on: desk),
                                     occurredAt: try operatorOptions.occurredAt(times), now: now, backdateReason: backdateReason)
        let complaint = try desk.complaint(number)
        var line = "\(number): \(SafeText.singleLine(EventText.describe(event.action), maxCharacters: 160)) — saved. State: \(complaint.state.rawValue)."
        if let late = event.lateEntry { line += " " + EventText.lateEntry(late, times: times).en }
        say(line)
    }
}

struct Ack: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Acknowledge a complaint (confirmation of receipt sent to the customer).")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number, e.g. R/2026/0042.") var number: String
    @Option(help: "How it was confirmed (e.g. e-mail sent, printed copy handed over).") var note: String?
    @Option(help: "Shift lead only: why the acknowledgement is dated back (--at) more than 15 min; stored with it.") var reason: String?
    func run() throws { try record(location, operatorOptions, number: number, backdateReason: reason) { _ in .acknowledge(note: note) } }
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
    @Option(help: "Shift lead only: why the decision is dated back (--at) more than 15 min; stored with it.") var reason: String?
    func run() throws {
        try record(location, operatorOptions, number: number, backdateReason: reason) { _ in
            .decide(Decision(outcome: outcome, reasons: reasons, remedyGranted: remedy))
        }
    }
}

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
        discussion: "Without steps, lists the procedures that apply now and their steps. With --all, ticks every open step of the procedure.")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "Complaint number.") var number: String
    @Argument(help: "Procedure id (see `asodesk procedures`).") var procedure: String?
    @Argument(help: "Step ids to tick.") var steps: [String] = []
    @Flag(help: "Tick every open step of the procedure.") var all = false
    @Flag(help: "Override the given mandatory steps instead of ticking them (shift lead only).") var override = false
    @Option(help: "Why the override is justified.") var reason: String?

    func validate() throws {
        if override && (reason ?? "").isEmpty { throw ValidationError("An override needs --reason.") }
        if (all || override || !steps.isEmpty) && procedure == nil { throw ValidationError("Name the procedure.") }
    }

    func run() throws {
        try runReporting {
            let desk = try location.openDesk()
            let times = desk.timeText
            let number = try desk.number(self.number)
            let complaint = try desk.complaint(number)
            guard let procedureID = procedure else {
                say(ChecklistText.render(complaint, library: desk.procedures))
                return
            }
            guard let chosen = desk.procedures.procedure(id: procedureID) else {
                throw CLIError.message("There is no procedure '\(procedureID)'. `asodesk procedures` lists them.")
            }
            let done = Set(complaint.marks.filter { $0.cycle == complaint.cycle && $0.procedure == chosen.id }.map(\.step))
            let targets = all ? chosen.steps.map(\.id).filter { !done.contains($0) } : steps
            guard !targets.isEmpty else {
                say(all ? "Every step of \(chosen.id) is already ticked for \(number)." : ChecklistText.render(complaint, library: desk.procedures))
                return
            }
            let actor = try operatorOptions.actor(on: desk)
            let now = try location.writingNow(for: desk)
            let at = try operatorOptions.occurredAt(times)
            let actions: [ComplaintAction] = targets.map { step in
                override
                    ? .overrideStep(procedure: chosen.id, version: chosen.version, step: step, reason: reason ?? "")
                    : .checkStep(procedure: chosen.id, version: chosen.version, step: step)
            }
            // One user action, one append: every step is saved, or none is.
            do {
                try desk.perform(actions, on: number, by: actor, occurredAt: at, now: now)
            } catch let refusal as Refusal where targets.count > 1 {
                throw CLIError.message("\(refusal.message) Nothing was saved: none of the \(targets.count) steps is \(override ? "overridden" : "ticked").")
            }
            for step in targets { say("\(number): \(override ? "overrode" : "ticked") \(chosen.id)/\(step) — saved.") }
        }
    }
}
