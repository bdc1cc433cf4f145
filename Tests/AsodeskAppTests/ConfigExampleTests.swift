import AsodeskDomain
import Foundation
import Testing
@testable import AsodeskApp

/// docs/asodesk.example.toml documents every setting; parsing it here keeps the documentation and
/// the loader from drifting apart.
@Suite struct ConfigExampleTests {
    static let examplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/asodesk.example.toml").path

    @Test func exampleParsesToTheDefaultsPlusItsSamples() throws {
        let config = try ConfigLoader.load(path: Self.examplePath)

        var expected = SiteConfig.standard
        expected.siteName = "ASO Przykład Kraków"
        let lunch = LocalTimeRange(LocalTime(hour: 12), LocalTime(hour: 12, minute: 30))
        for day in [Weekday.monday, .tuesday, .wednesday, .thursday, .friday] {
            expected.calendar.weeklyHours[day]?.breaks = [lunch]
        }
        let lastDay = LocalDate(year: 2026, month: 12, day: 31)
        expected.calendar.closures = [Closure(from: lastDay, through: lastDay, reason: "inwentaryzacja")]
        expected.operators = [
            Operator(id: "anowak", name: "Anna Nowak", role: .lead),
            Operator(id: "pkowalski", name: "Piotr Kowalski", role: .advisor),
            Operator(id: "mzielinska", name: "Maria Zielińska", role: .trainee),
        ]
        #expect(config == expected)
    }

    /// Every timer, priority, channel target, legal basis and weekday appears in the example, so
    /// a new vocabulary word cannot be added without documenting its setting.
    @Test func exampleSpellsOutEverySetting() throws {
        let text = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        let locator = TOMLKeyLocator(text: text)
        var keys = ["site.name", "site.time_zone", "site.polish_holidays",
                    "warnings.percent_elapsed", "warnings.minutes_before_due",
                    "closure[1].from", "closure[1].through", "closure[1].reason",
                    "operator[1].id", "operator[1].name", "operator[1].role", "hours.breaks.monday"]
        keys += ConfigLoader.weekdayNames.map { "hours.\($0.name)" }
        for timer in TimerName.allCases {
            keys += Priority.allCases.map { "sla.\(timer.rawValue).\($0.rawValue)" }
        }
        for (timer, channels) in SLATargets.standard.byChannel {
            keys += channels.keys.map { "sla.\(timer.rawValue).channel.\($0.rawValue)" }
        }
        for basis in LegalBasis.allCases {
            keys += ["legal.\(basis.rawValue).applies", "legal.\(basis.rawValue).days"]
        }
        for key in keys {
            #expect(locator.hasOwnLine(key), "docs/asodesk.example.toml does not set \(key)")
        }
    }
}
