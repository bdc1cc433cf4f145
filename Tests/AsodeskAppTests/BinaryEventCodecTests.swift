import AsodeskDomain
import AsodeskLog
import Foundation
import Testing
@testable import AsodeskApp

@Suite struct BinaryEventCodecTests {
    static let number = ComplaintNumber(year: 2026, serial: 4_321)
    static let at = EventCodec.storable(DeskFixture.now)

    static func event(_ action: ComplaintAction, actor: Actor = DeskFixture.advisor) -> ComplaintEvent {
        ComplaintEvent(number: number, actor: actor, occurredAt: at.addingTimeInterval(-3_600.25), recordedAt: at, action: action)
    }

    static let everyAction: [ComplaintAction] = [
        .receive(Intake(channel: .inPerson, category: .communication, priority: .critical, legalBasis: .goodwill,
                        customer: "Żaneta Wójcik", phone: "+48 501 100 200", email: nil, plate: "WPI 1234A",
                        vin: "TMBJJ7NE1L0123456", vehicle: "Škoda Octavia", order: "ZN/2026/00042",
                        summary: "Stuki w zawieszeniu — wróciły po naprawie.", remedy: nil)),
        .receive(Intake(channel: .letter, category: .other, priority: .normal, legalBasis: .consumer, customer: "Ewa Król",
                        summary: "Brak auta zastępczego.")),
        .acknowledge(note: nil), .acknowledge(note: "Potwierdzenie SMS"),
        .contact(ContactRecord(channel: .email, summary: "Przesłano zdjęcia", substantive: false)),
        .wait(reason: .manufacturer, note: "Zapytanie do producenta"), .resume(note: nil),
        .assign(to: "kzielinska", note: nil), .assign(to: nil, note: "Zwolniona"),
        .escalate(reason: "Termin", priority: .high), .escalate(reason: "Bez zmiany priorytetu", priority: nil),
        .decide(Decision(outcome: .partly, reasons: "Część zasadna", remedyGranted: "Rabat 30% na robociznę")),
        .decide(Decision(outcome: .rejected, reasons: "Zużycie eksploatacyjne", remedyGranted: nil)),
        .close(customerAccepted: false, response: "Klient się nie zgadza"), .reopen(reason: "Usterka wróciła"),
        .note(text: "Notatka 📎 z emoji"), .checkStep(procedure: "complaint-intake", version: 4, step: "photos"),
        .overrideStep(procedure: "follow-up-call", version: 2, step: "call", reason: "Klient prosił o krótką rozmowę"),
        .followUp(satisfaction: 5, note: nil),
        .withdrawTick(procedure: "customer-problem", version: 3, step: "review-case"),
        .amend(corrections: [IntakeCorrection(field: .phone, old: "+48 601 234 567", new: "+48 601 234 576")],
               reason: "Klient podał właściwy numer"),
        .amend(corrections: [IntakeCorrection(field: .vin, old: nil, new: "TMBJJ7NE1L0123456"),
                             IntakeCorrection(field: .email, old: "jan@example.pl", new: nil),
                             IntakeCorrection(field: .customer, old: "Jan Kowalsky", new: "Jan Kowalski — Łódź")],
               reason: "Dane z dowodu rejestracyjnego"),
        .receive(Intake(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer, customer: "Jan Nowak",
                        phone: "+48 601 234 567", summary: "Szarpie po wymianie sprzęgła.", contactPreference: .sms)),
        .receive(Intake(channel: .email, category: .invoice, priority: .high, legalBasis: .consumer, customer: "Ola Ćwik",
                        email: "ola@example.pl", summary: "Faktura za wysoka.", contactPreference: .inPerson)),
        .amend(corrections: [IntakeCorrection(field: .contactPreference, old: "sms", new: "email")], reason: "Klientka woli e-mail"),
        .attach(DocumentReference(reference: "/srv/zdjęcia/R-2026-0042/drzwi.jpg", description: "Rysa na drzwiach",
                                  sha256: String(repeating: "ab", count: 32))),
        .attach(DocumentReference(reference: "DMS 12345")),
    ]

