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

    public init(channel: Channel, category: ComplaintCategory, priority: Priority, legalBasis: LegalBasis,
                customer: String, phone: String? = nil, email: String? = nil, plate: String? = nil, vin: String? = nil,
                vehicle: String? = nil, order: String? = nil, summary: String, remedy: String? = nil) {
        self.channel = channel; self.category = category; self.priority = priority; self.legalBasis = legalBasis
        self.customer = customer; self.phone = phone; self.email = email; self.plate = plate; self.vin = vin
        self.vehicle = vehicle; self.order = order; self.summary = summary; self.remedy = remedy
    }

    /// The normalised intake, or every field error found.
    public func validated() throws(FieldErrors) -> Intake {
        var errors: [FieldError] = []
        func check<T>(_ body: () throws(FieldError) -> T?) -> T? {
            do { return try body() } catch { errors.append(error); return nil }
        }
        func optional(_ raw: String?) -> String? {
            guard let raw else { return nil }
            let text = FreeText.trimmed(raw)
            return text.isEmpty ? nil : text
        }
        let customer = check { () throws(FieldError) in try FreeText.validate(self.customer, field: .customer, limits: Field.customer.textLimits!) }
        let phone = check { () throws(FieldError) in try optional(self.phone).map { raw throws(FieldError) in try PhoneNumber(parsing: raw).canonical } }
        let email = check { () throws(FieldError) in try optional(self.email).map { raw throws(FieldError) in try EmailAddress(parsing: raw).canonical } }
        let plate = check { () throws(FieldError) in try optional(self.plate).map { raw throws(FieldError) in try PlateNumber(parsing: raw).canonical } }
        let vin = check { () throws(FieldError) in try optional(self.vin).map { raw throws(FieldError) in try VIN(parsing: raw).canonical } }
        let order = check { () throws(FieldError) in try optional(self.order).map { raw throws(FieldError) in try RepairOrderNumber(parsing: raw).canonical } }
        let vehicle = check { () throws(FieldError) in try FreeText.validate(self.vehicle ?? "", field: .vehicle, limits: Field.vehicle.textLimits!) }
        let summary = check { () throws(FieldError) in try FreeText.validate(self.summary, field: .summary, limits: Field.summary.textLimits!) }
        let remedy = check { () throws(FieldError) in try FreeText.validate(self.remedy ?? "", field: .remedy, limits: Field.remedy.textLimits!) }
        if optional(self.phone) == nil && optional(self.email) == nil {
            errors.append(FieldError(.phone, pl: "Podaj telefon lub e-mail klienta — bez kontaktu nie przekażemy odpowiedzi.",
                                     en: "Give the customer's phone or e-mail: without a contact we cannot answer."))
        }
        guard errors.isEmpty, let customer, let summary else { throw FieldErrors(errors) }
        return Intake(channel: channel, category: category, priority: priority, legalBasis: legalBasis,
                      customer: customer, phone: phone, email: email, plate: plate, vin: vin, vehicle: vehicle,
                      order: order, summary: summary, remedy: remedy)
    }
}
