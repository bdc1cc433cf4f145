import AsodeskApp
import AsodeskDomain
import AsodeskScreen
import Foundation

/// A new complaint: the intake form with every field, checked field by field, and the intake
/// checklist beside it (read-do for a trainee, do-confirm for everyone else). Saving records the
/// complaint, then the checklist steps confirmed while taking it, and opens the new complaint.
/// A refused or failed save keeps everything typed; Esc on a changed form asks first.
public final class IntakeScreen: Screen {
    public private(set) var form: Form
    /// Checklist steps confirmed so far, in the order they were confirmed (`procedure/step`).
    public private(set) var confirmed: [String] = []
    /// Fields edited since the form opened: leaving one checks it, even when it was emptied.
    private var touched: Set<String> = []
    /// After a save attempt, leaving phone or e-mail re-checks the contact rule across both.
    private var contactRuleShown = false
    private var saved = false

    public init(dashboard: Dashboard) {
        form = Form(title: LocalizedText("Nowa reklamacja", "New complaint"), fields: Self.fields())
    }

    public var contexts: [KeyContext] { [.intake, .form] }
    public var title: LocalizedText { form.title }
    public var capturesText: Bool { true }

    // MARK: Fields

    /// When the complaint reached the desk, if earlier than now (a letter, a weekend e-mail): its
    /// timers and legal clock start then. Not an intake `Field`: it is the receipt event's time.
    static let receivedAtField = "received-at"
    /// An earlier complaint of the same phone, e-mail, plate, VIN or name to link the new one with:
    /// offered as they are typed, never linked unasked.
    static let linkField = "link"
    /// The earlier complaints found for what was typed, as the link field offers them.
    public private(set) var repeats: [RepeatMatch] = []

    /// Field ids are the domain's `Field` raw values, so a `FieldError` lands next to its field.
    static func fields() -> [FormField] {
        func choices<Value: RawRepresentable & CaseIterable>(_ type: Value.Type, _ label: (Value) -> LocalizedText) -> [FormChoice]
            where Value.RawValue == String {
            Value.allCases.map { FormChoice($0.rawValue, label($0)) }
        }
        func text(_ field: Field, required: Bool = false, maxLength: Int, hint: LocalizedText? = nil) -> FormField {
            .text(field.rawValue, field.label, required: required, maxLength: maxLength, hint: hint)
        }
        let choose = LocalizedText("← → zmienia wartość (albo pierwsza litera)", "← → change the value (or type its first letter)")
        return [
            .choice(Field.channel.rawValue, Field.channel.label, choices(Channel.self, Labels.channel), hint: choose),
            .choice(Field.category.rawValue, Field.category.label, choices(ComplaintCategory.self, Labels.category), hint: choose),
            .choice(Field.priority.rawValue, Field.priority.label, choices(Priority.self, Labels.priority), hint: choose),
            .choice(Field.legalBasis.rawValue, Field.legalBasis.label, choices(LegalBasis.self, Labels.legalBasis), hint: choose),
            text(.customer, required: true, maxLength: Field.customer.textLimits!.maximum,
                 hint: LocalizedText("Imię i nazwisko albo nazwa firmy", "Full name or company name")),
            text(.phone, maxLength: 30, hint: LocalizedText("np. 601 234 567 albo +48 12 345 67 89",
                                                            "e.g. 601 234 567 or +48 12 345 67 89")),
            text(.email, maxLength: 254, hint: LocalizedText("np. jan.kowalski@example.pl", "e.g. jan.kowalski@example.pl")),
            text(.plate, maxLength: 20, hint: LocalizedText("np. KR 12345", "e.g. KR 12345")),
            text(.vin, maxLength: 30, hint: LocalizedText("17 znaków z dowodu rejestracyjnego, bez I, O, Q",
                                                          "17 characters from the registration, no I, O, Q")),
            text(.vehicle, maxLength: Field.vehicle.textLimits!.maximum, hint: LocalizedText("np. Skoda Octavia 2.0 TDI", "e.g. Skoda Octavia 2.0 TDI")),
            text(.order, maxLength: 40, hint: LocalizedText("np. ZN/2026/00123", "e.g. ZN/2026/00123")),
            text(.summary, required: true, maxLength: Field.summary.textLimits!.maximum,
                 hint: LocalizedText("Co się stało, słowami klienta", "What happened, in the customer's words")),
            text(.remedy, maxLength: Field.remedy.textLimits!.maximum,
                 hint: LocalizedText("Czego klient oczekuje: naprawy, zwrotu kosztów…", "What the customer wants: repair, refund…")),
            // Optional, and after the fields fingers know: how the customer wants to hear from us
            // (validated against the phone and e-mail above).
            .choice(Field.contactPreference.rawValue, Field.contactPreference.label,
                    [FormChoice("", Labels.contactPreference(nil))] + choices(ContactPreference.self, Labels.contactPreference),
                    required: false, hint: LocalizedText("jak klient chce być informowany (← →)", "how the customer wants to hear from us (← →)")),
            // Last: most complaints are typed in as they arrive, and fingers know the order above.
            .text(receivedAtField, LocalizedText("Data wpływu", "Received at"), maxLength: 25, hint: EntryTimeField.hint),
        ]
    }

