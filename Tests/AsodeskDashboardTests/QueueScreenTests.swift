import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Foundation
import Testing

@Suite struct QueueScreenTests {
    // MARK: Helpers

    static func queue(_ dashboard: Dashboard) throws -> QueueScreen {
        try #require(dashboard.stack.first as? QueueScreen)
    }

    /// The screen row where a complaint's number is drawn (first column), if it is on screen.
    static func screenRow(of number: ComplaintNumber, in buffer: CellBuffer) -> Int? {
        (0..<buffer.height).first { buffer.line($0).hasPrefix(number.description) }
    }

    /// The next-due column on a screen of this width.
    static func nextDueColumn(width: Int) throws -> QueueColumnPlacement {
        try #require(QueueLayout.columns(width: width, language: .polish).first { $0.column == .nextDue })
    }

    /// The text of one column on one screen row.
    static func cellText(_ buffer: CellBuffer, row y: Int, _ placement: QueueColumnPlacement) -> String {
        (placement.x..<(placement.x + placement.width)).map { buffer[$0, y].text }.joined()
            .trimmingCharacters(in: .whitespaces)
    }

    /// Folds Polish letters to ASCII the way a person types without them (written out here, not
    /// taken from the code under test).
    static func withoutDiacritics(_ text: String) -> String {
        let map: [Character: Character] = ["ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n", "ó": "o", "ś": "s", "ź": "z", "ż": "z"]
        return String(text.lowercased().map { map[$0] ?? $0 })
    }

    // MARK: Golden screens

    @Test func goldenPolish80x24() throws {
        let dashboard = try DashboardFixture.dashboard()
        try Golden.check(DashboardFixture.render(dashboard), "queue-80x24-pl")
    }

    @Test func goldenPolish200x50() throws {
        let dashboard = try DashboardFixture.dashboard(width: 200, height: 50)
        try Golden.check(DashboardFixture.render(dashboard), "queue-200x50-pl")
    }

