import AsodeskApp
import AsodeskDomain
import AsodeskLog
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The shift handover summary: what the next shift lead must know, as a plain text file.
public enum ShiftHandover {
    /// Rows listed per section; the counts are always complete.
    static let rowsPerSection = 50

    /// The summary in the dashboard's language. Customer text is made single-line and harmless.
    public static func text(_ model: ShiftBoardModel, dashboard: Dashboard) -> String {
        let pl = dashboard.language == .polish
        let style = dashboard.style
        let desk = dashboard.desk
        func name(_ id: String?) -> String {
            guard let id else { return pl ? "nieprzydzielona" : "unassigned" }
            return SafeText.singleLine(desk.personName(id), maxCharacters: 40)
        }
        func describe(_ row: BoardRow) -> String {
            var parts = ["\(row.number)", SafeText.singleLine(row.customer, maxCharacters: 40)]
            if let timer = row.timer {
                parts.append(Labels.timer(timer.name).text(dashboard.language))
                parts.append(ShiftBoardText.timeLeft(timer, now: model.now, style: style, language: dashboard.language))
            }
            if row.section == .waiting, let days = row.workingDaysWaiting {
                parts.append((pl ? "wstrzymana " : "waiting ") + ShiftBoardText.workingDays(days, language: dashboard.language))
            }
            if row.section == .decidedNotAnswered, let decided = row.decidedAt {
                parts.append((pl ? "rozpatrzona " : "decided ") + style.dateTime(decided))
            }
            if row.isEscalated { parts.append(pl ? "eskalowana" : "escalated") }
            if let legal = row.legal, row.section == .legal {
                parts.append((pl ? "termin " : "deadline ") + style.date(legal.deadline))
                parts.append(ShiftBoardText.daysLeft(legal, language: dashboard.language))
                if legal.possiblyDeemedAccepted { parts.append(LegalReading.deemedAccepted.text(dashboard.language)) }
            }
            parts.append(name(row.owner))
            return parts.joined(separator: " | ")
        }

        var lines: [String] = []
        lines.append(pl ? "PRZEKAZANIE ZMIANY — \(SafeText.singleLine(desk.config.siteName, maxCharacters: 80))"
                        : "SHIFT HANDOVER — \(SafeText.singleLine(desk.config.siteName, maxCharacters: 80))")
        lines.append((pl ? "Sporządził(a): " : "Written by: ")
            + "\(SafeText.singleLine(dashboard.operatorName, maxCharacters: 60)) (\(SafeText.singleLine(dashboard.actor.id, maxCharacters: 40))), "
            + Labels.role(dashboard.actor.role).text(dashboard.language))
        lines.append((pl ? "Kiedy: " : "When: ") + style.clock(model.now))
        let warnings = desk.config.warnings
        for section in BoardSection.allCases {
            let rows = model.rows(in: section)
            lines.append("")
            let title = section.title(legalDays: warnings.legalDaysBeforeDeadline).text(dashboard.language).uppercased()
            let complaints = model.figures.complaintCount(in: section)
            lines.append(section.holdsTimers && complaints != rows.count
                         ? "\(title) (\(rows.count)" + (pl ? " na \(complaints) reklamacjach)" : " on \(complaints) complaints)")
                         : "\(title) (\(rows.count))")
            if rows.isEmpty { lines.append(pl ? "  brak" : "  none") }
            for row in rows.prefix(rowsPerSection) {
                lines.append("  \(ShiftBoardText.glyph(row, warnings: warnings)) " + describe(row))
            }
            if rows.count > rowsPerSection {
                lines.append(pl ? "  … i \(rows.count - rowsPerSection) więcej (pełna lista: asodesk list)"
                                : "  … and \(rows.count - rowsPerSection) more (full list: asodesk list)")
            }
        }
        // As on the board: only while a low survey or audit result awaits a lead's review.
        let low = model.figures.lowFeedback
        if !low.isEmpty {
            lines.append("")
            lines.append((pl ? "NISKA OCENA" : "LOW SCORES") + " (\(low.count))")
            for entry in low.prefix(rowsPerSection) {
                lines.append("  ! \(entry.id ?? "—") " + FeedbackText.line(entry, desk: desk, language: dashboard.language))
            }
        }
        lines.append("")
        lines.append(pl ? "OBCIĄŻENIE (otwarte / liczniki na dziś / liczniki po terminie)" : "LOAD (open / timers due today / breached timers)")
        for person in model.load {
            lines.append("  \(SafeText.singleLine(person.name, maxCharacters: 40)): \(person.open) / \(person.dueToday) / \(person.breachedTimers)")
        }
        lines.append((pl ? "  nieprzydzielone: " : "  unassigned: ") + "\(model.unassigned)")
        lines.append("")
        lines.append(pl ? "WSKAŹNIKI DZISIAJ (\(style.date(model.today)))" : "TODAY'S FIGURES (\(style.date(model.today)))")
        for figure in ShiftBoardText.figures(model.todayFigures, style: style, language: dashboard.language) {
            lines.append("  \(figure.label): \(figure.value)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `handover-2026-11-23-1030.txt`, with `-2`, `-3`… when that name is taken.
    static func baseName(_ now: Date, style: LocalStyle) -> String {
        let day = style.localDate(now)
        let time = style.time(now).replacingOccurrences(of: ":", with: "")
        return "handover-\(day.description)-\(time)"
    }

    /// Writes the summary into `directory` (created if missing) under a new name, created
    /// exclusively (`ExclusiveFile`): an existing file, or a link planted at the name, is never
    /// written through, even with another terminal writing its handover in the same minute. It
    /// names customers: owner and group only. Returns the path written.
    public static func write(_ text: String, into directory: String, now: Date, style: LocalStyle) throws(FileCreationError) -> String {
        try DeskPaths.createFolder(directory)
        let base = (directory.hasSuffix("/") ? directory : directory + "/") + baseName(now, style: style)
        return try ExclusiveFile.write(Array(text.utf8), toFirstFreeOf: { base + ($0 == 1 ? "" : "-\($0)") + ".txt" },
                                       mode: 0o640)
    }
}
