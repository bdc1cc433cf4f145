import Testing
@testable import AsodeskDomain

// The error each parser gives for an input, or nil when it accepts it. (Written out per type: passing
// a typed-throws initializer as a function value crashes the 6.3.1 compiler inside #require.)
func plateFailure(_ input: String) -> FieldError? {
    do { _ = try PlateNumber(parsing: input); return nil } catch { return error }
}
func vinFailure(_ input: String) -> FieldError? {
    do { _ = try VIN(parsing: input); return nil } catch { return error }
}
func phoneFailure(_ input: String) -> FieldError? {
    do { _ = try PhoneNumber(parsing: input); return nil } catch { return error }
}
func emailFailure(_ input: String) -> FieldError? {
    do { _ = try EmailAddress(parsing: input); return nil } catch { return error }
}
func repairOrderFailure(_ input: String) -> FieldError? {
    do { _ = try RepairOrderNumber(parsing: input); return nil } catch { return error }
}
func freeTextFailure(_ input: String, _ field: Field) -> FieldError? {
    do { _ = try FreeText.validate(input, field: field, limits: field.textLimits!); return nil } catch { return error }
}
func identifierFailure(_ input: String, _ field: Field) -> FieldError? {
    do { _ = try Validation.identifier(input, as: field); return nil } catch { return error }
}

/// Every message says something in both languages and none prints raw control characters.
func expectReadableMessage(_ error: FieldError, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!error.message.pl.isEmpty && !error.message.en.isEmpty, sourceLocation: sourceLocation)
    for text in [error.message.pl, error.message.en] {
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                sourceLocation: sourceLocation)
    }
}

@Suite struct ValidationPlateTests {
    @Test(arguments: [
        ("WX 12345", "WX 12345"),
        ("wx12345", "WX 12345"),
        ("KR 4F123", "KR 4F123"),
        ("kr-4f123", "KR 4F123"),
        ("PO 12AB3", "PO 12AB3"),
        ("WPI 1234A", "WPI 1234A"),
        ("wpi1234a", "WPI 1234A"),
        ("DW 1A234", "DW 1A234"),
        ("  dw 1a 234 ", "DW 1A234"),
        ("GD 123AB", "GD 123AB"),
        ("ERA 12AB", "ERA 12AB"),
        ("WPIA123", "WPI A123"),
        ("SK\t1AB23", "SK 1AB23"),
        ("HP 12345", "HP 12345"),
        ("W1 KAROL", "W1 KAROL"),
        ("b4bmw99", "B4 BMW99"),
        ("K6 Z17", "K6 Z17"),
        ("d8-ja3", "D8 JA3"),
    ])
    func acceptsPolishPlates(input: String, canonical: String) throws {
        let plate = try PlateNumber(parsing: input)
        #expect(plate.canonical == canonical)
        #expect(plate.description == canonical)
        // Parsing the stored form again gives the same plate.
        #expect(try PlateNumber(parsing: plate.canonical) == plate)
    }

    @Test func splitsAreaCodeAndTellsCustomPlates() throws {
        let standard = try PlateNumber(parsing: "WPI 1234A")
        #expect(standard.areaCode == "WPI" && standard.vehiclePart == "1234A" && standard.kind == .standard)
        let custom = try PlateNumber(parsing: "W1 KAROL")
        #expect(custom.areaCode == "W1" && custom.vehiclePart == "KAROL" && custom.kind == .custom)
    }

    @Test(arguments: [
        "",              // nothing
        "   ",           // only spaces
        "WX1",           // too short
        "WX 1234567",    // too long
        "XY 12345",      // X is no voivodeship
        "1W 12345",      // starts with a digit
        "WX 12#45",      // character outside A–Z/0–9
        "WŁ 12345",      // Polish letter
        "WX ABCDE",      // no digit after the area code
        "WX 123",        // 2-letter area code needs 4–5 more
        "W1 2345",       // custom plate must start with a letter
        "W1 A2345",      // custom plate: only the last two may be digits
        "WX\u{1B}[2J12", // escape sequence
    ])
    func rejectsJunk(input: String) throws {
        let error = try #require(plateFailure(input))
        #expect(error.field == .plate)
        expectReadableMessage(error)
    }

    @Test func messagesSayWhatIsExpected() throws {
        let short = try #require(plateFailure("WX1"))
        #expect(short.message.en.contains("3 characters") && short.message.en.contains("5 to 8"))
        #expect(short.message.pl.contains("3 znaki"))
        let letter = try #require(plateFailure("WŁ 12345"))
        #expect(letter.message.en.contains("“Ł”"))
        let escape = try #require(plateFailure("WX\u{1B}12345"))
        #expect(escape.message.en.contains("“␛”"))
    }
}

@Suite struct ValidationVINTests {
    @Test(arguments: [
        ("WVWZZZ1JZXW000001", "WVWZZZ1JZXW000001"),
        ("WF0XXXGCDX1234567", "WF0XXXGCDX1234567"),
        ("wvw zzz 1jz xw000001", "WVWZZZ1JZXW000001"),
        (" WF0-XXX-GCDX1234567\n", "WF0XXXGCDX1234567"),
        ("1M8GDM9AXKP042788", "1M8GDM9AXKP042788"),
    ])
    func acceptsSeventeenCharacters(input: String, canonical: String) throws {
        let vin = try VIN(parsing: input)
        #expect(vin.canonical == canonical)
        #expect(try VIN(parsing: vin.canonical) == vin)
    }

    @Test func checkDigitIsInformationOnly() throws {
        // The textbook North American VIN has a correct check digit (X = 10).
        #expect(try VIN(parsing: "1M8GDM9AXKP042788").checkDigitValid)
        #expect(VIN.vinCheckDigitValid("11111111111111111"))
        #expect(!VIN.vinCheckDigitValid("1M8GDM9A1KP042788"))
        #expect(!VIN.vinCheckDigitValid("1M8GDM9AX"))
        // European VINs do not use it and are still accepted.
        let european = try VIN(parsing: "WVWZZZ1JZXW000001")
        #expect(!european.checkDigitValid)
    }

    @Test(arguments: [
        ("WVWZZZ1JZXW00000", "16 characters"),
        ("WVWZZZ1JZXW0000011", "18 characters"),
        ("WVWZZZ1JZXW0O0001", "position 13"),
        ("IVWZZZ1JZXW000001", "digit 1"),
        ("WVWZZZ1JZXW00000Q", "digit 0"),
        ("WVWZZZ1JZXW00000Ä", "“Ä”"),
        ("", "required"),
    ])
    func rejectsWrongVINs(input: String, expectedInMessage: String) throws {
        let error = try #require(vinFailure(input))
        #expect(error.field == .vin)
        #expect(error.message.en.contains(expectedInMessage))
        expectReadableMessage(error)
    }

    @Test func lengthMessageNamesBothCounts() throws {
        let error = try #require(vinFailure("WVWZZZ1JZXW00000"))
        #expect(error.message.en.hasPrefix("VIN has 16 characters; a VIN has exactly 17 (letters and digits, no I, O or Q)"))
        #expect(error.message.pl.hasPrefix("VIN ma 16 znaków; VIN ma dokładnie 17 znaków"))
        #expect(error.description.hasPrefix("vin: VIN has 16 characters"))
    }
}