    /// Shown only while earlier complaints are found, right under the vehicle and the repair order.
    static func linkField(_ choices: [FormChoice]) -> FormField {
        FormField(id: linkField, label: LocalizedText("Powiąż z", "Link with"), required: false,
                  kind: .choice([FormChoice("", LocalizedText("— nie wiąż —", "— do not link —"))] + choices),
                  hint: LocalizedText("wcześniejsze reklamacje tego telefonu, e-maila, pojazdu lub nazwiska; ← → wybiera",
                                      "earlier complaints of this phone, e-mail, car or name; ← → chooses"))
    }

    /// Looks for earlier complaints of what is typed now and offers them in the link field; says
    /// so in the status line whenever what is found changes.
    private func refreshRepeats(dashboard: Dashboard) {
        let typed = intakeForm
        func normalised(_ text: String?, _ field: Field) -> String? {
            guard let text, case .success(let value) = Validation.normalise(text, as: field) else { return nil }
            return value
        }
        let keys = RepeatKeys(phone: normalised(typed.phone, .phone), email: normalised(typed.email, .email),
                              plate: normalised(typed.plate, .plate), vin: normalised(typed.vin, .vin))
        let found = Array(dashboard.desk.repeatsOf(customer: typed.customer, keys: keys).prefix(9))
        let before = repeats
        repeats = found
        let style = dashboard.style
        let date: @Sendable (Date) -> String = { style.shortDate(style.localDate($0)) }
        let chosen = form[Self.linkField]
        if let index = form.index(of: Self.linkField) {
            form.fields.remove(at: index)
            if form.focus > index { form.focus -= 1 }
        }
        if !found.isEmpty, let order = form.index(of: Field.order.rawValue) {
            var field = Self.linkField(found.map { FormChoice($0.number.description, RepeatText.line($0, date: date)) })
            if found.contains(where: { $0.number.description == chosen }) { field.value = chosen }
            form.fields.insert(field, at: order + 1)
            if form.focus > order { form.focus += 1 }
        }
        if found != before, let first = found.first {
            let same = RepeatText.reasons(first.reasons)
            let state = first.isOpen ? Labels.state(first.state) : LocalizedText("zakończona", "finished")
            let more = found.count > 1 ? LocalizedText(" i \(found.count - 1) inne", " and \(found.count - 1) more") : LocalizedText("", "")
            dashboard.message = StatusMessage(LocalizedText(
                "Wcześniej \(first.number) (\(state.pl), \(date(first.receivedAt)))\(more.pl), zgodne: \(same.pl) – pole Powiąż z",
                "Earlier \(first.number) (\(state.en), \(date(first.receivedAt)))\(more.en), same: \(same.en) – see Link with").text(dashboard.language),
                role: .warning)
        }
    }

