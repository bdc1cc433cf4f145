import Foundation
@testable import AsodeskDomain

// Fixed instants for the time tests. Wall times are converted with Foundation's own Calendar, so
// the engine's DST handling is checked against an independent implementation.

enum Fixture {
    static let warsaw = TimeZone(identifier: "Europe/Warsaw")!

    /// `"2026-03-27 16:00"` read as Warsaw wall time.
    static func local(_ text: String) -> Date {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = warsaw
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4])
        return calendar.date(from: components)!
    }

    /// `"2026-03-30T08:00:00Z"`.
    static func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }

    static func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    static let standardCalendar = try! BusinessCalendar(.standard)
}

