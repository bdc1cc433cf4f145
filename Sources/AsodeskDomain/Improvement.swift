import Foundation

// The register of corrective and preventive actions (ISO 10002 "improve"): records of their own in
// the log, not complaint events. Pure: the desk supplies what exists (complaints, people,
// procedures) and the clock.

/// The number of an action: `D-2026/7` (działanie), counted per site-local year of opening.
public struct ActionID: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var year: Int
    public var serial: Int
    public init(year: Int, serial: Int) { self.year = year; self.serial = serial }

    public var description: String { "D-\(year)/\(serial)" }

    /// Accepts what people type: `D-2026/7`, `d-2026/7`, `D/2026/7`.
    public init?(text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard let first = rest.first, first == "D" || first == "d" else { return nil }
        rest = rest.dropFirst()
        guard let separator = rest.first, separator == "-" || separator == "/" else { return nil }
        let parts = rest.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), let serial = Int(parts[1]), year >= 2000, serial > 0 else { return nil }
        self.init(year: year, serial: serial)
    }

    public static func < (a: ActionID, b: ActionID) -> Bool { (a.year, a.serial) < (b.year, b.serial) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = ActionID(text: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an action id: \(text)"))
        }
        self = id
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

public enum ImprovementKind: String, Codable, CaseIterable, Sendable {
    case corrective, preventive
    /// The two-yearly review of a procedure (`ImprovementOpening.procedure` names it).
    case procedureReview = "procedure-review"
}

public enum ImprovementStatus: String, Codable, CaseIterable, Sendable {
    case open, done
    case verifiedEffective = "verified-effective"
    case notEffective = "not-effective"
    case cancelled
}

/// What an action is when opened.
public struct ImprovementOpening: Codable, Sendable, Hashable {
    public var kind: ImprovementKind
    public var title: String
    /// Cause codes of the site's catalogue: `code` or `code/sub`, lowercase words joined by hyphens.
    public var causes: [String]
    /// The complaints the action answers.
    public var complaints: [ComplaintNumber]
    /// The operator id responsible for it.
    public var owner: String
    public var due: LocalDate
    /// How the team will know it worked.
    public var measure: String
    /// The procedure reviewed (kind `procedure-review` only).
    public var procedure: String?
    /// The action found not effective that this one follows up.
    public var followUpOf: ActionID?

    public init(kind: ImprovementKind, title: String, causes: [String] = [], complaints: [ComplaintNumber] = [],
                owner: String, due: LocalDate, measure: String, procedure: String? = nil, followUpOf: ActionID? = nil) {
        self.kind = kind; self.title = title; self.causes = causes; self.complaints = complaints
        self.owner = owner; self.due = due; self.measure = measure; self.procedure = procedure; self.followUpOf = followUpOf
    }
}

/// Changes to an open action; nil members stay as they are. The reason is required.
public struct ImprovementAmendment: Codable, Sendable, Hashable {
    public var title: String?
    public var owner: String?
    public var due: LocalDate?
    public var measure: String?
    public var causes: [String]?
    public var complaints: [ComplaintNumber]?
    public var reason: String

    public init(title: String? = nil, owner: String? = nil, due: LocalDate? = nil, measure: String? = nil,
                causes: [String]? = nil, complaints: [ComplaintNumber]? = nil, reason: String) {
        self.title = title; self.owner = owner; self.due = due; self.measure = measure
        self.causes = causes; self.complaints = complaints; self.reason = reason
    }

    public var changesNothing: Bool {
        title == nil && owner == nil && due == nil && measure == nil && causes == nil && complaints == nil
    }
}

/// One step of an action's life. Stored as an object with exactly one of the keys
/// `open`, `amend`, `done`, `verify`, `cancel` (docs/log-format.md, "Improvement entries").
public enum ImprovementChange: Sendable, Hashable, Codable {
    case open(ImprovementOpening)
    case amend(ImprovementAmendment)
    case done(note: String)
    case verify(effective: Bool, note: String)
    case cancel(reason: String)

    public var verb: ImprovementVerb {
        switch self {
        case .open: .open
        case .amend: .amend
        case .done: .done
        case .verify: .verify
        case .cancel: .cancel
        }
    }

    private enum Key: String, CodingKey { case open, amend, done, verify, cancel }
    private struct Note: Codable { var note: String }
    private struct Reason: Codable { var reason: String }
    private struct Verification: Codable { var effective: Bool; var note: String }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "an improvement change has exactly one of open, amend, done, verify, cancel"))
        }
        switch key {
        case .open: self = .open(try c.decode(ImprovementOpening.self, forKey: key))
        case .amend: self = .amend(try c.decode(ImprovementAmendment.self, forKey: key))
        case .done: self = .done(note: try c.decode(Note.self, forKey: key).note)
        case .verify:
            let v = try c.decode(Verification.self, forKey: key)
            self = .verify(effective: v.effective, note: v.note)
        case .cancel: self = .cancel(reason: try c.decode(Reason.self, forKey: key).reason)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .open(let opening): try c.encode(opening, forKey: .open)
        case .amend(let amendment): try c.encode(amendment, forKey: .amend)
        case .done(let note): try c.encode(Note(note: note), forKey: .done)
        case .verify(let effective, let note): try c.encode(Verification(effective: effective, note: note), forKey: .verify)
        case .cancel(let reason): try c.encode(Reason(reason: reason), forKey: .cancel)
        }
    }
}

