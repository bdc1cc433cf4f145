import AsodeskDomain
import Foundation
import Testing
@testable import AsodeskApp

/// Each figure of the board and the report means what the shift lead's guide says it means,
/// on a history built for it (the generated histories check that all surfaces agree).
@Suite struct FigureDefinitionsTests {
    static let lead = Actor(id: "anowak", role: .lead)
    static let advisor = DeskFixture.advisor
    static let other = Actor(id: "kzielinska", role: .advisor)
    static let zone = TimeZone(identifier: "Europe/Warsaw")!

    /// `"2026-11-23 09:00"` in Warsaw.
    static func local(_ text: String) -> Date {
        let parts = text.split(whereSeparator: { "- :".contains($0) }).map { Int($0)! }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
    }

    /// One complaint's story, each step recorded as it happened.
    struct Story {
        let desk: Desk
        let number: ComplaintNumber

        init(_ desk: Desk, receivedAt: Date, channel: Channel = .phone, by actor: Actor = FigureDefinitionsTests.advisor) throws {
            self.desk = desk
            let intake = try IntakeForm(channel: channel, category: .repair, priority: .normal, legalBasis: .consumer,
                                        customer: "Tomasz Kowalski", phone: "601 234 567", email: "t.kowalski@example.pl",
                                        summary: "Po wymianie sprzęgła nadal szarpie.").validated()
            number = try desk.perform(.receive(intake), on: nil, by: actor, occurredAt: receivedAt, now: receivedAt).number
        }

        func act(_ action: ComplaintAction, by actor: Actor = FigureDefinitionsTests.advisor, at: String) throws {
            let instant = FigureDefinitionsTests.local(at)
            _ = try desk.perform(action, on: number, by: actor, occurredAt: instant, now: instant)
        }

        /// Ticks every mandatory step due at `point`, then does `action`.
        func passing(_ point: PausePoint, then action: ComplaintAction, by actor: Actor = FigureDefinitionsTests.advisor,
                     at: String) throws {
            let complaint = try #require((try? desk.complaint(number)))
            for procedure in Checklist.procedures(at: point, for: complaint, in: desk.procedures.procedures) {
                for step in procedure.steps where step.mandatory {
                    try act(.checkStep(procedure: procedure.id, version: procedure.version, step: step.id), by: actor, at: at)
                }
            }
            try act(action, by: actor, at: at)
        }

        func acknowledge(at: String) throws { try passing(.intake, then: .acknowledge(note: nil), at: at) }
        func contact(at: String) throws {
            try act(.contact(ContactRecord(channel: .phone, summary: "Umówiony termin oględzin")), at: at)
        }
        func decide(at: String) throws {
            try passing(.beforeDecision, then: .decide(Decision(outcome: .accepted, reasons: "Wada potwierdzona", remedyGranted: "Naprawa")),
                        at: at)
        }
        /// The answer the law asks for, by e-mail: what stops the legal clock.
        func answer(at: String) throws {
            try act(.answer(AnswerRecord(medium: .email, address: "klient@example.pl")), at: at)
        }
        func close(at: String) throws {
            try passing(.beforeClosing, then: .close(customerAccepted: true, response: "Klient poinformowany telefonicznie"), at: at)
        }
        func followUp(_ score: Int, at: String) throws {
            try passing(.followUp, then: .followUp(satisfaction: score, note: nil), at: at)
        }
        func timer(_ name: TimerName, now: String) throws -> TimerStatus {
            let complaint = try #require((try? desk.complaint(number)))
            return try #require(desk.timers(of: complaint.clockFacts, now: FigureDefinitionsTests.local(now)).first { $0.name == name })
        }
    }

