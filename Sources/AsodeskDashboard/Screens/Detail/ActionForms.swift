import AsodeskApp
import AsodeskDomain
import Foundation

/// The small form behind each lifecycle key of the detail screen: exactly the fields the action
/// needs, required ones marked, and "when it happened" where the command line offers `--at`.
/// A refusal keeps the form open with everything typed; a problem with one field is shown next to it.
enum ActionForms {
    static let whenField = "when"
    static let backdateField = "backdate-reason"

    /// The form for a verb, or nil for a verb that has no form here (a tick is done with Space).
    /// `step` is the checklist step selected on the screen (preselected for an override).
    static func screen(for verb: ActionVerb, complaint: Complaint, dashboard: Dashboard,
                       step: DetailSnapshot.Step?, openMandatory: [DetailSnapshot.Step]) -> FormScreen? {
        guard let fields = fields(for: verb, complaint: complaint, dashboard: dashboard, step: step,
                                  openMandatory: openMandatory) else { return nil }
        let when = FormField.text(whenField, LocalizedText("Kiedy (puste = teraz)", "When (empty = now)"), maxLength: 25,
                                  hint: EntryTimeField.hint)
        let title = LocalizedText(pl: "\(Labels.verb(verb).pl.capitalizedFirst) – \(complaint.number)",
                                  en: "\(formTitle(verb)) – \(complaint.number)")
        // What asodesk sends is dated back beyond 15 min only by a shift lead with a reason (Lifecycle.sendDenial).
        let backdate = Lifecycle.sentThroughAsodesk.contains(verb) && dashboard.actor.role == .lead
            ? [FormField.text(backdateField, LocalizedText("Powód datowania wstecz", "Reason for dating back"), holding: .reason,
                              hint: LocalizedText("tylko gdy czas jest ponad 15 min wstecz", "only when the time is over 15 min back"))]
            : []
        let form = Form(title: title, fields: fields + [when] + backdate)
        let number = complaint.number
        let screen = FormScreen(form: form, overlay: true) { form, dashboard in
            submit(verb, number: number, form: &form, dashboard: dashboard)
        }
        screen.checklist = number
        return screen
    }

    /// The answer form with the medium and the document's hash already filled in (from "Prepare answer").
    static func answerForm(complaint: Complaint, dashboard: Dashboard, medium: AnswerMedium?, documentSHA256: String?) -> FormScreen {
        let screen = screen(for: .answer, complaint: complaint, dashboard: dashboard, step: nil, openMandatory: [])!
        if let medium {
            screen.form["medium"] = medium.rawValue
            if medium != .email { screen.form["address"] = "" }
        }
        if let documentSHA256 { screen.form["document"] = documentSHA256 }
        return screen
    }

    private static func formTitle(_ verb: ActionVerb) -> String {
        switch verb {
        case .acknowledge: "Acknowledge"
        case .contact: "Contact"
        case .wait: "Wait"
        case .resume: "Resume"
        case .assign: "Assign"
        case .escalate: "Escalate"
        case .decide: "Decide"
        case .close: "Close"
        case .reopen: "Reopen"
        case .note: "Note"
        case .check: "Tick a step"
        case .override: "Override a step"
        case .followUp: "Follow-up call"
        case .answer: "Answer sent"
        case .delivered: "Answer delivered"
        case .receive: "New complaint"
        case .amend: "Correct data"
        case .withdrawTick: "Withdraw a tick"
        case .link: "Link"
        case .attach: "Attach a document"
        case .markTest: "Mark as a test"
        }
    }

    /// A step as a choice value: procedure, the version shown, step.
    static func stepValue(_ procedure: Procedure, _ step: ProcedureStep) -> String {
        "\(procedure.id)|\(procedure.version)|\(step.id)"
    }

    private static let pick = FormChoice("", LocalizedText("— wybierz —", "— choose —"))

