import AsodeskApp
import AsodeskDomain
import Foundation

/// "When it happened" as typed into a form (an action's time, a complaint's receipt): empty
/// means now; otherwise the desk's one time parser (`TimeText.parse`) and the lifecycle's one
/// rule for how far an entry may be dated back or ahead (`Lifecycle.timeDenial`), said briefly
/// enough to stand beside the field. Saving checks the same rule again under the log's lock.
enum EntryTimeField {
    /// A hint for the field: the forms people type.
    static let hint = LocalizedText("puste = teraz; np. 5.12 14:30 (czas lokalny)", "empty = now; e.g. 5.12 14:30 (site time)")

    /// The instant typed, nil for now, or what is wrong with it. `receivedAt`: the complaint's
    /// receipt, before which nothing of it may be dated (nil when the time is the receipt itself).
    static func read(_ raw: String?, receivedAt: Date?, dashboard: Dashboard) -> (date: Date?, problem: LocalizedText?) {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return (nil, nil) }
        let times = TimeText(timeZone: dashboard.desk.calendar.timeZone)
        guard let date = times.parse(raw, now: dashboard.now) else {
            return (nil, LocalizedText("Nie rozpoznano czasu; wpisz np. 2026-11-23 09:15 albo 23.11 09:15.",
                                       "Not a time I can read; write e.g. 2026-11-23 09:15 or 23.11 09:15."))
        }
        let entry = dashboard.desk.entryTime()
        switch Lifecycle.timeDenial(occurredAt: date, now: dashboard.now, receivedAt: receivedAt, entry: entry) {
        case nil:
            return (date, nil)
        case .future:
            return (nil, LocalizedText("To chwila w przyszłości; podaj, kiedy to się naprawdę stało.",
                                       "That is in the future; give when it really happened."))
        case .beforeReceipt(let earliest, _):
            return (nil, LocalizedText("To przed przyjęciem reklamacji; najwcześniej \(times.short(earliest)).",
                                       "That is before the complaint was received; at the earliest \(times.short(earliest))."))
        case .beforeWindow(let earliest, _, let days):
            return (nil, LocalizedText("Najwyżej \(days) dni wstecz: najwcześniej \(times.short(earliest)); starsze zapisz w notatce.",
                                       "At most \(days) days back: from \(times.short(earliest)); record older ones in a note."))
        case .backdatedSend:
            return (date, nil)   // not a rule of the time alone: the verb's, checked when it is saved
        }
    }
}
