import Foundation
import Testing
@testable import AsodeskDomain

/// The preferred contact channel asked at intake: optional, one of five ways, and only one the
/// desk can follow with what is on file.
@Suite struct ContactPreferenceTests {
    static func form(phone: String? = nil, email: String? = nil, contactBy: String?) -> IntakeForm {
        IntakeForm(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer, customer: "Anna Nowak",
                   phone: phone, email: email, summary: "Rysa na drzwiach.", contactPreference: contactBy)
    }

    @Test func aPreferenceIsOptionalAndLeftOutWhenNotGiven() throws {
        #expect(try Self.form(phone: "601 234 567", contactBy: nil).validated().contactPreference == nil)
        #expect(try Self.form(phone: "601 234 567", contactBy: "  ").validated().contactPreference == nil)
    }

    @Test func eachWayIsTakenByItsNameWhateverTheCaseOrSpacing() throws {
        let both = (phone: "601 234 567", email: "anna@example.pl")
        for (typed, expected) in [("phone", ContactPreference.phone), ("SMS", .sms), ("email", .email), ("Letter", .letter),
                                  ("in person", .inPerson), ("in-person", .inPerson)] {
            #expect(try Self.form(phone: both.phone, email: both.email, contactBy: typed).validated().contactPreference == expected)
        }
    }

    @Test func anEmailPreferenceNeedsAnEmailAddressOnFile() {
        do {
            _ = try Self.form(phone: "601 234 567", contactBy: "email").validated()
            Issue.record("an e-mail preference without an e-mail passed")
        } catch {
            #expect(error.errors.map(\.field) == [.contactPreference])
            #expect(error.message(for: .contactPreference)?.en.contains("e-mail address") == true)
            #expect(error.message(for: .contactPreference)?.pl.contains("adresu e-mail") == true)
        }
    }

    @Test func aPhoneOrSMSPreferenceNeedsAPhoneNumber() {
        for way in ["phone", "sms"] {
            do {
                _ = try Self.form(email: "anna@example.pl", contactBy: way).validated()
                Issue.record("a \(way) preference without a phone passed")
            } catch {
                #expect(error.errors.map(\.field) == [.contactPreference])
                #expect(error.message(for: .contactPreference)?.en.contains("phone number") == true)
            }
        }
    }

    @Test func aLetterOrInPersonNeedsNothingMore() throws {
        #expect(try Self.form(phone: "601 234 567", contactBy: "letter").validated().contactPreference == .letter)
        #expect(try Self.form(email: "anna@example.pl", contactBy: "in-person").validated().contactPreference == .inPerson)
    }

    @Test func anUnknownWayIsRefusedNamingTheFiveThereAre() {
        do {
            _ = try Self.form(phone: "601 234 567", contactBy: "fax").validated()
            Issue.record("fax passed")
        } catch {
            #expect(error.errors.map(\.field) == [.contactPreference])
            #expect(error.message(for: .contactPreference)?.en.contains("phone, sms, email, letter, in-person") == true)
        }
    }

    /// Corrected like any intake field: the preference and the e-mail it rests on are checked together.
    @Test func aCorrectionIsCheckedAgainstTheDataItNeeds() throws {
        let intake = try Self.form(phone: "601 234 567", contactBy: "sms").validated()
        let corrections = try IntakeForm.corrections(of: intake, to: [.contactPreference: "letter"])
        #expect(corrections == [IntakeCorrection(field: .contactPreference, old: "sms", new: "letter")])
        #expect(try IntakeForm.corrections(of: intake, to: [.contactPreference: ""])
                == [IntakeCorrection(field: .contactPreference, old: "sms", new: nil)])
        #expect(throws: FieldErrors.self) { try IntakeForm.corrections(of: intake, to: [.contactPreference: "email"]) }
        #expect(try IntakeForm.corrections(of: intake, to: [.contactPreference: "email", .email: "anna@example.pl"]).count == 2)
        // Removing the phone an SMS preference rests on is refused.
        #expect(throws: FieldErrors.self) { try IntakeForm.corrections(of: intake, to: [.phone: "", .email: "anna@example.pl"]) }
        var corrected = intake
        corrected[.contactPreference] = "letter"
        #expect(corrected.contactPreference == .letter)
    }
}
