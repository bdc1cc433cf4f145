import AsodeskApp
import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Foundation
import Testing

/// Issue 12.5 in the dashboard: a clock pinned by ASODESK_NOW on a desk's log opens it
/// read-only, says why on screen, and no form or key writes anything.
@Suite struct PinnedClockTests {
    @Test func aPinnedClockOnADesksLogIsReadOnlyAndSaysWhy() throws {
        let desk = try DashboardFixture.desk()   // the demo copy has no header: a desk's log
        let settings = DashboardSettings(language: .english, handoverDirectory: FileManager.default.temporaryDirectory.path)
        let dashboard = Dashboard(desk: desk, actor: Actor(id: "anowak", role: .lead), settings: settings,
                                  now: DashboardFixture.now, clockPinned: true)
        #expect(dashboard.writeRefusal != nil)
        let screen = DashboardFixture.render(dashboard).text
        #expect(screen.contains("Read-only") && screen.contains("ASODESK_NOW"), "the reason is visible")
        let before = desk.log.lastSequence
        let number = try #require(desk.state.openComplaints.first?.number)
        guard case .failure(let error) = dashboard.perform(.note(text: "x"), on: number) else {
            Issue.record("a write under a pinned clock on a desk's log went through"); return
        }
        #expect(Dashboard.explain(error, language: .polish).contains("unset ASODESK_NOW"))
        #expect(desk.log.lastSequence == before, "nothing written")
    }

    @Test func aPinnedClockOnATestLogWritesAndAnUnpinnedOneAlways() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-pinned-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let desk = try DashboardFixture.desk(logPath: folder + "/test.log")
        try desk.writeHeader(kind: .test, now: DashboardFixture.now)
        let settings = DashboardSettings(language: .english, handoverDirectory: folder)
        let pinned = Dashboard(desk: desk, actor: Actor(id: "anowak", role: .lead), settings: settings,
                               now: DashboardFixture.now, clockPinned: true)
        #expect(pinned.writeRefusal == nil)
        let intake = try IntakeForm(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer,
                                    customer: "Jan Kowalski", phone: "601 234 567", summary: "Szarpie").validated()
        guard case .success = pinned.perform(.receive(intake), on: nil) else { Issue.record("a test log takes the pinned clock"); return }
        let unpinned = try DashboardFixture.dashboard()
        #expect(unpinned.writeRefusal == nil)
    }
}
