// One entry point per field, for the intake form (validate as the person types, show the message
// beside the field) and the CLI (validate an argument, print "field: message").

public enum Validation {
    /// Checks one field's raw input and returns its canonical stored form, or nil when an optional
    /// field is left empty. Required fields (customer, summary, note, reason and the fixed-choice
    /// fields) fail when empty; the contact rule across phone and e-mail is checked by `IntakeForm`.
    public static func normalise(_ raw: String, as field: Field) -> Result<String?, FieldError> {
        do throws(FieldError) {
            if let limits = field.textLimits {
                return .success(try FreeText.validate(raw, field: field, limits: limits))
            }
            let trimmed = FreeText.trimmed(raw)
            let isChoice = [.channel, .category, .priority, .legalBasis, .outcome, .waitReason].contains(field)
            if trimmed.isEmpty {
                if isChoice || field == .assignee || field == .complaint { throw FreeText.required(field) }
                return .success(nil)
            }
            switch field {
            case .phone: return .success(try PhoneNumber(parsing: trimmed).canonical)
            case .email: return .success(try EmailAddress(parsing: trimmed).canonical)
            case .plate: return .success(try PlateNumber(parsing: trimmed).canonical)
            case .vin: return .success(try VIN(parsing: trimmed).canonical)
            case .order: return .success(try RepairOrderNumber(parsing: trimmed).canonical)
            case .channel: return .success(try choice(trimmed, as: field, Channel.self).rawValue)
            case .category: return .success(try choice(trimmed, as: field, ComplaintCategory.self).rawValue)
            case .priority: return .success(try choice(trimmed, as: field, Priority.self).rawValue)
            case .legalBasis: return .success(try choice(trimmed, as: field, LegalBasis.self).rawValue)
            case .outcome: return .success(try choice(trimmed, as: field, DecisionOutcome.self).rawValue)
            case .waitReason: return .success(try choice(trimmed, as: field, WaitReason.self).rawValue)
            case .contactPreference: return .success(try choice(trimmed, as: field, ContactPreference.self).rawValue)
            case .sha256: return .success(try sha256(trimmed))
            case .cause:
                // Only the form of a code here: which codes exist is the site's catalogue (`Lifecycle.unknownCause`).
                guard let code = CauseCode(text: trimmed.lowercased()) else {
                    throw FieldError(.cause, pl: "Przyczyna to kod z katalogu, np. workshop-error albo workshop-error/diagnosis.",
                                     en: "A cause is a catalogue code, e.g. workshop-error or workshop-error/diagnosis.")
                }
                return .success(code.text)
            case .assignee, .complaint: return .success(try identifier(trimmed, as: field))
            case .customer, .vehicle, .summary, .remedy, .reason, .note, .address, .reference:
                // Free-text fields always have limits and were handled above.
                return .success(trimmed)
            }
        } catch {
            return .failure(error)
        }
    }

    /// One of a fixed set of values by its raw (scripting) name. Case does not matter, and spaces or
    /// underscores may stand for dashes: "In person" and "in_person" both give `Channel.inPerson`.
    public static func choice<Value: RawRepresentable & CaseIterable>(
        _ raw: String, as field: Field, _ type: Value.Type = Value.self
    ) throws(FieldError) -> Value where Value.RawValue == String {
        let key = String(FreeText.trimmed(raw).lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 })
        if let value = Value.allCases.first(where: { $0.rawValue.lowercased() == key }) { return value }
        if key.isEmpty { throw FreeText.required(field) }
        let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
        throw FieldError(
            field,
            pl: "\(field.label.pl): nieznana wartość \(Wording.quoted(raw)); dozwolone: \(allowed).",
            en: "\(field.label.en): unknown value \(Wording.quoted(raw)); use one of: \(allowed).")
    }

    /// A SHA-256 as 64 hex digits, stored in lowercase; spaces and colons people copy with it are dropped.
    public static func sha256(_ raw: String) throws(FieldError) -> String {
        let hex = String(FreeText.trimmed(raw).lowercased().unicodeScalars.filter { $0 != " " && $0 != ":" }.map(Character.init))
        guard hex.count == 64, hex.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) }) else {
            throw FieldError(.sha256, pl: "SHA-256 to 64 cyfry szesnastkowe (0–9, a–f); ten ma \(Wording.charactersPL(hex.count)). "
                                        + "Wskaż plik (--file), a asodesk policzy skrót sam.",
                             en: "A SHA-256 is 64 hex digits (0–9, a–f); this one has \(Wording.charactersEN(hex.count)). "
                                        + "Name the file (--file) and asodesk computes it.")
        }
        return hex
    }

    /// Longest identifier (operator id, complaint number) accepted.
    public static let identifierMaximumLength = 40

    /// An operator id or complaint number: 1–40 characters of letters, digits, "-", "_", "." and "/",
    /// kept as typed apart from trimming; nothing that could be mistaken for two arguments.
    public static func identifier(_ raw: String, as field: Field) throws(FieldError) -> String {
        let text = FreeText.trimmed(raw)
        if text.isEmpty { throw FreeText.required(field) }
        for scalar in text.unicodeScalars {
            let isAllowed = scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
                || "-_./".unicodeScalars.contains(scalar)
            guard isAllowed else {
                throw FieldError(
                    field,
                    pl: "\(field.label.pl) może zawierać tylko litery, cyfry i znaki - _ . /; usuń \(Wording.quoted(scalar)).",
                    en: "\(field.label.en) may contain only letters, digits and - _ . /; remove \(Wording.quoted(scalar)).")
            }
        }
        guard text.count <= identifierMaximumLength else {
            throw FieldError(
                field,
                pl: "\(field.label.pl) ma \(Wording.charactersPL(text.count)); dopuszczalne najwyżej \(identifierMaximumLength).",
                en: "\(field.label.en) has \(Wording.charactersEN(text.count)); at most \(identifierMaximumLength) are allowed.")
        }
        return text
    }

    /// A preference the desk can follow: an e-mail needs the customer's e-mail address, a call or an
    /// SMS their phone number. Shown beside the preference; nil when it can be followed.
    public static func contactPreferenceRule(_ preference: ContactPreference, phone: String?, email: String?) -> FieldError? {
        switch preference {
        case .email where email == nil:
            FieldError(.contactPreference, pl: "Kontakt e-mailem wymaga adresu e-mail klienta; podaj go albo wybierz inny sposób kontaktu.",
                       en: "Contact by e-mail needs the customer's e-mail address; give it or choose another way.")
        case .phone where phone == nil, .sms where phone == nil:
            FieldError(.contactPreference, pl: "\(preference == .sms ? "SMS" : "Kontakt telefoniczny") wymaga numeru telefonu klienta; podaj go albo wybierz inny sposób kontaktu.",
                       en: "Contact by \(preference == .sms ? "SMS" : "phone") needs the customer's phone number; give it or choose another way.")
        default:
            nil
        }
    }

    /// The error shown beside the phone field when neither a phone number nor an e-mail address is given.
    public static let contactRequired = FieldError(
        .phone,
        pl: "Podaj telefon lub e-mail klienta — co najmniej jedno jest potrzebne do kontaktu.",
        en: "Give the customer's phone or e-mail — at least one is needed to reach them.")
}
