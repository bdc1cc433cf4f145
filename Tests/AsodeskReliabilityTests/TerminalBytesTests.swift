import AsodeskApp
import AsodeskDashboard
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import AsodeskTestSupport
import Foundation
import Testing

/// No escape sequence from stored text ever reaches the terminal: checked on every cell the
/// dashboard draws, and on the bytes the real dashboard writes to a terminal (under `script`).
@Suite(.serialized) struct TerminalBytesTests {
    /// Monday 2026-11-23 10:30 Europe/Warsaw (TmuxDesk's pinned clock); the log starts three days earlier.
    static let now = Date(timeIntervalSince1970: 1_795_426_200)
    static let logStart = now.addingTimeInterval(-3 * 86_400)

    static func hostileDesk(at path: String, config: SiteConfig = HostileLog.config) throws -> (desk: Desk, injected: Int) {
        let desk = try Desk(log: try EventLog(path: path, create: true), config: config, procedures: try ProcedureLibrary.bundled())
        desk.useSigningKeys(DemoSite.sharedKeyring.signers)
        // A test log: the dashboard under TmuxDesk's pinned clock may write to it (a desk's log opens read-only).
        try desk.writeHeader(kind: .test, now: logStart, by: Actor(id: "anowak", role: .lead))
        let injected = try HostileLog.write(into: desk, startingAt: logStart)
        return (desk, injected)
    }

    @Test func everyCellOfEveryScreenIsFreeOfControlCharacters() throws {
        let folder = TemporaryFolder("asodesk-hostile-cells")
        let (desk, injected) = try Self.hostileDesk(at: folder.file("complaints.log"))
        var screens = 0, cells = 0, unsafeCells = 0
        func check(_ dashboard: Dashboard, _ what: String) {
            var buffer = CellBuffer(width: dashboard.width, height: dashboard.height)
            dashboard.render(into: &buffer)
            screens += 1
            for y in 0..<buffer.height {
                for x in 0..<buffer.width {
                    cells += 1
                    let text = buffer[x, y].text
                    if !HostileText.hazards(in: Array(text.utf8)).isEmpty || text.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                        unsafeCells += 1
                        Issue.record("\(what): cell (\(x), \(y)) holds \(text.debugDescription)")
                    }
                }
            }
        }
        func press(_ dashboard: Dashboard, _ keys: Key...) { for key in keys { _ = dashboard.handle(.key(key)) } }
        func type(_ dashboard: Dashboard, _ text: String) { for character in text { _ = dashboard.handle(.key(.character(character))) } }