    @Test func everyActionRoundTrips() throws {
        for action in Self.everyAction {
            for actor in [DeskFixture.advisor, DeskFixture.trainee, Actor(id: "anowak", role: .lead)] {
                let event = Self.event(action, actor: actor)
                let record = LogRecord(sequence: 1, offset: 0, kind: 1, encoding: EventCodec.binaryEncoding,
                                       payload: EventCodec.encode(event), hash: [])
                guard case .complaint(let decoded) = EventCodec.decode(record) else {
                    Issue.record("\(action) does not decode")
                    continue
                }
                #expect(decoded == event)
            }
        }
    }

    @Test func theBinaryEventDecodesToWhatTheJSONOneDecodesTo() throws {
        for action in Self.everyAction {
            let event = Self.event(action)
            let json = EventCodec.decode(LogRecord(sequence: 1, offset: 0, kind: 1, encoding: EventCodec.jsonEncoding,
                                                   payload: try EventCodec.encodeJSON(event), hash: []))
            let binary = EventCodec.decode(LogRecord(sequence: 1, offset: 0, kind: 1, encoding: EventCodec.binaryEncoding,
                                                     payload: EventCodec.encode(event), hash: []))
            guard case .complaint(let fromJSON) = json, case .complaint(let fromBinary) = binary else {
                Issue.record("\(action) does not decode in both encodings")
                continue
            }
            #expect(fromJSON == fromBinary)
        }
    }

    /// A correction is action 17, each field by its code in `StorageCodes.correctableFields`; a
    /// count of corrections beyond the payload is damage, not an allocation.
    @Test func aCorrectionIsStoredUnderTheNextActionCode() {
        let event = Self.event(.amend(corrections: [IntakeCorrection(field: .vin, old: nil, new: "TMBJJ7NE1L0123456")], reason: "VIN z dowodu"))
        let payload = EventCodec.encode(event)
        // The action byte follows the fixed head, whose length the note event shows (its action byte and empty text are the last two bytes).
        let head = EventCodec.encode(Self.event(.note(text: ""))).count - 2
        #expect(payload[head] == 17)
        #expect(payload[head + 1] == 1 && payload[head + 2] == StorageCodes.correctableFields.code(.vin))
        var inflated = payload; inflated[head + 1] = 0x7F
        guard case .unreadable = BinaryEventCodec.decode(inflated) else {
            Issue.record("a correction count past the end decodes")
            return
        }
    }

