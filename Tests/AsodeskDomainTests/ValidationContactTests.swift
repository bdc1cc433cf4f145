import Testing
@testable import AsodeskDomain

@Suite struct ValidationPhoneTests {
    @Test(arguments: [
        ("601 234 567", "+48 601 234 567", true),
        ("601234567", "+48 601 234 567", true),
        ("+48 601-234-567", "+48 601 234 567", true),
        ("0048601234567", "+48 601 234 567", true),
        ("0048 (22) 123 45 67", "+48 221 234 567", true),
        ("(22) 123-45-67", "+48 221 234 567", true),
        ("+49 30 1234567", "+49301234567", false),
        ("0049 30 1234567", "+49301234567", false),
        ("+1 (212) 555-0100", "+12125550100", false),
        ("+420 601 123 456", "+420601123456", false),
    ])
    func acceptsPolishAndInternationalNumbers(input: String, canonical: String, isPolish: Bool) throws {
        let phone = try PhoneNumber(parsing: input)
        #expect(phone.canonical == canonical)
        #expect(phone.isPolish == isPolish)
        #expect(try PhoneNumber(parsing: phone.canonical) == phone)
    }

    @Test(arguments: [
        ("60123456", "8 digits"),
        ("601 234 567 8", "10 digits"),
        ("+48 60123456", "After +48"),
        ("012 345 678", "never starts with 0"),
        ("+0 123 456 789", "country code"),
        ("+49 123", "8 to 15"),
        ("+49 1234 5678 9012 3456", "8 to 15"),
        ("601a234567", "“a”"),
        ("601+234567", "+ sign"),
        ("tel. 601 234 567", "“t”"),
        ("", "required"),
    ])
    func rejectsWrongNumbers(input: String, expectedInMessage: String) throws {
        let error = try #require(phoneFailure(input))
        #expect(error.field == .phone)
        #expect(error.message.en.contains(expectedInMessage))
        expectReadableMessage(error)
    }

    @Test func polishMessagesUseTheRightPluralForms() throws {
        let eight = try #require(phoneFailure("60123456"))
        #expect(eight.message.pl.hasPrefix("Numer telefonu ma 8 cyfr;"))
        let three = try #require(phoneFailure("+48 601"))
        #expect(three.message.pl.contains("ma 3 cyfry"))
    }
}

@Suite struct ValidationEmailTests {
    @Test(arguments: [
        ("Jan.Kowalski@Example.PL", "Jan.Kowalski@example.pl"),
        ("  anna@serwis.com.pl \n", "anna@serwis.com.pl"),
        ("a+reklamacje@x.io", "a+reklamacje@x.io"),
        ("łukasz@Żółw.pl", "łukasz@żółw.pl"),
    ])
    func acceptsAddressesAndLowercasesTheDomain(input: String, canonical: String) throws {
        #expect(try EmailAddress(parsing: input).canonical == canonical)
    }

    @Test(arguments: [
        ("jan.kowalski", "no @"),
        ("jan@@x.pl", "2 @ signs"),
        ("a@b@c.pl", "2 @ signs"),
        ("@x.pl", "Nothing comes before"),
        ("jan@localhost", "domain with a dot"),
        ("jan@x.", "domain with a dot"),
        ("jan@.pl", "domain with a dot"),
        ("jan@x..pl", "domain with a dot"),
        ("jan@x.p", "domain with a dot"),
        ("jan kowalski@x.pl", "spaces"),
        ("Jan <jan@x.pl>", "spaces"),
        ("jan@x.pl,ewa@x.pl", "“,”"),
        ("jan\u{7}@x.pl", "“␇”"),
        (String(repeating: "a", count: 65) + "@x.pl", "at most 64"),
        ("jan@" + String(repeating: "abcdefghi.", count: 26) + "pl", "at most 254"),
        ("", "required"),
    ])
    func rejectsWrongAddresses(input: String, expectedInMessage: String) throws {
        let error = try #require(emailFailure(input))
        #expect(error.field == .email)
        #expect(error.message.en.contains(expectedInMessage))
        expectReadableMessage(error)
    }
}
