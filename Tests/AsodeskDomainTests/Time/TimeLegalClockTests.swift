import Foundation
import Testing
@testable import AsodeskDomain

@Suite struct TimeLegalClockTests {
    let fourteenDays = LegalClockRule(applies: true, days: 14)

    func deadline(_ received: String) -> LocalDate? {
        LegalClock.deadline(receivedAt: Fixture.local(received), rule: fourteenDays, timeZone: Fixture.warsaw)
    }

    @Test(arguments: [
        ("2026-03-02 10:00", "2026-03-16"),  // Monday receipt, Monday deadline
        ("2026-03-04 17:59", "2026-03-18"),  // Wednesday
        ("2026-02-27 09:00", "2026-03-13"),  // Friday
        ("2026-02-28 09:00", "2026-03-16"),  // Saturday receipt: last day Saturday → Monday
        ("2026-03-01 12:00", "2026-03-16"),  // Sunday receipt: last day Sunday → Monday
        ("2026-03-21 11:00", "2026-04-07"),  // last day Sat 4 Apr, then Easter Sunday and Easter Monday → Tuesday
        ("2026-10-28 08:00", "2026-11-12"),  // last day 11 Nov (Wednesday) → Thursday
        ("2026-12-10 08:00", "2026-12-28"),  // last day 24 Dec 2026: 24, 25, 26 holidays, 27 Sunday → Monday
        ("2024-12-10 08:00", "2024-12-24"),  // 24 Dec 2024 was an ordinary working day
        ("2026-12-18 08:00", "2027-01-04"),  // last day New Year's Day (Fri) → Sat, Sun skipped → Mon
        ("2026-05-19 08:00", "2026-06-02"),  // Tuesday, nothing in the way
        ("2026-05-21 08:00", "2026-06-05"),  // last day Corpus Christi (Thu 4 Jun) → Friday
    ])
    func fourteenDaysWithoutTheDayOfReceiptMovedPastSaturdaysAndHolidays(received: String, expected: String) {
        #expect(deadline(received) == Fixture.date(expected))
    }

    @Test func receiptDayIsTheLocalDateNotTheUTCDate() {
        // 23:30 UTC on Thursday 5 March is already Friday 6 March in Warsaw.
        let received = Fixture.utc("2026-03-05T23:30:00Z")
        #expect(LegalClock.deadline(receivedAt: received, rule: fourteenDays, timeZone: Fixture.warsaw) == Fixture.date("2026-03-20"))
    }

