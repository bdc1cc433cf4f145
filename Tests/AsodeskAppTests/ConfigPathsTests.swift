import Foundation
import Testing
@testable import AsodeskApp

@Suite struct ConfigPathsTests {
    @Test func defaultsFollowXDGUnderHome() {
        let env = ["HOME": "/home/anna"]
        #expect(DeskPaths.userConfigFile(env: env) == "/home/anna/.config/asodesk/config.toml")
        #expect(DeskPaths.dataDirectory(env: env) == "/home/anna/.local/share/asodesk")
        #expect(DeskPaths.defaultLog(env: env) == "/home/anna/.local/share/asodesk/complaints.log")
        #expect(DeskPaths.userThemesDirectory(env: env) == "/home/anna/.config/asodesk/themes")
        #expect(DeskPaths.userProceduresDirectory(env: env) == "/home/anna/.config/asodesk/procedures")
        #expect(DeskPaths.explicitConfigFile(env: env) == nil)
    }

    @Test func xdgVariablesMoveTheDirectories() {
        let env = ["HOME": "/home/anna", "XDG_CONFIG_HOME": "/etc/xdg/", "XDG_DATA_HOME": "/srv/data"]
        #expect(DeskPaths.userConfigFile(env: env) == "/etc/xdg/asodesk/config.toml")
        #expect(DeskPaths.defaultLog(env: env) == "/srv/data/asodesk/complaints.log")
        #expect(DeskPaths.userThemesDirectory(env: env) == "/etc/xdg/asodesk/themes")
    }

    /// The XDG specification says relative or empty values are to be ignored.
    @Test func relativeOrEmptyXDGValuesAreIgnored() {
        let env = ["HOME": "/home/anna", "XDG_CONFIG_HOME": "config", "XDG_DATA_HOME": ""]
        #expect(DeskPaths.userConfigFile(env: env) == "/home/anna/.config/asodesk/config.toml")
        #expect(DeskPaths.defaultLog(env: env) == "/home/anna/.local/share/asodesk/complaints.log")
    }

    @Test func asodeskVariablesNameFilesDirectly() {
        let env = ["HOME": "/home/anna", "XDG_CONFIG_HOME": "/etc/xdg",
                   "ASODESK_CONFIG": "~/desk/site.toml", "ASODESK_LOG": "/srv/shared/complaints.log"]
        #expect(DeskPaths.userConfigFile(env: env) == "/etc/xdg/asodesk/config.toml")
        #expect(DeskPaths.explicitConfigFile(env: env) == "~/desk/site.toml")
        #expect(DeskPaths.defaultLog(env: env) == "/srv/shared/complaints.log")
    }

    @Test func theUserFilesLogComesAfterTheEnvironmentAndBeforeTheXDGDefault() {
        let env = ["HOME": "/home/anna"]
        #expect(DeskPaths.defaultLog(env: env, userLog: "/srv/desk/complaints.log") == "/srv/desk/complaints.log")
        #expect(DeskPaths.defaultLog(env: env.merging(["ASODESK_LOG": "/srv/other.log"]) { $1 }, userLog: "/srv/desk/complaints.log")
                == "/srv/other.log")
        #expect(DeskPaths.siteConfigFile(besideLog: "/srv/desk/complaints.log") == "/srv/desk/site.toml")
    }

    @Test func missingSiteConfigBesideTheLogMeansDefaultsButANamedFileMustExist() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let env = ["HOME": home.path]
        let log = home.path + "/complaints.log"

        let defaults = try LoadedConfig.forDesk(logPath: log, commandLinePath: nil, display: DisplayPreferences(), env: env)
        #expect(defaults.config == .standard)
        #expect(!defaults.fileExisted)
        #expect(defaults.path == home.path + "/site.toml")

        let missingFromEnvironment = #expect(throws: ConfigError.self) {
            try LoadedConfig.forDesk(logPath: log, commandLinePath: nil, display: DisplayPreferences(),
                                     env: env.merging(["ASODESK_CONFIG": home.path + "/nope.toml"]) { $1 })
        }
        #expect(missingFromEnvironment?.file == home.path + "/nope.toml")
        let missingFromCommandLine = #expect(throws: ConfigError.self) {
            try LoadedConfig.forDesk(logPath: log, commandLinePath: home.path + "/other.toml", display: DisplayPreferences(), env: env)
        }
        #expect(missingFromCommandLine?.description.contains("not found") == true)

        try "[site]\nname = \"ASO Poznań\"\n".write(toFile: defaults.path, atomically: true, encoding: .utf8)
        let found = try LoadedConfig.forDesk(logPath: log, commandLinePath: nil, display: DisplayPreferences(), env: env)
        #expect(found.fileExisted)
        #expect(found.config.siteName == "ASO Poznań")

        // The command line wins over the environment.
        let named = home.path + "/named.toml"
        try "[site]\nname = \"ASO Wrocław\"\n".write(toFile: named, atomically: true, encoding: .utf8)
        let chosen = try LoadedConfig.forDesk(logPath: log, commandLinePath: named, display: DisplayPreferences(),
                                              env: env.merging(["ASODESK_CONFIG": defaults.path]) { $1 })
        #expect(chosen.config.siteName == "ASO Wrocław")
        #expect(chosen.path == named)
    }

    @Test func locatorFindsKeysInTablesArraysAndDottedForms() {
        let text = """
            # comment with key = "value"
            title = \"\"\"
            multi-line
            fake = 1
            \"\"\"
            [site]
            name = "x" # trailing
            list = [
              "a", # [not a table]
              "b",
            ]
            [[closure]]
            from = 2026-01-01
            [[closure]]
            "from" = 2026-02-01
            [closure.note]
            text = "n"
            a.b.c = 1
            """
        let locator = TOMLKeyLocator(text: text)
        #expect(locator.line(of: "title") == 2)
        #expect(!locator.hasOwnLine("fake"))
        #expect(locator.line(of: "site.name") == 7)
        #expect(locator.line(of: "site.list") == 8)
        #expect(locator.line(of: "closure[1].from") == 13)
        #expect(locator.line(of: "closure[2].from") == 15)
        #expect(locator.line(of: "closure[2].note.text") == 17)
        #expect(locator.line(of: "closure[2].note.a.b.c") == 18)
        #expect(locator.line(of: "closure[2].note.missing") == 16)
        #expect(locator.line(of: "nowhere") == nil)
    }
}
