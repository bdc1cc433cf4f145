import AsodeskDomain
import AsodeskScreen

/// Placeholder until the screen is built.
public final class QueueScreen: Screen {
    public init(dashboard: Dashboard) {}
    public var contexts: [KeyContext] { [] }
    public var title: LocalizedText { LocalizedText("Kolejka", "Queue") }
    public func perform(_ command: Command, dashboard: Dashboard) -> Bool { false }
    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {}
}
