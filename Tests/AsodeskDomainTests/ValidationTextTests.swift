import Testing
@testable import AsodeskDomain

@Suite struct ValidationTextTests {
    @Test func polishPluralsFollowTheGrammar() {
        let expected = [1: "1 znak", 2: "2 znaki", 4: "4 znaki", 5: "5 znaków", 12: "12 znaków", 14: "14 znaków",
                        21: "21 znaków", 22: "22 znaki", 112: "112 znaków", 124: "124 znaki"]
        for (count, text) in expected { #expect(Wording.charactersPL(count) == text) }
        #expect(Wording.charactersEN(1) == "1 character" && Wording.charactersEN(2) == "2 characters")
    }

    @Test func trimsOnlyTheEnds() {
        #expect(FreeText.trimmed("  \n Jan \t Kowalski\u{3000}\r\n") == "Jan \t Kowalski")
        #expect(FreeText.trimmed(" \u{301}x") == "\u{301}x")
        #expect(FreeText.trimmed("\n\t ") == "")
    }

    @Test(arguments: [
        (Field.customer, "Jan Kowalski"),
        (.customer, "Łukasz Żółć-Gęślą 👨‍👩‍👧"),
        (.customer, "שלום עליכם"),
        (.customer, "Jo"),
        (.summary, "Stuk w zawieszeniu po naprawie 🙁"),
        (.note, "x"),
        (.note, "ręcznie\u{1B}[2J wpisany \u{202E}tekst"),
        (.reason, "Brak części"),
        (.vehicle, "Škoda Octavia 2.0 TDI"),
    ])
    func storesFreeTextAsTyped(field: Field, text: String) throws {
        let stored = try FreeText.validate("  " + text + "\n", field: field, limits: try #require(field.textLimits))
        #expect(stored == text)
        #expect(Validation.normalise(text, as: field) == .success(text))
    }

    @Test func countsCharactersAsGraphemeClusters() throws {
        let family = "👨‍👩‍👧"
        #expect(family.unicodeScalars.count == 5)
        // One grapheme is too short for a customer name however many scalars it has...
        let short = try #require(freeTextFailure(family, .customer))
        #expect(short.message.en == "Customer name is too short (1 character); write at least 2 characters.")
        #expect(short.message.pl == "Klient: za krótki tekst (1 znak); wpisz co najmniej 2 znaki.")
        // ...and 120 of them fit in 120 characters.
        let long = String(repeating: family, count: 120)
        #expect(Validation.normalise(long, as: .customer) == .success(long))
        let tooLong = String(repeating: "ż", count: 121)
        guard case .failure(let error) = Validation.normalise(tooLong, as: .customer) else {
            Issue.record("121 characters accepted for a customer name"); return
        }
        #expect(error.message.en.contains("121 characters") && error.message.en.contains("at most 120"))
        #expect(error.message.pl.contains("121 znaków"))
    }

    @Test(arguments: [
        (Field.customer, "J", "too short"),
        (.customer, "   ", "required"),
        (.customer, String(repeating: "a", count: 121), "too long"),
        (.summary, "Stuk", "too short"),
        (.summary, String(repeating: "a", count: 4001), "too long"),
        (.remedy, String(repeating: "a", count: 1001), "too long"),
        (.note, " \n ", "required"),
        (.note, String(repeating: "a", count: 4001), "too long"),
        (.reason, "ok", "too short"),
        (.vehicle, String(repeating: "a", count: 81), "too long"),
    ])
    func enforcesLengthLimits(field: Field, text: String, expectedInMessage: String) {
        guard case .failure(let error) = Validation.normalise(text, as: field) else {
            Issue.record("\(field) accepted \(text.count) characters"); return
        }
        #expect(error.field == field)
        #expect(error.message.en.contains(expectedInMessage))
        expectReadableMessage(error)
    }

    @Test func optionalFieldsMayStayEmpty() {
        for field in [Field.phone, .email, .plate, .vin, .vehicle, .order, .remedy] {
            #expect(Validation.normalise("  ", as: field) == .success(nil), "\(field)")
        }
        for field in [Field.customer, .summary, .note, .reason, .channel, .category, .priority, .legalBasis,
                      .outcome, .waitReason, .assignee, .complaint] {
            #expect(Validation.normalise("", as: field) == .failure(FreeText.required(field)), "\(field)")
        }
    }

    @Test func everyFieldHasLabelsInBothLanguages() {
        for field in Field.allCases {
            #expect(!field.label.pl.isEmpty && !field.label.en.isEmpty)
        }
    }

    @Test(arguments: [
        ("zn/2026/00123", "ZN/2026/00123"),
        ("  RO   12345 ", "RO 12345"),
        ("2026-000123", "2026-000123"),
        ("zl.12/a", "ZL.12/A"),
    ])
    func normalisesRepairOrders(input: String, canonical: String) throws {
        #expect(try RepairOrderNumber(parsing: input).canonical == canonical)
        #expect(Validation.normalise(input, as: .order) == .success(canonical))
    }

    @Test(arguments: [
        ("ZLECENIE", "contains digits"),
        ("ZN#1", "“#”"),
        ("ZN/2026/ż", "“ż”"),
        ("/123", "starts with a letter"),
        (String(repeating: "1", count: 41), "at most 40"),
    ])
    func rejectsWrongRepairOrders(input: String, expectedInMessage: String) throws {
        let error = try #require(repairOrderFailure(input))
        #expect(error.field == .order)
        #expect(error.message.en.contains(expectedInMessage))
    }

    @Test func parsesFixedChoicesByTheirScriptingNames() throws {
        #expect(try Validation.choice("In person", as: .channel, Channel.self) == .inPerson)
        #expect(try Validation.choice(" FOLLOW_UP ", as: .channel, TimerName.self) == .followUp)
        #expect(Validation.normalise("Critical", as: .priority) == .success("critical"))
        #expect(Validation.normalise("parts", as: .waitReason) == .success("parts"))
        guard case .failure(let error) = Validation.normalise("fax", as: .channel) else {
            Issue.record("fax accepted as a channel"); return
        }
        #expect(error.message.en == "Channel: unknown value “fax”; use one of: phone, email, web, social, letter, in-person, suggestion-box, comment-book.")
    }

    @Test func checksIdentifiers() throws {
        #expect(try Validation.identifier(" anna.k ", as: .assignee) == "anna.k")
        #expect(try Validation.identifier("R-2026/0001", as: .complaint) == "R-2026/0001")
        let spaced = try #require(identifierFailure("anna k", .assignee))
        #expect(spaced.field == .assignee)
    }
}
