import AsodeskDomain
import AsodeskLog
import Foundation

/// The size of a generated log: how many complaints are open at `now` and how many events the
/// whole history holds. The open complaints are the same for one seed whatever `totalEvents` is;
/// a longer history only adds finished complaints further back in time.
public struct LogShape: Sendable {
    /// How the finished complaints of the history are told.
    public enum Stories: String, Sendable, CaseIterable {
        /// The demo's finished story with every checklist tick of the site's procedures: about 33
        /// events a complaint (1,000,000 events hold about 30,000 complaints).
        case demo
        /// The same people, channels, categories and texts told briefly, about 10 events a
        /// complaint: received, acknowledged, contacted, noted, perhaps waiting for parts, decided,
        /// told the decision, closed, followed up — a site that ticked its checklists on paper in
        /// those years (1,000,000 events hold about 100,000 complaints).
        case short
    }

    public var openComplaints: Int
    public var totalEvents: Int
    public var seed: UInt64
    public var now: Date
    public var stories: Stories
    /// Complaints received per calendar day in the history: a large dealer group's busiest desk
    /// by default; a single site's desk gets a few.
    public var perDay: Double

    public init(openComplaints: Int, totalEvents: Int, seed: UInt64 = 2026, now: Date, stories: Stories = .demo,
                perDay: Double = LogGenerator.historicalPerDay) {
        self.openComplaints = openComplaints; self.totalEvents = totalEvents; self.seed = seed; self.now = now
        self.stories = stories; self.perDay = perDay
    }
}

/// What `LogGenerator.write` wrote.
public struct GeneratedLog: Sendable {
    public var complaints: Int
    public var openComplaints: Int
    public var events: Int
    public var bytes: UInt64
}

public enum LogGeneratorError: Error, Sendable, CustomStringConvertible {
    case notEmpty(path: String)
    case tooFewEvents(asked: Int, openSetNeeds: Int)
    case nowhereToPad(missing: Int)

    public var description: String {
        switch self {
        case .notEmpty(let path):
            "\(path) already holds data; the generator writes only into a new or empty file. Choose another path or delete the file."
        case .tooFewEvents(let asked, let needs):
            "\(Wording.en(asked, "event is", "events are")) too few: the open complaints alone take \(needs). Ask for more events or fewer open complaints."
        case .nowhereToPad(let missing):
            "the history came out \(Wording.en(missing, "event", "events")) short of the count asked and there is no open complaint to add notes to; ask for at least one open complaint."
        }
    }
}

/// Writes large, realistic logs for benchmarks: the demo's stories (channels, categories,
/// priorities, states, texts and Polish names), every event checked by the lifecycle rules and
/// written through the real codec and log, many events per append (one fdatasync per batch).
///
/// The open set is the demo's mix of unfinished stories, placed relative to `now` exactly as the
/// demo places them. Before it lies a history of finished complaints received at about
/// `historicalPerDay` a day, going back as far as `totalEvents` needs. Events go into the log in
/// the order they happened, and complaint numbers are given per year in the order of receipt,
/// as the desk would have given them.
public enum LogGenerator {
    /// Complaints received per calendar day in the generated history by default (a large dealer
    /// group): 1,000,000 events are about 100,000 complaints over four and a half years.
    public static let historicalPerDay = 60.0
    /// The history of finished complaints ends this long before `now`; the open set is later.
    static let historyEndsBeforeNow: TimeInterval = 45 * 86_400
    /// Events per `EventLog.append` (one write and one fdatasync each).
    static let batchSize = 20_000

