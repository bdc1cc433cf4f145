import AsodeskApp
import AsodeskPDF
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Foundation

/// What reaches the dashboard: keys, the clock, the log, the terminal size.
public enum DashboardEvent: Sendable {
    case key(Key)
    /// The clock moved (every second); `now` is the site's current instant.
    case tick(Date)
    /// Another process may have appended to the log.
    case logChanged
    case resized(width: Int, height: Int)
}

public enum DashboardOutcome: Sendable, Equatable {
    case none
    case redraw
    /// Forget what is on the terminal and draw everything again (Ctrl-L).
    case repaint
    case quit
}

/// Settings the dashboard needs beyond the desk itself.
public struct DashboardSettings: Sendable {
    public var language: Language
    /// Where shift handover summaries are written.
    public var handoverDirectory: String
    public init(language: Language, handoverDirectory: String) {
        self.language = language
        self.handoverDirectory = handoverDirectory
    }
}

/// A message shown above the status line until the next key press.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var role: StyleRole
    public init(_ text: String, role: StyleRole) { self.text = text; self.role = role }
}

/// The application state and its update loop (model–update–view, as in bubbletea): the terminal
/// backend feeds events to `handle` and draws what `render` puts in a cell buffer.
public final class Dashboard {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public let desk: Desk
    public let actor: Actor
    public let settings: DashboardSettings
    public var language: Language { settings.language }
    /// Dates, times and numbers in the desk's language and the site's time zone.
    public let style: LocalStyle
    public private(set) var now: Date
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var stack: [Screen] = []
    public var message: StatusMessage?
    /// The clock was pinned (ASODESK_NOW) when the dashboard opened.
    public let clockPinned: Bool
    /// The person said yes to quitting with unsaved input; the key that answered ends the run.
    private var quitConfirmed = false

    /// `clockPinned`: the clock started from ASODESK_NOW. On a desk's log that would date what is
    /// written, so the dashboard then opens read-only and says why (`writeRefusal`).
    public init(desk: Desk, actor: Actor, settings: DashboardSettings, now: Date, width: Int = 80, height: Int = 24,
                clockPinned: Bool = false) {
        self.clockPinned = clockPinned
        self.desk = desk
        self.actor = actor
        self.settings = settings
        self.style = LocalStyle(language: settings.language, timeZone: desk.calendar.timeZone)
        self.now = now
        self.width = width
        self.height = height
        stack = [QueueScreen(dashboard: self)]
        if !desk.logWarnings.isEmpty {
            message = StatusMessage(LogText.warning(desk.logWarnings[0]).text(settings.language), role: .error)
        } else if let refusal = writeRefusal {
            message = StatusMessage(refusal.text.text(settings.language), role: .warning)
        }
    }

    /// Why nothing may be written from this dashboard, or nil: a pinned clock on a desk's log
    /// (every event there is recorded with the machine's clock).
    public var writeRefusal: Refusal? {
        guard clockPinned, !desk.logKind.allowsPinnedClock else { return nil }
        return Refusal(pl: "Tylko do odczytu: zegar jest ustawiony przez ASODESK_NOW, a to log stanowiska; zapisy w nim mają czas zegara komputera. "
                           + "Zamknij (q), wykonaj unset ASODESK_NOW i otwórz ponownie, aby zapisywać.",
                       en: "Read-only: the clock is pinned by ASODESK_NOW and this is a desk's log, whose events carry the machine's clock. "
                           + "Quit (q), unset ASODESK_NOW and open it again to write.")
    }

    public var top: Screen { stack[stack.count - 1] }

    /// The person at this terminal as the desk shows them: name from the config, else the id.
    public var operatorName: String {
        desk.personName(actor.id)
    }

    // MARK: Update

    public func handle(_ event: DashboardEvent) -> DashboardOutcome {
        switch event {
        case .tick(let date):
            now = date
            refreshAll()
            return .redraw
        case .logChanged:
            let changed = (try? desk.refresh()) ?? 0
            if changed > 0 { refreshAll() }
            return changed > 0 ? .redraw : .none
        case .resized(let newWidth, let newHeight):
            width = newWidth
            height = newHeight
            return .repaint
        case .key(let key):
            message = nil
            return handleKey(key)
        }
    }