    @Test func ruleThatDoesNotApplyGivesNoDeadlineAndTheDayCountIsASetting() {
        #expect(LegalClock.deadline(receivedAt: Fixture.local("2026-03-02 10:00"), rule: LegalClockRule(applies: false, days: 14),
                                    timeZone: Fixture.warsaw) == nil)
        #expect(LegalClock.deadline(receivedAt: Fixture.local("2026-03-02 10:00"), rule: LegalClockRule(applies: true, days: 30),
                                    timeZone: Fixture.warsaw) == Fixture.date("2026-04-01"))
    }

    func answer(sent: String?, by medium: AnswerMedium = .email, delivered: String? = nil) -> LegalAnswer {
        LegalAnswer(sent: sent.map { AnswerFact(at: Fixture.local($0), medium: medium) },
                    deliveredAt: delivered.map(Fixture.local), expectedMedium: .letter)
    }

    @Test func statusCountsLocalDaysAndJudgesTheAnswerByItsLocalDate() throws {
        let received = Fixture.local("2026-03-02 10:00")
        let running = try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays, answer: .none,
                                                             now: Fixture.local("2026-03-10 23:59"), timeZone: Fixture.warsaw))
        #expect(running.state == .running)
        #expect(running.daysLeft == 6)
        #expect(running.deadlineEndsAt == Fixture.local("2026-03-17 00:00"))

        let lastEvening = try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays,
                                                                 answer: answer(sent: "2026-03-16 23:30"),
                                                                 now: Fixture.local("2026-03-20 10:00"), timeZone: Fixture.warsaw))
        #expect(lastEvening.state == .met)
        #expect(lastEvening.daysLeft == nil)

        let afterMidnight = try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays,
                                                                   answer: answer(sent: "2026-03-17 00:30"),
                                                                   now: Fixture.local("2026-03-20 10:00"), timeZone: Fixture.warsaw))
        #expect(afterMidnight.state == .missed)

        let overdue = try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays, answer: .none,
                                                             now: Fixture.local("2026-03-17 00:30"), timeZone: Fixture.warsaw))
        #expect(overdue.state == .overdue)
        #expect(overdue.isOverdue)
        #expect(overdue.daysLeft == -1)

        let dueToday = try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays, answer: .none,
                                                              now: Fixture.local("2026-03-16 17:00"), timeZone: Fixture.warsaw))
        #expect(dueToday.daysLeft == 0)
        #expect(dueToday.state == .running)
    }

    @Test func siteClosuresAndPausesDoNotMoveTheLegalDeadline() throws {
        var config = SiteConfig.standard
        config.calendar.closures = [Closure(from: Fixture.date("2026-03-09"), through: Fixture.date("2026-03-20"), reason: "renovation")]
        let facts = ComplaintClockFacts(
            receivedAt: Fixture.local("2026-03-02 10:00"), receivedPriority: .normal, channel: .letter, legalBasis: .consumer,
            cycles: [ClockCycle(startedAt: Fixture.local("2026-03-02 10:00"), isReopen: false)],
            pauses: [PauseSegment(start: Fixture.local("2026-03-03 09:00"), end: nil, reason: .manufacturer)])
        let statuses = try SLAEngine.legalStatuses(for: facts, config: config, now: Fixture.local("2026-03-17 09:00"))
        #expect(statuses.map(\.deadline) == [Fixture.date("2026-03-16")])
        #expect(statuses.map(\.state) == [.overdue])
    }

    @Test func businessCustomersHaveNoLegalClockByDefault() throws {
        let facts = ComplaintClockFacts(
            receivedAt: Fixture.local("2026-03-02 10:00"), receivedPriority: .normal, channel: .email, legalBasis: .business,
            cycles: [ClockCycle(startedAt: Fixture.local("2026-03-02 10:00"), isReopen: false)], pauses: [])
        #expect(try SLAEngine.legalStatuses(for: facts, config: .standard, now: Fixture.local("2026-03-20 10:00")).isEmpty)
    }

    @Test func anAnswerSentStopsTheClockWhereTheSiteCountsTheAnswerSent() throws {
        let received = Fixture.local("2026-03-02 10:00")
        let status = try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays,
                                                            answer: answer(sent: "2026-03-13 15:00", by: .letter),
                                                            now: Fixture.local("2026-03-20 10:00"), timeZone: Fixture.warsaw))
        #expect(status.state == .met)
        #expect(status.answeredAt == Fixture.local("2026-03-13 15:00"))
        #expect(status.sentBy == .letter)
        #expect(status.sendBy == status.deadline)   // sending counts: no delivery margin
        #expect(!status.possiblyDeemedAccepted)
        // Before the answer was sent, the same clock was running: nothing after `now` is known.
        let before = try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays,
                                                            answer: answer(sent: "2026-03-13 15:00", by: .letter),
                                                            now: Fixture.local("2026-03-12 10:00"), timeZone: Fixture.warsaw))
        #expect(before.state == .running)
        #expect(before.sentAt == nil)
        #expect(before.daysLeft == 4)
    }

    @Test func whereDeliveryCountsTheClockRunsUntilDeliveryAndWarnsToSendEarly() throws {
        let received = Fixture.local("2026-03-02 10:00")   // deadline Monday 16 March
        let rules = AnswerRules(countsAt: .delivered, deliveryDays: [.letter: 5, .email: 0])
        func evaluate(_ answer: LegalAnswer, now: String) throws -> LegalClockStatus {
            try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays, answer: answer, rules: rules,
                                                   now: Fixture.local(now), timeZone: Fixture.warsaw))
        }
        // Nothing sent yet: a letter must go by 11 March to arrive by the 16th.
        let unsent = try evaluate(answer(sent: nil), now: "2026-03-09 09:00")
        #expect(unsent.sendBy == Fixture.date("2026-03-11"))
        #expect(unsent.daysLeftToSend == 2)
        #expect(unsent.daysLeft == 7)
        // An e-mail address on file: the e-mail's margin applies.
        let byEmail = try #require(LegalClockStatus.evaluate(
            startedAt: received, rule: fourteenDays,
            answer: LegalAnswer(sent: nil, deliveredAt: nil, expectedMedium: .email), rules: rules,
            now: Fixture.local("2026-03-09 09:00"), timeZone: Fixture.warsaw))
        #expect(byEmail.sendBy == Fixture.date("2026-03-16"))
        // Sent, not yet confirmed: still running, awaiting delivery.
        let posted = try evaluate(answer(sent: "2026-03-10 12:00", by: .letter), now: "2026-03-12 09:00")
        #expect(posted.state == .running)
        #expect(posted.isAwaitingDelivery)
        #expect(posted.sentAt == Fixture.local("2026-03-10 12:00"))
        #expect(posted.answeredAt == nil)
        // Delivered on the 14th: met, judged by the delivery.
        let delivered = try evaluate(answer(sent: "2026-03-10 12:00", by: .letter, delivered: "2026-03-14 11:00"), now: "2026-03-20 09:00")
        #expect(delivered.state == .met)
        #expect(delivered.answeredAt == Fixture.local("2026-03-14 11:00"))
        // Delivered after the deadline day: missed, possibly deemed accepted.
        let late = try evaluate(answer(sent: "2026-03-13 12:00", by: .letter, delivered: "2026-03-18 11:00"), now: "2026-03-20 09:00")
        #expect(late.state == .missed)
        #expect(late.possiblyDeemedAccepted)
        // Never confirmed, deadline over: overdue, though sent.
        let unconfirmed = try evaluate(answer(sent: "2026-03-13 12:00", by: .letter), now: "2026-03-20 09:00")
        #expect(unconfirmed.state == .overdue)
        #expect(unconfirmed.sentAt != nil)
        // Handed over in person: delivered as given.
        let handed = try evaluate(answer(sent: "2026-03-12 12:00", by: .inPerson), now: "2026-03-20 09:00")
        #expect(handed.state == .met)
        #expect(handed.answeredAt == Fixture.local("2026-03-12 12:00"))
    }

    @Test func aSendByDayNeverFallsBeforeTheComplaintWasReceived() throws {
        let rules = AnswerRules(countsAt: .delivered, deliveryDays: [.letter: 30])
        let status = try #require(LegalClockStatus.evaluate(startedAt: Fixture.local("2026-03-02 10:00"), rule: fourteenDays,
                                                            answer: .none, rules: rules, now: Fixture.local("2026-03-02 11:00"),
                                                            timeZone: Fixture.warsaw))
        #expect(status.sendBy == Fixture.date("2026-03-02"))
    }

    /// A complaint through the lifecycle: the events, not hand-made facts.
    func complaint(_ steps: [(String, ComplaintAction)], basis: LegalBasis = .consumer) -> Complaint {
        let lead = Actor(id: "anowak", role: .lead)
        let intake = Intake(channel: .letter, category: .repair, priority: .normal, legalBasis: basis,
                            customer: "Jan Kowalski", phone: "+48 601 234 567", summary: "Stuk w zawieszeniu po naprawie")
        var c = Lifecycle.start(ComplaintEvent(number: ComplaintNumber(year: 2026, serial: 23), actor: lead,
                                               occurredAt: Fixture.local("2026-03-02 10:00"),
                                               recordedAt: Fixture.local("2026-03-02 10:00"), action: .receive(intake)))!
        for (at, action) in steps {
            Lifecycle.apply(ComplaintEvent(number: c.number, actor: lead, occurredAt: Fixture.local(at),
                                           recordedAt: Fixture.local(at), action: action), to: &c)
        }
        return c
    }

    static let decision = ComplaintAction.decide(Decision(outcome: .rejected, reasons: "Brak wady", remedyGranted: nil))

    @Test func aDecisionAloneDoesNotAnswerTheComplaint() throws {
        let c = complaint([("2026-03-02 11:00", .acknowledge(note: nil)), ("2026-03-13 16:00", Self.decision)])
        let statuses = try SLAEngine.legalStatuses(for: c.clockFacts, config: .standard, now: Fixture.local("2026-03-19 09:00"))
        #expect(statuses.map(\.state) == [.overdue])
        #expect(statuses.first?.possiblyDeemedAccepted == true)
        #expect(statuses.first?.daysLeft == -3)

        let answered = complaint([("2026-03-02 11:00", .acknowledge(note: nil)), ("2026-03-13 16:00", Self.decision),
                                  ("2026-03-13 16:20", .answer(AnswerRecord(medium: .email, address: "jan@example.pl")))])
        let met = try SLAEngine.legalStatuses(for: answered.clockFacts, config: .standard, now: Fixture.local("2026-03-19 09:00"))
        #expect(met.map(\.state) == [.met])
        #expect(met.first?.answeredAt == Fixture.local("2026-03-13 16:20"))
    }

    @Test func aReopenStartsANewLegalPeriodAnsweredOnItsOwn() throws {
        let c = complaint([("2026-03-02 11:00", .acknowledge(note: nil)), ("2026-03-05 16:00", Self.decision),
                           ("2026-03-05 16:10", .answer(AnswerRecord(medium: .inPerson))),
                           ("2026-03-06 09:00", .reopen(reason: "Klient wrócił z tym samym stukiem")),
                           ("2026-03-12 10:00", Self.decision)])
        let statuses = try SLAEngine.legalStatuses(for: c.clockFacts, config: .standard, now: Fixture.local("2026-03-25 09:00"))
        #expect(statuses.map(\.cycle) == [1, 2])
        #expect(statuses.map(\.state) == [.met, .overdue])
        #expect(statuses.last?.deadline == Fixture.date("2026-03-20"))
        // The first cycle's answer does not answer the reopened one.
        #expect(statuses.last?.sentAt == nil)
    }

    @Test(arguments: [LegalBasis.business, .goodwill])
    func casesWithoutAStatutoryClockKeepTheirAnswerWithoutADeadline(basis: LegalBasis) throws {
        let c = complaint([("2026-03-02 11:00", .acknowledge(note: nil)), ("2026-03-05 16:00", Self.decision),
                           ("2026-03-05 16:10", .answer(AnswerRecord(medium: .letter, address: "ul. Długa 5, 31-147 Kraków")))],
                          basis: basis)
        #expect(try SLAEngine.legalStatuses(for: c.clockFacts, config: .standard, now: Fixture.local("2026-04-25 09:00")).isEmpty)
        #expect(c.clockFacts.cycles.first?.answer == AnswerFact(at: Fixture.local("2026-03-05 16:10"), medium: .letter))
    }
}
