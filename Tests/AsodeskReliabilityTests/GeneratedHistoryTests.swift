@testable import AsodeskApp
import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import AsodeskTestSupport
import Foundation
import Testing

/// Generated histories (issue 11, "the log never lies"): random histories of every action the
/// lifecycle accepts, written through `Desk.perform`, are evaluated at many instants by every
/// consumer — timers, legal clocks, queue rows, the list table, `show`, `show --json`, the CSV,
/// the report, the shift board, the dashboard's screens, finished summaries and the snapshot.
/// Nothing may crash, and what each shows must agree with the history and with the others.
@Suite(.serialized) struct GeneratedHistoryTests {
    static let config: SiteConfig = {
        var config = SiteConfig.standard
        config.operators = DemoSite.sharedKeyring.operators
        return config
    }()
    /// Every other desk counts the answer when delivered, with each medium's margin.
    static let deliveredConfig: SiteConfig = {
        var config = Self.config
        config.answers = AnswerRules(countsAt: .delivered, deliveryDays: [.letter: 5, .email: 0, .inPerson: 0, .other: 2])
        return config
    }()

    /// Histories per log: enough for the queue, the report and the board to mix many of them.
    static let historiesPerDesk = 25

    @Test func everyConsumerEvaluatesEveryAcceptedHistoryAtAnyInstant() throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["ASODESK_HISTORY_SEED"] ?? "") ?? 20_261_211
        print("GeneratedHistoryTests: seed \(seed) (ASODESK_HISTORY_SEED=\(seed) repeats the run)")
        // ASODESK_HISTORIES overrides the count (a quick look at one seed).
        let total = Int(ProcessInfo.processInfo.environment["ASODESK_HISTORIES"] ?? "") ?? LongRun.count(ci: 1_000, full: 10_000)
        var figures = Tally()
        var checks = Checks(seed: seed)
        let procedures = try ProcedureLibrary.bundled()
        var desks = 0
        while figures.histories < total {
            let folder = TemporaryFolder("asodesk-histories", inMemory: true)
            let path = folder.file("complaints.log")
            let store = SnapshotStore(logPath: path, rewriteAfterRecords: .max, environment: ["HOME": folder.path])
            let desk = try Desk(log: try EventLog(path: path, create: true), config: desks % 2 == 0 ? Self.config : Self.deliveredConfig,
                                procedures: procedures,
                                snapshots: store)
            desk.useSigningKeys(DemoSite.sharedKeyring.signers)
            var writer = HistoryWriter(seed: LongRunSeed.mix(seed, UInt64(desks)), desk: desk)
            var histories: [GeneratedHistory] = []
            for _ in 0..<min(Self.historiesPerDesk, total - figures.histories) { histories.append(try writer.write()) }
            histories = writer.withMirrors(histories)
            figures.add(writer, histories)
            checks.context = "desk \(desks)"
            var random = SeededRandom(seed: LongRunSeed.mix(seed, 0x4E4F_5700 + UInt64(desks)))
            let language: Language = desks % 2 == 0 ? .polish : .english
            let dashboard = Dashboard(desk: desk, actor: HistoryWriter.lead,
                                      settings: DashboardSettings(language: language, handoverDirectory: folder.path),
                                      now: histories[0].receivedAt, width: desks % 3 == 0 ? 160 : 80, height: desks % 3 == 0 ? 40 : 24)
            HistoryChecks.replayMatchesTheWrittenHistory(desk: desk, histories: histories, checks: &checks)
            var instants = Self.instantsToJudge(histories, &random)
            // Twenty minutes before some running timer falls due, so "due within an hour" meets its case.
            let dueTimes = try instants.flatMap { instant in
                try QueueQuery(includeFinished: false).rows(desk: desk, now: instant).flatMap(\.timers)
                    .filter { [.running, .warning].contains($0.state) }.compactMap(\.dueAt)
            }
            if let due = dueTimes.randomElement(using: &random) { instants.append(due.addingTimeInterval(-1200)) }
            for (index, now) in instants.enumerated() {
                checks.context = "desk \(desks), now \(now.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)))"
                // The costly consumers (more rows as JSON, the report again from full histories, the screens) at every other instant.
                let thorough = index % 2 == 0
                figures.evaluations += HistoryChecks.evaluate(desk: desk, histories: histories, now: now, thorough: thorough,
                                                              random: &random, checks: &checks)
                if thorough {
                    HistoryChecks.render(dashboard, desk: desk, histories: histories, now: now, random: &random, checks: &checks)
                }
            }
            HistoryChecks.snapshotRoundTrip(desk: desk, path: path, store: store, procedures: procedures, checks: &checks)
            desks += 1
        }
        // A crash ends the process before this line: printed at all, the figure says none happened.
        Figures.report("generated histories", [
            "histories": figures.histories, "events": figures.events, "refused": figures.refused,
            "evaluations": figures.evaluations, "crashes": 0, "failed checks": checks.failures,
            "entered late": figures.enteredLate, "backdated by a lead": figures.backdatedWithReason,
        ])
        Figures.report("generated histories by final state", figures.finalStates)
        print("FIGURE generated histories: cases compared across surfaces: "
              + checks.seen.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        for kind in ["breached timers", "timers due within an hour", "timers due later today", "legal deadlines needing attention",
                     "verdicts reached before an escalation", "not-done timers in a report"] {
            #expect(checks.seen[kind, default: 0] > 0, "the histories reach \(kind)")
        }
        // The generator must reach every state and use every action, or the test proves less than it says.
        for state in ComplaintState.allCases {
            #expect(figures.byState[state, default: 0] > 0, "some history ends \(state.rawValue)")
        }
        for verb in ActionVerb.allCases {
            #expect(figures.byVerb[verb, default: 0] > 0, "some history has \(verb.rawValue)")
        }
        #expect(figures.equalInstants > 0 && figures.reopened > 0 && figures.paused > 0)
        #expect(figures.enteredLate > 0 && figures.backdatedWithReason > 0, "late entries and a lead's backdating are generated")
        #expect(checks.failures == 0, "seed \(seed): \(checks.failures) failed checks")
    }

    /// Before any receipt, at instants the histories name (equal to events), inside pauses,
    /// at calendar edges, between, and years later.
    static func instantsToJudge(_ histories: [GeneratedHistory], _ random: inout SeededRandom) -> [Date] {
        let events = histories.flatMap(\.events)
        let first = events.map(\.occurredAt).min() ?? .now, last = events.map(\.occurredAt).max() ?? .now
        let waits = histories.flatMap { history in
            zip(history.events, history.events.dropFirst()).compactMap { pair -> Date? in
                guard case .wait = pair.0.action else { return nil }
                return pair.0.occurredAt.addingTimeInterval(pair.1.occurredAt.timeIntervalSince(pair.0.occurredAt) / 2)
            }
        }
        let between = first.addingTimeInterval(last.timeIntervalSince(first) * Double(random.int(0...1000)) / 1000)
        return [
            first.addingTimeInterval(-86_400),
            events.randomElement(using: &random)?.occurredAt ?? first,
            waits.randomElement(using: &random) ?? between,
            events.randomElement(using: &random)?.occurredAt ?? last,
            random.chance(0.5) ? EdgeInstants.following(between).first ?? between : between,
            last.addingTimeInterval(3 * 365 * 86_400),
        ]
    }
}