    /// Whether the field is one the desk must fill in: customer, summary, and phone or e-mail.
    private static func isRequired(_ field: FormField) -> Bool {
        field.required || field.id == Field.phone.rawValue || field.id == Field.email.rawValue
    }

    /// The form as the domain's intake form (raw text; `validated()` checks and normalises it).
    public var intakeForm: IntakeForm {
        IntakeForm(channel: Channel(rawValue: form[Field.channel.rawValue]) ?? .phone,
                   category: ComplaintCategory(rawValue: form[Field.category.rawValue]) ?? .other,
                   priority: Priority(rawValue: form[Field.priority.rawValue]) ?? .normal,
                   legalBasis: LegalBasis(rawValue: form[Field.legalBasis.rawValue]) ?? .consumer,
                   customer: form[Field.customer.rawValue], phone: form[Field.phone.rawValue],
                   email: form[Field.email.rawValue], plate: form[Field.plate.rawValue], vin: form[Field.vin.rawValue],
                   vehicle: form[Field.vehicle.rawValue], order: form[Field.order.rawValue],
                   summary: form[Field.summary.rawValue], remedy: form[Field.remedy.rawValue],
                   contactPreference: form[Field.contactPreference.rawValue])
    }

    // MARK: Checklist

    public struct ChecklistItem: Sendable, Hashable {
        public var procedure: Procedure
        public var step: ProcedureStep
        public var key: String { "\(procedure.id)/\(step.id)" }
    }

    /// The intake procedures that apply to the complaint as typed so far (channel and category).
    public func checklist(dashboard: Dashboard) -> [Procedure] {
        let typed = intakeForm
        let intake = Intake(channel: typed.channel, category: typed.category, priority: typed.priority,
                            legalBasis: typed.legalBasis, customer: typed.customer, summary: typed.summary)
        return dashboard.desk.procedures.gating(.intake).filter { $0.applies(to: intake) }
    }

    public func items(dashboard: Dashboard) -> [ChecklistItem] {
        checklist(dashboard: dashboard).flatMap { procedure in procedure.steps.map { ChecklistItem(procedure: procedure, step: $0) } }
    }

    /// The step to do next: the first one not confirmed.
    private func nextItem(dashboard: Dashboard) -> ChecklistItem? {
        items(dashboard: dashboard).first { !confirmed.contains($0.key) }
    }

    private func confirmNext(dashboard: Dashboard) {
        guard let item = nextItem(dashboard: dashboard) else {
            dashboard.message = StatusMessage(dashboard.language == .polish
                ? "Wszystkie kroki listy są już potwierdzone." : "Every checklist step is already confirmed.", role: .ok)
            return
        }
        confirmed.append(item.key)
    }

    private func unconfirmLast(dashboard: Dashboard) {
        let current = Set(items(dashboard: dashboard).map(\.key))
        guard let index = confirmed.lastIndex(where: current.contains) else { return }
        confirmed.remove(at: index)
    }

    // MARK: Editing and validation

    public func edit(_ key: Key, dashboard: Dashboard) {
        let before = form.focused.value
        form.edit(key)
        if form.focused.value != before { touched.insert(form.focused.id) }
    }

    /// Checks the field focus is leaving, with the domain's validator for it.
    private func validateFocused(dashboard: Dashboard) {
        let index = form.focus
        let field = form.fields[index]
        if field.id == Self.receivedAtField {
            form.fields[index].error = EntryTimeField.read(field.value, receivedAt: nil, dashboard: dashboard).problem
            return
        }
        if field.id == Field.contactPreference.rawValue { return recheckContactPreference() }
        guard case .text = field.kind, let domainField = Field(rawValue: field.id) else { return }
        if touched.contains(field.id) || !field.value.trimmingCharacters(in: .whitespaces).isEmpty {
            switch Validation.normalise(field.value, as: domainField) {
            case .success: form.fields[index].error = nil
            case .failure(let error): form.fields[index].error = error.message
            }
        }
        if domainField == .phone || domainField == .email { recheckContactRule(); recheckContactPreference() }
        if [.customer, .phone, .email, .plate, .vin].contains(domainField) { refreshRepeats(dashboard: dashboard) }
    }