    public static func write(to path: String, shape: LogShape, config: SiteConfig = .standard) throws -> GeneratedLog {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? UInt64, size > 0 {
            throw LogGeneratorError.notEmpty(path: path)
        }
        let stage = try GeneratorStage(config: config, procedures: try ProcedureLibrary.bundled().procedures, now: shape.now)
        let open = try playOpenSet(shape, on: stage)
        let openEvents = stage.events.count
        guard openEvents <= shape.totalEvents else {
            throw LogGeneratorError.tooFewEvents(asked: shape.totalEvents, openSetNeeds: openEvents)
        }
        var merge = EventMerge(calendar: stage.calendar)
        merge.push(stage.takeEvents())

        let log = try EventLog(path: path, create: true)
        var output = BatchWriter(log: log)
        var historical = 0
        var remaining = shape.totalEvents - openEvents
        if remaining > 0 {
            let historyEnd = shape.now.addingTimeInterval(-historyEndsBeforeNow)
            // Short stories are told without checklist ticks: the stage asks for none meanwhile.
            let checklists = stage.checklists
            if shape.stories == .short { stage.checklists = [] }
            defer { stage.checklists = checklists }
            let averageStory = averageFinishedStory(seed: shape.seed, stage: stage, at: historyEnd, stories: shape.stories)
            var receipt = historyEnd.addingTimeInterval(-Double(remaining) / averageStory * 86_400 / shape.perDay)
            var spacing = SeededRandom(seed: mix(shape.seed, 0x4849_5354))
            var storyEvents = averageStory, stories = 1.0
            while true {
                // Paced by the events still to write, so the history ends at `historyEnd`, not past it.
                let complaintsLeft = max(1, Double(remaining) / (storyEvents / stories))
                let meanGap = historyEnd.timeIntervalSince(receipt) / complaintsLeft
                receipt = min(historyEnd, receipt.addingTimeInterval(meanGap * Double(spacing.int(0...2000)) / 1000))
                // Letters and e-mails wait for the desk to open; the story starts when it does.
                let received = stage.calendar.instant(afterBusinessSeconds: 1, from: receipt) ?? receipt
                var writer = DemoLog.Writer(desk: stage, now: shape.now,
                                            random: SeededRandom(seed: mix(shape.seed, 0x1_0000_0000 + UInt64(historical))))
                let opening = writer.opening(receivedAt: received)
                try writer.playFinished(shape.stories, opening: opening)
                let story = stage.takeEvents()
                if story.count > remaining { break }
                try merge.emit(before: received, into: &output)
                merge.push(story)
                remaining -= story.count
                historical += 1
                storyEvents += Double(story.count); stories += 1
            }
        }
        if remaining > 0 {
            try padWithNotes(remaining, open: open, stage: stage, seed: shape.seed, merge: &merge)
        }
        try merge.emit(before: .distantFuture, into: &output)
        try output.flush()
        let bytes = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? UInt64) ?? 0
        return GeneratedLog(complaints: open.count + historical, openComplaints: open.count,
                            events: output.written, bytes: bytes)
    }

    /// The demo's unfinished stories in the demo's proportions, one seed per complaint, so the
    /// open set does not depend on how long the history is. Returns their provisional numbers.
    static func playOpenSet(_ shape: LogShape, on stage: GeneratorStage) throws -> [ComplaintNumber] {
        let unfinished = DemoLog.plan.filter { $0.0 != .finished }.flatMap { Array(repeating: $0.0, count: $0.1) }
        var numbers: [ComplaintNumber] = []
        for index in 0..<shape.openComplaints {
            let scenario = unfinished[index % unfinished.count]
            var writer = DemoLog.Writer(desk: stage, now: shape.now, random: SeededRandom(seed: mix(shape.seed, UInt64(index))))
            let opening = writer.opening(for: scenario)
            try writer.play(scenario, opening: opening)
            if let number = stage.events.last?.number { numbers.append(number) }
        }
        return numbers
    }

    /// Events in a finished story, on average: sets how far back the history must reach.
    static func averageFinishedStory(seed: UInt64, stage: GeneratorStage, at: Date, stories: LogShape.Stories) -> Double {
        let samples = 200
        var total = 0
        for index in 0..<samples {
            var writer = DemoLog.Writer(desk: stage, now: stage.now, random: SeededRandom(seed: mix(seed, 0x5041_0000 + UInt64(index))))
            let opening = DemoLog.Opening(advisor: writer.advisors[index % writer.advisors.count], priority: .normal,
                                          basis: .consumer, received: at)
            // A demo story is valid by construction; one that is refused only shortens the sample.
            try? writer.playFinished(stories, opening: opening)
            total += stage.takeEvents().count
        }
        return max(1, Double(total) / Double(samples))
    }

    /// Tops the count up with notes on open complaints, each between its latest entry and now.
    static func padWithNotes(_ count: Int, open: [ComplaintNumber], stage: GeneratorStage, seed: UInt64,
                             merge: inout EventMerge) throws {
        guard !open.isEmpty else { throw LogGeneratorError.nowhereToPad(missing: count) }
        var random = SeededRandom(seed: mix(seed, 0x4E4F_5445))
        for index in 0..<count {
            let number = open[(index * 7919) % open.count]
            guard let complaint = stage.complaintSoFar(number), let latest = complaint.history.last?.occurredAt else { continue }
            let at = latest.addingTimeInterval(stage.now.timeIntervalSince(latest) * Double(random.int(1...9)) / 10)
            _ = try stage.record(.note(text: random.pick(DemoText.notes)), on: number, by: Actor(id: complaint.owner ?? "anowak",
                                 role: complaint.owner == nil ? .lead : .advisor), at: at, now: stage.now)
        }
        merge.push(stage.takeEvents())
    }

    /// Independent, well-spread seeds from one seed (one SplitMix64 step).
    static func mix(_ seed: UInt64, _ stream: UInt64) -> UInt64 {
        var random = SeededRandom(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        return random.next()
    }
}

