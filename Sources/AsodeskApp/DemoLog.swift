import AsodeskDomain
import Foundation

/// Writes a realistic demo history relative to `now`: every state of the lifecycle, timers that
/// are fine, about to breach and breached, paused cases, reopened ones, several operators.
/// Everything goes through `Desk.perform`, so the demo obeys the same rules as people do.
public enum DemoLog {
    public static let operators = [
        Operator(id: "anowak", name: "Anna Nowak", role: .lead),
        Operator(id: "pwisniewski", name: "Piotr Wiśniewski", role: .advisor),
        Operator(id: "kzielinska", name: "Katarzyna Zielińska", role: .advisor),
        Operator(id: "mkaminski", name: "Marek Kamiński", role: .advisor),
        Operator(id: "jlewandowska", name: "Julia Lewandowska", role: .trainee),
    ]

    /// Where each demo complaint ends up.
    enum Scenario: CaseIterable {
        case ackBreached, ackDueSoon, awaitingContact, inAnalysis, decisionBreached, legalDueSoon, legalOverdue
        case waitingCustomer, waitingParts, waitingManufacturer, decided, closedAwaitingFollowUp, followUpBreached
        case finished, reopened, unassignedFromTrainee
        /// Decided days ago, the answer never sent: overdue unanswered, possibly deemed accepted.
        case decidedUnanswered
    }

    static let plan: [(Scenario, Int)] = [
        (.ackBreached, 3), (.ackDueSoon, 3), (.awaitingContact, 3), (.inAnalysis, 8), (.decisionBreached, 3),
        (.legalDueSoon, 2), (.legalOverdue, 1), (.waitingCustomer, 3), (.waitingParts, 3), (.waitingManufacturer, 2),
        (.decided, 4), (.closedAwaitingFollowUp, 4), (.followUpBreached, 1), (.finished, 8), (.reopened, 2),
        (.unassignedFromTrainee, 2), (.decidedUnanswered, 1),
    ]

    /// Returns a one-line summary of what was written.
    public static func write(into desk: Desk, now: Date, seed: UInt64) throws -> String {
        var writer = Writer(desk: desk, now: now, random: SeededRandom(seed: seed))
        var count = 0
        for (scenario, times) in plan {
            for _ in 0..<times {
                let opening = writer.opening(for: scenario)
                try writer.play(scenario, opening: opening)
                count += 1
            }
        }
        let open = desk.state.openComplaints.count
        return "\(Wording.en(count, "complaint", "complaints")) (\(open) open), \(Wording.en(Int(clamping: desk.log.lastSequence), "event", "events")), operators "
            + operators.map(\.id).joined(separator: ", ")
    }

    /// How a complaint's story begins: who takes it, how urgent, under which law, and when.
    struct Opening {
        var advisor: Actor
        var priority: Priority
        var basis: LegalBasis
        var received: Date
    }

    /// Plays the demo's stories onto a stage: the real desk (the demo) or the log generator's.
    struct Writer<Stage: StoryStage> {
        let desk: Stage
        let now: Date
        var random: SeededRandom

        let lead = Actor(id: "anowak", role: .lead)
        let trainee = Actor(id: "jlewandowska", role: .trainee)
        let advisors = ["pwisniewski", "kzielinska", "mkaminski"].map { Actor(id: $0, role: .advisor) }

        /// The instant `minutes` business minutes before now (binary search: business time is monotone).
        func businessAgo(_ minutes: Int) -> Date {
            var low = now.addingTimeInterval(-90 * 86_400), high = now
            for _ in 0..<40 {
                let mid = low.addingTimeInterval(high.timeIntervalSince(low) / 2)
                if desk.calendar.businessMinutes(from: mid, to: now) > minutes { low = mid } else { high = mid }
            }
            return high
        }

        /// `minutes` business minutes after `start`, never later than a minute before now.
        func after(_ start: Date, _ minutes: Int) -> Date {
            let at = desk.calendar.instant(afterBusinessMinutes: minutes, from: start) ?? start
            return min(at, now.addingTimeInterval(-60))
        }

        /// Draws the beginning of a story that ends up in `scenario` by `now`.
        mutating func opening(for scenario: Scenario) -> Opening {
            let drawn = opening(receivedAt: now)
            let advisor = drawn.advisor
            var priority = drawn.priority, basis = drawn.basis
            let received: Date
            switch scenario {
            case .ackBreached: received = businessAgo(random.int(300...900))
            case .ackDueSoon:
                priority = random.chance(0.34) ? .critical : .normal
                received = businessAgo(priority == .critical ? 20 : random.int(200...225))
            case .awaitingContact: received = businessAgo(random.int(450...580))
            case .inAnalysis: received = businessAgo(random.int(500...2200))
            case .unassignedFromTrainee: received = businessAgo(random.int(100...400))
            case .decisionBreached: received = businessAgo(random.int(3100...4200))
            case .legalDueSoon, .legalOverdue, .decidedUnanswered:
                basis = .consumer
                // A letter opened at the desk at 10:00, 12 or 17 calendar days ago.
                let today = desk.calendar.localDate(of: now)
                received = desk.calendar.instant(of: today.adding(days: scenario == .legalDueSoon ? -12 : -17),
                                                 at: LocalTime(hour: 10))
            case .waitingCustomer, .waitingParts, .waitingManufacturer: received = businessAgo(random.int(900...3000))
            case .decided: received = businessAgo(random.int(1500...2800))
            case .closedAwaitingFollowUp: received = businessAgo(random.int(2600...4000))
            case .followUpBreached: received = businessAgo(random.int(6500...7500))
            case .finished: received = businessAgo(random.int(3000...11_000))
            case .reopened: received = businessAgo(random.int(4000...6000))
            }
            return Opening(advisor: advisor, priority: priority, basis: basis, received: received)
        }

