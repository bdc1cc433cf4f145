import Foundation

/// The ISO 10002 lifecycle: received → acknowledged → in analysis ⇄ waiting → decided →
/// closed → followed up; reopen from decided or closed.
public enum ComplaintState: String, Codable, CaseIterable, Sendable {
    case received, acknowledged
    case inAnalysis = "in-analysis"
    case waiting, decided, closed
    case followedUp = "followed-up"

    /// Open complaints are on the queue: everything until the follow-up call is done.
    public var isOpen: Bool { self != .followedUp }
}

/// A tick (or a shift lead's override) of one checklist step, kept with the procedure version used.
public struct StepMark: Codable, Sendable, Hashable {
    public var procedure: String
    public var version: Int
    public var step: String
    public var actor: Actor
    public var at: Date
    /// Handling cycle the mark belongs to (1 = first; each reopen starts the next).
    public var cycle: Int
    public var overrideReason: String?
}

/// The current picture of one complaint, folded from its history.
public struct Complaint: Sendable, Hashable {
    public let number: ComplaintNumber
    public internal(set) var intake: Intake
    /// Starts as the intake priority; an escalation may raise it.
    public internal(set) var priority: Priority
    public internal(set) var state: ComplaintState
    public internal(set) var waitingFor: WaitReason?
    public internal(set) var owner: String?
    public internal(set) var escalationCount: Int
    public internal(set) var decision: Decision?
    public internal(set) var customerAccepted: Bool?
    public internal(set) var satisfaction: Int?
    public internal(set) var receivedAt: Date
    public internal(set) var cycle: Int
    public internal(set) var reopenCount: Int
    public internal(set) var marks: [StepMark]
    /// Every event in log order: the record an auditor reads.
    public internal(set) var history: [ComplaintEvent]
    /// The cause of the latest decision, as amended since (`Field.cause`); kept through a reopen
    /// until the next decision names one. nil before any decision, and for decisions recorded
    /// before causes were asked.
    public internal(set) var cause: CauseCode?
    /// The mystery-shopping audit's reference, once a shift lead marked the complaint as a test.
    public internal(set) var testAudit: String?

    public var isOpen: Bool { state.isOpen }
    /// A mystery-shopping test: handled on the queue like any complaint, left out of the figures.
    public var isMysteryShoppingTest: Bool { testAudit != nil }
    /// Whether a decision was ever recorded (a cause can be corrected only after one).
    public var hasBeenDecided: Bool { history.contains { if case .decide = $0.action { true } else { false } } }

    /// The complaints this one is linked with, in the order the links were made. A link is
    /// written on both complaints, so each one's history alone says it.
    public var links: [ComplaintNumber] {
        history.compactMap { if case .link(let other, _) = $0.action { other } else { nil } }
    }
}

/// A transition held back by its checklist: the verb, the pause point whose mandatory steps
/// gate it, and those still open (`Lifecycle.check`), for a screen to name in its own words.
public struct ChecklistGate: Sendable, Hashable {
    public var verb: ActionVerb
    public var point: PausePoint
    public var open: [Checklist.OpenStep]
    public init(verb: ActionVerb, point: PausePoint, open: [Checklist.OpenStep]) {
        self.verb = verb; self.point = point; self.open = open
    }
}

/// Why an action was refused, said so that the person knows what to do instead.
public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: LocalizedText
    /// Set when open mandatory checklist steps are what refuse it: which, structured.
    public var gate: ChecklistGate?
    public init(pl: String, en: String) { text = LocalizedText(pl: pl, en: en) }
    public init(_ text: LocalizedText) { self.text = text }
    /// In English, as the command line prints it.
    public var message: String { text.en }
    public var description: String { text.en }
}

/// Why a verb is closed to a person on a complaint now: the rule, and who may (`Lifecycle.denial`).
/// Words are the caller's: the dashboard says it in the status line.
public enum VerbDenial: Sendable, Hashable {
    /// The person's role may not use the verb; these roles may.
    case role(Role, mayUse: [Role])
    /// Someone else's complaint; these roles may reassign it.
    case owner(String, mayReassign: [Role])
    /// A trainee may take only an unassigned complaint, and only for themselves.
    case takeOnlyForThemselves
    /// The complaint's state does not allow the verb; these states do.
    case state(ComplaintState, allowedIn: [ComplaintState])
    /// Someone else's complaint: only the person handling it, or these roles, may do it.
    case notOwner(String, mayUse: [Role])
}

/// How the time of an entry is checked: the site's rules, its zone (the allowed range is said
/// in site time) and, for what asodesk sends, a shift lead's reason for dating it back.
public struct EntryTime: Sendable, Hashable {
    public var rules: TimeRules
    public var timeZone: TimeZone
    public var backdateReason: String?

    public init(rules: TimeRules = .standard, timeZone: TimeZone = TimeZone(identifier: "Europe/Warsaw") ?? .gmt,
                backdateReason: String? = nil) {
        self.rules = rules; self.timeZone = timeZone; self.backdateReason = backdateReason
    }

    /// The earliest instant an entry made at `now` may be dated to: the same wall-clock time
    /// `backdateWindowDays` calendar days before, in site time.
    public func windowStart(now: Date) -> Date {
        let day = ZoneMath.localDate(of: now, in: timeZone).adding(days: -max(0, rules.backdateWindowDays))
        return ZoneMath.instant(of: day, minutesSinceMidnight: ZoneMath.localMinuteOfDay(of: now, in: timeZone), in: timeZone)
    }
}

/// Why the time given for an entry is not accepted (`Lifecycle.timeDenial`, `sendDenial`): the
/// rule, the range that is allowed, and who may do otherwise. Words are the caller's.
public enum EntryTimeDenial: Sendable, Hashable {
    /// Later than now (beyond the tolerated clock difference between terminals).
    case future(earliest: Date, latest: Date)
    /// Before the complaint was received.
    case beforeReceipt(earliest: Date, latest: Date)
    /// Further back than the site's window (`TimeRules.backdateWindowDays`).
    case beforeWindow(earliest: Date, latest: Date, windowDays: Int)
    /// Something asodesk sends, dated back more than `limitMinutes`: only these roles may, with
    /// a reason; `needsReason` when the person may but gave none.
    case backdatedSend(ActionVerb, limitMinutes: Int, mayBackdate: [Role], needsReason: Bool)
}

