import AsodeskApp
import AsodeskDomain
import Foundation

/// Instants where the clocks have edges, in Europe/Warsaw: around opening and closing (Saturday
/// 14:00 included), midnight, the hour the clocks change (last Sunday of March and October),
/// on weekends, public holidays and the days before them, and the first and last of each month.
enum EdgeInstants {
    static let all: [Date] = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Warsaw") ?? .gmt
        // (hour, minute, second, millisecond); 02:30 does not exist on the March change day.
        let times = [(0, 0, 0, 0), (1, 59, 59, 999), (2, 0, 0, 0), (2, 30, 0, 0), (3, 0, 0, 0), (7, 59, 59, 999),
                     (8, 0, 0, 0), (8, 0, 0, 1), (12, 0, 0, 0), (13, 59, 59, 999), (14, 0, 0, 0), (17, 59, 59, 999),
                     (18, 0, 0, 0), (18, 0, 0, 1), (23, 59, 59, 999)]
        var result: [Date] = []
        for year in 2025...2027 {
            for month in 1...12 {
                let days = LocalDate.daysIn(month: month, year: year)
                for day in 1...days {
                    let date = LocalDate(year: year, month: month, day: day)
                    let clocksChange = (month == 3 || month == 10) && date.weekday == .sunday && day + 7 > days
                    guard date.weekday == .saturday || date.weekday == .sunday || PolishHolidays.isDayOff(date)
                            || PolishHolidays.isDayOff(date.adding(days: 1)) || clocksChange || day == 1 || day == days
                    else { continue }
                    for (hour, minute, second, millisecond) in times {
                        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute,
                                                        second: second, nanosecond: millisecond * 1_000_000)
                        if let instant = calendar.date(from: components) { result.append(instant) }
                    }
                }
            }
        }
        return result.sorted()
    }()

    /// The first edge after `instant` and the few after it.
    static func following(_ instant: Date) -> ArraySlice<Date> {
        var low = 0, high = all.count
        while low < high {
            let mid = (low + high) / 2
            if all[mid] <= instant { low = mid + 1 } else { high = mid }
        }
        return all[low..<min(all.count, low + 4)]
    }
}

/// One generated complaint: every event the desk accepted for it, in order.
struct GeneratedHistory {
    var number: ComplaintNumber
    var events: [ComplaintEvent]
    var receivedAt: Date { events[0].occurredAt }
}

/// Writes random histories through `Desk.perform` (the real checks under the log's lock), so every
/// history is one a desk could have written: each action is drawn from what the complaint's state
/// allows, by a random person, at a random instant — often the same instant as the entry before,
/// often at an edge of the calendar, sometimes typed in later (`--at`) or from a terminal whose
/// clock is a few minutes ahead. Refused actions are counted and leave nothing behind.
struct HistoryWriter {
    var random: SeededRandom
    let desk: Desk
    private(set) var refused = 0
    private(set) var accepted: [ActionVerb: Int] = [:]
    /// The complaints written before, which a later one may be linked with.
    private var earlier: [ComplaintNumber] = []
    /// The other half of each link: the event a link writes on the earlier complaint, in log
    /// order (`withMirrors` adds them to the histories they belong to).
    private(set) var mirrors: [ComplaintNumber: [ComplaintEvent]] = [:]

    static let lead = Actor(id: "anowak", role: .lead)
    static let advisors = [Actor(id: "pwisniewski", role: .advisor), Actor(id: "kzielinska", role: .advisor),
                           Actor(id: "mkaminski", role: .advisor)]
    static let trainee = Actor(id: "jlewandowska", role: .trainee)
    static let customers = ["Jan Kowalski", "Łucja Gąsiorowska-Żmuda", "Zbigniew Brzęczyszczykiewicz", "Anna Wójcik",
                            "Firma Transport-Łódź Sp. z o.o."]

    init(seed: UInt64, desk: Desk) {
        random = SeededRandom(seed: seed)
        self.desk = desk
    }

