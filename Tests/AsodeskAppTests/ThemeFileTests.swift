import AsodeskDomain
import AsodeskScreen
import Foundation
import Testing
@testable import AsodeskApp

@Suite struct ThemeFileTests {
    static let bundledNames = ["default", "high-contrast", "light", "monochrome"]

    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes").path

    /// An environment whose configuration folder is a fresh temporary directory.
    static func temporaryEnvironment() throws -> (env: [String: String], root: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return (["HOME": root.path, "XDG_CONFIG_HOME": root.path + "/config"], root)
    }

    @Test(arguments: bundledNames)
    func bundledThemeLoadsByNameAndItsFileDefinesEveryRole(_ name: String) throws {
        let (env, root) = try Self.temporaryEnvironment()
        defer { try? FileManager.default.removeItem(at: root) }
        let theme = try ThemeLibrary.load(name, env: env)
        #expect(theme.name == name)

        // The file itself, without the fallback, must name every role.
        let path = Self.themesFolder + "/\(name).toml"
        let ownRoles = try ThemeFile.parse(String(contentsOfFile: path, encoding: .utf8), file: path, missingRolesFrom: nil)
        #expect(Set(ownRoles.styles.keys) == Set(StyleRole.allCases))
        #expect(theme == ownRoles)
    }

    @Test func theBundleHoldsExactlyTheTopLevelThemesFolder() throws {
        let (env, root) = try Self.temporaryEnvironment()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(ThemeLibrary.available(env: env) == Self.bundledNames)
        let folderNames = try FileManager.default.contentsOfDirectory(atPath: Self.themesFolder)
            .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(folderNames == Self.bundledNames)
    }

