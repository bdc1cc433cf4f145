import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskScreen
import Foundation
import Testing

/// Issue 15.15 in the dashboard: the preferred contact at intake and in the data pane, a document
/// attached by reference from the detail screen (z), in both languages at 80×24.
@Suite struct ContactAndDocumentScreenTests {
    static let hash = String(repeating: "5e", count: 32)

    /// A complaint in analysis whose customer asked for SMS and which has a document attached.
    static func detailWithPreferenceAndDocument(language: Language) throws -> (Dashboard, Complaint) {
        let dashboard = try DashboardFixture.dashboard(as: "anowak", language: language)
        let complaint = try DetailScreenTests.pick(dashboard) { $0.state == .inAnalysis && $0.intake.phone != nil }
        let sms = IntakeCorrection(field: .contactPreference, old: nil, new: "sms")
        guard case .success = dashboard.perform(.amend(corrections: [sms], reason: "Klient prosi o SMS-y"), on: complaint.number),
              case .success = dashboard.perform(.attach(DocumentReference(reference: "DMS 12345", description: "Skan zlecenia",
                                                                          sha256: hash)), on: complaint.number) else {
            throw CancellationError()
        }
        _ = DetailScreenTests.open(dashboard, complaint)
        return (dashboard, complaint)
    }

    // MARK: Intake

    /// Tabs to the preference (after the fields fingers know) and picks a way by its first letter.
    static func choosePreference(_ dashboard: Dashboard, _ screen: IntakeScreen, letter: Character) {
        for _ in 0..<screen.form.fields.count where screen.form.focused.id != Field.contactPreference.rawValue {
            DashboardFixture.press(dashboard, .tab)
        }
        #expect(screen.form.focused.id == Field.contactPreference.rawValue)
        DashboardFixture.type(dashboard, String(letter))
    }

