#if canImport(Glibc)
import Glibc
#endif
import Foundation
import AsodeskTestSupport
import AsodeskLog
import Testing

@Suite struct ProcessCrashTests {
    /// What the writer loops saw: their commands and what each was told.
    struct Tally {
        var started = 0
        var completed = 0
        var kills = 0
        var acknowledged: [String] = []
        var acknowledgedAdds: [String] = []
        var killed: [String] = []
        var unexpected: [String] = []
    }

    /// Four loops start `asodesk note` and `asodesk add` on one log, and SIGKILL most of them at a
    /// random moment of their life: starting, reading the log, waiting for the lock, writing,
    /// in fdatasync, printing, exiting. "saved" on stdout is the acknowledgement (printed after
    /// fdatasync: `Desk.perform` returns only after `EventLog.append` has synced).
    @Test func killedWritersNeverLoseOrDoubleAnAcknowledgedSave() throws {
        let folder = TemporaryFolder("asodesk-crash")
        let desk = DeskProgram(log: folder.file("complaints.log"), scratch: folder.path)
        let created = try desk.run(["init", "--test"])
        try #require(created.ending == .exited(0), "\(created.errors)")
        let seeded = 4
        for serial in 1...seeded {
            let added = try desk.run(DeskProgram.add(token: "seed \(serial)"))
            try #require(added.ending == .exited(0), "\(added.errors)")
        }
        // How long one command lives when nothing kills it: kill delays are spread over such a
        // life, so kills land in every phase and some too late. The estimate follows
        // the commands that were left alone, as the machine's load changes during the run.
        var warmUp: [Double] = []
        for _ in 0..<3 {
            let began = Date()
            try desk.run(DeskProgram.note(serial: 1, token: "warm-up"))
            warmUp.append(Date().timeIntervalSince(began))
        }
        let lifetimes = Shared(warmUp)

        let writers = 4
        let targetKills = LongRun.count(ci: 300, full: 1_000)
        let commandLimit = targetKills * 4
        let tally = Shared(Tally())
        DispatchQueue.concurrentPerform(iterations: writers) { writer in
            var random = SystemRandomNumberGenerator()
            var item = 0
            while tally.with({ $0.kills < targetKills && $0.started < commandLimit }) {
                let token = Tokens.make(writer: writer, item: item)
                item += 1
                let isAdd = Int.random(in: 0..<5, using: &random) == 0
                let arguments = isAdd ? DeskProgram.add(token: token)
                                      : DeskProgram.note(serial: Int.random(in: 1...seeded, using: &random), token: token)
                let lifetime = lifetimes.with { $0.suffix(20).sorted()[$0.suffix(20).count / 2] }
                let began = Date()
                let child: Child
                do {
                    child = try desk.start(arguments, label: "writer-\(writer)")
                } catch {
                    tally.with { $0.unexpected.append("\(error)") }
                    continue
                }
                tally.with { $0.started += 1 }
                let killing = Double.random(in: 0..<1, using: &random) < 0.85
                if killing {
                    // Half anywhere in its life, half near its end, where it locks, writes and syncs.
                    let fraction = Bool.random(using: &random) ? Double.random(in: 0..<1.2, using: &random)
                                                               : Double.random(in: 0.7..<1.05, using: &random)
                    usleep(UInt32(fraction * lifetime * 1_000_000))
                    child.signal(SIGKILL)
                }
                let ending = child.wait()
                if !killing { lifetimes.with { $0.append(Date().timeIntervalSince(began)) } }
                let acknowledged = child.output.contains("saved")
                tally.with { tally in
                    switch ending {
                    case .signalled(SIGKILL):
                        tally.kills += 1
                        tally.killed.append(token)
                    case .exited(0):
                        tally.completed += 1
                    default:
                        tally.unexpected.append("\(token) ended \(ending): \(child.errors)")
                    }
                    if acknowledged {
                        tally.acknowledged.append(token)
                        if isAdd { tally.acknowledgedAdds.append(token) }
                    }
                }
            }
        }

        let seen = tally.with { $0 }
        let contents = try LogContents(path: desk.log)
        let counts = Tokens.count(in: contents.records)
        let lost = seen.acknowledged.filter { counts[$0] == nil }
        let duplicated = counts.filter { $0.value > 1 }.map(\.key)
        let savedBeforeKill = seen.killed.filter { counts[$0] != nil }.count
        let verified = try desk.run(["verify"])

        #expect(seen.unexpected.isEmpty, "\(seen.unexpected.prefix(5))")
        #expect(lost.isEmpty, "acknowledged but missing: \(lost.prefix(10))")
        #expect(duplicated.isEmpty, "in the log more than once: \(duplicated.prefix(10))")
        #expect(contents.sequencesAreGapless, "sequence numbers have a gap")
        #expect(contents.health == .healthy)
        #expect(verified.ending == .exited(0), "\(verified.output) \(verified.errors)")
        #expect(contents.numbersAreGapless, "complaint numbers: \(contents.complaints.map(\.number.serial).sorted())")
        // Every complaint whose add was saved (acknowledged or not) is there once, under its own number.
        let addsInLog = contents.complaints.filter { !Tokens.occurrences(in: $0.intake.summary).isEmpty }
        #expect(contents.complaints.count == seeded + addsInLog.count)
        for token in seen.acknowledgedAdds {
            #expect(contents.complaints.filter { $0.intake.summary.contains(token) }.count == 1, "\(token)")
        }
        #expect(seen.started == seen.kills + seen.completed + seen.unexpected.count)
        #expect(seen.kills >= targetKills, "\(seen.kills) kills in \(seen.started) commands")

        Figures.report("process crashes (SIGKILL, 4 writers through asodesk)", [
            "started": seen.started, "completed": seen.completed, "kills": seen.kills,
            "killed after saving": savedBeforeKill, "acknowledged": seen.acknowledged.count,
            "lost": lost.count, "duplicated": duplicated.count,
            "complaints added": addsInLog.count, "records": contents.records.count,
        ])
    }
}
