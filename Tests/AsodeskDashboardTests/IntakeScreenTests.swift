import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Testing

@Suite struct IntakeScreenTests {
    /// Opens the intake form the way a person does (F3 from the queue).
    static func openIntake(as operatorID: String = "pwisniewski", language: Language = .polish,
                           width: Int = 80, height: Int = 24) throws -> (Dashboard, IntakeScreen) {
        let dashboard = try DashboardFixture.dashboard(as: operatorID, language: language, width: width, height: height)
        DashboardFixture.press(dashboard, .function(3))
        let screen = try #require(dashboard.top as? IntakeScreen)
        return (dashboard, screen)
    }

    /// Moves to the field with Tab (as typed) and types into it.
    static func fill(_ dashboard: Dashboard, _ screen: IntakeScreen, _ field: Field, _ text: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        for _ in 0..<screen.form.fields.count where screen.form.focused.id != field.rawValue {
            DashboardFixture.press(dashboard, .tab)
        }
        #expect(screen.form.focused.id == field.rawValue, sourceLocation: sourceLocation)
        for _ in 0..<screen.form.focused.value.count { DashboardFixture.press(dashboard, .backspace) }
        DashboardFixture.type(dashboard, text)
    }

    static let typed: [(Field, String)] = [
        (.customer, "Grzegorz Brzęczyszczykiewicz"),
        (.phone, "601 234 567"),
        (.email, "g.brzeczyszczykiewicz@example.pl"),
        (.plate, "kr 4521x"),
        (.vin, "WVWZZZ1KZ6W00001"),  // 16 characters: one short
        (.vehicle, "Škoda Octavia 2.0 TDI"),
        (.order, "ZN/2026/00418"),
        (.summary, "Po naprawie zawieszenia nadal stuka z przodu przy jeździe po nierównościach."),
        (.remedy, "Ponowna naprawa bez opłat i samochód zastępczy."),
    ]

    static func typeComplaint(_ dashboard: Dashboard, _ screen: IntakeScreen) {
        // Channel: in person ("o"), category stays "repair", priority high.
        DashboardFixture.type(dashboard, "o")
        DashboardFixture.press(dashboard, .tab, .tab)
        DashboardFixture.press(dashboard, .right)
        for (field, text) in typed { fill(dashboard, screen, field, text) }
    }

    static func row(of text: String, in buffer: CellBuffer) -> Int? {
        (0..<buffer.height).first { buffer.line($0).contains(text) }
    }

    // MARK: Golden screens

