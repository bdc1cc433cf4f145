import Foundation
import Testing
@testable import AsodeskDomain

/// Issue 12.5 in the domain: the window `--at` may reach back, what asodesk sends, entered late,
/// and a timer verdict that rests on a late entry.
@Suite struct EntryTimeTests {
    static let now = Fixture.local("2026-11-23 17:30")
    static let received = Fixture.local("2026-11-23 08:30")
    static let intake = History.intake
    static let entry = EntryTime(rules: .standard, timeZone: Fixture.warsaw)

    static func complaint(receivedAt: Date = received) -> Complaint {
        Lifecycle.start(ComplaintEvent(number: ComplaintNumber(year: 2026, serial: 1), actor: History.advisor,
                                       occurredAt: receivedAt, recordedAt: receivedAt, action: .receive(intake)))!
    }

    @Test func theWindowReachesBackSevenCalendarDaysAtTheSameWallClockTime() {
        #expect(Self.entry.windowStart(now: Self.now) == Fixture.local("2026-11-16 17:30"))
        // Across the October clock change the wall-clock time is kept, not 7 × 24 hours.
        #expect(Self.entry.windowStart(now: Fixture.local("2026-10-30 12:00")) == Fixture.local("2026-10-23 12:00"))
        let wider = EntryTime(rules: TimeRules(backdateWindowDays: 2), timeZone: Fixture.warsaw)
        #expect(wider.windowStart(now: Self.now) == Fixture.local("2026-11-21 17:30"))
    }

    @Test func aMonthOldTimeIsRefusedWithTheAllowedRangeInSiteTime() throws {
        let denial = Lifecycle.timeDenial(occurredAt: Fixture.local("2026-10-23 09:00"), now: Self.now, receivedAt: nil, entry: Self.entry)
        #expect(denial == .beforeWindow(earliest: Fixture.local("2026-11-16 17:30"), latest: Self.now, windowDays: 7))
        let words = Lifecycle.refusal(try #require(denial), entry: Self.entry)
        #expect(words.text.en.contains("from 2026-11-16 17:30 to 2026-11-23 17:30 (site time, Europe/Warsaw)"))
        #expect(words.text.pl.contains("od 2026-11-16 17:30 do 2026-11-23 17:30"))
        #expect(throws: Refusal.self) {
            try Lifecycle.check(.receive(Self.intake), on: nil, by: History.advisor, occurredAt: Fixture.local("2026-10-23 09:00"),
                                now: Self.now, procedures: [], entry: Self.entry)
        }
        // Friday's letter, within the window, is taken in.
        try Lifecycle.check(.receive(Self.intake), on: nil, by: History.advisor, occurredAt: Fixture.local("2026-11-20 09:00"),
                            now: Self.now, procedures: [], entry: Self.entry)
    }

