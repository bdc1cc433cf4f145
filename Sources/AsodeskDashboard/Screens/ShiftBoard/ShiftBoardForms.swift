import AsodeskApp
import AsodeskDomain
import AsodeskScreen

/// The small forms the shift board opens over itself: reassign and escalate one complaint.
enum ShiftBoardForms {
    /// Choose the new owner among the people the desk knows (`People.assigneeChoices`); an
    /// optional note goes with the assignment.
    static func reassign(_ number: ComplaintNumber, dashboard: Dashboard) -> FormScreen {
        let desk = dashboard.desk
        let owner = desk.state.complaints.heldInFull(number)?.owner
        let choices = People.assigneeChoices(dashboard: dashboard, owner: owner)
        let operatorField = FormField.choice("operator", LocalizedText("Nowy opiekun", "New owner"), choices,
                                             value: choices.first?.value, hint: LocalizedText("← → wybór", "← → to choose"))
        let form = Form(title: LocalizedText("Przydziel \(number)", "Reassign \(number)"), fields: [
            operatorField,
            .text("note", LocalizedText("Notatka", "Note"), maxLength: 1000),
        ])
        return FormScreen(form: form, overlay: true) { form, dashboard in
            guard let to = form.text("operator") else { return false }
            let result = dashboard.perform(.assign(to: to, note: form.text("note")), on: number)
            // A refusal is the status message; the form stays with what was typed.
            guard case .success = result else { return false }
            let name = desk.personName(to)
            dashboard.message = StatusMessage(dashboard.language == .polish ? "✓ \(number) przydzielona: \(name)"
                                                                            : "✓ \(number) assigned to \(name)", role: .ok)
            return true
        }
    }

    /// The reason is required (it is what the next person reads); the priority may be raised,
    /// never lowered, so only the higher ones are offered.
    static func escalate(_ number: ComplaintNumber, dashboard: Dashboard) -> FormScreen {
        let current = dashboard.desk.state.complaints.heldInFull(number)?.priority ?? .normal
        let higher = Priority.allCases.filter { $0 > current }
        let choices = [FormChoice("", LocalizedText("bez zmiany", "unchanged"))]
            + higher.map { FormChoice($0.rawValue, Labels.priority($0)) }
        let form = Form(title: LocalizedText("Eskaluj \(number)", "Escalate \(number)"), fields: [
            .text("reason", LocalizedText("Powód", "Reason"), required: true, maxLength: 1000,
                  hint: LocalizedText("Co się dzieje i czego oczekujesz", "What is happening and what you expect")),
            .choice("priority", LocalizedText("Nowy priorytet", "New priority"), choices),
        ])
        return FormScreen(form: form, overlay: true) { form, dashboard in
            guard let reason = form.text("reason") else { return false }
            let priority = Priority(rawValue: form["priority"])
            let result = dashboard.perform(.escalate(reason: reason, priority: priority), on: number)
            guard case .success = result else { return false }
            dashboard.message = StatusMessage(dashboard.language == .polish ? "✓ \(number) eskalowana"
                                                                            : "✓ \(number) escalated", role: .ok)
            return true
        }
    }

    /// A shift lead's review of a low survey or mystery-shopping result: what was found or done.
    static func reviewFeedback(_ id: String, dashboard: Dashboard) -> FormScreen {
        let form = Form(title: LocalizedText("Przegląd niskiej oceny \(id)", "Review of the low score \(id)"), fields: [
            .text("note", LocalizedText("Notatka", "Note"), required: true, maxLength: 4000,
                  hint: LocalizedText("Co ustalono i co zrobiono", "What was found and what was done")),
        ])
        return FormScreen(form: form, overlay: true) { form, dashboard in
            guard let note = form.text("note") else { return false }
            do {
                if let refusal = dashboard.writeRefusal { throw refusal }
                try dashboard.desk.reviewFeedback(id, note: note, by: dashboard.actor, now: dashboard.now)
            } catch {
                // The form stays with what was typed.
                dashboard.message = StatusMessage(Dashboard.explain(error, language: dashboard.language), role: .error)
                return false
            }
            dashboard.refreshAll()
            dashboard.message = StatusMessage(dashboard.language == .polish ? "✓ \(id): przegląd zapisano" : "✓ \(id): review saved", role: .ok)
            return true
        }
    }
}
