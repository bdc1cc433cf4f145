import AsodeskDomain
import Foundation
import Testing
@testable import AsodeskApp

@Suite struct ProcedureFileTests {
    /// A valid procedure file. `header` replaces lines 1–7; the first [[step]] is on line 8 and
    /// each step takes 7 lines. Each bad case changes one thing through the parameters.
    static func procedureText(header: String? = nil, stepCount: Int = 5, extraStepLine: String = "",
                              mandatory: Bool = true, duplicateStepID: Bool = false) -> String {
        var text = header ?? """
            id = "sample"
            version = 2
            reviewed = 2025-06-01
            pause_point = "intake"
            mode = "read-do"
            title_pl = "Przykład"
            title_en = "Sample"
            """
        for index in 1...max(stepCount, 1) where stepCount > 0 {
            let id = duplicateStepID && index == 2 ? "step-1" : "step-\(index)"
            text += """

                [[step]]
                id = "\(id)"
                text_pl = "Zrób \(index)"
                text_en = "Do \(index)"
                reason_pl = "Dlaczego \(index)"
                reason_en = "Why \(index)"
                mandatory = \(mandatory && index == 1)
                """
            if index == 1 && !extraStepLine.isEmpty { text += "\n" + extraStepLine }
        }
        return text + "\n"
    }

    @Test func validFileParses() throws {
        let procedure = try ProcedureLibrary.parse(Self.procedureText(), file: "sample.toml")
        #expect(procedure.id == "sample")
        #expect(procedure.version == 2)
        #expect(procedure.reviewedOn == LocalDate(year: 2025, month: 6, day: 1))
        #expect(procedure.pausePoint == .intake)
        #expect(procedure.mode == .readDo)
        #expect(procedure.title == LocalizedText(pl: "Przykład", en: "Sample"))
        #expect(procedure.steps.map(\.id) == ["step-1", "step-2", "step-3", "step-4", "step-5"])
        #expect(procedure.steps[0].mandatory && !procedure.steps[1].mandatory)
        #expect(procedure.steps[2].reason == LocalizedText(pl: "Dlaczego 3", en: "Why 3"))
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let text: String
        let line: Int?
        let key: String?
        let message: String
        var testDescription: String { message }
    }

    static let header = [
        "id = \"sample\"", "version = 2", "reviewed = 2025-06-01", "pause_point = \"intake\"",
        "mode = \"read-do\"", "title_pl = \"Przykład\"", "title_en = \"Sample\"",
    ]

    static func header(replacing index: Int, with line: String) -> String {
        var lines = header
        lines[index] = line
        return lines.joined(separator: "\n")
    }

