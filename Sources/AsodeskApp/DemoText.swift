import AsodeskDomain

/// The words of the demo: Polish customers, cars, plates and what they complain about.
enum DemoText {
    static let firstNames = ["Tomasz", "Agnieszka", "Krzysztof", "Małgorzata", "Paweł", "Joanna", "Łukasz", "Ewa",
                             "Grzegorz", "Magdalena", "Michał", "Dorota", "Jarosław", "Beata", "Rafał", "Żaneta",
                             "Zbigniew", "Alicja", "Sławomir", "Katarzyna"]
    static let lastNames = ["Kowalski", "Wójcik", "Kowalczyk", "Woźniak", "Mazur", "Krawczyk", "Zając", "Król",
                            "Wieczorek", "Jabłoński", "Dąbrowski", "Pawłowski", "Michalski", "Nowicki", "Adamczyk",
                            "Dudek", "Grabowski", "Sikora", "Ostrowski", "Górski"]
    static let femaleNames: Set<String> = ["Agnieszka", "Małgorzata", "Joanna", "Ewa", "Magdalena", "Dorota", "Beata",
                                           "Żaneta", "Alicja", "Katarzyna"]
    static let domains = ["gmail.com", "wp.pl", "onet.pl", "interia.pl", "o2.pl", "firma-transport.pl"]
    static let counties = ["WA", "WB", "WE", "WF", "WH", "WI", "WJ", "WK", "WN", "WT", "WU", "WW", "WX", "WY",
                           "KR", "KK", "PO", "PZ", "DW", "GD", "LU", "SK", "EL", "ZS", "BI", "RZ", "WPI", "WOT", "KRA", "PGN"]
    static let cars: [(make: String, wmi: String, models: [String])] = [
        ("Škoda", "TMB", ["Octavia", "Fabia", "Superb", "Kodiaq", "Karoq"]),
        ("Volkswagen", "WVW", ["Golf", "Passat", "Tiguan", "T-Roc", "Polo"]),
        ("Toyota", "SB1", ["Corolla", "Yaris", "RAV4", "C-HR", "Camry"]),
        ("Kia", "U5Y", ["Ceed", "Sportage", "Stonic", "Niro"]),
        ("Hyundai", "TMA", ["i30", "Tucson", "Kona", "i20"]),
        ("Ford", "WF0", ["Focus", "Kuga", "Puma", "Transit Custom"]),
        ("Opel", "W0L", ["Astra", "Corsa", "Grandland", "Mokka"]),
        ("Renault", "VF1", ["Clio", "Megane", "Captur", "Austral"]),
        ("Dacia", "UU1", ["Duster", "Sandero", "Jogger"]),
    ]
    static let summaries: [ComplaintCategory: [String]] = [
        .repair: ["Po wymianie sprzęgła nadal szarpie przy ruszaniu.",
                  "Kontrolka silnika zapaliła się ponownie dzień po naprawie.",
                  "Klimatyzacja nie chłodzi, choć tydzień temu była nabijana i naprawiana.",
                  "Stuki w zawieszeniu przednim wróciły po wymianie wahaczy."],
        .damage: ["Po odbiorze auta zauważyłam rysę na tylnym zderzaku, której wcześniej nie było.",
                  "Pęknięta osłona pod silnikiem po wizycie w serwisie.",
                  "Zabrudzona tapicerka fotela kierowcy smarem."],
        .invoice: ["Na fakturze doliczono płyn chłodniczy, którego nie zamawiałem.",
                   "Cena przeglądu wyższa o 400 zł od podanej w wycenie telefonicznej.",
                   "Podwójnie naliczona robocizna za wymianę klocków."],
        .delay: ["Auto miało być gotowe we wtorek, a nadal stoi w serwisie.",
                 "Trzeci raz przesunięto termin odbioru samochodu."],
        .staff: ["Doradca był nieuprzejmy i przerywał mi przy przyjęciu auta.",
                 "Nikt nie odbierał telefonu w sprawie mojego auta przez dwa dni."],
        .parts: ["Czekam już trzy tygodnie na lusterko, obiecywano tydzień.",
                 "Zamówiono złą część i naprawa się przedłuża."],
        .warranty: ["Odmówiono naprawy gwarancyjnej skrzyni biegów bez podania przyczyny.",
                    "Gwarancja na akumulator odrzucona, choć auto ma rok."],
        .communication: ["Nie oddzwoniono z informacją o kosztorysie, choć obiecano.",
                         "Nie poinformowano mnie o dodatkowych pracach przed ich wykonaniem."],
        .other: ["Brak auta zastępczego mimo wcześniejszej rezerwacji.",
                 "W aucie po serwisie ustawienia radia i fotela zostały zmienione."],
    ]
    static let remedies = ["Ponowna naprawa na koszt serwisu", "Zwrot różnicy w cenie", "Naprawa uszkodzenia lakieru",
                           "Auto zastępcze na czas naprawy", "Korekta faktury", "Przeprosiny i wyjaśnienie", nil]
    /// Where demo letters go (the intake holds no postal address; the advisor types it when posting).
    static let postalAddresses = ["ul. Długa 5/3, 31-147 Kraków", "os. Kolorowe 12/40, 31-938 Kraków",
                                  "ul. Wielicka 220, 30-663 Kraków", "ul. Krakowska 7, 32-050 Skawina",
                                  "ul. Rynek 3, 32-020 Wieliczka"]