public enum Lifecycle {
    /// Events may be dated back (a letter received yesterday) but not into the future;
    /// this much clock difference between desk terminals is tolerated.
    public static let futureTolerance: TimeInterval = 5 * 60

    /// Verbs the state allows, before role and checklist rules.
    public static func verbs(allowedIn state: ComplaintState) -> [ActionVerb] {
        let anyOpen: [ActionVerb] = [.note, .assign, .escalate, .check, .override, .amend, .withdrawTick, .link, .attach, .markTest]
        switch state {
        case .received: return [.acknowledge] + anyOpen
        case .acknowledged, .inAnalysis: return [.contact, .wait, .decide] + anyOpen
        case .waiting: return [.resume, .contact] + anyOpen
        case .decided: return [.answer, .delivered, .contact, .close, .reopen] + anyOpen
        case .closed: return [.answer, .delivered, .followUp, .reopen] + anyOpen
        // The history of a finished complaint is complete, but the fault may come back: it can be
        // linked with the new complaint, or a shift lead reopens it.
        case .followedUp: return [.link, .reopen]
        }
    }

    /// Verbs this person may use on this complaint now: what a screen should offer.
    /// Checklist gates are not applied here (the action is offered and explains what is open).
    public static func availableVerbs(on complaint: Complaint, for actor: Actor) -> [ActionVerb] {
        verbs(allowedIn: complaint.state).filter { roleDenial($0, on: complaint, by: actor, assignee: actor.id) == nil }
    }

    /// Why this person may not use a verb on this complaint now (the rule, and who may), before
    /// checklist gates; nil when it is open to them. The role comes first: it holds in every state.
    public static func denial(_ verb: ActionVerb, on complaint: Complaint, for actor: Actor) -> VerbDenial? {
        if let denial = roleDenial(verb, on: complaint, by: actor, assignee: actor.id) { return denial }
        let allowed = verbs(allowedIn: complaint.state)
        if allowed.contains(verb) { return nil }
        return .state(complaint.state, allowedIn: ComplaintState.allCases.filter { verbs(allowedIn: $0).contains(verb) })
    }

    /// Checks an action against the state machine, the role of the person and the checklist gates.
    /// `complaint` is nil only for `.receive`.
    /// `entry`: the site's time rules and zone (for the allowed range in words) and a shift
    /// lead's reason for dating back what asodesk sends (`entryTimeDenial`).
    public static func check(_ action: ComplaintAction, on complaint: Complaint?, by actor: Actor,
                             occurredAt: Date, now: Date, procedures: [Procedure],
                             entry: EntryTime = EntryTime(), causes: CauseCatalogue = .standard) throws(Refusal) {
        if let denial = timeDenial(occurredAt: occurredAt, now: now, receivedAt: complaint?.receivedAt, entry: entry) {
            throw refusal(denial, entry: entry)
        }
        do throws(FieldError) {
            _ = try Validation.identifier(actor.id, as: .assignee)
        } catch {
            throw Refusal(pl: "Identyfikator operatora: \(error.message.pl)", en: "Operator id: \(error.message.en)")
        }
        guard let complaint else {
            if case .receive = action { return }
            throw Refusal(pl: "Nie ma takiej reklamacji.", en: "There is no such complaint.")
        }
        if case .receive = action { throw Refusal(pl: "\(complaint.number) już istnieje.", en: "\(complaint.number) already exists.") }
        // The history reads in order: an entry may be dated back, but not before the latest one.
        if let latest = complaint.history.last?.occurredAt, occurredAt < latest {
            throw Refusal(pl: """
                Podany czas jest wcześniejszy niż ostatni wpis \(complaint.number) (\(latest.formatted(.iso8601))); \
                nie można wstawić wpisu przed nim. Podaj późniejszy czas albo zapisz to, co się stało, jako notatkę.
                """, en: """
                The time given is earlier than the latest entry of \(complaint.number) (\(latest.formatted(.iso8601))); \
                an entry cannot be slipped in before it. Give a later time, or record what happened as a note.
                """)
        }
        let verb = action.verb
        let allowed = verbs(allowedIn: complaint.state)
        guard allowed.contains(verb) else {
            throw stateRefusal(verb, complaint: complaint, allowed: allowed)
        }
        let assignee: String? = if case .assign(let to, _) = action { to } else { nil }
        if let refusal = roleRefusal(verb, on: complaint, by: actor, assignee: assignee) {
            throw refusal
        }
        if let denial = sendDenial(verb, occurredAt: occurredAt, now: now, by: actor, entry: entry) {
            throw refusal(denial, entry: entry)
        }
        try checkDetails(action, on: complaint, procedures: procedures, causes: causes)
        if let point = gate(of: verb) {
            let open = Checklist.openMandatorySteps(at: point, on: complaint, procedures: procedures)
            if !open.isEmpty {
                let list = open.map { "\($0.procedure.id)/\($0.step.id)" }.joined(separator: ", ")
                var refusal = Refusal(pl: """
                    \(complaint.number): jeszcze nie można \(polishGateAction(verb)) — otwarte obowiązkowe kroki listy: \(list). \
                    Wykonaj je i odhacz (asodesk check \(complaint.number) PROCEDURA KROK) albo poproś kierownika zmiany o pominięcie z uzasadnieniem.
                    """, en: """
                    \(complaint.number) cannot be \(pastTense(verb)) yet: mandatory checklist steps are open: \(list). \
                    Do them and tick them (asodesk check \(complaint.number) PROCEDURE STEP), or ask a shift lead to override with a reason.
                    """)
                refusal.gate = ChecklistGate(verb: verb, point: point, open: open)
                throw refusal
            }
        }
    }

