// A standard procedure as a checklist. Loaded from data files by AsodeskApp.

/// The two interface languages of the desk.
public enum Language: String, Codable, CaseIterable, Sendable {
    case english = "en"
    case polish = "pl"
}

/// Text in both interface languages.
public struct LocalizedText: Hashable, Codable, Sendable {
    public var pl: String
    public var en: String
    public init(pl: String, en: String) { self.pl = pl; self.en = en }
    public init(_ pl: String, _ en: String) { self.pl = pl; self.en = en }

    public func text(_ language: Language) -> String { language == .polish ? pl : en }
}

/// Where in the lifecycle a checklist is run; a gating point blocks its transition
/// while a mandatory step is open (a shift lead may override with a reason).
public enum PausePoint: String, Codable, CaseIterable, Sendable {
    case intake                          // gates acknowledge (leaving "received")
    case beforeDecision = "before-decision"  // gates decide
    case beforeClosing = "before-closing"    // gates close
    case followUp = "follow-up"              // gates follow-up done
    case escalation                      // run when escalating; guides, never blocks an escalation
    case periodic                        // desk-level routines (reviews, audits): gate nothing
}

public enum ChecklistMode: String, Codable, CaseIterable, Sendable {
    case readDo = "read-do"          // read each step, then do it (learners)
    case doConfirm = "do-confirm"    // do from memory, then confirm the list (experienced)
}

public struct ProcedureStep: Hashable, Codable, Sendable {
    public var id: String
    public var text: LocalizedText
    /// Why the step matters; shown in walk-through mode.
    public var reason: LocalizedText
    public var mandatory: Bool
    public init(id: String, text: LocalizedText, reason: LocalizedText, mandatory: Bool) {
        self.id = id; self.text = text; self.reason = reason; self.mandatory = mandatory
    }
}

public struct Procedure: Hashable, Codable, Sendable {
    public var id: String
    public var version: Int
    public var reviewedOn: LocalDate
    public var pausePoint: PausePoint
    public var mode: ChecklistMode
    public var title: LocalizedText
    public var steps: [ProcedureStep]
    /// The channels a procedure is run for (a phone script only for phone complaints); empty = all.
    public var channels: [Channel]
    /// The categories it is run for (handing a car back only where there was a repair); empty = all.
    public var categories: [ComplaintCategory]
    public init(id: String, version: Int, reviewedOn: LocalDate, pausePoint: PausePoint, mode: ChecklistMode,
                title: LocalizedText, steps: [ProcedureStep], channels: [Channel] = [], categories: [ComplaintCategory] = []) {
        self.id = id; self.version = version; self.reviewedOn = reviewedOn; self.pausePoint = pausePoint
        self.mode = mode; self.title = title; self.steps = steps; self.channels = channels; self.categories = categories
    }

    public func applies(to intake: Intake) -> Bool {
        (channels.isEmpty || channels.contains(intake.channel)) && (categories.isEmpty || categories.contains(intake.category))
    }
}
