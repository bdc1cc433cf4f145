import AsodeskDomain
import AsodeskLog
import Foundation

/// A CSV file as spreadsheets write it: UTF-8 with or without a byte-order mark, comma or
/// semicolon separated (Polish Excel writes semicolons; the header row decides), RFC 4180
/// quoting, CRLF or LF line ends. Each record knows the line of the file it starts on.
struct CSVFile {
    struct Record { var line: Int; var fields: [String] }
    var separator: Character
    var header: Record
    var records: [Record]

    enum Failure: Error { case notUTF8, empty, problems([FeedbackProblem]) }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> CSVFile {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else { throw .notUTF8 }
        // The separator is the one the header row uses (outside quotes): `;` when it has more of them.
        var semicolons = 0, commas = 0, quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() } else if !quoted {
                if scalar == "\n" || scalar == "\r" { break }
                if scalar == ";" { semicolons += 1 } else if scalar == "," { commas += 1 }
            }
        }
        let separator: Character = semicolons > commas ? ";" : ","
        var records: [Record] = [], problems: [FeedbackProblem] = []
        var fields: [String] = [], field = "", line = 1, start = 1
        var inQuotes = false, wasQuoted = false, strayQuote = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func endRecord() {
            fields.append(field)
            if strayQuote {
                problems.append(FeedbackProblem(line: start, LocalizedText(
                    pl: "cudzysłów wewnątrz pola bez cudzysłowów albo tekst po cudzysłowie zamykającym; ujmij całe pole w cudzysłowy, a cudzysłów w nim podwój (\"\").",
                    en: "a quote inside an unquoted field, or text after a closing quote; put the whole field in quotes and double the quote in it (\"\").")))
            }
            // A line with nothing on it (or only separators, as spreadsheets leave below a table) is no row.
            if !fields.allSatisfy({ $0.isEmpty }) { records.append(Record(line: start, fields: fields)) }
            fields = []; field = ""; wasQuoted = false; strayQuote = false
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if inQuotes {
                if scalar == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" { field.unicodeScalars.append("\""); index += 1 } else { inQuotes = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                if field.isEmpty && !wasQuoted { inQuotes = true; wasQuoted = true } else { strayQuote = true }
            } else if Character(scalar) == separator {
                fields.append(field); field = ""; wasQuoted = false
            } else if scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" {
                // CRLF: the LF ends the record.
            } else if scalar == "\n" || scalar == "\r" {
                endRecord()
                line += 1
                start = line
            } else {
                // Text after a field's closing quote (`"abc"x`) is as malformed as a stray quote.
                if wasQuoted { strayQuote = true }
                field.unicodeScalars.append(scalar)
            }
            index += 1
        }
        if inQuotes {
            problems.append(FeedbackProblem(line: start, LocalizedText(
                pl: "cudzysłów otwarty w tym wierszu nie jest zamknięty do końca pliku; zamknij go.",
                en: "a quote opened on this line is not closed by the end of the file; close it.")))
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        if !problems.isEmpty { throw .problems(problems) }
        guard let header = records.first else { throw .empty }
        return CSVFile(separator: separator, header: header, records: Array(records.dropFirst()))
    }
}

/// Survey (CSI) and mystery-shopping results read from a CSV file and checked row by row against
/// the desk: every bad row is reported, and a file with any bad row gives nothing to import.
/// The columns are documented in the shift lead's guide.
public enum FeedbackImport {
    public static let surveyColumns = ["date", "advisor", "complaint", "repair_order", "score", "comment"]
    public static let surveyOptional = ["scale"]
    public static let mysteryColumns = ["date", "auditor", "advisor", "channel", "score_percent", "findings"]
    public static let mysteryOptional = ["complaint"]
    /// More rows than this in one file is refused (a month of a large site is a few hundred).
    public static let maximumRows = 10_000
    static let textLimits = TextLimits(minimum: 0, maximum: 4000)
    static let auditorLimits = TextLimits(minimum: 2, maximum: 120)

