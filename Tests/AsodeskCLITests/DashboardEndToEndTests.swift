import Foundation
import AsodeskApp
import AsodeskDomain
import AsodeskLog
import AsodeskTestSupport
import Testing

/// The real dashboard in a real terminal (tmux). Serialised: each test owns a tmux server.
@Suite(.serialized, .enabled(if: TmuxDesk.isAvailable, "tmux is not installed: the end-to-end dashboard tests need it (apt-get install tmux)"))
struct DashboardEndToEndTests {
    @Test func startsOnTheQueueWithTheStatusLineAndQuitsRestoringTheTerminal() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        // Root (as the tests run) may act as anyone on a desk without operators.
        let screen = try desk.startDashboard("--role lead --as anowak")
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.contains("asodesk │") == true && lines.first?.contains("Queue") == true)
        #expect(screen.contains("Anna Nowak") || screen.contains("anowak"))
        #expect(TmuxDesk.eventCount(in: screen) != nil)
        #expect(desk.showsColour(), "the default theme in colour on xterm-256color")
        desk.press("q")
        let after = try desk.waitFor("EXIT=0")
        // The terminal is back: the shell echoes what is typed and runs it.
        desk.type("echo restored-$((40 + 2))")
        try desk.waitFor("restored-42")
        #expect(!after.contains("Log saved"), "the dashboard's screen is gone after quitting")
    }

    @Test func controlCRestoresTheTerminal() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        try desk.startDashboard()
        desk.press("C-c")
        // The shell abandons the rest of a line whose command died of SIGINT, so ask it afterwards:
        // ended by SIGINT (128 + 2), the shell's screen is back and it runs what is typed.
        try desk.waitUntil("the dashboard to end") { TmuxDesk.eventCount(in: $0) == nil }
        desk.type("echo STATUS=$?")
        try desk.waitFor("STATUS=130")
        desk.type("echo restored-$((40 + 2))")
        try desk.waitFor("restored-42")
    }

    @Test func helpListsTheKeysAndEscReturns() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        try desk.startDashboard()
        desk.press("?")
        try desk.waitFor("Help: Queue")
        let help = try desk.waitUntilSettled()
        #expect(help.contains("F10") && help.contains("Quit"))
        #expect(help.contains("F1") && help.contains("Redraw the screen"))
        desk.press("Escape")
        try desk.waitUntil("the queue again") { $0.contains("Queue") && !$0.contains("Help: Queue") }
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    @Test func aChangeFromTheCommandLineAppearsWithoutAKeyPress() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let before = try desk.startDashboard()
        let count = try #require(TmuxDesk.eventCount(in: before))
        let otherTerminal = try desk.openSecondWindow()
        desk.type("asodesk note R/2026/0001 'Klient dzwonił w sprawie terminu' --as pwisniewski --log \(desk.log); echo NOTE=$?",
                  in: otherTerminal)
        try desk.waitFor("NOTE=0", in: otherTerminal)
        let after = try desk.waitUntil("the event count to grow", timeout: 3) { (TmuxDesk.eventCount(in: $0) ?? 0) > count }
        #expect(TmuxDesk.eventCount(in: after) == count + 1)
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    @Test func theClockMovesWithoutAKeyPress() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let first = try desk.startDashboard()
        let clock = try #require(TmuxDesk.clock(in: first))
        try desk.waitUntil("the clock to move past \(clock)") { TmuxDesk.clock(in: $0).map { $0 != clock } ?? false }
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    @Test func resizingBelowTheMinimumSaysSoAndBackRedraws() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        try desk.startDashboard()
        try desk.resize(width: 60, height: 20)
        try desk.waitFor("The terminal is too small: 60×20.")
        try desk.resize(width: 80, height: 24)
        let redrawn = try desk.waitUntil("the full dashboard") { $0.contains("Log saved") && !$0.contains("too small") }
        #expect(redrawn.split(separator: "\n").first?.contains("Queue") == true)
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    @Test func usesALargeTerminal() throws {
        let desk = try TmuxDesk(width: 200, height: 50)
        defer { desk.shutDown() }
        let screen = try desk.startDashboard()
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        // The status line is the second-last of 50 rows, its clock at the right edge.
        let statusRow = try #require(lines.firstIndex { $0.contains("Log saved") })
        #expect(statusRow == 48)
        #expect(lines[statusRow].count > 150)
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    @Test(arguments: [("TERM=vt100", "vt100"), ("NO_COLOR=1", "no colour")])
    func worksWithoutColour(env: String, name: String) throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let screen = try desk.startDashboard("--lang pl --role lead", env: env)
        // Polish letters are drawn, and ok/warning are told apart by glyphs, not colour alone.
        #expect(screen.contains("Wyjście"), "\(name)")
        #expect(screen.contains("✓ Zapisane (") || screen.contains("✓ Wszystko zapisane ("), "\(name)")
        #expect(!desk.showsColour(), "no colour under \(name); attributes only")
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    @Test func refusesADumbTerminalWithoutTouchingIt() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        desk.type("TERM=dumb asodesk; echo EXIT=$?")
        let screen = try desk.waitFor("EXIT=64")
        #expect(screen.contains("TERM=dumb"))
    }

    @Test func withoutALogItExplainsHowToStart() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        desk.type("asodesk --log \(desk.directory)/none.log; echo EXIT=$?")
        let screen = try desk.waitFor("EXIT=1")
        #expect(screen.contains("asodesk --demo") && screen.contains("asodesk add"))
    }

    @Test func demoOpensAsTheShiftLead() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let screen = try desk.startDashboard("--demo")
        #expect(screen.contains("Anna Nowak"))
        #expect(FileManager.default.fileExists(atPath: desk.directory + "/data/asodesk/demo/demo.log"))
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    /// A second `--demo` joins the demo another terminal has open: nothing there is replaced, and
    /// what the first saves after it is still in the log the second reads.
    @Test func aSecondDemoJoinsTheOneAlreadyOpen() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let path = desk.directory + "/data/asodesk/demo/demo.log"
        let first = try desk.startDashboard("--demo")
        let count = try #require(TmuxDesk.eventCount(in: first))
        let inode = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        let other = try desk.openSecondWindow()
        desk.type("asodesk demo --replace --log \(path); echo REPLACE=$?", in: other)
        let refused = try desk.waitFor("REPLACE=1", in: other)
        #expect(refused.contains("is open in a dashboard"))
        desk.type("asodesk --demo; echo EXIT=$?", in: other)
        let joined = try desk.waitFor("this one joins it", in: other)
        #expect(TmuxDesk.eventCount(in: joined) == count)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int == inode)
        desk.press("q", in: other)
        try desk.waitFor("EXIT=0", in: other)
        #expect(TmuxDesk.eventCount(in: desk.screen()) == count, "the first terminal still reads the log it opened")
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    /// A document attached by reference (z) in one dashboard shows in a colleague's history of
    /// the same complaint without a key press, with its reference.
    @Test func aDocumentAttachedInOneDashboardShowsInAnother() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        try desk.startDashboard("--lang pl --role lead --as anowak")
        let colleague = try desk.openSecondWindow()
        desk.type("asodesk --lang pl --role advisor --as pwisniewski; echo EXIT=$?", in: colleague)
        try desk.waitFor("Kolejka", in: colleague)
        desk.press("Enter", in: colleague)                         // both open the complaint on top of the queue
        try desk.waitFor("Historia", in: colleague)
        desk.press("Enter")
        try desk.waitFor("Historia")
        desk.press("z")
        try desk.waitFor("Plik albo odniesienie")
        desk.press("Right")                                        // an outside reference, not a file
        desk.press("Tab")
        desk.press("-l", "DMS 77088")
        desk.press("Tab")
        desk.press("-l", "Skan zlecenia")
        desk.press("F2")
        try desk.waitFor("Zapisano: dołączenie dokumentu")
        try desk.waitFor("Dołączono dokument")
        let seen = try desk.waitFor("DMS 77088", in: colleague, timeout: 3)
        #expect(seen.contains("Dołączono dokument"))
        desk.press("q", in: colleague)
        try desk.waitFor("EXIT=0", in: colleague)
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    /// F10 on a filled form asks, "no" keeps every character, "yes" quits.
    @Test func f10OnAFilledFormAsksBeforeQuitting() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        try desk.startDashboard("--role lead --as anowak")
        desk.press("Enter")
        try desk.waitFor("History")
        desk.press("n")
        desk.press("-l", "Klientka prosi o telefon po 15")
        try desk.waitFor("Klientka prosi o telefon po 15")
        desk.press("F10")
        try desk.waitFor("Quit and discard what was typed? (y/n)")
        desk.press("n")
        try desk.waitUntil("the form again") { $0.contains("Klientka prosi o telefon po 15") && !$0.contains("Quit and discard") }
        desk.press("F10")
        try desk.waitFor("Quit and discard")
        desk.press("y")
        try desk.waitFor("EXIT=0")
    }

    /// Reception takes a complaint in through the form, a value is refused and corrected, and a
    /// colleague's dashboard on the same log shows the new complaint without a key press.
    @Test func aComplaintTypedIntoTheFormAppearsInASecondDashboard() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        try desk.startDashboard("--lang pl --role advisor")
        let colleague = try desk.openSecondWindow()
        desk.type("asodesk --lang pl --role lead --as anowak; echo EXIT=$?", in: colleague)
        try desk.waitFor("Kolejka", in: colleague)
        // The colleague searches for the customer before the complaint exists: nothing yet.
        desk.press("/", in: colleague)
        desk.press("-l", "Brzęczyszczykiewicz", in: colleague)
        try desk.waitFor("0 z 45", in: colleague)

        desk.press("2")
        try desk.waitFor("Nowa reklamacja")
        desk.press("Tab", "Tab", "Tab", "Tab")                   // channel, category, priority, legal basis
        desk.press("-l", "Grzegorz Brzęczyszczykiewicz")
        desk.press("Tab")
        desk.press("-l", "601 234 567")
        desk.press("Tab", "Tab")                                   // e-mail left empty
        desk.press("-l", "KR 4521X")
        desk.press("Tab")
        desk.press("-l", "WVWZZZ1KZ6W00001")                      // one character short
        desk.press("Tab", "Tab", "Tab")                            // vehicle, repair order
        desk.press("-l", "Po naprawie zawieszenia nadal stuka z przodu.")
        desk.press("F2")
        let refused = try desk.waitFor("↳")
        #expect(refused.contains("VIN"))
        #expect(refused.contains("Grzegorz Brzęczyszczyk"), "what was typed stays")
        desk.press("End")
        desk.press("-l", "9")                                       // the 17th character: the form focused VIN
        desk.press("F2")
        try desk.waitFor("Zapisano R/2026/0054")

        let seen = try desk.waitFor("R/2026/0054", in: colleague, timeout: 3)
        #expect(seen.contains("1 z 46"))
        desk.press("Escape", in: colleague)
        desk.press("q", in: colleague)
        try desk.waitFor("EXIT=0", in: colleague)
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    /// Fingers that know a shell edit fields the same way: Ctrl-W takes the last word back,
    /// Alt-B/Alt-F move by words, Ctrl-A/Ctrl-E jump to the ends, Ctrl-U and Ctrl-K clear each side.
    @Test func textFieldsTakeTheShellEditingKeys() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        try desk.startDashboard("--lang en --role advisor")
        desk.press("n")
        try desk.waitFor("New complaint")
        desk.press("Tab", "Tab", "Tab", "Tab")                     // channel, category, priority, legal basis
        desk.press("-l", "Anna Kowalsky zle")
        try desk.waitFor("Anna Kowalsky zle")
        desk.press("C-w", "C-w")                                   // "zle", then "Kowalsky"
        desk.press("-l", "Kowalska")
        try desk.waitFor("Anna Kowalska")
        desk.press("M-b", "M-b")                                   // before "Anna"
        desk.press("-l", "Pani ")
        try desk.waitFor("Pani Anna Kowalska")
        desk.press("M-b", "M-f")                                   // after "Pani"
        desk.press("C-u")
        try desk.waitUntil("the words before the cursor gone") { $0.contains(" Anna Kowalska") && !$0.contains("Pani") }
        desk.press("C-e")
        desk.press("-l", " z Krakowa")
        try desk.waitFor("Anna Kowalska z Krakowa")
        desk.press("C-a", "M-f", "C-k")
        try desk.waitUntil("the rest after the first word gone") { $0.contains("Anna") && !$0.contains("Kowalska") }
        desk.press("Escape")
        try desk.waitFor("(y/n)")
        desk.press("y")
        try desk.waitFor("Queue")
        desk.press("q")
        try desk.waitFor("EXIT=0")
    }

    /// The same customer calls again: typing their phone offers the earlier complaint at once,
    /// and saving with it chosen shows the link on the new complaint.
    @Test func aRepeatIsOfferedAtIntake() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let reader = try Desk(log: try EventLog(path: desk.log, create: false, readOnly: true), config: .standard,
                              procedures: try ProcedureLibrary.bundled())
        let earlier = try #require(reader.state.complaints.open.sorted { $0.number < $1.number }.first { $0.intake.phone != nil })
        try desk.startDashboard("--lang en --role advisor")
        desk.press("n")
        try desk.waitFor("New complaint")
        desk.press("Tab", "Tab", "Tab", "Tab")
        desk.press("-l", "Anna Nowak")
        desk.press("Tab")
        desk.press("-l", try #require(earlier.intake.phone))
        desk.press("Tab")
        try desk.waitFor("Earlier \(earlier.number)")
        try desk.waitFor("same: phone")
        try desk.waitFor("Link with")
        desk.press("Tab", "Tab", "Tab", "Tab", "Tab")            // e-mail, plate, VIN, vehicle, repair order: the link field
        desk.press("Right")
        try desk.waitUntil("the earlier complaint chosen") { $0.contains("◂ \(earlier.number)") }
        desk.press("Tab")
        desk.press("-l", "Znowu szarpie przy ruszaniu.")
        desk.press("F2")
        try desk.waitFor("Linked   \(earlier.number)")     // the data pane of the new complaint
        try desk.waitFor("Linked with \(earlier.number)")  // its history
        desk.press("Escape", "q")
        try desk.waitFor("EXIT=0")
    }

    /// A customer calls and gives their phone as people say it: the search finds their complaint
    /// on top, and Enter twice opens it.
    @Test func aPhoneSearchFindsTheComplaint() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let reader = try Desk(log: try EventLog(path: desk.log, create: false, readOnly: true), config: .standard,
                              procedures: try ProcedureLibrary.bundled())
        let open = reader.state.complaints.open.sorted { $0.number < $1.number }
        let target = try #require(open.first { complaint in
            complaint.intake.phone?.hasPrefix("+48 ") == true && open.filter { $0.intake.phone == complaint.intake.phone }.count == 1
        })
        let national = String(try #require(target.intake.phone).filter(\.isNumber).dropFirst(2))
        try desk.startDashboard("--lang pl --role lead --as anowak")
        desk.press("/")
        desk.press("-l", "48" + national)
        let found = try desk.waitUntil("only \(target.number)") { $0.contains(" 1 z ") && $0.contains(target.number.description) }
        let rows = found.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.count > 3 && rows[3].hasPrefix(target.number.description), "the complaint is the first row")
        desk.press("Enter", "Enter")
        try desk.waitUntil("the complaint opened") { $0.split(separator: "\n").first?.contains(target.number.description) == true }
        desk.press("Escape", "q")
        try desk.waitFor("EXIT=0")
    }

    /// The checklist as an advisor works it: Space with the timers in focus ticks nothing unseen;
    /// a tick is withdrawn only after a yes; a refused decision names the open steps, and the
    /// checklist reached from the decision form keeps the reasons typed there.
    @Test func theChecklistFromTheKeyboardTicksWithdrawsAndKeepsTheDecisionForm() throws {
        let desk = try TmuxDesk()
        defer { desk.shutDown() }
        let reader = try Desk(log: try EventLog(path: desk.log, create: false, readOnly: true), config: .standard,
                              procedures: try ProcedureLibrary.bundled())
        let library = reader.procedures.procedures
        let target = try #require(reader.state.complaints.open.sorted { $0.number < $1.number }.first { complaint in
            complaint.state == .inAnalysis && Checklist.openMandatorySteps(at: .beforeDecision, on: complaint, procedures: library).count >= 2
        })
        let open = Checklist.openMandatorySteps(at: .beforeDecision, on: target, procedures: library).count
        let start = try desk.startDashboard("--lang en --role lead --as anowak")
        let count = try #require(TmuxDesk.eventCount(in: start))
        desk.press("/")
        desk.press("-l", target.number.description)
        try desk.waitUntil("only \(target.number)") { $0.contains(" 1 of ") && $0.contains(target.number.description) }
        desk.press("Enter", "Enter")
        try desk.waitFor("Open mandatory steps: \(open) – they block: decided")

        // The timers pane has the focus: Space brings the checklist into view and writes nothing.
        desk.press("Space")
        var screen = try desk.waitFor("The checklist is now focused")
        #expect(TmuxDesk.eventCount(in: screen) == count)
        // Now Space ticks the step selected, the first one still open.
        desk.press("Space")
        screen = try desk.waitUntil("the tick saved") { TmuxDesk.eventCount(in: $0) == count + 1 }
        #expect(screen.contains("Saved: checklist step"))

        // Back up to a ticked step: Space asks, no writes nothing, yes withdraws the tick.
        desk.press("Up")
        desk.press("Space")
        try desk.waitFor("Withdraw the tick of “")
        desk.press("n")
        screen = try desk.waitUntil("the question gone") { !$0.contains("Withdraw the tick of") }
        #expect(TmuxDesk.eventCount(in: screen) == count + 1)
        desk.press("Space")
        try desk.waitFor("Withdraw the tick of “")
        desk.press("y")
        screen = try desk.waitFor("Tick withdrawn: “")
        #expect(TmuxDesk.eventCount(in: screen) == count + 2)

        // The decision form, refused: the open steps by their text, and F8 to see them.
        desk.press("d", "Right", "Tab", "Right", "Tab")
        desk.press("-l", "Usterka potwierdzona w oględzinach")
        desk.press("F2")
        screen = try desk.waitFor("Cannot decide yet")
        #expect(screen.contains("F8 shows the checklist; what was typed stays."), "the whole refusal is on screen")
        #expect(!screen.contains("customer-problem/"), "steps are named by their text, not ids")
        #expect(TmuxDesk.eventCount(in: screen) == count + 2)
        desk.press("F8")
        screen = try desk.waitFor("Esc goes back to the form “Decide – \(target.number)”")
        #expect(screen.contains("Open mandatory steps: "))
        desk.press("Space")
        try desk.waitUntil("a tick from the checklist") { TmuxDesk.eventCount(in: $0) == count + 3 }
        desk.press("Escape")
        screen = try desk.waitUntil("the form again") { $0.contains("Reasons *") && !$0.contains("Esc goes back to the form") }
        #expect(screen.contains("Usterka potwierdzona w oględzinach"), "the reasons typed are still there")
        #expect(screen.contains("◂ accepted ▸"))
        desk.press("F10")
        try desk.waitFor("Quit and discard what was typed? (y/n)")
        desk.press("y")
        try desk.waitFor("EXIT=0")
    }
}
