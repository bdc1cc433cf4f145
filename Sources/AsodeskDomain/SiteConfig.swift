import Foundation

// Plain configuration values for one site. Parsed from TOML by AsodeskApp; the defaults
// here are what a Polish ASO would use, so a missing file still gives a working desk.

/// A calendar date in the site's time zone, without a time. ISO form: 2026-11-22.
public struct LocalDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public init(year: Int, month: Int, day: Int) {
        self.year = year; self.month = month; self.day = day
    }
    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
    /// Parses `YYYY-MM-DD`; nil when the text is not a real calendar date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= LocalDate.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A wall-clock time of day, minute precision.
public struct LocalTime: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var minutesSinceMidnight: Int
    public init(hour: Int, minute: Int = 0) { minutesSinceMidnight = hour * 60 + minute }
    public var hour: Int { minutesSinceMidnight / 60 }
    public var minute: Int { minutesSinceMidnight % 60 }
    public static func < (a: LocalTime, b: LocalTime) -> Bool { a.minutesSinceMidnight < b.minutesSinceMidnight }
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
    /// Parses `HH:MM` (24-hour); `24:00` is allowed as an end of day.
    public init?(text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 24 * 60 else { return nil }
        self.init(hour: h, minute: m)
    }
}

/// A span of local time within one day, [start, end).
public struct LocalTimeRange: Hashable, Codable, Sendable {
    public var start: LocalTime
    public var end: LocalTime
    public init(_ start: LocalTime, _ end: LocalTime) { self.start = start; self.end = end }
}

/// Opening hours of one weekday, with breaks inside them.
public struct DayHours: Hashable, Codable, Sendable {
    public var open: LocalTimeRange
    public var breaks: [LocalTimeRange]
    public init(open: LocalTimeRange, breaks: [LocalTimeRange] = []) { self.open = open; self.breaks = breaks }
}

/// A one-off closure of the site: whole days from `from` through `through`, both included.
public struct Closure: Hashable, Codable, Sendable {
    public var from: LocalDate
    public var through: LocalDate
    public var reason: String
    public init(from: LocalDate, through: LocalDate, reason: String) {
        self.from = from; self.through = through; self.reason = reason
    }
}

public struct CalendarConfig: Hashable, Codable, Sendable {
    /// IANA zone name; instants are stored in UTC and computed in this zone.
    public var timeZoneID: String
    /// Days missing from the map are closed.
    public var weeklyHours: [Weekday: DayHours]
    public var closures: [Closure]
    /// Whether Polish public holidays (computed, Easter-based ones included) close the site.
    public var polishHolidays: Bool

    public init(timeZoneID: String, weeklyHours: [Weekday: DayHours], closures: [Closure], polishHolidays: Bool) {
        self.timeZoneID = timeZoneID; self.weeklyHours = weeklyHours
        self.closures = closures; self.polishHolidays = polishHolidays
    }

    /// Mon–Fri 8:00–18:00, Sat 8:00–14:00, Sunday and public holidays closed, Europe/Warsaw.
    public static let standard: CalendarConfig = {
        let weekday = DayHours(open: LocalTimeRange(LocalTime(hour: 8), LocalTime(hour: 18)))
        var hours: [Weekday: DayHours] = [:]
        for day in [Weekday.monday, .tuesday, .wednesday, .thursday, .friday] { hours[day] = weekday }
        hours[.saturday] = DayHours(open: LocalTimeRange(LocalTime(hour: 8), LocalTime(hour: 14)))
        return CalendarConfig(timeZoneID: "Europe/Warsaw", weeklyHours: hours, closures: [], polishHolidays: true)
    }()
}

/// SLA targets in business minutes. The effective target of a timer is its priority's value,
/// lowered by a channel value when one is set and smaller (a fast channel never slows an urgent case).
public struct SLATargets: Hashable, Codable, Sendable {
    public var byPriority: [TimerName: [Priority: Int]]
    public var byChannel: [TimerName: [Channel: Int]]

    public init(byPriority: [TimerName: [Priority: Int]], byChannel: [TimerName: [Channel: Int]]) {
        self.byPriority = byPriority; self.byChannel = byChannel
    }

    public func target(_ timer: TimerName, priority: Priority, channel: Channel) -> Int {
        let base = byPriority[timer]?[priority] ?? SLATargets.standard.byPriority[timer]![priority]!
        if let fast = byChannel[timer]?[channel] { return min(base, fast) }
        return base
    }

    /// A business day here is 10 hours (08:00–18:00), so 600 business minutes.
    public static let standard = SLATargets(
        byPriority: [
            .acknowledgement: [.normal: 240, .high: 120, .critical: 30],
            .firstContact: [.normal: 600, .high: 240, .critical: 60],
            .update: [.normal: 1200, .high: 600, .critical: 240],
            .decision: [.normal: 3000, .high: 1800, .critical: 600],
            .followUp: [.normal: 1800, .high: 1200, .critical: 600],
        ],
        byChannel: [
            // An entry of the suggestion box or the comment book is received when it is read (the
            // box emptied), having waited there already: acknowledged within two business hours.
            .acknowledgement: [.inPerson: 30, .phone: 60, .social: 120, .suggestionBox: 120, .commentBook: 120],
        ]
    )
}

