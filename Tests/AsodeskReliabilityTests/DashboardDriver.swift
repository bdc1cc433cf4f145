import Foundation
import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Testing

/// The dashboard model driven by key presses, as Tests/AsodeskDashboardTests does it, on a demo
/// log placed where the test wants it (a full or read-only filesystem).
enum DashboardDriver {
    /// Monday 2026-11-23 10:30 Europe/Warsaw.
    static let now = Date(timeIntervalSince1970: 1_795_426_200)

    static let config: SiteConfig = {
        var config = SiteConfig.standard
        config.operators = DemoSite.sharedKeyring.operators
        return config
    }()

    /// Writes the demo desk's history into a new log at `path`.
    static func writeDemoLog(at path: String) throws {
        let desk = try Desk(log: try EventLog(path: path, create: true), config: config, procedures: try ProcedureLibrary.bundled())
        desk.useSigningKeys(DemoSite.sharedKeyring.signers)
        _ = try DemoLog.write(into: desk, now: now.addingTimeInterval(-60), seed: 2026)
    }

    static func dashboard(logPath: String, as operatorID: String = "pwisniewski", language: Language = .english,
                          width: Int = 100) throws -> Dashboard {
        let desk = try Desk(log: try EventLog(path: logPath, create: false), config: config, procedures: try ProcedureLibrary.bundled())
        desk.useSigningKeys(DemoSite.sharedKeyring.signers)
        let actor = try desk.actor(id: operatorID, requestedRole: nil)
        let settings = DashboardSettings(language: language, handoverDirectory: FileManager.default.temporaryDirectory.path)
        return Dashboard(desk: desk, actor: actor, settings: settings, now: now, width: width, height: 30)
    }

    static func screenText(_ dashboard: Dashboard) -> String {
        var buffer = CellBuffer(width: dashboard.width, height: dashboard.height)
        dashboard.render(into: &buffer)
        return buffer.text
    }

    static func press(_ dashboard: Dashboard, _ keys: Key...) {
        for key in keys { _ = dashboard.handle(.key(key)) }
    }

    static func type(_ dashboard: Dashboard, _ text: String) {
        for character in text { _ = dashboard.handle(.key(.character(character))) }
    }

    /// What a person types into the intake form; the summary is given by the test.
    static func typed(summary: String) -> [(Field, String)] {
        [
            (.customer, "Grzegorz Brzęczyszczykiewicz"),
            (.phone, "601 234 567"),
            (.email, "g.brzeczyszczykiewicz@example.pl"),
            (.plate, "KR 4521X"),
            (.vin, "WVWZZZ1KZ6W000019"),
            (.vehicle, "Škoda Octavia 2.0 TDI"),
            (.order, "ZN/2026/00418"),
            (.summary, summary),
            (.remedy, "Ponowna naprawa bez opłat i samochód zastępczy."),
        ]
    }

    /// Opens the intake form with F3 and types every value into its field, moving with Tab.
    static func openIntakeAndType(_ dashboard: Dashboard, _ values: [(Field, String)]) throws -> IntakeScreen {
        press(dashboard, .function(3))
        let screen = try #require(dashboard.top as? IntakeScreen)
        for (field, text) in values {
            for _ in 0..<screen.form.fields.count where screen.form.focused.id != field.rawValue {
                press(dashboard, .tab)
            }
            try #require(screen.form.focused.id == field.rawValue)
            type(dashboard, text)
        }
        return screen
    }

    /// Whether the form still holds every value as typed.
    static func keepsEverything(_ screen: IntakeScreen, _ values: [(Field, String)]) -> Bool {
        values.allSatisfy { screen.form[$0.0.rawValue] == $0.1 }
    }
}
