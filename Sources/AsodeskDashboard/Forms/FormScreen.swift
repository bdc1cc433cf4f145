import AsodeskDomain
import AsodeskScreen

/// A form on its own screen or drawn over another (an action on a complaint, a filter).
/// Saving calls `submit`; when it returns false the form stays with everything typed, and the
/// errors it set are shown next to their fields. Esc on a changed form asks first.
public final class FormScreen: Screen {
    public var form: Form
    public let isOverlay: Bool
    /// Checks and saves the form. Returns true when done (the form then closes).
    public var submit: (inout Form, Dashboard) -> Bool
    /// Draws something beside the form (the intake checklist); gets the area right of the form.
    public var sidePanel: ((inout CellBuffer, Rect, Dashboard) -> Void)?
    /// Columns the side panel takes when there is one.
    public var sidePanelWidth = 0
    /// The complaint a form acts on: F8 opens its checklist, the form waiting below with what was typed.
    public var checklist: ComplaintNumber?

    public init(form: Form, overlay: Bool, submit: @escaping (inout Form, Dashboard) -> Bool) {
        self.form = form
        self.isOverlay = overlay
        self.submit = submit
    }

    public var contexts: [KeyContext] { checklist == nil ? [.form] : [.actionForm, .form] }
    public var title: LocalizedText { form.title }
    public var capturesText: Bool { true }

    public func edit(_ key: Key, dashboard: Dashboard) { form.edit(key) }

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        switch command {
        case .nextField: form.nextField()
        case .previousField: form.previousField()
        case .showChecklist:
            guard let checklist else { return false }
            dashboard.push(ChecklistScreen(number: checklist, dashboard: dashboard, waitingForm: form.title))
        case .submit:
            form.clearErrors()
            guard form.checkBeforeSaving() else {
                dashboard.message = StatusMessage(dashboard.language == .polish
                    ? "Nie zapisano: popraw pola zaznaczone poniżej (puste obowiązkowe albo za długie)."
                    : "Not saved: correct the fields shown below (required and empty, or too long).", role: .error)
                return true
            }
            if submit(&form, dashboard) {
                dashboard.close(self)
            } else {
                form.focusFirstError()
            }
        default:
            return false
        }
        return true
    }

    public func unsavedInput(dashboard: Dashboard) -> LocalizedText? {
        form.isChanged ? LocalizedText("wpisane dane", "what was typed") : nil
    }

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let language = dashboard.language
        if isOverlay {
            let width = min(area.width - 4, 76)
            let height = FormView.height(of: form, width: width - 2, language: language) + 2
            let box = Panel.centred(width: width, height: height, in: area)
            let inner = Panel.box(into: &buffer, area: box, title: form.title.text(language), focused: true)
            FormView.render(&form, into: &buffer, area: inner, language: language)
        } else {
            let (left, right) = sidePanel == nil ? (area, Rect(x: area.maxX, y: area.y, width: 0, height: area.height))
                                                 : area.splitColumns(area.width - sidePanelWidth)
            FormView.render(&form, into: &buffer, area: left.inset(by: 1), language: language)
            sidePanel?(&buffer, right, dashboard)
        }
    }
}