    // MARK: Time of an entry

    /// Verbs whose event is something asodesk itself sends or records as sent (an
    /// acknowledgement, a decision): their time is when they are entered, give or take
    /// `TimeRules.lateEntryMinutes`, unless a shift lead dates them back with a reason.
    public static let sentThroughAsodesk: [ActionVerb] = [.acknowledge, .decide, .answer]

    /// Why an entry may not carry this time (`occurredAt`, entered at `now`), whatever it is:
    /// in the future, further back than the site's window, or before the complaint's receipt.
    /// nil when the time is allowed. Words are the caller's (`refusal(_:entry:)` for the CLI).
    public static func timeDenial(occurredAt: Date, now: Date, receivedAt: Date?, entry: EntryTime) -> EntryTimeDenial? {
        let latest = now
        let windowStart = entry.windowStart(now: now)
        let earliest = max(windowStart, receivedAt ?? windowStart)
        if occurredAt > now.addingTimeInterval(futureTolerance) { return .future(earliest: earliest, latest: latest) }
        if let receivedAt, occurredAt < receivedAt { return .beforeReceipt(earliest: earliest, latest: latest) }
        if occurredAt < windowStart {
            return .beforeWindow(earliest: earliest, latest: latest, windowDays: entry.rules.backdateWindowDays)
        }
        return nil
    }