    private static func fields(for verb: ActionVerb, complaint: Complaint, dashboard: Dashboard,
                               step: DetailSnapshot.Step?, openMandatory: [DetailSnapshot.Step]) -> [FormField]? {
        let note = FormField.text("note", LocalizedText("Notatka", "Note"), holding: .note)
        switch verb {
        case .acknowledge:
            return [FormField.text("note", LocalizedText("Jak potwierdzono", "How it was confirmed"), holding: .note,
                                   hint: LocalizedText("np. wysłano e-mail, wydano kopię", "e.g. e-mail sent, copy handed over"))]
        case .contact:
            return [
                .choice("channel", LocalizedText("Kanał", "Channel"), Channel.allCases.map { FormChoice($0.rawValue, Labels.channel($0)) },
                        value: Channel.phone.rawValue),
                .text("summary", LocalizedText("Co ustalono", "What was said"), required: true, holding: .note),
                .choice("substantive", LocalizedText("Merytoryczny", "Substantive"), [
                    FormChoice("yes", LocalizedText("tak – zatrzymuje liczniki", "yes – stops the timers")),
                    FormChoice("no", LocalizedText("nie – tylko wiadomość", "no – a message only")),
                ]),
            ]
        case .wait:
            return [.choice("reason", LocalizedText("Czekamy na", "Waiting for"),
                            [pick] + WaitReason.allCases.map { FormChoice($0.rawValue, Labels.waitReason($0)) }),
                    FormField.text("note", LocalizedText("Na co dokładnie", "What exactly"), holding: .note)]
        case .resume:
            return [FormField.text("note", LocalizedText("Co się zmieniło", "What arrived or changed"), holding: .note)]
        case .assign:
            let people = People.assigneeChoices(dashboard: dashboard, owner: complaint.owner)
            let release = complaint.owner == nil ? [] : [FormChoice("-", LocalizedText("nikt – zwolnij", "nobody – release"))]
            // A complaint nobody has is most often taken by the person at the terminal.
            let preset = complaint.owner == nil && people.contains { $0.value == dashboard.actor.id } ? dashboard.actor.id : ""
            return [.choice("to", LocalizedText("Przydziel do", "Assign to"), [pick] + people + release, value: preset), note]
        case .escalate:
            let higher = Priority.allCases.filter { $0 > complaint.priority }
            return [.text("reason", LocalizedText("Powód", "Reason"), required: true, holding: .reason),
                    .choice("priority", LocalizedText("Priorytet", "Priority"),
                            [FormChoice("same", LocalizedText("bez zmiany (\(Labels.priority(complaint.priority).pl))",
                                                              "unchanged (\(Labels.priority(complaint.priority).en))"))]
                            + higher.map { FormChoice($0.rawValue, Labels.priority($0)) })]
        case .decide:
            let causes = dashboard.desk.config.causes
            return [.choice("outcome", LocalizedText("Decyzja", "Outcome"),
                            [pick] + DecisionOutcome.allCases.map { FormChoice($0.rawValue, Labels.outcome($0)) }),
                    .choice("cause", Field.cause.label, [pick] + causes.codes.map { FormChoice($0.text, causes.label(of: $0)) }),
                    .text("reasons", LocalizedText("Uzasadnienie", "Reasons"), required: true, holding: .reason),
                    .text("remedy", LocalizedText("Przyznane", "Remedy granted"), holding: .remedy,
                          hint: LocalizedText("np. ponowna naprawa, zwrot, rabat", "e.g. repair again, refund, discount"))]
        case .close:
            return [.choice("accepted", LocalizedText("Klient", "Customer"), [pick,
                        FormChoice("yes", LocalizedText("akceptuje decyzję", "accepts the decision")),
                        FormChoice("no", LocalizedText("kwestionuje decyzję", "disputes the decision"))]),
                    .text("response", LocalizedText("Odpowiedź klienta", "Customer's answer"), required: true, holding: .note)]
        case .reopen:
            return [.text("reason", LocalizedText("Powód", "Reason"), required: true, holding: .reason)]
        case .note:
            return [.text("text", LocalizedText("Notatka", "Note"), required: true, holding: .note)]
        case .override:
            let choices = openMandatory.map {
                FormChoice(stepValue($0.procedure, $0.step), LocalizedText("\($0.step.text.pl) (\($0.procedure.id))",
                                                                             "\($0.step.text.en) (\($0.procedure.id))"))
            }
            guard !choices.isEmpty else { return nil }
            let selected = step.map { stepValue($0.procedure, $0.step) }
            let preset = choices.contains { $0.value == selected } ? selected : nil
            return [.choice("step", LocalizedText("Krok", "Step"), choices, value: preset),
                    .text("reason", LocalizedText("Uzasadnienie", "Reason"), required: true, holding: .reason)]
        case .followUp:
            let scores = [LocalizedText("bardzo niezadowolony", "very unhappy"), LocalizedText("niezadowolony", "unhappy"),
                          LocalizedText("tak sobie", "so-so"), LocalizedText("zadowolony", "happy"),
                          LocalizedText("bardzo zadowolony", "very happy")]
            return [.choice("satisfaction", LocalizedText("Zadowolenie", "Satisfaction"), [pick] + scores.enumerated().map {
                        FormChoice("\($0.offset + 1)", LocalizedText("\($0.offset + 1) – \($0.element.pl)", "\($0.offset + 1) – \($0.element.en)"))
                    }),
                    FormField.text("note", LocalizedText("Co powiedział klient", "What the customer said"), holding: .note)]
        case .answer:
            let media = AnswerMedium.allCases.map { FormChoice($0.rawValue, Labels.medium($0)) }
            let preset = complaint.intake.email == nil ? AnswerMedium.letter : .email
            return [.choice("medium", LocalizedText("Jak", "How"), media, value: preset.rawValue),
                    .text("address", LocalizedText("Dokąd", "Sent to"), holding: .address, value: complaint.intake.email ?? "",
                          hint: LocalizedText("e-mail albo adres pocztowy; osobiście: puste", "e-mail or postal address; in person: empty")),
                    .text("document", LocalizedText("SHA-256 pisma", "Letter's SHA-256"), maxLength: 64,
                          hint: LocalizedText("z asodesk letter; puste, jeśli brak", "from asodesk letter; empty if none"))]
        case .delivered:
            return [FormField.text("note", LocalizedText("Potwierdzenie", "Confirmation"), holding: .note,
                                   hint: LocalizedText("np. zwrotka z poczty, odpowiedź klienta", "e.g. return receipt, the customer's reply"))]
        case .attach:
            // A file is read only to hash it (`DocumentFile`); an outside reference may bring its hash.
            return [.choice("kind", LocalizedText("Co", "What"), [
                        FormChoice("file", LocalizedText("plik – asodesk liczy SHA-256", "file – asodesk computes its SHA-256")),
                        FormChoice("ref", LocalizedText("odniesienie (np. DMS 12345)", "reference (e.g. DMS 12345)")),
                    ], value: "file"),
                    .text("reference", LocalizedText("Plik albo odniesienie", "File or reference"), required: true, holding: .reference,
                          hint: LocalizedText("ścieżka zdjęcia/dokumentu albo numer w innym systemie", "a photo's/document's path, or its number elsewhere")),
                    .text("description", LocalizedText("Opis", "Description"), holding: .note,
                          hint: LocalizedText("np. zdjęcie rysy na drzwiach", "e.g. photo of the scratch on the door")),
                    .text("sha256", LocalizedText("SHA-256 (odniesienie)", "SHA-256 (reference)"), maxLength: 80,
                          hint: LocalizedText("tylko przy odniesieniu, jeśli znany", "for a reference only, if known"))]
        case .link:
            // The complaints of the same phone, e-mail, plate, VIN or name come first; any other by its number.
            let suggested = dashboard.desk.repeatsOf(complaint).prefix(9).map { match in
                FormChoice(match.number.description, RepeatText.line(match) { dashboard.style.shortDate(dashboard.style.localDate($0)) })
            }
            return [FormField(id: "with", label: LocalizedText("Powiąż z", "Link with"), required: false,
                              kind: .choice([FormChoice("", LocalizedText("— numer poniżej —", "— the number below —"))] + suggested),
                              value: suggested.first?.value ?? ""),
                    .text("number", LocalizedText("Albo numer", "Or the number"), maxLength: 20,
                          hint: LocalizedText("np. R/2026/0012; pierwszeństwo ma to pole", "e.g. R/2026/0012; this field comes first")),
                    note]
        case .markTest:
            return [.text("audit", LocalizedText("Audyt (odniesienie)", "Audit (reference)"), required: true, holding: .reference,
                          hint: LocalizedText("np. TK 2026/11 z raportu audytora", "e.g. MS 2026/11 from the auditor's report"))]
        case .check, .withdrawTick, .receive, .amend:
            return nil   // ticked and withdrawn with Space; the intake and correction forms are their own
        }
    }