    /// A receipt written before the contact preference was asked has no trailing field 2: it reads
    /// as "not given", and a receipt with one is that same record plus two bytes at its end, which
    /// an older reader skips (it stops at the action's last field).
    @Test func aReceiptWrittenBeforeThePreferenceReadsAsNotGiven() throws {
        var intake = Intake(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer, customer: "Jan Nowak",
                            phone: "+48 601 234 567", summary: "Szarpie po wymianie sprzęgła.")
        let old = EventCodec.encode(Self.event(.receive(intake)))
        guard case .complaint(let decoded) = BinaryEventCodec.decode(old), case .receive(let read) = decoded.action else {
            Issue.record("an old receipt does not decode"); return
        }
        #expect(read.contactPreference == nil)
        intake.contactPreference = .sms
        let new = EventCodec.encode(Self.event(.receive(intake)))
        #expect(Array(new.prefix(old.count)) == old, "the old bytes, unchanged")
        #expect(Array(new.suffix(from: old.count)) == [BinaryEventCodec.TrailingField.contactPreference.rawValue,
                                                      StorageCodes.contactPreferences.code(.sms)])
        // Also an old receipt in JSON (encoding 1), which has no member for it.
        let json = try EventCodec.encodeJSON(Self.event(.receive(Intake(channel: .phone, category: .repair, priority: .normal,
                                                                         legalBasis: .consumer, customer: "Jan Nowak", summary: "Szarpie."))))
        let text = String(decoding: json, as: UTF8.self)
        #expect(!text.contains("contactPreference"))
        guard case .complaint(let fromJSON) = EventCodec.decode(LogRecord(sequence: 1, offset: 0, kind: 1, encoding: EventCodec.jsonEncoding,
                                                                         payload: json, hash: [])),
              case .receive(let jsonIntake) = fromJSON.action else { Issue.record("an old JSON receipt does not decode"); return }
        #expect(jsonIntake.contactPreference == nil)
    }

    @Test func aContactPreferenceOnAnotherEventOrAnUnknownOneIsUnreadable() {
        let note = EventCodec.encode(Self.event(.note(text: "x")))
        let receipt = EventCodec.encode(Self.event(.receive(Intake(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer,
                                                                  customer: "Jan Nowak", phone: "601 234 567", summary: "Szarpie.",
                                                                  contactPreference: .phone))))
        var unknown = receipt; unknown[unknown.count - 1] = 0x40
        for bad in [note + [BinaryEventCodec.TrailingField.contactPreference.rawValue, 1], receipt + [2, 1], unknown] {
            guard case .unreadable = BinaryEventCodec.decode(bad) else { Issue.record("\(bad) should be unreadable"); continue }
        }
    }

    /// A document attached is action 20 (18 and 19 are other events), written after the head like any action.
    @Test func anAttachedDocumentIsStoredUnderActionTwenty() {
        let payload = EventCodec.encode(Self.event(.attach(DocumentReference(reference: "DMS 12345"))))
        let head = EventCodec.encode(Self.event(.note(text: ""))).count - 2
        #expect(payload[head] == 20)
        #expect(BinaryEventCodec.ActionCode.attach.rawValue == 20)
        #expect(StorageCodes.verbs.code(.attach) == 20, "the verb's code in the snapshot's table")
    }

    /// A withdrawn tick is action 18, with the fields of a tick: procedure, version, step.
    @Test func aWithdrawnTickIsStoredUnderActionEighteen() {
        let event = Self.event(.withdrawTick(procedure: "customer-problem", version: 3, step: "review-case"))
        let payload = EventCodec.encode(event)
        let head = EventCodec.encode(Self.event(.note(text: ""))).count - 2
        #expect(payload[head] == 18)
        #expect(Array(payload[(head + 1)...]) == [16] + Array("customer-problem".utf8) + [6] + [11] + Array("review-case".utf8))
        #expect(StorageCodes.verbs.code(.withdrawTick) == 18)
    }

    @Test func fieldsAddedAtTheEndByANewerVersionAreSkipped() {
        let event = Self.event(.note(text: "x"))
        let payload = EventCodec.encode(event) + [0x05, 0x01, 0x02]
        guard case .complaint(let decoded) = BinaryEventCodec.decode(payload) else {
            Issue.record("an event with extra trailing fields decodes")
            return
        }
        #expect(decoded == event)
    }

    @Test func damagedOrNewerPayloadsAreUnreadableNotGuessed() {
        let payload = EventCodec.encode(Self.event(.note(text: "Notatka")))
        var newerSchema = payload; newerSchema[0] = 2
        var unknownEntry = payload; unknownEntry[1] = 9
        var badUTF8 = payload; badUTF8[badUTF8.count - 1] = 0xFF
        let actionOffset = payload.count - "Notatka".utf8.count - 2
        var unknownAction = payload; unknownAction[actionOffset] = 200
        for bad in [newerSchema, unknownEntry, badUTF8, unknownAction, Array(payload.prefix(payload.count - 3)), []] {
            guard case .unreadable = BinaryEventCodec.decode(bad) else {
                Issue.record("\(bad) should be unreadable")
                continue
            }
        }
    }

    @Test func aLogWithOldJSONEventsAndNewBinaryOnesReplaysAsOne() throws {
        let fixture = try DeskFixture()
        let log = try EventLog(path: fixture.path, create: true)
        let intake = try DeskFixture.intake()
        let received = ComplaintEvent(number: Self.number, actor: DeskFixture.advisor, occurredAt: Self.at.addingTimeInterval(-7_200),
                                      recordedAt: Self.at, action: .receive(intake))
        try log.append(encoding: EventCodec.jsonEncoding) { _ in [try EventCodec.encodeJSON(received)] }
        let desk = try fixture.desk()
        try desk.perform(.note(text: "Klient dosłał zdjęcia"), on: Self.number, by: DeskFixture.advisor, now: DeskFixture.now)
        let records = try EventLog(path: fixture.path, create: false, readOnly: true).readNew()
        #expect(records.map(\.encoding) == [EventCodec.jsonEncoding, EventCodec.binaryEncoding])
        let replayed = try fixture.desk()
        #expect(replayed.state.complaints == desk.state.complaints)
        #expect((try? replayed.complaint(Self.number))?.history.count == 2)
        #expect(replayed.state.unreadable.isEmpty)
    }
}
