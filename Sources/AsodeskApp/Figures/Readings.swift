import AsodeskDomain
import Foundation

/// What a figure's mark means, for every surface: the dashboard gives each tone a colour, and the
/// glyph beside it carries the same meaning without colour.
public enum FigureTone: Sendable, Equatable {
    case ok, warning, breached, paused, muted
}

/// How a timer reads on every surface (queue, detail, shift board, `list`, `show`, `report`,
/// their JSON, the CSV): one glyph, one word and one "time left" per state. Each glyph has one
/// meaning: ✓ on track or met, ! warning (the configured thresholds), ✗ past due, missed or not
/// done, ‖ paused, · not started. "Due within an hour" is a separate, labelled fact, never a glyph.
public enum TimerReading {
    public static func glyph(_ state: TimerState) -> String {
        switch state {
        case .running, .met: "✓"
        case .warning: "!"
        case .breached, .missed, .notDone: "✗"
        case .paused: "‖"
        case .notStarted: "·"
        }
    }

    public static func tone(_ state: TimerState) -> FigureTone {
        switch state {
        case .running, .met: .ok
        case .warning: .warning
        case .breached, .missed, .notDone: .breached
        case .paused: .paused
        case .notStarted: .muted
        }
    }

    /// Short enough for a 12-column cell.
    public static func word(_ state: TimerState) -> LocalizedText {
        switch state {
        case .running: LocalizedText("biegnie", "running")
        case .warning: LocalizedText("ostrzeżenie", "warning")
        case .breached: LocalizedText("po terminie", "breached")
        case .paused: LocalizedText("wstrzymany", "paused")
        case .met: LocalizedText("dotrzymany", "met")
        case .missed: LocalizedText("spóźniony", "missed")
        case .notDone: LocalizedText("niewykonany", "not done")
        case .notStarted: LocalizedText("nie ruszył", "not started")
        }
    }

    /// Business minutes left, negative when past due; nil once stopped or before it starts. The
    /// engine's figure (target minus whole elapsed minutes), so elapsed + left is always the target.
    public static func minutesLeft(_ timer: TimerStatus) -> Int? {
        switch timer.state {
        case .running, .warning, .breached, .paused: timer.remainingBusinessMinutes
        case .met, .missed, .notDone, .notStarted: nil
        }
    }

    /// `10 h 57 min` / `-2 h 05 min`: business time written as a duration, never like a clock time.
    public static func leftText(_ timer: TimerStatus) -> String? { minutesLeft(timer).map(DurationText.minutes) }

    /// Wall-clock seconds a running timer must be due within to count as "due within an hour".
    public static let dueSoonSeconds: TimeInterval = 3600

    /// Running (or warning) and due within the next wall-clock hour; a breached timer is not "due".
    public static func isDueWithinHour(_ timer: TimerStatus, now: Date) -> Bool {
        guard [.running, .warning].contains(timer.state), let due = timer.dueAt else { return false }
        return due > now && due.timeIntervalSince(now) <= dueSoonSeconds
    }

    /// The word for a verdict, as JSON and CSV write it (`met`, `missed`, `not-done`, …).
    public static func code(_ state: TimerState) -> String { state.rawValue }
}

/// Where a statutory answer stands: the one classification every surface shows (its code in JSON
/// and CSV, its words on screens and in reports).
public enum LegalStanding: String, Sendable, CaseIterable, Encodable {
    /// Not yet answered, the deadline day not over.
    case due
    /// Sent, the site counts delivery, not yet confirmed; the deadline day not over.
    case awaitingDelivery = "awaiting-delivery"
    case answered
    /// Answered after the deadline day: possibly deemed accepted.
    case answeredLate = "answered-late"
    /// Sent but delivery never confirmed by the end of the deadline day: possibly deemed accepted.
    case overdueUndelivered = "overdue-undelivered"
    /// No answer by the end of the deadline day: possibly deemed accepted.
    case overdueUnanswered = "overdue-unanswered"
}

/// How a statutory deadline reads everywhere: near when the day to send the answer (`sendBy`) is
/// `legalDaysBeforeDeadline` calendar days away or less (the site's one threshold), ✗ when
/// overdue or answered late.
public enum LegalReading {
    public static func standing(_ status: LegalClockStatus) -> LegalStanding {
        switch status.state {
        case .running: status.isAwaitingDelivery ? .awaitingDelivery : .due
        case .met: .answered
        case .missed: .answeredLate
        case .overdue: status.sentAt == nil ? .overdueUnanswered : .overdueUndelivered
        }
    }

    public static func code(_ status: LegalClockStatus) -> String { standing(status).rawValue }

    public static func isNear(_ status: LegalClockStatus, warnings: WarningThresholds) -> Bool {
        status.state == .running && (status.daysLeftToSend ?? status.daysLeft ?? .max) <= warnings.legalDaysBeforeDeadline
    }