extension DemoLog.Writer {
    /// A finished complaint told the way `stories` says.
    mutating func playFinished(_ stories: LogShape.Stories, opening: DemoLog.Opening) throws {
        switch stories {
        case .demo: try play(.finished, opening: opening)
        case .short: try playShortFinished(opening: opening)
        }
    }

    /// The demo's finished story without checklist ticks, about ten events: received (and passed
    /// on by a trainee), acknowledged, first contact, notes, perhaps a wait for parts, an update
    /// call, the decision, the decision told to the customer, closed, followed up.
    mutating func playShortFinished(opening: DemoLog.Opening) throws {
        let advisor = opening.advisor
        let intakeActor = random.chance(0.12) ? trainee : advisor
        let form = DemoText.intake(&random, priority: opening.priority, basis: opening.basis)
        let number = try desk.record(.receive(try form.validated()), on: nil, by: intakeActor, at: opening.received, now: now)
        var clock = opening.received
        func step(_ minutes: Int) -> Date { clock = max(clock, after(clock, minutes)); return clock }
        func act(_ action: ComplaintAction, _ actor: Actor, _ at: Date) throws {
            _ = try desk.record(action, on: number, by: actor, at: at, now: now)
        }
        if intakeActor.role == .trainee {
            try act(.assign(to: advisor.id, note: "Przydział po przyjęciu przez praktykantkę"), lead, step(10))
        }
        try act(.acknowledge(note: random.pick(DemoText.acknowledgements)), advisor, step(random.int(10...90)))
        // About one complaint in 200 is a mystery shopper's (a few a year): marked, and handled as any.
        var testDraw = DemoText.causeRandom(number)
        for _ in 0..<7 { _ = testDraw.next() }
        if testDraw.chance(0.005) { try act(.markTest(audit: "TK/\(number.year)/\(number.serial % 12 + 1)"), lead, step(5)) }
        try act(.contact(ContactRecord(channel: random.pick([.phone, .email]), summary: random.pick(DemoText.contacts))),
                advisor, step(random.int(60...300)))
        if random.chance(0.8) { try act(.note(text: random.pick(DemoText.notes)), advisor, step(30)) }
        if random.chance(0.4) {
            try act(.wait(reason: .parts, note: DemoText.waits[.parts]), advisor, step(60))
            try act(.resume(note: "Części dostarczone, auto umówione"), advisor, step(random.int(300...900)))
        }
        if random.chance(0.7) {
            try act(.contact(ContactRecord(channel: .phone, summary: random.pick(DemoText.contacts))), advisor, step(random.int(120...600)))
        }
        if random.chance(0.5) { try act(.note(text: random.pick(DemoText.notes)), advisor, step(30)) }
        let outcome = random.pick([DecisionOutcome.accepted, .accepted, .partly, .rejected])
        let decision = DemoText.decision(outcome, &random, number: number)
        try act(.decide(decision), advisor, step(random.int(300...1200)))
        if let correction = DemoText.causeCorrection(of: decision.cause, for: number) {
            try act(.amend(corrections: [correction], reason: DemoText.causeCorrectionReason), lead, step(20))
        }
        try act(random.chance(0.6) ? .answer(AnswerRecord(medium: .letter, address: random.pick(DemoText.postalAddresses)))
                    : .answer(AnswerRecord(medium: .inPerson)), advisor, step(random.int(10...240)))
        try act(.contact(ContactRecord(channel: random.pick([.phone, .email, .letter]), summary: random.pick(DemoText.contacts))),
                advisor, step(random.int(30...240)))
        let accepted = outcome != .rejected || random.chance(0.3)
        try act(.close(customerAccepted: accepted, response: accepted ? random.pick(DemoText.acceptances) : random.pick(DemoText.disputes)),
                advisor, step(random.int(60...400)))
        let score = accepted ? random.int(3...5) : random.int(1...3)
        try act(.followUp(satisfaction: score, note: DemoText.followUpNote(satisfaction: score, &random)),
                advisor, step(random.int(300...1500)))
    }
}

