import AsodeskApp
@testable import AsodeskDashboard
import AsodeskDomain
import AsodeskScreen
import Testing

/// The keys fingers know from a shell, long texts read back whole, and the signs that say what
/// the screen does not show (issue 15, item 17).
@Suite struct FieldEditingTests {
    static func form(_ text: String) -> Form {
        Form(title: LocalizedText("Test", "Test"), fields: [.text("note", LocalizedText("Notatka", "Note"), maxLength: 4000, value: text)])
    }

    static func edited(_ text: String, _ keys: Key...) -> (value: String, cursor: Int) {
        var form = form(text)
        for key in keys { form.edit(key) }
        return (form.fields[0].value, form.fields[0].cursor)
    }

    @Test func controlAAndEJumpToTheEnds() {
        #expect(Self.edited("Jan Kowalski", .control("a"), .character("X")) == ("XJan Kowalski", 1))
        #expect(Self.edited("Jan Kowalski", .home, .control("e"), .character("!")) == ("Jan Kowalski!", 13))
    }

    @Test func controlWDeletesTheWordBeforeTheCursorAndTheSpacesAfterIt() {
        #expect(Self.edited("Klientka zadowolona ", .control("w")) == ("Klientka ", 9))
        #expect(Self.edited("Klientka zadowolona", .control("w"), .control("w")) == ("", 0))
        #expect(Self.edited("", .control("w")) == ("", 0))
        // Polish letters are letters: a word with ó and ż goes as one.
        #expect(Self.edited("nie żółknie", .control("w")) == ("nie ", 4))
    }

    @Test func controlUAndKClearEachSideOfTheCursor() {
        #expect(Self.edited("601 234 567", .left, .left, .left, .control("u")) == ("567", 0))
        #expect(Self.edited("601 234 567", .home, .right, .right, .right, .control("k")) == ("601", 3))
    }

    @Test func altBAndFMoveByWords() {
        #expect(Self.edited("Pani Anna Kowalska", .alt("b")).cursor == 10)
        #expect(Self.edited("Pani Anna Kowalska", .alt("b"), .alt("b")).cursor == 5)
        #expect(Self.edited("Pani Anna Kowalska", .home, .alt("f")).cursor == 4)
        #expect(Self.edited("Pani Anna Kowalska", .home, .alt("f"), .alt("f")).cursor == 9)
        #expect(Self.edited("Pani Anna Kowalska", .alt("f")).cursor == 18)
    }

    @Test func theEditingKeysGoToTheFieldNotToTheScreen() throws {
        let dashboard = try DashboardFixture.dashboard(as: "pwisniewski", language: .english)
        DashboardFixture.press(dashboard, .character("n"))
        let intake = try #require(dashboard.top as? IntakeScreen)
        for _ in 0..<4 { DashboardFixture.press(dashboard, .tab) }
        DashboardFixture.type(dashboard, "Anna Kowalsky")
        DashboardFixture.press(dashboard, .control("w"))
        DashboardFixture.type(dashboard, "Kowalska")
        #expect(intake.form.focused.value == "Anna Kowalska")
        #expect(dashboard.top === intake)
    }

    /// Wrapping breaks after spaces, never inside a word that fits a row, and loses nothing.
    @Test(arguments: [
        "Klientka zadowolona z naprawy, prosi o fakturę korygującą na firmę.",
        "complaining about consumers' rights after the repair of the suspension",
        String(repeating: "x", count: 70),
        "",
    ])
    func wrappingKeepsEveryCharacterAndEveryWordWhole(text: String) {
        let characters = Array(text)
        let rows = FormView.wrap(characters, width: 26)
        #expect(rows.map { String(characters[$0]) }.joined() == text)
        for row in rows { #expect(DisplayWidth.of(String(characters[row])) <= 26) }
        let words = text.split(separator: " ")
        if words.allSatisfy({ $0.count <= 26 }) {
            let shown = rows.map { String(characters[$0]).split(separator: " ") }.flatMap { $0 }
            #expect(shown == words, "no word is split across rows")
        }
    }

    /// At 80×24 the summary being typed is read back over three rows, not one of 26 columns; a
    /// longer one keeps the rows around the cursor in view, and once left shows its start with "…".
    @Test func aLongSummaryShowsOverSeveralRowsWithTheCursorInView() throws {
        let dashboard = try DashboardFixture.dashboard(as: "pwisniewski", language: .polish)
        DashboardFixture.press(dashboard, .character("n"))
        let intake = try #require(dashboard.top as? IntakeScreen)
        while intake.form.focused.id != Field.summary.rawValue { DashboardFixture.press(dashboard, .tab) }
        func screen() -> (text: String, cursorLine: String?) {
            let buffer = DashboardFixture.render(dashboard)
            return ((0..<buffer.height).map { buffer.line($0) }.joined(separator: "\n"), buffer.cursor.map { buffer.line($0.y) })
        }
        DashboardFixture.type(dashboard, "Po wymianie klocków hamulce nadal piszczą przy hamowaniu.")
        let short = screen()
        for word in ["Po wymianie", "klocków", "piszczą", "hamowaniu."] { #expect(short.text.contains(word), "\(word)") }
        #expect(short.cursorLine?.contains("hamowaniu.") == true, "the cursor stands on the row being typed")

        DashboardFixture.type(dashboard, " Klientka prosi o telefon po 15.")
        let long = screen()
        #expect(long.cursorLine?.contains("po 15.") == true)
        #expect(!long.text.contains("Po wymianie"), "the first row scrolled up to keep the cursor in view")
        DashboardFixture.press(dashboard, .tab)
        let left = screen()
        #expect(left.text.contains("Po wymianie"), "a field not being typed in shows its start")
        #expect(left.text.contains("…"))
        #expect(intake.form[Field.summary.rawValue].hasSuffix("po 15."), "nothing is cut from what was typed")
    }

    @Test func helpListsTheEditingKeysOfAFormAndTheMarksOfTheQueue() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        DashboardFixture.press(dashboard, .function(1))
        let queueHelp = try #require(dashboard.top as? HelpScreen).rows(dashboard: dashboard)
        #expect(queueHelp.contains { $0.keys == "‖" && $0.label == "paused: the case waits" })
        #expect(queueHelp.contains { $0.keys == "✗" })
        #expect(!queueHelp.contains { $0.keys.contains("^W") }, "the queue has no field to edit")
        DashboardFixture.press(dashboard, .escape, .character("n"), .function(1))
        let formHelp = try #require(dashboard.top as? HelpScreen).rows(dashboard: dashboard)
        #expect(formHelp.contains { $0.keys == "^W" && $0.label == "Delete the word before the cursor" })
        #expect(formHelp.contains { $0.keys == "Alt-B, Alt-F" })
    }

    /// A queue longer than the screen says which rows are shown and that more lie below or above.
    @Test func aLongQueueSaysWhichRowsAreShown() throws {
        let dashboard = try DashboardFixture.dashboard(language: .english)
        let top = DashboardFixture.render(dashboard).line(1)
        #expect(top.hasSuffix("rows 1–18 ↓"), "\(top)")
        DashboardFixture.press(dashboard, .end)
        let bottom = DashboardFixture.render(dashboard).line(1)
        #expect(bottom.contains("↑ rows 28–45") && !bottom.contains("↓"), "\(bottom)")
    }
}
