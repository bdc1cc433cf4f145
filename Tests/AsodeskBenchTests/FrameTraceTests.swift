import AsodeskTerminal
import Testing

@Suite struct FrameTraceTests {
    @Test func lineHasTimeCauseAndBytes() {
        #expect(FrameTrace.line(nanoseconds: 123, cause: .key, bytes: 45) == "123 key 45\n")
        #expect(FrameTrace.line(nanoseconds: 7, cause: .tick, bytes: nil) == "7 tick -\n")
    }

    @Test func parseReadsWhatLineWrites() {
        for cause in FrameCause.allCases {
            let line = FrameTrace.line(nanoseconds: 987_654_321, cause: cause, bytes: 12)
            let parsed = FrameTrace.parse(line.dropLast())
            #expect(parsed?.nanoseconds == 987_654_321)
            #expect(parsed?.cause == cause)
            #expect(parsed?.bytes == 12)
        }
        #expect(FrameTrace.parse("1 tick -")?.bytes == nil)
        #expect(FrameTrace.parse("1 sneeze 3") == nil)
        #expect(FrameTrace.parse("x key 3") == nil)
    }

    @Test func offUnlessTheVariableIsSet() {
        #expect(FrameTrace(env: [:]) == nil)
        #expect(FrameTrace(env: [FrameTrace.environmentVariable: ""]) == nil)
    }
}
