import AsodeskApp
import AsodeskDomain
import AsodeskScreen
import Foundation

/// What the status line says when a bound key is pressed that this person may not use here, or
/// that does not apply now: why, who may, and what to do instead. Kept short enough for one line
/// at 80 columns.
enum RefusalText {
    /// Why `verb` is closed to the person at this terminal on `complaint`, in words.
    static func denial(_ denial: VerbDenial, verb: ActionVerb, complaint: Complaint, dashboard: Dashboard) -> LocalizedText {
        let label = binding(for: .act(verb))?.label ?? Labels.verb(verb)
        switch denial {
        case .role(_, let roles):
            let who = people(roles)
            let (pl, en): (String, String) = switch verb {
            case .decide: ("Decyzje wydaje \(who.pl)", "Decisions are made by \(who.en)")
            case .close: ("Reklamację zamyka \(who.pl)", "Complaints are closed by \(who.en)")
            case .reopen: ("Ponownie otwiera \(who.pl)", "Complaints are reopened by \(who.en)")
            case .override: ("Obowiązkowy krok pomija tylko \(who.pl)", "Only \(who.en) overrides a mandatory step")
            default: ("\(label.pl): tylko \(who.pl)", "\(label.en): only \(who.en)")
            }
            return LocalizedText(pl: pl + insteadOf(verb, complaint: complaint, dashboard: dashboard).pl,
                                 en: en + insteadOf(verb, complaint: complaint, dashboard: dashboard).en)
        case .owner(let owner, let roles):
            // No escalation hint: taking over a colleague's complaint is asked of the lead, not escalated.
            let who = people(roles)
            return LocalizedText(pl: "Prowadzi ją \(owner); przydzielić ponownie może tylko \(who.pl).",
                                 en: "\(owner) handles it; only \(who.en) may reassign it.")
        case .takeOnlyForThemselves:
            return LocalizedText(pl: "Praktykant może wziąć tylko nieprzydzieloną reklamację, dla siebie.",
                                 en: "A trainee may take only an unassigned complaint, for themselves.")
        case .notOwner(let owner, let roles):
            let who = people(roles)
            return LocalizedText(pl: "\(label.pl): prowadzi ją \(owner); dane poprawia osoba prowadząca lub \(who.pl).",
                                 en: "\(label.en): \(owner) handles it; its data is corrected by them or \(who.en).")
        case .state(let state, let allowedIn):
            let now = Labels.state(state)
            guard !allowedIn.isEmpty else {
                return LocalizedText(pl: "\(label.pl): nie teraz (reklamacja: \(now.pl)).", en: "\(label.en): not now (the complaint is \(now.en)).")
            }
            let states = allowedIn.map(Labels.state)
            return LocalizedText(pl: "\(label.pl): tylko gdy \(list(states.map(\.pl), "lub")) (teraz: \(now.pl)).",
                                 en: "\(label.en): only when \(list(states.map(\.en), "or")) (now: \(now.en)).")
        }
    }

    /// A transition held back by open mandatory steps, naming them by their text (shortened, the
    /// first three) and the key that shows the checklist from here (the form stays as typed).
    static func blocked(_ gate: ChecklistGate, checklistKey key: String?) -> LocalizedText {
        let count = gate.open.count
        let (cannotPL, cannotEN): (String, String) = switch gate.verb {
        case .acknowledge: ("Jeszcze nie można potwierdzić przyjęcia", "Cannot acknowledge yet")
        case .decide: ("Jeszcze nie można wydać decyzji", "Cannot decide yet")
        case .close: ("Jeszcze nie można zamknąć reklamacji", "Cannot close yet")
        case .followUp: ("Jeszcze nie można zapisać telefonu kontrolnego", "Cannot record the follow-up call yet")
        default: ("Jeszcze nie można: \(Labels.verb(gate.verb).pl)", "Not yet: \(Labels.verb(gate.verb).en)")
        }
        func named(_ language: Language, open: String, close: String, more: (Int) -> String) -> String {
            let names = gate.open.prefix(3).map { open + shortened($0.step.text.text(language), to: 30) + close }
            return names.joined(separator: ", ") + (count > 3 ? more(count - 3) : "")
        }
        let pl = "\(cannotPL) – otwarte kroki obowiązkowe (\(count)): "
            + named(.polish, open: "„", close: "”", more: { " i \($0) \($0 == 1 ? "inny" : "inne")" }) + "."
            + (key.map { " \($0) pokazuje listę kroków; wpisane dane zostają." } ?? "")
        let en = "\(cannotEN): \(Wording.en(count, "mandatory step is", "mandatory steps are")) open: "
            + named(.english, open: "“", close: "”", more: { " and \($0) more" }) + "."
            + (key.map { " \($0) shows the checklist; what was typed stays." } ?? "")
        return LocalizedText(pl: pl, en: en)
    }

    /// A step's text cut to about `columns`, at a word where it can be, with "…" when cut.
    static func shortened(_ text: String, to columns: Int) -> String {
        guard DisplayWidth.of(text) > columns else { return text }
        var kept = ""
        for word in text.split(separator: " ") {
            let next = kept.isEmpty ? String(word) : kept + " " + word
            guard DisplayWidth.of(next) <= columns - 1 else { break }
            kept = next
        }
        if kept.isEmpty { return DisplayWidth.truncate(text, to: columns) }
        // No dangling punctuation before the ellipsis.
        while let last = kept.last, ",.;:–-".contains(last) { kept.removeLast(); kept = kept.trimmingCharacters(in: .whitespaces) }
        return kept + "…"
    }

    /// A bound key this screen does not offer now and cannot say more about.
    static func notHere(_ binding: KeyBinding) -> LocalizedText {
        LocalizedText(pl: "\(binding.label.pl): niedostępne na tym ekranie.", en: "\(binding.label.en): not available on this screen.")
    }

    /// What the person may do instead, with its key: escalate to the shift lead, or tick the step
    /// rather than override it. Offered only when it is open to them on this complaint.
    private static func insteadOf(_ verb: ActionVerb, complaint: Complaint, dashboard: Dashboard) -> LocalizedText {
        let available = Lifecycle.availableVerbs(on: complaint, for: dashboard.actor)
        if verb == .override, available.contains(.check), let key = binding(for: .act(.check))?.keys.first?.label {
            return LocalizedText(pl: "; wykonaj go i odhacz (\(key == "Space" ? "Spacja" : key)).", en: "; do it and tick it (\(key)).")
        }
        if verb != .escalate, available.contains(.escalate), let key = binding(for: .act(.escalate))?.keys.first?.label {
            return LocalizedText(pl: "; eskaluj klawiszem \(key).", en: "; escalate with \(key).")
        }
        return LocalizedText(pl: ".", en: ".")
    }

    private static func binding(for command: Command) -> KeyBinding? {
        KeyTable.bindings.first { $0.context == .detail && $0.command == command }
    }

    /// "an advisor or the shift lead", as the subject of a sentence.
    private static func people(_ roles: [Role]) -> LocalizedText {
        let pl = roles.map { Labels.role($0).pl }
        let en = roles.map { role in
            switch role {
            case .trainee: "a trainee"
            case .advisor: "an advisor"
            case .lead: "the shift lead"
            }
        }
        return LocalizedText(pl: list(pl, "lub"), en: list(en, "or"))
    }

    private static func list(_ items: [String], _ conjunction: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
    }
}
