import AsodeskDomain
import AsodeskScreen

/// A yes/no question drawn over the screen that asked it.
public final class QuestionScreen: Screen {
    public let question: String
    public let onYes: (Dashboard) -> Void

    public init(question: String, onYes: @escaping (Dashboard) -> Void) {
        self.question = question
        self.onYes = onYes
    }

    public var contexts: [KeyContext] { [.question] }
    public var title: LocalizedText { LocalizedText("Pytanie", "Question") }
    public var isOverlay: Bool { true }

    public func perform(_ command: Command, dashboard: Dashboard) -> Bool {
        switch command {
        case .answerYes:
            dashboard.close(self)
            onYes(dashboard)
        case .answerNo:
            dashboard.close(self)
        default:
            return command != .quit && command != .help ? true : false
        }
        return true
    }

    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {
        let box = Panel.centred(width: min(area.width - 4, DisplayWidth.of(question) + 6), height: 3, in: area)
        let inner = Panel.box(into: &buffer, area: box, title: "", focused: true)
        buffer.write(question, x: inner.x + 1, y: inner.y, role: .warning, maxWidth: inner.width - 2)
    }
}
