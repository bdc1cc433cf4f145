import Foundation
import Testing
@testable import AsodeskDomain

/// Seeded random cases over 2025–2027 (both DST changes, Easter, Christmas Eve before and after
/// it became a holiday boundary year), checking the laws the calendar must keep.
@Suite struct TimePropertyTests {
    struct Case {
        var from: Date
        var minutes: Int
        var pauses: [PauseSegment]
    }

    static func cases(count: Int, seed: UInt64) -> [Case] {
        var generator = SeededRandom(seed: seed)
        let start = Fixture.utc("2025-01-01T00:00:00Z").timeIntervalSince1970
        let end = Fixture.utc("2027-12-01T00:00:00Z").timeIntervalSince1970
        return (0..<count).map { _ in
            let from = Date(timeIntervalSince1970: Double(Int.random(in: Int(start)...Int(end), using: &generator)))
            let minutes = Int.random(in: 0...4000, using: &generator)
            let pauses: [PauseSegment] = (0..<Int.random(in: 0...2, using: &generator)).map { _ in
                let pauseStart = from.addingTimeInterval(Double(Int.random(in: -86_400...(5 * 86_400), using: &generator)))
                let length = Double(Int.random(in: 60...(3 * 86_400), using: &generator))
                return PauseSegment(start: pauseStart, end: pauseStart.addingTimeInterval(length),
                                    reason: WaitReason.allCases.randomElement(using: &generator)!)
            }
            return Case(from: from, minutes: minutes, pauses: pauses)
        }
    }

    let calendar = Fixture.standardCalendar

    @Test func dueTimeRoundTripsToTheSameBusinessMinutes() throws {
        for example in Self.cases(count: 2000, seed: 20_260_329) {
            let due = try #require(calendar.instant(afterBusinessMinutes: example.minutes, from: example.from, pauses: example.pauses))
            let counted = calendar.businessTime(from: example.from, to: due, pauses: example.pauses)
            #expect(counted.elapsedBusinessMinutes == example.minutes, "from \(example.from) + \(example.minutes) min")
            #expect(abs(counted.elapsedBusinessSeconds - Double(example.minutes) * 60) < 0.001)
        }
    }

    @Test func dueTimeIsNeverInsideClosedTimeOrAPause() throws {
        for example in Self.cases(count: 2000, seed: 20_261_025) where example.minutes > 0 {
            let due = try #require(calendar.instant(afterBusinessMinutes: example.minutes, from: example.from, pauses: example.pauses))
            // The last counted second ends at `due`, so `due` closes an open interval: it lies in
            // (start, end] of one, never strictly inside closed time.
            let open = calendar.openIntervals(on: calendar.localDate(of: due))
            #expect(open.contains { $0.start < due && due <= $0.end }, "due \(due) is outside opening hours")
            // Likewise the moments just before `due` were counted, so no pause covers them.
            #expect(!example.pauses.contains { $0.start < due && due <= $0.end! }, "due \(due) is inside a pause")
        }
    }

    @Test func pausesOnlyEverMoveTheDueTimeLater() throws {
        for example in Self.cases(count: 2000, seed: 7) {
            let withoutPauses = try #require(calendar.instant(afterBusinessMinutes: example.minutes, from: example.from))
            let withPauses = try #require(calendar.instant(afterBusinessMinutes: example.minutes, from: example.from, pauses: example.pauses))
            #expect(withPauses >= withoutPauses)
        }
    }

    @Test func moreMinutesNeverComeSoonerAndLaterInstantsNeverCountLess() throws {
        var generator = SeededRandom(seed: 11)
        for example in Self.cases(count: 1500, seed: 11) {
            let extra = Int.random(in: 0...700, using: &generator)
            let first = try #require(calendar.instant(afterBusinessMinutes: example.minutes, from: example.from, pauses: example.pauses))
            let second = try #require(calendar.instant(afterBusinessMinutes: example.minutes + extra, from: example.from, pauses: example.pauses))
            #expect(first <= second)
            let later = first.addingTimeInterval(Double(Int.random(in: 0...(4 * 86_400), using: &generator)))
            #expect(calendar.businessTime(from: example.from, to: first, pauses: example.pauses).elapsedBusinessSeconds
                    <= calendar.businessTime(from: example.from, to: later, pauses: example.pauses).elapsedBusinessSeconds)
        }
    }

    @Test func businessPausedAndClosedTimeAddUpToTheWallClock() {
        var generator = SeededRandom(seed: 99)
        for example in Self.cases(count: 1500, seed: 99) {
            let to = example.from.addingTimeInterval(Double(Int.random(in: 0...(20 * 86_400), using: &generator)))
            let span = calendar.businessTime(from: example.from, to: to, pauses: example.pauses)
            let total = span.elapsedBusinessSeconds + span.pausedBusinessSeconds + span.closedWallSeconds
            #expect(abs(total - to.timeIntervalSince(example.from)) < 0.001)
        }
    }

    @Test func legalDeadlineIsAWorkingDayAtLeastTheStatutoryDaysAfterReceipt() {
        var generator = SeededRandom(seed: 14)
        for _ in 0..<2000 {
            let received = LocalDate(dayNumber: Int.random(in: 18_000...40_000, using: &generator))
            let days = Int.random(in: 1...30, using: &generator)
            let deadline = LegalClock.deadline(receivedOn: received, days: days)
            #expect(LegalClock.isWorkingDayForDeadlines(deadline))
            #expect(received.days(until: deadline) >= days)
            // Every day between the nominal last day and the deadline is a Saturday or a day off.
            var day = received.adding(days: days)
            while day < deadline {
                #expect(!LegalClock.isWorkingDayForDeadlines(day))
                day = day.adding(days: 1)
            }
        }
    }
}
