import AsodeskApp
import AsodeskDomain
import AsodeskScreen

/// The small forms the shift board opens over itself: reassign and escalate one complaint.
enum ShiftBoardForms {
    /// Choose the new owner among the site's operators (a trainee can only take a complaint for
    /// themselves, so only they are offered); an optional note goes with the assignment.
    static func reassign(_ number: ComplaintNumber, dashboard: Dashboard) -> FormScreen {
        let desk = dashboard.desk
        let owner = desk.state.complaints.heldInFull(number)?.owner
        let operatorField: FormField
        if desk.config.operators.isEmpty {
            // Without operators in the configuration anyone's id is accepted, so it is typed.
            operatorField = .text("operator", LocalizedText("Nowy opiekun (id)", "New owner (id)"), required: true,
                                  maxLength: 32, hint: LocalizedText("np. anowak", "e.g. anowak"))
        } else {
            let people = dashboard.actor.role == .trainee
                ? desk.config.operators.filter { $0.id == dashboard.actor.id }
                : desk.config.operators
            let choices = people.map { person in
                let label = "\(person.name) (\(person.id)) – "
                return FormChoice(person.id, LocalizedText(label + Labels.role(person.role).pl, label + Labels.role(person.role).en))
            }
            operatorField = .choice("operator", LocalizedText("Nowy opiekun", "New owner"), choices,
                                    value: people.first { $0.id != owner }?.id,
                                    hint: LocalizedText("← → wybór", "← → to choose"))
        }
        let form = Form(title: LocalizedText("Przydziel \(number)", "Reassign \(number)"), fields: [
            operatorField,
            .text("note", LocalizedText("Notatka", "Note"), maxLength: 1000),
        ])
        return FormScreen(form: form, overlay: true) { form, dashboard in
            guard let to = form.text("operator") else { return false }
            let result = dashboard.perform(.assign(to: to, note: form.text("note")), on: number)
            // A refusal is the status message; the form stays with what was typed.
            guard case .success = result else { return false }
            let name = desk.config.operators.first { $0.id == to }?.name ?? to
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
}
