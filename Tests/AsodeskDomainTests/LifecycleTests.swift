import Foundation
import Testing
@testable import AsodeskDomain

/// Builds complaints by folding events, the way replay does.
struct History {
    static let t0 = Date(timeIntervalSince1970: 1_795_420_800) // 2026-11-23 09:00 Europe/Warsaw, a Monday
    static let advisor = Actor(id: "pwisniewski", role: .advisor)
    static let other = Actor(id: "kzielinska", role: .advisor)
    static let trainee = Actor(id: "jlewandowska", role: .trainee)
    static let lead = Actor(id: "anowak", role: .lead)
    static let intake = Intake(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer,
                               customer: "Tomasz Kowalski", phone: "+48 601 234 567", summary: "Szarpie po wymianie sprzęgła.")

    static let procedures: [Procedure] = [
        procedure("intake-phone", .intake, channels: [.phone], mandatory: ["listen", "number"]),
        procedure("intake-desk", .intake, channels: [.inPerson], mandatory: ["calm"]),
        procedure("decision", .beforeDecision, mandatory: ["facts"]),
        procedure("closing", .beforeClosing, mandatory: ["letter"]),
        procedure("followup", .followUp, mandatory: ["call"]),
    ]

    static func procedure(_ id: String, _ point: PausePoint, channels: [Channel] = [], mandatory: [String]) -> Procedure {
        let text = LocalizedText(pl: "krok", en: "step")
        let steps = mandatory.map { ProcedureStep(id: $0, text: text, reason: text, mandatory: true) }
            + (1...4).map { ProcedureStep(id: "optional\($0)", text: text, reason: text, mandatory: false) }
        return Procedure(id: id, version: 2, reviewedOn: LocalDate(year: 2026, month: 1, day: 10), pausePoint: point,
                         mode: .doConfirm, title: text, steps: steps, channels: channels)
    }

    var complaint: Complaint?
    var clock = History.t0

    init() {
        complaint = Lifecycle.apply(event(.receive(History.intake), by: History.advisor), to: nil)
    }

    func event(_ action: ComplaintAction, by actor: Actor) -> ComplaintEvent {
        ComplaintEvent(number: ComplaintNumber(year: 2026, serial: 42), actor: actor, occurredAt: clock, recordedAt: clock, action: action)
    }

    /// Checks the action like the desk does, then applies it; returns the refusal if any.
    @discardableResult
    mutating func run(_ action: ComplaintAction, by actor: Actor = History.advisor, minutes: Double = 10) -> Refusal? {
        clock = clock.addingTimeInterval(minutes * 60)
        do {
            try Lifecycle.check(action, on: complaint, by: actor, occurredAt: clock, now: clock, procedures: History.procedures)
        } catch {
            return error
        }
        complaint = Lifecycle.apply(event(action, by: actor), to: complaint)
        return nil
    }

