import AsodeskDomain
import Foundation
import TOMLKit

// Typed, checked access to a parsed TOML file, shared by the site configuration and the
// procedure files. Every failure becomes a ConfigError naming the file, the line, the dotted key
// and what was expected, so the loaders only describe their settings.

/// The parsed text of one settings file plus what is needed to point at its lines.
struct SettingsDocument {
    let file: String
    let locator: TOMLKeyLocator
    let root: TOMLTable

    /// Parses TOML text; a syntax error is reported at TOMLKit's line and column.
    init(text: String, file: String) throws {
        self.file = file
        self.locator = TOMLKeyLocator(text: text)
        do {
            self.root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(
                file: file, line: error.source.begin.line, column: error.source.begin.column, key: nil,
                problem: "this is not valid TOML (\(error.description)); fix the syntax on this line"
            )
        }
    }

    var rootTable: SettingsTable { SettingsTable(document: self, table: root, path: "") }

    func error(_ key: String, _ problem: String) -> ConfigError {
        ConfigError(file: file, line: locator.line(of: key), key: key, problem: problem)
    }
}

/// One table of a settings document, at a dotted path (`""` for the root).
struct SettingsTable {
    let document: SettingsDocument
    let table: TOMLTable
    let path: String

    func fullKey(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ problem: String) -> ConfigError {
        document.error(fullKey(key), problem)
    }

    func mismatch(_ key: String, expected: String, found value: TOMLValueConvertible) -> ConfigError {
        error(key, "expected \(expected), found \(SettingsTable.describe(value))")
    }

    func contains(_ key: String) -> Bool { table.contains(key: key) }

    /// Typo protection: a key nobody reads is almost always a misspelt one. Reports the unknown
    /// key that comes first in the file.
    func rejectUnknownKeys(known: [String], meaning: String = "setting") throws {
        let unknown = table.keys.filter { !known.contains($0) }
        guard !unknown.isEmpty else { return }
        let first = unknown.min { lhs, rhs in
            (document.locator.line(of: fullKey(lhs)) ?? Int.max) < (document.locator.line(of: fullKey(rhs)) ?? Int.max)
        }!
        let place: String
        if path.isEmpty {
            place = "at the top level"
        } else if path.hasSuffix("]"), let open = path.lastIndex(of: "[") {
            place = "in a [[\(path[..<open])]] section"
        } else {
            place = "in [\(path)]"
        }
        throw error(first, "unknown \(meaning); the known ones \(place) are: \(known.joined(separator: ", ")) (check the spelling)")
    }

    /// A setting that must be present; reported at its table's line when missing.
    func require<Value>(_ key: String, expected: String, _ read: (String) throws -> Value?) throws -> Value {
        guard let value = try read(key) else { throw error(key, "missing; expected \(expected)") }
        return value
    }

