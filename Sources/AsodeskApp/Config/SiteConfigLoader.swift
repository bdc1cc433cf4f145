import AsodeskDomain
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TOMLKit

/// Reads the site configuration: `site.toml` beside the log (or the file `--config` or
/// ASODESK_CONFIG names), kept by the shift lead. Every setting is optional: what the file does not
/// say keeps the value of `SiteConfig.standard`. Unknown keys are refused, because a misspelt
/// setting that is silently ignored would leave the desk running on a target nobody chose. A
/// person's own preferences are not here but in their user file (`UserConfigLoader`).
/// The documented, complete example is docs/asodesk.example.toml.
public enum SiteConfigLoader {
    /// The sections of a site config.
    static let sections = ["site", "hours", "closure", "sla", "warnings", "legal", "operator", "time", "letters", "feedback", "causes", "improvement"]

    /// Reads and parses the file at `path`, whoever owns it (tests and tools; the desk itself
    /// reads it through `loadGoverned`).
    public static func load(path: String) throws -> SiteConfig {
        try parse(readSettingsFile(path: path, what: "site config"), file: path)
    }

    /// Reads the site config the desk obeys: a regular file (a link at the name is refused),
    /// owned by root or by the owner of the log's folder, and nobody else may write it. Checked
    /// on the opened file itself. Throws `SiteConfigRefusal` otherwise.
    public static func loadGoverned(path: String, logFolder: String) throws -> SiteConfig {
        let file = try SettingsFile(path: path, what: "site config", followingLink: false)
        var folder = stat()
        let folderOwner: UInt32? = stat(logFolder.isEmpty ? "." : logFolder, &folder) == 0 ? folder.st_uid : nil
        guard file.owner == 0 || file.owner == folderOwner else {
            throw SiteConfigRefusal(path: path, reason: .wrongOwner(owner: file.owner, folderOwner: folderOwner))
        }
        guard file.mode & 0o022 == 0 else {
            throw SiteConfigRefusal(path: path, reason: .writableByOthers(mode: UInt32(file.mode & 0o7777)))
        }
        return try parse(file.text, file: path)
    }

    /// Parses site config text; `file` names it in error messages.
    public static func parse(_ text: String, file: String) throws -> SiteConfig {
        let document = try SettingsDocument(text: text, file: file)
        let root = document.rootTable
        if root.contains("dashboard") {
            throw root.error("dashboard", "the dashboard's language and theme are each person's preference, not the site's; "
                             + "move [dashboard] to your user file (\(UserConfigLoader.placeDescription)), or use --lang and --theme")
        }
        try root.rejectUnknownKeys(known: sections, meaning: "section")
        var config = SiteConfig.standard
        if let site = try root.subtable("site") { try readSite(site, into: &config) }
        if let hours = try root.subtable("hours") {
            config.calendar.weeklyHours = try readHours(hours, defaults: config.calendar.weeklyHours,
                                                        polishHolidays: config.calendar.polishHolidays)
        }
        config.calendar.closures = try root.arrayOfTables("closure").map(readClosure)
        if let sla = try root.subtable("sla") { config.sla = try readSLA(sla, defaults: config.sla) }
        if let warnings = try root.subtable("warnings") {
            config.warnings = try readWarnings(warnings, defaults: config.warnings)
        }
        if let legal = try root.subtable("legal") {
            config.legalClocks = try readLegal(legal, defaults: config.legalClocks)
            config.answers = try readAnswers(legal)
        }
        if let letters = try root.subtable("letters") { config.letters = try readLetters(letters, file: file) }
        if let time = try root.subtable("time") { config.time = try readTime(time) }
        if let feedback = try root.subtable("feedback") { config.feedback = try readFeedback(feedback) }
        if let improvement = try root.subtable("improvement") { config.improvement = try readImprovement(improvement) }
        let zone = TimeZone(identifier: config.calendar.timeZoneID) ?? TimeZone(identifier: "Europe/Warsaw")!
        config.operators = try readOperators(root.arrayOfTables("operator"), timeZone: zone)
        let causes = try root.arrayOfTables("causes")
        if !causes.isEmpty { config.causes = try readCauses(causes) }
        try checkSomeOpenTime(config.calendar, root: root)
        return config
    }

