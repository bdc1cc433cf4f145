import AsodeskDomain
import Foundation

/// The standard procedures of the desk as checklists, loaded from one TOML file per procedure
/// (the bundled ones live in Sources/AsodeskApp/Procedures). Every procedure is checked when it is
/// loaded, so a broken file is reported at start-up with its file, line and key, never halfway
/// through a case.
public struct ProcedureLibrary: Sendable {
    /// Sorted by id.
    public let procedures: [Procedure]

    /// Standards are reviewed at least every two years; an older review shows as overdue.
    public static let reviewIntervalYears = 2
    /// Good checklists are short: five to nine items, only the steps that matter.
    public static let stepCount = 5...9

    /// Checks the procedures as the file loader does (without line numbers: errors name the
    /// procedure instead of a file).
    public init(procedures: [Procedure]) throws {
        for procedure in procedures {
            try ProcedureRules.check(procedure, file: "procedure \(procedure.id)", lineOf: { _ in nil })
        }
        try self.init(checked: procedures, origin: { "procedure \($0.id)" })
    }

    private init(checked procedures: [Procedure], origin: (Procedure) -> String) throws {
        var seen: [String: Procedure] = [:]
        for procedure in procedures {
            if let earlier = seen[procedure.id] {
                throw ConfigError(file: origin(procedure), line: 1, key: "id",
                                  problem: "expected an id no other procedure has, found \"\(procedure.id)\" (already used in \(origin(earlier)))")
            }
            seen[procedure.id] = procedure
        }
        self.procedures = procedures.sorted { $0.id < $1.id }
    }

    /// The procedures shipped with asodesk.
    public static func bundled() throws -> ProcedureLibrary {
        try load(directory: bundledDirectory())
    }

    static func bundledDirectory() -> String { ResourceFolder.path("Procedures") }

    /// Loads every `*.toml` file in `directory` (one procedure per file, named after its id).
    public static func load(directory: String) throws -> ProcedureLibrary {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ConfigError(file: directory, line: nil, key: nil,
                              problem: "procedure directory cannot be read; check that it exists and is readable")
        }
        var paths: [String: String] = [:]
        var procedures: [Procedure] = []
        for name in names.sorted() where name.hasSuffix(".toml") {
            let path = (directory as NSString).appendingPathComponent(name)
            let procedure = try loadFile(path: path)
            paths[procedure.id] = path
            procedures.append(procedure)
        }
        guard !procedures.isEmpty else {
            throw ConfigError(file: directory, line: nil, key: nil,
                              problem: "no procedure files (*.toml) found in this directory")
        }
        return try ProcedureLibrary(checked: procedures, origin: { paths[$0.id] ?? $0.id })
    }

    /// Reads and checks one procedure file; its id must match the file name (`intake.toml` → `intake`).
    public static func loadFile(path: String) throws -> Procedure {
        let text = try readSettingsFile(path: path, what: "procedure file")
        let procedure = try parse(text, file: path)
        let baseName = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard procedure.id == baseName else {
            let document = TOMLKeyLocator(text: text)
            throw ConfigError(file: path, line: document.line(of: "id"), key: "id",
                              problem: "expected \"\(baseName)\" (the file name without .toml), found \"\(procedure.id)\"; rename the file or fix the id")
        }
        return procedure
    }

    /// Parses and checks the text of one procedure file; `file` names it in error messages.
    public static func parse(_ text: String, file: String) throws -> Procedure {
        let document = try SettingsDocument(text: text, file: file)
        let root = document.rootTable
        try root.rejectUnknownKeys(known: ["id", "version", "reviewed", "pause_point", "mode", "title_pl", "title_en",
                                           "channels", "categories", "step"])
        let id = try root.require("id", expected: ProcedureRules.idExpectation) {
            try root.string($0, expected: ProcedureRules.idExpectation)
        }
        let version = try root.require("version", expected: ProcedureRules.versionExpectation) {
            try root.int($0, range: 1...1_000_000, expected: ProcedureRules.versionExpectation)
        }
        let reviewed = try root.require("reviewed", expected: "the date of the last review, e.g. 2026-03-12", root.date)
        let pausePoint = try root.require("pause_point", expected: "one of \(PausePoint.allCases.map(\.rawValue).joined(separator: ", "))") {
            try root.choice($0, of: PausePoint.self)
        }
        let mode = try root.require("mode", expected: "one of \(ChecklistMode.allCases.map(\.rawValue).joined(separator: ", "))") {
            try root.choice($0, of: ChecklistMode.self)
        }
        let title = try localized(root, "title", what: "the title")
        let channelNames = Channel.allCases.map(\.rawValue).joined(separator: ", ")
        let channels = try root.stringList("channels", expected: "a list of channels (\(channelNames))") {
            Channel(rawValue: $0)
        } ?? []
        let categoryNames = ComplaintCategory.allCases.map(\.rawValue).joined(separator: ", ")
        let categories = try root.stringList("categories", expected: "a list of categories (\(categoryNames))") {
            ComplaintCategory(rawValue: $0)
        } ?? []
        let steps = try root.arrayOfTables("step").map { step -> ProcedureStep in
            try step.rejectUnknownKeys(known: ["id", "text_pl", "text_en", "reason_pl", "reason_en", "mandatory"])
            let stepID = try step.require("id", expected: ProcedureRules.idExpectation) {
                try step.string($0, expected: ProcedureRules.idExpectation)
            }
            return ProcedureStep(
                id: stepID,
                text: try localized(step, "text", what: "what to do"),
                reason: try localized(step, "reason", what: "why the step matters"),
                mandatory: try step.require("mandatory", expected: "true or false", step.bool)
            )
        }
        let procedure = Procedure(id: id, version: version, reviewedOn: reviewed, pausePoint: pausePoint,
                                  mode: mode, title: title, steps: steps, channels: channels, categories: categories)
        try ProcedureRules.check(procedure, file: file, lineOf: { document.locator.line(of: $0) })
        return procedure
    }

    private static func localized(_ table: SettingsTable, _ stem: String, what: String) throws -> LocalizedText {
        func text(_ suffix: String, language: String) throws -> String {
            let expected = "\(what) in \(language), as non-empty text"
            return try table.require("\(stem)_\(suffix)", expected: expected) { try table.string($0, expected: expected) }
        }
        return LocalizedText(pl: try text("pl", language: "Polish"), en: try text("en", language: "English"))
    }

    public func procedure(id: String) -> Procedure? {
        procedures.first { $0.id == id }
    }

    /// The procedures run at `point`, sorted by id. Several may gate one point (closing runs both
    /// the decision letter and, after a repair, the car hand-back); the caller picks what applies.
    public func gating(_ point: PausePoint) -> [Procedure] {
        procedures.filter { $0.pausePoint == point }
    }

    /// Procedures whose last review is more than two years before `today`.
    public func overdueReviews(today: LocalDate) -> [Procedure] {
        let due = ProcedureRules.yearsBefore(today, years: ProcedureLibrary.reviewIntervalYears)
        return procedures.filter { $0.reviewedOn < due }
    }
}

