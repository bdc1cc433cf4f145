import AsodeskDomain
import Foundation
import Testing
@testable import AsodeskApp

@Suite struct ProcedureLibraryTests {
    @Test func bundledProceduresLoadAndFollowTheChecklistRules() throws {
        let library = try ProcedureLibrary.bundled()
        #expect(library.procedures.count >= 8)
        #expect(Set(library.procedures.map(\.id)).count == library.procedures.count)
        for procedure in library.procedures {
            #expect(ProcedureLibrary.stepCount.contains(procedure.steps.count), "\(procedure.id)")
            #expect(Set(procedure.steps.map(\.id)).count == procedure.steps.count, "\(procedure.id)")
            #expect(procedure.version >= 1)
            if procedure.pausePoint != .periodic {
                #expect(procedure.steps.contains { $0.mandatory }, "\(procedure.id) gates without a mandatory step")
            }
            for text in [procedure.title] + procedure.steps.flatMap({ [$0.text, $0.reason] }) {
                #expect(!text.pl.isEmpty && !text.en.isEmpty && text.pl != text.en, "\(procedure.id)")
            }
        }
        // Every gating point of the lifecycle has a checklist.
        for point in PausePoint.allCases {
            #expect(!library.gating(point).isEmpty, "no procedure for \(point.rawValue)")
        }
    }

    @Test func theStandardProceduresAreThere() throws {
        let library = try ProcedureLibrary.bundled()
        let intake = try #require(library.procedure(id: "complaint-intake"))
        #expect(intake.pausePoint == .intake)
        #expect(intake.mode == .readDo)
        #expect(intake.steps.contains { $0.text.pl.contains("14 dni") && $0.text.en.contains("14 days") && $0.mandatory })
        #expect(intake.steps.first?.id == "stay-calm")
        #expect(library.procedure(id: "customer-problem")?.pausePoint == .beforeDecision)
        #expect(library.procedure(id: "escalation-to-lead")?.pausePoint == .escalation)
        #expect(library.gating(.beforeClosing).map(\.id) == ["car-handover", "decision-letter"])
        #expect(library.procedure(id: "follow-up-call")?.pausePoint == .followUp)
        #expect(library.gating(.periodic).map(\.id) == ["monthly-complaint-review", "mystery-shopping-audit"])
        #expect(library.procedure(id: "monthly-complaint-review")?.steps.map(\.id)
                == ["identify", "define", "analyse", "explore-options", "choose", "implement", "review-results"])
        #expect(library.procedure(id: "no-such-procedure") == nil)
    }

    /// Seed 001: standards are reviewed at least every two years. At the brief's reference month
    /// (November 2026) the bundled set has reviews older than that, so the report shows something real.
    @Test func bundledLibraryHasOverdueReviewsInNovember2026() throws {
        let library = try ProcedureLibrary.bundled()
        let today = LocalDate(year: 2026, month: 11, day: 15)
        let overdue = library.overdueReviews(today: today)
        #expect(!overdue.isEmpty)
        let cutoff = LocalDate(year: 2024, month: 11, day: 15)
        #expect(overdue.allSatisfy { $0.reviewedOn < cutoff })
        #expect(library.procedures.filter { !overdue.contains($0) }.allSatisfy { $0.reviewedOn >= cutoff })
    }

    static func sampleProcedure(id: String, reviewed: LocalDate, point: PausePoint = .periodic) -> Procedure {
        let steps = (1...5).map { index in
            ProcedureStep(id: "step-\(index)", text: LocalizedText(pl: "Krok \(index)", en: "Step \(index)"),
                          reason: LocalizedText(pl: "Bo tak", en: "Because"), mandatory: index == 1)
        }
        return Procedure(id: id, version: 1, reviewedOn: reviewed, pausePoint: point, mode: .doConfirm,
                         title: LocalizedText(pl: "Tytuł", en: "Title"), steps: steps)
    }

    @Test func overdueMeansReviewedMoreThanTwoYearsBefore() throws {
        let library = try ProcedureLibrary(procedures: [
            Self.sampleProcedure(id: "exactly-two-years", reviewed: LocalDate(year: 2024, month: 3, day: 10)),
            Self.sampleProcedure(id: "one-day-more", reviewed: LocalDate(year: 2024, month: 3, day: 9)),
            Self.sampleProcedure(id: "recent", reviewed: LocalDate(year: 2025, month: 12, day: 1)),
            Self.sampleProcedure(id: "long-ago", reviewed: LocalDate(year: 2019, month: 6, day: 30)),
        ])
        let today = LocalDate(year: 2026, month: 3, day: 10)
        #expect(library.overdueReviews(today: today).map(\.id) == ["long-ago", "one-day-more"])
    }

    @Test func leapDayReviewIsDueOnTheTwentyEighthTwoYearsLater() throws {
        let library = try ProcedureLibrary(procedures: [
            Self.sampleProcedure(id: "leap", reviewed: LocalDate(year: 2028, month: 2, day: 28)),
        ])
        #expect(library.overdueReviews(today: LocalDate(year: 2030, month: 2, day: 28)).isEmpty)
        #expect(library.overdueReviews(today: LocalDate(year: 2030, month: 3, day: 1)).map(\.id) == ["leap"])
        #expect(ProcedureRules.yearsBefore(LocalDate(year: 2028, month: 2, day: 29), years: 2)
                == LocalDate(year: 2026, month: 2, day: 28))
    }

    @Test func inMemoryProceduresAreCheckedToo() {
        let gatingWithoutMandatory: Procedure = {
            var procedure = Self.sampleProcedure(id: "gate", reviewed: LocalDate(year: 2026, month: 1, day: 1), point: .intake)
            for index in procedure.steps.indices { procedure.steps[index].mandatory = false }
            return procedure
        }()
        let error = #expect(throws: ConfigError.self) { try ProcedureLibrary(procedures: [gatingWithoutMandatory]) }
        #expect(error?.description.contains("expected at least one step with mandatory = true") == true)

        let duplicate = Self.sampleProcedure(id: "twice", reviewed: LocalDate(year: 2026, month: 1, day: 1))
        let duplicateError = #expect(throws: ConfigError.self) { try ProcedureLibrary(procedures: [duplicate, duplicate]) }
        #expect(duplicateError?.description.contains("expected an id no other procedure has") == true)
    }

    @Test func periodicProcedureNeedsNoMandatoryStep() throws {
        var procedure = Self.sampleProcedure(id: "audit", reviewed: LocalDate(year: 2026, month: 1, day: 1))
        for index in procedure.steps.indices { procedure.steps[index].mandatory = false }
        #expect(try ProcedureLibrary(procedures: [procedure]).procedures.count == 1)
    }
}
