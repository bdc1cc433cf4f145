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
    static let userExamplePath = URL(fileURLWithPath: examplePath).deletingLastPathComponent()
        .appendingPathComponent("asodesk.user.example.toml").path

    @Test func exampleParsesToTheDefaultsPlusItsSamples() throws {
        let config = try SiteConfigLoader.load(path: Self.examplePath)

        var expected = SiteConfig.standard
        expected.siteName = "ASO Przykład Kraków"
        let lunch = LocalTimeRange(LocalTime(hour: 12), LocalTime(hour: 12, minute: 30))
        for day in [Weekday.monday, .tuesday, .wednesday, .thursday, .friday] {
            expected.calendar.weeklyHours[day]?.breaks = [lunch]
        }
        let lastDay = LocalDate(year: 2026, month: 12, day: 31)
        expected.calendar.closures = [Closure(from: lastDay, through: lastDay, reason: "inwentaryzacja")]
        let pin = "scrypt$15$8$1$hPSrZ17Ip7fM1vFdLFhyMw==$25QyhI/agz7wLM/Q/fDPrzHPfH7ECVTClvA5NpLoHc8="
        let key = OperatorKey(publicKey: Array(Data(base64Encoded: "Fm+1ZvD8dTmWMbLbZtHjUH0hvdCxMdiyo2nxnMvsfWo=")!),
                              validFrom: Date(timeIntervalSince1970: 1_796_079_600),   // 2026-12-01 00:00 in Warsaw
                              validUntil: Date(timeIntervalSince1970: 1_827_615_600))  // 2027-12-01 00:00 +01:00
        expected.operators = [
            Operator(id: "anowak", name: "Anna Nowak", role: .lead, login: "anowak", keys: [key]),
            Operator(id: "pkowalski", name: "Piotr Kowalski", role: .advisor, login: "recepcja", pinHash: pin),
            Operator(id: "mzielinska", name: "Maria Zielińska", role: .trainee, login: "recepcja", pinHash: pin),
        ]
        expected.letters = LetterSettings(
            legalName: "Auto Przykład sp. z o.o. – Autoryzowana Stacja Obsługi", address: ["ul. Zakopiańska 105", "30-418 Kraków"],
            phone: "+48 12 345 67 89", email: "reklamacje@auto-przyklad.pl", signatory: "Anna Nowak",
            signatoryTitle: "Kierownik działu reklamacji", outOfCourtAgrees: false,
            outOfCourtBody: "Małopolski Wojewódzki Inspektor Inspekcji Handlowej w Krakowie, ul. Ujastek 7, 31-752 Kraków")
        expected.feedback.lowSurveyScore = 6
        expected.improvement = ImprovementSettings(effectivenessCheckWeeks: 8, warningDays: 3)
        #expect(Passphrase.isWellFormed(pin))
        #expect(config.causes == CauseCatalogue.standard, "the example lists the default catalogue")
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
                    "operator[1].id", "operator[1].name", "operator[1].role", "operator[1].login", "operator[2].pin",
                    "operator[1].key[1].public", "operator[1].key[1].valid_from", "operator[1].key[1].valid_until",
                    "time.backdate_days", "hours.breaks.monday",
                    "feedback.survey_scale", "feedback.low_survey_score", "feedback.low_mystery_percent",
                    "causes[1].code", "causes[1].name_pl", "causes[1].name_en", "causes[1].sub"]
        keys += SiteConfigLoader.weekdayNames.map { "hours.\($0.name)" }
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