    @Test func escalatingNeverChangesAVerdictReachedBeforeIt() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        // By e-mail, normal: 240 business minutes to acknowledge; acknowledged after 150.
        let story = try Story(desk, receivedAt: Self.local("2026-11-23 09:00"), channel: .email)
        try story.acknowledge(at: "2026-11-23 11:30")
        #expect(try story.timer(.acknowledgement, now: "2026-11-23 11:45").state == .met)
        // Critical allows 30 minutes: applied backwards it would turn the acknowledgement into "missed".
        try story.act(.escalate(reason: "Auto unieruchomione", priority: .critical), by: Self.lead, at: "2026-11-23 12:00")
        let acknowledgement = try story.timer(.acknowledgement, now: "2026-11-23 12:30")
        #expect(acknowledgement.state == .met)
        #expect(acknowledgement.targetMinutes == 240)
        // First contact was running at the escalation: it takes the critical target from its own
        // start (60 business minutes after 09:00), so it falls due at once — that is what escalating means.
        let contact = try story.timer(.firstContact, now: "2026-11-23 12:30")
        #expect(contact.state == .breached)
        #expect(contact.targetMinutes == 60)
        // Seen as it stood before the escalation, the first contact had its normal target.
        #expect(try story.timer(.firstContact, now: "2026-11-23 11:59").targetMinutes == 600)
        // In the report the late verdict falls at the escalation, not at the earlier due time.
        let report = DeskReport(desk: desk, day: LocalDate(year: 2026, month: 11, day: 23), now: Self.local("2026-11-23 12:30"))
        #expect(report.periods[0].timers["acknowledgement"] == DeskReport.TimerCompliance(met: 1))
        #expect(report.periods[0].timers["first-contact"] == DeskReport.TimerCompliance(late: 1))
    }

    @Test func aTimerEndedByClosingWithoutItsEventIsNotDoneAndInNoMedian() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let story = try Story(desk, receivedAt: Self.local("2026-11-23 09:00"))
        try story.acknowledge(at: "2026-11-23 09:20")
        try story.decide(at: "2026-11-23 10:00")
        try story.close(at: "2026-11-23 10:30")
        let contact = try story.timer(.firstContact, now: "2026-11-23 12:00")
        #expect(contact.state == .notDone)
        let day = DeskReport(desk: desk, day: LocalDate(year: 2026, month: 11, day: 23), now: Self.local("2026-11-23 12:00")).periods[0]
        #expect(day.timers["first-contact"] == DeskReport.TimerCompliance(notDone: 1))
        #expect(day.timers["first-contact"]?.onTime.text == "0 % (0/1)")
        #expect(day.medianMinutesToFirstContact == nil, "nothing was achieved, so there is no time to take a median of")
    }

    @Test func aDayIsFiguredAsOfItsEndAndTheOwnerIsTheOneAtTheTime() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let story = try Story(desk, receivedAt: Self.local("2026-11-23 09:00"))
        try story.acknowledge(at: "2026-11-23 09:20")
        try story.contact(at: "2026-11-23 11:00")
        // The next day: decided, and handed to a colleague.
        try story.decide(at: "2026-11-24 10:00")
        // The colleague is someone this desk (without operators configured) knows from the log.
        try story.act(.note(text: "Przejmę sprawę od jutra"), by: Self.other, at: "2026-11-24 11:00")
        try story.act(.assign(to: Self.other.id, note: "Urlop"), by: Self.lead, at: "2026-11-24 12:00")

        let monday = DeskReport(desk: desk, day: LocalDate(year: 2026, month: 11, day: 23), now: Self.local("2026-11-26 12:00"))
        let day = monday.periods[0]
        #expect(day.asOf == "2026-11-23T23:59:59+01:00")
        #expect(day.received == 1 && day.acknowledged == 1)
        #expect(day.decided == 0, "Tuesday's decision is not Monday's")
        #expect(day.legal.withinDeadline == 1 && day.legal.inTime.whole == 0)
        let month = monday.periods[1]
        #expect(month.decided == 1)
        #expect(month.byOwner == [Self.advisor.id: 1], "received while Piotr owned it")
        #expect(month.timersByOwner[Self.advisor.id]?.met == 4, "acknowledgement, first contact, update and decision: all his")
        #expect(month.timersByOwner[Self.other.id] == nil)
    }

    @Test func legalComplianceCountsTheOverdueUnansweredAgainstIt() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let answered = try Story(desk, receivedAt: Self.local("2026-11-02 09:00"))
        try answered.acknowledge(at: "2026-11-02 09:20")
        try answered.decide(at: "2026-11-05 10:00")
        try answered.answer(at: "2026-11-05 10:10")
        let decidedOnly = try Story(desk, receivedAt: Self.local("2026-11-02 09:30"))
        try decidedOnly.acknowledge(at: "2026-11-02 09:40")
        try decidedOnly.decide(at: "2026-11-06 10:00")
        let forgotten = try Story(desk, receivedAt: Self.local("2026-11-03 09:00"))
        try forgotten.acknowledge(at: "2026-11-03 09:20")
        _ = try Story(desk, receivedAt: Self.local("2026-11-27 09:00"))

        let report = DeskReport(desk: desk, periods: [.month(of: LocalDate(year: 2026, month: 11, day: 1))], subject: "2026-11",
                                now: Self.local("2026-12-07 09:00"))
        let legal = report.periods[0].legal
        #expect(legal.answeredInTime == 1 && legal.answeredLate == 0)
        #expect(legal.overdueUnanswered == 2, "the forgotten one, and the one decided but never answered (a decision is not an answer)")
        #expect(legal.withinDeadline == 1)
        #expect(legal.inTime.text == "33 % (1/3)", "never 100 % while a deadline passed unanswered")
    }

    /// A period that ended before a complaint arrived knows nothing of it, not even a deadline
    /// still running (it was once counted "within the deadline" of every earlier period).
    @Test func aComplaintReceivedAfterAPeriodCountsInNothingOfIt() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let early = try Story(desk, receivedAt: Self.local("2026-10-20 09:00"))
        try early.acknowledge(at: "2026-10-20 09:20")
        _ = try Story(desk, receivedAt: Self.local("2026-11-05 09:00"))
        let report = DeskReport(desk: desk, periods: [.month(of: LocalDate(year: 2026, month: 10, day: 1)),
                                                      .month(of: LocalDate(year: 2026, month: 11, day: 1))],
                                subject: "2026-10", now: Self.local("2026-11-06 09:00"))
        let october = report.periods[0], november = report.periods[1]
        #expect(october.received == 1 && october.legal.withinDeadline == 1, "the October complaint only")
        #expect(october.groups(.category).values.flatMap(\.complaints) == [early.number])
        #expect(november.received == 1 && november.legal.withinDeadline == 1 && november.legal.overdueUnanswered == 1)
    }

    @Test func theReopenShareIsOfTheComplaintsDecidedAndSatisfactionSaysHowManyRatings() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        var stories: [Story] = []
        for hour in [9, 10, 11] {
            let story = try Story(desk, receivedAt: Self.local("2026-11-02 \(hour):00"))
            try story.acknowledge(at: "2026-11-02 \(hour):20")
            try story.contact(at: "2026-11-02 \(hour):40")
            try story.decide(at: "2026-11-04 \(hour):00")
            try story.close(at: "2026-11-04 \(hour):30")
            stories.append(story)
        }
        try stories[0].act(.reopen(reason: "Usterka wróciła"), at: "2026-11-10 09:00")
        try stories[1].followUp(2, at: "2026-11-06 10:00")

        let month = DeskReport(desk: desk, periods: [.month(of: LocalDate(year: 2026, month: 11, day: 1))], subject: "2026-11",
                               now: Self.local("2026-12-07 09:00")).periods[0]
        #expect(month.decided == 3 && month.reopened == 1)
        #expect(month.reopenedAfterDecision.text == "33 % (1/3)", "one of three decided complaints, not one reopen per decision event")
        #expect(month.satisfaction.count == 1)
        #expect(month.satisfaction.distribution == [0, 1, 0, 0, 0])
        #expect(month.satisfaction.average == 2.0)
    }

    @Test func theNextWorkingDayFollowsTheSiteCalendar() throws {
        let calendar = try BusinessCalendar(.standard)
        func next(_ iso: String) -> String? { BoardFigures.workingDay(after: LocalDate(iso: iso)!, calendar: calendar)?.description }
        #expect(next("2026-11-27") == "2026-11-28", "Friday → Saturday, the site opens on Saturdays")
        #expect(next("2026-11-28") == "2026-11-30", "Saturday → Monday")
        #expect(next("2026-11-10") == "2026-11-12", "the eve of Independence Day → the day after it")
        #expect(next("2026-12-24") == "2026-12-28", "Christmas Eve → past both holidays and the Sunday")
        // Working days between: a pause from Friday to the next Wednesday is three working days (Sat, Mon, Tue, Wed → 4).
        #expect(BoardFigures.workingDays(after: LocalDate(iso: "2026-11-27")!, through: LocalDate(iso: "2026-12-02")!,
                                         calendar: calendar) == 4)
    }

    @Test func waitingAndDecidedComplaintsReachTheBoard() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        let waiting = try Story(desk, receivedAt: Self.local("2026-11-16 09:00"))
        try waiting.acknowledge(at: "2026-11-16 09:20")
        try waiting.act(.wait(reason: .parts, note: "Czekamy na sprzęgło"), at: "2026-11-16 10:00")
        let decided = try Story(desk, receivedAt: Self.local("2026-11-20 09:00"))
        try decided.acknowledge(at: "2026-11-20 09:20")
        try decided.contact(at: "2026-11-20 10:00")
        try decided.decide(at: "2026-11-23 08:30")

        let board = BoardFigures(desk: desk, now: Self.local("2026-11-23 10:30"))
        let waitingRow = try #require(board.rows(in: .waiting).first)
        #expect(waitingRow.number == waiting.number)
        #expect(waitingRow.workingDaysWaiting == 6, "Tue 17 – Mon 23 with Saturday: 6 working days, over the 3 allowed")
        let decidedRow = try #require(board.rows(in: .decidedNotAnswered).first)
        #expect(decidedRow.number == decided.number && decidedRow.decidedAt == Self.local("2026-11-23 08:30"))
        // Two days waiting is not yet "too long".
        #expect(BoardFigures(desk: desk, now: Self.local("2026-11-18 10:30")).rows(in: .waiting).isEmpty)
    }

    /// The demo's follow-up notes agree with the rating given: a 1 or 2 never comes with praise.
    @Test func theDemoFollowUpNotesMatchTheRatings() throws {
        let fixture = try DeskFixture()
        let desk = try fixture.desk()
        _ = try DemoLog.write(into: desk, now: DeskFixture.now, seed: 3)
        var random = SeededRandom(seed: 1)
        func notes(_ score: Int) -> Set<String> { Set((0..<200).map { _ in DemoText.followUpNote(satisfaction: score, &random) }) }
        let pleased = notes(4).union(notes(5)), displeased = notes(1).union(notes(2))
        #expect(pleased.isDisjoint(with: displeased) && pleased.isDisjoint(with: notes(3)) && displeased.isDisjoint(with: notes(3)))
        var followUps = 0
        for complaint in try desk.allComplaints() {
            for event in complaint.history {
                guard case .followUp(let score, let note?) = event.action else { continue }
                followUps += 1
                #expect(notes(score).contains(note), "\(complaint.number): rated \(score), noted \"\(note)\"")
            }
        }
        #expect(followUps > 0)
        #expect(displeased.allSatisfy { !$0.contains("zadowolon") || $0.contains("niezadowolon") }, "\(displeased)")
        #expect(pleased.allSatisfy { !$0.contains("niezadowolon") }, "\(pleased)")
    }
}