    mutating func tick(_ procedure: String, _ steps: String..., by actor: Actor = History.advisor) {
        for step in steps { #expect(run(.checkStep(procedure: procedure, version: 2, step: step), by: actor, minutes: 1) == nil) }
    }

    /// Walks the happy path to the given state.
    mutating func advance(to state: ComplaintState) {
        if state == .received { return }
        tick("intake-phone", "listen", "number")
        #expect(run(.acknowledge(note: nil)) == nil)
        if state == .acknowledged { return }
        #expect(run(.contact(ContactRecord(channel: .phone, summary: "Umówiono oględziny"))) == nil)
        if state == .inAnalysis { return }
        if state == .waiting { #expect(run(.wait(reason: .parts, note: nil)) == nil); return }
        tick("decision", "facts")
        #expect(run(.decide(Decision(outcome: .accepted, reasons: "Usterka potwierdzona", remedyGranted: "Naprawa"))) == nil)
        if state == .decided { return }
        tick("closing", "letter")
        #expect(run(.close(customerAccepted: true, response: "Dziękuję")) == nil)
        if state == .closed { return }
        tick("followup", "call")
        #expect(run(.followUp(satisfaction: 5, note: nil)) == nil)
    }
}

@Suite struct LifecycleTests {
    @Test func complaintNumbersReadAndPrintAsSpoken() {
        #expect(ComplaintNumber(year: 2026, serial: 42).description == "R/2026/0042")
        #expect(ComplaintNumber(text: "r/2026/42") == ComplaintNumber(year: 2026, serial: 42))
        #expect(ComplaintNumber(text: "2026/0042") == ComplaintNumber(year: 2026, serial: 42))
        #expect(ComplaintNumber(year: 2026, serial: 12345).description == "R/2026/12345")
        for bad in ["", "R/26/1", "R/2026/0", "R/2026/x", "X/2026/1/2", "R/2026/٣"] { #expect(ComplaintNumber(text: bad) == nil, "\(bad)") }
    }

    @Test func happyPathVisitsEveryStateInOrder() {
        var h = History()
        #expect(h.complaint?.state == .received)
        for state in [ComplaintState.acknowledged, .inAnalysis, .decided, .closed, .followedUp] {
            var walk = History()
            walk.advance(to: state)
            #expect(walk.complaint?.state == state)
        }
        h.advance(to: .followedUp)
        #expect(h.complaint?.isOpen == false)
        #expect(h.complaint?.satisfaction == 5)
    }

    /// Every verb in every state: allowed exactly when the table says so, refused with a message
    /// that names the state and lists what is allowed.
    @Test(arguments: [ComplaintState.received, .acknowledged, .inAnalysis, .waiting, .decided, .closed, .followedUp])
    func stateMachineAllowsOnlyItsVerbs(state: ComplaintState) {
        let actions: [ComplaintAction] = [
            .acknowledge(note: nil), .contact(ContactRecord(channel: .phone, summary: "Rozmowa")),
            .wait(reason: .customer, note: nil), .resume(note: nil), .assign(to: "kzielinska", note: nil),
            .escalate(reason: "Pilne", priority: nil),
            .decide(Decision(outcome: .rejected, reasons: "Zużycie eksploatacyjne", remedyGranted: nil)),
            .close(customerAccepted: false, response: "Nie zgadzam się"), .reopen(reason: "Usterka wróciła"),
            .note(text: "Notatka"), .followUp(satisfaction: 3, note: nil),
        ]
        for action in actions {
            var h = History()
            h.advance(to: state)
            // Tick every gate so only the state machine can refuse.
            for p in History.procedures { for s in p.steps where s.mandatory { _ = h.run(.checkStep(procedure: p.id, version: 2, step: s.id), by: History.lead, minutes: 0) } }
            let refusal = h.run(action, by: History.lead)
            let allowed = Lifecycle.verbs(allowedIn: state).contains(action.verb)
            #expect((refusal == nil) == allowed, "\(state) \(action.verb): \(refusal?.message ?? "allowed")")
            if let refusal, state != .followedUp {
                #expect(refusal.message.contains("Allowed now:"))
                #expect(refusal.message.contains("R/2026/0042"))
            }
        }
    }

    @Test func waitingPausesUntilResumedAndDecisionWaitsForResume() {
        var h = History()
        h.advance(to: .waiting)
        #expect(h.complaint?.waitingFor == .parts)
        h.tick("decision", "facts")
        let refusal = h.run(.decide(Decision(outcome: .accepted, reasons: "Tak", remedyGranted: nil)))
        #expect(refusal?.message.contains("Resume it first") == true)
        #expect(h.run(.resume(note: "Części są")) == nil)
        #expect(h.complaint?.state == .inAnalysis)
        let facts = h.complaint!.clockFacts
        #expect(facts.pauses.count == 1 && facts.pauses[0].end != nil && facts.pauses[0].reason == .parts)
    }

    @Test func reopenStartsANewCycleAndKeepsHistory() {
        var h = History()
        h.advance(to: .closed)
        let before = h.complaint!.history.count
        #expect(h.run(.reopen(reason: "Ta sama usterka")) == nil)
        #expect(h.complaint?.state == .inAnalysis)
        #expect(h.complaint?.cycle == 2)
        #expect(h.complaint?.decision == nil)
        #expect(h.complaint!.history.count == before + 1)
        // The before-decision checklist must be run again in the new cycle.
        let refusal = h.run(.decide(Decision(outcome: .accepted, reasons: "Tak", remedyGranted: nil)))
        #expect(refusal?.message.contains("decision/facts") == true)
        let facts = h.complaint!.clockFacts
        #expect(facts.cycles.count == 2)
        #expect(facts.cycles[1].isReopen && facts.cycles[0].closedAt != nil)
    }

    @Test func mandatoryStepsBlockTheirTransitionUntilTickedOrOverriddenByALead() {
        var h = History()
        let refusal = h.run(.acknowledge(note: nil))
        #expect(refusal?.message.contains("intake-phone/listen") == true)
        #expect(refusal?.message.contains("intake-desk") == false, "a procedure for another channel does not apply")
        h.tick("intake-phone", "listen")
        #expect(h.run(.overrideStep(procedure: "intake-phone", version: 2, step: "number", reason: "Klient się rozłączył"))?
            .message.contains("shift lead") == true)
        #expect(h.run(.overrideStep(procedure: "intake-phone", version: 2, step: "number", reason: "  "), by: History.lead)?
            .message.contains("Reason is required") == true)
        #expect(h.run(.overrideStep(procedure: "intake-phone", version: 2, step: "number", reason: "Klient się rozłączył"), by: History.lead) == nil)
        #expect(h.run(.acknowledge(note: nil)) == nil)
        #expect(h.complaint?.marks.last?.overrideReason == "Klient się rozłączył")
    }

    @Test func aProcedureGatesOnlyTheChannelsAndCategoriesItIsFor() {
        let handover = Procedure(id: "handover", version: 1, reviewedOn: LocalDate(year: 2026, month: 1, day: 1),
                                 pausePoint: .beforeClosing, mode: .doConfirm, title: LocalizedText(pl: "a", en: "a"),
                                 steps: [], categories: [.repair])
        var invoice = History.intake
        invoice.category = .invoice
        #expect(handover.applies(to: History.intake))
        #expect(!handover.applies(to: invoice))
        var letter = History.intake
        letter.channel = .letter
        #expect(History.procedures[0].applies(to: History.intake) && !History.procedures[0].applies(to: letter))
    }

    @Test func ticksRecordTheProcedureVersionAndRejectUnknownSteps() {
        var h = History()
        #expect(h.run(.checkStep(procedure: "intake-phone", version: 1, step: "listen"))?.message.contains("version 2") == true)
        #expect(h.run(.checkStep(procedure: "nope", version: 2, step: "listen"))?.message.contains("Known procedures") == true)
        #expect(h.run(.checkStep(procedure: "intake-phone", version: 2, step: "dance"))?.message.contains("Its steps") == true)
        h.tick("intake-phone", "listen")
        #expect(h.complaint?.marks.last?.version == 2)
        #expect(h.run(.checkStep(procedure: "intake-phone", version: 2, step: "listen"))?.message.contains("already ticked") == true)
    }

    @Test func traineeMayTakeInAndRecordButNotDecideCloseReopenOrOverride() {
        var h = History()
        h.tick("intake-phone", "listen", "number", by: History.trainee)
        #expect(h.run(.acknowledge(note: nil), by: History.trainee) == nil)
        #expect(h.run(.contact(ContactRecord(channel: .phone, summary: "Rozmowa")), by: History.trainee) == nil)
        #expect(h.run(.note(text: "Notatka praktykantki"), by: History.trainee) == nil)
        h.tick("decision", "facts", by: History.trainee)
        let decide = h.run(.decide(Decision(outcome: .accepted, reasons: "Tak", remedyGranted: nil)), by: History.trainee)
        #expect(decide?.message.contains("trainee") == true)
        #expect(h.run(.overrideStep(procedure: "closing", version: 2, step: "letter", reason: "x"), by: History.trainee) != nil)
        #expect(h.run(.assign(to: "jlewandowska", note: nil), by: History.trainee)?.message.contains("belongs to pwisniewski") == true)
        #expect(h.run(.decide(Decision(outcome: .accepted, reasons: "Tak", remedyGranted: nil))) == nil)
        #expect(h.run(.close(customerAccepted: true, response: "OK"), by: History.trainee)?.message.contains("trainee") == true)
        #expect(!Lifecycle.availableVerbs(on: h.complaint!, for: History.trainee).contains(.close))
        #expect(Lifecycle.availableVerbs(on: h.complaint!, for: History.advisor).contains(.close))
    }

    @Test func onlyALeadReassignsSomeoneElsesComplaint() {
        var h = History()
        #expect(h.run(.assign(to: "mkaminski", note: nil), by: History.other)?.message.contains("only a shift lead") == true)
        #expect(h.run(.assign(to: "mkaminski", note: nil), by: History.advisor) == nil, "an owner may pass their own on")
        #expect(h.run(.assign(to: "kzielinska", note: nil), by: History.lead) == nil)
        #expect(h.complaint?.owner == "kzielinska")
        #expect(h.run(.assign(to: "kzielinska", note: nil), by: History.lead)?.message.contains("already") == true)
    }

    @Test func traineeIntakeIsUnassignedAndMayBeTakenBySelfOnly() {
        let event = ComplaintEvent(number: ComplaintNumber(year: 2026, serial: 1), actor: History.trainee,
                                   occurredAt: History.t0, recordedAt: History.t0, action: .receive(History.intake))
        let complaint = Lifecycle.apply(event, to: nil)!
        #expect(complaint.owner == nil)
        #expect(throws: Refusal.self) {
            try Lifecycle.check(.assign(to: "pwisniewski", note: nil), on: complaint, by: History.trainee,
                                occurredAt: History.t0, now: History.t0, procedures: [])
        }
        #expect(throws: Never.self) {
            try Lifecycle.check(.assign(to: "jlewandowska", note: nil), on: complaint, by: History.trainee,
                                occurredAt: History.t0, now: History.t0, procedures: [])
        }
    }

    @Test func eventTimesMayBeEarlierButNotFutureNorBeforeReceipt() {
        let h = History()
        let complaint = h.complaint!
        #expect(throws: Refusal.self) {
            try Lifecycle.check(.note(text: "x"), on: complaint, by: History.advisor,
                                occurredAt: History.t0.addingTimeInterval(3600), now: History.t0, procedures: [])
        }
        #expect(throws: Refusal.self) {
            try Lifecycle.check(.note(text: "x"), on: complaint, by: History.advisor,
                                occurredAt: History.t0.addingTimeInterval(-60), now: History.t0.addingTimeInterval(600), procedures: [])
        }
    }

    @Test func escalationMayRaiseButNeverLowerPriority() {
        var h = History()
        #expect(h.run(.escalate(reason: "Auto unieruchomione", priority: .critical)) == nil)
        #expect(h.complaint?.priority == .critical && h.complaint?.escalationCount == 1)
        #expect(h.run(.escalate(reason: "Jednak nie", priority: .normal))?.message.contains("cannot lower") == true)
        #expect(h.complaint!.clockFacts.currentPriority == .critical, "a target change recomputes from the same history")
    }

    @Test func actionTextsHaveLengthLimits() {
        var h = History()
        #expect(h.run(.note(text: "   "))?.message.contains("required") == true)
        #expect(h.run(.note(text: String(repeating: "ż", count: 4001)))?.message.contains("too long") == true)
        #expect(h.run(.escalate(reason: "", priority: nil))?.message.contains("required") == true)
        #expect(h.run(.note(text: "Klient dzwonił 📞")) == nil)
    }

    @Test func followUpScoreIsOneToFive() {
        var h = History()
        h.advance(to: .closed)
        h.tick("followup", "call")
        #expect(h.run(.followUp(satisfaction: 6, note: nil))?.message.contains("1 (very unhappy) to 5") == true)
    }

    @Test func clockFactsComeFromWhenThingsHappened() {
        var h = History()
        h.advance(to: .closed)
        let facts = h.complaint!.clockFacts
        let cycle = facts.cycles[0]
        #expect(facts.receivedAt == History.t0)
        #expect(cycle.acknowledgedAt != nil && cycle.contacts.count == 1 && cycle.decidedAt != nil && cycle.closedAt != nil)
        #expect(cycle.acknowledgedAt! < cycle.contacts[0] && cycle.contacts[0] < cycle.decidedAt!)
    }
}

