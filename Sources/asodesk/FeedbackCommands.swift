import ArgumentParser
import AsodeskApp
import AsodeskDomain
import Foundation

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import survey (CSI) or mystery-shopping results from a CSV file.",
        discussion: """
            The file: a header row, then one row per result; UTF-8 with or without a byte-order mark, comma or \
            semicolon separated (as Excel saves it), RFC 4180 quotes, CRLF or LF. Every row is checked, every bad \
            one is reported as FILE:LINE, and a file with any bad row imports nothing. The columns are in the shift \
            lead's guide (docs/guides/shift-lead.en.md, "Surveys and mystery shopping").
            """,
        subcommands: [ImportSurvey.self, ImportMysteryShopping.self])
}

/// The options and body both imports share.
struct ImportOptions: ParsableArguments {
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Check the file and say what would be imported; write nothing.") var dryRun = false

    /// Files larger than this are refused before they are read (a year of a large site is well under it).
    static let maximumBytes = 16 << 20

    func run(_ kind: FeedbackKind) throws {
        try runReporting {
            let path = absolutePath(file)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular else {
                throw CLIError.localized(LocalizedText(pl: "Nie ma pliku \(path) (albo nie jest zwykłym plikiem); podaj ścieżkę do pliku CSV.",
                                                       en: "There is no file \(path) (or it is not a regular file); give the path of a CSV file."))
            }
            guard let size = attributes[.size] as? Int, size <= Self.maximumBytes else {
                throw CLIError.localized(LocalizedText(pl: "Plik \(path) ma ponad 16 MB; podziel go na mniejsze pliki.",
                                                       en: "The file \(path) is over 16 MB; split it into smaller files."))
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError.localized(LocalizedText(pl: "Nie udało się odczytać \(path); sprawdź uprawnienia.",
                                                       en: "\(path) could not be read; check its permissions."))
            }
            let desk = try location.openDesk()
            let actor = try operatorOptions.actor(on: desk)
            let now = dryRun ? try location.now(desk.timeText) : try location.writingNow(for: desk)
            let entries: [FeedbackEntry]
            do {
                entries = dryRun ? try desk.checkFeedback(Array(data), fileName: path, kind: kind, by: actor, now: now)
                                 : try desk.importFeedback(Array(data), fileName: path, kind: kind, by: actor, now: now)
            } catch FeedbackError.badFile(let name, let problems) {
                // One line per problem, FILE:LINE first, as compilers write them (an editor can jump to each).
                let text = FeedbackError.badFile(file: name, problems: problems).text
                sayOnStderr(MessageLanguage.say(text))
                throw ExitCode(1)
            }
            let low = entries.filter { $0.isLow(desk.config.feedback) }.count
            let pl = MessageLanguage.polish
            let what = kind == .survey ? (pl ? Wording.pl(entries.count, one: "wynik ankiety", few: "wyniki ankiet", many: "wyników ankiet")
                                             : Wording.en(entries.count, "survey result", "survey results"))
                                       : (pl ? Wording.pl(entries.count, one: "wynik audytu", few: "wyniki audytów", many: "wyników audytów")
                                             : Wording.en(entries.count, "mystery-shopping result", "mystery-shopping results"))
            let name = (path as NSString).lastPathComponent
            if dryRun {
                say(pl ? "\(name): plik poprawny; zaimportowano by \(what), w tym niskich ocen: \(low). Nic nie zapisano (--dry-run)."
                       : "\(name): the file is valid; it would import \(what), \(low) of them low. Nothing was written (--dry-run).")
            } else {
                say(pl ? "\(name): zaimportowano \(what), w tym niskich ocen: \(low) (czekają na przegląd kierownika: `asodesk feedback list`)."
                       : "\(name): imported \(what), \(low) of them low (awaiting a lead's review: `asodesk feedback list`).")
            }
        }
    }
}

struct ImportSurvey: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Import survey (CSI) results: date, advisor, complaint, repair_order, score, comment [, scale].")
    @OptionGroup var options: ImportOptions
    func run() throws { try options.run(.survey) }
}