public enum ImprovementVerb: String, Codable, CaseIterable, Sendable {
    case open, amend, done, verify, cancel
}

/// One record of the register: which action, who, when, what.
public struct ImprovementEvent: Codable, Sendable, Hashable {
    public var id: ActionID
    public var actor: Actor
    public var occurredAt: Date
    public var recordedAt: Date
    public var change: ImprovementChange

    public init(id: ActionID, actor: Actor, occurredAt: Date, recordedAt: Date, change: ImprovementChange) {
        self.id = id; self.actor = actor; self.occurredAt = occurredAt; self.recordedAt = recordedAt; self.change = change
    }
}

/// An action as its records leave it.
public struct ImprovementAction: Codable, Sendable, Hashable {
    public var id: ActionID
    public var kind: ImprovementKind
    public var title: String
    public var causes: [String]
    public var complaints: [ComplaintNumber]
    public var owner: String
    public var due: LocalDate
    public var measure: String
    public var procedure: String?
    public var followUpOf: ActionID?
    public var status: ImprovementStatus
    public var openedBy: Actor
    public var openedAt: Date
    /// When it was marked done (the effectiveness check counts from the site-local day of this).
    public var doneAt: Date?
    public var history: [ImprovementEvent]

    public init(opening: ImprovementOpening, event: ImprovementEvent) {
        id = event.id; kind = opening.kind; title = opening.title; causes = opening.causes
        complaints = opening.complaints; owner = opening.owner; due = opening.due; measure = opening.measure
        procedure = opening.procedure; followUpOf = opening.followUpOf
        status = .open; openedBy = event.actor; openedAt = event.occurredAt; doneAt = nil; history = [event]
    }
}

/// What the desk knows that the rules ask about.
public struct ImprovementContext {
    public var complaintExists: (ComplaintNumber) -> Bool
    /// Who may own an action (the site's operators; without them, the people the log knows).
    public var owners: [String]
    public var procedures: [String]
    /// An action of the register, for follow-ups.
    public var action: (ActionID) -> ImprovementAction?

    public init(complaintExists: @escaping (ComplaintNumber) -> Bool, owners: [String], procedures: [String],
                action: @escaping (ActionID) -> ImprovementAction?) {
        self.complaintExists = complaintExists; self.owners = owners; self.procedures = procedures; self.action = action
    }
}

public enum ImprovementRules {
    public static let titleLimit = 120
    public static let textLimit = 1000

    /// Whether `code` has the form of a cause code: `code` or `code/sub`, each lowercase letters
    /// and digits joined by single hyphens (the catalogue itself is the site's).
    public static func isCauseCode(_ code: String) -> Bool {
        let parts = code.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { part in
            let words = part.split(separator: "-", omittingEmptySubsequences: false)
            return !part.isEmpty && part.count <= 40 && words.allSatisfy { word in
                !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            }
        }
    }

