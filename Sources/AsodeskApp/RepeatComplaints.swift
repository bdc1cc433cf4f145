import AsodeskDomain
import Foundation

/// What makes two complaints the same customer's or the same car's, in the form people type it
/// in many ways: the phone as its last nine digits, the e-mail in lower case, the plate and the
/// VIN without spaces or dashes in capitals, the name folded (case and Polish letters). Finished
/// complaints keep these in their summary, so a repeat is found without reading the log back.
public struct RepeatKeys: Sendable, Hashable {
    public var phone: String?
    public var email: String?
    public var plate: String?
    public var vin: String?

    public init(phone: String?, email: String?, plate: String?, vin: String?) {
        self.phone = Self.phone(phone); self.email = Self.email(email)
        self.plate = Self.code(plate, minimum: 4); self.vin = Self.code(vin, minimum: 11)
    }

    public init(_ intake: Intake) {
        self.init(phone: intake.phone, email: intake.email, plate: intake.plate, vin: intake.vin)
    }

    /// Already normalised values, as a summary stores them.
    init(stored phone: String?, email: String?, plate: String?, vin: String?) {
        self.phone = phone; self.email = email; self.plate = plate; self.vin = vin
    }

    /// The national number: the last nine digits (with or without +48, spaces, dashes).
    static func phone(_ text: String?) -> String? {
        let digits = (text ?? "").filter(\.isASCII).filter(\.isNumber)
        return digits.count >= 9 ? String(digits.suffix(9)) : nil
    }

    static func email(_ text: String?) -> String? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        return trimmed.contains("@") ? trimmed : nil
    }

    static func code(_ text: String?, minimum: Int) -> String? {
        let compact = String((text ?? "").uppercased().filter { $0.isLetter || $0.isNumber })
        return compact.count >= minimum ? compact : nil
    }

    /// A name matches only as a whole name of at least two words, folded.
    static func name(_ text: String?) -> String? {
        let words = ComplaintSearch.fold(text ?? "").split(whereSeparator: { !$0.isLetter })
        return words.count >= 2 ? words.joined(separator: " ") : nil
    }
}

/// One earlier complaint that looks like the one being taken in, and why.
public struct RepeatMatch: Sendable, Hashable {
    public enum Reason: String, Sendable, CaseIterable {
        case phone, email, plate, vin, customer
    }

    public var number: ComplaintNumber
    public var state: ComplaintState
    public var receivedAt: Date
    public var customer: String
    public var reasons: [Reason]

    public var isOpen: Bool { state.isOpen }
}

public enum RepeatComplaints {
    /// What matches between a complaint's keys and the ones sought.
    static func reasons(_ keys: RepeatKeys, name: String?, against sought: RepeatKeys, soughtName: String?) -> [RepeatMatch.Reason] {
        var reasons: [RepeatMatch.Reason] = []
        if let phone = sought.phone, phone == keys.phone { reasons.append(.phone) }
        if let email = sought.email, email == keys.email { reasons.append(.email) }
        if let plate = sought.plate, plate == keys.plate { reasons.append(.plate) }
        if let vin = sought.vin, vin == keys.vin { reasons.append(.vin) }
        if let soughtName, soughtName == name { reasons.append(.customer) }
        return reasons
    }

    /// Open ones first, then the most recent: the one a person at the desk most likely means.
    static func ordered(_ matches: [RepeatMatch]) -> [RepeatMatch] {
        matches.sorted { ($0.isOpen ? 0 : 1, -$0.receivedAt.timeIntervalSince1970, $0.number) < ($1.isOpen ? 0 : 1, -$1.receivedAt.timeIntervalSince1970, $1.number) }
    }
}

extension Desk {
    /// The complaints, open and finished, of the same phone, e-mail, plate, VIN or full name as
    /// `intake` (only the fields given count), `excluding` one (the complaint itself).
    public func repeatsOf(customer: String?, keys: RepeatKeys, excluding: ComplaintNumber? = nil) -> [RepeatMatch] {
        let name = RepeatKeys.name(customer)
        guard keys.phone != nil || keys.email != nil || keys.plate != nil || keys.vin != nil || name != nil else { return [] }
        var matches: [RepeatMatch] = []
        for complaint in state.complaints.inFull where complaint.number != excluding {
            let reasons = RepeatComplaints.reasons(RepeatKeys(complaint.intake), name: RepeatKeys.name(complaint.intake.customer),
                                                   against: keys, soughtName: name)
            if !reasons.isEmpty {
                matches.append(RepeatMatch(number: complaint.number, state: complaint.state, receivedAt: complaint.receivedAt,
                                           customer: complaint.intake.customer, reasons: reasons))
            }
        }
        for entry in state.complaints.finished.repeatKeys() where entry.number != excluding {
            let reasons = RepeatComplaints.reasons(entry.keys, name: RepeatKeys.name(entry.customer), against: keys, soughtName: name)
            if !reasons.isEmpty {
                matches.append(RepeatMatch(number: entry.number, state: .followedUp, receivedAt: entry.receivedAt,
                                           customer: entry.customer, reasons: reasons))
            }
        }
        return RepeatComplaints.ordered(matches)
    }

    /// The repeats of an existing complaint, without the ones it is already linked with.
    public func repeatsOf(_ complaint: Complaint) -> [RepeatMatch] {
        let linked = Set(complaint.links)
        return repeatsOf(customer: complaint.intake.customer, keys: RepeatKeys(complaint.intake), excluding: complaint.number)
            .filter { !linked.contains($0.number) }
    }
}

/// A repeat in words, for the intake form, the link form and the command line.
public enum RepeatText {
    public static func reasons(_ reasons: [RepeatMatch.Reason]) -> LocalizedText {
        let words = reasons.map { reason -> LocalizedText in
            switch reason {
            case .phone: LocalizedText("telefon", "phone")
            case .email: LocalizedText("e-mail", "e-mail")
            case .plate: LocalizedText("nr rej.", "plate")
            case .vin: LocalizedText("VIN", "VIN")
            case .customer: LocalizedText("nazwisko", "name")
            }
        }
        return LocalizedText(words.map(\.pl).joined(separator: ", "), words.map(\.en).joined(separator: ", "))
    }

    /// `R/2026/0012 · otwarta · 12.11 · ten sam telefon, nr rej.`
    public static func line(_ match: RepeatMatch, date: (Date) -> String) -> LocalizedText {
        let state = match.isOpen ? Labels.state(match.state) : LocalizedText("zakończona", "finished")
        let same = reasons(match.reasons)
        return LocalizedText("\(match.number) · \(state.pl) · \(date(match.receivedAt)) · zgadza się: \(same.pl)",
                             "\(match.number) · \(state.en) · \(date(match.receivedAt)) · same \(same.en)")
    }
}
