import AsodeskDomain
import Foundation
import Mustache

/// The customer's documents asodesk writes.
public enum LetterKind: String, CaseIterable, Sendable, Codable {
    /// Confirmation of receipt, produced when acknowledging.
    case receipt
    /// The answer to the complaint: the decision, its reasons and basis, and for a consumer whose
    /// complaint is not resolved in their favour the out-of-court information of art. 32.
    case decision

    /// The fields a template of this kind must use: a letter without one of them is not the letter
    /// the law or the desk asks for (docs/letters.md says why each is there).
    public var requiredFields: [String] {
        switch self {
        case .receipt: ["number", "receivedOn", "summary", "remedySought", "hasDeadline", "answerBy", "contactHow"]
        case .decision: ["number", "receivedOn", "decision", "reasons", "remedyGranted", "legalBasis", "outOfCourt", "agrees", "body"]
        }
    }

    /// Every field a template of this kind may use.
    public var knownFields: Set<String> {
        var fields: Set<String> = ["place", "letterDate", "customer", "customerContact", "number", "receivedOn", "channel",
                                   "vehicle", "plate", "vin", "order", "summary", "signatory", "signatoryTitle", "siteName"]
        switch self {
        case .receipt: fields.formUnion(["remedySought", "hasDeadline", "answerBy", "days", "contactHow"])
        case .decision: fields.formUnion(["decision", "reasons", "remedyGranted", "legalBasis", "outOfCourt", "agrees", "body",
                                          "remedySought"])
        }
        return fields
    }
}

/// A template that cannot be used, said with its file and line, as config errors are.
public struct LetterTemplateError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var problem: String
    public var description: String { "\(file):\(line): \(problem)" }
}

/// The letter templates in force: the bundled ones, each replaced by a file of the same name
/// (`receipt.pl.mustache`) in the site's folder (`[letters] templates`). Every template is checked
/// when loaded: it parses, names only fields its kind knows, and uses every required one.
public struct LetterTemplates: Sendable {
    struct Entry: Sendable {
        var template: MustacheTemplate
        var file: String
    }
    private var entries: [String: Entry]

    public static func key(_ kind: LetterKind, _ language: Language) -> String {
        "\(kind.rawValue).\(language == .polish ? "pl" : "en")"
    }

    public func file(_ kind: LetterKind, _ language: Language) -> String? { entries[Self.key(kind, language)]?.file }

    /// The bundled templates, overridden by `siteFolder`'s where it has one of the same name.
    public static func load(siteFolder: String?) throws -> LetterTemplates {
        var entries: [String: Entry] = [:]
        let bundled = ResourceFolder.path("LetterTemplates")
        for kind in LetterKind.allCases {
            for language in [Language.polish, .english] {
                let name = key(kind, language) + ".mustache"
                var path = (bundled as NSString).appendingPathComponent(name)
                if let siteFolder {
                    let site = (siteFolder as NSString).appendingPathComponent(name)
                    if FileManager.default.fileExists(atPath: site) { path = site }
                }
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw LetterTemplateError(file: path, line: 1, problem: "the template cannot be read; check that it exists and is readable")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw LetterTemplateError(file: path, line: 1, problem: "the template is not UTF-8 text; save it as UTF-8")
                }
                entries[key(kind, language)] = Entry(template: try parse(text, kind: kind, file: path), file: path)
            }
        }
        if let siteFolder, let names = try? FileManager.default.contentsOfDirectory(atPath: siteFolder) {
            let known = Set(entries.keys.map { $0 + ".mustache" })
            for name in names.sorted() where name.hasSuffix(".mustache") && !known.contains(name) {
                throw LetterTemplateError(file: (siteFolder as NSString).appendingPathComponent(name), line: 1,
                                          problem: "no letter has this name; name a template \(known.sorted().joined(separator: ", "))")
            }
        }
        return LetterTemplates(entries: entries)
    }

    /// Checks one template's text: control characters, tags, the fields it names and the required ones.
    public static func parse(_ text: String, kind: LetterKind, file: String) throws -> MustacheTemplate {
        var used: Set<String> = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let bad = line.unicodeScalars.first(where: { $0.properties.generalCategory == .control && $0 != "\t" && $0 != "\r" }) {
                throw LetterTemplateError(file: file, line: index + 1,
                                          problem: "a control character (U+\(String(bad.value, radix: 16, uppercase: true))) has no place in a letter; delete it")
            }
            var rest = Substring(line)
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else {
                    throw LetterTemplateError(file: file, line: index + 1, problem: "a tag opened with {{ is not closed with }} on the same line")
                }
                var tag = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                rest = rest[close.upperBound...]
                if rest.hasPrefix("}") { rest = rest.dropFirst() }
                if tag.hasPrefix("!") { continue }
                if let first = tag.first, "#^/&{".contains(first) { tag.removeFirst() }
                tag = tag.trimmingCharacters(in: .whitespaces)
                if tag == "." { continue }
                guard kind.knownFields.contains(tag) else {
                    throw LetterTemplateError(file: file, line: index + 1,
                                              problem: "{{\(tag)}} is not a field of the \(kind.rawValue) letter; known fields: "
                                                + kind.knownFields.sorted().joined(separator: ", "))
                }
                used.insert(tag)
            }
        }
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        if let missing = kind.requiredFields.first(where: { !used.contains($0) }) {
            throw LetterTemplateError(file: file, line: lineCount,
                                      problem: "the \(kind.rawValue) letter must contain {{\(missing)}} (docs/letters.md says why); add it")
        }
        do {
            // Letters are plain text: nothing is HTML-escaped.
            return try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
        } catch let error as MustacheTemplate.ParserError {
            throw LetterTemplateError(file: file, line: error.context.lineNumber, problem: "the template does not parse (\(error.error))")
        }
    }

    func render(_ kind: LetterKind, _ language: Language, _ values: [String: Any]) -> String {
        entries[Self.key(kind, language)]?.template.render(values) ?? ""
    }
}

/// Where the bundled resources of this module are: beside the executable once installed, else
/// SwiftPM's bundle (the build directory during development and tests).
enum ResourceFolder {
    static func path(_ name: String) -> String {
        let besideExecutable = Bundle.main.bundleURL
            .appendingPathComponent("asodesk_AsodeskApp.resources").appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: besideExecutable) { return besideExecutable }
        return Bundle.module.bundleURL.appendingPathComponent(name).path
    }
}