    /// The preference beside the phone or e-mail it needs: said when leaving it, cleared once typed.
    private func recheckContactPreference() {
        guard let index = form.index(of: Field.contactPreference.rawValue) else { return }
        guard let preference = ContactPreference(rawValue: form[Field.contactPreference.rawValue]) else {
            form.fields[index].error = nil
            return
        }
        func given(_ field: Field) -> String? {
            if case .success(let value) = Validation.normalise(form[field.rawValue], as: field) { return value }
            return FreeText.trimmed(form[field.rawValue]).isEmpty ? nil : form[field.rawValue]
        }
        form.fields[index].error = Validation.contactPreferenceRule(preference, phone: given(.phone), email: given(.email))?.message
    }

    /// Once the contact rule was shown, it follows what is typed in phone and e-mail.
    private func recheckContactRule() {
        guard contactRuleShown, let phone = form.index(of: Field.phone.rawValue) else { return }
        let missing = form.text(Field.phone.rawValue) == nil && form.text(Field.email.rawValue) == nil
        if missing, form.fields[phone].error == nil {
            form.fields[phone].error = Validation.contactRequired.message
        } else if !missing, form.fields[phone].error == Validation.contactRequired.message {
            form.fields[phone].error = nil
        }
    }

    // MARK: Saving

    private func save(dashboard: Dashboard) {
        let polish = dashboard.language == .polish
        form.clearErrors()
        contactRuleShown = true
        // The receipt's time by the same rule as any entry's (`Lifecycle.timeDenial`), shown with the other fields' problems.
        let received = EntryTimeField.read(form[Self.receivedAtField], receivedAt: nil, dashboard: dashboard)
        if let problem = received.problem { form.setError(Self.receivedAtField, problem) }
        var intake: Intake?
        var errors: [FieldError] = []
        do throws(FieldErrors) {
            intake = try intakeForm.validated()
        } catch {
            errors = error.errors
        }
        guard let intake, received.problem == nil else {
            for fieldError in errors { form.setError(fieldError.field.rawValue, fieldError.message) }
            form.focusFirstError()
            let count = errors.count + (received.problem == nil ? 0 : 1)
            dashboard.message = StatusMessage(polish
                ? "Nie zapisano: popraw \(count == 1 ? "pole zaznaczone" : "pola zaznaczone") ↳ w formularzu; wpisane dane zostają."
                : "Not saved: correct the \(count == 1 ? "field" : "fields") marked ↳ in the form; what you typed is kept.", role: .error)
            return
        }
        // Only steps of the procedures that apply to what was saved, in the procedure's order.
        let ticks = items(dashboard: dashboard).filter { confirmed.contains($0.key) }.map {
            ComplaintAction.checkStep(procedure: $0.procedure.id, version: $0.procedure.version, step: $0.step.id)
        }
        // The complaint and its ticks in one save: refused or failed, nothing is written, the
        // dashboard shows why and everything typed stays.
        let linked = ComplaintNumber(text: form[Self.linkField])
        let link = linked.map { [ComplaintAction.link(to: $0, note: nil)] } ?? []
        guard case .success(let events) = dashboard.perform([.receive(intake)] + ticks + link, on: nil, occurredAt: received.date) else { return }
        let event = events[0]
        saved = true
        let linkedText = linked.map { polish ? "; powiązana z \($0)" : "; linked with \($0)" } ?? ""
        let text = polish
            ? "Zapisano \(event.number): \(intake.customer); potwierdzone kroki listy: \(ticks.count)\(linkedText)."
            : "Saved \(event.number): \(intake.customer); checklist steps confirmed: \(ticks.count)\(linkedText)."
        dashboard.showRoot(DetailScreen(number: event.number, dashboard: dashboard))
        dashboard.message = StatusMessage(text, role: .ok)
    }