/// A timer shows a warning when either threshold is reached.
public struct WarningThresholds: Hashable, Codable, Sendable {
    public var percentElapsed: Int
    public var minutesBeforeDue: Int
    /// A statutory deadline this many calendar days away or less is near (`!`) on every surface.
    public var legalDaysBeforeDeadline: Int
    /// The shift board lists complaints waiting (paused) more than this many working days.
    public var waitingWorkingDays: Int
    /// The reopen rate counts a reopen within this many days of the decision.
    public var reopenWindowDays: Int
    public init(percentElapsed: Int, minutesBeforeDue: Int, legalDaysBeforeDeadline: Int = 3,
                waitingWorkingDays: Int = 3, reopenWindowDays: Int = 30) {
        self.percentElapsed = percentElapsed; self.minutesBeforeDue = minutesBeforeDue
        self.legalDaysBeforeDeadline = legalDaysBeforeDeadline; self.waitingWorkingDays = waitingWorkingDays
        self.reopenWindowDays = reopenWindowDays
    }
    public static let standard = WarningThresholds(percentElapsed: 75, minutesBeforeDue: 60)
}

/// The statutory answer deadline for one legal basis, in calendar days.
public struct LegalClockRule: Hashable, Codable, Sendable {
    public var applies: Bool
    public var days: Int
    public init(applies: Bool, days: Int) { self.applies = applies; self.days = days }
}

/// When the site counts the statutory answer as given, and how many calendar days each medium
/// takes to reach the customer (only used where delivery counts: the "send by" day).
public struct AnswerRules: Hashable, Codable, Sendable {
    public var countsAt: AnswerCountsAt
    public var deliveryDays: [AnswerMedium: Int]
    public init(countsAt: AnswerCountsAt, deliveryDays: [AnswerMedium: Int]) {
        self.countsAt = countsAt; self.deliveryDays = deliveryDays
    }
    public func margin(for medium: AnswerMedium) -> Int { max(0, deliveryDays[medium] ?? AnswerRules.standardDeliveryDays[medium] ?? 0) }
    public static let standardDeliveryDays: [AnswerMedium: Int] = [.letter: 5, .email: 0, .inPerson: 0, .other: 2]
    public static let standard = AnswerRules(countsAt: .sent, deliveryDays: standardDeliveryDays)
}

/// Who writes the customer's letters and how they are sent: the letterhead and signatory, the
/// out-of-court information of art. 32 of the act on out-of-court resolution of consumer disputes,
/// and the system's sendmail and printer (each optional).
public struct LetterSettings: Hashable, Codable, Sendable {
    /// The trader's full name as it heads a letter (defaults to the site's name).
    public var legalName: String?
    /// Postal address, one line per element.
    public var address: [String]
    public var phone: String?
    public var email: String?
    /// Who signs, and as what ("Anna Nowak", "Kierownik działu obsługi klienta").
    public var signatory: String?
    public var signatoryTitle: String?
    /// Whether the site agrees to an out-of-court procedure, and the competent body: both must be
    /// told to a consumer whose complaint is not resolved in their favour (art. 32).
    public var outOfCourtAgrees: Bool
    public var outOfCourtBody: String?
    /// A site folder whose templates replace the bundled ones of the same name.
    public var templateFolder: String?
    /// The sendmail interface (`sendmail -t`) and the CUPS printer (`lp -d`); nil: not offered.
    public var sendmail: String?
    public var fromAddress: String?
    public var printer: String?

    public init(legalName: String? = nil, address: [String] = [], phone: String? = nil, email: String? = nil,
                signatory: String? = nil, signatoryTitle: String? = nil, outOfCourtAgrees: Bool = false,
                outOfCourtBody: String? = nil, templateFolder: String? = nil, sendmail: String? = nil,
                fromAddress: String? = nil, printer: String? = nil) {
        self.legalName = legalName; self.address = address; self.phone = phone; self.email = email
        self.signatory = signatory; self.signatoryTitle = signatoryTitle; self.outOfCourtAgrees = outOfCourtAgrees
        self.outOfCourtBody = outOfCourtBody; self.templateFolder = templateFolder; self.sendmail = sendmail
        self.fromAddress = fromAddress; self.printer = printer
    }
    public static let standard = LetterSettings()
}

/// One public signing key (Ed25519, the 32 raw bytes) registered for an operator, valid for the
/// events recorded from `validFrom` until `validUntil` (excluded; nil: still valid). A key is
/// rotated by ending it and registering the next one, revoked by ending it.
public struct OperatorKey: Hashable, Codable, Sendable {
    public var publicKey: [UInt8]
    public var validFrom: Date
    public var validUntil: Date?
    public init(publicKey: [UInt8], validFrom: Date, validUntil: Date? = nil) {
        self.publicKey = publicKey; self.validFrom = validFrom; self.validUntil = validUntil
    }
    /// Whether an event recorded at `instant` may be signed with this key.
    public func isValid(at instant: Date) -> Bool {
        instant >= validFrom && (validUntil.map { instant < $0 } ?? true)
    }
}

