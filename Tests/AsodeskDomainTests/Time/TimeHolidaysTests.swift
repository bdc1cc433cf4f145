import Testing
@testable import AsodeskDomain

@Suite struct TimeHolidaysTests {
    @Test(arguments: [
        (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"),
        (2027, "2027-03-28"), (2038, "2038-04-25"), (2285, "2285-03-22"), (2000, "2000-04-23"),
    ])
    func easterSundayIsComputed(year: Int, expected: String) {
        #expect(PolishHolidays.easterSunday(year: year) == Fixture.date(expected))
    }

    @Test(arguments: [(2024, "2024-05-30"), (2025, "2025-06-19"), (2026, "2026-06-04"), (2027, "2027-05-27")])
    func corpusChristiIsSixtyDaysAfterEaster(year: Int, expected: String) {
        let corpusChristi = PolishHolidays.holidays(year: year).first { $0.kind == .corpusChristi }
        #expect(corpusChristi?.date == Fixture.date(expected))
        #expect(corpusChristi?.date.weekday == .thursday)
    }

    @Test func easterChainOf2026() {
        #expect(PolishHolidays.holiday(on: Fixture.date("2026-04-06"))?.kind == .easterMonday)
        #expect(PolishHolidays.holiday(on: Fixture.date("2026-05-24"))?.kind == .pentecost)
        #expect(PolishHolidays.holiday(on: Fixture.date("2026-04-06"))?.polishName == "Poniedziałek Wielkanocny")
    }

    @Test func christmasEveIsAHolidayOnlyFrom2025() {
        #expect(PolishHolidays.holiday(on: Fixture.date("2024-12-24")) == nil)
        #expect(PolishHolidays.holiday(on: Fixture.date("2025-12-24"))?.kind == .christmasEve)
        #expect(PolishHolidays.holiday(on: Fixture.date("2026-12-24"))?.englishName == "Christmas Eve")
        #expect(PolishHolidays.holidays(year: 2024).count == 13)
        #expect(PolishHolidays.holidays(year: 2025).count == 14)
    }

    @Test func epiphanyIsAHolidayOnlyFrom2011() {
        #expect(PolishHolidays.holiday(on: Fixture.date("2010-01-06")) == nil)
        #expect(PolishHolidays.holiday(on: Fixture.date("2011-01-06"))?.kind == .epiphany)
        #expect(PolishHolidays.holidays(year: 2010).count == 12)
    }

    @Test func fixedHolidaysCarryBothNames() {
        let independence = PolishHolidays.holiday(on: Fixture.date("2026-11-11"))
        #expect(independence?.polishName == "Narodowe Święto Niepodległości")
        #expect(independence?.englishName == "Independence Day")
        let dates = PolishHolidays.holidays(year: 2026).map(\.date)
        #expect(dates == dates.sorted())
        for text in ["2026-01-01", "2026-01-06", "2026-05-01", "2026-05-03", "2026-08-15", "2026-11-01", "2026-12-25", "2026-12-26"] {
            #expect(PolishHolidays.holiday(on: Fixture.date(text)) != nil, "\(text) should be a public holiday")
        }
        #expect(PolishHolidays.holiday(on: Fixture.date("2026-11-10")) == nil)
    }

    @Test func sundaysAreDaysOffButNotNamedHolidays() {
        #expect(PolishHolidays.isDayOff(Fixture.date("2026-03-29")))
        #expect(PolishHolidays.holiday(on: Fixture.date("2026-03-29")) == nil)
        #expect(!PolishHolidays.isDayOff(Fixture.date("2026-03-28")))
    }

    @Test func localDateArithmeticCrossesYearsAndLeapDays() {
        #expect(Fixture.date("2026-12-31").adding(days: 1) == Fixture.date("2027-01-01"))
        #expect(Fixture.date("2028-02-28").adding(days: 1) == Fixture.date("2028-02-29"))
        #expect(Fixture.date("2100-02-28").adding(days: 1) == Fixture.date("2100-03-01"))
        #expect(Fixture.date("1970-01-01").dayNumber == 0)
        #expect(Fixture.date("1969-12-31").dayNumber == -1)
        #expect(Fixture.date("2026-11-22").weekday == .sunday)
        #expect(Fixture.date("2026-03-02").days(until: Fixture.date("2026-03-16")) == 14)
        for number in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(dayNumber: number).dayNumber == number)
        }
    }
}