    // MARK: Screen

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        switch command {
        case .nextField:
            validateFocused(dashboard: dashboard)
            form.nextField()
        case .previousField:
            validateFocused(dashboard: dashboard)
            form.previousField()
        case .submit:
            save(dashboard: dashboard)
        case .confirmStep:
            confirmNext(dashboard: dashboard)
        case .unconfirmStep:
            unconfirmLast(dashboard: dashboard)
        default:
            return false
        }
        return true
    }

    public func unsavedInput(dashboard: Dashboard) -> LocalizedText? {
        guard !saved, form.isChanged || !confirmed.isEmpty else { return nil }
        return LocalizedText("wpisaną reklamację", "the complaint being typed")
    }

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let sideWidth = area.width >= 120 ? min(72, area.width * 2 / 5) : 30
        let (left, right) = area.splitColumns(area.width - sideWidth)
        renderForm(into: &buffer, area: left.inset(by: 1), language: dashboard.language)
        renderChecklist(into: &buffer, area: right, dashboard: dashboard)
    }

    // MARK: Drawing the form

    private func renderForm(into buffer: inout CellBuffer, area: Rect, language: Language) {
        // The legend and the hint of the focused field stay under the form.
        let fields = Rect(x: area.x, y: area.y, width: area.width, height: max(1, area.height - 2))
        FormView.render(&form, into: &buffer, area: fields, language: language, isRequired: Self.isRequired, showsHint: false)
        let legend = language == .polish ? "* wymagane (telefon lub e-mail: jedno z nich)"
                                         : "* required (phone or e-mail: one of them)"
        buffer.write(legend, x: area.x, y: area.maxY - 2, role: .muted, maxWidth: area.width)
        if let hint = form.focused.hint {
            buffer.write(hint.text(language), x: area.x, y: area.maxY - 1, role: .muted, maxWidth: area.width)
        }
    }

    // MARK: Drawing the checklist

    private func renderChecklist(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let language = dashboard.language
        let polish = language == .polish
        let inner = Panel.box(into: &buffer, area: area, title: polish ? "Lista kontrolna" : "Checklist")
        let x = inner.x + 1, width = inner.width - 2, maxY = inner.maxY
        let procedures = checklist(dashboard: dashboard)
        guard !procedures.isEmpty else {
            ProcedureText.write(polish ? "Żadna procedura przyjęcia nie dotyczy tego kanału i kategorii."
                                       : "No intake procedure applies to this channel and category.",
                                into: &buffer, x: x, y: inner.y, width: width, maxY: maxY, role: .muted)
            return
        }
        let all = items(dashboard: dashboard)
        let done = all.filter { confirmed.contains($0.key) }.count
        var y = inner.y
        let progress = polish ? "potwierdzone \(done) z \(all.count)" : "\(done) of \(all.count) confirmed"
        if dashboard.actor.role == .trainee {
            y = renderReadDo(all: all, progress: progress, into: &buffer, x: x, y: y, width: width, maxY: maxY, language: language)
        } else {
            y = renderDoConfirm(procedures: procedures, progress: progress, into: &buffer, x: x, y: y, width: width,
                                maxY: maxY, dashboard: dashboard)
        }
        let keys = DisplayWidth.wrap(polish ? "F6 potwierdza krok, F7 cofa. Zapisują się razem z reklamacją."
                                             : "F6 confirms a step, F7 undoes. Saved together with the complaint.", width: width)
        if y + keys.count < maxY {
            for (offset, line) in keys.enumerated() {
                buffer.write(line, x: x, y: maxY - keys.count + offset, role: .muted, maxWidth: width)
            }
        }
    }

    /// Read-do (trainee): the next step alone, with why it matters, one after another.
    private func renderReadDo(all: [ChecklistItem], progress: String, into buffer: inout CellBuffer,
                              x: Int, y start: Int, width: Int, maxY: Int, language: Language) -> Int {
        let polish = language == .polish
        var y = start
        guard let index = all.firstIndex(where: { !confirmed.contains($0.key) }) else {
            y = ProcedureText.write(polish ? "✓ Wszystkie kroki przeczytane i wykonane." : "✓ Every step read and done.",
                                    into: &buffer, x: x, y: y, width: width, maxY: maxY, role: .ok)
            return ProcedureText.write(progress, into: &buffer, x: x, y: y, width: width, maxY: maxY, role: .muted)
        }
        let item = all[index]
        y = ProcedureText.write(item.procedure.title.text(language), into: &buffer, x: x, y: y, width: width,
                                maxY: maxY, role: .header, maxLines: 2)
        let position = ProcedureText.stepOf(index + 1, all.count, language: language)
        let kind = item.step.mandatory ? (polish ? "obowiązkowy" : "mandatory") : (polish ? "nieobowiązkowy" : "optional")
        buffer.write("\(polish ? "Czytaj i wykonuj" : "Read and do") · \(position) · \(kind)", x: x, y: y, role: .muted, maxWidth: width)
        y += 2
        y = ProcedureText.write(item.step.text.text(language), prefix: "▸ ", into: &buffer, x: x, y: y, width: width,
                                maxY: maxY - 3, role: .body)
        y += 1
        y = ProcedureText.write(item.step.reason.text(language), prefix: polish ? "Dlaczego: " : "Why: ", into: &buffer,
                                x: x, y: y, width: width, maxY: maxY - 3, role: .muted)
        return ProcedureText.write(progress, into: &buffer, x: x, y: y + 1, width: width, maxY: maxY, role: .muted)
    }

    /// Do-confirm (advisor, shift lead): the whole list, ticked as the steps are confirmed.
    private func renderDoConfirm(procedures: [Procedure], progress: String, into buffer: inout CellBuffer,
                                 x: Int, y start: Int, width: Int, maxY: Int, dashboard: Dashboard) -> Int {
        let language = dashboard.language
        let next = nextItem(dashboard: dashboard)?.key
        var y = start
        for procedure in procedures {
            y = ProcedureText.write(procedure.title.text(language), into: &buffer, x: x, y: y, width: width,
                                    maxY: maxY, role: .header, maxLines: 2)
            buffer.write(language == .polish ? "Wykonaj, potem potwierdź" : "Do, then confirm", x: x, y: y, role: .muted, maxWidth: width)
            buffer.write(progress, x: x, y: y + 1, role: .muted, maxWidth: width)
            y += 2
            // As many lines per step as the pane allows: whole sentences on a large terminal.
            let wrapped = procedure.steps.map { DisplayWidth.wrap($0.text.text(language), width: width - 4).count }
            let room = maxY - y - 4
            let linesPerStep = wrapped.reduce(0, +) <= room ? Int.max
                : (1...4).last { limit in wrapped.reduce(0) { $0 + min($1, limit) } <= room } ?? 1
            for step in procedure.steps {
                guard y < maxY else { break }
                let key = "\(procedure.id)/\(step.id)"
                let isDone = confirmed.contains(key)
                let marker = key == next ? "▸" : " "
                buffer.write(marker, x: x, y: y, role: .header)
                buffer.write(isDone ? "✓" : "·", x: x + 1, y: y, role: isDone ? .ok : .muted)
                buffer.write(step.mandatory ? "*" : " ", x: x + 2, y: y, role: .warning)
                y = ProcedureText.write(step.text.text(language), into: &buffer, x: x + 4, y: y, width: width - 4,
                                        maxY: maxY, role: isDone ? .muted : .body, maxLines: linesPerStep)
            }
            if y < maxY {
                buffer.write(language == .polish ? "* krok obowiązkowy" : "* mandatory step", x: x, y: y, role: .muted, maxWidth: width)
                y += 1
            }
        }
        return y
    }
}
