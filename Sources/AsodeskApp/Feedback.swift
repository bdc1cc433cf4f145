import AsodeskDomain
import Foundation

/// What a feedback record is: a survey (CSI) result or a mystery-shopping result imported from
/// CSV, or a shift lead's review of a low one. New kinds are new cases (an older asodesk reads the
/// record as newer history and stops writing, as for any entry it cannot decode).
public enum FeedbackKind: String, Codable, CaseIterable, Sendable {
    case survey
    case mysteryShopping = "mystery-shopping"
    case reviewed
}

/// Where an imported result came from: the import (the file's name and the SHA-256 of its bytes)
/// and the line of the file its row starts on.
public struct FeedbackSource: Codable, Sendable, Hashable {
    /// The file's name without its folder.
    public var file: String
    /// Lower-case hex of the SHA-256 of the whole file as read.
    public var sha256: String
    public var line: Int
    public init(file: String, sha256: String, line: Int) { self.file = file; self.sha256 = sha256; self.line = line }
    /// The import's id, as `feedback list` and a duplicate's refusal name it.
    public var importID: String { "\(file) sha256:\(sha256)" }
}

/// One feedback record of the log (`LogPayload.feedback`): one imported row, or one review. It
/// belongs to no complaint's history; it names the advisor, complaint and repair order it is about.
public struct FeedbackEntry: Codable, Sendable, Hashable {
    public var kind: FeedbackKind
    /// Who imported the file or reviewed the result, in which role, and when it was recorded.
    public var recordedBy: String
    public var role: Role
    public var recordedAt: Date
    /// Imported results: the file and line.
    public var source: FeedbackSource?
    /// The day of the visit (survey) or of the audit (mystery shopping).
    public var date: LocalDate?
    /// The advisor the result is about (an operator id).
    public var advisor: String?
    public var complaint: ComplaintNumber?
    /// Survey: the repair order (canonical form).
    public var repairOrder: String?
    /// Survey: the score, 1 to `scale`.
    public var score: Int?
    public var scale: Int?
    public var comment: String?
    /// Mystery shopping: who audited (a person or the agency), over which channel, the result in percent.
    public var auditor: String?
    public var channel: String?
    public var percent: Int?
    public var findings: String?
    /// Review: the id of the result reviewed (`FeedbackEntry.id`) and what the lead noted.
    public var reviews: String?
    public var note: String?

    public init(kind: FeedbackKind, recordedBy: String, role: Role, recordedAt: Date) {
        self.kind = kind; self.recordedBy = recordedBy; self.role = role; self.recordedAt = recordedAt
    }

    /// An imported result's id: the first 8 hex digits of its file's SHA-256 and its line
    /// (`3f2a9c1b:4`), what `feedback review` takes. nil for a review.
    public var id: String? { source.map { "\($0.sha256.prefix(8)):\($0.line)" } }

    /// The row's content without where and when it was imported: two results with the same
    /// content are the same row imported twice.
    var content: FeedbackEntry {
        var bare = self
        bare.recordedBy = ""; bare.role = .advisor; bare.recordedAt = Date(timeIntervalSince1970: 0); bare.source = nil
        return bare
    }

    /// A survey score below or at the site's threshold, a mystery-shopping result under it.
    public func isLow(_ settings: FeedbackSettings) -> Bool {
        switch kind {
        case .survey: return score.map { $0 <= settings.lowScore(onScale: scale ?? settings.surveyScale) } ?? false
        case .mysteryShopping: return percent.map { $0 < settings.lowMysteryPercent } ?? false
        case .reviewed: return false
        }
    }

    /// A survey score on the site's scale (a 5-point score on a 10-point site doubled, and so on).
    public func score(onScale target: Int) -> Double? {
        guard kind == .survey, let score else { return nil }
        let own = scale ?? target
        return Double(score) * Double(target) / Double(own)
    }
}

public extension DeskState {
    /// Imported results in log order (reviews left out).
    var feedbackResults: [FeedbackEntry] { feedback.filter { $0.kind != .reviewed } }

    /// The result with this id, if imported.
    func feedbackResult(id: String) -> FeedbackEntry? { feedback.first { $0.kind != .reviewed && $0.id == id } }

    /// The review of the result with this id, if a lead recorded one.
    func feedbackReview(of id: String) -> FeedbackEntry? { feedback.first { $0.kind == .reviewed && $0.reviews == id } }

    /// Results about one complaint: naming it, or naming its repair order; in log order.
    func feedback(about complaint: Complaint) -> [FeedbackEntry] {
        let order = complaint.intake.order
        return feedbackResults.filter { $0.complaint == complaint.number || (order != nil && $0.repairOrder == order) }
    }

    /// Low results no lead has reviewed yet: each an item for the lead, oldest first.
    func lowFeedback(_ settings: FeedbackSettings) -> [FeedbackEntry] {
        let reviewed = Set(feedback.compactMap(\.reviews))
        return feedbackResults.filter { $0.isLow(settings) && !reviewed.contains($0.id ?? "") }
    }
}

