import AsodeskApp
import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Foundation
import Testing

/// A demo desk at a fixed clock, for rendering screens the same way every run.
enum DashboardFixture {
    /// Monday 2026-11-23 10:30 Europe/Warsaw: the desk is open, some timers breached, some close.
    static let now = Date(timeIntervalSince1970: 1_795_426_200)

    static let config: SiteConfig = {
        var config = SiteConfig.standard
        config.siteName = "ASO Przykład Kraków"
        config.operators = DemoSite.sharedKeyring.operators
        return config
    }()

    /// The demo log is written once (hundreds of fsyncs) and copied for each test.
    private static let demoLogPath: String = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-dashboard-fixture-\(getpid())")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("demo.log").path
        let desk = try! Desk(log: try! EventLog(path: path, create: true), config: config, procedures: try! ProcedureLibrary.bundled())
        desk.useSigningKeys(DemoSite.sharedKeyring.signers)
        _ = try! DemoLog.write(into: desk, now: now.addingTimeInterval(-60), seed: 2026)
        return path
    }()

    /// A fresh copy of the demo log in its own folder.
    static func demoLogCopy() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-dashboard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("complaints.log").path
        try FileManager.default.copyItem(atPath: demoLogPath, toPath: path)
        return path
    }

    static func desk(logPath: String? = nil) throws -> Desk {
        let path = try logPath ?? demoLogCopy()
        let desk = try Desk(log: try EventLog(path: path, create: true), config: config, procedures: try ProcedureLibrary.bundled())
        desk.useSigningKeys(DemoSite.sharedKeyring.signers)
        return desk
    }

    /// A dashboard on a copy of the demo log, as `operatorID` (anowak is the shift lead,
    /// pwisniewski an advisor, jlewandowska a trainee).
    static func dashboard(as operatorID: String = "anowak", language: Language = .polish,
                          width: Int = 80, height: Int = 24, desk: Desk? = nil) throws -> Dashboard {
        let desk = try desk ?? self.desk()
        let actor = try desk.actor(id: operatorID, requestedRole: nil)
        let settings = DashboardSettings(language: language, handoverDirectory: FileManager.default.temporaryDirectory.path)
        return Dashboard(desk: desk, actor: actor, settings: settings, now: now, width: width, height: height)
    }

    static func render(_ dashboard: Dashboard) -> CellBuffer {
        var buffer = CellBuffer(width: dashboard.width, height: dashboard.height)
        dashboard.render(into: &buffer)
        return buffer
    }

    /// Sends keys one by one, as typed.
    static func press(_ dashboard: Dashboard, _ keys: Key...) {
        for key in keys { _ = dashboard.handle(.key(key)) }
    }

    static func type(_ dashboard: Dashboard, _ text: String) {
        for character in text { _ = dashboard.handle(.key(.character(character))) }
    }
}

/// Golden screens: the buffer's text compared with a stored file in Golden/. Run the tests with
/// ASODESK_UPDATE_GOLDEN=1 to write the files after a deliberate change, then review the diff.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ buffer: CellBuffer, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = directory.appendingPathComponent(name + ".txt")
        let actual = buffer.text + "\n"
        if ProcessInfo.processInfo.environment["ASODESK_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("No golden screen \(name).txt; run with ASODESK_UPDATE_GOLDEN=1 to create it, then review it.",
                         sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            Issue.record("""
                Screen \(name) differs from Golden/\(name).txt at row \(first):
                  expected: \(first < e.count ? String(e[first]) : "(none)")
                  actual:   \(first < a.count ? String(a[first]) : "(none)")
                Whole screen:
                \(actual)
                """, sourceLocation: sourceLocation)
        }
    }
}
