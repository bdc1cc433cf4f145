import AsodeskDomain
import AsodeskScreen

/// Placeholder until the screen is built.
public final class IntakeScreen: Screen {
    public init(dashboard: Dashboard) {}
    public var contexts: [KeyContext] { [] }
    public var title: LocalizedText { LocalizedText("Nowa reklamacja", "New complaint") }
    public func perform(_ command: Command, dashboard: Dashboard) -> Bool { false }
    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {}
}
