import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskScreen
import Foundation
import Testing

/// Issue 15.10 and 15.11 in the dashboard: Correct data (A) from the detail screen, and the
/// intake form's "received at".
@Suite struct AmendFormTests {
    // MARK: Helpers

    static func openAmend(as operatorID: String = "anowak", language: Language = .polish, width: Int = 80, height: Int = 24)
        throws -> (Dashboard, Complaint, FormScreen) {
        let dashboard = try DashboardFixture.dashboard(as: operatorID, language: language, width: width, height: height)
        let complaint = try DetailScreenTests.pick(dashboard) { $0.state == .inAnalysis && $0.intake.phone != nil }
        _ = DetailScreenTests.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("A"))
        let form = try #require(dashboard.top as? FormScreen)
        return (dashboard, complaint, form)
    }

    /// Moves to the field with Tab and replaces its text, as typed; `form` reads the form as it stands.
    static func fill(_ dashboard: Dashboard, _ id: String, _ text: String, in form: () -> Form) {
        for _ in 0..<form().fields.count where form().focused.id != id { DashboardFixture.press(dashboard, .tab) }
        #expect(form().focused.id == id)
        DashboardFixture.press(dashboard, .end)
        for _ in 0..<form().focused.value.count { DashboardFixture.press(dashboard, .backspace) }
        DashboardFixture.type(dashboard, text)
    }

    static func fill(_ dashboard: Dashboard, _ screen: FormScreen, _ id: String, _ text: String) {
        fill(dashboard, id, text) { screen.form }
    }

    static func fill(_ dashboard: Dashboard, _ screen: IntakeScreen, _ id: String, _ text: String) {
        fill(dashboard, id, text) { screen.form }
    }

    // MARK: Correct data

    @Test func theFormOpensWithTheCurrentValuesAndSavesOnlyWhatChanged() throws {
        let (dashboard, complaint, screen) = try Self.openAmend(width: 200, height: 50)
        #expect(screen.form[Field.phone.rawValue] == complaint.intake.phone)
        #expect(screen.form[Field.customer.rawValue] == complaint.intake.customer)
        Self.fill(dashboard, screen, Field.phone.rawValue, "601 234 576")
        Self.fill(dashboard, screen, AmendForm.reasonField, "Klient podał właściwy numer")
        DashboardFixture.press(dashboard, .function(2))

        #expect(dashboard.top is DetailScreen, "a saved correction closes the form")
        let now = DetailScreenTests.current(dashboard, complaint.number)
        #expect(now.intake.phone == "+48 601 234 576")
        #expect(now.intake.customer == complaint.intake.customer)
        let correction = IntakeCorrection(field: .phone, old: complaint.intake.phone, new: "+48 601 234 576")
        #expect(now.history.last?.action == .amend(corrections: [correction], reason: "Klient podał właściwy numer"))
        #expect(now.history.last?.actor.id == "anowak")
        let buffer = DashboardFixture.render(dashboard)
        #expect(buffer.text.contains("Zapisano: poprawka danych"))
        #expect(buffer.text.contains("Poprawiono telefon"), "the history shows it")
        #expect(buffer.text.contains("Telefon: \(complaint.intake.phone!) → +48 601 234 576 – Klient podał"))
    }

    @Test func theFilledFormInPolishAt80x24() throws {
        let (dashboard, _, screen) = try Self.openAmend()
        Self.fill(dashboard, screen, Field.phone.rawValue, "601 234 576")
        Self.fill(dashboard, screen, AmendForm.reasonField, "Klient podał właściwy numer")
        try Golden.check(DashboardFixture.render(dashboard), "amend-form-pl-80x24")
    }

    @Test func aBadValueOrAMissingReasonKeepsTheFormAndWritesNothing() throws {
        let (dashboard, complaint, screen) = try Self.openAmend()
        Self.fill(dashboard, screen, Field.vin.rawValue, "ABC")
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top === screen)
        #expect(screen.form.fields[screen.form.index(of: AmendForm.reasonField)!].error != nil, "the reason is required")
        Self.fill(dashboard, screen, AmendForm.reasonField, "VIN z dowodu rejestracyjnego")
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top === screen)
        let error = try #require(screen.form.fields[screen.form.index(of: Field.vin.rawValue)!].error)
        #expect(error.pl.contains("VIN"))
        #expect(screen.form[Field.vin.rawValue] == "ABC" && screen.form[AmendForm.reasonField] == "VIN z dowodu rejestracyjnego")
        #expect(DetailScreenTests.current(dashboard, complaint.number).history.count == complaint.history.count)
        try Golden.check(DashboardFixture.render(dashboard), "amend-errors-pl-80x24")
    }

    @Test func nothingChangedSaysSoAndKeepsTheForm() throws {
        let (dashboard, complaint, screen) = try Self.openAmend(language: .english)
        try Golden.check(DashboardFixture.render(dashboard), "amend-form-en-80x24")
        Self.fill(dashboard, screen, AmendForm.reasonField, "Checked with the customer")
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top === screen)
        #expect(DashboardFixture.render(dashboard).text.contains("Nothing was changed"))
        #expect(DetailScreenTests.current(dashboard, complaint.number).history.count == complaint.history.count)
    }

    @Test func aTraineeIsToldWhoMayCorrectAndNoFormOpens() throws {
        let dashboard = try DashboardFixture.dashboard(as: "jlewandowska")
        let complaint = try DetailScreenTests.pick(dashboard) { $0.state == .inAnalysis }
        let detail = DetailScreenTests.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("A"))
        #expect(dashboard.top === detail)
        #expect(DashboardFixture.render(dashboard).text.contains("Popraw dane: tylko"))
    }

    // MARK: Received at

    /// Monday 10:30 at the fixture's clock; the letter came on Friday 20 Nov at 16:30.
    static let friday = Date(timeIntervalSince1970: 1_795_188_600)

    @Test func aComplaintReceivedOnFridayStartsItsTimersAndLegalClockOnFriday() throws {
        let (dashboard, screen) = try IntakeScreenTests.openIntake()
        IntakeScreenTests.typeComplaint(dashboard, screen)
        IntakeScreenTests.fill(dashboard, screen, .vin, "WVWZZZ1KZ6W000019")
        Self.fill(dashboard, screen, IntakeScreen.receivedAtField, "20.11 16:30")
        DashboardFixture.press(dashboard, .function(2))
        let detail = try #require(dashboard.top as? DetailScreen, "saved")
        let complaint = try dashboard.desk.complaint(detail.number)
        #expect(complaint.receivedAt == Self.friday)
        let acknowledgement = dashboard.desk.timers(of: complaint, now: dashboard.now).first { $0.name == .acknowledgement }
        #expect(acknowledgement?.startedAt == Self.friday)
        #expect(dashboard.desk.legalStatuses(of: complaint, now: dashboard.now).last?.deadline == LocalDate(year: 2026, month: 12, day: 4),
                "14 days not counting Friday: Friday 4 December")
    }

    @Test func aReceiptTooFarBackIsShownNextToItsFieldAndKeepsEverything() throws {
        let (dashboard, screen) = try IntakeScreenTests.openIntake(language: .english)
        let before = dashboard.desk.state.complaints.count
        IntakeScreenTests.typeComplaint(dashboard, screen)
        IntakeScreenTests.fill(dashboard, screen, .vin, "WVWZZZ1KZ6W000019")
        Self.fill(dashboard, screen, IntakeScreen.receivedAtField, "2.11.2026 10:00")
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top === screen)
        #expect(dashboard.desk.state.complaints.count == before)
        let error = try #require(screen.form.fields[screen.form.index(of: IntakeScreen.receivedAtField)!].error)
        #expect(error.en.contains("At most 7 days back: from 2026-11-16 10:30"))
        #expect(screen.form[Field.customer.rawValue] == "Grzegorz Brzęczyszczykiewicz")
        try Golden.check(DashboardFixture.render(dashboard), "intake-received-at-en-80x24")
        Self.fill(dashboard, screen, IntakeScreen.receivedAtField, "wczoraj")
        DashboardFixture.press(dashboard, .function(2))
        #expect(screen.form.fields[screen.form.index(of: IntakeScreen.receivedAtField)!].error?.en.contains("Not a time") == true)
    }
}
