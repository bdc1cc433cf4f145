import AsodeskApp
import AsodeskDomain
import AsodeskScreen

/// The forms of the action register, each drawn by `FormView` over the screen it came from: open
/// (also a procedure review the register derived), amend, done, verify and cancel.
enum ImprovementForms {
    static func form(_ verb: ImprovementVerb, for action: ImprovementAction, dashboard: Dashboard) -> FormScreen {
        switch verb {
        case .open: open(reviewOf: nil, dashboard: dashboard)
        case .amend: amend(action, dashboard: dashboard)
        case .done: done(action)
        case .verify: verify(action)
        case .cancel: cancel(action)
        }
    }

    /// Splits what was typed into words (spaces or commas).
    static func words(_ text: String?) -> [String] {
        (text ?? "").split { $0 == " " || $0 == "," }.map(String.init)
    }

    /// Complaint numbers as typed, or the field's error.
    static func numbers(_ text: String?) -> Result<[ComplaintNumber], Refusal> {
        var found: [ComplaintNumber] = []
        for word in words(text) {
            guard let number = ComplaintNumber(text: word) else {
                return .failure(Refusal(pl: "„\(word)” nie jest numerem reklamacji (np. R/2026/0042).",
                                        en: "'\(word)' is not a complaint number (like R/2026/0042)."))
            }
            found.append(number)
        }
        return .success(found)
    }

    static let dateHint = LocalizedText("RRRR-MM-DD, np. 2026-12-31", "YYYY-MM-DD, e.g. 2026-12-31")
    static let dateError = LocalizedText("Podaj datę jako RRRR-MM-DD, np. 2026-12-31.", "Give the date as YYYY-MM-DD, e.g. 2026-12-31.")
    static let causeHint = LocalizedText("kody przyczyn oddzielone spacją, np. workshop-error/torque", "cause codes separated by spaces, e.g. workshop-error/torque")
    static let complaintsHint = LocalizedText("numery oddzielone spacją, np. R/2026/0042", "numbers separated by spaces, e.g. R/2026/0042")

    static func ownerChoices(_ dashboard: Dashboard, current: String?) -> [FormChoice] {
        let desk = dashboard.desk
        var ids = desk.assignees(for: dashboard.actor)
        if let current, let index = ids.firstIndex(of: current) { ids.remove(at: index); ids.insert(current, at: 0) }
        return ids.map { FormChoice($0, LocalizedText(desk.personLabel($0), desk.personLabel($0))) }
    }

    /// Saves a change; on success says what was saved, on a refusal keeps the form (the status line says why).
    static func save(_ change: ImprovementChange, on id: ActionID?, dashboard: Dashboard) -> Bool {
        guard case .success(let event) = dashboard.record(change, on: id) else { return false }
        dashboard.message = StatusMessage("✓ " + ImprovementText.saved(event, desk: dashboard.desk, language: dashboard.language), role: .ok)
        return true
    }

    /// A new action; from a procedure review row, the review opened as an action (lead).
    static func open(reviewOf row: RegisterRow?, dashboard: Dashboard) -> FormScreen {
        var review: (procedure: String, title: LocalizedText)?
        if case .procedureReview(let procedure, let title, _)? = row?.source { review = (procedure, title) }
        let language = dashboard.language
        let kinds: [ImprovementKind] = review == nil ? [.corrective, .preventive] : [.procedureReview]
        let form = Form(title: review == nil ? LocalizedText("Nowe działanie", "New action")
                                             : LocalizedText("Przegląd procedury \(review!.procedure)", "Review of procedure \(review!.procedure)"), fields: [
            .choice("kind", LocalizedText("Rodzaj", "Kind"), kinds.map { FormChoice($0.rawValue, Labels.improvementKind($0)) }),
            .text("title", LocalizedText("Tytuł", "Title"), required: true, maxLength: ImprovementRules.titleLimit,
                  value: review.map { (language == .polish ? "Przegląd: " : "Review: ") + $0.title.text(language) } ?? ""),
            .text("causes", LocalizedText("Przyczyny", "Causes"), maxLength: 200, hint: causeHint),
            .text("complaints", LocalizedText("Reklamacje", "Complaints"), maxLength: 200, hint: complaintsHint),
            .choice("owner", LocalizedText("Prowadzi", "Owner"), ownerChoices(dashboard, current: dashboard.actor.id)),
            .text("due", LocalizedText("Termin", "Due"), required: true, maxLength: 10, value: row.map { $0.due.description } ?? "", hint: dateHint),
            .text("measure", LocalizedText("Miernik skuteczności", "Measure of success"), required: true, maxLength: ImprovementRules.textLimit),
        ])
        return FormScreen(form: form, overlay: true) { form, dashboard in
            guard let (due, complaints) = dueAndComplaints(&form) else { return false }
            let opening = ImprovementOpening(kind: ImprovementKind(rawValue: form["kind"]) ?? .corrective, title: form["title"],
                                             causes: words(form.text("causes")), complaints: complaints, owner: form["owner"],
                                             due: due, measure: form["measure"], procedure: review?.procedure)
            return save(.open(opening), on: nil, dashboard: dashboard)
        }
    }

