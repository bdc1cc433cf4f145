import AsodeskScreen
import Foundation
import TOMLKit

/// Reads a colour theme file (see Themes/default.toml): a `name` and a `[roles]` table mapping
/// each semantic role to `{ fg, bg, attrs }`. Mistakes are reported with file, line and key, as
/// in the site configuration, so a person editing their own theme can find the line to fix.
public enum ThemeFile {
    static let colourExpectation =
        "a colour: \"default\" (the terminal's own), one of \(ThemeColor.names.joined(separator: ", ")), "
        + "\"bright-<name>\", a number 0–255 (256-colour terminals) or \"#RRGGBB\""
    static let attributeNames: [(name: String, attribute: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse),
    ]

    /// Parses theme text; `file` names it in error messages. A role the file leaves out takes
    /// the bundled default theme's style, so a user theme may change only a few roles.
    public static func parse(_ text: String, file: String) throws -> Theme {
        try parse(text, file: file, missingRolesFrom: ThemeLibrary.bundledDefault)
    }

    /// Parses theme text; roles the file leaves out are taken from `fallback` (when nil, they
    /// stay out of `Theme.styles`, which is how the bundled themes are checked for completeness).
    public static func parse(_ text: String, file: String, missingRolesFrom fallback: Theme?) throws -> Theme {
        let document = try SettingsDocument(text: text, file: file)
        let root = document.rootTable
        try root.rejectUnknownKeys(known: ["name", "roles"])
        let name = try root.require("name", expected: "the theme's name as text, e.g. \"my-dark\"") {
            try root.string($0, expected: "the theme's name as text, e.g. \"my-dark\"")
        }
        guard let roles = try root.subtable("roles") else {
            throw root.error("roles", "missing; expected a [roles] table mapping roles to { fg = ..., bg = ..., attrs = [...] }")
        }
        try roles.rejectUnknownKeys(known: StyleRole.allCases.map(\.rawValue), meaning: "role")
        var styles: [StyleRole: ThemeStyle] = fallback?.styles ?? [:]
        for role in StyleRole.allCases {
            guard roles.contains(role.rawValue) else { continue }
            guard let value = roles.table[role.rawValue], let inner = value.table else {
                throw roles.mismatch(role.rawValue, expected: "a style such as { fg = \"white\", bg = \"blue\", attrs = [\"bold\"] }",
                                     found: roles.table[role.rawValue]!)
            }
            styles[role] = try readStyle(SettingsTable(document: document, table: inner, path: roles.fullKey(role.rawValue)))
        }
        return Theme(name: name, styles: styles)
    }

    private static func readStyle(_ style: SettingsTable) throws -> ThemeStyle {
        try style.rejectUnknownKeys(known: ["fg", "bg", "attrs"])
        var attributes: TextAttributes = []
        let attributeExpectation = "one of \(attributeNames.map(\.name).joined(separator: ", "))"
        let listed = try style.stringList("attrs", expected: attributeExpectation) { word in
            attributeNames.first { $0.name == word }?.attribute
        } ?? []
        for attribute in listed { attributes.insert(attribute) }
        // A colour left out is the terminal's own, like "default".
        return ThemeStyle(foreground: try style.colour("fg") ?? .terminalDefault,
                          background: try style.colour("bg") ?? .terminalDefault,
                          attributes: attributes)
    }

    /// "default", a basic name, "bright-<name>", 0–255 (as a number or as text) or "#RRGGBB"
    /// (mapped to the nearest colour of the 256-colour palette); nil when not recognised.
    static func colour(from text: String) -> ThemeColor? {
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        if word == "default" { return .terminalDefault }
        if let index = ThemeColor.names.firstIndex(of: word) { return .palette(index) }
        if word.hasPrefix("bright-"), let index = ThemeColor.names.firstIndex(of: String(word.dropFirst(7))) {
            return .palette(8 + index)
        }
        if let number = Int(word), (0...255).contains(number) { return .palette(number) }
        if word.hasPrefix("#"), word.count == 7, let rgb = Int(word.dropFirst(), radix: 16) {
            return .palette(nearestPaletteIndex(red: rgb >> 16, green: (rgb >> 8) & 0xFF, blue: rgb & 0xFF))
        }
        return nil
    }

