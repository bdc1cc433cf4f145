import AsodeskDomain
import Foundation

/// The action register in words (the command line) and as JSON (`action list --json`).
public enum ImprovementText {
    /// The row's id as every surface shows it: `D-2026/7`, or the procedure for a review not yet logged.
    public static func id(_ row: RegisterRow) -> String {
        switch row.source {
        case .logged(let action): action.id.description
        case .procedureReview(let procedure, _, _): "(\(procedure))"
        }
    }

    public static func title(_ row: RegisterRow, language: Language) -> String {
        switch row.source {
        case .logged(let action): SafeText.singleLine(action.title, maxCharacters: ImprovementRules.titleLimit)
        case .procedureReview(_, let title, let reviewed):
            (language == .polish ? "Przegląd: " : "Review: ") + title.text(language)
                + (language == .polish ? " (ostatni \(reviewed))" : " (last \(reviewed))")
        }
    }

    public static func owner(_ row: RegisterRow, desk: Desk, language: Language) -> String {
        row.owner.map(desk.personLabel) ?? (language == .polish ? "kierownicy zmiany" : "shift leads")
    }

    /// The status, with the timer that makes it urgent: "otwarte, po terminie".
    public static func status(_ row: RegisterRow, language: Language) -> String {
        var text = Labels.improvementStatus(row.status).text(language)
        if row.action == nil { text = language == .polish ? "do przeglądu" : "review due" }
        switch row.dueState {
        case .overdue: text += language == .polish ? ", po terminie" : ", overdue"
        case .dueSoon: text += language == .polish ? ", termin blisko" : ", due soon"
        default: break
        }
        if row.checkIsDue { text += language == .polish ? ", do oceny" : ", check due" }
        return text
    }

    /// `action list`: one line per row, the mark first (✗ overdue, ! due soon or check due).
    public static func list(_ rows: [RegisterRow], desk: Desk, language: Language) -> String {
        let pl = language == .polish
        guard !rows.isEmpty else {
            return pl ? "Rejestr działań jest pusty (żadne nie jest otwarte ani nie czeka na ocenę)."
                      : "The action register is empty (nothing open or awaiting its check)."
        }
        return rows.map { row in
            let mark = row.isOverdue ? "✗" : (row.needsAttention ? "!" : " ")
            let check = row.checkDue.map { (pl ? "  ocena od " : "  check from ") + $0.description } ?? ""
            return "\(mark) \(id(row))  \(Labels.improvementKind(row.kind).text(language))  \(title(row, language: language))  "
                + "\(pl ? "prowadzi" : "owner") \(owner(row, desk: desk, language: language))  \(pl ? "termin" : "due") \(row.due)  "
                + status(row, language: language) + check
        }.joined(separator: "\n")
    }

    /// `action show`: the action, the complaints it answers and its history.
    public static func render(_ action: ImprovementAction, desk: Desk, now: Date, language: Language) -> String {
        let pl = language == .polish
        let times = TimeText(timeZone: desk.calendar.timeZone)
        let row = desk.register(now: now, includingSettled: true).first { $0.action?.id == action.id }
        var out = ["\(action.id)  \(Labels.improvementKind(action.kind).text(language).uppercased())  "
                   + (row.map { status($0, language: language) } ?? Labels.improvementStatus(action.status).text(language))]
        out.append((pl ? "Tytuł      " : "Title      ") + SafeText.display(action.title))
        out.append((pl ? "Prowadzi   " : "Owner      ") + SafeText.display(desk.personLabel(action.owner)))
        out.append((pl ? "Termin     " : "Due        ") + action.due.description
                   + (row?.checkDue.map { (pl ? "; ocena skuteczności od " : "; effectiveness check from ") + $0.description } ?? ""))
        out.append((pl ? "Miernik    " : "Measure    ") + SafeText.display(action.measure))
        out.append((pl ? "Przyczyny  " : "Causes     ") + (action.causes.isEmpty ? "—" : action.causes.joined(separator: ", ")))
        out.append((pl ? "Reklamacje " : "Complaints ") + (action.complaints.isEmpty ? "—" : action.complaints.map(\.description).joined(separator: ", ")))
        if let procedure = action.procedure { out.append((pl ? "Procedura  " : "Procedure  ") + procedure) }
        if let earlier = action.followUpOf { out.append((pl ? "Następcze  po " : "Follows up ") + earlier.description) }
        out.append("")
        out.append(pl ? "Historia:" : "History:")
        for event in action.history {
            out.append("  \(times.short(event.occurredAt))  \(SafeText.display(desk.personLabel(event.actor.id)))  " + SafeText.display(step(event.change, language: language)))
        }
        return out.joined(separator: "\n")
    }

