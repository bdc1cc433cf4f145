import AsodeskDomain

/// Everything a key can ask the dashboard to do. The key-binding table maps keys to these.
public enum Command: Hashable, Sendable {
    // Anywhere
    case help, quit, redraw, back
    case showQueue, newComplaint, showShiftBoard, showProcedures, showReview, showImprovement
    // Lists and panes
    case up, down, pageUp, pageDown, top, bottom, open, nextPane, previousPane
    // Queue
    case search, cycleSort, toggleMine, toggleUnassigned, filter, clearFilters, toggleFinished
    // Detail
    case explainTimers
    /// The checklist of the complaint on a screen of its own (from the detail screen or an action
    /// form, which waits below it with what was typed).
    case showChecklist
    /// The confirmation of receipt previewed, then given: what acknowledging sends.
    case prepareReceipt
    case act(ActionVerb)
    // Forms
    case submit, nextField, previousField
    // Shift board
    case reassign, escalate, writeHandover
    /// A shift lead records that a low survey or mystery-shopping result was reviewed.
    case reviewFeedback
    // Procedures
    case walkThrough, practice, confirmStep, trainingRecord
    /// Intake checklist: take back the last confirmation; walk-through: skip an optional step.
    case unconfirmStep, skipStep
    // Prepare answer: send, print, hand over, record another way, the letter's language
    case answerByEmail, answerPrint, answerInPerson, answerOther, letterLanguage
    // Monthly review: the month before or after, the chosen month or the twelve months together
    case previousMonth, nextMonth, toggleWindow
    /// The action register: a step of the selected action (open: a new one).
    case improve(ImprovementVerb)
    // Questions ("discard changes?")
    case answerYes, answerNo
}

/// Where a binding applies. A screen's contexts are looked up innermost first, then `.global`.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    case global, list, panes, queue, detail, form, intake, shiftBoard = "shift-board", procedures, walkThrough = "walk-through"
    case help, question, answer
    /// The checklist screen; a form that acts on a complaint (it can open that checklist).
    case checklist
    case actionForm = "action-form"
    /// The monthly review, and the complaints behind one of its rows.
    case review
    case reviewList = "review-list"
    /// The action register (Improvement screen) and one action's detail.
    case improvement, improvementDetail = "improvement-detail"
}