/// Why feedback cannot be imported or reviewed: structured; the command line and the dashboard
/// say it (`text`).
public enum FeedbackError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's problems, every one (`line` nil: the file as a whole).
    case badFile(file: String, problems: [FeedbackProblem])
    case roleMayNotImport(Role)
    case roleMayNotReview(Role)
    case noSuchResult(String)
    case alreadyReviewed(id: String, by: String, at: Date)
    case notLow(id: String)
    case badNote(LocalizedText)

    public var description: String { text.en }

    public var text: LocalizedText {
        switch self {
        case .badFile(let file, let problems):
            let lines = problems.map { problem in
                LocalizedText(pl: "\(file):\(problem.line.map(String.init) ?? "1"): \(problem.text.pl)",
                              en: "\(file):\(problem.line.map(String.init) ?? "1"): \(problem.text.en)")
            }
            return LocalizedText(
                pl: lines.map(\.pl).joined(separator: "\n") + "\nNic nie zaimportowano: popraw \(problems.count == 1 ? "ten wiersz" : "te wiersze") i zaimportuj plik ponownie.",
                en: lines.map(\.en).joined(separator: "\n") + "\nNothing was imported: correct \(problems.count == 1 ? "this row" : "these rows") and import the file again.")
        case .roleMayNotImport(let role):
            return LocalizedText(pl: "Wyniki ankiet i audytów importuje doradca lub kierownik zmiany, nie \(Labels.role(role).pl); poproś jednego z nich.",
                                 en: "Survey and audit results are imported by an advisor or a shift lead, not a \(role.rawValue); ask one of them.")
        case .roleMayNotReview(let role):
            return LocalizedText(pl: "Niską ocenę przegląda kierownik zmiany, nie \(Labels.role(role).pl); przekaż ją kierownikowi.",
                                 en: "A low score is reviewed by a shift lead, not a \(role.rawValue); pass it to the lead.")
        case .noSuchResult(let id):
            let typed = SafeText.singleLine(id, maxCharacters: 40)
            return LocalizedText(pl: "Nie ma wyniku „\(typed)”. `asodesk feedback list` pokazuje identyfikatory (np. 3f2a9c1b:4).",
                                 en: "There is no result '\(typed)'. `asodesk feedback list` shows the ids (like 3f2a9c1b:4).")
        case .alreadyReviewed(let id, let by, _):
            return LocalizedText(pl: "Wynik \(id) został już przejrzany (\(by)); nic nie zapisano.",
                                 en: "Result \(id) was already reviewed (by \(by)); nothing was saved.")
        case .notLow(let id):
            return LocalizedText(pl: "Wynik \(id) nie jest niską oceną, więc nie czeka na przegląd; nic nie zapisano.",
                                 en: "Result \(id) is not a low score, so no review awaits it; nothing was saved.")
        case .badNote(let text):
            return text
        }
    }
}

/// One problem of an import file: its line (nil: the file as a whole) and what is wrong and what to do.
public struct FeedbackProblem: Sendable, Equatable {
    public var line: Int?
    public var text: LocalizedText
    public init(line: Int?, _ text: LocalizedText) { self.line = line; self.text = text }
}

/// Results in words, one line each, for `show` and the complaint's detail on the dashboard.
public enum FeedbackText {
    public static func line(_ entry: FeedbackEntry, desk: Desk, language: Language) -> String {
        let pl = language == .polish
        let result: String
        switch entry.kind {
        case .survey: result = (pl ? "ankieta " : "survey ") + "\(entry.score ?? 0)/\(entry.scale ?? desk.config.feedback.surveyScale)"
        case .mysteryShopping: result = (pl ? "audyt " : "mystery shopping ") + "\(entry.percent ?? 0) %"
        case .reviewed: result = pl ? "przegląd" : "review"
        }
        var parts = ["\(entry.date?.description ?? "—") \(result)"]
        if let advisor = entry.advisor { parts.append(desk.personLabel(advisor)) }
        if let text = entry.comment ?? entry.findings { parts.append(SafeText.singleLine(text, maxCharacters: 100)) }
        var line = parts.joined(separator: ", ")
        if entry.isLow(desk.config.feedback), let id = entry.id {
            if let review = desk.state.feedbackReview(of: id) {
                line += pl ? " — niska, przejrzał \(desk.personLabel(review.recordedBy))" : " — low, reviewed by \(desk.personLabel(review.recordedBy))"
            } else {
                line += pl ? " — niska, czeka na przegląd (\(id))" : " — low, awaiting review (\(id))"
            }
        }
        return line
    }
}

/// One imported result as `feedback list --json`, `show --json` and the report's low scores give it,
/// with its review.
public struct FeedbackJSON: Encodable, Sendable, Equatable {
    public var id: String
    public var kind: String
    public var date: String?
    public var advisor: String?
    public var complaint: String?
    public var repairOrder: String?
    public var score: Int?
    public var scale: Int?
    public var percent: Int?
    public var auditor: String?
    public var channel: String?
    public var text: String?
    public var low: Bool
    public var importID: String
    public var line: Int
    public var reviewedBy: String?
    public var reviewNote: String?

    /// nil for an entry that is no result (a review).
    public init?(_ entry: FeedbackEntry, desk: Desk) {
        guard let id = entry.id, let source = entry.source else { return nil }
        let review = desk.state.feedbackReview(of: id)
        self.id = id; kind = entry.kind.rawValue; date = entry.date?.description; advisor = entry.advisor
        complaint = entry.complaint?.description; repairOrder = entry.repairOrder; score = entry.score
        scale = entry.kind == .survey ? entry.scale : nil; percent = entry.percent; auditor = entry.auditor
        channel = entry.channel; text = entry.comment ?? entry.findings; low = entry.isLow(desk.config.feedback)
        importID = source.importID; line = source.line; reviewedBy = review?.recordedBy; reviewNote = review?.note
    }
}
