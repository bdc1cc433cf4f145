import AsodeskDomain
import Crypto
import Foundation

/// One of the customer's documents, written from the complaint's own record: the same log gives
/// the same letter (its date is the date of the event it confirms, never today's), so the same
/// bytes, and the hash recorded with the answer proves what was sent.
public struct Letter: Sendable, Equatable {
    public var kind: LetterKind
    public var language: Language
    public var number: ComplaintNumber
    /// The day the letter bears.
    public var date: LocalDate
    /// The letterhead: the trader's name, address and contact lines.
    public var letterhead: [String]
    /// The letter as the template wrote it: `# ` starts the title, `## ` a heading, a blank line
    /// ends a paragraph, other line breaks are kept (addresses).
    public var body: String
    /// The title (the first `# ` line).
    public var title: String { body.split(separator: "\n").first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? "" }

    /// The letter as plain text (UTF-8, LF line ends): letterhead, then the body with its headings
    /// underlined. What `--format text` writes and an e-mail carries.
    public var plainText: String {
        var lines = letterhead
        lines.append(String(repeating: "─", count: max(1, letterhead.map(\.count).max() ?? 1)))
        lines.append("")
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# ") {
                let title = String(line.dropFirst(2)).uppercased()
                lines.append(title)
                lines.append(String(repeating: "=", count: title.count))
            } else if line.hasPrefix("## ") {
                let heading = String(line.dropFirst(3))
                lines.append(heading)
                lines.append(String(repeating: "-", count: heading.count))
            } else {
                lines += Self.wrapped(String(line), width: 76)
            }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A line broken at spaces into lines of at most `width` characters (a longer word stays whole).
    static func wrapped(_ line: String, width: Int) -> [String] {
        guard line.count > width else { return [line] }
        var result: [String] = [], current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if current.isEmpty { current = String(word); continue }
            if current.count + 1 + word.count > width { result.append(current); current = String(word) }
            else { current += " " + word }
        }
        result.append(current)
        return result
    }

    /// A file name that says what it is: `R-2026-0023-decyzja.pdf`.
    public func fileName(_ format: String) -> String {
        let word = switch (kind, language) {
        case (.receipt, .polish): "potwierdzenie"
        case (.receipt, _): "receipt"
        case (.decision, .polish): "odpowiedz"
        case (.decision, _): "answer"
        }
        return "R-\(number.year)-\(String(format: "%04d", number.serial))-\(word).\(format)"
    }
}

/// Why a letter cannot be written yet, in words the desk acts on.
public struct LetterRefusal: Error, Sendable, CustomStringConvertible {
    public var text: LocalizedText
    public var description: String { text.en }
}

public enum LetterText {
    /// The letter of `kind` for `complaint`, from its record and the site's settings.
    /// The decision letter needs a decision in the current cycle.
    public static func make(_ kind: LetterKind, complaint: Complaint, desk: Desk, language: Language,
                            templates: LetterTemplates? = nil) throws -> Letter {
        let settings = desk.config.letters
        let templates = try templates ?? LetterTemplates.load(siteFolder: settings.templateFolder)
        let pl = language == .polish
        func day(_ date: Date) -> LocalDate { desk.calendar.localDate(of: date) }
        let intake = complaint.intake
        let cycleStart = complaint.history.last { if case .reopen = $0.action { true } else { false } }?.occurredAt ?? complaint.receivedAt

        // Mustache takes an empty string as "present": a field without a value is left out, so its section is too.
        var values: [String: Any] = [:]
        func put(_ key: String, _ value: String?) { if let value, !value.isEmpty { values[key] = value } }
        values["siteName"] = desk.config.siteName
        values["place"] = town(settings.address) ?? desk.config.siteName
        values["number"] = complaint.number.description
        values["customer"] = intake.customer
        values["customerContact"] = [intake.email, intake.phone].compactMap { $0 }
        values["receivedOn"] = longDate(day(complaint.receivedAt), language)
        values["channel"] = channel(intake.channel, language)
        put("vehicle", intake.vehicle)
        put("plate", intake.plate)
        put("vin", intake.vin)
        put("order", intake.order)
        values["summary"] = intake.summary
        values["remedySought"] = intake.remedy ?? (pl ? "Nie wskazano konkretnego żądania." : "No specific remedy was named.")
        values["signatory"] = settings.signatory ?? desk.config.siteName
        values["signatoryTitle"] = settings.signatoryTitle ?? (pl ? "Dział obsługi reklamacji" : "Complaints desk")

        let date: LocalDate
        switch kind {
        case .receipt:
            let acknowledged = complaint.history.first { if case .acknowledge = $0.action { true } else { false } }
            date = day(acknowledged?.occurredAt ?? complaint.receivedAt)
            let statuses = desk.legalStatuses(of: complaint, now: complaint.receivedAt)
            let rule = desk.config.legalRule(intake.legalBasis)
            values["hasDeadline"] = statuses.first != nil
            put("answerBy", statuses.first.map { longDate($0.deadline, language) })
            values["days"] = String(rule.days)
            values["contactHow"] = contactHow(intake, language)
        case .decision:
            guard let decided = complaint.history.last(where: { if case .decide = $0.action { $0.occurredAt >= cycleStart } else { false } }),
                  case .decide(let decision) = decided.action, complaint.decision != nil else {
                throw LetterRefusal(text: LocalizedText(
                    pl: "\(complaint.number) nie ma jeszcze decyzji w tym cyklu; odpowiedź pisze się po decyzji (asodesk decide).",
                    en: "\(complaint.number) has no decision in this cycle yet; the answer is written after the decision (asodesk decide)."))
            }
            date = day(decided.occurredAt)
            values["decision"] = outcome(decision.outcome, language)
            values["reasons"] = decision.reasons
            put("remedyGranted", decision.remedyGranted)
            values["legalBasis"] = legalBasis(intake.legalBasis, language)
            // Art. 32: a consumer whose complaint is not resolved in their favour is told whether the
            // trader agrees to an out-of-court procedure, and which body is competent.
            let consumer = intake.legalBasis == .consumer
            if consumer && decision.outcome != .accepted {
                var outOfCourt: [String: Any] = ["agrees": settings.outOfCourtAgrees]
                if let body = settings.outOfCourtBody, !body.isEmpty { outOfCourt["body"] = body }
                values["outOfCourt"] = outOfCourt
            } else {
                values["outOfCourt"] = false
            }
        }
        values["letterDate"] = longDate(date, language)
        let body = normalise(templates.render(kind, language, values))
        return Letter(kind: kind, language: language, number: complaint.number, date: date,
                      letterhead: letterhead(desk.config, language), body: body)
    }