    @Test func monochromeUsesNoColourAndDefaultDoes() throws {
        let (env, root) = try Self.temporaryEnvironment()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try ThemeLibrary.load("monochrome", env: env).usesColour == false)
        #expect(try ThemeLibrary.load("default", env: env).usesColour)
    }

    struct GoodCase: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let role: StyleRole
        let style: ThemeStyle
        var testDescription: String { name }
    }

    static let goodCases: [GoodCase] = [
        GoodCase(name: "basic names and attributes",
                 text: "name = \"t\"\n[roles]\nbody = { fg = \"red\", bg = \"blue\", attrs = [\"bold\", \"underline\"] }\n",
                 role: .body, style: ThemeStyle(foreground: .palette(1), background: .palette(4), attributes: [.bold, .underline])),
        GoodCase(name: "bright names", text: "name = \"t\"\n[roles]\nok = { fg = \"bright-green\", bg = \"bright-black\" }\n",
                 role: .ok, style: ThemeStyle(foreground: .palette(10), background: .palette(8))),
        GoodCase(name: "palette as number and as text", text: "name = \"t\"\n[roles]\nmuted = { fg = 244, bg = \"17\" }\n",
                 role: .muted, style: ThemeStyle(foreground: .palette(244), background: .palette(17))),
        GoodCase(name: "#RRGGBB to the nearest palette colour",
                 text: "name = \"t\"\n[roles]\nwarning = { fg = \"#FF0000\", bg = \"#808080\" }\n",
                 role: .warning, style: ThemeStyle(foreground: .palette(196), background: .palette(244))),
        GoodCase(name: "fg and bg left out are the terminal's own", text: "name = \"t\"\n[roles]\npaused = { attrs = [\"dim\"] }\n",
                 role: .paused, style: ThemeStyle(attributes: [.dim])),
        GoodCase(name: "a role written as its own table", text: "name = \"t\"\n[roles.error]\nfg = \"default\"\nattrs = [\"reverse\"]\n",
                 role: .error, style: ThemeStyle(attributes: [.reverse])),
    ]

    @Test(arguments: goodCases)
    func goodSnippetParses(_ example: GoodCase) throws {
        let theme = try ThemeFile.parse(example.text, file: "my.toml")
        #expect(theme.name == "t")
        #expect(theme.style(example.role) == example.style)
    }

    @Test func aRoleLeftOutTakesTheDefaultThemesStyle() throws {
        let (env, root) = try Self.temporaryEnvironment()
        defer { try? FileManager.default.removeItem(at: root) }
        let theme = try ThemeFile.parse("name = \"partial\"\n[roles]\nbody = { fg = \"white\" }\n", file: "partial.toml")
        let standard = try ThemeLibrary.load("default", env: env)
        #expect(theme.style(.body) == ThemeStyle(foreground: .palette(7)))
        for role in StyleRole.allCases where role != .body {
            #expect(theme.style(role) == standard.style(role), "\(role)")
        }
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let line: Int
        let key: String?
        let message: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "bad colour name", text: "name = \"t\"\n[roles]\nbody = { fg = \"red\" }\nok = { fg = \"grean\" }\n",
                line: 4, key: "roles.ok.fg",
                message: "expected a colour: \"default\" (the terminal's own), one of black, red, green, yellow, blue, magenta, cyan, white, \"bright-<name>\", a number 0–255 (256-colour terminals) or \"#RRGGBB\", found \"grean\""),
        BadCase(name: "palette number out of range", text: "name = \"t\"\n\n[roles]\nbody = { bg = 256 }\n",
                line: 4, key: "roles.body.bg", message: "found 256"),
        BadCase(name: "short hex colour", text: "name = \"t\"\n[roles]\nbody = { bg = \"#FFF\" }\n",
                line: 3, key: "roles.body.bg", message: "found \"#FFF\""),
        BadCase(name: "bad attribute", text: "name = \"t\"\n[roles]\nheader = { attrs = [\"bold\", \"blink\"] }\n",
                line: 3, key: "roles.header.attrs",
                message: "expected every item to be one of bold, dim, underline, reverse, found \"blink\""),
        BadCase(name: "attributes not a list", text: "name = \"t\"\n[roles]\nheader = { attrs = \"bold\" }\n",
                line: 3, key: "roles.header.attrs", message: "expected a list such as [one of bold, dim, underline, reverse], found \"bold\""),
        BadCase(name: "unknown role", text: "name = \"t\"\n[roles]\nbody = { fg = \"red\" }\nbreach = { fg = \"red\" }\n",
                line: 4, key: "roles.breach",
                message: "unknown role; the known ones in [roles] are: body, header, selection, footer, footer-key, muted, ok, warning, breached, paused, error"),
        BadCase(name: "unknown style key", text: "name = \"t\"\n[roles]\nbody = { foreground = \"red\" }\n",
                line: 3, key: "roles.body.foreground", message: "the known ones in [roles.body] are: fg, bg, attrs"),
        BadCase(name: "role of the wrong type", text: "name = \"t\"\n[roles]\nbody = \"red\"\n",
                line: 3, key: "roles.body",
                message: "expected a style such as { fg = \"white\", bg = \"blue\", attrs = [\"bold\"] }, found \"red\""),
        BadCase(name: "name of the wrong type", text: "name = 7\n[roles]\n", line: 1, key: "name",
                message: "expected the theme's name as text"),
        BadCase(name: "name missing", text: "[roles]\nbody = { fg = \"red\" }\n", line: 0, key: "name",
                message: "missing; expected the theme's name"),
        BadCase(name: "roles missing", text: "name = \"t\"\n", line: 0, key: "roles", message: "missing; expected a [roles] table"),
        BadCase(name: "unknown top-level key", text: "name = \"t\"\ncolours = 1\n[roles]\n", line: 2, key: "colours",
                message: "the known ones at the top level are: name, roles"),
        BadCase(name: "TOML syntax error", text: "name = \"t\"\n[roles]\nbody = { fg = \"red\" \n", line: 3, key: nil,
                message: "this is not valid TOML"),
    ]

    @Test(arguments: badCases)
    func badSnippetNamesFileLineKeyAndExpectation(_ example: BadCase) {
        do {
            _ = try ThemeFile.parse(example.text, file: "my.toml")
            Issue.record("expected an error containing \(example.message)")
        } catch let error as ConfigError {
            #expect(error.file == "my.toml")
            #expect(error.line == (example.line == 0 ? nil : example.line))
            #expect(error.key == example.key)
            #expect(error.description.contains(example.message), "\(error.description)")
            if let key = example.key, example.line > 0 {
                #expect(error.description.hasPrefix("my.toml:\(example.line): \(key): "), "\(error.description)")
            }
        } catch {
            Issue.record("unexpected error type: \(error)")
        }
    }

    @Test func unknownThemeNameListsTheAvailableOnesAndTheUserFolder() throws {
        let (env, root) = try Self.temporaryEnvironment()
        defer { try? FileManager.default.removeItem(at: root) }
        let error = #expect(throws: ConfigError.self) { try ThemeLibrary.load("solarized", env: env) }
        let text = error?.description ?? ""
        #expect(text.contains("no theme has this name"))
        #expect(text.contains("default, high-contrast, light, monochrome"))
        #expect(text.contains(DeskPaths.userThemesDirectory(env: env)))
    }

    @Test func userFolderComesBeforeTheBundleAndAddsNames() throws {
        let (env, root) = try Self.temporaryEnvironment()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = DeskPaths.userThemesDirectory(env: env)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "name = \"my light\"\n[roles]\nbody = { fg = \"magenta\" }\n"
            .write(toFile: folder + "/light.toml", atomically: true, encoding: .utf8)
        try "name = \"night\"\n[roles]\n".write(toFile: folder + "/night.toml", atomically: true, encoding: .utf8)

        let light = try ThemeLibrary.load("light", env: env)
        #expect(light.name == "my light")
        #expect(light.style(.body) == ThemeStyle(foreground: .palette(5)))
        #expect(ThemeLibrary.available(env: env) == ["default", "high-contrast", "light", "monochrome", "night"])
        #expect(try ThemeLibrary.load("night", env: env).name == "night")
    }

    @Test func aPathIsReadAsAFileAndItsErrorsNameIt() throws {
        let (env, root) = try Self.temporaryEnvironment()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("mine.toml").path
        try "name = \"mine\"\n[roles]\nok = { fg = \"lime\" }\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: ConfigError.self) { try ThemeLibrary.load(path, env: env) }
        #expect(error?.description.hasPrefix("\(path):3: roles.ok.fg: expected a colour") == true)

        let missing = #expect(throws: ConfigError.self) { try ThemeLibrary.load(root.path + "/none.toml", env: env) }
        #expect(missing?.description.contains("theme file not found") == true)
    }

    // MARK: - The [dashboard] section of the user file

    static func userFile(_ text: String) throws -> UserPreferences {
        try UserConfigLoader.parse(text, file: "config.toml", env: [:]) { _ in "/srv/desk/site.toml" }
    }

    @Test func dashboardSectionGivesLanguageAndTheme() throws {
        let parsed = try Self.userFile("[dashboard]\nlanguage = \"en\"\ntheme = \"light\"\n")
        #expect(parsed.display == DisplayPreferences(language: .english, theme: "light"))
        #expect(try Self.userFile("").display == DisplayPreferences())
    }

    @Test(arguments: [
        ("[dashboard]\nlanguage = \"de\"\n", 2, "dashboard.language", "expected one of en, pl, found \"de\""),
        ("[dashboard]\ntheme = \"\"\n", 2, "dashboard.theme", "expected a theme name such as \"light\" or a path"),
        ("[dashboard]\ncolours = \"light\"\n", 2, "dashboard.colours", "the known ones in [dashboard] are: language, theme"),
    ])
    func badDashboardSettingNamesLineAndKey(_ text: String, _ line: Int, _ key: String, _ message: String) {
        let error = #expect(throws: ConfigError.self) { try Self.userFile(text) }
        #expect(error?.line == line)
        #expect(error?.key == key)
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test func exampleUserFileDocumentsTheDashboardSection() throws {
        let (env, root) = try Self.temporaryEnvironment()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = ConfigExampleTests.userExamplePath
        let preferences = try UserConfigLoader.parse(try String(contentsOfFile: path, encoding: .utf8), file: path, env: env) { _ in "site.toml" }
        #expect(preferences.display == DisplayPreferences(language: .polish, theme: "default"))
        #expect(preferences.log == "/srv/asodesk/complaints.log")
        #expect(try ThemeLibrary.load(preferences.display.theme ?? "", env: env).name == "default")
    }
}
