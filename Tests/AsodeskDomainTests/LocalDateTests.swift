import Testing
@testable import AsodeskDomain

@Suite struct LocalDateTests {
    @Test func parsesAndPrintsISODates() {
        #expect(LocalDate(iso: "2028-02-29")?.description == "2028-02-29")
        #expect(LocalDate(iso: "2026-02-29") == nil)
        #expect(LocalDate(iso: "2026-1-05") == nil)
        #expect(LocalTime(text: "08:30")?.minutesSinceMidnight == 510)
        #expect(LocalTime(text: "24:01") == nil)
    }
}