    @Test func thePreferenceIsAChoiceAfterTheFieldsFingersKnowInPolishAt80x24() throws {
        let (dashboard, screen) = try IntakeScreenTests.openIntake()
        IntakeScreenTests.fill(dashboard, screen, .customer, "Anna Wójcik")
        IntakeScreenTests.fill(dashboard, screen, .phone, "601 234 567")
        Self.choosePreference(dashboard, screen, letter: "s")   // SMS, by its first letter
        #expect(screen.form[Field.contactPreference.rawValue] == "sms")
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "intake-contact-pl-80x24")
        #expect(buffer.text.contains("Preferowany kontakt"))
        #expect(buffer.text.contains("◂ SMS ▸"))
    }

    @Test func anEmailPreferenceWithoutAnAddressIsShownBesideItInEnglishAt80x24() throws {
        let (dashboard, screen) = try IntakeScreenTests.openIntake(language: .english)
        IntakeScreenTests.fill(dashboard, screen, .customer, "Anna Wójcik")
        IntakeScreenTests.fill(dashboard, screen, .phone, "601 234 567")
        IntakeScreenTests.fill(dashboard, screen, .summary, "Rysa na drzwiach po myjni.")
        Self.choosePreference(dashboard, screen, letter: "e")
        let before = dashboard.desk.state.complaints.count
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top === screen, "refused: the form stays with what was typed")
        #expect(dashboard.desk.state.complaints.count == before)
        let error = try #require(screen.form.fields.first { $0.id == Field.contactPreference.rawValue }?.error)
        #expect(error.en.contains("e-mail address"))
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "intake-contact-error-en-80x24")
        // The e-mail typed in, the same form saves, with the preference.
        IntakeScreenTests.fill(dashboard, screen, .email, "anna@example.pl")
        DashboardFixture.press(dashboard, .function(2))
        let detail = try #require(dashboard.top as? DetailScreen)
        #expect(DetailScreenTests.current(dashboard, detail.number).intake.contactPreference == .email)
    }

    @Test func noPreferenceIsTheDefaultAndSavesAsNotGiven() throws {
        let (dashboard, screen) = try IntakeScreenTests.openIntake()
        #expect(screen.form[Field.contactPreference.rawValue] == "")
        #expect(screen.intakeForm.contactPreference == "")
        _ = dashboard
    }

    // MARK: Detail

    @Test func theDataPaneShowsThePreferenceAndTheDocumentsInPolishAt80x24() throws {
        let (dashboard, _) = try Self.detailWithPreferenceAndDocument(language: .polish)
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "detail-contact-pl-80x24")
        #expect(buffer.text.contains("Kontakt  SMS") || buffer.text.contains("Kontakt   SMS"))
        #expect(buffer.text.contains("Dołączono dokument"))
    }

    @Test func theDataPaneShowsThePreferenceAndTheDocumentsInEnglishAt80x24() throws {
        let (dashboard, _) = try Self.detailWithPreferenceAndDocument(language: .english)
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "detail-contact-en-80x24")
        #expect(buffer.text.contains("Document attached"))
        #expect(buffer.text.contains("DMS 12345"))
    }

    // MARK: Attaching

    static func openAttach(language: Language, as id: String = "anowak") throws -> (Dashboard, Complaint, FormScreen) {
        let dashboard = try DashboardFixture.dashboard(as: id, language: language)
        let complaint = try DetailScreenTests.pick(dashboard) { $0.state == .inAnalysis }
        _ = DetailScreenTests.open(dashboard, complaint)
        DashboardFixture.press(dashboard, .character("z"))
        let form = try #require(dashboard.top as? FormScreen)
        return (dashboard, complaint, form)
    }

    @Test func theAttachFormInPolishAt80x24() throws {
        let (dashboard, _, screen) = try Self.openAttach(language: .polish)
        AmendFormTests.fill(dashboard, screen, "reference", "/srv/zdjęcia/rysa-drzwi.jpg")
        AmendFormTests.fill(dashboard, screen, "description", "Zdjęcie rysy na drzwiach kierowcy")
        try Golden.check(DashboardFixture.render(dashboard), "attach-form-pl-80x24")
    }

    @Test func aFileIsHashedAndAnUnreadableOneKeepsTheFormInEnglishAt80x24() throws {
        let (dashboard, complaint, screen) = try Self.openAttach(language: .english, as: "jlewandowska")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-attach-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let missing = "/nonexistent/asodesk-test/photo.jpg"
        AmendFormTests.fill(dashboard, screen, "reference", missing)
        AmendFormTests.fill(dashboard, screen, "description", "Photo of the scratch")
        let before = DetailScreenTests.current(dashboard, complaint.number).history.count
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top === screen, "refused: the form stays")
        #expect(DetailScreenTests.current(dashboard, complaint.number).history.count == before, "nothing written")
        try Golden.check(DashboardFixture.render(dashboard), "attach-missing-en-80x24")

        let photo = folder.appendingPathComponent("photo.jpg").path
        let bytes = Data("a photo's bytes".utf8)
        try bytes.write(to: URL(fileURLWithPath: photo))
        AmendFormTests.fill(dashboard, screen, "reference", photo)
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top is DetailScreen, "saved: a trainee may attach, as a note")
        let now = DetailScreenTests.current(dashboard, complaint.number)
        guard case .attach(let document) = now.history.last?.action else { Issue.record("no document attached"); return }
        #expect(document.reference == photo && document.description == "Photo of the scratch")
        #expect(document.sha256 == Digest.sha256Hex(Array(bytes)))
        #expect(DashboardFixture.render(dashboard).text.contains("Document attached"))
    }

    @Test func aReferenceWithAHashIsRecordedAsTyped() throws {
        let (dashboard, complaint, screen) = try Self.openAttach(language: .polish)
        DashboardFixture.press(dashboard, .right)   // odniesienie
        #expect(screen.form["kind"] == "ref")
        AmendFormTests.fill(dashboard, screen, "reference", "DMS 12345")
        AmendFormTests.fill(dashboard, screen, "sha256", "xyz")
        DashboardFixture.press(dashboard, .function(2))
        #expect(screen.form.fields.first { $0.id == "sha256" }?.error?.pl.contains("64 cyfry") == true)
        AmendFormTests.fill(dashboard, screen, "sha256", Self.hash.uppercased())
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top is DetailScreen)
        #expect(DetailScreenTests.current(dashboard, complaint.number).history.last?.action
                == .attach(DocumentReference(reference: "DMS 12345", sha256: Self.hash)))
    }

    // MARK: Names

    /// The same name on every terminal: the dashboard and `show` take it from the one resolver.
    @Test func theDashboardAndShowNameThePeopleAlike() throws {
        let dashboard = try DashboardFixture.dashboard(as: "anowak", language: .polish)
        let complaint = try DetailScreenTests.pick(dashboard) { $0.owner != nil }
        let owner = try #require(complaint.owner)
        let name = dashboard.desk.personName(owner)
        #expect(name != owner, "the demo's site config names its operators")
        _ = DetailScreenTests.open(dashboard, complaint)
        #expect(DashboardFixture.render(dashboard).text.contains(name))
        let shown = ComplaintText.render(complaint, desk: dashboard.desk, now: DashboardFixture.now, explain: false, language: .polish)
        #expect(shown.contains("Prowadzi   \(name) (\(owner))"))
        #expect(dashboard.desk.unlistedPeople.isEmpty)
    }
}