    @Test func neverInTheFutureNorBeforeTheReceiptAndTheRangeStartsAtTheReceipt() {
        let complaint = Self.complaint()
        #expect(Lifecycle.timeDenial(occurredAt: Self.now.addingTimeInterval(600), now: Self.now, receivedAt: complaint.receivedAt,
                                     entry: Self.entry) == .future(earliest: Self.received, latest: Self.now))
        #expect(Lifecycle.timeDenial(occurredAt: Fixture.local("2026-11-23 08:00"), now: Self.now, receivedAt: complaint.receivedAt,
                                     entry: Self.entry) == .beforeReceipt(earliest: Self.received, latest: Self.now))
        #expect(Lifecycle.timeDenial(occurredAt: Fixture.local("2026-11-23 09:00"), now: Self.now, receivedAt: complaint.receivedAt,
                                     entry: Self.entry) == nil)
    }

    @Test func whatAsodeskSendsIsDatedBackOnlyByAShiftLeadWithAReason() {
        let at = Fixture.local("2026-11-23 09:05")
        for verb in [ActionVerb.acknowledge, .decide] {
            #expect(Lifecycle.sendDenial(verb, occurredAt: at, now: Self.now, by: History.advisor, entry: Self.entry)
                        == .backdatedSend(verb, limitMinutes: 15, mayBackdate: [.lead], needsReason: false))
            #expect(Lifecycle.sendDenial(verb, occurredAt: at, now: Self.now, by: History.lead, entry: Self.entry)
                        == .backdatedSend(verb, limitMinutes: 15, mayBackdate: [.lead], needsReason: true))
            var withReason = Self.entry
            withReason.backdateReason = "Wysłane rano z telefonu"
            #expect(Lifecycle.sendDenial(verb, occurredAt: at, now: Self.now, by: History.lead, entry: withReason) == nil)
            #expect(Lifecycle.sendDenial(verb, occurredAt: at, now: Self.now, by: History.advisor, entry: withReason) != nil,
                    "a reason does not make an advisor a lead")
            // Within the 15 minutes anyone may.
            #expect(Lifecycle.sendDenial(verb, occurredAt: Self.now.addingTimeInterval(-14 * 60), now: Self.now, by: History.advisor,
                                         entry: Self.entry) == nil)
        }
        // A note, a contact, a tick: what happened outside the system may be dated back within the window.
        #expect(Lifecycle.sendDenial(.contact, occurredAt: at, now: Self.now, by: History.advisor, entry: Self.entry) == nil)
        let refusal = Lifecycle.refusal(.backdatedSend(.acknowledge, limitMinutes: 15, mayBackdate: [.lead], needsReason: false),
                                        entry: Self.entry)
        #expect(refusal.text.en.contains("only a shift lead may") && refusal.text.pl.contains("kierownika zmiany"))
    }

    @Test func theCheckRefusesABackdatedAcknowledgementByAnAdvisor() {
        let complaint = Self.complaint()
        #expect(throws: Refusal.self) {
            try Lifecycle.check(.acknowledge(note: nil), on: complaint, by: History.advisor, occurredAt: Fixture.local("2026-11-23 09:05"),
                                now: Self.now, procedures: [], entry: Self.entry)
        }
        var entry = Self.entry
        entry.backdateReason = "Wysłane rano"
        #expect(throws: Never.self) {
            try Lifecycle.check(.acknowledge(note: nil), on: complaint, by: History.lead, occurredAt: Fixture.local("2026-11-23 09:05"),
                                now: Self.now, procedures: [], entry: entry)
        }
    }

    @Test func anEventEnteredMoreThanFifteenMinutesLateSaysSoAndTheVerdictRestsOnIt() throws {
        var complaint = Self.complaint()
        let ack = ComplaintEvent(number: complaint.number, actor: History.lead, occurredAt: Fixture.local("2026-11-23 09:05"),
                                 recordedAt: Self.now, action: .acknowledge(note: nil), backdateReason: "Wysłane rano")
        let late = try #require(ack.lateEntry)
        #expect(late.delayMinutes == 505 && late.delayText == "8 h 25 min" && late.reason == "Wysłane rano")
        let onTime = ComplaintEvent(number: complaint.number, actor: History.advisor, occurredAt: Self.now.addingTimeInterval(-15 * 60),
                                    recordedAt: Self.now, action: .note(text: "x"))
        #expect(onTime.lateEntry == nil, "15 minutes exactly is not late")
        Lifecycle.apply(ack, to: &complaint)
        #expect(complaint.clockFacts.lateEntries == [late])
        let timers = SLAEngine.timers(for: complaint.clockFacts, calendar: Fixture.standardCalendar, targets: .standard,
                                      warnings: .standard, now: Self.now)
        let acknowledgement = try #require(timers.first { $0.name == .acknowledgement })
        #expect(acknowledgement.state == .met && acknowledgement.lateEntry == late, "met, and it says on what")
        #expect(acknowledgement.explanation.lines().joined().contains("entered 8 h 25 min late by anowak"))
        #expect(acknowledgement.explanation.lines(language: .polish).joined().contains("wpisano 8 h 25 min później"))
        #expect(timers.filter { $0.name != .acknowledgement }.allSatisfy { $0.lateEntry == nil })
    }
}