    private func handleKey(_ key: Key) -> DashboardOutcome {
        let outcome = dispatch(key)
        return quitConfirmed ? .quit : outcome
    }

    private func dispatch(_ key: Key) -> DashboardOutcome {
        let screen = top
        // Too small to draw a screen: only quitting, a question about it and redrawing work,
        // so no key goes unseen into a form or a list.
        if isTooSmall {
            guard let binding = KeyTable.binding(for: key, in: screen is QuestionScreen ? screen.contexts : []),
                  [.quit, .redraw, .answerYes, .answerNo].contains(binding.command) else { return .none }
            if binding.command == .redraw { return .repaint }
            if binding.command == .quit { requestQuit(); return .redraw }
            _ = screen.perform(binding.command, dashboard: self)
            return .redraw
        }
        if screen.capturesText, Form.isEditingKey(key) {
            screen.edit(key, dashboard: self)
            return .redraw
        }
        guard let binding = KeyTable.binding(for: key, in: screen.contexts) else { return .none }
        // A bound key that does not apply says why (as in k9s, the answer travels with the key).
        guard isOffered(binding, on: screen) else {
            refuse(binding, reason: screen.refusal(of: binding, dashboard: self))
            return .redraw
        }
        if binding.command == .quit {
            requestQuit()
            return .redraw
        }
        if binding.command == .redraw { return .repaint }
        if screen.perform(binding.command, dashboard: self) { return .redraw }
        if !performGlobal(binding.command) { refuse(binding, reason: nil) }
        return .redraw
    }

    private func refuse(_ binding: KeyBinding, reason: LocalizedText?) {
        message = StatusMessage((reason ?? RefusalText.notHere(binding)).text(language), role: .warning)
    }

    /// False when the command means nothing outside a screen that did not handle it.
    private func performGlobal(_ command: Command) -> Bool {
        switch command {
        case .back:
            if stack.count > 1 {
                let leaving = top
                leave([leaving], then: { $0.close(leaving) })
            }
        case .help:
            if !(top is HelpScreen) { push(HelpScreen(describing: top)) }
        case .showQueue:
            showRoot(QueueScreen(dashboard: self))
        case .newComplaint:
            showRoot(IntakeScreen(dashboard: self))
        case .showShiftBoard:
            showRoot(ShiftBoardScreen(dashboard: self))
        case .showProcedures:
            showRoot(ProceduresScreen(dashboard: self))
        case .showReview:
            showRoot(ReviewScreen(dashboard: self))
        case .showImprovement:
            showRoot(ImprovementScreen(dashboard: self))
        default:
            return false
        }
        return true
    }

    /// Whether the binding is offered to this person on this screen now.
    public func isOffered(_ binding: KeyBinding, on screen: Screen) -> Bool {
        screen.offers(binding, dashboard: self)
    }

    // MARK: Navigation

    public func push(_ screen: Screen) { stack.append(screen) }

    /// Closes a screen (a form that was saved, a question answered) and whatever is drawn over it.
    /// The queue at the bottom never closes.
    public func close(_ screen: Screen) {
        guard let index = stack.firstIndex(where: { $0 === screen }), index > 0 else { return }
        stack.removeSubrange(index...)
    }

    /// Switches to a top-level screen. The queue stays at the bottom of the stack, so Esc returns
    /// there; unsaved input is given up only after asking.
    public func showRoot(_ screen: Screen) {
        leave(stack, then: { dashboard in
            dashboard.stack = screen is QueueScreen ? [dashboard.stack[0]] : [dashboard.stack[0], screen]
        })
    }

    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    /// Quits, or first asks whether to throw away what is typed on any open screen.
    private func requestQuit() {
        leave(stack, quitting: true, then: { $0.quitConfirmed = true })
    }