    // MARK: - Limits, shared with the documentation and the tests

    static let slaMinutes = 1...100_000
    static let legalDays = 1...365
    static let warningPercent = 1...99
    static let warningMinutes = 0...100_000
    static let closureYears = 2000...2199
    static let maxClosureDays = 366
    static let backdateDays = 1...31
    static let slaExpectation = "a whole number of business minutes (1–100000)"

    static let weekdayNames: [(name: String, day: Weekday)] = [
        ("monday", .monday), ("tuesday", .tuesday), ("wednesday", .wednesday), ("thursday", .thursday),
        ("friday", .friday), ("saturday", .saturday), ("sunday", .sunday),
    ]

    // MARK: - Sections

    private static func readSite(_ site: SettingsTable, into config: inout SiteConfig) throws {
        try site.rejectUnknownKeys(known: ["name", "time_zone", "polish_holidays"])
        if let name = try site.string("name", expected: "the site's name as text, e.g. \"ASO Kraków\"") {
            config.siteName = name
        }
        let zoneExpectation = "an IANA time zone name such as \"Europe/Warsaw\""
        if let zone = try site.string("time_zone", expected: zoneExpectation) {
            guard TimeZone(identifier: zone) != nil else {
                throw site.error("time_zone", "expected \(zoneExpectation), found \"\(zone)\" (not a known time zone)")
            }
            config.calendar.timeZoneID = zone
        }
        if let holidays = try site.bool("polish_holidays") { config.calendar.polishHolidays = holidays }
    }

    private static let hoursExpectation = "opening hours as \"HH:MM-HH:MM\" (e.g. \"08:00-18:00\") or \"closed\""
    private static let breakExpectation = "a break as \"HH:MM-HH:MM\" (e.g. \"12:00-12:30\")"

    private static func readHours(_ hours: SettingsTable, defaults: [Weekday: DayHours], polishHolidays: Bool) throws -> [Weekday: DayHours] {
        try hours.rejectUnknownKeys(known: weekdayNames.map(\.name) + ["breaks"])
        var result = defaults
        for (name, day) in weekdayNames {
            guard let text = try hours.string(name, expected: hoursExpectation) else { continue }
            if text.trimmingCharacters(in: .whitespaces).lowercased() == "closed" {
                result[day] = nil
                continue
            }
            guard let range = parseTimeRange(text) else {
                throw hours.error(name, "expected \(hoursExpectation), found \"\(text)\"" + rewriting(text))
            }
            guard range.start < range.end else {
                throw hours.error(name, "expected the opening time before the closing time, found \"\(text)\"")
            }
            // Every Sunday is a statutory day off with the Polish holidays: hours there would
            // never apply, and a setting that does nothing is one nobody meant.
            if day == .sunday && polishHolidays {
                throw hours.error(name, "expected no Sunday hours while site.polish_holidays is true (every Sunday is then a day off, so they would never apply), found \"\(text)\"; remove hours.sunday or set polish_holidays = false in [site]")
            }
            // The breaks are read below; opening hours given here start without the default ones.
            result[day] = DayHours(open: range)
        }
        if let breaks = try hours.subtable("breaks") {
            try breaks.rejectUnknownKeys(known: weekdayNames.map(\.name))
            for (name, day) in weekdayNames {
                guard let ranges = try breaks.stringList(name, expected: breakExpectation, convert: parseTimeRange) else {
                    continue
                }
                guard let dayHours = result[day] else {
                    throw breaks.error(name, "\(name) is closed, so it cannot have breaks; remove them or give hours.\(name) opening hours")
                }
                result[day] = DayHours(open: dayHours.open, breaks: try checkedBreaks(ranges, within: dayHours.open, table: breaks, key: name))
            }
        }
        return result
    }

