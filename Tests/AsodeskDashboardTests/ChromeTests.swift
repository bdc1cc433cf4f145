import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskScreen
import Testing

@Suite struct ChromeTests {
    @Test func statusLineShowsOperatorRoleClockAndLogState() throws {
        let dashboard = try DashboardFixture.dashboard()
        let buffer = DashboardFixture.render(dashboard)
        let status = buffer.line(22)
        #expect(status.contains("Anna Nowak · kierownik zmiany"))
        #expect(status.hasSuffix(" 23.11.2026 10:30:00"))
        #expect(status.contains("✓ Zapisane (890)"))
        let x = try #require(buffer.column(of: "✓", row: 22))
        #expect(buffer[x, 22].role == .ok)
        let wide = try DashboardFixture.dashboard(width: 200, height: 50)
        let wideStatus = DashboardFixture.render(wide).line(48)
        #expect(wideStatus.contains("✓ Wszystko zapisane (890 zdarzeń)"))
        #expect(wideStatus.hasSuffix(" pon. 23.11.2026 10:30:00"))
    }

    @Test func belowTheMinimumSizeItSaysSoInsteadOfDrawing() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english, width: 60, height: 20)
        let buffer = DashboardFixture.render(dashboard)
        #expect(buffer.text.contains("The terminal is too small: 60×20."))
        #expect(buffer.text.contains("at least 80×24"))
        #expect(!buffer.text.contains("asodesk │"))
    }

    @Test func helpListsTheKeysOfTheScreenItWasOpenedFrom() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        DashboardFixture.press(dashboard, .function(1))
        let help = try #require(dashboard.top as? HelpScreen)
        let rows = help.rows(dashboard: dashboard)
        #expect(rows.contains { $0.keys == "q, F10" && $0.label == "Quit" })
        #expect(rows.contains { $0.keys == "?, F1" && $0.label == "Help" })
        DashboardFixture.press(dashboard, .escape)
        #expect(!(dashboard.top is HelpScreen))
    }
}

@Suite struct RefusalLanguageTests {
    @Test func aRefusalReadsInTheDashboardsLanguage() throws {
        let dashboard = try DashboardFixture.dashboard(as: "jlewandowska")
        let decided = try #require(dashboard.desk.state.openComplaints.first { $0.state == .inAnalysis })
        let result = dashboard.perform(.decide(Decision(outcome: .accepted, reasons: "Uznano", remedyGranted: nil)), on: decided.number)
        guard case .failure = result else { Issue.record("a trainee's decision was saved"); return }
        #expect(dashboard.message?.text == "Praktykant nie może wydać decyzji; poproś doradcę lub kierownika zmiany.")
        #expect(dashboard.message?.role == .error)
    }
}

@Suite struct HelpScreenGoldenTests {
    @Test func helpOfTheQueueInPolish() throws {
        let dashboard = try DashboardFixture.dashboard(as: "pwisniewski")
        DashboardFixture.press(dashboard, .character("?"))
        try Golden.check(DashboardFixture.render(dashboard), "help-queue-pl-80x24")
    }

    @Test func helpOfTheDetailInEnglishOffersOnlyWhatTheTraineeMayDo() throws {
        let dashboard = try DashboardFixture.dashboard(as: "jlewandowska", language: .english)
        let complaint = try #require(dashboard.desk.state.openComplaints.filter { $0.state == .inAnalysis }.min { $0.number < $1.number })
        dashboard.push(DetailScreen(number: complaint.number, dashboard: dashboard))
        DashboardFixture.press(dashboard, .function(1))
        let buffer = DashboardFixture.render(dashboard)
        #expect(buffer.text.contains("Contact"))
        #expect(!buffer.text.contains("Decide"))
        #expect(!buffer.text.contains("Override"))
        try Golden.check(buffer, "help-detail-trainee-en-80x24")
    }
}
