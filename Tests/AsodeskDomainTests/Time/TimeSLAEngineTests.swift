import Foundation
import Testing
@testable import AsodeskDomain

@Suite struct TimeSLAEngineTests {
    // Normal priority by e-mail: acknowledgement 240, first contact 600, update 1200,
    // decision 3000, follow-up 1800 business minutes (SLATargets.standard).
    static let monday = Fixture.local("2026-06-08 08:00")

    func facts(priority: Priority = .normal, channel: Channel = .email, cycles: [ClockCycle]? = nil,
               pauses: [PauseSegment] = []) -> ComplaintClockFacts {
        ComplaintClockFacts(receivedAt: Self.monday, receivedPriority: priority, channel: channel, legalBasis: .consumer,
                            cycles: cycles ?? [ClockCycle(startedAt: Self.monday, isReopen: false)], pauses: pauses)
    }

    func timer(_ name: TimerName, cycle: Int = 1, _ timers: [TimerStatus]) throws -> TimerStatus {
        try #require(timers.first { $0.name == name && $0.cycle == cycle })
    }

    // Bug class: agents seeing only the next deadline instead of all of them.
    @Test func everyTimerIsReportedNotOnlyTheNextOne() throws {
        let timers = try SLAEngine.timers(for: facts(), config: .standard, now: Fixture.local("2026-06-08 09:00"))
        #expect(timers.map(\.name) == [.acknowledgement, .firstContact, .update, .decision, .followUp])
        #expect(timers.map(\.state) == [.running, .running, .running, .running, .notStarted])
        #expect(timers.map(\.dueAt) == [Fixture.local("2026-06-08 12:00"), Fixture.local("2026-06-08 18:00"),
                                        Fixture.local("2026-06-09 18:00"), Fixture.local("2026-06-12 18:00"), nil])
        #expect(SLAEngine.nextDue(timers)?.name == .acknowledgement)
    }

    // Bug class: a history typed in with one `--at` for everything stopped the whole desk
    // (the update cadence had no period left when the decision fell on the receipt instant).
    @Test func aCycleAcknowledgedAndDecidedAtItsOwnStartHasItsTimersMetAtOnce() throws {
        let cycle = ClockCycle(startedAt: Self.monday, isReopen: false, acknowledgedAt: Self.monday,
                               contacts: [Self.monday], decidedAt: Self.monday)
        for now in [Self.monday, Fixture.local("2026-06-09 12:00")] {
            let timers = try SLAEngine.timers(for: facts(cycles: [cycle]), config: .standard, now: now)
            let update = try timer(.update, timers)
            #expect(update.state == .met)
            #expect(update.startedAt == Self.monday && update.stoppedAt == Self.monday)
            #expect(update.elapsedBusinessMinutes == 0)
            #expect(update.explanation.updatePeriod == 1)
            #expect(try timer(.decision, timers).state == .met)
            #expect(try timer(.acknowledgement, timers).state == .met)
        }
    }

    // Bug class: business hours and holidays missing.
    @Test func timersRunInBusinessHoursAndSkipEaster() throws {
        let saturday = Fixture.local("2026-04-04 12:00")
        let easter = ComplaintClockFacts(receivedAt: saturday, receivedPriority: .normal, channel: .email, legalBasis: .consumer,
                                         cycles: [ClockCycle(startedAt: saturday, isReopen: false)], pauses: [])
        let timers = try SLAEngine.timers(for: easter, config: .standard, now: Fixture.local("2026-04-07 09:00"))
        let firstContact = try timer(.firstContact, timers)
        #expect(firstContact.dueAt == Fixture.local("2026-04-07 16:00"))
        #expect(firstContact.elapsedBusinessMinutes == 120 + 60)
        #expect(firstContact.explanation.skippedDays.map(\.englishName) == ["Easter Sunday", "Easter Monday"])
        #expect(firstContact.explanation.lines().contains("Closed 2026-04-06: Easter Monday."))
        #expect(firstContact.explanation.lines(language: .polish).contains("Zamknięte 2026-04-06: Poniedziałek Wielkanocny."))
    }

    // Bug class: the clock still counting while shown as paused.
    @Test func pausedTimerHoldsItsRemainingTimeUntilThePauseEnds() throws {
        let pause = PauseSegment(start: Fixture.local("2026-06-08 09:00"), end: nil, reason: .customer)
        let sameDay = try timer(.decision, SLAEngine.timers(for: facts(pauses: [pause]), config: .standard, now: Fixture.local("2026-06-08 15:00")))
        let nextDay = try timer(.decision, SLAEngine.timers(for: facts(pauses: [pause]), config: .standard, now: Fixture.local("2026-06-09 12:00")))
        for shown in [sameDay, nextDay] {
            #expect(shown.state == .paused)
            #expect(shown.elapsedBusinessMinutes == 60)
            #expect(shown.remainingBusinessMinutes == 2940)
            #expect(shown.dueAt == nil)
        }
        #expect(nextDay.pausedMinutes == 540 + 240)
        #expect(nextDay.explanation.lines().contains { $0.hasPrefix("Paused 2026-06-08 09:00–now waiting for the customer") })

        var resumed = pause
        resumed.end = Fixture.local("2026-06-10 10:00")
        let afterResume = try timer(.decision, SLAEngine.timers(for: facts(pauses: [resumed]), config: .standard, now: Fixture.local("2026-06-10 11:00")))
        #expect(afterResume.state == .running)
        #expect(afterResume.elapsedBusinessMinutes == 120)
        #expect(afterResume.pausedMinutes == 1260)
        // Without the pause the decision was due Fri 12 June 18:00; 1260 paused minutes move it out.
        #expect(afterResume.dueAt == Fixture.local("2026-06-16 13:00"))
        #expect(afterResume.dueAt == Fixture.standardCalendar.instant(afterBusinessMinutes: 1260, from: Fixture.local("2026-06-12 18:00")))
    }

    @Test func aTimerAlreadyPastDueStaysBreachedWhenAPauseStartsLater() throws {
        let pause = PauseSegment(start: Fixture.local("2026-06-08 13:00"), end: nil, reason: .parts)
        let acknowledgement = try timer(.acknowledgement, SLAEngine.timers(for: facts(pauses: [pause]), config: .standard,
                                                                           now: Fixture.local("2026-06-09 09:00")))
        #expect(acknowledgement.state == .breached)
        #expect(acknowledgement.dueAt == Fixture.local("2026-06-08 12:00"))
        #expect(acknowledgement.remainingBusinessMinutes == -60)
    }

    // Bug class: paused time lost when a target changes.
    @Test func escalatingPriorityRecomputesFromTheSameHistoryKeepingPauses() throws {
        let pause = PauseSegment(start: Fixture.local("2026-06-08 09:00"), end: Fixture.local("2026-06-10 10:00"), reason: .parts)
        let now = Fixture.local("2026-06-10 11:00")
        let normal = try timer(.decision, SLAEngine.timers(for: facts(priority: .normal, pauses: [pause]), config: .standard, now: now))
        let escalated = try timer(.decision, SLAEngine.timers(for: facts(priority: .high, pauses: [pause]), config: .standard, now: now))
        #expect(normal.targetMinutes == 3000)
        #expect(escalated.targetMinutes == 1800)
        #expect(escalated.pausedMinutes == normal.pausedMinutes)
        #expect(escalated.pausedMinutes == 1260)
        // 1800 + 1260 business minutes from Monday 08:00: the whole week plus one hour on Saturday.
        #expect(escalated.dueAt == Fixture.local("2026-06-13 09:00"))
        #expect(escalated.remainingBusinessMinutes == 1800 - 120)
    }

    // Bug class: time spent closed counted after a reopen.
    @Test func reopenStartsNewCyclesWithFullTargetsAndKeepsHistory() throws {
        let cycles = [
            ClockCycle(startedAt: Self.monday, isReopen: false, acknowledgedAt: Fixture.local("2026-06-08 09:00"),
                       contacts: [Fixture.local("2026-06-08 11:00")], decidedAt: Fixture.local("2026-06-09 10:00"),
                       closedAt: Fixture.local("2026-06-09 12:00"),
                       answer: AnswerFact(at: Fixture.local("2026-06-09 10:30"), medium: .email)),
            ClockCycle(startedAt: Fixture.local("2026-06-22 09:00"), isReopen: true),
        ]
        let now = Fixture.local("2026-06-22 11:00")
        let timers = try SLAEngine.timers(for: facts(cycles: cycles), config: .standard, now: now)
        #expect(timers.map { "\($0.name.rawValue)#\($0.cycle)" } ==
                ["acknowledgement#1", "first-contact#1", "update#1", "decision#1", "follow-up#1", "update#2", "decision#2", "follow-up#2"])
        #expect(try timer(.acknowledgement, timers).state == .met)
        #expect(try timer(.firstContact, timers).state == .met)
        #expect(try timer(.decision, timers).state == .met)
        let followUp = try timer(.followUp, timers)
        // Ended by the reopen, no call made: not done, never "met" or "missed".
        #expect(followUp.state == .notDone)
        #expect(followUp.explanation.stopCause == .reopened)
        #expect(followUp.dueAt == Fixture.local("2026-06-12 12:00"))

        let decision2 = try timer(.decision, cycle: 2, timers)
        #expect(decision2.state == .running)
        #expect(decision2.startedAt == Fixture.local("2026-06-22 09:00"))
        #expect(decision2.elapsedBusinessMinutes == 120)
        #expect(decision2.targetMinutes == 3000)
        #expect(decision2.dueAt == Fixture.local("2026-06-27 09:00"))
        #expect(try timer(.update, cycle: 2, timers).elapsedBusinessMinutes == 120)
        #expect(try timer(.followUp, cycle: 2, timers).state == .notStarted)

        let legal = try SLAEngine.legalStatuses(for: facts(cycles: cycles), config: .standard, now: now)
        #expect(legal.map(\.deadline) == [Fixture.date("2026-06-22"), Fixture.date("2026-07-06")])
        #expect(legal.map(\.state) == [.met, .running])
        #expect(legal.map(\.daysLeft) == [nil, 14])
    }

    // Bug class: a reply that does not stop the timer it should.
    @Test func eachEventStopsExactlyItsTimers() throws {
        let cycle = ClockCycle(startedAt: Self.monday, isReopen: false, contacts: [Fixture.local("2026-06-08 10:30")])
        let afterContact = try SLAEngine.timers(for: facts(cycles: [cycle]), config: .standard, now: Fixture.local("2026-06-08 11:00"))
        // A substantive contact is also the first confirmation of receipt.
        #expect(try timer(.acknowledgement, afterContact).stoppedAt == Fixture.local("2026-06-08 10:30"))
        #expect(try timer(.firstContact, afterContact).state == .met)
        let update = try timer(.update, afterContact)
        #expect(update.startedAt == Fixture.local("2026-06-08 10:30"))
        #expect(update.explanation.startCause == .contact)
        #expect(update.elapsedBusinessMinutes == 30)
        #expect(try timer(.decision, afterContact).state == .running)

        var decided = cycle
        decided.decidedAt = Fixture.local("2026-06-09 09:00")
        let afterDecision = try SLAEngine.timers(for: facts(cycles: [decided]), config: .standard, now: Fixture.local("2026-06-09 10:00"))
        #expect(try timer(.decision, afterDecision).state == .met)
        #expect(try timer(.update, afterDecision).state == .met)
        #expect(try timer(.update, afterDecision).stoppedAt == Fixture.local("2026-06-09 09:00"))
        #expect(try timer(.followUp, afterDecision).state == .notStarted)

        decided.closedAt = Fixture.local("2026-06-09 12:00")
        decided.followedUpAt = Fixture.local("2026-06-10 12:00")
        let afterFollowUp = try SLAEngine.timers(for: facts(cycles: [decided]), config: .standard, now: Fixture.local("2026-06-11 12:00"))
        #expect(try timer(.followUp, afterFollowUp).state == .met)
        #expect(afterFollowUp.allSatisfy { $0.state == .met })
    }

    @Test func updateCadenceRestartsAfterEachContactAndCountsOverrunPeriods() throws {
        let cycle = ClockCycle(startedAt: Self.monday, isReopen: false, acknowledgedAt: Fixture.local("2026-06-08 08:30"),
                               contacts: [Fixture.local("2026-06-11 12:00")])
        let update = try timer(.update, SLAEngine.timers(for: facts(cycles: [cycle]), config: .standard, now: Fixture.local("2026-06-11 13:00")))
        #expect(update.startedAt == Fixture.local("2026-06-11 12:00"))
        #expect(update.dueAt == Fixture.local("2026-06-13 12:00"))
        #expect(update.explanation.updatePeriod == 3)
        #expect(update.explanation.earlierUpdatePeriodsMissed == 1)
        #expect(update.explanation.lines().contains("1 earlier update period(s) in this cycle ran past due."))
    }

    @Test func warningAtPercentElapsedOrFewMinutesLeftThenBreachedThenMetOrMissed() throws {
        func acknowledgement(at now: String, config: SiteConfig = .standard, cycle: ClockCycle? = nil) throws -> TimerStatus {
            try timer(.acknowledgement, SLAEngine.timers(for: facts(cycles: cycle.map { [$0] }), config: config, now: Fixture.local(now)))
        }
        #expect(try acknowledgement(at: "2026-06-08 10:59").state == .running)
        #expect(try acknowledgement(at: "2026-06-08 11:00").state == .warning)
        var lateWarning = SiteConfig.standard
        lateWarning.warnings = WarningThresholds(percentElapsed: 100, minutesBeforeDue: 60)
        #expect(try acknowledgement(at: "2026-06-08 11:00", config: lateWarning).state == .running)
        #expect(try acknowledgement(at: "2026-06-08 11:01", config: lateWarning).state == .warning)
        #expect(try acknowledgement(at: "2026-06-08 12:00").state == .warning)
        let breached = try acknowledgement(at: "2026-06-08 12:01")
        #expect(breached.state == .breached)
        #expect(breached.remainingBusinessMinutes == -1)

        let onTime = ClockCycle(startedAt: Self.monday, isReopen: false, acknowledgedAt: Fixture.local("2026-06-08 12:00"))
        #expect(try acknowledgement(at: "2026-06-09 09:00", cycle: onTime).state == .met)
        let late = ClockCycle(startedAt: Self.monday, isReopen: false, acknowledgedAt: Fixture.local("2026-06-08 12:01"))
        let missed = try acknowledgement(at: "2026-06-09 09:00", cycle: late)
        #expect(missed.state == .missed)
        #expect(missed.remainingBusinessMinutes == nil)
    }

    @Test func channelTargetsAndFactsAfterNowAreNotYetKnown() throws {
        let phone = try timer(.acknowledgement, SLAEngine.timers(for: facts(channel: .phone), config: .standard, now: Self.monday))
        #expect(phone.targetMinutes == 60)
        let cycle = ClockCycle(startedAt: Self.monday, isReopen: false, acknowledgedAt: Fixture.local("2026-06-08 10:00"))
        let before = try timer(.acknowledgement, SLAEngine.timers(for: facts(cycles: [cycle]), config: .standard, now: Fixture.local("2026-06-08 09:00")))
        #expect(before.state == .running)
        #expect(before.stoppedAt == nil)
    }

    @Test func closingWithoutTheEventStopsTheTimerAndSaysSo() throws {
        let cycle = ClockCycle(startedAt: Self.monday, isReopen: false, acknowledgedAt: Fixture.local("2026-06-08 09:00"),
                               decidedAt: Fixture.local("2026-06-08 10:00"), closedAt: Fixture.local("2026-06-08 11:00"))
        let firstContact = try timer(.firstContact, SLAEngine.timers(for: facts(cycles: [cycle]), config: .standard, now: Fixture.local("2026-06-09 09:00")))
        #expect(firstContact.stoppedAt == Fixture.local("2026-06-08 11:00"))
        #expect(firstContact.explanation.stopCause == .cycleClosed)
        #expect(firstContact.state == .notDone, "no contact happened: not met")
        #expect(firstContact.explanation.lines().last
                == "Not done: stopped 2026-06-08 11:00 by closing the case (no first contact recorded) without it happening; counts against the target, in no median.")
    }

    @Test func unknownSiteTimeZoneIsReportedNotCrashed() {
        var config = SiteConfig.standard
        config.calendar.timeZoneID = "Mars/Olympus"
        #expect(throws: CalendarError.unknownTimeZone("Mars/Olympus")) { try SLAEngine.timers(for: facts(), config: config, now: Self.monday) }
    }

    @Test func timerStatusesSurviveAJSONRoundTrip() throws {
        let pause = PauseSegment(start: Fixture.local("2026-06-08 09:00"), end: nil, reason: .parts)
        let timers = try SLAEngine.timers(for: facts(pauses: [pause]), config: .standard, now: Fixture.local("2026-06-09 09:00"))
        let decoded = try JSONDecoder().decode([TimerStatus].self, from: JSONEncoder().encode(timers))
        #expect(decoded == timers)
    }

    @Test func explanationReadsInBothLanguages() throws {
        let pause = PauseSegment(start: Fixture.local("2026-06-08 09:00"), end: Fixture.local("2026-06-08 10:00"), reason: .manufacturer)
        let decision = try timer(.decision, SLAEngine.timers(for: facts(pauses: [pause]), config: .standard, now: Fixture.local("2026-06-08 12:00")))
        #expect(decision.explanation.lines() == [
            "Decision, cycle 1: target 3000 business min (priority normal, channel email).",
            "Started 2026-06-08 08:00 at receipt; due 2026-06-13 09:00.",
            "Counted 180 business min; paused 60 business min; skipped 0 min outside opening hours.",
            "Paused 2026-06-08 09:00–2026-06-08 10:00 waiting for the manufacturer: 60 business min.",
            "Running: 2820 business min remain.",
        ])
        #expect(decision.explanation.lines(language: .polish).first == "Decyzja, cykl 1: cel 3000 min roboczych (priorytet zwykły, kanał e-mail).")
    }
}
