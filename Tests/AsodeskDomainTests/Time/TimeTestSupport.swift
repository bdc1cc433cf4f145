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

/// SplitMix64: a small seeded generator so the property tests are repeatable.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
