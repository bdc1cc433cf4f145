#if canImport(Glibc)
import Glibc
#endif
import AsodeskDomain
import Foundation
import Testing
@testable import AsodeskApp

/// The site config governs only if the governed cannot change it; a person's own file holds
/// preferences only.
@Suite struct SiteConfigFilesTests {
    /// A folder for a log with a site.toml beside it (mode 0644, owned by whoever runs the test).
    struct Site {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-site-\(UUID().uuidString)").path
        var log: String { folder + "/complaints.log" }
        var siteToml: String { folder + "/site.toml" }
        init(_ text: String = "[site]\nname = \"ASO Gdańsk\"\n") throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try text.write(toFile: siteToml, atomically: false, encoding: .utf8)
            chmod(siteToml, 0o644)
        }
        func load() throws -> LoadedConfig {
            try LoadedConfig.forDesk(logPath: log, commandLinePath: nil, display: DisplayPreferences(), env: [:])
        }
        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    @Test func aSiteConfigOwnedByTheLogFoldersOwnerAndWritableByNobodyElseIsObeyed() throws {
        let site = try Site()
        defer { site.remove() }
        #expect(try site.load().config.siteName == "ASO Gdańsk")
    }

    @Test(arguments: [0o664, 0o666, 0o646])
    func aSiteConfigTheGroupOrOthersMayWriteIsRefused(mode: Int) throws {
        let site = try Site()
        defer { site.remove() }
        chmod(site.siteToml, mode_t(mode))
        let refusal = #expect(throws: SiteConfigRefusal.self) { try site.load() }
        #expect(refusal == SiteConfigRefusal(path: site.siteToml, reason: .writableByOthers(mode: UInt32(mode))))
    }

    @Test(.enabled(if: getuid() == 0, "changing a file's owner needs root (CI runs as root)"))
    func aSiteConfigOwnedByAnotherAccountIsRefused() throws {
        let site = try Site()
        defer { site.remove() }
        #expect(chown(site.siteToml, 65534, gid_t.max) == 0)
        let refusal = #expect(throws: SiteConfigRefusal.self) { try site.load() }
        #expect(refusal?.reason == .wrongOwner(owner: 65534, folderOwner: 0))
    }

    @Test(.enabled(if: getuid() == 0, "changing a file's owner needs root (CI runs as root)"))
    func aSiteConfigOwnedByTheOwnerOfTheLogsFolderIsObeyed() throws {
        let site = try Site()
        defer { site.remove() }
        #expect(chown(site.folder, 65534, gid_t.max) == 0 && chown(site.siteToml, 65534, gid_t.max) == 0)
        #expect(try site.load().config.siteName == "ASO Gdańsk")
    }

    @Test func aLinkAtTheSiteConfigsNameIsRefused() throws {
        let site = try Site()
        defer { site.remove() }
        let real = site.folder + "/real.toml"
        try FileManager.default.moveItem(atPath: site.siteToml, toPath: real)
        try FileManager.default.createSymbolicLink(atPath: site.siteToml, withDestinationPath: real)
        let refusal = #expect(throws: SiteConfigRefusal.self) { try site.load() }
        #expect(refusal?.reason == .symbolicLink)
        // A file someone named is held to the same rule.
        let named = #expect(throws: SiteConfigRefusal.self) {
            try LoadedConfig.forDesk(logPath: site.log, commandLinePath: site.siteToml, display: DisplayPreferences(), env: [:])
        }
        #expect(named?.reason == .symbolicLink)
    }

    @Test func aNamedSiteConfigTheGroupMayWriteIsRefused() throws {
        let site = try Site()
        defer { site.remove() }
        let named = site.folder + "/other.toml"
        try "[[operator]]\nid = \"jl\"\nname = \"J L\"\nrole = \"lead\"\n".write(toFile: named, atomically: false, encoding: .utf8)
        chmod(named, 0o660)
        #expect(throws: SiteConfigRefusal.self) {
            try LoadedConfig.forDesk(logPath: site.log, commandLinePath: named, display: DisplayPreferences(), env: [:])
        }
        #expect(throws: SiteConfigRefusal.self) {
            try LoadedConfig.forDesk(logPath: site.log, commandLinePath: nil, display: DisplayPreferences(), env: ["ASODESK_CONFIG": named])
        }
    }

    // MARK: The user file

    static func userFile(_ text: String) throws -> UserPreferences {
        try UserConfigLoader.parse(text, file: "/home/jl/.config/asodesk/config.toml", env: ["HOME": "/home/jl"]) { log in
            DeskPaths.siteConfigFile(besideLog: log ?? "/home/jl/.local/share/asodesk/complaints.log")
        }
    }

    @Test(arguments: ["site", "hours", "closure", "sla", "warnings", "legal", "operator", "time"])
    func aSiteSettingInTheUserFileIsRefusedAtItsLine(section: String) {
        let text = section == "operator" || section == "closure"
            ? "[dashboard]\nlanguage = \"pl\"\n\n[[\(section)]]\nid = \"jl\"\n"
            : "[dashboard]\nlanguage = \"pl\"\n\n[\(section)]\nx = 1\n"
        let error = #expect(throws: ConfigError.self) { try Self.userFile(text) }
        #expect(error?.line == 4)
        #expect(error?.key == section)
        #expect(error?.description.contains("belongs in the site config, site.toml beside the log (/home/jl/.local/share/asodesk/site.toml), which the shift lead keeps") == true,
                "\(error?.description ?? "")")
    }

    @Test func theUserFilesLogIsWhereItsSiteConfigIsLookedFor() throws {
        let error = #expect(throws: ConfigError.self) { try Self.userFile("log = \"/srv/desk/complaints.log\"\n[[operator]]\nid = \"jl\"\nrole = \"lead\"\n") }
        #expect(error?.description.contains("(/srv/desk/site.toml)") == true, "\(error?.description ?? "")")
        #expect(try Self.userFile("log = \"~/desk.log\"\n").log == "/home/jl/desk.log")
        #expect(try Self.userFile("log = \"desk.log\"\n").log == "/home/jl/.config/asodesk/desk.log")
    }

    @Test func anUnknownSettingInTheUserFileIsRefused() {
        let error = #expect(throws: ConfigError.self) { try Self.userFile("theme = \"light\"\n") }
        #expect(error?.line == 1)
        #expect(error?.description.contains("the known ones at the top level are: log, dashboard") == true, "\(error?.description ?? "")")
    }
}
