import AsodeskDomain
import AsodeskScreen

/// Placeholder until the screen is built.
public final class DetailScreen: Screen {
    public let number: ComplaintNumber
    public init(number: ComplaintNumber, dashboard: Dashboard) { self.number = number }
    public var contexts: [KeyContext] { [.detail, .list] }
    public var title: LocalizedText { LocalizedText("Reklamacja \(number)", "Complaint \(number)") }
    public func perform(_ command: Command, dashboard: Dashboard) -> Bool { false }
    public func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard) {}
}