/// The rules every procedure meets, with the key of the offending part for error messages.
enum ProcedureRules {
    static let idExpectation = "an id of lowercase letters, digits and \"-\", e.g. \"listen-actively\""
    static let versionExpectation = "a whole version number (1 or more)"

    static func check(_ procedure: Procedure, file: String, lineOf: (String) -> Int?) throws {
        func fail(_ key: String, _ problem: String) -> ConfigError {
            ConfigError(file: file, line: lineOf(key), key: key, problem: problem)
        }
        guard isID(procedure.id) else { throw fail("id", "expected \(idExpectation), found \"\(procedure.id)\"") }
        guard procedure.version >= 1 else { throw fail("version", "expected \(versionExpectation), found \(procedure.version)") }
        try checkText(procedure.title, key: "title", fail: fail)
        guard ProcedureLibrary.stepCount.contains(procedure.steps.count) else {
            throw fail("step", "expected 5 to 9 [[step]] sections (a longer list stops being read), found \(procedure.steps.count)")
        }
        var stepIDs: [String: Int] = [:]
        for (index, step) in procedure.steps.enumerated() {
            let path = "step[\(index + 1)]"
            guard isID(step.id) else { throw fail("\(path).id", "expected \(idExpectation), found \"\(step.id)\"") }
            if let earlier = stepIDs[step.id] {
                throw fail("\(path).id", "expected an id no other step has, found \"\(step.id)\" (already used by step[\(earlier)])")
            }
            stepIDs[step.id] = index + 1
            try checkText(step.text, key: "\(path).text", fail: fail)
            try checkText(step.reason, key: "\(path).reason", fail: fail)
        }
        if procedure.pausePoint != .periodic && !procedure.steps.contains(where: \.mandatory) {
            throw fail("step", "expected at least one step with mandatory = true: this procedure gates the complaint at \"\(procedure.pausePoint.rawValue)\", and a list with nothing mandatory gates nothing")
        }
    }

    private static func checkText(_ text: LocalizedText, key: String, fail: (String, String) -> ConfigError) throws {
        for (suffix, value) in [("pl", text.pl), ("en", text.en)] where value.allSatisfy(\.isWhitespace) {
            throw fail("\(key)_\(suffix)", "expected non-empty text, found \"\(value)\"")
        }
    }

    static func isID(_ id: String) -> Bool {
        (1...48).contains(id.count) && id.first != "-" && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
    }

    /// The same calendar day `years` earlier; 29 February falls back to the 28th.
    static func yearsBefore(_ date: LocalDate, years: Int) -> LocalDate {
        let year = date.year - years
        return LocalDate(year: year, month: date.month, day: min(date.day, LocalDate.daysIn(month: date.month, year: year)))
    }
}