/// Independent seeds from one (one SplitMix64 step).
enum LongRunSeed {
    static func mix(_ seed: UInt64, _ stream: UInt64) -> UInt64 {
        var random = SeededRandom(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        return random.next()
    }
}

/// What the run produced, for the figures and for the coverage the test demands of itself.
struct Tally {
    var histories = 0, events = 0, refused = 0, evaluations = 0, equalInstants = 0, reopened = 0, paused = 0
    /// Events entered more than 15 minutes after they happened, and those a shift lead dated back with a reason.
    var enteredLate = 0, backdatedWithReason = 0
    var byState: [ComplaintState: Int] = [:]
    var byVerb: [ActionVerb: Int] = [:]

    var finalStates: KeyValuePairs<String, Any> {
        let counts = ComplaintState.allCases.map { byState[$0, default: 0] }
        return ["received": counts[0], "acknowledged": counts[1], "in-analysis": counts[2], "waiting": counts[3],
                "decided": counts[4], "closed": counts[5], "followed-up": counts[6]]
    }

    mutating func add(_ writer: HistoryWriter, _ histories: [GeneratedHistory]) {
        self.histories += histories.count
        events += histories.reduce(0) { $0 + $1.events.count }
        refused += writer.refused
        for (verb, count) in writer.accepted { byVerb[verb, default: 0] += count }
        for history in histories {
            let states = history.events.reduce(into: Complaint?.none) { $0 = Lifecycle.apply($1, to: $0) }
            if let state = states?.state { byState[state, default: 0] += 1 }
            equalInstants += zip(history.events, history.events.dropFirst()).filter { $0.0.occurredAt == $0.1.occurredAt }.count
            if history.events.contains(where: { $0.action.verb == .reopen }) { reopened += 1 }
            if history.events.contains(where: { $0.action.verb == .wait }) { paused += 1 }
            enteredLate += history.events.filter { $0.lateEntry != nil }.count
            backdatedWithReason += history.events.filter { $0.backdateReason != nil }.count
        }
    }
}

/// Failed invariants: counted, and the first few recorded with the seed and where they happened.
struct Checks {
    let seed: UInt64
    var context = ""
    private(set) var failures = 0
    /// How often each kind of case was compared: a check that never met its case proves nothing.
    var seen: [String: Int] = [:]

    init(seed: UInt64) { self.seed = seed }

    mutating func saw(_ kind: String, _ count: Int = 1) { seen[kind, default: 0] += count }

    mutating func that(_ condition: Bool, _ message: @autoclosure () -> String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        guard !condition else { return }
        failures += 1
        if failures <= 25 {
            Issue.record("seed \(seed), \(context): \(message())", sourceLocation: sourceLocation)
        }
    }
}