    @Test func emptyFormWithChecklistInPolishAt80x24() throws {
        let (dashboard, screen) = try Self.openIntake()
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "intake-advisor-pl-80x24")
        #expect(buffer.text.contains("Klient *"))
        #expect(buffer.text.contains("─ Lista kontrolna ─"))
        #expect(screen.form.focused.id == Field.channel.rawValue)
        // Do-confirm for an advisor: the whole list, the next step marked.
        let row = try #require(Self.row(of: "Postaw się", in: buffer))
        let marker = try #require(buffer.column(of: "▸·", row: row))
        #expect(buffer[marker, row].role == .header)
    }

    @Test func traineeSeesReadDoWithReasonsAt200x50() throws {
        let (dashboard, screen) = try Self.openIntake(as: "jlewandowska", width: 200, height: 50)
        Self.typeComplaint(dashboard, screen)
        DashboardFixture.press(dashboard, .function(6))
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "intake-trainee-pl-200x50")
        // Read-do: step 2 alone, with why it matters; step 1 is not listed any more.
        #expect(buffer.text.contains("Krok 2 z 7"))
        #expect(buffer.text.contains("Dlaczego: Pełny opis od klienta"))
        #expect(!buffer.text.contains("Postaw się w sytuacji klienta"))
        #expect(buffer.text.contains("Grzegorz Brzęczyszczykiewicz"))
    }

    @Test func errorsNextToTheirFieldsInEnglishAt80x24() throws {
        let (dashboard, screen) = try Self.openIntake(language: .english)
        Self.typeComplaint(dashboard, screen)
        Self.fill(dashboard, screen, .phone, "")
        Self.fill(dashboard, screen, .email, "")
        DashboardFixture.press(dashboard, .control("s"))
        let buffer = DashboardFixture.render(dashboard)
        try Golden.check(buffer, "intake-errors-en-80x24")
        let vinRow = try #require(Self.row(of: "VIN *", in: buffer) ?? Self.row(of: "VIN", in: buffer))
        let errorRow = vinRow + 1
        #expect(buffer.line(errorRow).contains("↳"))
        let x = try #require(buffer.column(of: "↳", row: errorRow))
        #expect(buffer[x, errorRow].role == .error)
        #expect(buffer[1, vinRow].role == .error, "the label of a field with a problem is marked too")
    }

    // MARK: Behaviour

    @Test func anInvalidVINIsShownNextToItKeepsEverythingAndTheFixedFormSaves() throws {
        let (dashboard, screen) = try Self.openIntake()
        let before = dashboard.desk.state.complaints.count
        Self.typeComplaint(dashboard, screen)
        DashboardFixture.press(dashboard, .function(2))

        #expect(dashboard.top === screen, "a refused save keeps the form")
        #expect(dashboard.desk.state.complaints.count == before)
        let vinError = try #require(screen.form.fields.first { $0.id == Field.vin.rawValue }?.error)
        #expect(vinError.pl.contains("VIN"))
        #expect(screen.form.fields.filter { $0.error != nil }.map { $0.id } == [Field.vin.rawValue])
        #expect(screen.form.focused.id == Field.vin.rawValue, "focus goes to the field to correct")
        for (field, text) in Self.typed { #expect(screen.form[field.rawValue] == text) }
        let buffer = DashboardFixture.render(dashboard)
        let vinRow = try #require(Self.row(of: "VIN", in: buffer))
        #expect(buffer.line(vinRow + 1).contains("↳"))
        #expect(buffer.text.contains("Nie zapisano"))

        DashboardFixture.type(dashboard, "9")  // the 17th character
        DashboardFixture.press(dashboard, .function(2))
        let detail = try #require(dashboard.top as? DetailScreen, "a saved complaint opens its detail")
        let complaint = try #require((try? dashboard.desk.complaint(detail.number)))
        #expect(dashboard.desk.state.complaints.count == before + 1)
        #expect(complaint.intake.customer == "Grzegorz Brzęczyszczykiewicz")
        #expect(complaint.intake.channel == .inPerson && complaint.intake.category == .repair && complaint.priority == .high)
        #expect(complaint.intake.vin == "WVWZZZ1KZ6W000019")
        #expect(complaint.intake.plate == "KR 4521X")
        #expect(complaint.intake.vehicle == "Škoda Octavia 2.0 TDI")
        #expect(complaint.intake.order == "ZN/2026/00418")
        #expect(complaint.intake.summary == Self.typed.first { $0.0 == .summary }?.1)
        #expect(complaint.intake.remedy == "Ponowna naprawa bez opłat i samochód zastępczy.")
        #expect(complaint.intake.email == "g.brzeczyszczykiewicz@example.pl")
        #expect(complaint.owner == "pwisniewski")
        #expect(dashboard.message?.text.hasPrefix("Zapisano \(detail.number)") == true)
    }

    @Test func aSaveTheDeskRefusesKeepsEverythingTyped() throws {
        // History from a newer asodesk: the desk reads it but writes nothing.
        let path = try DashboardFixture.demoLogCopy()
        try EventLog(path: path, create: false).append { _ in [Array(#"{"v":2,"complaint":null}"#.utf8)] }
        let desk = try DashboardFixture.desk(logPath: path)
        let dashboard = try DashboardFixture.dashboard(as: "pwisniewski", desk: desk)
        DashboardFixture.press(dashboard, .function(3))
        let screen = try #require(dashboard.top as? IntakeScreen)
        Self.typeComplaint(dashboard, screen)
        Self.fill(dashboard, screen, .vin, "WVWZZZ1KZ6W000019")
        DashboardFixture.press(dashboard, .function(6))
        let before = desk.state.complaints.count
        DashboardFixture.press(dashboard, .function(2))
        #expect(dashboard.top === screen)
        #expect(desk.state.complaints.count == before)
        #expect(dashboard.message?.role == .error)
        #expect(dashboard.message?.text.contains("Nie zapisano") == true)
        #expect(screen.form[Field.customer.rawValue] == "Grzegorz Brzęczyszczykiewicz")
        #expect(screen.confirmed.count == 1, "the checklist confirmations stay too")
    }

    @Test func leavingAFieldWithTabChecksIt() throws {
        let (dashboard, screen) = try Self.openIntake()
        Self.fill(dashboard, screen, .vin, "ABC")
        #expect(screen.form.fields.first { $0.id == Field.vin.rawValue }?.error == nil, "not while typing")
        DashboardFixture.press(dashboard, .tab)
        #expect(screen.form.fields.first { $0.id == Field.vin.rawValue }?.error != nil)
        #expect(screen.form[Field.vin.rawValue] == "ABC")
        // Tabbing through untouched empty fields does not complain.
        #expect(screen.form.fields.filter { $0.error != nil }.count == 1)
    }

    @Test func withoutPhoneAndEmailTheContactRuleShowsAtPhoneUntilOneIsGiven() throws {
        let (dashboard, screen) = try Self.openIntake()
        Self.fill(dashboard, screen, .customer, "Anna Zawada")
        Self.fill(dashboard, screen, .summary, "Faktura zawiera części, których nie wymieniano.")
        DashboardFixture.press(dashboard, .function(2))
        let phone = try #require(screen.form.fields.first { $0.id == Field.phone.rawValue })
        #expect(phone.error == Validation.contactRequired.message)
        #expect(screen.form.focused.id == Field.phone.rawValue)
        DashboardFixture.press(dashboard, .tab)  // on to e-mail
        DashboardFixture.type(dashboard, "anna.zawada@example.pl")
        DashboardFixture.press(dashboard, .tab)
        #expect(screen.form.fields.first { $0.id == Field.phone.rawValue }?.error == nil)
    }

    @Test func confirmedChecklistStepsBecomeCheckEventsAfterTheComplaint() throws {
        let (dashboard, screen) = try Self.openIntake()
        DashboardFixture.press(dashboard, .function(6), .function(6), .function(6), .function(6), .function(7))
        #expect(screen.confirmed == ["complaint-intake/stay-calm", "complaint-intake/listen-actively", "complaint-intake/repeat-back"])
        Self.typeComplaint(dashboard, screen)
        Self.fill(dashboard, screen, .vin, "WVWZZZ1KZ6W000019")
        let buffer = DashboardFixture.render(dashboard)
        let row = try #require(Self.row(of: "Powtórz własnymi", in: buffer))
        let tick = try #require(buffer.column(of: "✓", row: row))
        #expect(buffer[tick, row].role == .ok)

        DashboardFixture.press(dashboard, .function(2))
        let detail = try #require(dashboard.top as? DetailScreen)
        let complaint = try #require((try? dashboard.desk.complaint(detail.number)))
        let checks = complaint.history.compactMap { event -> String? in
            if case .checkStep(let procedure, let version, let step) = event.action, event.actor.id == "pwisniewski" {
                return "\(procedure)@\(version)/\(step)"
            }
            return nil
        }
        #expect(checks == ["complaint-intake@4/stay-calm", "complaint-intake@4/listen-actively", "complaint-intake@4/repeat-back"])
        #expect(complaint.history.count == 4, "the receipt first, then the three checks")
        #expect(dashboard.message?.text.contains("potwierdzone kroki listy: 3") == true)
        // A fresh desk on the same log replays the same.
        let fresh = try DashboardFixture.desk(logPath: dashboard.desk.log.path)
        #expect((try? fresh.complaint(detail.number))?.marks.count == 3)
    }

    @Test func escOnAChangedFormAsksFirst() throws {
        let (dashboard, screen) = try Self.openIntake()
        Self.fill(dashboard, screen, .customer, "Jan")
        DashboardFixture.press(dashboard, .escape)
        #expect(dashboard.top is QuestionScreen)
        #expect(DashboardFixture.render(dashboard).text.contains("Porzucić wpisaną reklamację? (t/n)"))
        DashboardFixture.press(dashboard, .character("n"))
        #expect(dashboard.top === screen)
        #expect(screen.form[Field.customer.rawValue] == "Jan")
        DashboardFixture.press(dashboard, .escape, .character("t"))
        #expect(dashboard.top is QueueScreen)
    }

    /// The question names y in English and t in Polish, in its text and in the footer alike.
    @Test(arguments: [(Language.english, "(y/n)", "y Yes"), (Language.polish, "(t/n)", "t Tak")])
    func theDiscardQuestionAndTheFooterNameTheSameKey(language: Language, asked: String, footer: String) throws {
        let (dashboard, screen) = try Self.openIntake(language: language)
        Self.fill(dashboard, screen, .customer, "Jan")
        DashboardFixture.press(dashboard, .escape)
        let buffer = DashboardFixture.render(dashboard)
        #expect(buffer.text.contains(asked))
        #expect(buffer.line(buffer.height - 1).contains(footer))
    }

    @Test func escOnAnUntouchedFormLeavesAtOnce() throws {
        let (dashboard, _) = try Self.openIntake()
        DashboardFixture.press(dashboard, .escape)
        #expect(dashboard.top is QueueScreen)
    }
}

/// A customer comes back: typing their phone or plate offers their earlier complaint, and saving
/// with it chosen links both (issue 15, item 13).
@Suite struct IntakeRepeatTests {
    /// The demo's first open complaint with a phone and a plate.
    static func earlier(_ dashboard: Dashboard) throws -> Complaint {
        try #require(dashboard.desk.state.complaints.open.sorted { $0.number < $1.number }
            .first { $0.intake.phone != nil && $0.intake.plate != nil })
    }

    static func typeRepeat(_ dashboard: Dashboard, _ screen: IntakeScreen, earlier: Complaint) {
        IntakeScreenTests.fill(dashboard, screen, .customer, "Ktoś Inny")
        IntakeScreenTests.fill(dashboard, screen, .phone, earlier.intake.phone!)
        IntakeScreenTests.fill(dashboard, screen, .plate, earlier.intake.plate!.lowercased().replacingOccurrences(of: " ", with: ""))
        DashboardFixture.press(dashboard, .tab)
    }

    @Test(arguments: [(Language.polish, "intake-repeat-pl-80x24"), (.english, "intake-repeat-en-80x24")])
    func typingAKnownPhoneAndPlateOffersTheEarlierComplaint(language: Language, golden: String) throws {
        let (dashboard, screen) = try IntakeScreenTests.openIntake(language: language)
        let earlier = try Self.earlier(dashboard)
        Self.typeRepeat(dashboard, screen, earlier: earlier)
        let message = try #require(dashboard.message?.text)
        #expect(message.contains(earlier.number.description), "\(message)")
        #expect(message.contains(language == .polish ? "telefon, nr rej." : "phone, plate"), "\(message)")
        let field = try #require(screen.form.fields.first { $0.id == IntakeScreen.linkField })
        #expect(field.choices.map(\.value).contains(earlier.number.description))
        #expect(field.value.isEmpty, "offered, never chosen unasked")
        try Golden.check(DashboardFixture.render(dashboard), golden)
    }

    @Test func savingWithTheEarlierComplaintChosenLinksBoth() throws {
        let (dashboard, screen) = try IntakeScreenTests.openIntake()
        let earlier = try Self.earlier(dashboard)
        Self.typeRepeat(dashboard, screen, earlier: earlier)
        while screen.form.focused.id != IntakeScreen.linkField { DashboardFixture.press(dashboard, .tab) }
        while screen.form.focused.value != earlier.number.description { DashboardFixture.press(dashboard, .right) }
        IntakeScreenTests.fill(dashboard, screen, .summary, "Znowu szarpie przy ruszaniu, jak przed naprawą.")
        DashboardFixture.press(dashboard, .function(2))
        let message = try #require(dashboard.message?.text)
        #expect(message.contains("powiązana z \(earlier.number)"), "\(message)")
        let detail = try #require(dashboard.top as? DetailScreen)
        let new = try dashboard.desk.complaint(detail.number)
        #expect(new.links == [earlier.number])
        #expect(try dashboard.desk.complaint(earlier.number).links == [new.number])
        #expect(DashboardFixture.render(dashboard).text.contains("Związane"))
    }

    /// Emptied again, the phone and plate find nothing and the link field goes away.
    @Test func theOfferFollowsWhatIsTyped() throws {
        let (dashboard, screen) = try IntakeScreenTests.openIntake()
        let earlier = try Self.earlier(dashboard)
        Self.typeRepeat(dashboard, screen, earlier: earlier)
        #expect(screen.form.index(of: IntakeScreen.linkField) != nil)
        IntakeScreenTests.fill(dashboard, screen, .phone, "")
        IntakeScreenTests.fill(dashboard, screen, .plate, "")
        IntakeScreenTests.fill(dashboard, screen, .customer, "Ktoś Inny")
        DashboardFixture.press(dashboard, .tab)
        #expect(screen.form.index(of: IntakeScreen.linkField) == nil)
    }
}