    mutating func write() throws -> GeneratedHistory {
        let receipt = random.chance(0.5) ? random.pick(EdgeInstants.all) : randomInstant()
        let form = IntakeForm(channel: random.pick(Channel.allCases), category: random.pick(ComplaintCategory.allCases),
                              priority: random.pick(Priority.allCases), legalBasis: random.pick(LegalBasis.allCases),
                              customer: random.pick(Self.customers), phone: "601 234 567",
                              plate: random.chance(0.7) ? "WX 12345" : nil, summary: "Szarpie po wymianie sprzęgła",
                              remedy: random.chance(0.5) ? "Ponowna naprawa" : nil)
        let receiver = random.chance(0.15) ? Self.trainee : person()
        let first = try desk.perform(.receive(try form.validated()), on: nil, by: receiver, occurredAt: receipt,
                                     now: recordedWithinWindow(receipt))
        accepted[.receive, default: 0] += 1
        var history = GeneratedHistory(number: first.number, events: [first])
        // Each history heads for a state of its own (passing others on the way, and perhaps
        // reopened), so every state is the final state of some histories.
        let target = random.pick(ComplaintState.allCases)
        let sameInstant = random.pick([0.1, 0.3, 0.6, 0.9, 1.0])
        for _ in 0..<150 {
            guard let complaint = (try? desk.complaint(first.number)), complaint.isOpen,
                  complaint.state != target || !random.chance(0.4) else { break }
            var (action, actor) = nextAction(complaint, heading: complaint.state != target)
            let at = instant(after: history.events[history.events.count - 1].occurredAt, sameInstant: sameInstant)
            let recorded = recordedAt(at)
            // What asodesk sends (acknowledgement, decision) entered late: mostly by a shift lead
            // with a reason, as the rule asks; otherwise refused, and that is counted too.
            var reason: String?
            if Lifecycle.sentThroughAsodesk.contains(action.verb),
               recorded.timeIntervalSince(EventCodec.storable(at)) > TimeInterval(TimeRules.lateEntryMinutes * 60), random.chance(0.8) {
                actor = Self.lead
                reason = random.chance(0.9) ? "Wysłane poza systemem, wpisane później" : nil
            }
            do {
                let event = try desk.perform(action, on: first.number, by: actor, occurredAt: at, now: recorded,
                                             backdateReason: reason)
                history.events.append(event)
                accepted[action.verb, default: 0] += 1
                if case .link(let other, _) = action, let mirror = try desk.complaint(other).history.last {
                    mirrors[other, default: []].append(mirror)
                }
            } catch is Refusal {
                refused += 1
            }
        }
        earlier.append(history.number)
        return history
    }

    /// The histories as the log holds them: each with the link events other complaints wrote on it.
    func withMirrors(_ histories: [GeneratedHistory]) -> [GeneratedHistory] {
        histories.map { history in
            var history = history
            history.events += mirrors[history.number] ?? []
            return history
        }
    }

    private mutating func person() -> Actor {
        random.chance(0.4) ? Self.lead : random.pick(Self.advisors)
    }

    /// Mostly by the rules of a real desk; sometimes a trainee tries what only others may do.
    private mutating func actor(for verb: ActionVerb, on complaint: Complaint) -> Actor {
        if random.chance(0.07) { return Self.trainee }
        if verb == .override { return Self.lead }
        if let owner = complaint.owner, random.chance(0.6), let advisor = Self.advisors.first(where: { $0.id == owner }) {
            return advisor
        }
        return person()
    }

