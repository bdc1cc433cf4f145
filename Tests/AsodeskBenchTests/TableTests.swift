import AsodeskBench
import Testing

@Suite struct TableTests {
    @Test func rendersAHeaderASeparatorAndEscapedCells() {
        let table = MarkdownTable.render(header: ["A", "B"], rows: [["x|y", "z"], ["only"]])
        #expect(table == "| A | B |\n|---|---|\n| x\\|y | z |\n| only |  |\n")
    }

    @Test func rowsSayWhetherTheGoalWasMet() {
        let row = BenchmarkRow(figure: "f", goal: "g", baseline: "b", result: "r", ratio: "1.00×", met: false, command: "c")
        #expect(row.cells == ["f", "g", "b", "r", "1.00×", "**no**", "`c`"])
        #expect(MarkdownTable.render([row]).hasPrefix("| Figure | Goal |"))
    }

    @Test func figuresAreReadable() {
        #expect(Figures.milliseconds(250_000) == "0.250 ms")
        #expect(Figures.milliseconds(12_340_000) == "12.3 ms")
        #expect(Figures.milliseconds(150_000_000) == "150 ms")
        #expect(Figures.count(1_234_567) == "1,234,567")
        #expect(Figures.count(999) == "999")
        #expect(Figures.ratio(1.234) == "1.23×")
        #expect(Figures.megabytes(52_400_000) == "52.4 MB")
    }
}