    static let acknowledgements = ["Potwierdzenie przyjęcia wysłane e-mailem", "Potwierdzenie wręczone przy ladzie",
                                   "Potwierdzenie SMS z numerem reklamacji"]
    static let contacts = ["Omówiono przebieg usterki, umówiono oględziny auta.",
                           "Klient przesłał zdjęcia uszkodzenia; poinformowano o dalszych krokach.",
                           "Rozmowa z klientem: poproszono o dostarczenie auta na diagnostykę.",
                           "Poinformowano klienta o stanie sprawy i przewidywanym terminie decyzji."]
    static let notes = ["Mechanik potwierdza: usterka powtarzalna na jeździe próbnej.",
                        "Zdjęcia z przyjęcia auta nie pokazują rysy — do weryfikacji z monitoringiem.",
                        "Sprawdzić historię zleceń pojazdu z ostatnich 12 miesięcy."]
    static let waits: [WaitReason: String] = [
        .customer: "Czekamy na dostarczenie auta i kopii faktury przez klienta",
        .parts: "Zamówiona część, dostawa od importera",
        .manufacturer: "Zapytanie gwarancyjne wysłane do producenta",
    ]
    static let acceptances = ["Klient przyjmuje rozstrzygnięcie, dziękuje za szybką reakcję.",
                              "Klientka zadowolona z naprawy, odebrała auto."]
    static let disputes = ["Klient nie zgadza się z decyzją, rozważa rzecznika konsumentów.",
                           "Klientka kwestionuje uzasadnienie, prosi o opinię niezależnego rzeczoznawcy."]
    /// What the customer said on the follow-up call, matching the rating given (4 notes per mood,
    /// so the demo draws the same random numbers whatever the rating).
    static func followUpNote(satisfaction: Int, _ random: inout SeededRandom) -> String {
        switch satisfaction {
        case 4...:
            random.pick(["Auto jeździ bez zarzutu.", "Klient zadowolony, poleci serwis.",
                         "Klientka dziękuje za sprawne załatwienie.", "Brak uwag, wszystko w porządku."])
        case 3:
            random.pick(["Usterka usunięta, ale klient uważa, że trwało to za długo.", "Brak uwag do naprawy; zastrzeżenia do kontaktu.",
                         "Klient ocenia neutralnie, auto jeździ poprawnie.", "Klientka bez uwag, choć oczekiwała auta zastępczego."])
        default:
            random.pick(["Klient nadal niezadowolony z czasu oczekiwania.", "Klientka niezadowolona z rozstrzygnięcia, rozważa rzecznika.",
                         "Klient twierdzi, że usterka częściowo wróciła.", "Klient niezadowolony z kontaktu w trakcie sprawy."])
        }
    }

    /// A decision with a plausible cause (`cause(_:for:)`).
    static func decision(_ outcome: DecisionOutcome, _ random: inout SeededRandom, number: ComplaintNumber) -> Decision {
        var decision = decision(outcome, &random)
        decision.cause = cause(outcome, for: number)
        return decision
    }

    /// A story's own draws for what came with causes (the cause, its correction, a test mark),
    /// seeded by the complaint's number: the rest of every story stays as it was.
    static func causeRandom(_ number: ComplaintNumber) -> SeededRandom {
        SeededRandom(seed: (UInt64(UInt32(truncatingIfNeeded: number.year)) << 32 | UInt64(UInt32(truncatingIfNeeded: number.serial))) ^ 0xCA05_E000)
    }

