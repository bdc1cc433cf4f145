import AsodeskDomain
import AsodeskScreen

/// One screen of the dashboard (or a small form or question drawn over one). The dashboard keeps
/// them on a stack: Esc goes back to the one below.
public protocol Screen: AnyObject {
    /// Key contexts of this screen, innermost first (e.g. `[.queue, .list]`); `.global` is implied.
    var contexts: [KeyContext] { get }
    /// Shown in the title bar.
    var title: LocalizedText { get }
    /// Drawn over the screen below it instead of replacing it.
    var isOverlay: Bool { get }
    /// A text field has focus: printable keys, Backspace, Delete, ←/→, Home and End edit it
    /// instead of being looked up in the key table.
    var capturesText: Bool { get }
    /// Edits the focused text field with a key (only called while `capturesText`).
    func edit(_ key: Key, dashboard: Dashboard)
    /// Handles a command from the key table. Returns false when it does not apply here, so the
    /// dashboard handles it (Esc goes back, screen keys switch screens).
    func perform(_ command: Command, dashboard: Dashboard) -> Bool
    /// Time passed or the log changed: recompute what is derived from the desk.
    func refresh(dashboard: Dashboard)
    func render(into buffer: inout CellBuffer, area: Rect, dashboard: Dashboard)
    /// Whether the screen offers a binding now (on top of the role check the dashboard does).
    func offers(_ binding: KeyBinding, dashboard: Dashboard) -> Bool
    /// Why a binding the screen does not offer now is refused, and who may use it; nil: the
    /// dashboard says only that it is not available here. A bound key is never silent.
    func refusal(of binding: KeyBinding, dashboard: Dashboard) -> LocalizedText?
    /// What leaving the screen now would throw away, as the object of "discard …?" (e.g. "what
    /// was typed"); nil when nothing. The dashboard asks before any way out: Esc, another
    /// screen, quitting.
    func unsavedInput(dashboard: Dashboard) -> LocalizedText?
    /// Commands that move the work on from here (the next steps of a complaint's lifecycle):
    /// the footer names them first, whether or not their binding is a footer hint elsewhere.
    func nextSteps(dashboard: Dashboard) -> [Command]
    /// What the marks the screen draws mean (a mark and its meaning), listed in help under the keys.
    var legend: [(mark: String, meaning: LocalizedText)] { get }
}

public extension Screen {
    var isOverlay: Bool { false }
    var capturesText: Bool { false }
    func edit(_ key: Key, dashboard: Dashboard) {}
    func refresh(dashboard: Dashboard) {}
    func offers(_ binding: KeyBinding, dashboard: Dashboard) -> Bool { true }
    func refusal(of binding: KeyBinding, dashboard: Dashboard) -> LocalizedText? { nil }
    func unsavedInput(dashboard: Dashboard) -> LocalizedText? { nil }
    func nextSteps(dashboard: Dashboard) -> [Command] { [] }
    var legend: [(mark: String, meaning: LocalizedText)] { [] }
}
