import AsodeskDomain
import Foundation

/// The words and marks of the monthly review, shared by the review screen and `report --month`
/// (text and PDF), so a figure reads the same wherever it is shown.
public enum ReviewText {
    static let monthsPL = ["styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień",
                           "październik", "listopad", "grudzień"]
    static let monthsEN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                           "October", "November", "December"]
    static let shortPL = ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"]
    static let shortEN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `listopad 2026` / `November 2026` for `2026-11`.
    public static func month(_ key: String, _ language: Language) -> String {
        guard let date = MonthlyReview.month(key) else { return key }
        return (language == .polish ? monthsPL : monthsEN)[date.month - 1] + " \(date.year)"
    }

    /// `lis` / `Nov`.
    public static func shortMonth(_ key: String, _ language: Language) -> String {
        guard let date = MonthlyReview.month(key) else { return key }
        return (language == .polish ? shortPL : shortEN)[date.month - 1]
    }

    /// The month a period of the review is (`2026-11`), from its first day.
    public static func key(of period: DeskReport.PeriodFigures) -> String { String(period.from.prefix(7)) }

    /// `grudzień 2025 – listopad 2026`.
    public static func window(_ review: MonthlyReview, _ language: Language) -> String {
        month(key(of: review.months.first!), language) + " – " + month(review.month, language)
    }

    public static func dimension(_ dimension: DeskReport.Dimension) -> LocalizedText {
        switch dimension {
        case .category: LocalizedText("kategoria", "category")
        case .cause: LocalizedText("przyczyna", "cause")
        case .subCause: LocalizedText("przyczyna szczegółowa", "sub-cause")
        case .channel: LocalizedText("kanał", "channel")
        case .advisor: LocalizedText("prowadzący", "advisor")
        }
    }

    /// What a dimension's groups are, said under its table.
    public static func meaning(_ dimension: DeskReport.Dimension) -> LocalizedText? {
        switch dimension {
        case .advisor: LocalizedText("Prowadzący: kto miał reklamację na koniec okresu (każda liczy się u jednej osoby).",
                                     "Advisor: who owned the complaint at the period's end (each counts for one person).")
        case .cause, .subCause:
            LocalizedText("Przyczyna: ostatniej decyzji, z poprawkami; „bez przyczyny” – jeszcze bez decyzji (albo zapis sprzed katalogu przyczyn).",
                          "Cause: the latest decision's, as amended; \"no cause recorded\" – not decided yet (or recorded before the cause catalogue).")
        case .category, .channel: nil
        }
    }

    public static func byDimension(_ dimension: DeskReport.Dimension) -> LocalizedText {
        switch dimension {
        case .category: LocalizedText("Według kategorii", "By category")
        case .cause: LocalizedText("Według przyczyny", "By cause")
        case .subCause: LocalizedText("Według przyczyny szczegółowej", "By sub-cause")
        case .channel: LocalizedText("Według kanału", "By channel")
        case .advisor: LocalizedText("Według prowadzącego", "By advisor")
        }
    }

    public static func measure(_ measure: MonthlyReview.Measure) -> LocalizedText {
        switch measure {
        case .received: LocalizedText("Przyjęte", "Received")
        case .timersOnTime: LocalizedText("Liczniki w terminie", "Timers on time")
        case .legalInTime: LocalizedText("Termin ustawowy", "Legal deadline met")
        case .reopenRate: LocalizedText("Wznowione po decyzji", "Reopened after decision")
        case .satisfaction: LocalizedText("Zadowolenie (1–5)", "Satisfaction (1–5)")
        }
    }

    /// The short column title of a measure.
    public static func column(_ measure: MonthlyReview.Measure) -> LocalizedText {
        switch measure {
        case .received: LocalizedText("Przyjęte", "Received")
        case .timersOnTime: LocalizedText("Liczniki", "Timers")
        case .legalInTime: LocalizedText("Ustawowy", "Legal")
        case .reopenRate: LocalizedText("Wznow.", "Reopen")
        case .satisfaction: LocalizedText("Zadow.", "Satisf.")
        }
    }

    /// How a group is named: a category or channel by its label, a cause by the site's name for it,
    /// an advisor by name.
    public static func group(_ dimension: DeskReport.Dimension, _ key: String, desk: Desk, _ language: Language) -> String {
        switch dimension {
        case .category: return ComplaintCategory(rawValue: key).map { Labels.category($0).text(language) } ?? key
        case .channel: return Channel(rawValue: key).map { Labels.channel($0).text(language) } ?? key
        case .cause, .subCause: return cause(key, desk: desk, language)
        case .advisor:
            return key == "unassigned" ? (language == .polish ? "nieprzydzielone" : "unassigned")
                : SafeText.singleLine(desk.personLabel(key), maxCharacters: 40)
        }
    }

    /// A cause code's name (`none` when a decision names none).
    public static func cause(_ key: String, desk: Desk, _ language: Language) -> String {
        if key == "none" { return language == .polish ? "bez przyczyny" : "no cause recorded" }
        guard let code = CauseCode(text: key), let name = desk.config.causes.name(of: code) else { return key }
        return name.text(language)
    }

    /// `91 %`, `4,3`, `52`, or `—` when there is nothing to measure.
    public static func value(_ reading: MonthlyReview.Reading, _ measure: MonthlyReview.Measure, _ language: Language) -> String {
        guard let value = reading.value else { return "—" }
        switch measure {
        case .received: return String(Int(value))
        case .timersOnTime, .legalInTime, .reopenRate: return "\(Int(value)) %"
        case .satisfaction:
            let text = String(format: "%.1f", value)
            return language == .polish ? text.replacingOccurrences(of: ".", with: ",") : text
        }
    }

    /// A value with what it rests on: `91 % (120/132)`, `4,3 (n=30)`, `52`.
    public static func detailed(_ reading: MonthlyReview.Reading, _ measure: MonthlyReview.Measure, _ language: Language) -> String {
        let shown = value(reading, measure, language)
        if let share = reading.share { return share.whole == 0 ? "— (0)" : "\(shown) (\(share.part)/\(share.whole))" }
        if measure == .satisfaction { return "\(shown) (n=\(reading.n))" }
        return shown
    }

    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One block per reading, its height the value on the measure's scale (rates 0–100 %,
    /// satisfaction 1–5, counts 0 to the largest shown); `·` where there is nothing to measure.
    public static func sparkline(_ readings: [MonthlyReview.Reading], _ measure: MonthlyReview.Measure) -> String {
        let top = readings.compactMap(\.value).max() ?? 0
        return String(readings.map { reading -> Character in
            guard let value = reading.value else { return "·" }
            let fraction: Double
            switch measure {
            case .received: fraction = top > 0 ? value / top : 0
            case .timersOnTime, .legalInTime, .reopenRate: fraction = value / 100
            case .satisfaction: fraction = (value - 1) / 4
            }
            return levels[min(levels.count - 1, max(0, Int((fraction * Double(levels.count - 1)).rounded())))]
        })
    }

    static let eighths: [String] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// A horizontal bar of `value` on a scale to `maximum` across `width` cells, in eighths of a
    /// cell; a value above zero shows at least a sliver, so it never reads as none.
    public static func bar(_ value: Double, maximum: Double, width: Int) -> String {
        guard maximum > 0, value > 0, width > 0 else { return "" }
        let eighthsTotal = max(1, Int((min(value, maximum) / maximum * Double(width * 8)).rounded()))
        return String(repeating: "█", count: eighthsTotal / 8) + eighths[eighthsTotal % 8]
    }
}