    /// Checks one change against the action as it stands (nil before `open`). Throws the refusal
    /// in words; nothing is written on a refusal.
    public static func check(_ change: ImprovementChange, on action: ImprovementAction?, by actor: Actor,
                             context: ImprovementContext) throws(Refusal) {
        if actor.role == .trainee {
            throw Refusal(pl: "Praktykant nie prowadzi działań korygujących; poproś doradcę albo kierownika zmiany.",
                          en: "A trainee does not work the action register; ask an advisor or the shift lead.")
        }
        switch change {
        case .open(let opening):
            try checkOpening(opening, by: actor, context: context)
        case .amend(let amendment):
            let action = try existing(action)
            try mayChange(action, by: actor, what: LocalizedText("zmienić", "amend"))
            guard action.status == .open else { throw stateRefusal(action, allowed: [.open], what: LocalizedText("zmienić", "amended")) }
            guard !amendment.changesNothing else {
                throw Refusal(pl: "Zmiana niczego nie zmienia: podaj, co zmienić (tytuł, właściciela, termin, miernik, przyczyny albo reklamacje).",
                              en: "The amendment changes nothing: say what to change (title, owner, due date, measure, causes or complaints).")
            }
            try text(amendment.reason, LocalizedText("Powód zmiany", "The reason"), limit: textLimit)
            if let title = amendment.title { try text(title, LocalizedText("Tytuł", "The title"), limit: titleLimit) }
            if let measure = amendment.measure { try text(measure, LocalizedText("Miernik skuteczności", "The measure of success"), limit: textLimit) }
            if let owner = amendment.owner { try checkOwner(owner, context: context) }
            if let causes = amendment.causes { try checkCauses(causes) }
            if let complaints = amendment.complaints { try checkComplaints(complaints, context: context) }
        case .done(let note):
            let action = try existing(action)
            try mayChange(action, by: actor, what: LocalizedText("oznaczyć jako wykonane", "mark done"))
            guard action.status == .open else { throw stateRefusal(action, allowed: [.open], what: LocalizedText("oznaczyć jako wykonane", "marked done")) }
            try text(note, LocalizedText("Opis wykonania", "What was done"), limit: textLimit)
        case .verify(_, let note):
            let action = try existing(action)
            guard actor.role == .lead else {
                throw Refusal(pl: "Skuteczność działania ocenia tylko kierownik zmiany.",
                              en: "Only the shift lead verifies whether an action was effective.")
            }
            guard action.status == .done else {
                throw Refusal(pl: "Działanie \(action.id) jest \(statusPL(action.status)): skuteczność ocenia się dopiero po wykonaniu (najpierw „wykonane”).",
                              en: "Action \(action.id) is \(statusEN(action.status)): effectiveness is verified only once it is done (mark it done first).")
            }
            try text(note, LocalizedText("Uzasadnienie oceny", "The note on the verification"), limit: textLimit)
        case .cancel(let reason):
            let action = try existing(action)
            guard actor.role == .lead else {
                throw Refusal(pl: "Działanie anuluje tylko kierownik zmiany.", en: "Only the shift lead cancels an action.")
            }
            guard action.status == .open || action.status == .done else {
                throw stateRefusal(action, allowed: [.open, .done], what: LocalizedText("anulować", "cancelled"))
            }
            try text(reason, LocalizedText("Powód anulowania", "The reason for cancelling"), limit: textLimit)
        }
    }

    /// The action after `event` (which `check` accepted); nil before an `open` stays nil for any other change.
    public static func apply(_ event: ImprovementEvent, to action: ImprovementAction?) -> ImprovementAction? {
        if case .open(let opening) = event.change {
            return action ?? ImprovementAction(opening: opening, event: event)
        }
        guard var action else { return nil }
        action.history.append(event)
        switch event.change {
        case .open: break
        case .amend(let a):
            if let v = a.title { action.title = v }
            if let v = a.owner { action.owner = v }
            if let v = a.due { action.due = v }
            if let v = a.measure { action.measure = v }
            if let v = a.causes { action.causes = v }
            if let v = a.complaints { action.complaints = v }
        case .done:
            action.status = .done
            action.doneAt = event.occurredAt
        case .verify(let effective, _):
            action.status = effective ? .verifiedEffective : .notEffective
        case .cancel:
            action.status = .cancelled
        }
        return action
    }