    func int(_ key: String, range: ClosedRange<Int>, expected: String) throws -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int, range.contains(number) else {
            throw mismatch(key, expected: expected, found: value)
        }
        return number
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw mismatch(key, expected: "true or false", found: value) }
        return flag
    }

    /// A string; when `nonEmpty`, blank text is refused too.
    func string(_ key: String, expected: String, nonEmpty: Bool = true) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string, !nonEmpty || !text.allSatisfy(\.isWhitespace) else {
            throw mismatch(key, expected: expected, found: value)
        }
        return text
    }

    /// A calendar date written either as a TOML date (`2026-12-31`) or as a string ("2026-12-31").
    func date(_ key: String) throws -> LocalDate? {
        guard let value = table[key] else { return nil }
        let expected = "a date written as 2026-12-31 (year-month-day)"
        // TOML dates are checked for real calendar days by the parser already.
        if let date = value.date { return LocalDate(year: date.year, month: date.month, day: date.day) }
        // Exactly YYYY-MM-DD in digits: LocalDate(iso:) alone would take "+026-01-01" as year 26.
        guard let text = value.string, text.utf8.count == 10,
              text.utf8.enumerated().allSatisfy({ [4, 7].contains($0.offset) ? $0.element == UInt8(ascii: "-") : (48...57).contains($0.element) }),
              let local = LocalDate(iso: text) else {
            throw mismatch(key, expected: expected, found: value)
        }
        return local
    }

    /// A moment written as a TOML date (`2026-12-01`: 00:00 of that day in `timeZone`) or an
    /// offset date-time (`2026-12-01T14:30:00+01:00`); a date-time without an offset is refused,
    /// since it would not say which clock it means.
    func instant(_ key: String, timeZone: TimeZone) throws -> Date? {
        guard let value = table[key] else { return nil }
        let expected = "a day such as 2026-12-01 (00:00 site time) or a moment with its offset such as 2026-12-01T14:30:00+01:00"
        var calendar = Calendar(identifier: .gregorian)
        if let date = value.date {
            calendar.timeZone = timeZone
            return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))
        }
        guard let moment = value.dateTime, let offset = moment.offset,
              let zone = TimeZone(secondsFromGMT: offset.offset * 60) else {
            throw mismatch(key, expected: expected, found: value)
        }
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: moment.date.year, month: moment.date.month, day: moment.date.day,
                                                  hour: moment.time.hour, minute: moment.time.minute,
                                                  second: moment.time.second, nanosecond: moment.time.nanoSecond))
    }

    /// One of a fixed set of words (an enum's raw values).
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, of type: Choice.Type) throws -> Choice?
    where Choice.RawValue == String {
        guard let value = table[key] else { return nil }
        guard let text = value.string, let choice = Choice(rawValue: text) else {
            let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw mismatch(key, expected: "one of \(names)", found: value)
        }
        return choice
    }

    func subtable(_ key: String) throws -> SettingsTable? {
        guard let value = table[key] else { return nil }
        guard let inner = value.table else {
            throw mismatch(key, expected: "a table ([\(fullKey(key))] with settings under it)", found: value)
        }
        return SettingsTable(document: document, table: inner, path: fullKey(key))
    }

    /// The elements of an array of tables (`[[closure]]`), each at `key[n]`, n counted from 1.
    func arrayOfTables(_ key: String) throws -> [SettingsTable] {
        guard let value = table[key] else { return [] }
        guard let array = value.array else {
            throw mismatch(key, expected: "a list of [[\(fullKey(key))]] sections", found: value)
        }
        return try array.enumerated().map { index, element in
            let elementPath = "\(fullKey(key))[\(index + 1)]"
            guard let inner = element.table else {
                throw document.error(elementPath, "expected a [[\(fullKey(key))]] section, found \(SettingsTable.describe(element))")
            }
            return SettingsTable(document: document, table: inner, path: elementPath)
        }
    }

    /// A list of strings; each element is checked by the caller through `convert`.
    func stringList<Element>(_ key: String, expected: String, convert: (String) -> Element?) throws -> [Element]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else {
            throw mismatch(key, expected: "a list such as [\(expected)]", found: value)
        }
        return try array.map { element in
            guard let text = element.string, let converted = convert(text) else {
                throw error(key, "expected every item to be \(expected), found \(SettingsTable.describe(element))")
            }
            return converted
        }
    }

    /// How a value reads in an error message: strings in quotes, numbers and dates as written.
    static func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return "\"\(value.string ?? "")\""
        case .int: return String(value.int ?? 0)
        case .double: return value.double.map { String($0) } ?? "a decimal number"
        case .bool: return (value.bool ?? false) ? "true" : "false"
        case .date:
            guard let date = value.date else { return "a date" }
            return LocalDate(year: date.year, month: date.month, day: date.day).description
        case .time: return "a time of day"
        case .dateTime: return "a date with a time"
        case .table: return "a table"
        case .array: return "a list"
        }
    }
}