    /// Why this person may not date this verb back to `occurredAt`: only what asodesk sends is
    /// held to its entry time, and only a shift lead with a reason may date it back further than
    /// `TimeRules.lateEntryMinutes`. nil when allowed.
    public static func sendDenial(_ verb: ActionVerb, occurredAt: Date, now: Date, by actor: Actor,
                                  entry: EntryTime) -> EntryTimeDenial? {
        guard sentThroughAsodesk.contains(verb),
              now.timeIntervalSince(occurredAt) > TimeInterval(TimeRules.lateEntryMinutes * 60) else { return nil }
        let hasReason = !(entry.backdateReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        if actor.role == .lead && hasReason { return nil }
        return .backdatedSend(verb, limitMinutes: TimeRules.lateEntryMinutes, mayBackdate: [.lead],
                              needsReason: actor.role == .lead)
    }

    /// An entry time rule in words, as the command line prints it (the dashboard shows the same).
    public static func refusal(_ denial: EntryTimeDenial, entry: EntryTime) -> Refusal {
        func local(_ date: Date) -> String { ZoneMath.text(of: date, in: entry.timeZone) }
        let zone = entry.timeZone.identifier
        switch denial {
        case .future(let earliest, let latest):
            return Refusal(pl: "Podany czas jest w przyszłości; podaj, kiedy to naprawdę się stało (albo zostaw puste: teraz). "
                            + "Można podać czas od \(local(earliest)) do \(local(latest)) (czas lokalny, \(zone)).",
                           en: "The time given is in the future; give when it really happened (or leave it out for now). "
                            + "Allowed: from \(local(earliest)) to \(local(latest)) (site time, \(zone)).")
        case .beforeReceipt(let earliest, let latest):
            return Refusal(pl: "Podany czas jest wcześniejszy niż przyjęcie reklamacji; sprawdź datę. "
                            + "Można podać czas od \(local(earliest)) do \(local(latest)) (czas lokalny, \(zone)).",
                           en: "The time given is before the complaint was received; check the date. "
                            + "Allowed: from \(local(earliest)) to \(local(latest)) (site time, \(zone)).")
        case .beforeWindow(let earliest, let latest, let days):
            return Refusal(pl: "Podany czas jest ponad \(days) dni wstecz; wpis można datować wstecz najwyżej o \(days) dni "
                            + "(ustawienie [time] backdate_days). Można podać czas od \(local(earliest)) do \(local(latest)) "
                            + "(czas lokalny, \(zone)). Co stało się wcześniej, zapisz jako notatkę z datą w treści.",
                           en: "The time given is more than \(days) days ago; an entry may be dated back at most \(days) days "
                            + "(the site's [time] backdate_days). Allowed: from \(local(earliest)) to \(local(latest)) "
                            + "(site time, \(zone)). Record what happened earlier as a note that says when.")
        case .backdatedSend(let verb, let limit, _, let needsReason):
            let (whatPL, whatEN) = switch verb {
            case .decide: ("Decyzję", "A decision")
            case .answer: ("Odpowiedź na reklamację", "The answer to a complaint")
            default: ("Potwierdzenie przyjęcia", "An acknowledgement")
            }
            if needsReason {
                return Refusal(pl: "\(whatPL) wysyła się przez asodesk, więc jej czas to chwila wpisu; datowanie wstecz o ponad \(limit) min "
                                + "wymaga uzasadnienia kierownika zmiany (--reason), zapisanego przy wpisie.",
                               en: "\(whatEN) is sent through asodesk, so its time is when it is entered; dating it back more than \(limit) min "
                                + "needs the shift lead's reason (--reason), which is stored with it.")
            }
            return Refusal(pl: "\(whatPL) wysyła się przez asodesk, więc jej czas to chwila wpisu: nie można jej datować wstecz o ponad \(limit) min. "
                            + "Zostaw czas pusty (teraz) albo poproś kierownika zmiany: tylko on może ją datować wstecz, z uzasadnieniem.",
                           en: "\(whatEN) is sent through asodesk, so its time is when it is entered: it cannot be dated back more than \(limit) min. "
                            + "Leave the time out (now), or ask the shift lead: only a shift lead may date it back, with a reason.")
        }
    }

    /// The checklist pause point that gates a verb.
    public static func gate(of verb: ActionVerb) -> PausePoint? {
        switch verb {
        case .acknowledge: .intake
        case .decide: .beforeDecision
        case .close: .beforeClosing
        case .followUp: .followUp
        default: nil   // escalating, noting, contacting are never blocked by a checklist
        }
    }

    static func pastTense(_ verb: ActionVerb) -> String {
        switch verb {
        case .acknowledge: "acknowledged"
        case .decide: "decided"
        case .close: "closed"
        case .followUp: "marked followed up"
        default: verb.rawValue
        }
    }

    /// Any action as it follows "teraz nie można" in Polish (hence the genitive).
    static func polishRefusedAction(_ verb: ActionVerb) -> String {
        switch verb {
        case .receive: "przyjąć reklamacji"
        case .acknowledge: "potwierdzić przyjęcia"
        case .contact: "zapisać kontaktu z klientem"
        case .wait: "wstrzymać sprawy"
        case .resume: "wznowić sprawy"
        case .assign: "przydzielić sprawy"
        case .escalate: "eskalować sprawy"
        case .decide: "wydać decyzji"
        case .close: "zamknąć sprawy"
        case .reopen: "otworzyć sprawy ponownie"
        case .note: "dodać notatki"
        case .check: "odhaczyć kroku"
        case .override: "pominąć kroku obowiązkowego"
        case .followUp: "zapisać telefonu kontrolnego"
        case .answer: "wysłać odpowiedzi"
        case .delivered: "potwierdzić doręczenia odpowiedzi"
        case .amend: "poprawić danych"
        case .withdrawTick: "cofnąć odhaczenia kroku"
        case .link: "powiązać reklamacji"
        case .attach: "dołączyć dokumentu"
        case .markTest: "oznaczyć reklamacji jako testu"
        }
    }

    /// The gated action as it follows "nie można" in Polish (hence the genitive).
    static func polishGateAction(_ verb: ActionVerb) -> String {
        switch verb {
        case .acknowledge: "potwierdzić przyjęcia"
        case .decide: "wydać decyzji"
        case .close: "zamknąć"
        case .followUp: "zapisać telefonu kontrolnego"
        default: verb.rawValue
        }
    }

    static func stateRefusal(_ verb: ActionVerb, complaint: Complaint, allowed: [ActionVerb]) -> Refusal {
        let waitingFor = complaint.waitingFor?.rawValue
        let waitingForPL = switch complaint.waitingFor {
        case .customer?: "na klienta"
        case .parts?: "na części"
        case .manufacturer?: "na producenta"
        case nil: "na odpowiedź"
        }
        let (nowPL, nowEN): (String, String) = switch complaint.state {
        case .received: ("jest przyjęta, ale nie potwierdzona", "has been received but not acknowledged")
        case .acknowledged: ("jest potwierdzona", "is acknowledged")
        case .inAnalysis: ("jest w analizie", "is in analysis")
        case .waiting: ("czeka \(waitingForPL)", "is waiting for \(waitingFor ?? "someone")")
        case .decided: ("ma decyzję", "is decided")
        case .closed: ("jest zamknięta", "is closed")
        case .followedUp: ("jest zakończona (po kontakcie)", "is finished (followed up)")
        }
        let (hintPL, hintEN): (String, String) = switch (verb, complaint.state) {
        case (_, .followedUp): (" Jeśli usterka wraca, kierownik zmiany może otworzyć ją ponownie (reopen) albo przyjmij nową reklamację powiązaną z tą (add --link \(complaint.number)).",
                                " If the fault comes back, a shift lead may reopen it (reopen), or take in a new complaint linked to it (add --link \(complaint.number)).")
        case (.decide, .received): (" Najpierw potwierdź przyjęcie (ack).", " Acknowledge it first (ack).")
        case (.decide, .waiting), (.wait, .waiting): (" Najpierw ją wznów (resume).", " Resume it first (resume).")
        case (.contact, .received): (" Najpierw potwierdź przyjęcie (ack); to potwierdzenie nie jest kontaktem merytorycznym.",
                                     " Acknowledge it first (ack); that confirmation is not a substantive contact.")
        case (.reopen, _): (" Ponownie otworzyć można reklamację z decyzją, zamkniętą albo (kierownik zmiany) po telefonie kontrolnym.",
                            " Only a decided or closed complaint, or (a shift lead) one after its follow-up, can be reopened.")
        case (.close, _): (" Zamknąć można tylko reklamację z decyzją.", " Only a decided complaint can be closed.")
        default: ("", "")
        }
        let list = allowed.map(\.command).joined(separator: ", ")
        return Refusal(
            pl: "\(complaint.number) \(nowPL): teraz nie można \(polishRefusedAction(verb)) (\(verb.command)).\(hintPL) Teraz można: \(allowed.isEmpty ? "nic — historia jest zakończona" : list).",
            en: "\(complaint.number) \(nowEN): '\(verb.rawValue)' is not allowed now.\(hintEN) Allowed now: \(allowed.isEmpty ? "nothing: its history is complete" : list).")
    }

    /// Nil when the role may do it; otherwise the rule that forbids it.
    static func roleDenial(_ verb: ActionVerb, on complaint: Complaint, by actor: Actor, assignee: String?) -> VerbDenial? {
        switch actor.role {
        case .lead:
            return nil
        case _ where verb == .markTest:
            // Only the lead knows of the audit; the advisor handling it must not be told by the desk.
            return .role(actor.role, mayUse: [.lead])
        case .advisor where verb == .reopen && complaint.state == .followedUp:
            // The follow-up closed the case with the customer: taking it up again is the lead's call.
            return .role(.advisor, mayUse: [.lead])
        case .advisor:
            if verb == .override { return .role(.advisor, mayUse: [.lead]) }
            if verb == .assign, let owner = complaint.owner, owner != actor.id { return .owner(owner, mayReassign: [.lead]) }
            // The record is evidence: its data is corrected by the person answering for the case.
            if verb == .amend, let owner = complaint.owner, owner != actor.id { return .notOwner(owner, mayUse: [.lead]) }
            return nil
        case .trainee:
            switch verb {
            case .decide, .close, .reopen, .answer, .amend:
                return .role(.trainee, mayUse: [.advisor, .lead])
            case .override:
                return .role(.trainee, mayUse: [.lead])
            case .assign:
                if let owner = complaint.owner, owner != actor.id { return .owner(owner, mayReassign: [.lead]) }
                if let assignee, assignee != actor.id { return .takeOnlyForThemselves }
                return nil
            default:
                return nil
            }
        }
    }

    /// A role rule in words, as the command line prints it (the dashboard words `VerbDenial` itself).
    static func roleRefusal(_ verb: ActionVerb, on complaint: Complaint, by actor: Actor, assignee: String?) -> Refusal? {
        guard let denial = roleDenial(verb, on: complaint, by: actor, assignee: assignee) else { return nil }
        switch denial {
        case .role where verb == .reopen && complaint.state == .followedUp:
            return Refusal(pl: "\(complaint.number) jest zakończona po telefonie kontrolnym: ponownie otwiera ją tylko kierownik zmiany. Możesz przyjąć nową reklamację powiązaną z tą (add --link \(complaint.number)).",
                           en: "\(complaint.number) is finished after its follow-up call: only a shift lead reopens it. You may take in a new complaint linked to it (add --link \(complaint.number)).")
        case .role where verb == .markTest:
            return Refusal(pl: "Tylko kierownik zmiany może oznaczyć reklamację jako test (tajemniczy klient).",
                           en: "Only a shift lead can mark a complaint as a mystery-shopping test.")
        case .role where verb == .override:
            return Refusal(pl: "Tylko kierownik zmiany może pominąć obowiązkowy krok listy; wykonaj krok i odhacz go albo poproś kierownika zmiany.",
                           en: "Only a shift lead can override a mandatory checklist step; do the step and tick it, or ask the shift lead.")
        case .role:
            let (pl, en) = switch verb {
            case .decide: ("wydać decyzji", "decide a complaint")
            case .close: ("zamknąć reklamacji", "close a complaint")
            case .answer: ("wysłać odpowiedzi na reklamację", "send the answer to a complaint")
            case .amend: ("poprawiać danych reklamacji", "correct a complaint's data")
            default: ("ponownie otworzyć reklamacji", "reopen a complaint")
            }
            return Refusal(pl: "Praktykant nie może \(pl); poproś doradcę lub kierownika zmiany.",
                           en: "A trainee cannot \(en); ask an advisor or the shift lead.")
        case .owner(let owner, _) where actor.role == .trainee:
            return Refusal(pl: "\(complaint.number) należy do \(owner); praktykant nie może jej przydzielić komuś innemu.",
                           en: "\(complaint.number) belongs to \(owner); a trainee cannot reassign it.")
        case .owner(let owner, _):
            return Refusal(pl: "\(complaint.number) należy do \(owner); cudzą reklamację może przydzielić ponownie tylko kierownik zmiany.",
                           en: "\(complaint.number) belongs to \(owner); only a shift lead can reassign someone else's complaint.")
        case .takeOnlyForThemselves:
            return Refusal(pl: "Praktykant może wziąć tylko nieprzydzieloną reklamację, i tylko dla siebie.",
                           en: "A trainee can only take an unassigned complaint for themselves.")
        case .notOwner(let owner, _):
            return Refusal(pl: "\(complaint.number) prowadzi \(owner); dane reklamacji poprawia osoba prowadząca albo kierownik zmiany.",
                           en: "\(complaint.number) is handled by \(owner); its data is corrected by the person handling it or the shift lead.")
        case .state:
            return nil   // roleDenial never says this
        }
    }

    /// The free texts an action carries, with the field whose limits apply; nil = optional.
    static func texts(of action: ComplaintAction) -> [(String?, Field, required: Bool)] {
        switch action {
        case .receive, .checkStep, .answer, .withdrawTick: []
        case .link(_, let note): [(note, .note, false)]
        case .acknowledge(let note), .resume(let note), .assign(_, let note), .wait(_, let note), .followUp(_, let note),
             .confirmDelivery(let note):
            [(note, .note, false)]
        case .contact(let contact): [(contact.summary, .note, true)]
        case .escalate(let reason, _), .reopen(let reason), .overrideStep(_, _, _, let reason), .amend(_, let reason):
            [(reason, .reason, true)]
        case .decide(let decision): [(decision.reasons, .reason, true), (decision.remedyGranted, .remedy, false)]
        case .close(_, let response): [(response, .note, true)]
        case .note(let text): [(text, .note, true)]
        case .attach(let document): [(document.reference, .reference, true), (document.description, .note, false)]
        case .markTest(let audit): [(audit, .reference, true)]
        }
    }

    static func checkDetails(_ action: ComplaintAction, on complaint: Complaint, procedures: [Procedure],
                             causes: CauseCatalogue) throws(Refusal) {
        switch action {
        case .decide(let decision):
            if let cause = decision.cause, !causes.contains(cause) { throw unknownCause(cause.text, in: causes) }
        case .markTest:
            if let audit = complaint.testAudit {
                throw Refusal(pl: "\(complaint.number) jest już oznaczona jako test (audyt \(audit)).",
                              en: "\(complaint.number) is already marked as a test (audit \(audit)).")
            }
        case .link(let other, _):
            if other == complaint.number {
                throw Refusal(pl: "Reklamacji nie można powiązać z nią samą; podaj numer innej.",
                              en: "A complaint cannot be linked with itself; give another one's number.")
            }
            if complaint.links.contains(other) {
                throw Refusal(pl: "\(complaint.number) jest już powiązana z \(other).", en: "\(complaint.number) is already linked with \(other).")
            }
        case .assign(let to, _):
            if let to {
                do throws(FieldError) { _ = try Validation.identifier(to, as: .assignee) } catch { throw Refusal(error.message) }
            }
            if to == complaint.owner {
                throw Refusal(pl: "\(complaint.number) jest już \(to.map { "przydzielona do \($0)" } ?? "nieprzydzielona").",
                              en: "\(complaint.number) is already \(to.map { "assigned to \($0)" } ?? "unassigned").")
            }
        case .escalate(_, let priority):
            if let priority, priority < complaint.priority {
                throw Refusal(pl: "Eskalacja nie może obniżyć priorytetu (teraz: \(complaint.priority.rawValue)).",
                              en: "An escalation cannot lower the priority (now \(complaint.priority.rawValue)).")
            }
        case .answer(let answer):
            try checkAnswer(answer, on: complaint)
        case .amend(let corrections, _):
            try checkCorrections(corrections, on: complaint, causes: causes)
        case .attach(let document):
            if let hash = document.sha256 {
                do throws(FieldError) {
                    guard try Validation.sha256(hash) == hash else {
                        throw FieldError(.sha256, pl: "SHA-256 zapisuje się małymi cyframi szesnastkowymi, bez odstępów.",
                                         en: "A SHA-256 is stored as lowercase hex digits without spaces.")
                    }
                } catch {
                    throw Refusal(error.message)
                }
            }
        case .confirmDelivery:
            let cycle = complaint.clockFacts.cycles.last
            guard let sent = cycle?.answer else {
                throw Refusal(pl: "\(complaint.number): w tym cyklu nie wysłano jeszcze odpowiedzi; najpierw zapisz odpowiedź (asodesk answer \(complaint.number) --medium …).",
                              en: "\(complaint.number): no answer has been sent in this cycle; record the answer first (asodesk answer \(complaint.number) --medium …).")
            }
            if sent.medium == .inPerson {
                throw Refusal(pl: "\(complaint.number): odpowiedź wręczono osobiście, więc doręczono ją przy wręczeniu; nie ma czego potwierdzać.",
                              en: "\(complaint.number): the answer was handed over in person, so it was delivered as it was given; there is nothing to confirm.")
            }
            if cycle?.deliveredAt != nil {
                throw Refusal(pl: "\(complaint.number): doręczenie odpowiedzi jest już potwierdzone.",
                              en: "\(complaint.number): delivery of the answer is already confirmed.")
            }
        case .followUp(let satisfaction, _):
            guard (1...5).contains(satisfaction) else {
                throw Refusal(pl: "Zadowolenie to ocena od 1 (bardzo niezadowolony) do 5 (bardzo zadowolony).",
                              en: "Satisfaction is a score from 1 (very unhappy) to 5 (very happy).")
            }
        case .checkStep(let procedureID, let version, let stepID), .overrideStep(let procedureID, let version, let stepID, _),
             .withdrawTick(let procedureID, let version, let stepID):
            guard let procedure = procedures.first(where: { $0.id == procedureID }) else {
                let known = procedures.map(\.id).sorted().joined(separator: ", ")
                throw Refusal(pl: "Nie ma procedury '\(procedureID)'. Znane procedury: \(known).",
                              en: "There is no procedure '\(procedureID)'. Known procedures: \(known).")
            }
            let now = Checklist.pausePoints(in: complaint.state)
            guard now.contains(procedure.pausePoint), procedure.applies(to: complaint.intake) else {
                let current = Checklist.procedures(now: complaint, in: procedures).map(\.id).joined(separator: ", ")
                throw Refusal(pl: """
                    Procedury '\(procedureID)' nie wykonuje się teraz dla \(complaint.number) (należy do etapu '\(procedure.pausePoint.rawValue)'); \
                    krok odhacza się, gdy jest wykonany. Listy tego etapu: \(current.isEmpty ? "brak" : current).
                    """, en: """
                    Procedure '\(procedureID)' is not run for \(complaint.number) now (it belongs to '\(procedure.pausePoint.rawValue)'); \
                    a step is ticked when it is done. Checklists of this stage: \(current.isEmpty ? "none" : current).
                    """)
            }
            guard version == procedure.version else {
                throw Refusal(pl: "Procedura '\(procedureID)' ma wersję \(procedure.version), nie \(version).",
                              en: "Procedure '\(procedureID)' is at version \(procedure.version), not \(version).")
            }
            guard let step = procedure.steps.first(where: { $0.id == stepID }) else {
                let known = procedure.steps.map(\.id).joined(separator: ", ")
                throw Refusal(pl: "Procedura '\(procedureID)' nie ma kroku '\(stepID)'. Jej kroki: \(known).",
                              en: "Procedure '\(procedureID)' has no step '\(stepID)'. Its steps: \(known).")
            }
            let ticked = complaint.marks.contains { $0.cycle == complaint.cycle && $0.procedure == procedureID && $0.step == stepID }
            if case .withdrawTick = action {
                guard ticked else {
                    throw Refusal(pl: "Krok \(procedureID)/\(stepID) nie jest odhaczony dla \(complaint.number); nie ma czego cofać.",
                                  en: "Step \(procedureID)/\(stepID) is not ticked for \(complaint.number); there is no tick to withdraw.")
                }
                break
            }
            if ticked {
                throw Refusal(pl: "Krok \(procedureID)/\(stepID) jest już odhaczony dla \(complaint.number).",
                              en: "Step \(procedureID)/\(stepID) is already ticked for \(complaint.number).")
            }
            if case .overrideStep = action, !step.mandatory {
                throw Refusal(pl: "Krok \(procedureID)/\(stepID) nie jest obowiązkowy; odhacz go zamiast pomijać.",
                              en: "Step \(procedureID)/\(stepID) is not mandatory; tick it instead of overriding.")
            }
        default:
            break
        }
        // After the step and target: of a list of steps refused, the ones that cannot be done are named.
        for (text, field, required) in texts(of: action) {
            guard var limits = field.textLimits else { continue }
            if !required { limits.minimum = 0 }
            do throws(FieldError) {
                _ = try FreeText.validate(text ?? "", field: field, limits: limits)
            } catch {
                throw Refusal(error.message)
            }
        }
    }

    /// A correction changes at least one field, each once, from the value it has now (so two
    /// terminals correcting the same field cannot both win unseen) to a value intake would accept:
    /// the one validation of `IntakeForm.corrections`, whose normalised result it must be.
    static func checkCorrections(_ corrections: [IntakeCorrection], on complaint: Complaint, causes: CauseCatalogue) throws(Refusal) {
        guard !corrections.isEmpty else {
            throw Refusal(pl: "Nie podano nic do poprawienia; wskaż pole i jego poprawną wartość.",
                          en: "Nothing to correct was given; name a field and its correct value.")
        }
        let fields = corrections.map(\.field)
        guard Set(fields).count == fields.count else {
            throw Refusal(pl: "Każde pole poprawia się w jednym wpisie najwyżej raz.", en: "A correction changes each field at most once.")
        }
        for correction in corrections where correction.field == .cause {
            try checkCauseCorrection(correction, on: complaint, causes: causes)
        }
        let corrections = corrections.filter { $0.field != .cause }
        guard !corrections.isEmpty else { return }
        for correction in corrections where correction.old != complaint.intake[correction.field] {
            let now = complaint.intake[correction.field] ?? "—"
            throw Refusal(pl: "\(complaint.number): \(correction.field.label.pl) ma teraz wartość „\(now)”, nie tę, od której zaczyna poprawka "
                            + "(ktoś zmienił je w międzyczasie); sprawdź dane i popraw je od nowa.",
                          en: "\(complaint.number): \(correction.field.label.en) is now “\(now)”, not the value the correction starts from "
                            + "(someone changed it meanwhile); look at the data again and correct it from there.")
        }
        let typed = Dictionary(uniqueKeysWithValues: corrections.map { ($0.field, $0.new ?? "") })
        let checked: [IntakeCorrection]
        do throws(FieldErrors) {
            checked = try IntakeForm.corrections(of: complaint.intake, to: typed)
        } catch {
            throw Refusal(pl: error.errors.map(\.message.pl).joined(separator: " "), en: error.errors.map(\.message.en).joined(separator: " "))
        }
        guard Set(checked) == Set(corrections) else {
            throw Refusal(pl: "Poprawka nie jest zapisana tak, jak przyjęcie zapisuje te pola; wpisz wartości jeszcze raz.",
                          en: "The correction is not in the form intake stores these fields in; type the values again.")
        }
    }

    /// A cause is corrected after a decision named one (or should have), from the cause it has
    /// now, to another the catalogue knows.
    static func checkCauseCorrection(_ correction: IntakeCorrection, on complaint: Complaint, causes: CauseCatalogue) throws(Refusal) {
        guard complaint.hasBeenDecided else {
            throw Refusal(pl: "\(complaint.number) nie ma jeszcze decyzji; przyczynę podaje się przy decyzji (decide --cause).",
                          en: "\(complaint.number) has no decision yet; the cause is given with the decision (decide --cause).")
        }
        guard correction.old == complaint.cause?.text else {
            let now = complaint.cause?.text ?? "—"
            throw Refusal(pl: "\(complaint.number): przyczyna ma teraz wartość „\(now)”, nie tę, od której zaczyna poprawka "
                            + "(ktoś zmienił ją w międzyczasie); sprawdź i popraw ją od nowa.",
                          en: "\(complaint.number): the cause is now “\(now)”, not the value the correction starts from "
                            + "(someone changed it meanwhile); look again and correct it from there.")
        }
        guard let new = correction.new, let code = CauseCode(text: new), code.text == new, causes.contains(code) else {
            throw unknownCause(correction.new ?? "", in: causes)
        }
        guard new != correction.old else {
            throw Refusal(pl: "Przyczyna: to ta sama wartość co teraz (\(new)); podaj poprawioną.",
                          en: "Cause: that is the cause it has now (\(new)); give the corrected one.")
        }
    }

    /// A cause the catalogue does not know, with the codes it does.
    public static func unknownCause(_ text: String, in causes: CauseCatalogue) -> Refusal {
        let known = causes.codes.map(\.text).joined(separator: ", ")
        return Refusal(pl: "Nieznana przyczyna „\(text)”. Podaj jeden z kodów (KOD albo KOD/PODPRZYCZYNA): \(known).",
                       en: "Unknown cause “\(text)”. Give one of the codes (CODE or CODE/SUB): \(known).")
    }

    /// An answer names where it went and what it was: an e-mail to an e-mail address, a letter
    /// to a postal address, a document hash of 64 hex digits.
    static func checkAnswer(_ answer: AnswerRecord, on complaint: Complaint) throws(Refusal) {
        let address = answer.address?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        switch answer.medium {
        case .email:
            guard !address.isEmpty else {
                throw Refusal(pl: "Odpowiedź e-mailem: podaj adres (--address), bo klient nie podał adresu e-mail przy przyjęciu.",
                              en: "An answer by e-mail: give the address (--address); the customer gave no e-mail address at intake.")
            }
            if case .failure(let error) = Validation.normalise(address, as: .email) {
                throw Refusal(pl: "Adres odpowiedzi: \(error.message.pl)", en: "Answer address: \(error.message.en)")
            }
        case .letter, .other:
            guard !address.isEmpty else {
                throw Refusal(pl: "Odpowiedź \(answer.medium == .letter ? "listem" : "inną drogą"): podaj adres, na który poszła (--address), "
                                + "żeby zapis mówił, dokąd ją wysłano.",
                              en: "An answer by \(answer.medium == .letter ? "letter" : "another medium"): give the address it went to (--address), "
                                + "so the record says where it was sent.")
            }
            if case .failure(let error) = Validation.normalise(address, as: .address) {
                throw Refusal(pl: "Adres odpowiedzi: \(error.message.pl)", en: "Answer address: \(error.message.en)")
            }
        case .inPerson:
            break
        }
        if let hash = answer.documentSHA256,
           hash.count != 64 || !hash.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) }) {
            throw Refusal(pl: "Skrót dokumentu to 64 małe cyfry szesnastkowe SHA-256 (asodesk answer --document PLIK liczy go sam).",
                          en: "A document hash is the 64 lowercase hex digits of SHA-256 (asodesk answer --document FILE computes it).")
        }
    }

    /// Folds one event into the complaint. Total: the log is the truth, so an event that
    /// breaks today's rules (written by another version) is still applied as well as it can be.
    public static func apply(_ event: ComplaintEvent, to complaint: Complaint?) -> Complaint? {
        guard var c = complaint else { return start(event) }
        apply(event, to: &c)
        return c
    }

    /// Who owns a complaint from its receipt: the one who took it in, unless a trainee (a trainee owns nothing).
    public static func ownerAtReceipt(received actor: Actor) -> String? { actor.role == .trainee ? nil : actor.id }

    /// The complaint a `.receive` event starts; nil for any other event (it has no complaint to go to).
    public static func start(_ event: consuming ComplaintEvent) -> Complaint? {
        guard case .receive(let intake) = event.action else { return nil }
        let owner = ownerAtReceipt(received: event.actor)
        let number = event.number, receivedAt = event.occurredAt
        return Complaint(number: number, intake: intake, priority: intake.priority, state: .received,
                         waitingFor: nil, owner: owner, escalationCount: 0, decision: nil, customerAccepted: nil,
                         satisfaction: nil, receivedAt: receivedAt, cycle: 1, reopenCount: 0, marks: [],
                         history: [event], cause: nil, testAudit: nil)
    }

    /// Folds one event into an existing complaint in place: a replay appends to the history it
    /// holds instead of copying it for every event.
    public static func apply(_ event: consuming ComplaintEvent, to c: inout Complaint) {
        switch event.action {
        case .receive:
            break
        case .acknowledge:
            if c.state == .received { c.state = .acknowledged }
        case .contact(let contact):
            if contact.substantive && c.state == .acknowledged { c.state = .inAnalysis }
        case .wait(let reason, _):
            c.state = .waiting; c.waitingFor = reason
        case .resume:
            c.state = .inAnalysis; c.waitingFor = nil
        case .assign(let to, _):
            c.owner = to
        case .escalate(_, let priority):
            c.escalationCount += 1
            if let priority, priority > c.priority { c.priority = priority }
        case .decide(let decision):
            c.state = .decided; c.decision = decision; c.waitingFor = nil; c.cause = decision.cause
        case .close(let accepted, _):
            c.state = .closed; c.customerAccepted = accepted
        case .reopen:
            c.state = .inAnalysis; c.cycle += 1; c.reopenCount += 1
            c.decision = nil; c.customerAccepted = nil; c.satisfaction = nil
        case .note:
            break
        case .checkStep(let procedure, let version, let step):
            c.marks.append(StepMark(procedure: procedure, version: version, step: step, actor: event.actor,
                                    at: event.occurredAt, cycle: c.cycle, overrideReason: nil))
        case .overrideStep(let procedure, let version, let step, let reason):
            c.marks.append(StepMark(procedure: procedure, version: version, step: step, actor: event.actor,
                                    at: event.occurredAt, cycle: c.cycle, overrideReason: reason))
        case .withdrawTick(let procedure, _, let step):
            // By step id, whatever version it was ticked under (as `openMandatorySteps` counts it).
            c.marks.removeAll { $0.cycle == c.cycle && $0.procedure == procedure && $0.step == step }
        case .followUp(let satisfaction, _):
            c.state = .followedUp; c.satisfaction = satisfaction
        case .answer, .confirmDelivery:
            break   // the legal clock reads them from the history (`clockFacts`)
        case .attach:
            break   // a reference in the history (`Complaint.documents`)
        case .amend(let corrections, _):
            for correction in corrections {
                if correction.field == .cause { c.cause = correction.new.flatMap(CauseCode.init(text:)) } else { c.intake[correction.field] = correction.new }
            }
        case .link:
            break   // read from the history (`Complaint.links`)
        case .markTest(let audit):
            if c.testAudit == nil { c.testAudit = audit }
        }
        // The history takes the event last, moved rather than copied; the state change above reads it.
        c.history.append(event)
    }
}