    /// One step of the history in words.
    public static func step(_ change: ImprovementChange, language: Language) -> String {
        let pl = language == .polish
        switch change {
        case .open(let o):
            return (pl ? "otwarte: " : "opened: ") + o.title + (pl ? ", termin \(o.due)" : ", due \(o.due)")
        case .amend(let a):
            var parts: [String] = []
            if let v = a.title { parts.append((pl ? "tytuł „" : "title '") + v + (pl ? "”" : "'")) }
            if let v = a.owner { parts.append((pl ? "prowadzi " : "owner ") + v) }
            if let v = a.due { parts.append((pl ? "termin " : "due ") + v.description) }
            if a.measure != nil { parts.append(pl ? "miernik" : "measure") }
            if let v = a.causes { parts.append((pl ? "przyczyny " : "causes ") + (v.isEmpty ? "—" : v.joined(separator: ", "))) }
            if let v = a.complaints { parts.append((pl ? "reklamacje " : "complaints ") + (v.isEmpty ? "—" : v.map(\.description).joined(separator: ", "))) }
            return (pl ? "zmiana: " : "amended: ") + parts.joined(separator: "; ") + (pl ? " — powód: " : " — reason: ") + a.reason
        case .done(let note): return (pl ? "wykonane: " : "done: ") + note
        case .verify(let effective, let note):
            return (effective ? (pl ? "ocena: skuteczne: " : "verified effective: ") : (pl ? "ocena: nieskuteczne: " : "verified not effective: ")) + note
        case .cancel(let reason): return (pl ? "anulowane: " : "cancelled: ") + reason
        }
    }

    /// What was saved, in one line.
    public static func saved(_ event: ImprovementEvent, desk: Desk, language: Language) -> String {
        let status = desk.state.improvements[event.id].map { Labels.improvementStatus($0.status).text(language) } ?? "?"
        let what = SafeText.singleLine(step(event.change, language: language), maxCharacters: 200)
        return language == .polish ? "\(event.id): \(what) — zapisano. Stan: \(status)."
                                   : "\(event.id): \(what) — saved. Status: \(status)."
    }
}

/// One row of the register as `action list --json` and `action show --json` write it.
public struct RegisterRowJSON: Encodable {
    public var id: String
    public var kind: String
    public var title: String
    public var owner: String?
    public var due: String
    public var status: String
    public var dueState: String?
    public var checkDue: String?
    public var checkIsDue: Bool
    public var procedure: String?
    public var causes: [String]?
    public var complaints: [String]?
    public var measure: String?
    public var followUpOf: String?
    public var history: [ImprovementEvent]?

    public init(_ row: RegisterRow, includeHistory: Bool = false) {
        kind = row.kind.rawValue
        due = row.due.description
        dueState = row.dueState?.rawValue
        checkDue = row.checkDue?.description
        checkIsDue = row.checkIsDue
        status = row.action == nil ? "review-due" : row.status.rawValue
        switch row.source {
        case .logged(let action):
            id = action.id.description; title = action.title; owner = action.owner; procedure = action.procedure
            causes = action.causes; complaints = action.complaints.map(\.description); measure = action.measure
            followUpOf = action.followUpOf?.description
            history = includeHistory ? action.history : nil
        case .procedureReview(let procedure, let title, _):
            id = "procedure:\(procedure)"; self.title = title.en; owner = nil; self.procedure = procedure
        }
    }
}
