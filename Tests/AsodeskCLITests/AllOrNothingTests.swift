import AsodeskDomain
import AsodeskTestSupport
import Foundation
import Testing

/// One command, one user action: every event it writes is saved, or none is (issue 12).
@Suite(.serialized) struct AllOrNothingTests {
    static let number = "R/2026/0020"
    static let procedure = "customer-problem"
    static let optionalSteps: Set = ["show-empathy", "apologise"]

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Records in the log, as `verify` counts them.
    static func records(_ cli: CLI) throws -> Int? {
        let out = try cli.run("verify").out
        guard let match = out.firstMatch(of: /(\d+) records?/) else { return nil }
        return Int(match.1)
    }

    @Test func theLeadsOverrideOfEveryStepIncludingAnOptionalOneSavesNothing() throws {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        let before = try Self.bytes(cli.log)
        let result = try cli.run("check", Self.number, Self.procedure, "--all", "--override", "--reason", "x", "--as", "anowak")
        #expect(result.status == 1)
        #expect(result.err.contains("customer-problem/show-empathy is not mandatory"), "\(result.err)")
        #expect(result.err.contains("Nothing was saved"))
        #expect(!result.out.contains("saved"), "no step is reported saved: \(result.out)")
        #expect(try Self.bytes(cli.log) == before, "the log is byte for byte what it was")
    }

    /// Random step lists (valid, unknown, repeated, optional, already ticked), ticked or overridden
    /// by the lead or an advisor: the log is unchanged, or it holds exactly one event per step.
    @Test func aStepListIsSavedWholeOrNotAtAll() throws {
        let cli = try CLI()
        #expect(try cli.run("demo").status == 0)
        let pristine = try Self.bytes(cli.log)
        let baseline = try #require(try Self.records(cli))
        // The steps still open on this complaint: what --all ticks on a fresh copy.
        let all = try cli.run("check", Self.number, Self.procedure, "--all", "--as", "anowak")
        #expect(all.status == 0, "\(all.err)")
        let open = all.out.split(separator: "\n").compactMap { line in
            line.firstMatch(of: /ticked customer-problem\/([a-z-]+) \(.+\) — saved/).map { String($0.1) }
        }
        #expect(open.count >= 3, "the demo leaves several steps of \(Self.procedure) open on \(Self.number)")
        #expect(try Self.records(cli) == baseline + open.count, "--all: one event per open step")
        let ticked = ["review-case", "check-authority", "present-solution", "record-answer", "tell-next-steps",
                      "show-empathy", "apologise"].filter { !open.contains($0) }
        let pool = open + ticked + ["no-such-step", "Review-Case"]

        var random = SeededRandom(seed: 12)
        var saved = 0, refused = 0
        for round in 0..<30 {
            try pristine.write(to: URL(fileURLWithPath: cli.log))
            var steps = (0..<random.int(1...4)).map { _ in random.pick(pool) }
            if random.chance(0.2) { steps.append(steps[0]) }
            let override = random.chance(0.5)
            let person = random.chance(0.8) ? "anowak" : "pwisniewski"
            let arguments = ["check", Self.number, Self.procedure] + steps
                + (override ? ["--override", "--reason", "Klient odmówił rozmowy"] : []) + ["--as", person]
                + (person == "anowak" ? [] : ["--role", "advisor"])
            let result = try cli.run(arguments: arguments)
            let shouldSave = Set(steps).count == steps.count && steps.allSatisfy(open.contains)
                && (!override || (person == "anowak" && steps.allSatisfy { !Self.optionalSteps.contains($0) }))
            let label = "round \(round): \(arguments.joined(separator: " ")) → \(result.status) \(result.err)"
            if result.status == 0 {
                saved += 1
                #expect(try Self.bytes(cli.log).prefix(pristine.count) == pristine, "\(label): history kept")
                #expect(try Self.records(cli) == baseline + steps.count, "\(label): one event per step")
            } else {
                refused += 1
                #expect(result.status == 1, "\(label)")
                #expect(try Self.bytes(cli.log) == pristine, "\(label): a refused command writes nothing")
            }
            #expect((result.status == 0) == shouldSave, "\(label)")
        }
        #expect(saved > 0 && refused > 0, "the rounds try both outcomes (saved \(saved), refused \(refused))")
    }
}
