import AsodeskApp
import AsodeskDomain
import AsodeskPDF
import AsodeskScreen
import Foundation

/// "Prepare answer" (the decision letter) and "Confirmation of receipt": the letter as the
/// customer will read it, and the ways to give it. Whatever leaves the desk (an e-mail, a printout)
/// is first checked as the event it will be (the answer, the acknowledgement); the event is
/// written only once it has left, with the SHA-256 of the PDF that went.
public final class AnswerScreen: Screen {
    let number: ComplaintNumber
    let kind: LetterKind
    private(set) var letterLanguage: Language
    private(set) var letter: Letter?
    private(set) var problem: LocalizedText?
    private var scroll = 0

    public init(number: ComplaintNumber, kind: LetterKind, language: Language) {
        self.number = number
        self.kind = kind
        letterLanguage = language
    }

    public var contexts: [KeyContext] { [.answer, .list] }
    public var title: LocalizedText {
        kind == .decision ? LocalizedText("Odpowiedź – \(number)", "Answer – \(number)")
                          : LocalizedText("Potwierdzenie przyjęcia – \(number)", "Confirmation of receipt – \(number)")
    }

    /// The complaint the letter is written from: for the confirmation, as it stands once this
    /// acknowledgement is recorded now (the letter bears its date).
    private func subject(_ dashboard: Dashboard) throws -> Complaint {
        var complaint = try dashboard.desk.complaint(number)
        if kind == .receipt, complaint.state == .received {
            let now = EventCodec.storable(dashboard.now)
            Lifecycle.apply(ComplaintEvent(number: number, actor: dashboard.actor, occurredAt: now, recordedAt: now,
                                           action: .acknowledge(note: nil)), to: &complaint)
        }
        return complaint
    }

    public func refresh(dashboard: Dashboard) {
        do {
            letter = try LetterText.make(kind, complaint: try subject(dashboard), desk: dashboard.desk, language: letterLanguage)
            problem = nil
        } catch let refusal as LetterRefusal {
            letter = nil; problem = refusal.text
        } catch {
            letter = nil
            problem = LocalizedText(pl: "Nie można przygotować pisma: \(error)", en: "The letter cannot be prepared: \(error)")
        }
    }

    public func offers(_ binding: KeyBinding, dashboard: Dashboard) -> Bool {
        let settings = dashboard.desk.config.letters
        switch binding.command {
        case .answerByEmail: return settings.sendmail != nil
        case .answerPrint: return settings.printer != nil
        default: return true
        }
    }