@Suite struct LifecycleOrderTests {
    @Test func anEntryCannotBeDatedBeforeTheLatestOne() {
        var h = History()
        h.advance(to: .inAnalysis)
        let complaint = h.complaint!
        let latest = complaint.history.last!.occurredAt
        #expect(throws: Refusal.self) {
            try Lifecycle.check(.note(text: "wstecz"), on: complaint, by: History.advisor,
                                occurredAt: latest.addingTimeInterval(-60), now: latest.addingTimeInterval(3600), procedures: [])
        }
        #expect(throws: Never.self) {
            try Lifecycle.check(.note(text: "później"), on: complaint, by: History.advisor,
                                occurredAt: latest, now: latest.addingTimeInterval(3600), procedures: [])
        }
    }

    @Test func aLaterStagesChecklistCannotBeTickedAhead() {
        var h = History()
        let refusal = h.run(.checkStep(procedure: "followup", version: 2, step: "call"))
        #expect(refusal?.message.contains("not run for R/2026/0042 now") == true)
        #expect(refusal?.message.contains("intake-phone") == true)
        #expect(Checklist.procedures(now: h.complaint!, in: History.procedures).map(\.id) == ["intake-phone"])
    }

    @Test func operatorAndAssigneeIdsCannotCarryControlCharacters() {
        var h = History()
        #expect(h.run(.note(text: "x"), by: Actor(id: "evil\u{1B}[31m", role: .advisor)) != nil)
        #expect(h.run(.assign(to: "Jan Kowalski", note: nil), by: History.lead) != nil)
        #expect(h.run(.assign(to: "kzielinska", note: nil), by: History.lead) == nil)
    }

    @Test func aWithdrawnTickOpensTheStepAgainAndItBlocksAgain() {
        var h = History()
        h.tick("intake-phone", "listen", "number", "optional1")
        #expect(Checklist.openMandatorySteps(at: .intake, on: h.complaint!, procedures: History.procedures).isEmpty)
        #expect(h.run(.withdrawTick(procedure: "intake-phone", version: 2, step: "number"), by: History.trainee) == nil)
        // The tick stays in the history; the step is open again, and the refusal names it, structured.
        #expect(h.complaint?.history.count == 5)
        #expect(h.complaint?.marks.map(\.step) == ["listen", "optional1"])
        let refusal = h.run(.acknowledge(note: nil))
        #expect(refusal?.gate?.verb == .acknowledge && refusal?.gate?.point == .intake)
        #expect(refusal?.gate?.open.map(\.step.id) == ["number"])
        // Ticked again, it counts again.
        h.tick("intake-phone", "number")
        #expect(h.run(.acknowledge(note: nil)) == nil)
    }

    @Test func onlyATickOfThisStageAndCycleCanBeWithdrawn() {
        var h = History()
        #expect(h.run(.withdrawTick(procedure: "intake-phone", version: 2, step: "listen"))?.message.contains("not ticked") == true)
        #expect(h.run(.withdrawTick(procedure: "intake-phone", version: 2, step: "nothing"))?.message.contains("has no step") == true)
        h.tick("intake-phone", "listen", "number")
        #expect(h.run(.acknowledge(note: nil)) == nil)
        // The stage it gated is done: that tick is history, not something to take back now.
        #expect(h.run(.withdrawTick(procedure: "intake-phone", version: 2, step: "listen"))?.message.contains("not run for") == true)
        // An override is withdrawn the same way, and the step blocks again.
        #expect(h.run(.contact(ContactRecord(channel: .phone, summary: "Umówiono oględziny"))) == nil)
        #expect(h.run(.overrideStep(procedure: "decision", version: 2, step: "facts", reason: "Ustalono telefonicznie"), by: History.lead) == nil)
        #expect(h.run(.withdrawTick(procedure: "decision", version: 2, step: "facts")) == nil)
        #expect(h.run(.decide(Decision(outcome: .accepted, reasons: "Usterka potwierdzona", remedyGranted: nil)))?.gate != nil)
        // After a reopen the new cycle's steps start open: nothing of the old cycle to withdraw.
        h.tick("decision", "facts")
        #expect(h.run(.decide(Decision(outcome: .accepted, reasons: "Usterka potwierdzona", remedyGranted: nil))) == nil)
        #expect(h.run(.reopen(reason: "Usterka wróciła")) == nil)
        #expect(h.run(.withdrawTick(procedure: "decision", version: 2, step: "facts"))?.message.contains("not ticked") == true)
    }

    /// After the follow-up a fault may come back ("znowu szarpie", 1/5): an advisor is told to
    /// take in a new complaint linked to it, a shift lead may reopen it, anyone may link it.
    @Test func aFinishedComplaintCanBeLinkedAndReopenedByTheLead() {
        var h = History()
        h.advance(to: .followedUp)
        let refused = h.run(.reopen(reason: "Znowu szarpie"), by: Actor(id: "pwisniewski", role: .advisor))
        #expect(refused?.message.contains("only a shift lead reopens it") == true, "\(refused?.message ?? "")")
        #expect(refused?.message.contains("add --link") == true)
        #expect(h.run(.link(to: ComplaintNumber(year: 2026, serial: 99), note: "Ta sama usterka"),
                      by: Actor(id: "jlewandowska", role: .trainee)) == nil)
        #expect(h.complaint?.links == [ComplaintNumber(year: 2026, serial: 99)])
        #expect(h.run(.link(to: ComplaintNumber(year: 2026, serial: 99), note: nil))?.message.contains("already linked") == true)
        #expect(h.run(.link(to: h.complaint!.number, note: nil))?.message.contains("itself") == true)
        #expect(h.run(.reopen(reason: "Znowu szarpie"), by: History.lead) == nil)
        #expect(h.complaint?.state == .inAnalysis)
        #expect(h.complaint?.cycle == 2)
    }
}

