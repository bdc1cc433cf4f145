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

    @Test func statusCountsLocalDaysAndJudgesTheAnswerByItsLocalDate() throws {
        let received = Fixture.local("2026-03-02 10:00")
        let running = try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays, answeredAt: nil,
                                                             now: Fixture.local("2026-03-10 23:59"), timeZone: Fixture.warsaw))
        #expect(running.state == .running)
        #expect(running.daysLeft == 6)
        #expect(running.deadlineEndsAt == Fixture.local("2026-03-17 00:00"))

        let lastEvening = try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays,
                                                                 answeredAt: Fixture.local("2026-03-16 23:30"),
                                                                 now: Fixture.local("2026-03-20 10:00"), timeZone: Fixture.warsaw))
        #expect(lastEvening.state == .met)
        #expect(lastEvening.daysLeft == nil)

        let afterMidnight = try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays,
                                                                   answeredAt: Fixture.local("2026-03-17 00:30"),
                                                                   now: Fixture.local("2026-03-20 10:00"), timeZone: Fixture.warsaw))
        #expect(afterMidnight.state == .missed)

        let overdue = try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays, answeredAt: nil,
                                                             now: Fixture.local("2026-03-17 00:30"), timeZone: Fixture.warsaw))
        #expect(overdue.state == .overdue)
        #expect(overdue.isOverdue)
        #expect(overdue.daysLeft == -1)

        let dueToday = try #require(LegalClockStatus.evaluate(startedAt: received, rule: fourteenDays, answeredAt: nil,
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
}
