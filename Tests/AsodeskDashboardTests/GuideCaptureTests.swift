import Foundation
import Testing

/// The screen captures in the user guides (docs/guides) are the golden screens, so the guides
/// always show what the dashboard really draws. `ASODESK_UPDATE_GOLDEN=1` rewrites them too.
@Suite struct GuideCaptureTests {
    static let guides = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/guides")

    /// Every `<!-- screen: NAME -->` marker followed by a fenced text block, with the block's range.
    static func captures(in text: String) -> [(name: String, range: Range<String.Index>)] {
        var found: [(String, Range<String.Index>)] = []
        var search = text.startIndex..<text.endIndex
        while let marker = text.range(of: "<!-- screen: ", range: search),
              let close = text.range(of: " -->\n```text\n", range: marker.upperBound..<text.endIndex),
              let end = text.range(of: "```\n", range: close.upperBound..<text.endIndex) {
            found.append((String(text[marker.upperBound..<close.lowerBound]), close.upperBound..<end.lowerBound))
            search = end.upperBound..<text.endIndex
        }
        return found
    }

    @Test func everyGuideCaptureIsTheGoldenScreen() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.guides.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(files.count == 6, "a guide per role in Polish and English")
        let update = ProcessInfo.processInfo.environment["ASODESK_UPDATE_GOLDEN"] == "1"
        var total = 0
        for file in files {
            let url = Self.guides.appendingPathComponent(file)
            var text = try String(contentsOf: url, encoding: .utf8)
            let captures = Self.captures(in: text)
            #expect(!captures.isEmpty, "\(file) shows no screen")
            total += captures.count
            for capture in captures.reversed() {
                let golden = Golden.directory.appendingPathComponent(capture.name + ".txt")
                let screen = try #require(try? String(contentsOf: golden, encoding: .utf8), "\(file): no golden screen \(capture.name)")
                if update {
                    text.replaceSubrange(capture.range, with: screen)
                } else {
                    #expect(String(text[capture.range]) == screen,
                            "\(file): the capture of \(capture.name) is out of date; run ASODESK_UPDATE_GOLDEN=1 swift test --filter GuideCaptureTests")
                }
            }
            if update { try text.write(to: url, atomically: true, encoding: .utf8) }
        }
        #expect(total >= 12)
    }
}