    private static func checkOpening(_ opening: ImprovementOpening, by actor: Actor, context: ImprovementContext) throws(Refusal) {
        try text(opening.title, LocalizedText("Tytuł", "The title"), limit: titleLimit)
        try text(opening.measure, LocalizedText("Miernik skuteczności", "The measure of success"), limit: textLimit)
        try checkOwner(opening.owner, context: context)
        try checkCauses(opening.causes)
        try checkComplaints(opening.complaints, context: context)
        switch opening.kind {
        case .procedureReview:
            guard actor.role == .lead else {
                throw Refusal(pl: "Przegląd procedury jako działanie otwiera kierownik zmiany.",
                              en: "Only the shift lead opens a procedure review as an action.")
            }
            guard let procedure = opening.procedure, context.procedures.contains(procedure) else {
                throw Refusal(pl: "Przegląd procedury musi wskazać procedurę z biblioteki: \(context.procedures.joined(separator: ", ")).",
                              en: "A procedure review names a procedure of the library: \(context.procedures.joined(separator: ", ")).")
            }
        case .corrective, .preventive:
            guard opening.procedure == nil else {
                throw Refusal(pl: "Procedurę wskazuje tylko przegląd procedury.", en: "Only a procedure review names a procedure.")
            }
        }
        if let earlier = opening.followUpOf {
            guard actor.role == .lead else {
                throw Refusal(pl: "Działanie następcze po nieskutecznym otwiera kierownik zmiany.",
                              en: "Only the shift lead opens a follow-up of an action found not effective.")
            }
            guard let previous = context.action(earlier), previous.status == .notEffective else {
                throw Refusal(pl: "Działanie następcze dotyczy działania ocenionego jako nieskuteczne; \(earlier) takim nie jest.",
                              en: "A follow-up answers an action verified as not effective; \(earlier) is not one.")
            }
        }
    }

    private static func existing(_ action: ImprovementAction?) throws(Refusal) -> ImprovementAction {
        guard let action else { throw noSuchAction(nil) }
        return action
    }

    /// There is no action `id` (nil: none was named).
    public static func noSuchAction(_ id: ActionID?) -> Refusal {
        let which = id.map { " \($0)" } ?? ""
        return Refusal(pl: "Nie ma działania\(which); sprawdź numer (np. D-2026/7); `asodesk action list --all` pokazuje wszystkie.",
                       en: "There is no action\(which); check the id (like D-2026/7); `asodesk action list --all` shows every one.")
    }

    private static func mayChange(_ action: ImprovementAction, by actor: Actor, what: LocalizedText) throws(Refusal) {
        guard actor.role == .lead || actor.id == action.owner else {
            throw Refusal(pl: "Działanie \(action.id) prowadzi \(action.owner): może je \(what.pl) ta osoba albo kierownik zmiany.",
                          en: "Action \(action.id) is \(action.owner)'s: only they or the shift lead may \(what.en) it.")
        }
    }

    private static func stateRefusal(_ action: ImprovementAction, allowed: [ImprovementStatus], what: LocalizedText) -> Refusal {
        Refusal(pl: "Działanie \(action.id) jest \(statusPL(action.status)); można je \(what.pl) tylko, gdy jest \(allowed.map(statusPL).joined(separator: " albo ")).",
                en: "Action \(action.id) is \(statusEN(action.status)); it can be \(what.en) only when \(allowed.map(statusEN).joined(separator: " or ")).")
    }

    static func statusPL(_ status: ImprovementStatus) -> String {
        switch status {
        case .open: "otwarte"
        case .done: "wykonane"
        case .verifiedEffective: "skuteczne"
        case .notEffective: "nieskuteczne"
        case .cancelled: "anulowane"
        }
    }

    static func statusEN(_ status: ImprovementStatus) -> String {
        switch status {
        case .open: "open"
        case .done: "done"
        case .verifiedEffective: "verified effective"
        case .notEffective: "not effective"
        case .cancelled: "cancelled"
        }
    }

