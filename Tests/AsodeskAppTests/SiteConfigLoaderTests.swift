import AsodeskDomain
import Foundation
import Testing
@testable import AsodeskApp

@Suite struct SiteConfigLoaderTests {
    @Test func emptyFileGivesTheStandardConfiguration() throws {
        #expect(try SiteConfigLoader.parse("", file: "asodesk.toml") == SiteConfig.standard)
        #expect(try SiteConfigLoader.parse("# only a comment\n\n", file: "asodesk.toml") == SiteConfig.standard)
    }

    @Test func emptySectionsKeepTheirDefaults() throws {
        let text = "[site]\n[hours]\n[sla]\n[sla.decision]\n[warnings]\n[legal]\n[legal.consumer]\n"
        #expect(try SiteConfigLoader.parse(text, file: "asodesk.toml") == SiteConfig.standard)
    }

    struct GoodCase: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let check: @Sendable (SiteConfig) -> Bool
        var testDescription: String { name }
    }

    static let goodCases: [GoodCase] = [
        GoodCase(name: "site name and zone", text: """
            [site]
            name = "ASO Gdańsk"
            time_zone = "Europe/London"
            polish_holidays = false
            """, check: { $0.siteName == "ASO Gdańsk" && $0.calendar.timeZoneID == "Europe/London" && !$0.calendar.polishHolidays }),
        GoodCase(name: "one day changed, others default", text: """
            [site]
            polish_holidays = false
            [hours]
            saturday = "closed"
            sunday = "10:00-14:00"
            """, check: {
                $0.calendar.weeklyHours[.saturday] == nil
                    && $0.calendar.weeklyHours[.sunday] == DayHours(open: LocalTimeRange(LocalTime(hour: 10), LocalTime(hour: 14)))
                    && $0.calendar.weeklyHours[.monday] == CalendarConfig.standard.weeklyHours[.monday]
            }),
        GoodCase(name: "breaks are sorted", text: """
            [hours]
            tuesday = "07:30-24:00"
            [hours.breaks]
            tuesday = ["15:00-15:15", "12:00-12:30"]
            """, check: {
                $0.calendar.weeklyHours[.tuesday] == DayHours(
                    open: LocalTimeRange(LocalTime(hour: 7, minute: 30), LocalTime(hour: 24)),
                    breaks: [LocalTimeRange(LocalTime(hour: 12), LocalTime(hour: 12, minute: 30)),
                             LocalTimeRange(LocalTime(hour: 15), LocalTime(hour: 15, minute: 15))])
            }),
        GoodCase(name: "closures as TOML dates and as strings, through defaulting to from", text: """
            [[closure]]
            from = 2026-12-31
            reason = "inwentaryzacja"

            [[closure]]
            from = "2027-08-02"
            through = "2027-08-13"
            reason = "urlop zakładowy"
            """, check: {
                $0.calendar.closures == [
                    Closure(from: LocalDate(year: 2026, month: 12, day: 31), through: LocalDate(year: 2026, month: 12, day: 31), reason: "inwentaryzacja"),
                    Closure(from: LocalDate(year: 2027, month: 8, day: 2), through: LocalDate(year: 2027, month: 8, day: 13), reason: "urlop zakładowy"),
                ]
            }),
        GoodCase(name: "one priority changed, the rest of the timer kept", text: """
            [sla.decision]
            high = 1200
            """, check: {
                $0.sla.byPriority[.decision] == [.normal: 3000, .high: 1200, .critical: 600]
                    && $0.sla.byPriority[.update] == SLATargets.standard.byPriority[.update]
            }),
        GoodCase(name: "channel table replaces the timer's channel targets", text: """
            [sla.acknowledgement.channel]
            social = 90
            """, check: {
                $0.sla.byChannel[.acknowledgement] == [.social: 90]
                    && $0.sla.target(.acknowledgement, priority: .normal, channel: .phone) == 240
                    && $0.sla.target(.acknowledgement, priority: .normal, channel: .social) == 90
            }),
        GoodCase(name: "empty channel table clears channel targets", text: """
            [sla.acknowledgement.channel]
            """, check: { $0.sla.byChannel[.acknowledgement] == nil }),
        GoodCase(name: "channel target for a timer without defaults", text: """
            [sla.first-contact.channel]
            in-person = 30
            """, check: { $0.sla.target(.firstContact, priority: .normal, channel: .inPerson) == 30 }),
        GoodCase(name: "warnings", text: """
            [warnings]
            percent_elapsed = 80
            minutes_before_due = 0
            """, check: { $0.warnings == WarningThresholds(percentElapsed: 80, minutesBeforeDue: 0) }),
        GoodCase(name: "legal clock per basis", text: """
            [legal.business]
            applies = true
            days = 30
            [legal.consumer]
            days = 21
            """, check: {
                $0.legalRule(.business) == LegalClockRule(applies: true, days: 30)
                    && $0.legalRule(.consumer) == LegalClockRule(applies: true, days: 21)
                    && $0.legalRule(.warranty) == LegalClockRule(applies: true, days: 14)
            }),
        GoodCase(name: "operators in file order", text: """
            [[operator]]
            id = "anowak"
            name = "Anna Nowak"
            role = "lead"
            [[operator]]
            id = "j.wisniewski-2"
            name = "Jan Wiśniewski"
            role = "trainee"
            """, check: {
                $0.operators == [Operator(id: "anowak", name: "Anna Nowak", role: .lead),
                                 Operator(id: "j.wisniewski-2", name: "Jan Wiśniewski", role: .trainee)]
            }),
        GoodCase(name: "an operator's login and keys, sorted by the day they start", text: """
            [site]
            time_zone = "Europe/Warsaw"
            [[operator]]
            id = "anowak"
            name = "Anna Nowak"
            role = "lead"
            login = "anna"
            [[operator.key]]
            public = "Fm+1ZvD8dTmWMbLbZtHjUH0hvdCxMdiyo2nxnMvsfWo="
            valid_from = 2027-01-01T08:00:00+01:00
            [[operator.key]]
            public = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
            valid_from = 2026-07-01
            valid_until = 2027-01-01
            """, check: {
                $0.operators.count == 1 && $0.operators[0].login == "anna" && $0.operators[0].keys.count == 2
                    && $0.operators[0].keys[0].validFrom == Date(timeIntervalSince1970: 1_782_856_800)  // 2026-07-01 00:00 CEST
                    && $0.operators[0].keys[0].validUntil == Date(timeIntervalSince1970: 1_798_758_000) // 2027-01-01 00:00 CET
                    && $0.operators[0].keys[1].validFrom == Date(timeIntervalSince1970: 1_798_786_800)  // 08:00 CET
            }),
        GoodCase(name: "the backdating window", text: "[time]\nbackdate_days = 3\n",
                 check: { $0.time.backdateWindowDays == 3 }),
        GoodCase(name: "inline and dotted forms", text: """
            sla.update = { normal = 900 }
            legal.goodwill.applies = true
            """, check: { $0.sla.byPriority[.update]?[.normal] == 900 && $0.legalRule(.goodwill).applies }),
    ]

    @Test(arguments: goodCases)
    func goodSnippetsParse(_ example: GoodCase) throws {
        let config = try SiteConfigLoader.parse(example.text, file: "asodesk.toml")
        #expect(example.check(config))
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let text: String
        let line: Int
        let key: String?
        let message: String
        var testDescription: String { message }
    }

    static let badCases: [BadCase] = [
        BadCase(text: "[sla.decision]\nnormal = 3000\nhigh = \"fast\"\n", line: 3, key: "sla.decision.high",
                message: "asodesk.toml:3: sla.decision.high: expected a whole number of business minutes (1–100000), found \"fast\""),
        BadCase(text: "[sla.decision]\nhigh = 0\n", line: 2, key: "sla.decision.high",
                message: "expected a whole number of business minutes (1–100000), found 0"),
        BadCase(text: "[sla.decision]\nhigh = 240.5\n", line: 2, key: "sla.decision.high",
                message: "found 240.5"),
        BadCase(text: "[sla.decision]\ncritical = 2000\n", line: 2, key: "sla.decision.critical",
                message: "expected at most the high target (1800), found 2000"),
        BadCase(text: "\n[sla.update]\nnormal = 100\n", line: 3, key: "sla.update.normal",
                message: "expected at least the high target (600), found 100"),
        BadCase(text: "[sla.acknowledgment]\nnormal = 10\n", line: 1, key: "sla.acknowledgment",
                message: "unknown timer; the known ones in [sla] are: acknowledgement, first-contact, update, decision, follow-up"),
        BadCase(text: "[sla.decision]\nurgent = 10\n", line: 2, key: "sla.decision.urgent",
                message: "the known ones in [sla.decision] are: normal, high, critical, channel"),
        BadCase(text: "[sla.acknowledgement.channel]\nfacebook = 10\n", line: 2, key: "sla.acknowledgement.channel.facebook",
                message: "unknown channel; the known ones in [sla.acknowledgement.channel] are: phone, email, web, social, letter, in-person"),
        BadCase(text: "[site]\nname = \"ASO\"\ntimezone = \"Europe/Warsaw\"\n", line: 3, key: "site.timezone",
                message: "unknown setting; the known ones in [site] are: name, time_zone, polish_holidays (check the spelling)"),
        BadCase(text: "[sites]\nname = \"ASO\"\n", line: 1, key: "sites",
                message: "unknown section; the known ones at the top level are: site, hours, closure, sla, warnings, legal, operator, time"),
        BadCase(text: "[site]\ntime_zone = \"Europe/Warszawa\"\n", line: 2, key: "site.time_zone",
                message: "expected an IANA time zone name such as \"Europe/Warsaw\", found \"Europe/Warszawa\""),
        BadCase(text: "[site]\npolish_holidays = \"yes\"\n", line: 2, key: "site.polish_holidays",
                message: "expected true or false, found \"yes\""),
        BadCase(text: "[site]\nname = \"  \"\n", line: 2, key: "site.name",
                message: "expected the site's name as text"),
        BadCase(text: "[hours]\nmonday = \"8-18\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"8-18\""),
        BadCase(text: "[hours]\nmonday = \"08:00-18:00 \"\n", line: 2, key: "hours.monday",
                message: "found \"08:00-18:00 \"; write \"08:00-18:00\" (a plain hyphen, no spaces)"),
        BadCase(text: "[hours]\ntuesday = \"08:00–18:00\"\n", line: 2, key: "hours.tuesday",
                message: "found \"08:00–18:00\"; write \"08:00-18:00\" (a plain hyphen, no spaces)"),
        BadCase(text: "[hours]\nwednesday = \"08:00 - 18:00\"\n", line: 2, key: "hours.wednesday",
                message: "found \"08:00 - 18:00\"; write \"08:00-18:00\" (a plain hyphen, no spaces)"),
        BadCase(text: "[hours.breaks]\nmonday = [\"12:00 – 12:30\"]\n", line: 2, key: "hours.breaks.monday",
                message: "expected every item to be a break as \"HH:MM-HH:MM\""),
        BadCase(text: "[hours]\nfriday = \"18:00-08:00\"\n", line: 2, key: "hours.friday",
                message: "expected the opening time before the closing time, found \"18:00-08:00\""),
        BadCase(text: "[hours]\nmonday = \"08:00-18:00\"\nfirday = \"08:00-18:00\"\n", line: 3, key: "hours.firday",
                message: "known ones in [hours] are: monday, tuesday, wednesday, thursday, friday, saturday, sunday, breaks"),
        BadCase(text: "[hours.breaks]\nmonday = [\"17:30-18:30\"]\n", line: 2, key: "hours.breaks.monday",
                message: "expected each break inside the opening hours 08:00-18:00, found \"17:30-18:30\""),
        BadCase(text: "[hours.breaks]\nmonday = [\"12:00-12:30\", \"12:15-12:45\"]\n", line: 2, key: "hours.breaks.monday",
                message: "expected breaks that do not overlap, found \"12:00-12:30\" and \"12:15-12:45\""),
        BadCase(text: "[hours.breaks]\nsunday = [\"12:00-12:30\"]\n", line: 2, key: "hours.breaks.sunday",
                message: "sunday is closed, so it cannot have breaks"),
        BadCase(text: "[hours.breaks]\nmonday = \"12:00-12:30\"\n", line: 2, key: "hours.breaks.monday",
                message: "expected a list such as [a break as \"HH:MM-HH:MM\" (e.g. \"12:00-12:30\")], found \"12:00-12:30\""),
        BadCase(text: "[hours.breaks]\nmonday = [\n  \"12:00-12:30\",\n  \"noon\",\n]\n", line: 2, key: "hours.breaks.monday",
                message: "expected every item to be a break as \"HH:MM-HH:MM\" (e.g. \"12:00-12:30\"), found \"noon\""),
        BadCase(text: "[[closure]]\nfrom = 2026-12-31\nreason = \"x\"\n\n[[closure]]\nfrom = \"2026-13-01\"\nreason = \"y\"\n",
                line: 6, key: "closure[2].from", message: "expected a date written as 2026-12-31 (year-month-day), found \"2026-13-01\""),
        BadCase(text: "[[closure]]\nfrom = 2026-12-31\nthrough = 2026-12-24\nreason = \"x\"\n", line: 3, key: "closure[1].through",
                message: "expected a day on or after from (2026-12-31), found 2026-12-24"),
        BadCase(text: "[[closure]]\nfrom = 2026-12-31\n", line: 1, key: "closure[1].reason",
                message: "missing; expected the reason as text, e.g. \"inwentaryzacja\""),
        BadCase(text: "[[closure]]\nfrom = 2026-12-31\nreason = \"x\"\nuntil = 2027-01-02\n", line: 4, key: "closure[1].until",
                message: "the known ones in a [[closure]] section are: from, through, reason"),
        BadCase(text: "[closure]\nfrom = 2026-12-31\n", line: 1, key: "closure",
                message: "expected a list of [[closure]] sections, found a table"),
        BadCase(text: "[warnings]\npercent_elapsed = 100\n", line: 2, key: "warnings.percent_elapsed",
                message: "expected a whole percentage of the target (1–99), found 100"),
        BadCase(text: "[warnings]\nminutes_before_due = -5\n", line: 2, key: "warnings.minutes_before_due",
                message: "expected a whole number of business minutes (0–100000), found -5"),
        BadCase(text: "[legal.consumer]\napplies = true\ndays = 0\n", line: 3, key: "legal.consumer.days",
                message: "expected a whole number of calendar days (1–365), found 0"),
        BadCase(text: "[legal.consumer]\ndays = 400\n", line: 2, key: "legal.consumer.days",
                message: "expected a whole number of calendar days (1–365), found 400"),
        BadCase(text: "[legal.private]\ndays = 14\n", line: 1, key: "legal.private",
                message: "unknown legal basis or setting; the known ones in [legal] are: consumer, business, warranty, goodwill, answer_counts_at, delivery_days"),
        BadCase(text: "[legal]\nconsumer = 14\n", line: 2, key: "legal.consumer",
                message: "expected a table ([legal.consumer] with settings under it), found 14"),
        BadCase(text: "[[operator]]\nid = \"anowak\"\nname = \"Anna Nowak\"\nrole = \"manager\"\n", line: 4, key: "operator[1].role",
                message: "expected one of trainee, advisor, lead, found \"manager\""),
        BadCase(text: "[[operator]]\nid = \"anowak\"\nname = \"Anna Nowak\"\nrole = \"lead\"\n\n[[operator]]\nid = \"anowak\"\nname = \"Adam Nowak\"\nrole = \"advisor\"\n",
                line: 7, key: "operator[2].id", message: "expected an id no other operator has, found \"anowak\" (already used by operator[1] on line 1)"),
        BadCase(text: "[[operator]]\nid = \"Anna Nowak\"\nname = \"Anna Nowak\"\nrole = \"lead\"\n", line: 2, key: "operator[1].id",
                message: "expected a short id such as \"anowak\""),
        BadCase(text: "[[operator]]\nid = \"\u{430}nowak\"\nname = \"Anna Nowak\"\nrole = \"lead\"\n", line: 2, key: "operator[1].id",
                message: "the character U+0430 \"\u{430}\" is not allowed"),
        BadCase(text: "[[operator]]\nid = \"a\"\nname = \"Anna Nowak\"\nrole = \"lead\"\n", line: 2, key: "operator[1].id",
                message: "2 to 32 characters), found \"a\" (1 characters)"),
        BadCase(text: "[[operator]]\nid = \"../../etc/passwd\"\nname = \"X\"\nrole = \"lead\"\n", line: 2, key: "operator[1].id",
                message: "the character U+002F \"/\" is not allowed"),
        BadCase(text: "[[operator]]\nid = \"anowak\"\nname = \"Anna Nowak\"\nrole = \"lead\"\n\n[[operator]]\nid = \"an0wak\"\nname = \"Adam Nowak\"\nrole = \"advisor\"\n",
                line: 7, key: "operator[2].id", message: "which reads like \"anowak\" (operator[1] on line 1)"),
        BadCase(text: "[[operator]]\nid = \"ka\"\nname = \"K A\"\nrole = \"advisor\"\nlogin = \"recepcja\"\n\n[[operator]]\nid = \"kb\"\nname = \"K B\"\nrole = \"advisor\"\nlogin = \"recepcja\"\n",
                line: 5, key: "operator[1].login", message: "the account \"recepcja\" is shared with kb, so each of its operators needs a pin"),
        BadCase(text: "[[operator]]\nid = \"ka\"\nname = \"K A\"\nrole = \"advisor\"\npin = \"1234\"\n", line: 5, key: "operator[1].pin",
                message: "expected a PIN hash as `asodesk pin-hash` prints it"),
        BadCase(text: "[[operator]]\nid = \"ka\"\nname = \"K A\"\nrole = \"advisor\"\n[[operator.key]]\npublic = \"AAAA\"\nvalid_from = 2026-12-01\n",
                line: 6, key: "operator[1].key[1].public", message: "expected an Ed25519 public key: the base64 of its 32 bytes"),
        BadCase(text: "[[operator]]\nid = \"ka\"\nname = \"K A\"\nrole = \"advisor\"\n[[operator.key]]\npublic = \"Fm+1ZvD8dTmWMbLbZtHjUH0hvdCxMdiyo2nxnMvsfWo=\"\nvalid_from = 2026-12-01\nvalid_until = 2026-11-01\n",
                line: 8, key: "operator[1].key[1].valid_until", message: "expected a moment after valid_from"),
        BadCase(text: "[[operator]]\nid = \"ka\"\nname = \"K A\"\nrole = \"advisor\"\n[[operator.key]]\npublic = \"Fm+1ZvD8dTmWMbLbZtHjUH0hvdCxMdiyo2nxnMvsfWo=\"\nvalid_from = 2026-12-01T10:00:00\n",
                line: 7, key: "operator[1].key[1].valid_from", message: "or a moment with its offset"),
        BadCase(text: "[time]\nbackdate_days = 45\n", line: 2, key: "time.backdate_days", message: "(1–31) that --at may reach back, found 45"),
        BadCase(text: "[dashboard]\nlanguage = \"pl\"\n", line: 1, key: "dashboard",
                message: "each person's preference, not the site's; move [dashboard] to your user file"),
        BadCase(text: "[[operator]]\nid = \"anowak\"\nrole = \"lead\"\n", line: 1, key: "operator[1].name",
                message: "missing; expected the person's name"),
        BadCase(text: "[hours]\nmonday = \"-1:00-18:00\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"-1:00-18:00\""),
        BadCase(text: "[hours]\nmonday = \"1:00-18:00\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"1:00-18:00\""),
        BadCase(text: "[hours]\nmonday = \"+8:00-18:00\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"+8:00-18:00\""),
        BadCase(text: "[hours]\nmonday = \"08:00--18:00\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"08:00--18:00\""),
        BadCase(text: "[hours]\nmonday = \"08:00-18:00-19:00\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"08:00-18:00-19:00\""),
        BadCase(text: "[hours]\nmonday = \"08:0-18:00\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"08:0-18:00\""),
        BadCase(text: "[hours]\nmonday = \"8:00-18:00\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"8:00-18:00\""),
        BadCase(text: "[hours]\nmonday = \"25:00-26:00\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"25:00-26:00\""),
        BadCase(text: "[hours]\nmonday = \"08:60-18:00\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"08:60-18:00\""),
        BadCase(text: "[hours]\nmonday = \"24:30-24:45\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"24:30-24:45\""),
        BadCase(text: "[hours]\nmonday = \"08:00-24:01\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"08:00-24:01\""),
        BadCase(text: "[hours]\nmonday = \"08.00-18.00\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"08.00-18.00\""),
        BadCase(text: "[hours]\nmonday = \"08:00\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"08:00\""),
        BadCase(text: "[hours]\nmonday = \"０８:00-18:00\"\n", line: 2, key: "hours.monday",
                message: "expected opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\", found \"０８:00-18:00\""),
        BadCase(text: "[hours.breaks]\nmonday = [\"-1:00-12:30\"]\n", line: 2, key: "hours.breaks.monday",
                message: "expected every item to be a break as \"HH:MM-HH:MM\""),
        BadCase(text: "[hours]\nmonday = \"08:00-08:00\"\n", line: 2, key: "hours.monday",
                message: "expected the opening time before the closing time, found \"08:00-08:00\""),
        BadCase(text: "[hours.breaks]\nmonday = [\"08:00-13:00\", \"13:00-18:00\"]\n", line: 2, key: "hours.breaks.monday",
                message: "expected breaks that leave some opening time, found breaks covering all of 08:00-18:00; to close the day write hours.monday = \"closed\""),
        BadCase(text: "# a week off\n[hours]\nmonday = \"closed\"\ntuesday = \"closed\"\nwednesday = \"closed\"\nthursday = \"closed\"\nfriday = \"closed\"\nsaturday = \"closed\"\n",
                line: 2, key: "hours", message: "expected at least one day with opening hours, found every day closed, so no SLA timer could ever run"),
        BadCase(text: "[hours]\nmonday = \"closed\"\ntuesday = \"closed\"\nwednesday = \"closed\"\nthursday = \"closed\"\nfriday = \"closed\"\nsaturday = \"closed\"\nsunday = \"10:00-14:00\"\n",
                line: 8, key: "hours.sunday", message: "expected no Sunday hours while site.polish_holidays is true"),
        BadCase(text: "[site]\npolish_holidays = false\n[hours]\nmonday = \"closed\"\ntuesday = \"closed\"\nwednesday = \"closed\"\nthursday = \"closed\"\nfriday = \"closed\"\nsaturday = \"closed\"\nsunday = \"closed\"\n",
                line: 3, key: "hours", message: "found every day closed, so no SLA timer could ever run"),
        BadCase(text: "[[closure]]\nfrom = \"+026-01-01\"\nreason = \"x\"\n", line: 2, key: "closure[1].from",
                message: "expected a date written as 2026-12-31 (year-month-day), found \"+026-01-01\""),
        BadCase(text: "[[closure]]\nfrom = \"2026-+1-01\"\nreason = \"x\"\n", line: 2, key: "closure[1].from",
                message: "expected a date written as 2026-12-31"),
        BadCase(text: "[[closure]]\nfrom = 0026-12-24\nreason = \"x\"\n", line: 2, key: "closure[1].from",
                message: "expected a day in the years 2000–2199, found 0026-12-24"),
        BadCase(text: "[[closure]]\nfrom = 2026-12-24\nthrough = 9999-12-31\nreason = \"x\"\n", line: 3, key: "closure[1].through",
                message: "expected a day in the years 2000–2199, found 9999-12-31"),
        BadCase(text: "[[closure]]\nfrom = 2026-12-24\nthrough = 2028-12-24\nreason = \"x\"\n", line: 3, key: "closure[1].through",
                message: "expected a closure of at most 366 days, found 732 days (2026-12-24 to 2028-12-24); check the year"),
        BadCase(text: "[sla.decision]\nhigh = -5\n", line: 2, key: "sla.decision.high",
                message: "expected a whole number of business minutes (1–100000), found -5"),
        BadCase(text: "[sla.decision]\nnormal = 100001\n", line: 2, key: "sla.decision.normal",
                message: "expected a whole number of business minutes (1–100000), found 100001"),
        BadCase(text: "[sla.decision]\nnormal = 1e3\n", line: 2, key: "sla.decision.normal", message: "found 1000.0"),
        BadCase(text: "[sla.decision]\nnormal = \"3000\"\n", line: 2, key: "sla.decision.normal", message: "found \"3000\""),
        BadCase(text: "[sla.acknowledgement.channel]\nphone = 0\n", line: 2, key: "sla.acknowledgement.channel.phone",
                message: "expected a whole number of business minutes (1–100000), found 0"),
        BadCase(text: "[sla.decision]\nnormal = 99999999999999999999\n", line: 2, key: nil, message: "this is not valid TOML"),
        BadCase(text: "[warnings]\npercent_elapsed = 0\n", line: 2, key: "warnings.percent_elapsed", message: "(1–99), found 0"),
        BadCase(text: "[warnings]\npercent_elapsed = 50.5\n", line: 2, key: "warnings.percent_elapsed", message: "(1–99), found 50.5"),
        BadCase(text: "[legal.consumer]\ndays = -14\n", line: 2, key: "legal.consumer.days",
                message: "expected a whole number of calendar days (1–365), found -14"),
        BadCase(text: "[legal.consumer]\ndays = 14.0\n", line: 2, key: "legal.consumer.days", message: "found 14.0"),
        BadCase(text: "[site]\nname = \"ASO\n", line: 2, key: nil, message: "asodesk.toml:2:"),
        BadCase(text: "[site]\nname = \"ASO\"\nname = \"Again\"\n", line: 3, key: nil, message: "this is not valid TOML"),
    ]

    @Test(arguments: badCases)
    func badSnippetsNameFileLineKeyAndExpectation(_ example: BadCase) {
        do {
            _ = try SiteConfigLoader.parse(example.text, file: "asodesk.toml")
            Issue.record("expected an error containing \(example.message)")
        } catch let error as ConfigError {
            #expect(error.file == "asodesk.toml")
            #expect(error.line == example.line)
            #expect(error.key == example.key)
            #expect(error.description.contains(example.message), "\(error.description)")
            if let key = example.key {
                #expect(error.description.hasPrefix("asodesk.toml:\(example.line): \(key): "))
            }
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    @Test func loadReadsAFileAndNamesItInErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("good.toml").path
        try "[site]\nname = \"ASO Łódź\"\n".write(toFile: good, atomically: true, encoding: .utf8)
        #expect(try SiteConfigLoader.load(path: good).siteName == "ASO Łódź")

        let bad = directory.appendingPathComponent("bad.toml").path
        try "[warnings]\n\npercent_elapsed = 0\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let error = #expect(throws: ConfigError.self) { try SiteConfigLoader.load(path: bad) }
        #expect(error?.description.hasPrefix("\(bad):3: warnings.percent_elapsed: expected") == true)

        let missing = directory.appendingPathComponent("missing.toml").path
        let missingError = #expect(throws: ConfigError.self) { try SiteConfigLoader.load(path: missing) }
        #expect(missingError?.file == missing)
        #expect(missingError?.line == nil)
        #expect(missingError?.description.contains("not found") == true)
    }
}