    /// An action the state allows; before a gated one, the open mandatory steps of its
    /// checklist are ticked (or, by a shift lead, overridden) one by one. `heading`: the history
    /// has not reached its state yet, so the step forward is much the likeliest.
    private mutating func nextAction(_ complaint: Complaint, heading: Bool) -> (ComplaintAction, Actor) {
        let procedures = desk.procedures.procedures
        if random.chance(0.06), let procedure = Checklist.procedures(now: complaint, in: procedures).randomElement(using: &random),
           let step = procedure.steps.randomElement(using: &random) {
            return (.checkStep(procedure: procedure.id, version: procedure.version, step: step.id), actor(for: .check, on: complaint))
        }
        let forward: Set<ActionVerb> = [.acknowledge, .decide, .answer, .close, .followUp, .resume]
        var verbs: [ActionVerb] = []
        for verb in Lifecycle.verbs(allowedIn: complaint.state) {
            switch verb {
            case _ where forward.contains(verb): verbs += Array(repeating: verb, count: heading ? 10 : 2)
            case .contact: verbs += [verb, verb]
            case .wait: verbs += [verb, verb]
            case .reopen: if complaint.reopenCount < 3 { verbs.append(verb) }
            case .check, .override: break
            default: verbs.append(verb)
            }
        }
        let verb = random.pick(verbs)
        if let point = Lifecycle.gate(of: verb),
           let open = Checklist.openMandatorySteps(at: point, on: complaint, procedures: procedures).first {
            if random.chance(0.2) {
                return (.overrideStep(procedure: open.procedure.id, version: open.procedure.version, step: open.step.id,
                                      reason: "Krok wykonany poza systemem"), Self.lead)
            }
            return (.checkStep(procedure: open.procedure.id, version: open.procedure.version, step: open.step.id),
                    actor(for: .check, on: complaint))
        }
        let action: ComplaintAction
        switch verb {
        case .acknowledge: action = .acknowledge(note: random.chance(0.5) ? "Potwierdzenie wysłane e-mailem" : nil)
        case .contact:
            action = .contact(ContactRecord(channel: random.pick(Channel.allCases), summary: "Rozmowa z klientem o usterce",
                                            substantive: random.chance(0.8)))
        case .wait: action = .wait(reason: random.pick(WaitReason.allCases), note: random.chance(0.5) ? "Czekamy na odpowiedź" : nil)
        case .resume: action = .resume(note: random.chance(0.5) ? "Odpowiedź przyszła" : nil)
        case .assign:
            let to: String? = random.chance(0.15) ? nil : random.pick(Self.advisors + [Self.lead, Self.trainee]).id
            action = .assign(to: to, note: nil)
        case .escalate: action = .escalate(reason: "Klient grozi sądem", priority: random.pick([nil, .high, .critical]))
        case .decide:
            action = .decide(Decision(outcome: random.pick(DecisionOutcome.allCases), reasons: "Usterka potwierdzona w serwisie",
                                      remedyGranted: random.chance(0.5) ? "Ponowna naprawa sprzęgła" : nil,
                                      // Now and then none (as a record written before causes) or one the catalogue does not know (refused).
                                      cause: random.chance(0.1) ? nil : random.chance(0.05) ? CauseCode(code: "no-such-cause")
                                          : random.pick(CauseCatalogue.standard.codes)))
        case .close: action = .close(customerAccepted: random.chance(0.7), response: "Klient przyjął odpowiedź")
        case .reopen: action = .reopen(reason: "Usterka wróciła po tygodniu")
        case .followUp: action = .followUp(satisfaction: random.int(1...5), note: random.chance(0.5) ? "Klient zadowolony" : nil)
        case .answer:
            let medium = random.pick(AnswerMedium.allCases)
            // Now and then an address the medium cannot take (refused, and counted as such).
            let address: String? = switch medium {
            case .email: random.chance(0.9) ? "klient@example.pl" : "ul. Długa 5"
            case .letter, .other: random.chance(0.9) ? "ul. Długa 5, 31-147 Kraków" : nil
            case .inPerson: nil
            }
            action = .answer(AnswerRecord(medium: medium, address: address,
                                          documentSHA256: random.chance(0.5) ? String(repeating: "ab", count: 32) : nil))
        case .delivered: action = .confirmDelivery(note: random.chance(0.5) ? "Zwrotka z poczty" : nil)
        case .link:
            // An earlier complaint of the same customer or car; none yet, a note instead.
            guard let other = earlier.filter({ !complaint.links.contains($0) }).randomElement(using: &random) else {
                action = .note(text: "Klient dzwonił, pyta o termin")
                break
            }
            action = .link(to: other, note: random.chance(0.5) ? "Ta sama usterka wróciła" : nil)
        case .amend:
            let typed: [Field: String] = switch random.int(0...3) {
            case 0: [.phone: random.pick(["601 234 576", "+48 12 345 67 89", "502 100 200"])]
            case 1: [.plate: random.pick(["KR 4F123", "WX 12345"]), .vin: "TMBJJ7NE1L0123456"]
            case 2: [.order: "ZN/2026/0\(random.int(1000...9999))"]
            default: [.customer: random.pick(["Jan Kowalski", "Anna Wójcik-Nowak"]), .email: random.chance(0.5) ? "" : "klient@example.pl"]
            }
            // A value equal to the current one, or the only contact cleared, is refused by the desk, as typed.
            var corrections = (try? IntakeForm.corrections(of: complaint.intake, to: typed))
                ?? [IntakeCorrection(field: .phone, old: complaint.intake.phone, new: complaint.intake.phone)]
            // The cause corrected now and then (refused before any decision).
            if random.chance(0.3) {
                corrections.append(IntakeCorrection(field: .cause, old: complaint.cause?.text, new: random.pick(CauseCatalogue.standard.codes).text))
            }
            action = .amend(corrections: corrections, reason: "Klient podał właściwe dane")
        case .withdrawTick:
            // A tick of this cycle taken back (the step then blocks again); now and then one that
            // is not ticked, which the desk refuses.
            let ticked = complaint.marks.filter { $0.cycle == complaint.cycle }
            if let mark = ticked.isEmpty || random.chance(0.1) ? nil : random.pick(ticked) {
                action = .withdrawTick(procedure: mark.procedure, version: mark.version, step: mark.step)
            } else if let procedure = Checklist.procedures(now: complaint, in: procedures).first, let step = procedure.steps.first {
                action = .withdrawTick(procedure: procedure.id, version: procedure.version, step: step.id)
            } else {
                action = .note(text: "Klient dzwonił, pyta o termin")
            }
        case .attach:
            action = .attach(DocumentReference(reference: "zdjecie-usterki.jpg", description: "Zdjęcie od klienta",
                                               sha256: String(repeating: "cd", count: 32)))
        case .markTest:
            // Only a shift lead may; a second mark is refused.
            action = .markTest(audit: "TK 2026/\(random.int(1...12))")
        default: action = .note(text: "Klient dzwonił, pyta o termin")
        }
        return (action, actor(for: verb, on: complaint))
    }