    @Test func goldenEnglish80x24() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        try Golden.check(DashboardFixture.render(dashboard), "queue-80x24-en")
    }

    @Test func goldenPolishFilteredAndSearching80x24() throws {
        let dashboard = try DashboardFixture.dashboard(as: "pwisniewski")
        DashboardFixture.press(dashboard, .character("m"), .character("s"), .character("/"))
        DashboardFixture.type(dashboard, "a")
        try Golden.check(DashboardFixture.render(dashboard), "queue-80x24-pl-mine-search")
    }

    @Test func goldenEnglishFilterOverlay80x24() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        DashboardFixture.press(dashboard, .character("f"), .tab, .character("r"))
        try Golden.check(DashboardFixture.render(dashboard), "queue-80x24-en-filter-form")
    }

    @Test func emptyQueueSaysSoAndHowToAddAComplaint() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("asodesk-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let desk = try DashboardFixture.desk(logPath: directory.appendingPathComponent("complaints.log").path)
        let dashboard = try DashboardFixture.dashboard(desk: desk)
        let text = DashboardFixture.render(dashboard).text
        #expect(text.contains("Kolejka jest pusta"))
        #expect(text.contains("klawiszem n"))
        try Golden.check(DashboardFixture.render(dashboard), "queue-80x24-pl-empty")
    }

    // MARK: Layout

    @Test func at80ColumnsTheSevenEssentialColumnsFitAndAt200AllAreShown() {
        let narrow = QueueLayout.columns(width: 80, language: .polish)
        #expect(narrow.map(\.column) == [.number, .customer, .plate, .state, .owner, .nextDue, .legal])
        #expect(narrow.last.map { $0.x + $0.width }! <= 80)
        let english = QueueLayout.columns(width: 80, language: .english)
        #expect(english.map(\.column) == narrow.map(\.column))
        #expect(english.last.map { $0.x + $0.width }! <= 80)
        let wide = QueueLayout.columns(width: 200, language: .polish)
        #expect(wide.map(\.column) == QueueColumn.allCases)
        #expect(wide.last.map { $0.x + $0.width }! <= 200)
        // Wider terminals give the columns more room, not just more columns.
        let customer = { (columns: [QueueColumnPlacement]) in columns.first { $0.column == .customer }!.width }
        #expect(customer(wide) > customer(narrow))
    }

    // MARK: Timer cells

    @Test func breachedWarningAndPausedTimersHaveGlyphAndRole() throws {
        let dashboard = try DashboardFixture.dashboard(width: 200, height: 50)
        let queue = try Self.queue(dashboard)
        let buffer = DashboardFixture.render(dashboard)
        let column = try Self.nextDueColumn(width: 200)
        let expected: [(TimerState, String, StyleRole)] = [(.breached, "✗", .breached), (.warning, "!", .warning),
                                                            (.paused, "‖", .paused), (.running, "✓", .ok)]
        for (state, glyph, role) in expected {
            // A row other than the selected one, whose colours are the selection's.
            let row = try #require(queue.rows.first { $0.shownTimer?.state == state && $0.complaint.number != queue.selectedNumber },
                                   "the demo has a \(state) timer")
            let y = try #require(Self.screenRow(of: row.complaint.number, in: buffer))
            #expect(buffer[column.x, y].text == glyph, "\(state)")
            #expect(buffer[column.x, y].role == role, "\(state)")
            #expect(buffer[column.x + 5, y].role == role, "the countdown carries the role too")
        }
    }

    @Test func selectedRowAndHeaderUseTheirRoles() throws {
        let dashboard = try DashboardFixture.dashboard()
        let buffer = DashboardFixture.render(dashboard)
        let queue = try Self.queue(dashboard)
        let selected = try #require(queue.selectedNumber)
        let y = try #require(Self.screenRow(of: selected, in: buffer))
        #expect((0..<80).allSatisfy { buffer[$0, y].role == .selection })
        #expect(buffer.line(2).hasPrefix("Numer"))
        #expect(buffer[0, 2].role == .header)
    }

    @Test func theCountdownMovesOnEveryTickWithoutAKeyPress() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        let column = try Self.nextDueColumn(width: 80)
        let row = try #require(queue.rows.first { [.running, .warning].contains($0.shownTimer?.state) })
        let before = DashboardFixture.render(dashboard)
        let y = try #require(Self.screenRow(of: row.complaint.number, in: before))
        // The countdown is in whole business minutes: one minute later it reads one less.
        #expect(dashboard.handle(.tick(DashboardFixture.now.addingTimeInterval(60))) == .redraw)
        let after = DashboardFixture.render(dashboard)
        #expect(Self.cellText(before, row: y, column) != Self.cellText(after, row: y, column))
        #expect(after.line(y).hasPrefix(row.complaint.number.description))
    }

    @Test func aTimerCrossingItsDueTimeTurnsBreachedOnTheNextTick() throws {
        let dashboard = try DashboardFixture.dashboard(width: 200, height: 50)
        let queue = try Self.queue(dashboard)
        let column = try Self.nextDueColumn(width: 200)
        let row = try #require(queue.rows.first { $0.nextDue?.state == .warning && $0.complaint.number != queue.selectedNumber })
        let due = try #require(row.nextDue?.dueAt)
        let before = DashboardFixture.render(dashboard)
        let y = try #require(Self.screenRow(of: row.complaint.number, in: before))
        #expect(before[column.x, y].role == .warning)
        _ = dashboard.handle(.tick(due.addingTimeInterval(1)))
        let after = DashboardFixture.render(dashboard)
        let yAfter = try #require(Self.screenRow(of: row.complaint.number, in: after))
        #expect(after[column.x, yAfter].text == "✗")
        #expect(after[column.x, yAfter].role == .breached)
    }

    // MARK: Sorting

    @Test func sortCyclesThroughEveryOrderAndShowsItInTheBar() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        #expect(queue.sort == .timeLeft)
        #expect(DashboardFixture.render(dashboard).line(1).contains("sort: czas do terminu"))
        let dueInstants = queue.rows.compactMap { $0.nextDue?.dueAt }
        #expect(dueInstants == dueInstants.sorted())

        DashboardFixture.press(dashboard, .character("s"))
        #expect(queue.sort == .age)
        #expect(DashboardFixture.render(dashboard).line(1).contains("sort: wiek"))
        let received = queue.rows.map(\.complaint.receivedAt)
        #expect(received == received.sorted())

        DashboardFixture.press(dashboard, .character("s"))
        #expect(queue.sort == .legalDeadline)
        let deadlines = queue.rows.compactMap { $0.legal?.deadline }
        #expect(deadlines == deadlines.sorted())

        DashboardFixture.press(dashboard, .character("s"))
        #expect(queue.sort == .priority)
        let priorities = queue.rows.map(\.complaint.priority)
        #expect(priorities == priorities.sorted(by: >))
        #expect(Set(priorities).count > 1, "the demo mixes priorities")

        DashboardFixture.press(dashboard, .character("s"))
        #expect(queue.sort == .number)
        let numbers = queue.rows.map(\.complaint.number)
        #expect(numbers == numbers.sorted())

        DashboardFixture.press(dashboard, .character("s"))
        #expect(queue.sort == .timeLeft)
    }

    // MARK: Filters

    @Test func mineShowsOnlyTheOperatorsComplaints() throws {
        let dashboard = try DashboardFixture.dashboard(as: "pwisniewski")
        let queue = try Self.queue(dashboard)
        let total = queue.rows.count
        DashboardFixture.press(dashboard, .character("m"))
        #expect(!queue.rows.isEmpty)
        #expect(queue.rows.count < total)
        #expect(queue.rows.allSatisfy { $0.complaint.owner == "pwisniewski" })
        #expect(DashboardFixture.render(dashboard).line(1).contains("\(queue.rows.count) z \(total) · sort: czas do terminu · filtry: moje"))
        DashboardFixture.press(dashboard, .character("m"))
        #expect(queue.rows.count == total)
    }

    @Test func unassignedShowsOnlyComplaintsWithoutOwnerMarkedClearly() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        DashboardFixture.press(dashboard, .character("u"))
        #expect(!queue.rows.isEmpty)
        #expect(queue.rows.allSatisfy { $0.complaint.owner == nil })
        let buffer = DashboardFixture.render(dashboard)
        #expect(buffer.line(1).contains("filtry: nieprzydzielone"))
        let owner = try #require(QueueLayout.columns(width: 80, language: .polish).first { $0.column == .owner })
        #expect(Self.cellText(buffer, row: 4, owner) == "— brak")
        #expect(buffer[owner.x, 4].role == .warning)
    }

    @Test func filterFormNarrowsByCategoryAndClearBringsEverythingBack() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        let total = queue.rows.count
        DashboardFixture.press(dashboard, .character("f"))
        let form = try #require(dashboard.top as? FormScreen)
        #expect(form.isOverlay)
        #expect(form.form.fields.map(\.id) == ["state", "category", "channel", "priority"])
        #expect(form.form.fields.allSatisfy { $0.choices.first?.label.pl == "dowolny" })
        // Tab to the category, "n" jumps to "naprawa", F2 applies.
        DashboardFixture.press(dashboard, .tab, .character("n"), .function(2))
        #expect(dashboard.top === queue)
        #expect(queue.filter.category == .repair)
        #expect(!queue.rows.isEmpty && queue.rows.count < total)
        #expect(queue.rows.allSatisfy { $0.complaint.intake.category == .repair })
        #expect(DashboardFixture.render(dashboard).line(1).contains("filtry: kategoria=naprawa"))

        DashboardFixture.press(dashboard, .character("c"))
        #expect(!queue.filter.isActive)
        #expect(queue.rows.count == total)
    }

    @Test func filterFormNarrowsByStateChannelAndPriority() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english, width: 200, height: 50)
        let queue = try Self.queue(dashboard)
        DashboardFixture.press(dashboard, .character("f"))
        // State: "w" jumps to "w analizie / in analysis", again to "waiting".
        DashboardFixture.press(dashboard, .character("w"), .character("w"), .function(2))
        #expect(queue.filter.state == .waiting)
        #expect(!queue.rows.isEmpty)
        #expect(queue.rows.allSatisfy { $0.complaint.state == .waiting })
        // The form opens with the filter as it stands; past the category to the channel, "p" to
        // "phone"; priority: "h" to "high".
        DashboardFixture.press(dashboard, .character("f"), .tab, .tab, .character("p"), .tab, .character("h"), .function(2))
        #expect(queue.filter.state == .waiting)
        #expect(queue.filter.channel == .phone)
        #expect(queue.filter.priority == .high)
        #expect(queue.rows.allSatisfy { $0.complaint.state == .waiting && $0.complaint.intake.channel == .phone && $0.complaint.priority == .high })
        let bar = DashboardFixture.render(dashboard).line(1)
        #expect(bar.contains("\(queue.rows.count) of \(queue.totalCount) · sort: time left · filters: state=waiting, channel=phone, priority=high"))
    }

    @Test func finishedComplaintsAreShownOnlyOnRequest() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        #expect(queue.rows.allSatisfy { $0.complaint.isOpen })
        let open = queue.totalCount
        DashboardFixture.press(dashboard, .character("z"))
        #expect(queue.totalCount > open)
        #expect(queue.rows.contains { !$0.complaint.isOpen })
        #expect(DashboardFixture.render(dashboard).line(1).contains("z zakończonymi"))
        DashboardFixture.press(dashboard, .character("c"))
        #expect(queue.totalCount == open)
    }

    // MARK: Search

    @Test func searchFindsAPlateTypedWithOtherSpacingAndDashes() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        let target = try #require(queue.rows.first { $0.complaint.intake.plate != nil }?.complaint)
        let plate = try #require(target.intake.plate)
        // "WX 12345" typed as "wx-123 45".
        let compact = plate.replacingOccurrences(of: " ", with: "").lowercased()
        let typed = String(compact.prefix(2)) + "-" + String(compact.dropFirst(2).prefix(3)) + " " + String(compact.dropFirst(5))
        DashboardFixture.press(dashboard, .character("/"))
        #expect(queue.isSearching)
        DashboardFixture.type(dashboard, typed)
        #expect(queue.rows.map(\.complaint.number).contains(target.number))
        #expect(queue.rows.allSatisfy { ($0.complaint.intake.plate ?? "").replacingOccurrences(of: " ", with: "").lowercased().contains(compact)
            || $0.complaint.intake.vin?.lowercased().contains(compact) == true
            || $0.complaint.intake.order?.lowercased().contains(compact) == true })
        #expect(queue.selectedNumber == queue.rows.first?.complaint.number)
        // Enter keeps the filter; Esc clears it.
        DashboardFixture.press(dashboard, .enter)
        #expect(!queue.isSearching)
        #expect(queue.filter.search == typed)
        #expect(dashboard.top === queue, "Enter in the search line does not open the detail")
        DashboardFixture.press(dashboard, .escape)
        #expect(queue.filter.search.isEmpty)
        #expect(queue.rows.count == queue.totalCount)
    }

    @Test func searchFindsACustomerTypedWithoutDiacritics() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        let target = try #require(queue.rows.first { Self.withoutDiacritics($0.complaint.intake.customer) != $0.complaint.intake.customer.lowercased() }?.complaint,
                                  "the demo has customers with Polish letters")
        let typed = Self.withoutDiacritics(target.intake.customer)
        DashboardFixture.press(dashboard, .character("/"))
        DashboardFixture.type(dashboard, typed)
        #expect(queue.rows.map(\.complaint.number).contains(target.number))
        #expect(queue.rows.allSatisfy { Self.withoutDiacritics($0.complaint.intake.customer).contains(typed) })
        // Backspace widens the search again.
        for _ in typed { DashboardFixture.press(dashboard, .backspace) }
        #expect(queue.rows.count == queue.totalCount)
        DashboardFixture.press(dashboard, .escape)
        #expect(!queue.isSearching)
    }

    @Test func searchFindsANumberAsPeopleSayIt() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        let target = try #require(queue.rows.last?.complaint.number)
        DashboardFixture.press(dashboard, .character("/"))
        DashboardFixture.type(dashboard, "\(target.year)/\(target.serial)")
        #expect(queue.rows.map(\.complaint.number) == [target])
        #expect(queue.selectedNumber == target)
        DashboardFixture.press(dashboard, .enter, .enter)
        #expect((dashboard.top as? DetailScreen)?.number == target)
    }

    @Test func searchFindsAPhoneHoweverTheCustomerSaysIt() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        let target = try #require(queue.rows.last { $0.complaint.intake.phone?.hasPrefix("+48 ") == true }?.complaint)
        let digits = String(try #require(target.intake.phone).filter(\.isNumber).dropFirst(2))  // the nine national digits
        let spaced = "\(digits.prefix(3)) \(digits.dropFirst(3).prefix(3)) \(digits.suffix(3))"
        DashboardFixture.press(dashboard, .character("/"))
        for typed in [digits, spaced, "+48 " + spaced, "48" + digits, "0048" + digits] {
            DashboardFixture.type(dashboard, typed)
            #expect(queue.rows.first?.complaint.intake.phone == target.intake.phone, "“\(typed)”: the exact phone first")
            #expect(queue.rows.map(\.complaint.number).contains(target.number), "“\(typed)”")
            for _ in typed { DashboardFixture.press(dashboard, .backspace) }
        }
        DashboardFixture.type(dashboard, "+48 " + digits.prefix(3))
        #expect(queue.rows.map(\.complaint.number).contains(target.number), "the start of the number, with +48")
    }

    @Test func searchFindsAWordOfANote() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        let noted = try #require(queue.rows.lazy.compactMap { row -> (Complaint, String)? in
            for event in row.complaint.history { if case .note(let text) = event.action { return (row.complaint, text) } }
            return nil
        }.first)
        let note: String = noted.1
        let words: [Substring] = note.split(whereSeparator: { (character: Character) in !character.isLetter })
        let word = String(try #require(words.max { $0.count < $1.count }))
        DashboardFixture.press(dashboard, .character("/"))
        DashboardFixture.type(dashboard, ComplaintSearch.fold(word).uppercased())
        #expect(queue.rows.map(\.complaint.number).contains(noted.0.number), "“\(word)” of “\(noted.1)”")
    }

    /// Reopened with `/`, the search shows the last query selected: the next customer's name
    /// replaces it rather than being appended to it (issue 15, item 17).
    @Test func slashReopensTheSearchWithTheOldQuerySelected() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        DashboardFixture.press(dashboard, .character("/"))
        DashboardFixture.type(dashboard, "nowak")
        #expect(!queue.isQuerySelected, "a fresh search is typed into")
        DashboardFixture.press(dashboard, .enter, .character("/"))
        #expect(queue.isSearching && queue.isQuerySelected && queue.filter.search == "nowak")
        #expect(DashboardFixture.render(dashboard).line(1).contains("Szukaj: nowak   pisanie zastępuje"))
        DashboardFixture.type(dashboard, "kow")
        #expect(queue.filter.search == "kow", "the first letter replaced the old query")
        #expect(!DashboardFixture.render(dashboard).line(1).contains("zastępuje"))
        DashboardFixture.press(dashboard, .enter, .character("/"), .backspace)
        #expect(queue.filter.search.isEmpty && queue.isSearching, "Backspace clears the selected query")
        #expect(queue.rows.count == queue.totalCount)
    }

    /// The search narrows its previous result as letters are added and goes back to earlier ones on
    /// Backspace. Whatever is typed, the rows must be exactly the unsearched rows that the query
    /// matches on its own, best rank first and in the queue's order within a rank.
    @Test func searchTypedAndTakenBackLetterByLetterShowsWhatAFreshSearchShows() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        let unsearched = queue.rows.map(\.complaint)
        // Letters of the demo's names, plates and numbers, and the separators people type in codes.
        let pieces = Set(unsearched.flatMap { [$0.intake.customer, $0.intake.plate ?? "", $0.number.description,
                                               $0.intake.phone ?? "", $0.intake.email ?? ""].joined() })
        let alphabet = Array(pieces) + [" ", "-", "/", "ł", "Ś", "q", "+", "4", "8"]
        var random = SeededRandom(seed: 2026)
        DashboardFixture.press(dashboard, .character("/"))
        var typed = ""
        var narrowedBy = [String: Int]()
        for _ in 0..<1_500 {
            if !typed.isEmpty, random.chance(0.35) {
                DashboardFixture.press(dashboard, .backspace)
                typed.removeLast()
            } else {
                let letter = random.pick(alphabet)
                DashboardFixture.type(dashboard, String(letter))
                typed.append(letter)
            }
            var vocabulary = ComplaintSearch.Vocabulary()
            let keys = Dictionary(uniqueKeysWithValues: unsearched.map { ($0.number, ComplaintSearch.Key($0, vocabulary: &vocabulary)) })
            let expected = ComplaintSearch.Query(typed, vocabulary: vocabulary).map { query in
                ComplaintSearch.ranked(unsearched) { query.rank(keys[$0.number]!, number: $0.number) }
            } ?? unsearched
            #expect(queue.filter.search == typed)
            #expect(queue.rows.map(\.complaint.number) == expected.map(\.number), "after typing “\(typed)”")
            narrowedBy[expected.count < unsearched.count ? "narrowed" : "everything", default: 0] += 1
            if typed.count > 12 { for _ in 0..<typed.count { DashboardFixture.press(dashboard, .backspace) }; typed = "" }
        }
        #expect(narrowedBy["narrowed", default: 0] > 500, "the random typing mostly narrowed the queue: \(narrowedBy)")
        DashboardFixture.press(dashboard, .escape)
        #expect(queue.rows.map(\.complaint.number) == unsearched.map(\.number))
    }

    @Test func foldingIgnoresCaseAndPolishLettersAndCompactingIgnoresSeparators() {
        #expect(ComplaintSearch.fold("ŁUKASZ Wiśniewski-Żółć") == "lukasz wisniewski-zolc")
        #expect(ComplaintSearch.fold("Ąę Ćń Óś Źż") == "ae cn os zz")
        #expect(String(decoding: ComplaintSearch.compact("WX 123-45/a.b_c|d"), as: UTF8.self) == "wx12345abcd")
    }

    @Test func nothingMatchingSaysSoAndHowToWiden() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        DashboardFixture.press(dashboard, .character("/"))
        DashboardFixture.type(dashboard, "no such customer qq")
        let text = DashboardFixture.render(dashboard).text
        #expect(text.contains("None of the"))
        #expect(text.contains("c clears the filters"))
    }

    // MARK: Selection, scrolling, opening

    @Test func selectionStaysOnTheSameComplaintWhenAnotherTerminalChangesTheLog() throws {
        let path = try DashboardFixture.demoLogCopy()
        let dashboard = try DashboardFixture.dashboard(desk: try DashboardFixture.desk(logPath: path))
        let queue = try Self.queue(dashboard)
        let rowsBefore = queue.rows.map(\.complaint.number)
        // One complaint near the top goes on hold (its timers pause and it drops down the queue;
        // a breached timer would stay breached and keep it up there)...
        let paused = try #require(queue.rows.first { row in
            [.acknowledged, .inAnalysis].contains(row.complaint.state) && !row.timers.contains { $0.state == .breached }
        }?.complaint.number)
        let pausedPosition = try #require(rowsBefore.firstIndex(of: paused))
        // ...while this terminal has one below it selected.
        DashboardFixture.press(dashboard, .character("g"))
        for _ in 0...pausedPosition { DashboardFixture.press(dashboard, .down) }
        let selected = try #require(queue.selectedNumber)
        #expect(selected == rowsBefore[pausedPosition + 1])

        let otherTerminal = try DashboardFixture.desk(logPath: path)
        try otherTerminal.perform(.wait(reason: .parts, note: "Zamówione części"), on: paused, by: Actor(id: "anowak", role: .lead),
                                  occurredAt: DashboardFixture.now.addingTimeInterval(-60), now: DashboardFixture.now)
        #expect(dashboard.handle(.logChanged) == .redraw)
        #expect(queue.rows.map(\.complaint.number) != rowsBefore)
        #expect(queue.rows.firstIndex { $0.complaint.number == selected } == pausedPosition)
        #expect(queue.selectedNumber == selected)
        let buffer = DashboardFixture.render(dashboard)
        let y = try #require(Self.screenRow(of: selected, in: buffer))
        #expect(buffer[0, y].role == .selection)
    }

    /// With finished complaints shown, a change from another terminal keeps every finished row
    /// and shows the complaint it finished as finished.
    @Test func finishedComplaintsStayShownWhenAnotherTerminalFinishesOne() throws {
        let path = try DashboardFixture.demoLogCopy()
        let dashboard = try DashboardFixture.dashboard(desk: try DashboardFixture.desk(logPath: path))
        let queue = try Self.queue(dashboard)
        DashboardFixture.press(dashboard, .character("z"))
        let finishedBefore = Set(queue.rows.filter { !$0.complaint.isOpen }.map(\.complaint.number))
        #expect(!finishedBefore.isEmpty, "the demo has followed-up complaints")
        let closed = try #require(queue.rows.first { $0.complaint.state == .closed }?.complaint.number)

        let otherTerminal = try DashboardFixture.desk(logPath: path)
        let lead = Actor(id: "anowak", role: .lead), at = DashboardFixture.now.addingTimeInterval(-60)
        for step in ["prepare", "confirm-resolved", "rate-handling", "act-on-dissatisfaction"] {
            try otherTerminal.perform(.checkStep(procedure: "follow-up-call", version: 2, step: step), on: closed, by: lead,
                                      occurredAt: at, now: DashboardFixture.now)
        }
        try otherTerminal.perform(.followUp(satisfaction: 4, note: nil), on: closed, by: lead, occurredAt: at, now: DashboardFixture.now)
        #expect(dashboard.handle(.logChanged) == .redraw)
        let finishedAfter = Set(queue.rows.filter { !$0.complaint.isOpen }.map(\.complaint.number))
        #expect(finishedAfter == finishedBefore.union([closed]))
        #expect(queue.rows.count == queue.totalCount)
        #expect(queue.rows.first { $0.complaint.number == closed }?.complaint.state == .followedUp)
        DashboardFixture.press(dashboard, .character("z"))
        #expect(!queue.rows.contains { $0.complaint.number == closed })
    }

    /// The clock ticks between a key that shrinks the queue and the next frame: the rows the tick
    /// evaluates must come from what is shown now, not from where the list was scrolled before.
    @Test func aTickRightAfterTheSearchShrankAScrolledQueueEvaluatesWhatIsShown() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        let last = try #require(queue.rows.last?.complaint)
        DashboardFixture.press(dashboard, .end)
        _ = DashboardFixture.render(dashboard)  // scrolled to the bottom of the queue
        DashboardFixture.press(dashboard, .character("/"))
        DashboardFixture.type(dashboard, last.number.description)
        #expect(queue.rows.map(\.complaint.number) == [last.number])
        #expect(dashboard.handle(.tick(DashboardFixture.now.addingTimeInterval(1))) != .quit)
        let buffer = DashboardFixture.render(dashboard)
        #expect(Self.screenRow(of: last.number, in: buffer) != nil)
    }

    @Test func scrollingKeepsTheSelectionOnScreen() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        #expect(queue.rows.count > 20, "more rows than fit at 80×24")
        DashboardFixture.press(dashboard, .character("G"))
        #expect(queue.selectedNumber == queue.rows.last?.complaint.number)
        var buffer = DashboardFixture.render(dashboard)
        #expect(queue.selectedNumber.flatMap { Self.screenRow(of: $0, in: buffer) } != nil)
        DashboardFixture.press(dashboard, .pageUp)
        buffer = DashboardFixture.render(dashboard)
        #expect(queue.selectedNumber.flatMap { Self.screenRow(of: $0, in: buffer) } != nil)
        DashboardFixture.press(dashboard, .home)
        #expect(queue.selectedNumber == queue.rows.first?.complaint.number)
        DashboardFixture.press(dashboard, .pageDown)
        buffer = DashboardFixture.render(dashboard)
        let y = try #require(queue.selectedNumber.flatMap { Self.screenRow(of: $0, in: buffer) })
        #expect(buffer[0, y].role == .selection)
        DashboardFixture.press(dashboard, .end)
        #expect(queue.selectedNumber == queue.rows.last?.complaint.number)
    }

    @Test func enterOpensTheDetailOfTheSelectedComplaint() throws {
        let dashboard = try DashboardFixture.dashboard()
        let queue = try Self.queue(dashboard)
        DashboardFixture.press(dashboard, .down, .down)
        let number = try #require(queue.selectedNumber)
        DashboardFixture.press(dashboard, .enter)
        let detail = try #require(dashboard.top as? DetailScreen)
        #expect(detail.number == number)
        DashboardFixture.press(dashboard, .escape)
        #expect(dashboard.top === queue)
    }

    @Test func newComplaintKeyOpensIntake() throws {
        let dashboard = try DashboardFixture.dashboard()
        DashboardFixture.press(dashboard, .character("n"))
        #expect(dashboard.top is IntakeScreen)
    }

    // MARK: Cells

    @Test func contactDataIsMasked() {
        #expect(ContactMask.phone("+48 601 234 789") == "+48 *** *** 789")
        #expect(ContactMask.phone("601234789") == "******789")
        #expect(ContactMask.email("jan.kowalski@example.pl") == "j***@example.pl")
    }

    @Test func wideScreenShowsMaskedContactsNeverWhole() throws {
        let dashboard = try DashboardFixture.dashboard(width: 200, height: 50)
        let queue = try Self.queue(dashboard)
        let text = DashboardFixture.render(dashboard).text
        for row in queue.rows {
            if let phone = row.complaint.intake.phone { #expect(!text.contains(phone)) }
            if let email = row.complaint.intake.email { #expect(!text.contains(email)) }
        }
        #expect(text.contains("+48 *** ***"))
    }

    @Test func customerTextCannotReachTheTerminalRaw() throws {
        let path = try DashboardFixture.demoLogCopy()
        let desk = try DashboardFixture.desk(logPath: path)
        var intake = try #require(desk.state.openComplaints.first?.intake)
        intake.customer = "Jan \u{1B}[2J Kowalski"
        intake.priority = .critical
        try desk.perform(.receive(intake), on: nil, by: Actor(id: "anowak", role: .lead), now: DashboardFixture.now)
        let dashboard = try DashboardFixture.dashboard(width: 200, height: 50, desk: desk)
        let text = DashboardFixture.render(dashboard).text
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("Jan ␛[2J Kowalski"))
    }
}
