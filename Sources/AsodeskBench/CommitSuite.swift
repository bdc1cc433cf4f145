import Foundation

/// Benchmark 1: durable commits, against a bare write+fdatasync and against SQLite.
public struct CommitSuite {
    public var commits: Int
    public var writers: Int
    /// This program, to start worker processes (`asodesk-bench commit-worker`).
    public var benchExecutable: String

    public init(commits: Int, writers: Int, benchExecutable: String) {
        self.commits = commits
        self.writers = writers
        self.benchExecutable = benchExecutable
    }

    public static let command = "swift run -c release asodesk-bench commit"

    public func run(in workspace: Workspace, say: (String) -> Void) throws -> [BenchmarkRow] {
        let fixture = try CommitFixture.make(in: workspace.path + "/commit")
        say("commit: \(commits) commits per method, one at a time, \(fixture.frame.count)-byte frame (\(fixture.payload.count)-byte payload), on \(workspace.filesystem)")
        // Rounds in turn, so a slow minute of the shared disk does not fall on one method only.
        let rounds = 4
        var single: [CommitMethod: CommitTimings] = [:]
        for _ in 0..<rounds {
            for method in CommitMethod.allCases {
                let timings = try CommitRunner.run(method, fixture: fixture, count: max(1, commits / rounds))
                single[method, default: CommitTimings()].spans += timings.spans
            }
        }
        var concurrent: [CommitMethod: CommitTimings] = [:]
        // Wall time of each method's rounds: the rate of several writers is over the time they all ran.
        var concurrentSeconds: [CommitMethod: Double] = [:]
        let concurrentRounds = 2
        let perWriter = max(1, commits / writers / 2 / concurrentRounds)
        for _ in 0..<concurrentRounds {
            for method in CommitMethod.allCases {
                let go = fixture.folder + "/go"
                let round = try ConcurrentCommits.run(writers: writers, goFile: go) { writer in
                    if method == .sqlite {
                        return ("/usr/bin/env", ["python3", fixture.sqliteScript, fixture.sqliteDatabase, String(perWriter), fixture.payloadPath, go])
                    }
                    return (benchExecutable, ["commit-worker", "--method", method.rawValue, "--folder", fixture.folder,
                                              "--complaint", fixture.openComplaints[writer % fixture.openComplaints.count], "--count", String(perWriter), "--go", go])
                }
                concurrent[method, default: CommitTimings()].spans += round.spans
                concurrentSeconds[method, default: 0] += Double(round.spans.count) / ConcurrentCommits.throughput(round)
            }
        }

        var detail: [[String]] = []
        // One writer ran in rounds with pauses between them: its rate is over the time spent
        // committing; several writers' rate is over the wall time of their rounds.
        func rate(_ method: CommitMethod, concurrent isConcurrent: Bool) -> Double {
            if isConcurrent {
                guard let seconds = concurrentSeconds[method], seconds > 0 else { return 0 }
                return Double(concurrent[method]?.spans.count ?? 0) / seconds
            }
            return single[method].map(ConcurrentCommits.sequentialThroughput) ?? 0
        }
        for (label, results, isConcurrent) in [("1 writer", single, false), ("\(writers) writers", concurrent, true)] {
            for method in CommitMethod.allCases {
                guard let timings = results[method] else { continue }
                let summary = LatencySummary(nanoseconds: timings.latencies)
                detail.append([label, Self.name(method), Figures.milliseconds(summary.medianNanoseconds),
                               Figures.milliseconds(summary.p99Nanoseconds),
                               Figures.count(rate(method, concurrent: isConcurrent)), Figures.count(Double(summary.count))])
            }
        }
        say(MarkdownTable.render(header: ["Writers", "Method", "Median", "p99", "Commits/s", "Commits"], rows: detail))

        func median(_ timings: CommitTimings?) -> Double { LatencySummary(nanoseconds: timings?.latencies ?? []).medianNanoseconds }
        func p99(_ timings: CommitTimings?) -> Double { LatencySummary(nanoseconds: timings?.latencies ?? []).p99Nanoseconds }

        var rows: [BenchmarkRow] = []
        for method in [CommitMethod.desk, .append] {
            let ratio = median(single[method]) / median(single[.bare])
            rows.append(BenchmarkRow(
                figure: "Durable commit, 1 writer, median (\(Self.name(method)))", goal: "≤ 1.2× bare fsync",
                baseline: "bare write+fdatasync \(Figures.milliseconds(median(single[.bare])))",
                result: "\(Figures.milliseconds(median(single[method]))) (p99 \(Figures.milliseconds(p99(single[method]))))",
                ratio: Figures.ratio(ratio), met: ratio <= 1.2, command: Self.command))
        }
        for (label, isConcurrent) in [("1 writer", false), ("\(writers) writers", true)] {
            func rateOf(_ method: CommitMethod) -> Double { rate(method, concurrent: isConcurrent) }
            let ratio = rateOf(.desk) / rateOf(.sqlite)
            rows.append(BenchmarkRow(
                figure: "Commits/s, \(label) (Desk.perform)", goal: "≥ SQLite",
                baseline: "SQLite WAL FULL \(Figures.count(rateOf(.sqlite)))/s; bare \(Figures.count(rateOf(.bare)))/s",
                result: "\(Figures.count(rateOf(.desk)))/s", ratio: Figures.ratio(ratio), met: ratio >= 1, command: Self.command))
        }
        let concurrentRatio = median(concurrent[.desk]) / median(concurrent[.bare])
        rows.append(BenchmarkRow(
            figure: "Durable commit, \(writers) writers, median (Desk.perform)", goal: "≤ 1.2× bare fsync",
            baseline: "bare, \(writers) writers \(Figures.milliseconds(median(concurrent[.bare])))",
            result: "\(Figures.milliseconds(median(concurrent[.desk]))) (p99 \(Figures.milliseconds(p99(concurrent[.desk]))))",
            ratio: Figures.ratio(concurrentRatio), met: concurrentRatio <= 1.2, command: Self.command))
        let lockedRatio = median(concurrent[.desk]) / median(concurrent[.bareLocked])
        rows.append(BenchmarkRow(
            figure: "Durable commit, \(writers) writers, median, vs writers serialised by a lock", goal: "(context)",
            baseline: "bare with flock across fdatasync \(Figures.milliseconds(median(concurrent[.bareLocked])))",
            result: Figures.milliseconds(median(concurrent[.desk])), ratio: Figures.ratio(lockedRatio), met: nil, command: Self.command))
        return rows
    }

    static func name(_ method: CommitMethod) -> String {
        switch method {
        case .desk: "Desk.perform"
        case .append: "EventLog.append"
        case .bare: "bare write+fdatasync"
        case .bareLocked: "bare, flock held across fdatasync"
        case .sqlite: "SQLite WAL, synchronous=FULL"
        }
    }
}