public enum Checklist {
    public struct OpenStep: Sendable, Hashable {
        public var procedure: Procedure
        public var step: ProcedureStep
        public init(procedure: Procedure, step: ProcedureStep) { self.procedure = procedure; self.step = step }
    }

    /// The pause points whose checklists belong to a state: a step is ticked when it is done,
    /// so a later stage's list cannot be ticked ahead of time. Escalation guidance fits any open state.
    public static func pausePoints(in state: ComplaintState) -> [PausePoint] {
        switch state {
        case .received: [.intake, .escalation]
        case .acknowledged, .inAnalysis, .waiting: [.beforeDecision, .escalation]
        case .decided: [.beforeClosing, .escalation]
        case .closed: [.followUp, .escalation]
        case .followedUp: []
        }
    }

    /// The checklists that apply to this complaint now.
    public static func procedures(now complaint: Complaint, in library: [Procedure]) -> [Procedure] {
        pausePoints(in: complaint.state).flatMap { procedures(at: $0, for: complaint, in: library) }
    }

    /// The procedures run at a pause point for this complaint's channel and category.
    public static func procedures(at point: PausePoint, for complaint: Complaint, in library: [Procedure]) -> [Procedure] {
        library.filter { $0.pausePoint == point && $0.applies(to: complaint.intake) }
    }

    /// Mandatory steps not yet ticked or overridden in the current cycle. A tick counts by step id
    /// whatever procedure version it was made under, so editing a procedure never reopens work done.
    public static func openMandatorySteps(at point: PausePoint, on complaint: Complaint, procedures library: [Procedure]) -> [OpenStep] {
        procedures(at: point, for: complaint, in: library).flatMap { procedure in
            procedure.steps.filter { step in
                step.mandatory && !complaint.marks.contains {
                    $0.cycle == complaint.cycle && $0.procedure == procedure.id && $0.step == step.id
                }
            }.map { OpenStep(procedure: procedure, step: $0) }
        }
    }
}