    /// Reads the form into an action and records it. False keeps the form open.
    static func submit(_ verb: ActionVerb, number: ComplaintNumber, form: inout Form, dashboard: Dashboard) -> Bool {
        var reader = FormReader(form: form)
        let action = reader.action(for: verb)
        let occurredAt = reader.when(dashboard: dashboard, receivedAt: (try? dashboard.desk.complaint(number))?.receivedAt)
        form = reader.form
        guard let action, reader.valid else {
            dashboard.message = StatusMessage(dashboard.language == .polish
                ? "Popraw pola zaznaczone poniżej." : "Correct the fields marked below.", role: .error)
            return false
        }
        let backdateReason = form.text(backdateField)
        switch dashboard.perform(action, on: number, occurredAt: occurredAt, backdateReason: backdateReason) {
        case .success:
            dashboard.message = confirmation(verb, number: number, language: dashboard.language)
            return true
        case .failure:
            return false   // the dashboard shows why; everything typed stays
        }
    }

    static func confirmation(_ verb: ActionVerb, number: ComplaintNumber, language: Language) -> StatusMessage {
        StatusMessage(language == .polish ? "Zapisano: \(Labels.verb(verb).pl) – \(number)."
                                          : "Saved: \(Labels.verb(verb).en) – \(number).", role: .ok)
    }
}