        // The lead sees every action, the trainee fewer; both sizes, both languages.
        for (person, language, size) in [("anowak", Language.polish, (80, 24)), ("jlewandowska", .english, (200, 50))] {
            do {
                let settings = DashboardSettings(language: language, handoverDirectory: folder.file("handovers"))
                let dashboard = Dashboard(desk: desk, actor: try desk.actor(id: person, requestedRole: nil), settings: settings,
                                          now: Self.now, width: size.0, height: size.1)
                let label = "\(person) \(language) \(size.0)×\(size.1)"
                check(dashboard, "\(label) queue")
                press(dashboard, .character("z"))
                check(dashboard, "\(label) queue with finished")
                press(dashboard, .character("/"))
                type(dashboard, "Jan \u{1B}]0;PWNED\u{07}\u{202E}")
                check(dashboard, "\(label) search typed")
                press(dashboard, .enter)
                check(dashboard, "\(label) search applied")
                press(dashboard, .escape, .character("1"))
                for complaint in (try desk.allComplaints()) {
                    let detail = DetailScreen(number: complaint.number, dashboard: dashboard)
                    dashboard.push(detail)
                    check(dashboard, "\(label) \(complaint.number)")
                    press(dashboard, .character("i"))
                    check(dashboard, "\(label) \(complaint.number) timers explained")
                    for pane in 1...3 {
                        press(dashboard, .tab, .pageDown)
                        check(dashboard, "\(label) \(complaint.number) pane \(pane)")
                    }
                    press(dashboard, .character("n"))
                    type(dashboard, "Notatka \u{1B}[31m\u{9B}2J")
                    check(dashboard, "\(label) \(complaint.number) note form")
                    press(dashboard, .escape)
                    check(dashboard, "\(label) \(complaint.number) leave the form?")
                    press(dashboard, .character("t"), .character("y"))
                    press(dashboard, .function(1))
                    check(dashboard, "\(label) \(complaint.number) help")
                    dashboard.showRoot(QueueScreen(dashboard: dashboard))
                }
                for (key, screen) in [("3", "shift board"), ("4", "procedures"), ("2", "intake")] {
                    press(dashboard, .character(Character(key)))
                    check(dashboard, "\(label) \(screen)")
                    press(dashboard, .function(1))
                    check(dashboard, "\(label) \(screen) help")
                    press(dashboard, .escape)
                }
                type(dashboard, "Jan \u{1B}P+q\u{1B}\\ \u{202E}")
                check(dashboard, "\(label) intake typed")
                press(dashboard, .function(2))
                check(dashboard, "\(label) intake refused")
            }
        }
        #expect(unsafeCells == 0)
        Figures.report("no escape reaches the terminal (cell buffers)", [
            "hostile texts stored": injected, "screens rendered": screens, "cells checked": cells, "unsafe cells": unsafeCells,
        ])
    }

    @Test(.enabled(if: TmuxDesk.isAvailable && Programs.which("script") != nil,
                   "tmux and script (util-linux) are needed to capture what the dashboard writes to a terminal"))
    func theRealDashboardWritesNoInjectedSequenceToTheTerminal() throws {
        let tmux = try TmuxDesk()
        defer { tmux.shutDown() }
        // The site config beside the log, as the shift lead keeps it.
        try HostileLog.configTOML.write(toFile: tmux.directory + "/site.toml", atomically: true, encoding: .utf8)
        let logPath = tmux.directory + "/hostile.log"
        let config = try SiteConfigLoader.load(path: tmux.directory + "/site.toml")
        #expect(config.siteName == HostileLog.config.siteName, "the TOML carries the hostile names exactly")
        let (desk, injected) = try Self.hostileDesk(at: logPath, config: config)
        let complaints = desk.state.complaints.count
        let typescript = tmux.directory + "/typescript"

        tmux.type("script -q -f -c 'asodesk --log \(logPath) --as anowak --lang en' \(typescript); echo EXIT=$?")
        try tmux.waitUntil("the status line", timeout: 30) { TmuxDesk.eventCount(in: $0) != nil }
        func keys(_ names: String...) throws {
            for name in names { tmux.press(name) }
            _ = try tmux.waitUntilSettled()
        }
        try keys("z")
        try keys("/")
        tmux.press("-l", "Jan")
        try keys("Enter")
        try keys("Escape", "1", "z")
        let rows = LongRun.count(ci: 8, full: complaints)
        for _ in 0..<rows {
            try keys("Enter")
            try keys("i")
            try keys("Tab", "NPage")
            try keys("Tab", "NPage")
            try keys("?")
            try keys("Escape")
            try keys("Escape")
            try keys("j")
        }
        try keys("3")
        try keys("4")
        try keys("1")
        tmux.press("q")
        try tmux.waitFor("EXIT=0", timeout: 15)

        let bytes = readBytes(typescript)
        #expect(bytes.count > 10_000, "the typescript holds what the dashboard drew")
        var found: [String] = []
        for sequence in HostileText.forbiddenOutputs where bytes.firstRange(of: sequence) != nil {
            found.append(String(decoding: sequence, as: UTF8.self).debugDescription)
        }
        let strayC1 = Self.c1Controls(in: bytes)
        #expect(found.isEmpty, "injected sequences reached the terminal: \(found)")
        #expect(strayC1 == 0, "C1 control bytes reached the terminal")
        let visible = String(decoding: bytes, as: UTF8.self)
        #expect(visible.contains("PWNED"), "the hostile text is shown, made visible: \(visible.count) characters")
        #expect(visible.contains("Eskalacja"), "the detail screens with their timelines were drawn")
        Figures.report("no escape reaches the terminal (real dashboard under script)", [
            "bytes written": bytes.count, "hostile texts stored": injected, "hostile sequences checked": HostileText.forbiddenOutputs.count,
            "details opened": rows, "hostile sequences found": found.count + strayC1,
        ])
    }

    /// C1 controls in a byte stream: U+0080–U+009F encoded as UTF-8, or a byte 0x80–0x9F that is
    /// not part of a valid UTF-8 sequence (a terminal may take either as a control).
    static func c1Controls(in bytes: [UInt8]) -> Int {
        var count = 0, index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : (0xC2...0xDF).contains(lead) ? 2 : (0xE0...0xEF).contains(lead) ? 3 : (0xF0...0xF4).contains(lead) ? 4 : 0
            let continuation = length > 1 && index + length <= bytes.count
                && bytes[(index + 1)..<(index + length)].allSatisfy { (0x80...0xBF).contains($0) }
            if length == 1 {
                index += 1
            } else if continuation {
                if lead == 0xC2 && (0x80...0x9F).contains(bytes[index + 1]) { count += 1 }
                index += length
            } else {
                if (0x80...0x9F).contains(lead) { count += 1 }
                index += 1
            }
        }
        return count
    }
}