    /// A week without a minute of opening time would leave every SLA timer waiting forever: the
    /// calendar's own rule, said at the line of [hours].
    private static func checkSomeOpenTime(_ calendar: CalendarConfig, root: SettingsTable) throws {
        do {
            _ = try BusinessCalendar(calendar)
        } catch CalendarError.noOpeningHours {
            throw root.error("hours", "expected at least one day with opening hours, found every day closed, so no SLA timer could ever run; give a day hours such as monday = \"08:00-18:00\"")
        }
    }

    private static func checkedBreaks(_ ranges: [LocalTimeRange], within open: LocalTimeRange,
                                      table: SettingsTable, key: String) throws -> [LocalTimeRange] {
        let sorted = ranges.sorted { $0.start < $1.start }
        for (index, range) in sorted.enumerated() {
            let text = "\(range.start)-\(range.end)"
            guard range.start < range.end else {
                throw table.error(key, "expected each break to start before it ends, found \"\(text)\"")
            }
            guard open.start <= range.start, range.end <= open.end else {
                throw table.error(key, "expected each break inside the opening hours \(open.start)-\(open.end), found \"\(text)\"")
            }
            if index > 0, sorted[index - 1].end > range.start {
                throw table.error(key, "expected breaks that do not overlap, found \"\(sorted[index - 1].start)-\(sorted[index - 1].end)\" and \"\(text)\"")
            }
        }
        let breakMinutes = sorted.reduce(0) { $0 + $1.end.minutesSinceMidnight - $1.start.minutesSinceMidnight }
        guard breakMinutes < open.end.minutesSinceMidnight - open.start.minutesSinceMidnight else {
            throw table.error(key, "expected breaks that leave some opening time, found breaks covering all of \(open.start)-\(open.end); to close the day write hours.\(key) = \"closed\"")
        }
        return sorted
    }