/// Turns a form's values into an action, putting each problem next to its field.
private struct FormReader {
    var form: Form
    var valid = true

    mutating func fail(_ id: String, _ message: LocalizedText) {
        form.setError(id, message)
        valid = false
    }

    /// A free text checked against the domain's limits for that kind of text.
    mutating func text(_ id: String, _ field: Field, required: Bool) -> String? {
        guard var limits = field.textLimits else { return form.text(id) }
        if !required { limits.minimum = 0 }
        do throws(FieldError) {
            return try FreeText.validate(form[id], field: field, limits: limits)
        } catch {
            fail(id, error.message)
            return nil
        }
    }

    mutating func choice(_ id: String) -> String? {
        let value = form[id]
        if value.isEmpty { fail(id, LocalizedText("Wybierz jedną z możliwości (← →).", "Choose one (← →).")) }
        return value.isEmpty ? nil : value
    }

    mutating func action(for verb: ActionVerb) -> ComplaintAction? {
        switch verb {
        case .acknowledge:
            return .acknowledge(note: text("note", .note, required: false))
        case .contact:
            let summary = text("summary", .note, required: true)
            guard let channel = Channel(rawValue: form["channel"]), let summary else { return nil }
            return .contact(ContactRecord(channel: channel, summary: summary, substantive: form["substantive"] != "no"))
        case .wait:
            let reason = choice("reason").flatMap(WaitReason.init(rawValue:))
            let note = text("note", .note, required: false)
            return reason.map { .wait(reason: $0, note: note) }
        case .resume:
            return .resume(note: text("note", .note, required: false))
        case .assign:
            let to = choice("to")
            let note = text("note", .note, required: false)
            return to.map { .assign(to: $0 == "-" ? nil : $0, note: note) }
        case .escalate:
            let reason = text("reason", .reason, required: true)
            return reason.map { .escalate(reason: $0, priority: Priority(rawValue: form["priority"])) }
        case .decide:
            let outcome = choice("outcome").flatMap(DecisionOutcome.init(rawValue:))
            let cause = choice("cause").flatMap(CauseCode.init(text:))
            let reasons = text("reasons", .reason, required: true)
            let remedy = text("remedy", .remedy, required: false)
            guard let outcome, let cause, let reasons else { return nil }
            return .decide(Decision(outcome: outcome, reasons: reasons, remedyGranted: remedy, cause: cause))
        case .close:
            let accepted = choice("accepted")
            let response = text("response", .note, required: true)
            guard let accepted, let response else { return nil }
            return .close(customerAccepted: accepted == "yes", response: response)
        case .reopen:
            return text("reason", .reason, required: true).map { .reopen(reason: $0) }
        case .note:
            return text("text", .note, required: true).map { .note(text: $0) }
        case .override:
            let reason = text("reason", .reason, required: true)
            let parts = form["step"].split(separator: "|").map(String.init)
            guard parts.count == 3, let version = Int(parts[1]), let reason else { return nil }
            return .overrideStep(procedure: parts[0], version: version, step: parts[2], reason: reason)
        case .followUp:
            let score = choice("satisfaction").flatMap { Int($0) }
            let note = text("note", .note, required: false)
            return score.map { .followUp(satisfaction: $0, note: note) }
        case .answer:
            guard let medium = AnswerMedium(rawValue: form["medium"]) else { return nil }
            let address = form.text("address")
            let hash = form.text("document")?.lowercased()
            return .answer(AnswerRecord(medium: medium, address: medium == .inPerson ? nil : address, documentSHA256: hash))
        case .delivered:
            return .confirmDelivery(note: text("note", .note, required: false))
        case .attach:
            let reference = text("reference", .reference, required: true)
            let description = text("description", .note, required: false)
            guard let reference else { return nil }
            if form["kind"] == "file" {
                if form.text("sha256") != nil {
                    fail("sha256", LocalizedText("Przy pliku asodesk liczy SHA-256 sam; zostaw to pole puste.",
                                                 "For a file asodesk computes the SHA-256 itself; leave this empty."))
                    return nil
                }
                switch DocumentFile.reference(path: reference, description: description) {
                case .success(let document): return .attach(document)
                case .failure(let problem): fail("reference", Labels.documentProblem(problem)); return nil
                }
            }
            var hash: String?
            if let typed = form.text("sha256") {
                do throws(FieldError) { hash = try Validation.sha256(typed) } catch { fail("sha256", error.message); return nil }
            }
            return .attach(DocumentReference(reference: reference, description: description, sha256: hash))
        case .link:
            let note = text("note", .note, required: false)
            let typed = form.text("number")
            guard let chosen = typed ?? (form["with"].isEmpty ? nil : form["with"]) else {
                fail("number", LocalizedText("Wybierz reklamację powyżej albo wpisz jej numer.", "Choose a complaint above or type its number."))
                return nil
            }
            guard let other = ComplaintNumber(text: chosen) else {
                fail("number", LocalizedText("„\(chosen)” nie jest numerem reklamacji; numery wyglądają jak R/2026/0042.",
                                             "'\(chosen)' is not a complaint number; numbers look like R/2026/0042."))
                return nil
            }
            return .link(to: other, note: note)
        case .markTest:
            return text("audit", .reference, required: true).map { .markTest(audit: $0) }
        case .check, .withdrawTick, .receive, .amend:
            return nil
        }
    }

    /// "When it happened": empty means now; otherwise a time the entry rules allow (`EntryTimeField`).
    mutating func when(dashboard: Dashboard, receivedAt: Date?) -> Date? {
        let reading = EntryTimeField.read(form.text(ActionForms.whenField), receivedAt: receivedAt, dashboard: dashboard)
        if let problem = reading.problem { fail(ActionForms.whenField, problem) }
        return reading.date
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
