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
        let plate = field(self.plate, .plate), vin = field(self.vin, .vin), vehicle = field(self.vehicle, .vehicle)
        let order = field(self.order, .order), summary = field(self.summary, .summary), remedy = field(self.remedy, .remedy)
        guard errors.isEmpty, let customer, let summary else {
            let fieldOrder = Field.allCases
            throw FieldErrors(errors.sorted { fieldOrder.firstIndex(of: $0.field)! < fieldOrder.firstIndex(of: $1.field)! })
        }
        return Intake(channel: channel, category: category, priority: priority, legalBasis: legalBasis,
                      customer: customer, phone: phone, email: email, plate: plate, vin: vin, vehicle: vehicle,
                      order: order, summary: summary, remedy: remedy)
    }
}
