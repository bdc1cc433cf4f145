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

/// How a statutory deadline reads everywhere: near when it is `legalWarningDays` calendar days
/// away or less (the site's one threshold), ✗ when overdue or answered late.
public enum LegalReading {
    public static func isNear(_ status: LegalClockStatus, warnings: WarningThresholds) -> Bool {
        status.state == .running && (status.daysLeft ?? .max) <= warnings.legalDaysBeforeDeadline
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
