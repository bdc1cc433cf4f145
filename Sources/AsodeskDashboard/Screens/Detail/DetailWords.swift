import AsodeskApp
import AsodeskDomain
import AsodeskScreen

/// The words of the detail screen in both languages: timer and legal-clock states with their
/// glyphs, and each history entry as a headline plus the text the person wrote.
enum DetailWords {
    /// The glyph and role of a timer state: colour alone never carries the meaning.
    static func mark(_ state: TimerState) -> (glyph: String, role: StyleRole) {
        (TimerReading.glyph(state), StyleRole(TimerReading.tone(state)))
    }

    static func state(_ state: TimerState) -> LocalizedText { TimerReading.word(state) }

    /// The legal clock's glyph and role, by the site's one legal warning threshold.
    static func legalMark(_ status: LegalClockStatus, warnings: WarningThresholds) -> (glyph: String, role: StyleRole) {
        (LegalReading.glyph(status, warnings: warnings), StyleRole(LegalReading.tone(status, warnings: warnings)))
    }

    static func days(_ count: Int, _ language: Language) -> String {
        language == .polish ? "\(count) \(count == 1 ? "dzień" : "dni")" : "\(count) day\(count == 1 ? "" : "s")"
    }

    /// `zostało 3 dni`, `termin mija dziś`, `po terminie o 2 dni bez odpowiedzi – …` (`LegalReading.sentence`).
    static func legalState(_ status: LegalClockStatus, _ language: Language, date: (LocalDate) -> String) -> String {
        LegalReading.sentence(status, date: date).text(language)
    }

    /// What the marks of a checklist line mean, under the list (one line at 80 columns).
    static let checklistLegend = LocalizedText(
        "* obowiązkowy · [x] odhaczony · [o] pominięty · Spacja odhacza/cofa",
        "* mandatory · [x] ticked · [o] overridden · Space ticks/withdraws")

    /// The same in help, a mark and its meaning a row.
    static let checklistLegendRows: [(String, LocalizedText)] = [
        ("[ ]*", LocalizedText("obowiązkowy: blokuje etap", "mandatory: blocks the stage")),
        ("[ ]", LocalizedText("nieobowiązkowy", "optional")),
        ("[x]", LocalizedText("odhaczony; Spacja cofa", "ticked; Space withdraws it")),
        ("[o]", LocalizedText("pominięty przez kierownika", "overridden by the lead")),
        ("!", LocalizedText("otwarte obowiązkowe blokują", "open mandatory steps block")),
    ]
}
