// Polish public holidays (dni wolne od pracy, ustawa z 18 stycznia 1951 r.). Easter and the
// feasts that hang on it are computed, never listed, so every year works.

public enum PolishHolidayKind: String, Codable, CaseIterable, Sendable {
    case newYear = "new-year"
    case epiphany
    case easterSunday = "easter-sunday"
    case easterMonday = "easter-monday"
    case labourDay = "labour-day"
    case constitutionDay = "constitution-day"
    case pentecost
    case corpusChristi = "corpus-christi"
    case assumption
    case allSaints = "all-saints"
    case independenceDay = "independence-day"
    case christmasEve = "christmas-eve"
    case christmasDay = "christmas-day"
    case secondDayOfChristmas = "second-day-of-christmas"

    public var polishName: String {
        switch self {
        case .newYear: return "Nowy Rok"
        case .epiphany: return "Święto Trzech Króli"
        case .easterSunday: return "Wielkanoc"
        case .easterMonday: return "Poniedziałek Wielkanocny"
        case .labourDay: return "Święto Pracy"
        case .constitutionDay: return "Święto Konstytucji 3 Maja"
        case .pentecost: return "Zielone Świątki"
        case .corpusChristi: return "Boże Ciało"
        case .assumption: return "Wniebowzięcie Najświętszej Maryi Panny"
        case .allSaints: return "Wszystkich Świętych"
        case .independenceDay: return "Narodowe Święto Niepodległości"
        case .christmasEve: return "Wigilia Bożego Narodzenia"
        case .christmasDay: return "Boże Narodzenie (pierwszy dzień)"
        case .secondDayOfChristmas: return "Boże Narodzenie (drugi dzień)"
        }
    }

    public var englishName: String {
        switch self {
        case .newYear: return "New Year's Day"
        case .epiphany: return "Epiphany"
        case .easterSunday: return "Easter Sunday"
        case .easterMonday: return "Easter Monday"
        case .labourDay: return "Labour Day"
        case .constitutionDay: return "Constitution Day"
        case .pentecost: return "Pentecost Sunday"
        case .corpusChristi: return "Corpus Christi"
        case .assumption: return "Assumption of Mary"
        case .allSaints: return "All Saints' Day"
        case .independenceDay: return "Independence Day"
        case .christmasEve: return "Christmas Eve"
        case .christmasDay: return "Christmas Day"
        case .secondDayOfChristmas: return "Second Day of Christmas"
        }
    }
}

public struct PolishHoliday: Hashable, Codable, Sendable, CustomStringConvertible {
    public var date: LocalDate
    public var kind: PolishHolidayKind
    public init(date: LocalDate, kind: PolishHolidayKind) { self.date = date; self.kind = kind }
    public var polishName: String { kind.polishName }
    public var englishName: String { kind.englishName }
    public var description: String { "\(date) \(englishName) (\(polishName))" }
}

public enum PolishHolidays {
    /// Epiphany became a day off again in 2011; Christmas Eve became one in 2025.
    public static let epiphanyFromYear = 2011
    public static let christmasEveFromYear = 2025

    /// Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100, c = year % 100
        let d = b / 4, e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)
    }

    /// Every public holiday of `year`, in date order. Ordinary Sundays are days off too but are
    /// not named holidays; see `isDayOff(_:)`.
    public static func holidays(year: Int) -> [PolishHoliday] {
        let easter = easterSunday(year: year)
        var list: [PolishHoliday] = [
            PolishHoliday(date: LocalDate(year: year, month: 1, day: 1), kind: .newYear),
            PolishHoliday(date: easter, kind: .easterSunday),
            PolishHoliday(date: easter.adding(days: 1), kind: .easterMonday),
            PolishHoliday(date: LocalDate(year: year, month: 5, day: 1), kind: .labourDay),
            PolishHoliday(date: LocalDate(year: year, month: 5, day: 3), kind: .constitutionDay),
            PolishHoliday(date: easter.adding(days: 49), kind: .pentecost),
            PolishHoliday(date: easter.adding(days: 60), kind: .corpusChristi),
            PolishHoliday(date: LocalDate(year: year, month: 8, day: 15), kind: .assumption),
            PolishHoliday(date: LocalDate(year: year, month: 11, day: 1), kind: .allSaints),
            PolishHoliday(date: LocalDate(year: year, month: 11, day: 11), kind: .independenceDay),
            PolishHoliday(date: LocalDate(year: year, month: 12, day: 25), kind: .christmasDay),
            PolishHoliday(date: LocalDate(year: year, month: 12, day: 26), kind: .secondDayOfChristmas),
        ]
        if year >= epiphanyFromYear {
            list.append(PolishHoliday(date: LocalDate(year: year, month: 1, day: 6), kind: .epiphany))
        }
        if year >= christmasEveFromYear {
            list.append(PolishHoliday(date: LocalDate(year: year, month: 12, day: 24), kind: .christmasEve))
        }
        return list.sorted { $0.date < $1.date }
    }

    /// The named public holiday on `date`, if any.
    public static func holiday(on date: LocalDate) -> PolishHoliday? {
        holidays(year: date.year).first { $0.date == date }
    }

    /// A day off by statute: a public holiday or any Sunday.
    public static func isDayOff(_ date: LocalDate) -> Bool {
        date.weekday == .sunday || holiday(on: date) != nil
    }
}