    /// The next entry's instant: with `sameInstant`'s chance the very same instant (a whole
    /// history typed in afterwards with one `--at`, when it is 1).
    private mutating func instant(after clock: Date, sameInstant: Double) -> Date {
        if random.chance(sameInstant) { return clock }
        switch random.int(0...7) {
        case 0: return clock.addingTimeInterval(0.001)
        case 1: return clock.addingTimeInterval(Double(random.int(1...120)) * 60)
        case 2: return clock.addingTimeInterval(Double(random.int(1...48)) * 3600)
        case 3: return clock.addingTimeInterval(Double(random.int(1...30)) * 86_400)
        default: return EdgeInstants.following(clock).randomElement(using: &random) ?? clock.addingTimeInterval(3600)
        }
    }

    /// When the entry is typed in: at once, a little later (within the 15 minutes), entered late
    /// (`--at` backdating, up to the site's 7-day window), now and then further back than the
    /// window (refused), or on a terminal whose clock is up to the tolerated five minutes behind
    /// the one that dated the event.
    private mutating func recordedAt(_ at: Date) -> Date {
        switch random.int(0...7) {
        case 0, 1: return at
        case 2: return at.addingTimeInterval(-Double(random.int(1...290)))
        case 3: return at.addingTimeInterval(Double(random.int(1...600)) * 60)
        case 4: return at.addingTimeInterval(Double(random.int(1...6)) * 86_400 + Double(random.int(0...3600)))
        case 5: return at.addingTimeInterval(Double(random.int(1...14)) * 60)
        case 6 where random.chance(0.1): return at.addingTimeInterval(Double(random.int(8...20)) * 86_400)
        default: return at.addingTimeInterval(0.001)
        }
    }

    /// A recording time the window accepts for the receipt (the history needs its first event).
    private mutating func recordedWithinWindow(_ at: Date) -> Date {
        let recorded = recordedAt(at)
        return recorded.timeIntervalSince(at) < 6 * 86_400 ? recorded : at
    }

    /// Anywhere in 2025–2027, to the millisecond.
    private mutating func randomInstant() -> Date {
        Date(timeIntervalSince1970: 1_735_686_000 + Double(random.int(0...(3 * 365 * 86_400 * 1000))) / 1000)
    }
}
