import AsodeskTestSupport
import Foundation
import Testing

/// Issue 15.4 from the command line: `asodesk check … --undo` withdraws a tick as an event of its
/// own (who and when), the step is open again and a mandatory one blocks again.
@Suite struct WithdrawTickCLITests {
    static let intake = ["--customer", "Jan Kowalski", "--phone", "601 234 567", "--plate", "WX 12345",
                         "--summary", "Szarpie po wymianie sprzęgła"]

    @Test func aWithdrawnTickIsRecordedAndTheStepBlocksAgain() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run(arguments: ["add"] + Self.intake).status == 0)
        #expect(try cli.run("check", "R/2026/0001", "complaint-intake", "--all").status == 0)

        let undone = try cli.run("check", "R/2026/0001", "complaint-intake", "repeat-back", "--undo")
        #expect(undone.status == 0, "\(undone.err)")
        #expect(undone.out.contains("R/2026/0001: withdrew the tick of complaint-intake/repeat-back (Repeat back"), "\(undone.out)")
        #expect(undone.out.contains(") — saved."), "\(undone.out)")
        let listed = try cli.run("check", "R/2026/0001").out
        #expect(listed.contains("[ ]* repeat-back – Repeat back"), "\(listed)")
        #expect(listed.contains("[x]* record-vehicle – "))
        let refused = try cli.run("ack", "R/2026/0001")
        #expect(refused.status == 1 && refused.err.contains("complaint-intake/repeat-back"), "\(refused.err)")
        let shown = try cli.run("show", "R/2026/0001").out
        #expect(shown.contains("withdrew the tick of complaint-intake/repeat-back (v"), "\(shown)")
        let json = try cli.json("show", "R/2026/0001", "--json") as? [String: Any]
        let events = json?["events"] as? [[String: Any]] ?? json?["history"] as? [[String: Any]] ?? []
        #expect(events.contains { $0["type"] as? String == "uncheck" }, "\(String(describing: json?.keys))")

        // Ticked again, it counts again.
        #expect(try cli.run("check", "R/2026/0001", "complaint-intake", "repeat-back").status == 0)
        #expect(try cli.run("ack", "R/2026/0001").status == 0)
    }

    @Test func aTickThatIsNotThereCannotBeWithdrawn() throws {
        let cli = try CLI()
        #expect(try cli.run("init", "--test").status == 0)
        #expect(try cli.run(arguments: ["add"] + Self.intake).status == 0)
        let notTicked = try cli.run("check", "R/2026/0001", "complaint-intake", "repeat-back", "--undo")
        #expect(notTicked.status == 1 && notTicked.err.contains("not ticked"), "\(notTicked.err)")
        let withAll = try cli.run("check", "R/2026/0001", "complaint-intake", "--all", "--undo")
        #expect(withAll.status == 64 && withAll.err.contains("--undo"), "\(withAll.err)")
        let noStep = try cli.run("check", "R/2026/0001", "complaint-intake", "--undo")
        #expect(noStep.status == 64 && noStep.err.contains("Name the steps"), "\(noStep.err)")
    }
}