    /// Runs `proceed` at once when none of `screens` holds unsaved input; otherwise asks (one
    /// question, naming what the topmost of them would lose) and runs it on yes. On no, or Esc,
    /// everything stays as typed.
    private func leave(_ screens: [Screen], quitting: Bool = false, then proceed: @escaping (Dashboard) -> Void) {
        // A question already asked is answered first; asking a second would hide it.
        if top is QuestionScreen {
            message = StatusMessage(language == .polish ? "Najpierw odpowiedz na pytanie: t albo n." : "Answer the question first: y or n.",
                                    role: .warning)
            return
        }
        guard let lost = screens.reversed().lazy.compactMap({ $0.unsavedInput(dashboard: self) }).first else {
            proceed(self)
            return
        }
        let object = lost.text(language)
        let question = switch (language, quitting) {
        case (.polish, true): "Wyjść i porzucić \(object)? (t/n)"
        case (.polish, false): "Porzucić \(object)? (t/n)"
        case (.english, true): "Quit and discard \(object)? (y/n)"
        case (.english, false): "Discard \(object)? (y/n)"
        }
        push(QuestionScreen(question: question, onYes: proceed))
    }

    func refreshAll() {
        for screen in stack { screen.refresh(dashboard: self) }
    }

    // MARK: Writing

    /// Records an action as this operator now. A refusal or failure becomes the status message
    /// (and is returned) so the caller can keep what was typed.
    @discardableResult
    public func perform(_ action: ComplaintAction, on number: ComplaintNumber?, occurredAt: Date? = nil,
                        backdateReason: String? = nil) -> Result<ComplaintEvent, Error> {
        perform([action], on: number, occurredAt: occurredAt, backdateReason: backdateReason).map { $0[0] }
    }

    /// Records everything one form saves, all or nothing (`Desk.perform`); as above otherwise.
    @discardableResult
    public func perform(_ actions: [ComplaintAction], on number: ComplaintNumber?, occurredAt: Date? = nil,
                        backdateReason: String? = nil) -> Result<[ComplaintEvent], Error> {
        do {
            if let refusal = writeRefusal { throw refusal }
            let events = try desk.perform(actions, on: number, by: actor, occurredAt: occurredAt, now: now,
                                          backdateReason: backdateReason)
            refreshAll()
            return .success(events)
        } catch let refusal as Refusal where refusal.gate != nil {
            // Held back by open mandatory steps: named by their text, with the key that shows them.
            let key = KeyTable.reachable(in: top.contexts).first { $0.command == .showChecklist }?.keys.first?.label
            message = StatusMessage(RefusalText.blocked(refusal.gate!, checklistKey: key).text(language), role: .error)
            return .failure(refusal)
        } catch {
            message = StatusMessage(Self.explain(error, language: language), role: .error)
            return .failure(error)
        }
    }

    /// Records a step of the action register as this operator now; as `perform` otherwise.
    @discardableResult
    public func record(_ change: ImprovementChange, on id: ActionID?) -> Result<ImprovementEvent, Error> {
        do {
            if let refusal = writeRefusal { throw refusal }
            let event = try desk.recordImprovement(change, on: id, by: actor, now: now)
            refreshAll()
            return .success(event)
        } catch {
            message = StatusMessage(Self.explain(error, language: language), role: .error)
            return .failure(error)
        }
    }

    /// An error in words for the desk: what went wrong and what to do.
    public static func explain(_ error: Error, language: Language) -> String {
        if let fields = error as? FieldErrors {
            return fields.errors.map { "\($0.field.label.text(language)): \($0.message.text(language))" }.joined(separator: "; ")
        }
        if let refusal = error as? Refusal { return refusal.text.text(language) }
        if let desk = error as? DeskError { return desk.text.text(language) }
        if let logError = error as? LogError { return LogText.error(logError).text(language) }
        if let failure = error as? AnswerSending.Failure { return failure.text.text(language) }
        if let refusal = error as? LetterRefusal { return refusal.text.text(language) }
        if let feedback = error as? FeedbackError { return feedback.text.text(language) }
        let prefix = language == .polish ? "Nie zapisano: " : "Not saved: "
        return prefix + String(describing: error)
    }

    // MARK: View

    public func render(into buffer: inout CellBuffer) {
        Chrome.render(self, into: &buffer)
    }
}