    /// Overdue or near: what the shift board lists and the report's "legal deadlines" line counts.
    public static func needsAttention(_ status: LegalClockStatus, warnings: WarningThresholds) -> Bool {
        status.state == .overdue || isNear(status, warnings: warnings)
    }

    public static func glyph(_ status: LegalClockStatus, warnings: WarningThresholds) -> String {
        switch status.state {
        case .overdue, .missed: "✗"
        case .met: "✓"
        case .running: isNear(status, warnings: warnings) ? "!" : "✓"
        }
    }

    public static func tone(_ status: LegalClockStatus, warnings: WarningThresholds) -> FigureTone {
        switch status.state {
        case .overdue, .missed: .breached
        case .met: .ok
        case .running: isNear(status, warnings: warnings) ? .warning : .ok
        }
    }

    /// The consequence art. 7a ust. 2 attaches to no answer in time, as every surface says it.
    public static let deemedAccepted = LocalizedText(pl: "reklamację można uznać za przyjętą (art. 7a ust. 2)",
                                                     en: "possibly deemed accepted (art. 7a(2))")

    /// The short word of a standing, as a narrow column shows it.
    public static func word(_ standing: LegalStanding) -> LocalizedText {
        switch standing {
        case .due: LocalizedText(pl: "do odpowiedzi", en: "due")
        case .awaitingDelivery: LocalizedText(pl: "wysłana, czeka na doręczenie", en: "sent, awaiting delivery")
        case .answered: LocalizedText(pl: "odpowiedziano w terminie", en: "answered in time")
        case .answeredLate: LocalizedText(pl: "odpowiedziano po terminie", en: "answered late")
        case .overdueUndelivered: LocalizedText(pl: "po terminie, doręczenie niepotwierdzone", en: "overdue, delivery not confirmed")
        case .overdueUnanswered: LocalizedText(pl: "po terminie bez odpowiedzi", en: "overdue, unanswered")
        }
    }

    /// The whole reading: `zostało 3 dni · wyślij do 2026-03-11`, `po terminie o 2 dni bez odpowiedzi – …`.
    /// `date` writes a day as the surface writes days.
    public static func sentence(_ status: LegalClockStatus, date: (LocalDate) -> String = { $0.description }) -> LocalizedText {
        func days(_ n: Int) -> LocalizedText {
            LocalizedText(pl: n == 1 ? "1 dzień" : "\(n) dni", en: n == 1 ? "1 day" : "\(n) days")
        }
        let deemed = deemedAccepted
        switch standing(status) {
        case .due:
            let left = status.daysLeft ?? 0
            let when = left == 0 ? LocalizedText(pl: "termin mija dziś", en: "due today")
                : LocalizedText(pl: "zostało \(days(left).pl)", en: "\(days(left).en) left")
            guard status.sendBy < status.deadline else { return when }
            return LocalizedText(pl: "\(when.pl) · wyślij do \(date(status.sendBy))", en: "\(when.en) · send by \(date(status.sendBy))")
        case .awaitingDelivery:
            let left = status.daysLeft ?? 0
            return LocalizedText(pl: "wysłana, doręczenie niepotwierdzone · zostało \(days(left).pl)",
                                 en: "sent, delivery not confirmed · \(days(left).en) left")
        case .answered: return word(.answered)
        case .answeredLate:
            return LocalizedText(pl: "odpowiedziano po terminie – \(deemed.pl)", en: "answered late – \(deemed.en)")
        case .overdueUndelivered:
            let over = -(status.daysLeft ?? 0)
            return LocalizedText(pl: "po terminie o \(days(over).pl), doręczenie niepotwierdzone – \(deemed.pl)",
                                 en: "overdue by \(days(over).en), delivery not confirmed – \(deemed.en)")
        case .overdueUnanswered:
            let over = -(status.daysLeft ?? 0)
            return LocalizedText(pl: "po terminie o \(days(over).pl) bez odpowiedzi – \(deemed.pl)",
                                 en: "overdue by \(days(over).en), unanswered – \(deemed.en)")
        }
    }
}

/// A share of a whole, always written with what it is made of: `33 % (1/3)`, `— (0)`.
public struct FigureShare: Encodable, Sendable, Equatable {
    public var part: Int
    public var whole: Int
    public init(part: Int, whole: Int) { self.part = part; self.whole = whole }
    public var value: Double? { whole == 0 ? nil : Double(part) / Double(whole) }

    /// Whole percent, rounded half up: the one rounding of every rate.
    public var percent: Int? { whole == 0 ? nil : Int((Double(part) * 100 / Double(whole)).rounded(.toNearestOrAwayFromZero)) }

    public var text: String { percent.map { "\($0) % (\(part)/\(whole))" } ?? "— (0)" }

    enum CodingKeys: String, CodingKey { case part, whole, percent }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(part, forKey: .part)
        try container.encode(whole, forKey: .whole)
        try container.encodeIfPresent(percent, forKey: .percent)
    }
}
