import AsodeskDomain
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TOMLKit

/// Reads the site configuration (asodesk.toml). Every setting is optional: what the file does not
/// say keeps the value of `SiteConfig.standard`. Unknown keys are refused, because a misspelt
/// setting that is silently ignored would leave the desk running on a target nobody chose.
/// The documented, complete example is docs/asodesk.example.toml.
public enum ConfigLoader {
    /// Reads and parses the file at `path`; a missing or unreadable file is an error.
    public static func load(path: String) throws -> SiteConfig {
        try parse(readSettingsFile(path: path, what: "configuration file"), file: path)
    }

    /// Parses configuration text; `file` names it in error messages.
    public static func parse(_ text: String, file: String) throws -> SiteConfig {
        try parseWithDisplay(text, file: file).config
    }

    /// Reads and parses the file at `path`, with the dashboard's display preferences.
    static func loadWithDisplay(path: String) throws -> (config: SiteConfig, display: DisplayPreferences) {
        try parseWithDisplay(readSettingsFile(path: path, what: "configuration file"), file: path)
    }

    /// Parses configuration text into the site configuration and the `[dashboard]` preferences.
    static func parseWithDisplay(_ text: String, file: String) throws -> (config: SiteConfig, display: DisplayPreferences) {
        let document = try SettingsDocument(text: text, file: file)
        let root = document.rootTable
        try root.rejectUnknownKeys(known: ["site", "hours", "closure", "sla", "warnings", "legal", "operator", "dashboard"],
                                   meaning: "section")
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
        }
        config.operators = try readOperators(root.arrayOfTables("operator"), timeZoneID: config.calendar.timeZoneID)
        try checkSomeOpenTime(config.calendar, root: root)
        let display = try root.subtable("dashboard").map(readDashboard) ?? DisplayPreferences()
        return (config, display)
    }

    /// The configuration the desk runs with: the file named on the command line, else the one
    /// named by ASODESK_CONFIG, else the XDG default. Only a missing file at the default place
    /// means "use the defaults"; a file someone named explicitly must exist.
    public static func loadForDesk(commandLinePath: String?, env: [String: String]) throws -> LoadedConfig {
        if let named = commandLinePath ?? DeskPaths.explicitConfigFile(env: env) {
            let path = DeskPaths.expandingHome(named, env: env)
            let loaded = try loadWithDisplay(path: path)
            return LoadedConfig(config: loaded.config, path: path, fileExisted: true, display: loaded.display)
        }
        let path = DeskPaths.configFile(env: env)
        guard FileManager.default.fileExists(atPath: path) else {
            return LoadedConfig(config: .standard, path: path, fileExisted: false)
        }
        let loaded = try loadWithDisplay(path: path)
        return LoadedConfig(config: loaded.config, path: path, fileExisted: true, display: loaded.display)
    }

    // MARK: - Limits, shared with the documentation and the tests

    static let slaMinutes = 1...100_000
    static let legalDays = 1...365
    static let warningPercent = 1...99
    static let warningMinutes = 0...100_000
    static let closureYears = 2000...2199
    static let maxClosureDays = 366
    static let slaExpectation = "a whole number of business minutes (1–100000)"

    static let weekdayNames: [(name: String, day: Weekday)] = [
        ("monday", .monday), ("tuesday", .tuesday), ("wednesday", .wednesday), ("thursday", .thursday),
        ("friday", .friday), ("saturday", .saturday), ("sunday", .sunday),
    ]

    // MARK: - Sections

    /// `[dashboard]`: how this desk's dashboard looks. The theme is only named here; whether it
    /// exists is checked when the dashboard loads it (the user theme folder may change meanwhile).
    private static func readDashboard(_ dashboard: SettingsTable) throws -> DisplayPreferences {
        try dashboard.rejectUnknownKeys(known: ["language", "theme"])
        return DisplayPreferences(
            language: try dashboard.choice("language", of: Language.self),
            theme: try dashboard.string("theme", expected: "a theme name such as \"light\" or a path to a .toml theme file")
        )
    }

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
        try warnings.rejectUnknownKeys(known: ["percent_elapsed", "minutes_before_due"])
        var result = defaults
        if let percent = try warnings.int("percent_elapsed", range: warningPercent,
                                          expected: "a whole percentage of the target (1–99)") {
            result.percentElapsed = percent
        }
        if let minutes = try warnings.int("minutes_before_due", range: warningMinutes,
                                          expected: "a whole number of business minutes (0–100000)") {
            result.minutesBeforeDue = minutes
        }
        return result
    }

    private static func readLegal(_ legal: SettingsTable, defaults: [LegalBasis: LegalClockRule]) throws -> [LegalBasis: LegalClockRule] {
        try legal.rejectUnknownKeys(known: LegalBasis.allCases.map(\.rawValue), meaning: "legal basis")
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

    static let operatorIDExpectation = "a short login such as \"anowak\" (lowercase letters, digits, \".\", \"_\" or \"-\"; at most 32)"

    private static func readOperators(_ sections: [SettingsTable], timeZoneID: String) throws -> [Operator] {
        var operators: [Operator] = []
        var firstUse: [String: String] = [:]
        for section in sections {
            // `login` and `key` parsed minimally here for signatures (issue 12.4); the identity
            // work (12.1–12.3) owns `login` and `pin` in full.
            try section.rejectUnknownKeys(known: ["id", "name", "role", "login", "key"])
            let id = try section.require("id", expected: operatorIDExpectation) {
                try section.string($0, expected: operatorIDExpectation)
            }
            guard isOperatorID(id) else { throw section.mismatch("id", expected: operatorIDExpectation, found: id) }
            if let earlier = firstUse[id] {
                let place = section.document.locator.line(of: earlier).map { " on line \($0)" } ?? ""
                throw section.error("id", "expected an id no other operator has, found \"\(id)\" (already used by \(earlier)\(place))")
            }
            firstUse[id] = section.path
            let name = try section.require("name", expected: "the person's name, e.g. \"Anna Nowak\"") {
                try section.string($0, expected: "the person's name, e.g. \"Anna Nowak\"")
            }
            let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
            let role = try section.require("role", expected: "one of \(roles)") { try section.choice($0, of: Role.self) }
            let login = try section.string("login", expected: "the account name the operator works under")
            let keys = try section.arrayOfTables("key").map { try readOperatorKey($0, timeZoneID: timeZoneID) }
            operators.append(Operator(id: id, name: name, role: role, login: login, keys: keys))
        }
        return operators
    }

    /// `[[operator.key]]`: `public` (base64 of the 32-byte Ed25519 public key), `valid_from` and
    /// optionally `valid_until` (dates, the start of that day in the site's time zone).
    private static func readOperatorKey(_ section: SettingsTable, timeZoneID: String) throws -> OperatorKey {
        try section.rejectUnknownKeys(known: ["public", "valid_from", "valid_until"])
        let expected = "the base64 of a 32-byte Ed25519 public key, as `asodesk key new` prints it"
        let text = try section.require("public", expected: expected) { try section.string($0, expected: expected) }
        guard let bytes = Data(base64Encoded: text), bytes.count == 32 else { throw section.mismatch("public", expected: expected, found: text) }
        let from = try section.require("valid_from", expected: "a date written as 2026-12-31 (year-month-day)") { try section.date($0) }
        let until = try section.date("valid_until")
        let zone = TimeZone(identifier: timeZoneID) ?? TimeZone(identifier: "UTC")!
        func start(_ day: LocalDate) -> Date {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) ?? Date(timeIntervalSince1970: 0)
        }
        if let until, until <= from {
            throw section.error("valid_until", "expected a date after valid_from (\(from)), found \(until)")
        }
        return OperatorKey(publicKey: Array(bytes), validFrom: start(from), validUntil: until.map(start))
    }

    static func isOperatorID(_ id: String) -> Bool {
        (1...32).contains(id.count) && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
    }
}