    public func refusal(of binding: KeyBinding, dashboard: Dashboard) -> LocalizedText? {
        switch binding.command {
        case .answerByEmail:
            LocalizedText(pl: "Serwis nie ma ustawionej wysyłki e-mail ([letters] sendmail); wyślij pismo samodzielnie i zapisz odpowiedź (m).",
                          en: "The site has no e-mail sending set up ([letters] sendmail); send the letter yourself and record the answer (m).")
        case .answerPrint:
            LocalizedText(pl: "Serwis nie ma ustawionej drukarki ([letters] printer); wydrukuj pismo samodzielnie i zapisz odpowiedź (m).",
                          en: "The site has no printer set up ([letters] printer); print the letter yourself and record the answer (m).")
        default: nil
        }
    }

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        if TextScrolling.apply(command, to: &scroll) { return true }
        switch command {
        case .letterLanguage:
            letterLanguage = letterLanguage == .polish ? .english : .polish
            refresh(dashboard: dashboard)
        case .answerByEmail: give(.email, dashboard: dashboard)
        case .answerPrint: give(.letter, dashboard: dashboard)
        case .answerInPerson: give(.inPerson, dashboard: dashboard)
        case .answerOther:
            guard let letter, let complaint = try? dashboard.desk.complaint(number) else { return true }
            let hash = (try? LetterPDF.render(letter)).map(Digest.sha256Hex)
            if kind == .receipt {
                guard let screen = ActionForms.screen(for: .acknowledge, complaint: complaint, dashboard: dashboard, step: nil,
                                                      openMandatory: []) else { return true }
                screen.form["note"] = Self.receiptNote(nil, hash: hash ?? "", language: dashboard.language)
                dashboard.push(screen)
            } else {
                dashboard.push(ActionForms.answerForm(complaint: complaint, dashboard: dashboard, medium: nil, documentSHA256: hash))
            }
        default:
            return false
        }
        return true
    }

    /// What an acknowledgement's note says of the confirmation given: how, where to, and the hash.
    static func receiptNote(_ how: AnswerMedium?, address: String? = nil, hash: String, language: Language) -> String {
        let pl = language == .polish
        let way: String = switch how {
        case .email: pl ? "wysłane e-mailem na \(address ?? "")" : "e-mailed to \(address ?? "")"
        case .letter: pl ? "wydrukowane do wysłania" : "printed to post"
        case .inPerson: pl ? "wręczone osobiście" : "handed over in person"
        case .other, nil: pl ? "przekazane" : "given"
        }
        return (pl ? "Potwierdzenie przyjęcia " : "Confirmation of receipt ") + way + " (SHA-256 \(hash))"
    }

    /// The confirmation of receipt given: e-mailed (first), printed (first) or handed over, then
    /// the acknowledgement recorded with a note that says so.
    private func giveReceipt(_ medium: AnswerMedium, letter: Letter, document: AnswerSending.Document, dashboard: Dashboard) throws {
        let complaint = try dashboard.desk.complaint(number)
        let hash = Digest.sha256Hex(document.bytes)
        let address = medium == .email ? complaint.intake.email : nil
        if medium == .email && address == nil {
            dashboard.message = StatusMessage(dashboard.language == .polish ? "Klient nie podał adresu e-mail; wręcz albo wydrukuj potwierdzenie."
                                                                           : "The customer gave no e-mail address; hand over or print the confirmation.",
                                              role: .warning)
            return
        }
        let action = ComplaintAction.acknowledge(note: Self.receiptNote(medium, address: address, hash: hash, language: dashboard.language))
        try dashboard.desk.check(action, on: number, by: dashboard.actor, now: dashboard.now)
        switch medium {
        case .email: _ = try AnswerSending.email(letter, document: document, to: address ?? "", settings: dashboard.desk.config.letters)
        case .letter: _ = try AnswerSending.print(letter, document: document, settings: dashboard.desk.config.letters)
        case .inPerson, .other: break
        }
        if case .success = dashboard.perform(action, on: number) {
            dashboard.message = ActionForms.confirmation(.acknowledge, number: number, language: dashboard.language)
            dashboard.close(self)
        }
    }

    /// E-mails the PDF to the address on file, prints it for the post, or records it handed over.
    private func give(_ medium: AnswerMedium, dashboard: Dashboard) {
        guard let letter else { return }
        let pl = dashboard.language == .polish
        do {
            if let refusal = dashboard.writeRefusal { throw refusal }
            let complaint = try dashboard.desk.complaint(number)
            let document = try AnswerSending.Document.letter(letter)
            let hash = Digest.sha256Hex(document.bytes)
            if kind == .receipt {
                try giveReceipt(medium, letter: letter, document: document, dashboard: dashboard)
                return
            }
            switch medium {
            case .email:
                guard let address = complaint.intake.email else {
                    dashboard.message = StatusMessage(pl ? "Klient nie podał adresu e-mail; zapisz odpowiedź z adresem (m)."
                                                         : "The customer gave no e-mail address; record the answer with one (m).", role: .warning)
                    return
                }
                let action = ComplaintAction.answer(AnswerRecord(medium: .email, address: address, documentSHA256: hash))
                try dashboard.desk.check(action, on: number, by: dashboard.actor, now: dashboard.now)
                _ = try AnswerSending.email(letter, document: document, to: address, settings: dashboard.desk.config.letters)
                if case .success = dashboard.perform(action, on: number) {
                    dashboard.message = StatusMessage(pl ? "Wysłano e-mailem na \(ContactMask.email(address)) i zapisano odpowiedź – \(number)."
                                                         : "E-mailed to \(ContactMask.email(address)) and the answer recorded – \(number).", role: .ok)
                    dashboard.close(self)
                }
            case .letter:
                // Printing is not yet sending: the answer is recorded in the form that follows, with
                // the postal address, once the letter is posted.
                _ = try AnswerSending.print(letter, document: document, settings: dashboard.desk.config.letters)
                dashboard.message = StatusMessage(pl ? "Wydrukowano. Po nadaniu listu wpisz adres i zapisz odpowiedź."
                                                     : "Printed. Once the letter is posted, give the address and save the answer.", role: .ok)
                dashboard.push(ActionForms.answerForm(complaint: complaint, dashboard: dashboard, medium: .letter, documentSHA256: hash))
            case .inPerson, .other:
                let action = ComplaintAction.answer(AnswerRecord(medium: .inPerson, address: nil, documentSHA256: hash))
                if case .success = dashboard.perform(action, on: number) {
                    dashboard.message = StatusMessage(pl ? "Zapisano odpowiedź wręczoną osobiście – \(number)."
                                                         : "The answer handed over in person is recorded – \(number).", role: .ok)
                    dashboard.close(self)
                }
            }
        } catch {
            dashboard.message = StatusMessage(Dashboard.explain(error, language: dashboard.language), role: .error)
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let pl = dashboard.language == .polish
        guard let letter else {
            buffer.write(" " + (problem?.text(dashboard.language) ?? ""), x: area.x, y: area.y, role: .warning, maxWidth: area.width)
            return
        }
        let sending = dashboard.desk.config.letters
        let ways = [sending.sendmail != nil ? (pl ? "e – wyślij e-mailem" : "e – e-mail it") : nil,
                    sending.printer != nil ? (pl ? "p – drukuj do wysłania" : "p – print to post") : nil,
                    pl ? "h – wręczono osobiście" : "h – handed over in person",
                    pl ? "m – wysłano inaczej" : "m – sent another way",
                    pl ? "l – język pisma" : "l – letter language"].compactMap { $0 }
        buffer.write(" " + (pl ? "Podgląd pisma, jak przeczyta je klient. " : "The letter as the customer will read it. ")
                     + ways.joined(separator: " · "), x: area.x, y: area.y, role: .muted, maxWidth: area.width)
        // The text is wrapped for e-mail (76 columns), so it fits the narrowest dashboard as it is.
        let lines = letter.plainText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let visible = max(1, area.height - 2)
        scroll = min(scroll, max(0, lines.count - visible))
        for (offset, line) in lines.dropFirst(scroll).prefix(visible).enumerated() {
            buffer.write("  " + line, x: area.x, y: area.y + 2 + offset, role: .body, maxWidth: area.width)
        }
        if scroll + visible < lines.count {
            buffer.writeRightAligned(pl ? "↓ więcej" : "↓ more", endX: area.maxX - 1, y: area.y + 1, role: .muted)
        }
    }
}