    /// Exactly "HH:MM-HH:MM", 00 ≤ HH ≤ 24 and MM 00–59 (24:00 only as the end of the day): no
    /// blank, no other dash, no sign, no single digit, no third part ("-1:00-18:00" is not 01:00–18:00).
    static func parseTimeRange(_ text: String) -> LocalTimeRange? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = parseTime(parts[0]), let end = parseTime(parts[1]) else { return nil }
        return LocalTimeRange(start, end)
    }

    /// "HH:MM" with two digits each, nothing around them.
    static func parseTime(_ text: Substring) -> LocalTime? {
        let digits = Array(text.utf8)
        guard digits.count == 5, digits[2] == UInt8(ascii: ":"),
              [0, 1, 3, 4].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digits[$0]) }) else { return nil }
        let value = { (index: Int) in Int(digits[index] - UInt8(ascii: "0")) }
        let hour = value(0) * 10 + value(1), minute = value(3) * 10 + value(4)
        guard hour <= 24, minute <= 59, hour * 60 + minute <= 24 * 60 else { return nil }
        return LocalTime(hour: hour, minute: minute)
    }

    /// What to write instead when only blanks or another dash (en dash, em dash, minus sign) keep
    /// `text` from the rule, as people type them: "; write \"08:00-18:00\" …"; else nothing.
    static func rewriting(_ text: String) -> String {
        let plain = String(text.unicodeScalars.filter { !$0.properties.isWhitespace }
            .map { ["\u{2013}", "\u{2014}", "\u{2212}"].contains($0) ? "-" : Character($0) })
        guard plain != text, parseTimeRange(plain) != nil else { return "" }
        return "; write \"\(plain)\" (a plain hyphen, no spaces)"
    }

    private static func readClosure(_ closure: SettingsTable) throws -> Closure {
        try closure.rejectUnknownKeys(known: ["from", "through", "reason"])
        let from = try closure.require("from", expected: "the first closed day, e.g. 2026-12-31", closure.date)
        let through = try closure.date("through") ?? from
        for (key, day) in [("from", from), ("through", through)] where !closureYears.contains(day.year) {
            throw closure.error(key, "expected a day in the years \(closureYears.lowerBound)–\(closureYears.upperBound), found \(day)")
        }
        guard from <= through else {
            throw closure.error("through", "expected a day on or after from (\(from)), found \(through)")
        }
        // Longer than a year is a typo in the year, and would stop every timer for as long.
        guard through.dayNumber - from.dayNumber < maxClosureDays else {
            throw closure.error("through", "expected a closure of at most \(maxClosureDays) days, found \(through.dayNumber - from.dayNumber + 1) days (\(from) to \(through)); check the year")
        }
        let reason = try closure.require("reason", expected: "the reason as text, e.g. \"inwentaryzacja\"") {
            try closure.string($0, expected: "the reason as text, e.g. \"inwentaryzacja\"")
        }
        return Closure(from: from, through: through, reason: reason)
    }

    private static func readSLA(_ sla: SettingsTable, defaults: SLATargets) throws -> SLATargets {
        try sla.rejectUnknownKeys(known: TimerName.allCases.map(\.rawValue), meaning: "timer")
        var targets = defaults
        for timer in TimerName.allCases {
            guard let section = try sla.subtable(timer.rawValue) else { continue }
            try section.rejectUnknownKeys(known: Priority.allCases.map(\.rawValue) + ["channel"])
            var byPriority = targets.byPriority[timer] ?? [:]
            for priority in Priority.allCases {
                if let minutes = try section.int(priority.rawValue, range: slaMinutes, expected: slaExpectation) {
                    byPriority[priority] = minutes
                }
            }
            try checkUrgencyOrder(byPriority, section: section)
            targets.byPriority[timer] = byPriority
            // A channel table replaces the default channel targets of its timer, so a lead can
            // drop one by leaving it out (an empty table clears them all).
            if let channels = try section.subtable("channel") {
                try channels.rejectUnknownKeys(known: Channel.allCases.map(\.rawValue), meaning: "channel")
                var byChannel: [Channel: Int] = [:]
                for channel in Channel.allCases {
                    if let minutes = try channels.int(channel.rawValue, range: slaMinutes, expected: slaExpectation) {
                        byChannel[channel] = minutes
                    }
                }
                targets.byChannel[timer] = byChannel.isEmpty ? nil : byChannel
            }
        }
        return targets
    }

    /// A more urgent case must never get a longer target than a less urgent one.
    private static func checkUrgencyOrder(_ byPriority: [Priority: Int], section: SettingsTable) throws {
        for (moreUrgent, lessUrgent) in [(Priority.high, Priority.normal), (.critical, .high)] {
            guard let urgent = byPriority[moreUrgent], let relaxed = byPriority[lessUrgent], urgent > relaxed else { continue }
            if section.contains(moreUrgent.rawValue) {
                throw section.error(moreUrgent.rawValue,
                    "expected at most the \(lessUrgent.rawValue) target (\(relaxed)), found \(urgent); a more urgent complaint must not get more time")
            }
            throw section.error(lessUrgent.rawValue,
                "expected at least the \(moreUrgent.rawValue) target (\(urgent)), found \(relaxed); lower \(section.fullKey(moreUrgent.rawValue)) too")
        }
    }

    private static func readWarnings(_ warnings: SettingsTable, defaults: WarningThresholds) throws -> WarningThresholds {
        try warnings.rejectUnknownKeys(known: ["percent_elapsed", "minutes_before_due", "legal_days_before_deadline",
                                               "waiting_working_days", "reopen_window_days"])
        var result = defaults
        if let percent = try warnings.int("percent_elapsed", range: warningPercent,
                                          expected: "a whole percentage of the target (1–99)") {
            result.percentElapsed = percent
        }
        if let minutes = try warnings.int("minutes_before_due", range: warningMinutes,
                                          expected: "a whole number of business minutes (0–100000)") {
            result.minutesBeforeDue = minutes
        }
        if let days = try warnings.int("legal_days_before_deadline", range: 0...30,
                                       expected: "a whole number of calendar days (0–30)") {
            result.legalDaysBeforeDeadline = days
        }
        if let days = try warnings.int("waiting_working_days", range: 1...60,
                                       expected: "a whole number of working days (1–60)") {
            result.waitingWorkingDays = days
        }
        if let days = try warnings.int("reopen_window_days", range: 1...365,
                                       expected: "a whole number of calendar days (1–365)") {
            result.reopenWindowDays = days
        }
        return result
    }

    private static func readFeedback(_ feedback: SettingsTable) throws -> FeedbackSettings {
        try feedback.rejectUnknownKeys(known: ["survey_scale", "low_survey_score", "low_mystery_percent"])
        var result = FeedbackSettings.standard
        if let scale = try feedback.int("survey_scale", range: 5...10, expected: "5 or 10 (the points of the survey's scale)") {
            guard FeedbackSettings.scales.contains(scale) else {
                throw feedback.error("survey_scale", "expected 5 or 10 (the points of the survey's scale), found \(scale)")
            }
            result.surveyScale = scale
        }
        if let low = try feedback.int("low_survey_score", range: 1...result.surveyScale,
                                      expected: "a score on the survey scale (1–\(result.surveyScale)) at or below which a survey is low") {
            result.lowSurveyScore = low
        }
        if let percent = try feedback.int("low_mystery_percent", range: 1...100,
                                          expected: "a whole percentage (1–100) under which a mystery-shopping result is low") {
            result.lowMysteryPercent = percent
        }
        return result
    }

    private static func readLegal(_ legal: SettingsTable, defaults: [LegalBasis: LegalClockRule]) throws -> [LegalBasis: LegalClockRule] {
        try legal.rejectUnknownKeys(known: LegalBasis.allCases.map(\.rawValue) + ["answer_counts_at", "delivery_days"],
                                    meaning: "legal basis or setting")
        var result = defaults
        for basis in LegalBasis.allCases {
            guard let section = try legal.subtable(basis.rawValue) else { continue }
            try section.rejectUnknownKeys(known: ["applies", "days"])
            var rule = result[basis] ?? SiteConfig.standardLegalClocks[basis]!
            if let applies = try section.bool("applies") { rule.applies = applies }
            if let days = try section.int("days", range: legalDays, expected: "a whole number of calendar days (1–365)") {
                rule.days = days
            }
            result[basis] = rule
        }
        return result
    }

    private static func readAnswers(_ legal: SettingsTable) throws -> AnswerRules {
        var rules = AnswerRules.standard
        if let counts = try legal.choice("answer_counts_at", of: AnswerCountsAt.self) { rules.countsAt = counts }
        if let days = try legal.subtable("delivery_days") {
            try days.rejectUnknownKeys(known: AnswerMedium.allCases.map(\.rawValue), meaning: "medium")
            for medium in AnswerMedium.allCases {
                if let margin = try days.int(medium.rawValue, range: 0...30,
                                             expected: "a whole number of calendar days (0–30) the medium takes to reach the customer") {
                    rules.deliveryDays[medium] = margin
                }
            }
        }
        return rules
    }

    private static func readLetters(_ letters: SettingsTable, file: String) throws -> LetterSettings {
        try letters.rejectUnknownKeys(known: ["legal_name", "address", "phone", "email", "signatory", "signatory_title",
                                              "out_of_court_agrees", "out_of_court_body", "templates", "sendmail", "from",
                                              "printer"])
        var result = LetterSettings.standard
        func text(_ key: String, _ expected: String) throws -> String? { try letters.string(key, expected: expected) }
        result.legalName = try text("legal_name", "the trader's full name as it heads a letter, e.g. \"Auto Przykład sp. z o.o.\"")
        result.address = try letters.stringList("address", expected: "the postal address as a list of lines, e.g. [\"ul. Długa 5\", \"31-147 Kraków\"]",
                                                convert: { $0.isEmpty ? nil : $0 }) ?? []
        result.phone = try text("phone", "the desk's phone number as text")
        func email(_ key: String, _ what: String) throws -> String? {
            guard let address = try text(key, what) else { return nil }
            guard case .success = Validation.normalise(address, as: .email) else {
                throw letters.error(key, "expected an e-mail address such as \"reklamacje@aso.pl\", found \"\(address)\"")
            }
            return address
        }
        result.email = try email("email", "the desk's e-mail address")
        result.signatory = try text("signatory", "the name of the person who signs the letters")
        result.signatoryTitle = try text("signatory_title", "the signatory's position, e.g. \"Kierownik obsługi klienta\"")
        if let agrees = try letters.bool("out_of_court_agrees") { result.outOfCourtAgrees = agrees }
        result.outOfCourtBody = try text("out_of_court_body",
                                         "the body competent for out-of-court resolution, with its address or website (art. 32)")
        if let folder = try text("templates", "a folder of letter templates that replace the bundled ones") {
            let base = (file as NSString).deletingLastPathComponent
            result.templateFolder = folder.hasPrefix("/") ? folder : (base as NSString).appendingPathComponent(folder)
        }
        result.sendmail = try text("sendmail", "the sendmail program, e.g. \"/usr/sbin/sendmail\" (msmtp or postfix provide one)")
        result.fromAddress = try email("from", "the sender address of e-mailed answers")
        result.printer = try text("printer", "a CUPS printer name, as `lpstat -p` lists it")
        if result.outOfCourtAgrees && result.outOfCourtBody == nil {
            throw letters.error("out_of_court_agrees", "a site that agrees to out-of-court resolution must name the competent body "
                                + "(art. 32 ust. 2): set letters.out_of_court_body")
        }
        if result.sendmail != nil && result.fromAddress == nil && result.email == nil {
            throw letters.error("sendmail", "e-mailed answers need a sender: set letters.from (or letters.email)")
        }
        return result
    }

    private static func readTime(_ time: SettingsTable) throws -> TimeRules {
        try time.rejectUnknownKeys(known: ["backdate_days"])
        var rules = TimeRules.standard
        if let days = try time.int("backdate_days", range: backdateDays,
                                   expected: "a whole number of calendar days (\(backdateDays.lowerBound)–\(backdateDays.upperBound)) that --at may reach back") {
            rules.backdateWindowDays = days
        }
        return rules
    }

    static let checkWeeks = 1...104

    private static func readImprovement(_ table: SettingsTable) throws -> ImprovementSettings {
        try table.rejectUnknownKeys(known: ["effectiveness_check_weeks", "warning_days"])
        var settings = ImprovementSettings.standard
        if let weeks = try table.int("effectiveness_check_weeks", range: checkWeeks,
                                     expected: "a whole number of weeks (\(checkWeeks.lowerBound)–\(checkWeeks.upperBound)) after an action is done when its effectiveness is checked") {
            settings.effectivenessCheckWeeks = weeks
        }
        if let days = try table.int("warning_days", range: 0...90,
                                    expected: "a whole number of days (0–90) before its due date that an action shows as due soon") {
            settings.warningDays = days
        }
        return settings
    }

    static let operatorIDExpectation = "a short id such as \"anowak\" (lowercase letters a–z, digits, \".\", \"_\" or \"-\"; 2 to 32 characters)"
    static let loginExpectation = "the operating-system account the person works under, such as \"anowak\""
    static let pinExpectation = "a PIN hash as `asodesk pin-hash` prints it (\"scrypt$…\")"

    private static func readOperators(_ sections: [SettingsTable], timeZone: TimeZone) throws -> [Operator] {
        var operators: [Operator] = []
        var firstUse: [String: String] = [:]
        for section in sections {
            try section.rejectUnknownKeys(known: ["id", "name", "role", "login", "pin", "key"])
            let id = try section.require("id", expected: operatorIDExpectation) {
                try section.string($0, expected: operatorIDExpectation)
            }
            if let problem = OperatorID.problem(id) {
                throw section.error("id", "expected \(operatorIDExpectation), found \"\(id)\" (\(describe(problem)))")
            }
            if let earlier = firstUse[id] {
                throw section.error("id", "expected an id no other operator has, found \"\(id)\" (already used by \(earlier)\(lineOf(earlier, in: section)))")
            }
            if let (other, place) = firstUse.first(where: { OperatorID.confusable(id, $0.key) }) {
                throw section.error("id", "expected an id that does not look like another operator's, found \"\(id)\", "
                                    + "which reads like \"\(other)\" (\(place)\(lineOf(place, in: section))); choose ids that differ in more than "
                                    + "case, dots, dashes, underscores or look-alike letters (0/o, 1/l/i, rn/m, vv/w)")
            }
            firstUse[id] = section.path
            let name = try section.require("name", expected: "the person's name, e.g. \"Anna Nowak\"") {
                try section.string($0, expected: "the person's name, e.g. \"Anna Nowak\"")
            }
            let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
            let role = try section.require("role", expected: "one of \(roles)") { try section.choice($0, of: Role.self) }
            let login = try section.string("login", expected: loginExpectation)
            if let login, login.unicodeScalars.contains(where: { $0 == "/" || $0 == ":" || $0.properties.isWhitespace || $0.value < 0x20 }) {
                throw section.mismatch("login", expected: loginExpectation, found: login)
            }
            let pin = try section.string("pin", expected: pinExpectation)
            if let pin, !Passphrase.isWellFormed(pin) {
                throw section.error("pin", "expected \(pinExpectation), found a value that is not one (copy the whole line `asodesk pin-hash` printed)")
            }
            let keys = try section.arrayOfTables("key").map { try readKey($0, timeZone: timeZone) }
                .sorted { $0.validFrom < $1.validFrom }
            operators.append(Operator(id: id, name: name, role: role, login: login, pinHash: pin, keys: keys))
        }
        // A shared account: only a PIN tells its people apart.
        for (index, person) in operators.enumerated() where person.pinHash == nil {
            let sharing = operators.filter { $0.login == person.login && $0.id != person.id }
            guard !sharing.isEmpty else { continue }
            throw sections[index].error(sections[index].contains("login") ? "login" : "id",
                "the account \"\(person.login)\" is shared with \(sharing.map(\.id).joined(separator: ", ")), so each of its operators needs a pin; "
                + "run `asodesk pin-hash` with \(person.id) at the keyboard and paste the line it prints into this [[operator]]")
        }
        return operators
    }

    private static func readKey(_ key: SettingsTable, timeZone: TimeZone) throws -> OperatorKey {
        try key.rejectUnknownKeys(known: ["public", "valid_from", "valid_until"])
        let keyExpectation = "an Ed25519 public key: the base64 of its 32 bytes"
        let text = try key.require("public", expected: keyExpectation) { try key.string($0, expected: keyExpectation) }
        guard let bytes = Data(base64Encoded: text), bytes.count == 32 else {
            throw key.mismatch("public", expected: keyExpectation, found: text)
        }
        let from = try key.require("valid_from", expected: "the first day the key signs, e.g. 2026-12-01") {
            try key.instant($0, timeZone: timeZone)
        }
        let until = try key.instant("valid_until", timeZone: timeZone)
        if let until, until <= from {
            throw key.error("valid_until", "expected a moment after valid_from, found one at or before it; a key valid for no time at all is a typo")
        }
        return OperatorKey(publicKey: Array(bytes), validFrom: from, validUntil: until)
    }

    static let causeCodeExpectation = "a code of lowercase letters, digits and single hyphens, starting with a letter "
        + "(at most \(CauseCatalogue.maxCodeLength) characters), e.g. \"workshop-error\""

    /// `[[causes]]`: each a code, its Polish and English names and optional sub-causes
    /// (`sub = [{ code = …, name_pl = …, name_en = … }, …]`), codes unique among causes and within
    /// each cause's sub-causes. A site that lists causes lists all it records: the standard ones are replaced.
    private static func readCauses(_ sections: [SettingsTable]) throws -> CauseCatalogue {
        var causes: [Cause] = []
        var firstUse: [String: String] = [:]
        for section in sections {
            try section.rejectUnknownKeys(known: ["code", "name_pl", "name_en", "sub"])
            let code = try causeCode("code", in: section)
            if let earlier = firstUse[code] {
                throw section.error("code", "expected a code no other cause has, found \"\(code)\" (already used by \(earlier)\(lineOf(earlier, in: section)))")
            }
            firstUse[code] = section.fullKey("code")
            let name = try causeName(in: section)
            var subs: [SubCause] = []
            if let value = section.table["sub"] {
                guard let array = value.array else {
                    throw section.mismatch("sub", expected: "a list of sub-causes such as [{ code = \"diagnosis\", name_pl = \"diagnoza\", name_en = \"diagnosis\" }]", found: value)
                }
                for (index, element) in array.enumerated() {
                    let path = "sub[\(index + 1)]"
                    guard let inner = element.table else {
                        throw section.error(path, "expected a sub-cause { code = …, name_pl = …, name_en = … }, found \(SettingsTable.describe(element))")
                    }
                    let sub = SettingsTable(document: section.document, table: inner, path: section.fullKey(path))
                    try sub.rejectUnknownKeys(known: ["code", "name_pl", "name_en"])
                    let subCode = try causeCode("code", in: sub)
                    if subs.contains(where: { $0.code == subCode }) {
                        throw sub.error("code", "expected a code no other sub-cause of \"\(code)\" has, found \"\(subCode)\" twice")
                    }
                    subs.append(SubCause(code: subCode, name: try causeName(in: sub)))
                }
            }
            causes.append(Cause(code: code, name: name, subs: subs))
        }
        return CauseCatalogue(causes: causes)
    }

    private static func causeCode(_ key: String, in section: SettingsTable) throws -> String {
        let code = try section.require(key, expected: causeCodeExpectation) { try section.string($0, expected: causeCodeExpectation) }
        guard CauseCatalogue.isWellFormed(code) else { throw section.mismatch(key, expected: causeCodeExpectation, found: code) }
        return code
    }

    private static func causeName(in section: SettingsTable) throws -> LocalizedText {
        func name(_ key: String, _ example: String) throws -> String {
            let expected = "the name people read, as text, e.g. \"\(example)\""
            let text = try section.require(key, expected: expected) { try section.string($0, expected: expected) }
            if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
                throw section.error(key, "expected \(expected) on one line, found a control character (U+\(String(control.value, radix: 16, uppercase: true)))")
            }
            return text.trimmingCharacters(in: .whitespaces)
        }
        return LocalizedText(pl: try name("name_pl", "błąd warsztatu"), en: try name("name_en", "workshop error"))
    }

    private static func lineOf(_ path: String, in section: SettingsTable) -> String {
        section.document.locator.line(of: path).map { " on line \($0)" } ?? ""
    }

    static func describe(_ problem: OperatorID.Problem) -> String {
        switch problem {
        case .length(let count): "\(count) characters"
        case .character(let scalar): "the character \(OperatorID.codePoint(scalar)) is not allowed"
        }
    }
}
