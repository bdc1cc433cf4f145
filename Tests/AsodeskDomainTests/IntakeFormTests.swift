import Testing
@testable import AsodeskDomain

@Suite struct IntakeFormTests {
    static func form(customer: String = "Anna Wójcik", phone: String? = "601 234 567", email: String? = nil,
                     plate: String? = "wx12345", vin: String? = "wvwzzz1jzxw000001", summary: String = "Rysa na drzwiach") -> IntakeForm {
        IntakeForm(channel: .inPerson, category: .damage, priority: .normal, legalBasis: .consumer, customer: customer,
                   phone: phone, email: email, plate: plate, vin: vin, vehicle: "  Škoda Octavia ", order: "",
                   summary: summary, remedy: "   ")
    }

    @Test func storesNormalisedValues() throws {
        let intake = try Self.form().validated()
        #expect(intake.plate == "WX 12345")
        #expect(intake.vin == "WVWZZZ1JZXW000001")
        #expect(intake.phone == "+48 601 234 567")
        #expect(intake.vehicle == "Škoda Octavia")
        #expect(intake.order == nil && intake.remedy == nil, "blank optional fields are left out")
    }

    static func blank(customer: String = "", phone: String? = nil, email: String? = nil, plate: String? = nil,
                      summary: String = "") -> IntakeForm {
        IntakeForm(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer, customer: customer,
                   phone: phone, email: email, plate: plate, summary: summary)
    }

    @Test func anEmptyFormReportsEveryProblemInFieldOrder() {
        do {
            _ = try Self.blank().validated()
            Issue.record("an empty intake passed")
        } catch {
            #expect(error.errors.map(\.field) == [.customer, .phone, .summary])
            #expect(error.message(for: .phone) == Validation.contactRequired.message)
            #expect(error.description.contains("customer: Customer name is required"))
        }
    }

    @Test func aWrongPhoneIsReportedAsWrongNotAsMissing() {
        do {
            _ = try Self.blank(customer: "Anna Nowak", phone: "12", plate: "XX", summary: "Rysa na drzwiach.").validated()
            Issue.record("a wrong phone passed")
        } catch {
            #expect(error.errors.map(\.field) == [.phone, .plate])
            #expect(error.message(for: .phone) != Validation.contactRequired.message)
        }
    }

    @Test func anEmailAloneSatisfiesTheContactRule() throws {
        let intake = try Self.blank(customer: "Anna Nowak", email: "Anna@Poczta.PL", summary: "Rysa na drzwiach.").validated()
        #expect(intake.email == "Anna@poczta.pl")
        #expect(intake.phone == nil)
    }

    @Test func reportsEveryBadFieldAtOnce() {
        do {
            _ = try Self.form(customer: "", phone: "12ab", plate: "!!", vin: "WVWZZZ1JZXW00000I", summary: "").validated()
            Issue.record("expected errors")
        } catch {
            let fields = Set(error.errors.map(\.field))
            #expect(fields == [.customer, .phone, .plate, .vin, .summary])
            #expect(error.errors.allSatisfy { !$0.message.pl.isEmpty && !$0.message.en.isEmpty })
        }
    }

    @Test func needsAPhoneOrAnEmail() {
        #expect(throws: FieldErrors.self) { try Self.form(phone: nil, email: nil).validated() }
        #expect(throws: Never.self) { try Self.form(phone: nil, email: "anna@wp.pl").validated() }
    }

    @Test func keepsFreeTextAsTyped() throws {
        let hostile = "Rysa \u{1B}[2J na drzwiach \u{202E}olleh ✓"
        #expect(try Self.form(summary: hostile).validated().summary == hostile)
    }
}