    static func letterhead(_ config: SiteConfig, _ language: Language) -> [String] {
        let settings = config.letters
        var lines = [settings.legalName ?? config.siteName]
        if !settings.address.isEmpty { lines.append(settings.address.joined(separator: ", ")) }
        let contact = [settings.phone.map { (language == .polish ? "tel. " : "phone ") + $0 }, settings.email.map { "e-mail: " + $0 }]
            .compactMap { $0 }
        if !contact.isEmpty { lines.append(contact.joined(separator: " · ")) }
        return lines
    }

    /// The template's output with runs of blank lines made one and trailing spaces gone, so a
    /// section left out leaves no gap.
    static func normalise(_ text: String) -> String {
        var out: [Substring] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw
            while line.last == " " || line.last == "\t" || line.last == "\r" { line = line.dropLast() }
            if line.isEmpty && (out.last?.isEmpty ?? true) { continue }
            out.append(line)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    static func town(_ address: [String]) -> String? {
        guard let last = address.last else { return nil }
        let words = last.split(separator: " ")
        let town = words.drop { $0.contains("-") && $0.allSatisfy { $0.isNumber || $0 == "-" } }
        return town.isEmpty ? nil : town.joined(separator: " ")
    }

    static let polishMonths = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
                               "października", "listopada", "grudnia"]
    static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                "October", "November", "December"]

    /// `7 grudnia 2026` / `7 December 2026`.
    public static func longDate(_ date: LocalDate, _ language: Language) -> String {
        let months = language == .polish ? polishMonths : englishMonths
        return "\(date.day) \(months[date.month - 1]) \(date.year)"
    }

    static func channel(_ channel: Channel, _ language: Language) -> String {
        let pl = language == .polish
        return switch channel {
        case .phone: pl ? "telefonicznie" : "by phone"
        case .email: pl ? "e-mailem" : "by e-mail"
        case .web: pl ? "przez formularz na stronie" : "through the web form"
        case .social: pl ? "przez media społecznościowe" : "through social media"
        case .letter: pl ? "listownie" : "by letter"
        case .inPerson: pl ? "osobiście w serwisie" : "in person at the service centre"
        case .suggestionBox: pl ? "przez skrzynkę sugestii w serwisie" : "through the suggestion box at the service centre"
        case .commentBook: pl ? "wpisem do książki skarg i wniosków" : "by an entry in the comment book"
        }
    }

    static func contactHow(_ intake: Intake, _ language: Language) -> String {
        let pl = language == .polish
        // What the customer asked for comes first; validation made sure the number or address is on file.
        switch intake.contactPreference {
        case .phone?:
            if let phone = intake.phone {
                return pl ? "Zgodnie z Państwa życzeniem skontaktujemy się telefonicznie pod numerem \(phone); odpowiedź na reklamację otrzymają Państwo "
                            + (intake.email.map { "także e-mailem na adres \($0)." } ?? "listem lub do rąk własnych w serwisie.")
                          : "As you asked, we will contact you by phone on \(phone); you will also receive our answer to the complaint "
                            + (intake.email.map { "by e-mail to \($0)." } ?? "by letter or in person at the service centre.")
            }
        case .sms?:
            if let phone = intake.phone {
                return pl ? "Zgodnie z Państwa życzeniem o postępach poinformujemy SMS-em na numer \(phone); odpowiedź na reklamację otrzymają Państwo "
                            + (intake.email.map { "e-mailem na adres \($0)." } ?? "listem lub do rąk własnych w serwisie.")
                          : "As you asked, we will keep you informed by text message to \(phone); you will receive our answer to the complaint "
                            + (intake.email.map { "by e-mail to \($0)." } ?? "by letter or in person at the service centre.")
            }
        case .email?:
            if let email = intake.email {
                return pl ? "Zgodnie z Państwa życzeniem odpowiedź i informacje o postępach wyślemy e-mailem na adres \(email)."
                          : "As you asked, we will send our answer and news of progress by e-mail to \(email)."
            }
        case .letter?:
            return pl ? "Zgodnie z Państwa życzeniem odpowiedź wyślemy listem\(intake.phone.map { "; w pilnych sprawach zadzwonimy pod numer \($0)" } ?? "")."
                      : "As you asked, we will send our answer by letter\(intake.phone.map { "; for anything urgent we will call \($0)" } ?? "")."
        case .inPerson?:
            return pl ? "Zgodnie z Państwa życzeniem odpowiedź przekażemy do rąk własnych w serwisie\(intake.phone.map { "; zadzwonimy pod numer \($0), gdy będzie gotowa" } ?? "")."
                      : "As you asked, we will hand our answer to you in person at the service centre\(intake.phone.map { "; we will call \($0) when it is ready" } ?? "")."
        case nil:
            break
        }
        if let email = intake.email {
            return pl ? "Odpowiedź wyślemy e-mailem na adres \(email)\(intake.phone.map { "; w pilnych sprawach zadzwonimy pod numer \($0)" } ?? "")."
                      : "We will send our answer by e-mail to \(email)\(intake.phone.map { "; for anything urgent we will call \($0)" } ?? "")."
        }
        if let phone = intake.phone {
            return pl ? "Zadzwonimy pod numer \(phone); odpowiedź otrzymają Państwo listem lub do rąk własnych w serwisie."
                      : "We will call you on \(phone); you will receive our answer by letter or in person at the service centre."
        }
        return pl ? "Odpowiedź otrzymają Państwo listem lub do rąk własnych w serwisie."
                  : "You will receive our answer by letter or in person at the service centre."
    }

    static func outcome(_ outcome: DecisionOutcome, _ language: Language) -> String {
        let pl = language == .polish
        return switch outcome {
        case .accepted: pl ? "reklamację uznajemy" : "we accept the complaint"
        case .partly: pl ? "reklamację uznajemy częściowo" : "we accept the complaint in part"
        case .rejected: pl ? "reklamacji nie uznajemy" : "we do not accept the complaint"
        }
    }

    static func legalBasis(_ basis: LegalBasis, _ language: Language) -> String {
        let pl = language == .polish
        return switch basis {
        case .consumer:
            pl ? "Odpowiedzialność za wady wykonanej naprawy (umowa o dzieło, art. 638 Kodeksu cywilnego) oraz, dla dostarczonych części, "
                + "za niezgodność towaru z umową (art. 43a i nast. ustawy z dnia 30 maja 2014 r. o prawach konsumenta)."
               : "Liability for defects of the repair (a contract for specific work, art. 638 of the Polish Civil Code) and, for the parts "
                + "supplied, for lack of conformity of goods with the contract (art. 43a ff. of the Polish Consumer Rights Act of 30 May 2014)."
        case .business:
            pl ? "Rękojmia za wady dzieła (art. 638 w związku z art. 556 i nast. Kodeksu cywilnego), w granicach umowy."
               : "Warranty for defects of the work (art. 638 with art. 556 ff. of the Polish Civil Code), within the terms of the contract."
        case .warranty:
            pl ? "Gwarancja producenta (art. 577–581 Kodeksu cywilnego) na warunkach karty gwarancyjnej."
               : "The manufacturer's guarantee (art. 577–581 of the Polish Civil Code), on the terms of the guarantee card."
        case .goodwill:
            pl ? "Gest dobrej woli serwisu, bez uznania odpowiedzialności prawnej."
               : "A goodwill gesture of the service centre, without admitting legal liability."
        }
    }
}

public enum Digest {
    /// Lowercase hex SHA-256: what an answer event records of the document sent.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}