    private static func text(_ value: String, _ field: LocalizedText, limit: Int) throws(Refusal) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw Refusal(pl: "\(field.pl): pole jest wymagane; wpisz je.", en: "\(field.en) is required; fill it in.")
        }
        guard trimmed.count <= limit else {
            throw Refusal(pl: "\(field.pl): za długi tekst (\(trimmed.count) znaków); skróć do \(limit).",
                          en: "\(field.en) is too long (\(trimmed.count) characters); shorten it to \(limit).")
        }
    }

    private static func checkOwner(_ owner: String, context: ImprovementContext) throws(Refusal) {
        guard context.owners.contains(owner) else {
            throw Refusal(pl: "„\(SafeText.singleLine(owner, maxCharacters: 40))” nie jest osobą znaną temu stanowisku; właścicielem może być: \(context.owners.joined(separator: ", ")).",
                          en: "'\(SafeText.singleLine(owner, maxCharacters: 40))' is not a person this desk knows; the owner may be: \(context.owners.joined(separator: ", ")).")
        }
    }

    private static func checkCauses(_ causes: [String]) throws(Refusal) {
        if let bad = causes.first(where: { !isCauseCode($0) }) {
            throw Refusal(pl: "„\(SafeText.singleLine(bad, maxCharacters: 40))” nie jest kodem przyczyny: kod to małe litery i cyfry połączone myślnikami, z podprzyczyną po „/” (np. workshop-error/torque).",
                          en: "'\(SafeText.singleLine(bad, maxCharacters: 40))' is not a cause code: a code is lowercase letters and digits joined by hyphens, a sub-cause after '/' (e.g. workshop-error/torque).")
        }
    }

    private static func checkComplaints(_ complaints: [ComplaintNumber], context: ImprovementContext) throws(Refusal) {
        if let missing = complaints.first(where: { !context.complaintExists($0) }) {
            throw Refusal(pl: "Nie ma reklamacji \(missing); działanie może odpowiadać tylko na reklamacje tego stanowiska.",
                          en: "There is no complaint \(missing); an action answers only complaints of this desk.")
        }
    }
}

/// The site's rules for the register (`[improvement]` in site.toml).
public struct ImprovementSettings: Hashable, Codable, Sendable {
    /// The effectiveness check falls due this many weeks after an action is done.
    public var effectivenessCheckWeeks: Int
    /// An action is "due soon" this many days before its due date; nil: the legal warning days.
    public var warningDays: Int?
    public init(effectivenessCheckWeeks: Int = 8, warningDays: Int? = nil) {
        self.effectivenessCheckWeeks = effectivenessCheckWeeks; self.warningDays = warningDays
    }
    public static let standard = ImprovementSettings()
}

/// The two timers of an action, in site-local days: its due date and the effectiveness check.
public enum ImprovementTimers {
    public enum DueState: String, Codable, Sendable, Hashable { case onTime = "on-time", dueSoon = "due-soon", overdue }

    /// Where an open action stands against its due date on `today`; nil when it is no longer open.
    public static func dueState(of action: ImprovementAction, today: LocalDate, warningDays: Int) -> DueState? {
        guard action.status == .open else { return nil }
        return dueState(due: action.due, today: today, warningDays: warningDays)
    }

    /// Overdue the day after `due`; due soon from `warningDays` days before it.
    public static func dueState(due: LocalDate, today: LocalDate, warningDays: Int) -> DueState {
        if today > due { return .overdue }
        return today.days(until: due) <= max(0, warningDays) ? .dueSoon : .onTime
    }

    /// The day the effectiveness check of a done action falls due: `weeks` weeks after the day it
    /// was done (`doneOn`, site-local).
    public static func checkDue(doneOn: LocalDate, weeks: Int) -> LocalDate { doneOn.adding(days: 7 * max(0, weeks)) }

    /// The due date of a procedure's next review: `years` after its last one (29 February → 28).
    public static func reviewDue(reviewed: LocalDate, years: Int = 2) -> LocalDate {
        let year = reviewed.year + years
        return LocalDate(year: year, month: reviewed.month, day: min(reviewed.day, LocalDate.daysIn(month: reviewed.month, year: year)))
    }
}