public struct Operator: Hashable, Codable, Sendable {
    public var id: String
    public var name: String
    public var role: Role
    /// The operating-system account this operator works under; several operators may share one
    /// (a reception PC), and each of them then proves who they are with a PIN.
    public var login: String
    /// A salted, slow hash of the operator's PIN or passphrase ("scrypt$…"); required when the
    /// login is shared by several operators, nil otherwise.
    public var pinHash: String?
    /// The public keys that sign this operator's events, oldest first.
    public var keys: [OperatorKey]
    public init(id: String, name: String, role: Role, login: String? = nil, pinHash: String? = nil, keys: [OperatorKey] = []) {
        self.id = id; self.name = name; self.role = role
        self.login = login ?? id; self.pinHash = pinHash; self.keys = keys
    }
}

/// When people may say something happened earlier than they record it (`--at`).
public struct TimeRules: Hashable, Codable, Sendable {
    /// How far back `--at` may reach, in calendar days (never before the complaint's receipt).
    public var backdateWindowDays: Int
    public init(backdateWindowDays: Int) { self.backdateWindowDays = backdateWindowDays }
    public static let standard = TimeRules(backdateWindowDays: 7)
    /// An event whose occurrence lies more than this before its recording was "entered late".
    public static let lateEntryMinutes = 15
}

/// Survey (CSI) and mystery-shopping results imported from CSV (`[feedback]`): the scale a survey
/// row is on when it does not say, and what counts as low (an item for the shift lead).
public struct FeedbackSettings: Hashable, Codable, Sendable {
    /// 10 (manufacturers' CSI) or 5: scores run from 1 to this.
    public var surveyScale: Int
    /// A survey score at or below this (on the site's scale) is low; nil: 6 on a 10 scale, 3 on 5.
    public var lowSurveyScore: Int?
    /// A mystery-shopping result under this percentage is low.
    public var lowMysteryPercent: Int
    public init(surveyScale: Int = 10, lowSurveyScore: Int? = nil, lowMysteryPercent: Int = 70) {
        self.surveyScale = surveyScale; self.lowSurveyScore = lowSurveyScore; self.lowMysteryPercent = lowMysteryPercent
    }
    public static let standard = FeedbackSettings()
    public static let scales = [5, 10]

    /// The low threshold for scores on `scale`: the site's own on its scale, else the default of that scale.
    public func lowScore(onScale scale: Int) -> Int {
        if scale == surveyScale, let lowSurveyScore { return lowSurveyScore }
        return scale == 5 ? 3 : 6
    }
}

public struct SiteConfig: Hashable, Codable, Sendable {
    public var siteName: String
    public var calendar: CalendarConfig
    public var sla: SLATargets
    public var warnings: WarningThresholds
    public var legalClocks: [LegalBasis: LegalClockRule]
    public var operators: [Operator]
    public var time: TimeRules

    /// How a person is shown on every screen and terminal: the name the site config gives, else
    /// the id (someone the log knows and the config does not).
    public func personName(_ id: String) -> String { operators.first { $0.id == id }?.name ?? id }
    public var answers: AnswerRules
    public var letters: LetterSettings
    public var feedback: FeedbackSettings
    /// The causes a decision names (`[[causes]]`); `CauseCatalogue.standard` when the file gives none.
    public var causes: CauseCatalogue
    /// The action register's timers (`[improvement]`).
    public var improvement: ImprovementSettings

    public init(siteName: String, calendar: CalendarConfig, sla: SLATargets, warnings: WarningThresholds,
                legalClocks: [LegalBasis: LegalClockRule], operators: [Operator], time: TimeRules = .standard,
                answers: AnswerRules = .standard, letters: LetterSettings = .standard, feedback: FeedbackSettings = .standard,
                causes: CauseCatalogue = .standard, improvement: ImprovementSettings = .standard) {
        self.siteName = siteName; self.calendar = calendar; self.sla = sla
        self.warnings = warnings; self.legalClocks = legalClocks; self.operators = operators; self.time = time
        self.answers = answers; self.letters = letters; self.feedback = feedback; self.causes = causes
        self.improvement = improvement
    }

    /// How many days before its due date an action is "due soon".
    public var actionWarningDays: Int { improvement.warningDays ?? warnings.legalDaysBeforeDeadline }

    public static let standardLegalClocks: [LegalBasis: LegalClockRule] = [
        .consumer: LegalClockRule(applies: true, days: 14),
        .warranty: LegalClockRule(applies: true, days: 14),
        .business: LegalClockRule(applies: false, days: 14),
        .goodwill: LegalClockRule(applies: false, days: 14),
    ]

    public static let standard = SiteConfig(
        siteName: "ASO", calendar: .standard, sla: .standard, warnings: .standard,
        legalClocks: standardLegalClocks, operators: []
    )

    public func legalRule(_ basis: LegalBasis) -> LegalClockRule {
        legalClocks[basis] ?? SiteConfig.standardLegalClocks[basis]!
    }
}
