import AsodeskApp
import AsodeskScreen

extension StyleRole {
    /// The colour of a figure's tone (`TimerReading`, `LegalReading`): the glyph beside it says the same.
    init(_ tone: FigureTone) {
        switch tone {
        case .ok: self = .ok
        case .warning: self = .warning
        case .breached: self = .breached
        case .paused: self = .paused
        case .muted: self = .muted
        }
    }
}