    /// A cause fitting the outcome, weighted so that a Pareto of causes has a clear top (workshop
    /// errors, then communication), with a sub-cause most of the time.
    static func cause(_ outcome: DecisionOutcome, for number: ComplaintNumber) -> CauseCode {
        var random = causeRandom(number)
        let weights: [(String, Int)] = outcome == .rejected
            ? [("not-confirmed", 5), ("customer-use", 4), ("manufacturer-defect", 1)]
            : [("workshop-error", 34), ("communication", 20), ("parts-quality", 14), ("workshop-delay", 12),
               ("pricing-invoice", 9), ("manufacturer-defect", 6), ("customer-use", 3), ("not-confirmed", 2)]
        var draw = random.int(1...weights.reduce(0) { $0 + $1.1 })
        let code = weights.first { draw -= $0.1; return draw <= 0 }!.0
        let subs = CauseCatalogue.standard.cause(code)?.subs ?? []
        guard !subs.isEmpty, random.chance(0.8) else { return CauseCode(code: code) }
        return CauseCode(code: code, sub: random.pick(subs).code)
    }

    /// Now and then the monthly review finds a cause recorded wrong: the correction a shift lead makes.
    static func causeCorrection(of decided: CauseCode?, for number: ComplaintNumber) -> IntakeCorrection? {
        var random = causeRandom(number)
        for _ in 0..<3 { _ = random.next() }
        guard random.chance(0.12) else { return nil }
        let other = CauseCatalogue.standard.codes.filter { $0.main != decided?.main }
        return IntakeCorrection(field: .cause, old: decided?.text, new: random.pick(other).text)
    }

    static let causeCorrectionReason = "Przyczyna poprawiona na przeglądzie miesięcznym: analiza warsztatu wskazała inną"

    private static func decision(_ outcome: DecisionOutcome, _ random: inout SeededRandom) -> Decision {
        switch outcome {
        case .accepted:
            Decision(outcome: .accepted, reasons: "Usterka potwierdzona na diagnostyce; wynika z wykonanej usługi.",
                     remedyGranted: random.pick(["Ponowna naprawa na koszt serwisu", "Naprawa lakieru i auto zastępcze", "Korekta faktury"]))
        case .partly:
            Decision(outcome: .partly, reasons: "Część zastrzeżeń zasadna; pozostałe usterki niezwiązane z naprawą.",
                     remedyGranted: "Rabat 30% na robociznę")
        case .rejected:
            Decision(outcome: .rejected, reasons: "Ekspertyza wykazała zużycie eksploatacyjne, niezwiązane z usługą serwisu.",
                     remedyGranted: nil)
        }
    }

    static func intake(_ random: inout SeededRandom, priority: Priority, basis: LegalBasis) -> IntakeForm {
        let first = random.pick(firstNames)
        var last = random.pick(lastNames)
        if femaleNames.contains(first), last.hasSuffix("ski") || last.hasSuffix("cki") {
            last = String(last.dropLast()) + "a"
        }
        let category = random.pick(ComplaintCategory.allCases)
        let car = random.pick(cars)
        let vinAlphabet = Array("ABCDEFGHJKLMNPRSTUVWXYZ0123456789")
        let vin = car.wmi + String((0..<14).map { _ in random.pick(vinAlphabet) })
        let county = random.pick(counties)
        let digits = (0..<(county.count == 2 ? 5 : 4)).map { _ in String(random.int(0...9)) }.joined()
        let plate = county + " " + (county.count == 2 ? digits : digits + random.pick(["A", "C", "E", "K", "X"]))
        let phone = "+48 " + random.pick(["501", "602", "693", "721", "784", "881"]) + " "
            + String(random.int(100...999)) + " " + String(random.int(100...999))
        let email = random.chance(0.7)
            ? ascii(first.lowercased()) + "." + ascii(last.lowercased()) + "@" + random.pick(domains) : nil
        // The channels the demo's stories were written with: a channel added later (the suggestion
        // box, the comment book) would change every draw after this one, and so the whole demo.
        let channel = random.pick([Channel.phone, .email, .web, .social, .letter, .inPerson])
        return IntakeForm(channel: channel, category: category, priority: priority, legalBasis: basis,
                          customer: "\(first) \(last)", phone: channel == .email && email != nil && random.chance(0.5) ? nil : phone,
                          email: email, plate: plate, vin: vin, vehicle: "\(car.make) \(random.pick(car.models))",
                          order: "ZN/\(random.int(2025...2026))/\(String(format: "%05d", random.int(1...9999)))",
                          summary: random.pick(summaries[category]!), remedy: random.pick(remedies))
    }

    /// Polish letters folded to ASCII for e-mail addresses.
    static func ascii(_ text: String) -> String {
        let map: [Character: Character] = ["ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z"]
        return String(text.map { map[$0] ?? $0 })
    }
}
