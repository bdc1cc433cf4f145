import Foundation
import Testing
@testable import AsodeskDomain

/// Correcting intake data (`ComplaintAction.amend`): one validation with intake, all or nothing,
/// the old value kept, and only the people answering for the case may do it.
@Suite struct AmendmentTests {
    static let intake = History.intake

    @Test func aCorrectionIsNormalisedAsAtIntakeAndKeepsTheOldValue() throws {
        let corrections = try IntakeForm.corrections(of: Self.intake, to: [.phone: "601 234 576", .vin: "tmbjj7ne1l0123456"])
        #expect(corrections == [IntakeCorrection(field: .phone, old: "+48 601 234 567", new: "+48 601 234 576"),
                                IntakeCorrection(field: .vin, old: nil, new: "TMBJJ7NE1L0123456")])
    }

    @Test func everyBadValueIsReportedAtOnceAgainstItsField() {
        do {
            _ = try IntakeForm.corrections(of: Self.intake, to: [.phone: "12", .vin: "ABC", .customer: ""])
            Issue.record("bad corrections passed")
        } catch {
            #expect(error.errors.map(\.field) == [.customer, .phone, .vin])
        }
    }

    @Test func aValueEqualToTheCurrentOneIsRefusedOnItsField() {
        do {
            _ = try IntakeForm.corrections(of: Self.intake, to: [.phone: "601234567"])
            Issue.record("an unchanged phone passed")
        } catch {
            #expect(error.errors.map(\.field) == [.phone])
            #expect(error.errors[0].message.en.contains("value it has now"))
        }
    }

    @Test func clearingTheOnlyContactIsRefusedByTheIntakeRule() {
        do {
            _ = try IntakeForm.corrections(of: Self.intake, to: [.phone: ""])
            Issue.record("the only contact was cleared")
        } catch {
            #expect(error.errors.contains(Validation.contactRequired))
        }
        #expect((try? IntakeForm.corrections(of: Self.intake, to: [.phone: "", .email: "jan@example.pl"]))?.count == 2)
    }

    @Test func theComplaintTakesTheCorrectedValuesAndTheHistoryKeepsBoth() throws {
        var h = History()
        h.advance(to: .inAnalysis)
        let corrections = try IntakeForm.corrections(of: Self.intake, to: [.phone: "601 234 576", .order: "ZN/2026/00123"])
        #expect(h.run(.amend(corrections: corrections, reason: "Klient podał właściwy numer")) == nil)
        let complaint = try #require(h.complaint)
        #expect(complaint.intake.phone == "+48 601 234 576" && complaint.intake.order == "ZN/2026/00123")
        #expect(complaint.state == .inAnalysis)
        guard case .amend(let stored, let reason) = complaint.history.last?.action else { Issue.record("no correction in the history"); return }
        #expect(stored[0].old == "+48 601 234 567" && reason == "Klient podał właściwy numer")
    }

    @Test func aCorrectionNeedsAReasonAndAChange() {
        var h = History()
        let phone = IntakeCorrection(field: .phone, old: "+48 601 234 567", new: "+48 601 234 576")
        #expect(h.run(.amend(corrections: [phone], reason: "")) != nil)
        #expect(h.run(.amend(corrections: [], reason: "Pomyłka")) != nil)
        #expect(h.run(.amend(corrections: [phone, phone], reason: "Pomyłka")) != nil)
        #expect(h.complaint?.history.count == 1, "a refused correction changes nothing")
    }

    @Test func aCorrectionFromAValueNoLongerCurrentIsRefused() {
        var h = History()
        let stale = IntakeCorrection(field: .phone, old: "+48 601 000 000", new: "+48 601 234 576")
        let refusal = h.run(.amend(corrections: [stale], reason: "Pomyłka"))
        #expect(refusal?.message.contains("meanwhile") == true)
    }

    @Test func aCorrectionNotInTheFormIntakeStoresIsRefused() {
        var h = History()
        let raw = IntakeCorrection(field: .phone, old: "+48 601 234 567", new: "601234576")
        #expect(h.run(.amend(corrections: [raw], reason: "Pomyłka")) != nil)
        let invalid = IntakeCorrection(field: .vin, old: nil, new: "ABC")
        #expect(h.run(.amend(corrections: [invalid], reason: "Pomyłka")) != nil)
    }

    @Test func theOwnerAndLeadsMayCorrectOthersAndTraineesMayNot() {
        let phone = IntakeCorrection(field: .phone, old: "+48 601 234 567", new: "+48 601 234 576")
        let action = ComplaintAction.amend(corrections: [phone], reason: "Klient podał właściwy numer")
        var h = History()   // received by pwisniewski, who owns it
        #expect(h.run(action, by: History.trainee)?.message.contains("trainee cannot correct") == true)
        #expect(h.run(action, by: History.other)?.message.contains("handled by pwisniewski") == true)
        #expect(Lifecycle.denial(.amend, on: h.complaint!, for: History.other) == .notOwner("pwisniewski", mayUse: [.lead]))
        #expect(h.run(action, by: History.lead) == nil)
        var own = History()
        #expect(own.run(action, by: History.advisor) == nil)
    }

    @Test func aFinishedComplaintIsNotCorrected() {
        var h = History()
        h.advance(to: .followedUp)
        let phone = IntakeCorrection(field: .phone, old: "+48 601 234 567", new: "+48 601 234 576")
        #expect(h.run(.amend(corrections: [phone], reason: "Pomyłka"), by: History.lead) != nil)
        for state in ComplaintState.allCases where state.isOpen {
            #expect(Lifecycle.verbs(allowedIn: state).contains(.amend))
        }
    }
}