/// The generator's desk: checks every action with `Lifecycle.check`, folds it with
/// `Lifecycle.apply`, and keeps the events for the writer instead of appending them one by one.
/// Numbers here are provisional (one running serial); `EventMerge` gives the final ones.
final class GeneratorStage: StoryStage {
    let calendar: BusinessCalendar
    /// The procedures whose mandatory steps `Lifecycle.check` asks for (none while short stories are told).
    var checklists: [Procedure]
    let now: Date
    private var complaints: [ComplaintNumber: Complaint] = [:]
    private var nextSerial = 1
    private(set) var events: [ComplaintEvent] = []

    init(config: SiteConfig, procedures: [Procedure], now: Date) throws {
        calendar = try BusinessCalendar(config.calendar)
        checklists = procedures
        self.now = now
    }

    func complaintSoFar(_ number: ComplaintNumber) -> Complaint? { complaints[number] }

    func record(_ action: ComplaintAction, on number: ComplaintNumber?, by actor: Actor, at: Date, now: Date) throws -> ComplaintNumber {
        let occurredAt = EventCodec.storable(at)
        let target: ComplaintNumber
        if case .receive = action {
            target = ComplaintNumber(year: 0, serial: nextSerial)
            nextSerial += 1
        } else {
            guard let number else { throw DeskError.noSuchComplaint("(no number given)") }
            target = number
        }
        // Checked as typed in when it happened (the recording time below): never backdated, never late.
        guard occurredAt <= now.addingTimeInterval(Lifecycle.futureTolerance) else {
            throw Refusal(pl: "Zdarzenie po chwili wygenerowania logu.", en: "An event after the log's generation instant.")
        }
        try Lifecycle.check(action, on: complaints[target], by: actor, occurredAt: occurredAt, now: occurredAt, procedures: checklists)
        // Typed in as it happened: the recording time is the time of the event.
        let event = ComplaintEvent(number: target, actor: actor, occurredAt: occurredAt, recordedAt: occurredAt, action: action)
        if complaints[target] != nil {
            Lifecycle.apply(event, to: &complaints[target]!)
        } else {
            complaints[target] = Lifecycle.start(event)
        }
        events.append(event)
        return target
    }

    /// The events recorded since the last call. Finished complaints are forgotten (nothing
    /// more happens to them), so memory follows the open work, not the history.
    func takeEvents() -> [ComplaintEvent] {
        defer { events = [] }
        for event in events {
            if case .followUp = event.action { complaints[event.number] = nil }
        }
        return events
    }
}

/// Puts the stories' events into the order they happened (a heap keyed by time, then by the
/// order they were recorded in), and numbers complaints per year of receipt as they come out.
struct EventMerge {
    private var heap: [(key: (Date, Int), event: ComplaintEvent)] = []
    private var order = 0
    private var finalNumbers: [Int: ComplaintNumber] = [:]
    private var serials: [Int: Int] = [:]
    let calendar: BusinessCalendar

    init(calendar: BusinessCalendar) { self.calendar = calendar }

    mutating func push(_ events: [ComplaintEvent]) {
        for event in events {
            heap.append(((event.occurredAt, order), event))
            order += 1
            siftUp(heap.count - 1)
        }
    }

    /// Writes every waiting event that happened before `limit`.
    mutating func emit(before limit: Date, into output: inout BatchWriter) throws {
        while let first = heap.first, first.key.0 < limit {
            var event = first.event
            let provisional = event.number.serial
            if case .receive = event.action {
                let year = calendar.localDate(of: event.occurredAt).year
                let serial = (serials[year] ?? 0) + 1
                serials[year] = serial
                finalNumbers[provisional] = ComplaintNumber(year: year, serial: serial)
            }
            event.number = finalNumbers[provisional]!
            if case .followUp = event.action { finalNumbers[provisional] = nil }
            try output.add(event)
            removeFirst()
        }
    }

    private static func less(_ a: (Date, Int), _ b: (Date, Int)) -> Bool { a.0 < b.0 || (a.0 == b.0 && a.1 < b.1) }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.less(heap[child].key, heap[parent].key) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func removeFirst() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, Self.less(heap[left].key, heap[smallest].key) { smallest = left }
            if right < heap.count, Self.less(heap[right].key, heap[smallest].key) { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

/// Encodes events and appends them `LogGenerator.batchSize` at a time.
struct BatchWriter {
    let log: EventLog
    private var pending: [[UInt8]] = []
    private(set) var written = 0

    init(log: EventLog) { self.log = log }

    mutating func add(_ event: ComplaintEvent) throws {
        pending.append(EventCodec.encode(event))
        if pending.count >= LogGenerator.batchSize { try flush() }
    }

    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let batch = pending
        try log.append(encoding: EventCodec.eventEncoding) { _ in batch }
        written += batch.count
        pending = []
    }
}
