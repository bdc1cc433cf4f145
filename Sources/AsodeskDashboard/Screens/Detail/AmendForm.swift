import AsodeskApp
import AsodeskDomain

/// Correct data (A on the detail screen): the intake fields as the complaint holds them now, to
/// edit in place, and the reason. Saving records only the fields whose text was changed, checked
/// exactly as at intake (`IntakeForm.corrections`), all in one entry; a problem stays beside its
/// field and everything typed is kept.
enum AmendForm {
    static let reasonField = Field.reason.rawValue
    static let causeField = Field.cause.rawValue

    static func screen(complaint: Complaint, dashboard: Dashboard) -> FormScreen {
        let original = complaint.intake, cause = complaint.cause
        // The intake form's own fields (labels, hints, lengths), so both forms read alike.
        var fields = IntakeScreen.fields().filter { field in Field.correctable.contains { $0.rawValue == field.id } }
        for index in fields.indices {
            guard let field = Field(rawValue: fields[index].id) else { continue }
            fields[index].value = original[field] ?? ""
            fields[index].cursor = fields[index].value.count
        }
        // After a decision its cause is corrected here too (the monthly review counts it).
        let causes = dashboard.desk.config.causes
        if complaint.hasBeenDecided {
            var choices = causes.codes.map { FormChoice($0.text, causes.label(of: $0)) }
            if let cause = complaint.cause, !causes.contains(cause) { choices.insert(FormChoice(cause.text, causes.label(of: cause)), at: 0) }
            if complaint.cause == nil { choices.insert(FormChoice("", LocalizedText("— nie podano —", "— not given —")), at: 0) }
            fields.append(.choice(causeField, Field.cause.label, choices, value: complaint.cause?.text ?? ""))
        }
        fields.append(.text(reasonField, LocalizedText("Powód poprawki", "Why it is corrected"), required: true,
                            maxLength: Field.reason.textLimits?.maximum ?? 1000,
                            hint: LocalizedText("np. klient podał właściwy numer telefonu", "e.g. the customer gave the right phone number")))
        let number = complaint.number
        let form = Form(title: LocalizedText(pl: "Popraw dane – \(number)", en: "Correct data – \(number)"), fields: fields)
        return FormScreen(form: form, overlay: true) { form, dashboard in
            submit(number, original: original, cause: cause, form: &form, dashboard: dashboard)
        }
    }

    /// Records the changed fields; false keeps the form open. Corrections start from the values
    /// the form was opened with, so a field changed meanwhile on another terminal is refused
    /// (`Lifecycle.checkCorrections`) rather than silently overwritten.
    static func submit(_ number: ComplaintNumber, original: Intake, cause: CauseCode?, form: inout Form, dashboard: Dashboard) -> Bool {
        let pl = dashboard.language == .polish
        var typed: [Field: String] = [:]
        for field in Field.correctable where form[field.rawValue] != (original[field] ?? "") {
            typed[field] = form[field.rawValue]
        }
        let newCause = !form[causeField].isEmpty && form[causeField] != cause?.text ? form[causeField] : nil
        guard !typed.isEmpty || newCause != nil else {
            dashboard.message = StatusMessage(pl ? "Nic nie zmieniono: popraw wartość pola albo wyjdź (Esc)."
                                                 : "Nothing was changed: correct a field's value, or leave with Esc.", role: .warning)
            return false
        }
        var reason: String?
        do throws(FieldError) {
            reason = try FreeText.validate(form[reasonField], field: .reason, limits: Field.reason.textLimits ?? TextLimits(minimum: 3, maximum: 1000))
        } catch {
            form.setError(reasonField, error.message)
        }
        var corrections: [IntakeCorrection]?
        do throws(FieldErrors) {
            corrections = try typed.isEmpty ? [] : IntakeForm.corrections(of: original, to: typed)
            if let newCause { corrections?.append(IntakeCorrection(field: .cause, old: cause?.text, new: newCause)) }
        } catch {
            for fieldError in error.errors { form.setError(fieldError.field.rawValue, fieldError.message) }
        }
        guard let reason, let corrections else {
            dashboard.message = StatusMessage(pl ? "Nie zapisano: popraw pola zaznaczone ↳; wpisane dane zostają."
                                                 : "Not saved: correct the fields marked ↳; what you typed is kept.", role: .error)
            return false
        }
        guard case .success = dashboard.perform(.amend(corrections: corrections, reason: reason), on: number) else {
            return false   // the dashboard shows why; everything typed stays
        }
        dashboard.message = ActionForms.confirmation(.amend, number: number, language: dashboard.language)
        return true
    }
}