struct ImportMysteryShopping: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mystery-shopping",
        abstract: "Import mystery-shopping results: date, auditor, advisor, channel, score_percent, findings [, complaint].")
    @OptionGroup var options: ImportOptions
    func run() throws { try options.run(.mysteryShopping) }
}

struct FeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Imported survey and mystery-shopping results: list them, review a low one (shift lead).",
        subcommands: [FeedbackList.self, FeedbackReview.self])
}

struct FeedbackList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List imported results (by the date of the visit or audit), low ones marked, with their reviews.")
    @OptionGroup var location: LocationOptions
    @Option(help: "Only results dated in this month (YYYY-MM).") var month: String?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try runReporting {
            var wanted: LocalDate?
            if let month {
                guard let first = MonthlyReview.month(month) else {
                    throw CLIError.message("--month: '\(month)' is not a month like 2026-11.")
                }
                wanted = first
            }
            let desk = try location.openDesk()
            let settings = desk.config.feedback
            let rows: [FeedbackJSON] = desk.state.feedbackResults.compactMap { entry in
                if let wanted, entry.date.map({ $0.year == wanted.year && $0.month == wanted.month }) != true { return nil }
                return FeedbackJSON(entry, desk: desk)
            }
            if json { try printJSON(rows); return }
            let pl = MessageLanguage.polish
            guard !rows.isEmpty else {
                say(pl ? "Brak zaimportowanych wyników\(month.map { " z \($0)" } ?? ""). Import: `asodesk import survey PLIK` lub `asodesk import mystery-shopping PLIK`."
                       : "No imported results\(month.map { " dated in \($0)" } ?? ""). Import with `asodesk import survey FILE` or `asodesk import mystery-shopping FILE`.")
                return
            }
            for row in rows {
                let result = row.percent.map { "\($0) %" } ?? row.score.map { "\($0)/\(row.scale ?? settings.surveyScale)" } ?? "—"
                let kind = row.kind == FeedbackKind.survey.rawValue ? (pl ? "ankieta" : "survey") : (pl ? "audyt" : "mystery shopping")
                let mark = row.low ? (row.reviewedBy == nil ? "!" : "✓") : " "
                let about = [row.advisor.map(desk.personLabel), row.complaint, row.repairOrder, row.channel, row.auditor]
                    .compactMap { $0 }.map { SafeText.singleLine($0, maxCharacters: 40) }.joined(separator: ", ")
                var line = "\(mark) \(row.id)  \(row.date ?? "—")  \(kind) \(result)" + (about.isEmpty ? "" : "  \(about)")
                if let text = row.text { line += " — " + SafeText.singleLine(text, maxCharacters: 80) }
                say(line)
                if let by = row.reviewedBy {
                    say("    " + (pl ? "przejrzał \(desk.personLabel(by)): " : "reviewed by \(desk.personLabel(by)): ")
                        + SafeText.singleLine(row.reviewNote ?? "", maxCharacters: 120))
                }
            }
            let waiting = rows.filter { $0.low && $0.reviewedBy == nil }.count
            if waiting > 0 {
                say(pl ? "! niska ocena czeka na przegląd kierownika (\(waiting)): `asodesk feedback review ID --note …`"
                       : "! low score awaiting a lead's review (\(waiting)): `asodesk feedback review ID --note …`")
            }
        }
    }
}

struct FeedbackReview: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Shift lead: record that a low survey or mystery-shopping result was reviewed, with what was done.")
    @OptionGroup var location: LocationOptions
    @OptionGroup var operatorOptions: OperatorOptions
    @Argument(help: "The result's id, as `asodesk feedback list` shows it (e.g. 3f2a9c1b:4).") var id: String
    @Option(help: "What was found or done (stored with the review).") var note: String

    func validate() throws {
        if operatorOptions.at != nil { throw ValidationError("A review is dated when it is recorded: leave out --at.") }
    }

    func run() throws {
        try runReporting {
            let desk = try location.openDesk()
            let now = try location.writingNow(for: desk)
            let entry = try desk.reviewFeedback(id, note: note, by: try operatorOptions.actor(on: desk), now: now)
            say(MessageLanguage.polish ? "\(entry.reviews ?? id): przegląd zapisano." : "\(entry.reviews ?? id): review saved.")
        }
    }
}