        /// The usual beginning of a story (who, how urgent, which law) for a complaint received at `received`.
        mutating func opening(receivedAt received: Date) -> Opening {
            Opening(advisor: random.pick(advisors), priority: random.chance(0.15) ? .high : .normal,
                    basis: random.chance(0.8) ? .consumer : random.pick([.business, .warranty, .goodwill]), received: received)
        }

        /// Records the story of one complaint from `opening` to where `scenario` leaves it.
        mutating func play(_ scenario: Scenario, opening: Opening) throws {
            let (advisor, priority, basis, received) = (opening.advisor, opening.priority, opening.basis, opening.received)
            let intakeActor = scenario == .unassignedFromTrainee || random.chance(0.12) ? trainee : advisor
            let form = DemoText.intake(&random, priority: priority, basis: basis)
            let number = try desk.record(.receive(try form.validated()), on: nil, by: intakeActor, at: received, now: now)
            var clock = received
            func step(_ minutes: Int) -> Date { clock = max(clock, after(clock, minutes)); return clock }
            /// Moves the story on to `minutes` business minutes before now, if it is not there yet.
            func recent(_ minutes: Int) -> Date { clock = max(clock, businessAgo(minutes)); return clock }
            func act(_ action: ComplaintAction, _ actor: Actor, _ at: Date) throws {
                _ = try desk.record(action, on: number, by: actor, at: at, now: now)
            }
            /// The decision letter goes out: by e-mail where the customer gave an address, else by
            /// letter (a third of them confirmed delivered) or handed over at the desk.
            func answer(_ actor: Actor, _ decidedAt: Date) throws {
                let intake = desk.complaintSoFar(number)!.intake
                let at = step(random.int(10...240))
                if let email = intake.email {
                    try act(.answer(AnswerRecord(medium: .email, address: email)), actor, at)
                } else if random.chance(0.3) {
                    try act(.answer(AnswerRecord(medium: .inPerson)), actor, at)
                } else {
                    try act(.answer(AnswerRecord(medium: .letter, address: random.pick(DemoText.postalAddresses))), actor, at)
                    if random.chance(0.35) {
                        try act(.confirmDelivery(note: "Zwrotne potwierdzenie odbioru z Poczty Polskiej"), actor, step(random.int(900...2400)))
                    }
                }
                _ = decidedAt
            }
            func runChecklist(_ point: PausePoint, _ actor: Actor, _ at: Date) throws {
                let complaint = desk.complaintSoFar(number)!
                for procedure in Checklist.procedures(at: point, for: complaint, in: desk.checklists) {
                    for stepItem in procedure.steps where stepItem.mandatory || random.chance(0.6) {
                        try act(.checkStep(procedure: procedure.id, version: procedure.version, step: stepItem.id), actor, at)
                    }
                }
            }
            if intakeActor.role == .trainee && scenario != .unassignedFromTrainee {
                try act(.assign(to: advisor.id, note: "Przydział po przyjęciu przez praktykantkę"), lead, step(10))
            }
            if [.ackBreached, .ackDueSoon].contains(scenario) { return }
            let owner = intakeActor.role == .trainee && scenario == .unassignedFromTrainee ? trainee : advisor
            let ackAt = step(random.int(10...90))
            try runChecklist(.intake, owner, ackAt)
            try act(.acknowledge(note: random.pick(DemoText.acknowledgements)), owner, ackAt)
            if scenario == .awaitingContact || scenario == .unassignedFromTrainee { return }
            if scenario == .decisionBreached && random.chance(0.5) {
                try act(.escalate(reason: "Przekroczony termin decyzji — proszę o wsparcie", priority: .high), advisor, step(30))
            }
            try act(.contact(ContactRecord(channel: random.pick([.phone, .email]), summary: random.pick(DemoText.contacts))),
                    advisor, step(random.int(60...300)))
            if random.chance(0.4) { try act(.note(text: random.pick(DemoText.notes)), advisor, step(30)) }
            switch scenario {
            case .decidedUnanswered:
                try runChecklist(.beforeDecision, advisor, step(random.int(300...600)))
                let today = desk.calendar.localDate(of: now)
                let decideAt = max(clock, desk.calendar.instant(of: today.adding(days: -5), at: LocalTime(hour: 15)))
                try act(.decide(DemoText.decision(.rejected, &random, number: number)), advisor, decideAt)
                return
            case .inAnalysis, .decisionBreached, .legalDueSoon, .legalOverdue:
                // Kept informed: the latest update is recent, so only the timer the scenario is about runs late.
                try act(.contact(ContactRecord(channel: .phone, summary: random.pick(DemoText.contacts))),
                        advisor, recent(random.int(30...700)))
                // A mystery shopper's complaint among them, which the shift lead knows of (the audit's mandatory step).
                if scenario == .inAnalysis && number.serial % 50 == 12 {
                    try act(.markTest(audit: "TK/\(number.year)/\(number.serial % 12 + 1)"), lead, clock)
                }
                return
            case .waitingCustomer, .waitingParts, .waitingManufacturer:
                let reason: WaitReason = scenario == .waitingCustomer ? .customer : scenario == .waitingParts ? .parts : .manufacturer
                try act(.wait(reason: reason, note: DemoText.waits[reason]), advisor, step(random.int(30...200)))
                return
            default:
                break
            }
            if random.chance(0.4) {
                try act(.wait(reason: .parts, note: DemoText.waits[.parts]), advisor, step(60))
                try act(.resume(note: "Części dostarczone, auto umówione"), advisor, step(random.int(300...900)))
            }
            let decideAt = scenario == .decided ? recent(random.int(60...900)) : step(random.int(300...1200))
            try runChecklist(.beforeDecision, advisor, decideAt)
            let outcome = random.pick([DecisionOutcome.accepted, .accepted, .partly, .rejected])
            let decision = DemoText.decision(outcome, &random, number: number)
            try act(.decide(decision), advisor, decideAt)
            if scenario == .finished, let correction = DemoText.causeCorrection(of: decision.cause, for: number) {
                try act(.amend(corrections: [correction], reason: DemoText.causeCorrectionReason), lead, step(20))
            }
            if scenario == .decidedUnanswered { return }
            if scenario == .decided && random.chance(0.5) { return }
            try answer(advisor, decideAt)
            if scenario == .decided { return }
            let closeAt: Date = switch scenario {
            case .closedAwaitingFollowUp: recent(random.int(60...900))
            case .followUpBreached: recent(random.int(2000...2400))
            default: step(random.int(60...400))
            }
            try runChecklist(.beforeClosing, advisor, closeAt)
            let accepted = outcome != .rejected || random.chance(0.3)
            try act(.close(customerAccepted: accepted, response: accepted ? random.pick(DemoText.acceptances) : random.pick(DemoText.disputes)),
                    advisor, closeAt)
            if scenario == .reopened {
                try act(.reopen(reason: "Klient wrócił z tą samą usterką po dwóch dniach"), lead, step(random.int(200...500)))
                try act(.assign(to: random.pick(advisors.filter { $0 != advisor }).id, note: "Druga opinia"), lead, step(5))
                return
            }
            if scenario == .closedAwaitingFollowUp || scenario == .followUpBreached { return }
            let callAt = step(random.int(300...1500))
            let followUp = Checklist.procedures(at: .followUp, for: desk.complaintSoFar(number)!, in: desk.checklists)
            if random.chance(0.15), let first = followUp.first, let mandatory = first.steps.first(where: \.mandatory) {
                try act(.overrideStep(procedure: first.id, version: first.version, step: mandatory.id,
                                      reason: "Klient prosił o krótką rozmowę"), lead, callAt)
            }
            let complaint = desk.complaintSoFar(number)!
            for procedure in followUp {
                for item in procedure.steps where item.mandatory && !complaint.marks.contains(where: { $0.step == item.id && $0.procedure == procedure.id && $0.cycle == complaint.cycle }) {
                    try act(.checkStep(procedure: procedure.id, version: procedure.version, step: item.id), advisor, callAt)
                }
            }
            let score = accepted ? random.int(3...5) : random.int(1...3)
            try act(.followUp(satisfaction: score, note: DemoText.followUpNote(satisfaction: score, &random)),
                    advisor, callAt)
        }
    }
}

/// Where the demo's stories are recorded: what `DemoLog.Writer` needs from a desk.
protocol StoryStage {
    var calendar: BusinessCalendar { get }
    /// The checklist procedures in force.
    var checklists: [Procedure] { get }
    /// The complaint as recorded so far.
    func complaintSoFar(_ number: ComplaintNumber) -> Complaint?
    /// Checks and records one action; returns the number of the complaint it was recorded on.
    func record(_ action: ComplaintAction, on number: ComplaintNumber?, by actor: Actor, at: Date, now: Date) throws -> ComplaintNumber
}

extension Desk: StoryStage {
    var checklists: [Procedure] { procedures.procedures }
    func complaintSoFar(_ number: ComplaintNumber) -> Complaint? { state.complaints.heldInFull(number) }
    /// Each demo event is recorded as it happened (the demo's stories are typed in at once): a
    /// demo log written weeks back in one go is neither backdated nor entered late.
    func record(_ action: ComplaintAction, on number: ComplaintNumber?, by actor: Actor, at: Date, now: Date) throws -> ComplaintNumber {
        try perform(action, on: number, by: actor, occurredAt: at, now: min(at, now)).number
    }
}
