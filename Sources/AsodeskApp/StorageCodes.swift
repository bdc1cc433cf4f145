import AsodeskDomain

/// One vocabulary's byte codes in storage: a value's code is its position in `values` plus one;
/// 0 stands for "none". The table, not the Swift enum's order, is the schema, so reordering or
/// extending an enum can never make stored bytes decode as another value.
struct CodeTable<Value: Hashable & Sendable>: Sendable {
    // One array, nothing else: the table is read for every field of every event a replay decodes.
    let values: [Value]

    init(_ values: [Value]) {
        precondition(Set(values).count == values.count && values.count < 0x7F, "a code table lists each value once")
        self.values = values
    }

    /// The value's code (1…). Every value of the vocabulary is listed (`StorageCodesTests`).
    func code(_ value: Value) -> UInt8 { UInt8(values.firstIndex(of: value)! + 1) }
    /// The code, or 0 for nil.
    func code(_ value: Value?) -> UInt8 { value.map(code) ?? 0 }
    /// The value of `code`; nil for 0 or a code this version does not know.
    @inline(__always)
    func value(_ code: UInt8) -> Value? { code >= 1 && Int(code) <= values.count ? values[Int(code) - 1] : nil }
}

/// The code tables every binary form of the desk writes: event payloads (`BinaryEventCodec`) and
/// the finished complaints of a snapshot (`FinishedEntry`). Append new values at the end; never
/// reorder, remove or reuse one (see docs/log-format.md).
enum StorageCodes {
    static let channels = CodeTable<Channel>([.phone, .email, .web, .social, .letter, .inPerson,
                                                      .suggestionBox, .commentBook])
    static let categories = CodeTable<ComplaintCategory>([.repair, .damage, .invoice, .delay, .staff, .parts, .warranty,
                                                          .communication, .other])
    static let priorities = CodeTable<Priority>([.normal, .high, .critical])
    static let bases = CodeTable<LegalBasis>([.consumer, .business, .warranty, .goodwill])
    static let roles = CodeTable<Role>([.trainee, .advisor, .lead])
    static let reasons = CodeTable<WaitReason>([.customer, .parts, .manufacturer])
    static let outcomes = CodeTable<DecisionOutcome>([.accepted, .partly, .rejected])
    static let states = CodeTable<ComplaintState>([.received, .acknowledged, .inAnalysis, .waiting, .decided, .closed, .followedUp])
    static let verbs = CodeTable<ActionVerb>([.receive, .acknowledge, .contact, .wait, .resume, .assign, .escalate, .decide,
                                              .close, .reopen, .note, .check, .override, .followUp, .answer, .delivered, .amend,
                                              .withdrawTick, .link, .attach, .markTest])
    static let media = CodeTable<AnswerMedium>([.letter, .email, .inPerson, .other])
    /// The fields a correction names: the intake's (`Field.correctable`), then the decision's cause.
    static let correctableFields = CodeTable<Field>([.customer, .phone, .email, .plate, .vin, .vehicle, .order, .summary, .remedy,
                                                     .contactPreference, .cause])
    /// How the customer wants to be contacted (`Intake.contactPreference`, trailing field 2 of a receipt).
    static let contactPreferences = CodeTable<ContactPreference>([.phone, .sms, .email, .letter, .inPerson])
}
