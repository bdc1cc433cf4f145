/// A complaint as typed in (CLI options or the intake screen): raw text, checked field by field.
/// `validated()` reports every field's problem at once, so a form can show each next to its field
/// and nothing typed is lost.
public struct IntakeForm: Sendable, Hashable {
    public var channel: Channel
    public var category: ComplaintCategory
    public var priority: Priority
    public var legalBasis: LegalBasis
    public var customer: String
    public var phone: String?
    public var email: String?
    public var plate: String?
    public var vin: String?
    public var vehicle: String?
    public var order: String?
    public var summary: String
    public var remedy: String?
    /// How the customer wants to be contacted, as typed (`ContactPreference` raw value; empty: not given).
    public var contactPreference: String?

    public init(channel: Channel, category: ComplaintCategory, priority: Priority, legalBasis: LegalBasis,
                customer: String, phone: String? = nil, email: String? = nil, plate: String? = nil, vin: String? = nil,
                vehicle: String? = nil, order: String? = nil, summary: String, remedy: String? = nil,
                contactPreference: String? = nil) {
        self.channel = channel; self.category = category; self.priority = priority; self.legalBasis = legalBasis
        self.customer = customer; self.phone = phone; self.email = email; self.plate = plate; self.vin = vin
        self.vehicle = vehicle; self.order = order; self.summary = summary; self.remedy = remedy
        self.contactPreference = contactPreference
    }

    /// The normalised intake, or every field error found, in the order of `Field.allCases`.
    public func validated() throws(FieldErrors) -> Intake {
        var errors: [FieldError] = []
        func field(_ raw: String?, _ field: Field) -> String? {
            switch Validation.normalise(raw ?? "", as: field) {
            case .success(let value): return value
            case .failure(let error): errors.append(error); return nil
            }
        }
        let customer = field(self.customer, .customer)
        let phone = field(self.phone, .phone)
        let email = field(self.email, .email)
        if FreeText.trimmed(self.phone ?? "").isEmpty && FreeText.trimmed(self.email ?? "").isEmpty {
            errors.append(Validation.contactRequired)
        }
        let preference = field(self.contactPreference, .contactPreference).flatMap(ContactPreference.init(rawValue:))
        if let preference, let rule = Validation.contactPreferenceRule(preference, phone: phone, email: email) { errors.append(rule) }
        let plate = field(self.plate, .plate), vin = field(self.vin, .vin), vehicle = field(self.vehicle, .vehicle)
        let order = field(self.order, .order), summary = field(self.summary, .summary), remedy = field(self.remedy, .remedy)
        guard errors.isEmpty, let customer, let summary else {
            let fieldOrder = Field.allCases
            throw FieldErrors(errors.sorted { fieldOrder.firstIndex(of: $0.field)! < fieldOrder.firstIndex(of: $1.field)! })
        }
        return Intake(channel: channel, category: category, priority: priority, legalBasis: legalBasis,
                      customer: customer, phone: phone, email: email, plate: plate, vin: vin, vehicle: vehicle,
                      order: order, summary: summary, remedy: remedy, contactPreference: preference)
    }
}

// MARK: Corrections

extension IntakeForm {
    /// A stored intake as a form again: what a correction starts from.
    public init(_ intake: Intake) {
        self.init(channel: intake.channel, category: intake.category, priority: intake.priority, legalBasis: intake.legalBasis,
                  customer: intake.customer, phone: intake.phone, email: intake.email, plate: intake.plate, vin: intake.vin,
                  vehicle: intake.vehicle, order: intake.order, summary: intake.summary, remedy: intake.remedy,
                  contactPreference: intake.contactPreference?.rawValue)
    }

    /// The raw text of a correctable field (`Field.correctable`); setting another field does nothing.
    public subscript(field: Field) -> String? {
        get {
            switch field {
            case .customer: customer
            case .phone: phone
            case .email: email
            case .contactPreference: contactPreference
            case .plate: plate
            case .vin: vin
            case .vehicle: vehicle
            case .order: order
            case .summary: summary
            case .remedy: remedy
            default: nil
            }
        }
        set {
            switch field {
            case .customer: customer = newValue ?? ""
            case .summary: summary = newValue ?? ""
            case .phone: phone = newValue
            case .email: email = newValue
            case .contactPreference: contactPreference = newValue
            case .plate: plate = newValue
            case .vin: vin = newValue
            case .vehicle: vehicle = newValue
            case .order: order = newValue
            case .remedy: remedy = newValue
            default: break
            }
        }
    }

    /// The corrections that turn `intake` into what was typed for some of its fields (raw text;
    /// empty clears an optional field), checked exactly as at intake: every field's error at once,
    /// the contact rule across phone and e-mail included. A value that is the current one once
    /// normalised is an error on its field (nothing would be corrected). In `Field.correctable` order.
    public static func corrections(of intake: Intake, to typed: [Field: String]) throws(FieldErrors) -> [IntakeCorrection] {
        var form = IntakeForm(intake)
        var errors: [FieldError] = []
        for (field, raw) in typed {
            guard Field.correctable.contains(field) else {
                errors.append(FieldError(field, pl: "\(field.label.pl): tego pola nie poprawia się po przyjęciu.",
                                         en: "\(field.label.en): this field is not corrected after intake."))
                continue
            }
            form[field] = raw
        }
        let corrected: Intake
        do throws(FieldErrors) {
            corrected = try form.validated()
        } catch {
            throw FieldErrors(error.errors + errors)
        }
        var result: [IntakeCorrection] = []
        for field in Field.correctable where typed[field] != nil {
            let old = intake[field], new = corrected[field]
            if old == new {
                let now = old.map(Wording.quoted) ?? "—"
                errors.append(FieldError(field, pl: "\(field.label.pl): to ta sama wartość co teraz (\(now)); wpisz poprawioną albo zostaw pole bez zmian.",
                                         en: "\(field.label.en): that is the value it has now (\(now)); type the corrected one or leave the field as it is."))
            } else {
                result.append(IntakeCorrection(field: field, old: old, new: new))
            }
        }
        guard errors.isEmpty else {
            let order = Field.allCases
            throw FieldErrors(errors.sorted { order.firstIndex(of: $0.field)! < order.firstIndex(of: $1.field)! })
        }
        return result
    }
}