/// A photo or document attached by reference: whoever may add a note may attach, in every open
/// state, and the complaint lists what was attached from its history.
@Suite struct AttachedDocumentTests {
    static let hash = String(repeating: "0f", count: 32)

    @Test func theSamePeopleAsANoteMayAttachInEveryOpenState() {
        for state in [ComplaintState.received, .acknowledged, .inAnalysis, .waiting, .decided, .closed] {
            #expect(Lifecycle.verbs(allowedIn: state).contains(.attach) == Lifecycle.verbs(allowedIn: state).contains(.note))
        }
        #expect(!Lifecycle.verbs(allowedIn: .followedUp).contains(.attach))
        var h = History()
        #expect(h.run(.attach(DocumentReference(reference: "DMS 12345")), by: History.trainee) == nil)
        #expect(h.run(.attach(DocumentReference(reference: "zdjecie.jpg", description: "Rysa", sha256: Self.hash)), by: History.other) == nil)
        #expect(h.complaint?.documents.map(\.document.reference) == ["DMS 12345", "zdjecie.jpg"])
        #expect(h.complaint?.documents.last?.event.actor == History.other)
        #expect(h.complaint?.state == .received, "attaching changes no state")
    }

    @Test func aReferenceIsRequiredAndAHashIsSixtyFourLowercaseHexDigits() {
        var h = History()
        #expect(h.run(.attach(DocumentReference(reference: " "))) != nil)
        #expect(h.run(.attach(DocumentReference(reference: String(repeating: "x", count: 301)))) != nil)
        #expect(h.run(.attach(DocumentReference(reference: "DMS 1", sha256: "abc")))?.text.pl.contains("64 cyfry") == true)
        #expect(h.run(.attach(DocumentReference(reference: "DMS 1", sha256: Self.hash.uppercased()))) != nil)
        #expect(h.run(.attach(DocumentReference(reference: "DMS 1", description: String(repeating: "y", count: 4001)))) != nil)
        #expect(h.run(.attach(DocumentReference(reference: "DMS 1", sha256: Self.hash))) == nil)
    }

    @Test func aHashIsReadAsPeopleCopyIt() throws {
        #expect(try Validation.sha256(" " + Self.hash.uppercased() + " ") == Self.hash)
        #expect(throws: FieldError.self) { try Validation.sha256("xyz") }
    }
}