    public static func columns(of kind: FeedbackKind) -> (required: [String], optional: [String]) {
        kind == .survey ? (surveyColumns, surveyOptional) : (mysteryColumns, mysteryOptional)
    }

    /// The header row a file of `kind` is expected to start with (the optional columns last).
    public static func expectedHeader(_ kind: FeedbackKind) -> String {
        let (required, optional) = columns(of: kind)
        return (required + optional).joined(separator: ";")
    }

    /// The rows of `bytes` as entries ready to append, or every problem found. `fileName` is the
    /// file's name as given (its last component is stored).
    static func entries(_ bytes: [UInt8], fileName: String, kind: FeedbackKind, desk: Desk, actor: Actor, now: Date) throws(FeedbackError) -> [FeedbackEntry] {
        let name = (fileName as NSString).lastPathComponent
        func refuse(_ problems: [FeedbackProblem]) -> FeedbackError { .badFile(file: name, problems: problems) }
        let expected = expectedHeader(kind)
        let csv: CSVFile
        do throws(CSVFile.Failure) {
            csv = try CSVFile.parse(bytes)
        } catch {
            switch error {
            case .notUTF8:
                throw refuse([FeedbackProblem(line: nil, LocalizedText(
                    pl: "plik nie jest w UTF-8; zapisz go jako „CSV UTF-8 (rozdzielany przecinkami)”.",
                    en: "the file is not UTF-8; save it as \"CSV UTF-8 (comma delimited)\"."))])
            case .empty:
                throw refuse([FeedbackProblem(line: nil, LocalizedText(
                    pl: "plik jest pusty; pierwszy wiersz to nagłówek: \(expected), a pod nim wiersz na wynik.",
                    en: "the file is empty; its first row is the header: \(expected), and below it one row per result."))])
            case .problems(let problems):
                throw refuse(problems)
            }
        }
        // The header: every required column, known ones only, each once.
        let names = csv.header.fields.map { FreeText.trimmed($0).lowercased() }
        let (required, optional) = columns(of: kind)
        var headerProblems: [String] = []
        let missing = required.filter { !names.contains($0) }
        if !missing.isEmpty { headerProblems.append("missing \(missing.joined(separator: ", "))") }
        let unknown = names.filter { !(required + optional).contains($0) }
        if !unknown.isEmpty { headerProblems.append("unknown \(unknown.map { "'\(SafeText.singleLine($0, maxCharacters: 30))'" }.joined(separator: ", "))") }
        let twice = Set(names.filter { name in names.filter { $0 == name }.count > 1 })
        if !twice.isEmpty { headerProblems.append("twice \(twice.sorted().joined(separator: ", "))") }
        if !headerProblems.isEmpty {
            let what = headerProblems.joined(separator: "; ")
            throw refuse([FeedbackProblem(line: csv.header.line, LocalizedText(
                pl: "nagłówek nie pasuje (kolumny: \(what)); oczekiwany nagłówek: \(expected) (\(optional.joined(separator: ", ")) — opcjonalna).",
                en: "the header does not match (columns: \(what)); expected the header: \(expected) (\(optional.joined(separator: ", ")) optional)."))])
        }
        guard !csv.records.isEmpty else {
            throw refuse([FeedbackProblem(line: nil, LocalizedText(
                pl: "plik ma tylko nagłówek; dopisz pod nim wiersze wyników.",
                en: "the file has only its header; add the rows of results below it."))])
        }
        guard csv.records.count <= maximumRows else {
            throw refuse([FeedbackProblem(line: nil, LocalizedText(
                pl: "plik ma \(csv.records.count) wierszy, najwyżej \(maximumRows); podziel go na mniejsze pliki.",
                en: "the file has \(csv.records.count) rows, at most \(maximumRows); split it into smaller files."))])
        }
        let sha = Hex.string(LogDigest.sha256(bytes))
        let column = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let advisors = desk.assignees(for: actor)
        let today = desk.calendar.localDate(of: now)
        let settings = desk.config.feedback
        let earlier = Dictionary(desk.state.feedbackResults.map { ($0.content, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: [FeedbackEntry: Int] = [:]
        var problems: [FeedbackProblem] = [], entries: [FeedbackEntry] = []
        for record in csv.records {
            var wrong: [LocalizedText] = []
            guard record.fields.count == names.count else {
                problems.append(FeedbackProblem(line: record.line, LocalizedText(
                    pl: "wiersz ma \(record.fields.count) pól, a nagłówek \(names.count) kolumn; sprawdź separatory (\(csv.separator)) i cudzysłowy.",
                    en: "the row has \(record.fields.count) fields and the header \(names.count) columns; check the separators (\(csv.separator)) and quotes.")))
                continue
            }
            func value(_ name: String) -> String { column[name].map { FreeText.trimmed(record.fields[$0]) } ?? "" }
            for (position, raw) in record.fields.enumerated() {
                if let bad = raw.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
                    wrong.append(LocalizedText(
                        pl: "kolumna \(names[position]) zawiera znak sterujący U+\(String(format: "%04X", bad.value)); usuń go (także podziały wiersza w polu).",
                        en: "column \(names[position]) holds the control character U+\(String(format: "%04X", bad.value)); remove it (line breaks inside a field too)."))
                }
            }
            var entry = FeedbackEntry(kind: kind, recordedBy: actor.id, role: actor.role, recordedAt: EventCodec.storable(now))
            entry.source = FeedbackSource(file: name, sha256: sha, line: record.line)
            let dateText = value("date")
            if let date = LocalDate(iso: dateText) {
                if date > today {
                    wrong.append(LocalizedText(pl: "data \(date) jest po dzisiejszej (\(today)); sprawdź ją.",
                                               en: "the date \(date) is after today (\(today)); check it."))
                }
                entry.date = date
            } else {
                wrong.append(LocalizedText(pl: "data „\(SafeText.singleLine(dateText, maxCharacters: 30))” nie jest datą RRRR-MM-DD; wpisz np. 2026-11-20.",
                                           en: "the date '\(SafeText.singleLine(dateText, maxCharacters: 30))' is not a date YYYY-MM-DD; write it like 2026-11-20."))
            }
            let advisor = value("advisor")
            if !advisor.isEmpty {
                if advisors.contains(advisor) { entry.advisor = advisor } else {
                    wrong.append(LocalizedText(
                        pl: "doradca „\(SafeText.singleLine(advisor, maxCharacters: 40))” nie jest osobą tego stanowiska; wpisz identyfikator jednej z: \(advisors.joined(separator: ", ")) albo zostaw pole puste.",
                        en: "the advisor '\(SafeText.singleLine(advisor, maxCharacters: 40))' is not a person of this desk; give the id of one of \(advisors.joined(separator: ", ")), or leave it empty."))
                }
            }
            let complaint = value("complaint")
            if !complaint.isEmpty {
                if let number = ComplaintNumber(text: complaint), desk.state.complaints.contains(number) { entry.complaint = number } else {
                    wrong.append(LocalizedText(
                        pl: "reklamacji „\(SafeText.singleLine(complaint, maxCharacters: 30))” nie ma w tym stanowisku; wpisz numer jak R/2026/0042 (`asodesk list --all`) albo zostaw pole puste.",
                        en: "there is no complaint '\(SafeText.singleLine(complaint, maxCharacters: 30))' at this desk; give a number like R/2026/0042 (`asodesk list --all`), or leave it empty."))
                }
            }
            func text(_ name: String, limits: TextLimits) -> String? {
                guard column[name] != nil else { return nil }
                do throws(FieldError) {
                    return try FreeText.validate(value(name), field: .note, limits: limits)
                } catch {
                    wrong.append(LocalizedText(pl: "kolumna \(name): \(error.message.pl)", en: "column \(name): \(error.message.en)"))
                    return nil
                }
            }
            switch kind {
            case .survey:
                let order = value("repair_order")
                if !order.isEmpty {
                    do throws(FieldError) { entry.repairOrder = try RepairOrderNumber(parsing: order).canonical } catch {
                        wrong.append(LocalizedText(pl: "kolumna repair_order: \(error.message.pl)", en: "column repair_order: \(error.message.en)"))
                    }
                }
                var scale = settings.surveyScale
                let scaleText = value("scale")
                if !scaleText.isEmpty {
                    if let given = Int(scaleText), FeedbackSettings.scales.contains(given) { scale = given } else {
                        wrong.append(LocalizedText(pl: "skala „\(SafeText.singleLine(scaleText, maxCharacters: 10))” nie jest 5 ani 10; wpisz 5, 10 albo zostaw puste (skala stanowiska: \(settings.surveyScale)).",
                                                   en: "the scale '\(SafeText.singleLine(scaleText, maxCharacters: 10))' is not 5 or 10; write 5 or 10, or leave it empty (the site's scale: \(settings.surveyScale))."))
                    }
                }
                entry.scale = scale
                let scoreText = value("score")
                if let score = Int(scoreText), (1...scale).contains(score) { entry.score = score } else {
                    wrong.append(LocalizedText(pl: "ocena „\(SafeText.singleLine(scoreText, maxCharacters: 10))” nie jest liczbą całkowitą od 1 do \(scale); popraw ją.",
                                               en: "the score '\(SafeText.singleLine(scoreText, maxCharacters: 10))' is not a whole number from 1 to \(scale); correct it."))
                }
                entry.comment = text("comment", limits: textLimits)
            case .mysteryShopping:
                entry.auditor = text("auditor", limits: auditorLimits)
                if entry.auditor == nil && value("auditor").isEmpty {
                    wrong.append(LocalizedText(pl: "brak audytora; wpisz, kto przeprowadził audyt (osoba lub firma).",
                                               en: "no auditor; write who did the audit (a person or the agency)."))
                }
                let channel = value("channel").lowercased()
                if Channel(rawValue: channel) != nil { entry.channel = channel } else {
                    let known = Channel.allCases.map(\.rawValue).joined(separator: ", ")
                    wrong.append(LocalizedText(pl: "kanał „\(SafeText.singleLine(channel, maxCharacters: 20))” nie jest znany; wpisz jeden z: \(known).",
                                               en: "the channel '\(SafeText.singleLine(channel, maxCharacters: 20))' is not known; write one of \(known)."))
                }
                var percentText = value("score_percent")
                if percentText.hasSuffix("%") { percentText = FreeText.trimmed(String(percentText.dropLast())) }
                if let percent = Int(percentText), (0...100).contains(percent) { entry.percent = percent } else {
                    wrong.append(LocalizedText(pl: "wynik „\(SafeText.singleLine(value("score_percent"), maxCharacters: 10))” nie jest liczbą całkowitą od 0 do 100 (procent); popraw go.",
                                               en: "the result '\(SafeText.singleLine(value("score_percent"), maxCharacters: 10))' is not a whole number from 0 to 100 (percent); correct it."))
                }
                entry.findings = text("findings", limits: textLimits)
            case .reviewed:
                break
            }
            if wrong.isEmpty {
                if let first = seen[entry.content] {
                    wrong.append(LocalizedText(pl: "ten sam wiersz co wiersz \(first) tego pliku; usuń powtórzony.",
                                               en: "the same row as line \(first) of this file; delete the repeated one."))
                } else if let before = earlier[entry.content], let source = before.source {
                    let day = desk.calendar.localDate(of: before.recordedAt)
                    wrong.append(LocalizedText(
                        pl: "ten wiersz zaimportowano już z \(source.importID), wiersz \(source.line) (\(day), \(before.recordedBy)); usuń go z pliku.",
                        en: "this row was already imported from \(source.importID), line \(source.line) (\(day), by \(before.recordedBy)); delete it from the file."))
                } else {
                    seen[entry.content] = record.line
                }
            }
            if wrong.isEmpty {
                entries.append(entry)
            } else {
                problems.append(FeedbackProblem(line: record.line, LocalizedText(pl: wrong.map(\.pl).joined(separator: "; "),
                                                                                  en: wrong.map(\.en).joined(separator: "; "))))
            }
        }
        if !problems.isEmpty { throw refuse(problems) }
        return entries
    }
}