/// The configuration the desk runs with and where it came from, so the CLI can say
/// "using defaults (no file at ~/.config/asodesk/config.toml)".
public struct LoadedConfig: Sendable, Equatable {
    public let config: SiteConfig
    public let path: String
    /// False when no file was found at the default place and the defaults are in use.
    public let fileExisted: Bool
    /// The `[dashboard]` section; empty when the file does not say (the command line and the
    /// locale decide then).
    public let display: DisplayPreferences

    public init(config: SiteConfig, path: String, fileExisted: Bool, display: DisplayPreferences = DisplayPreferences()) {
        self.config = config; self.path = path; self.fileExisted = fileExisted; self.display = display
    }
}

/// How the dashboard looks, as the configuration file asks: its language and colour theme.
/// Nil means the file does not say.
public struct DisplayPreferences: Sendable, Equatable {
    public var language: Language?
    /// A theme name (looked up by `ThemeLibrary`) or a path to a theme file.
    public var theme: String?
    public init(language: Language? = nil, theme: String? = nil) {
        self.language = language; self.theme = theme
    }
}

/// Reads a settings file as UTF-8 text, with an error that says what to check. Opened without
/// blocking and checked before reading: a pipe at the name would hang the program, and a device
/// such as /dev/null would read as an empty file that silently means "the defaults".
func readSettingsFile(path: String, what: String) throws -> String {
    func problem(_ text: String) -> ConfigError { ConfigError(file: path, line: nil, key: nil, problem: text) }
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
        switch errno {
        case ENOENT, ENOTDIR:
            throw problem("\(what) not found; check the path (or remove the setting that names it to use the defaults)")
        case EACCES, EPERM:
            throw problem("\(what) cannot be read; check its permissions")
        case let code:
            throw problem("\(what) cannot be opened (\(String(cString: strerror(code)))); check the path")
        }
    }
    let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw problem("\(what) cannot be read (\(String(cString: strerror(errno))))") }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR:
        throw problem("\(what) is a folder, not a file; name the TOML file itself (such as config.toml in it)")
    default:
        throw problem("\(what) is not a regular file (a device such as /dev/null, or a pipe); name a TOML file, "
                      + "or remove the setting that names it to use the defaults")
    }
    let data: Data
    do {
        data = try file.readToEnd() ?? Data()
    } catch {
        throw problem("\(what) cannot be read (\(error.localizedDescription)); check the disk and its permissions")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw problem("\(what) is not UTF-8 text; save it as UTF-8")
    }
    return text
}