    static let badCases: [BadCase] = [
        BadCase(text: procedureText(stepCount: 4), line: 8, key: "step",
                message: "expected 5 to 9 [[step]] sections (a longer list stops being read), found 4"),
        BadCase(text: procedureText(stepCount: 10), line: 8, key: "step", message: "found 10"),
        BadCase(text: procedureText(stepCount: 0), line: nil, key: "step", message: "found 0"),
        BadCase(text: procedureText(duplicateStepID: true), line: 16, key: "step[2].id",
                message: "expected an id no other step has, found \"step-1\" (already used by step[1])"),
        BadCase(text: procedureText(mandatory: false), line: 8, key: "step",
                message: "expected at least one step with mandatory = true: this procedure gates the complaint at \"intake\""),
        BadCase(text: procedureText(header: header(replacing: 3, with: "pause_point = \"closing\"")), line: 4, key: "pause_point",
                message: "expected one of intake, before-decision, before-closing, follow-up, escalation, periodic, found \"closing\""),
        BadCase(text: procedureText(header: header(replacing: 4, with: "mode = \"checklist\"")), line: 5, key: "mode",
                message: "expected one of read-do, do-confirm, found \"checklist\""),
        BadCase(text: procedureText(header: header(replacing: 6, with: "title_en = \"\"")), line: 7, key: "title_en",
                message: "expected the title in English, as non-empty text, found \"\""),
        BadCase(text: procedureText(header: header(replacing: 6, with: "# no English title")), line: nil, key: "title_en",
                message: "missing; expected the title in English"),
        BadCase(text: procedureText(header: header(replacing: 1, with: "version = \"2\"")), line: 2, key: "version",
                message: "expected a whole version number (1 or more), found \"2\""),
        BadCase(text: procedureText(header: header(replacing: 2, with: "reviewed = \"last spring\"")), line: 3, key: "reviewed",
                message: "expected a date written as 2026-12-31 (year-month-day), found \"last spring\""),
        BadCase(text: procedureText(header: header(replacing: 0, with: "id = \"Sample Procedure\"")), line: 1, key: "id",
                message: "expected an id of lowercase letters, digits and \"-\""),
        BadCase(text: procedureText(header: header(replacing: 5, with: "titel_pl = \"Przykład\"")), line: 6, key: "titel_pl",
                message: "unknown setting; the known ones at the top level are: id, version, reviewed, pause_point, mode, title_pl, title_en, channels, categories, step"),
        BadCase(text: procedureText(extraStepLine: "mandatroy = true"), line: 15, key: "step[1].mandatroy",
                message: "the known ones in a [[step]] section are: id, text_pl, text_en, reason_pl, reason_en, mandatory"),
        BadCase(text: procedureText(extraStepLine: "text_pl = \"again\""), line: 15, key: nil, message: "this is not valid TOML"),
    ]

    @Test(arguments: badCases)
    func badFilesNameFileLineKeyAndExpectation(_ example: BadCase) {
        do {
            _ = try ProcedureLibrary.parse(example.text, file: "sample.toml")
            Issue.record("expected an error containing \(example.message)")
        } catch let error as ConfigError {
            #expect(error.file == "sample.toml")
            #expect(error.line == example.line)
            #expect(error.key == example.key)
            #expect(error.description.contains(example.message), "\(error.description)")
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    @Test func blankStepTextIsReportedAtItsLine() {
        let text = Self.procedureText().replacingOccurrences(of: "reason_en = \"Why 2\"", with: "reason_en = \"   \"")
        let error = #expect(throws: ConfigError.self) { try ProcedureLibrary.parse(text, file: "sample.toml") }
        #expect(error?.key == "step[2].reason_en")
        #expect(error?.line == 20)
    }

    @Test func directoryLoadChecksFileNamesAndIds() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-procedures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        try Self.procedureText().write(toFile: directory.appendingPathComponent("sample.toml").path, atomically: true, encoding: .utf8)
        try "not a procedure".write(toFile: directory.appendingPathComponent("README.md").path, atomically: true, encoding: .utf8)
        let library = try ProcedureLibrary.load(directory: directory.path)
        #expect(library.procedures.map(\.id) == ["sample"])
        #expect(library.gating(.intake).map(\.id) == ["sample"])

        let misnamed = directory.appendingPathComponent("other.toml").path
        try Self.procedureText().write(toFile: misnamed, atomically: true, encoding: .utf8)
        let error = #expect(throws: ConfigError.self) { try ProcedureLibrary.load(directory: directory.path) }
        #expect(error?.description == "\(misnamed):1: id: expected \"other\" (the file name without .toml), found \"sample\"; rename the file or fix the id")
    }

    @Test func missingOrEmptyDirectoryIsReported() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-procedures-\(UUID().uuidString)")
        let missing = #expect(throws: ConfigError.self) { try ProcedureLibrary.load(directory: directory.path) }
        #expect(missing?.description.contains("cannot be read") == true)

        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = #expect(throws: ConfigError.self) { try ProcedureLibrary.load(directory: directory.path) }
        #expect(empty?.description.contains("no procedure files") == true)
    }
}