    /// The closest colour of the xterm 256-colour palette's fixed part (the 6×6×6 cube and the
    /// grey ramp, indices 16–255); the first 16 are left out because terminals redefine them.
    static func nearestPaletteIndex(red: Int, green: Int, blue: Int) -> Int {
        let cubeLevels = [0, 95, 135, 175, 215, 255]
        func distance(_ r: Int, _ g: Int, _ b: Int) -> Int {
            (r - red) * (r - red) + (g - green) * (g - green) + (b - blue) * (b - blue)
        }
        func nearestLevel(_ value: Int) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - value) < abs(cubeLevels[$1] - value) }!
        }
        let (r, g, b) = (nearestLevel(red), nearestLevel(green), nearestLevel(blue))
        var best = (index: 16 + 36 * r + 6 * g + b, distance: distance(cubeLevels[r], cubeLevels[g], cubeLevels[b]))
        for step in 0..<24 {
            let grey = 8 + 10 * step
            let greyDistance = distance(grey, grey, grey)
            if greyDistance < best.distance { best = (232 + step, greyDistance) }
        }
        return best.index
    }
}

extension SettingsTable {
    /// A colour setting, written as text or as a palette number.
    fileprivate func colour(_ key: String) throws -> ThemeColor? {
        guard let value = table[key] else { return nil }
        if let number = value.int {
            guard (0...255).contains(number) else {
                throw mismatch(key, expected: ThemeFile.colourExpectation, found: value)
            }
            return .palette(number)
        }
        guard let text = value.string, let colour = ThemeFile.colour(from: text) else {
            throw mismatch(key, expected: ThemeFile.colourExpectation, found: value)
        }
        return colour
    }
}

/// Finds themes by name: the person's own theme folder first (`DeskPaths.userThemesDirectory`),
/// then the themes shipped with asodesk (the top-level Themes/ folder, bundled as a resource).
public enum ThemeLibrary {
    public static let defaultName = "default"

    /// The bundled default theme, read once; the source of roles a theme file leaves out.
    /// Nil only when the installation lacks its resources (then such roles use plain text).
    public static let bundledDefault: Theme? = {
        let path = bundledDirectory() + "/\(defaultName).toml"
        guard let text = try? readSettingsFile(path: path, what: "theme file") else { return nil }
        return try? ThemeFile.parse(text, file: path, missingRolesFrom: nil)
    }()

    /// Loads a theme by name, or from a path when the value contains "/" or ends in ".toml".
    public static func load(_ nameOrPath: String, env: [String: String]) throws -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            let path = DeskPaths.expandingHome(nameOrPath, env: env)
            return try ThemeFile.parse(readSettingsFile(path: path, what: "theme file"), file: path)
        }
        for directory in [DeskPaths.userThemesDirectory(env: env), bundledDirectory()] {
            let path = directory + "/\(nameOrPath).toml"
            if FileManager.default.fileExists(atPath: path) {
                return try ThemeFile.parse(readSettingsFile(path: path, what: "theme file"), file: path)
            }
        }
        let userFolder = DeskPaths.userThemesDirectory(env: env)
        throw ConfigError(
            file: "theme \"\(nameOrPath)\"", line: nil, key: nil,
            problem: "no theme has this name; the available themes are: \(available(env: env).joined(separator: ", ")); "
                + "to add your own, put \(nameOrPath).toml in \(userFolder) (copy a bundled theme to start)"
        )
    }

    /// The names that `load` finds: bundled themes and the person's own, sorted, each once.
    public static func available(env: [String: String]) -> [String] {
        let directories = [bundledDirectory(), DeskPaths.userThemesDirectory(env: env)]
        let names = directories.flatMap { directory in
            ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") }
                .map { String($0.dropLast(".toml".count)) }
        }
        return Array(Set(names)).sorted()
    }

    /// As for the procedures: beside the executable once installed, else SwiftPM's bundle.
    /// The theme files sit at the top of the bundle (see Package.swift).
    static func bundledDirectory() -> String {
        let besideExecutable = Bundle.main.bundleURL.appendingPathComponent("asodesk_AsodeskApp.resources").path
        if FileManager.default.fileExists(atPath: besideExecutable + "/\(defaultName).toml") { return besideExecutable }
        return Bundle.module.bundleURL.path
    }
}
