import AsodeskApp
import AsodeskDomain

/// People as the dashboard offers and shows them: the same on every form and terminal.
enum People {
    /// The people a complaint may be given to (`Desk.assignees`), "me" first, without its current
    /// owner; a trainee takes a complaint only for themselves, so only they are offered.
    static func assigneeChoices(dashboard: Dashboard, owner: String?) -> [FormChoice] {
        let desk = dashboard.desk, me = dashboard.actor.id
        let ids = dashboard.actor.role == .trainee ? [me] : [me] + desk.assignees(for: dashboard.actor).filter { $0 != me }
        return ids.filter { $0 != owner }.map { id in
            let shown = desk.personLabel(id)
            return id == me ? FormChoice(id, LocalizedText("ja – \(shown)", "me – \(shown)")) : FormChoice(id, LocalizedText(shown, shown))
        }
    }
}