    /// The due date and the complaints as typed, or nil with the field's error set.
    private static func dueAndComplaints(_ form: inout Form) -> (LocalDate, [ComplaintNumber])? {
        guard let due = LocalDate(iso: form["due"].trimmingCharacters(in: .whitespaces)) else {
            form.setError("due", dateError)
            return nil
        }
        switch numbers(form.text("complaints")) {
        case .success(let found): return (due, found)
        case .failure(let error): form.setError("complaints", error.text); return nil
        }
    }

    /// Only the fields changed go into the amendment; the reason is required.
    static func amend(_ action: ImprovementAction, dashboard: Dashboard) -> FormScreen {
        let form = Form(title: LocalizedText("Zmień \(action.id)", "Amend \(action.id)"), fields: [
            .text("title", LocalizedText("Tytuł", "Title"), required: true, maxLength: ImprovementRules.titleLimit, value: action.title),
            .choice("owner", LocalizedText("Prowadzi", "Owner"), ownerChoices(dashboard, current: action.owner), value: action.owner),
            .text("due", LocalizedText("Termin", "Due"), required: true, maxLength: 10, value: action.due.description, hint: dateHint),
            .text("measure", LocalizedText("Miernik skuteczności", "Measure of success"), required: true, maxLength: ImprovementRules.textLimit,
                  value: action.measure),
            .text("causes", LocalizedText("Przyczyny", "Causes"), maxLength: 200, value: action.causes.joined(separator: " "), hint: causeHint),
            .text("complaints", LocalizedText("Reklamacje", "Complaints"), maxLength: 200,
                  value: action.complaints.map(\.description).joined(separator: " "), hint: complaintsHint),
            .text("reason", LocalizedText("Powód zmiany", "Reason"), required: true, maxLength: ImprovementRules.textLimit),
        ])
        return FormScreen(form: form, overlay: true) { form, dashboard in
            guard let (due, complaints) = dueAndComplaints(&form) else { return false }
            let title = form["title"].trimmingCharacters(in: .whitespaces), measure = form["measure"].trimmingCharacters(in: .whitespaces)
            let causes = words(form.text("causes"))
            let amendment = ImprovementAmendment(
                title: title == action.title ? nil : title, owner: form["owner"] == action.owner ? nil : form["owner"],
                due: due == action.due ? nil : due, measure: measure == action.measure ? nil : measure,
                causes: causes == action.causes ? nil : causes, complaints: complaints == action.complaints ? nil : complaints,
                reason: form["reason"])
            return save(.amend(amendment), on: action.id, dashboard: dashboard)
        }
    }

    static func done(_ action: ImprovementAction) -> FormScreen {
        let form = Form(title: LocalizedText("Wykonane: \(action.id)", "Done: \(action.id)"), fields: [
            .text("note", LocalizedText("Co zrobiono", "What was done"), required: true, maxLength: ImprovementRules.textLimit),
        ])
        return FormScreen(form: form, overlay: true) { form, dashboard in
            save(.done(note: form["note"]), on: action.id, dashboard: dashboard)
        }
    }

    static func verify(_ action: ImprovementAction) -> FormScreen {
        let form = Form(title: LocalizedText("Ocena skuteczności \(action.id)", "Verify \(action.id)"), fields: [
            .choice("effective", LocalizedText("Skuteczne?", "Effective?"), [
                FormChoice("yes", LocalizedText("tak, skuteczne", "yes, effective")),
                FormChoice("no", LocalizedText("nie – potrzebne działanie następcze", "no – a follow-up is needed")),
            ]),
            .text("note", LocalizedText("Co pokazał miernik", "What the measure showed"), required: true, maxLength: ImprovementRules.textLimit,
                  hint: LocalizedText(action.measure, action.measure)),
        ])
        return FormScreen(form: form, overlay: true) { form, dashboard in
            save(.verify(effective: form["effective"] == "yes", note: form["note"]), on: action.id, dashboard: dashboard)
        }
    }

    static func cancel(_ action: ImprovementAction) -> FormScreen {
        let form = Form(title: LocalizedText("Anuluj \(action.id)", "Cancel \(action.id)"), fields: [
            .text("reason", LocalizedText("Powód", "Reason"), required: true, maxLength: ImprovementRules.textLimit),
        ])
        return FormScreen(form: form, overlay: true) { form, dashboard in
            save(.cancel(reason: form["reason"]), on: action.id, dashboard: dashboard)
        }
    }
}
