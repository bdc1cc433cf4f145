import AsodeskDomain

/// One row of the key-binding table: the keys, what they do, where, and how the footer and the
/// help screen name it.
public struct KeyBinding: Sendable {
    public var context: KeyContext
    public var keys: [Key]
    public var command: Command
    public var label: LocalizedText
    /// Shown in the footer (the help screen shows every binding of the context).
    public var inFooter: Bool
    /// The lifecycle verb behind the command, so a role that may not use it is not offered it.
    public var verb: ActionVerb?
    /// The key the footer names in each language, when it is not the first of `keys` in both
    /// (yes is `t` for "tak" in Polish and `y` in English; both work in either).
    public var footerKey: LocalizedText?

    public init(_ context: KeyContext, _ keys: [Key], _ command: Command, _ pl: String, _ en: String,
                footer: Bool = false, verb: ActionVerb? = nil, footerKey: LocalizedText? = nil) {
        self.context = context; self.keys = keys; self.command = command
        self.label = LocalizedText(pl: pl, en: en); self.inFooter = footer; self.verb = verb
        self.footerKey = footerKey
    }
}

/// The one key-binding table: dispatch, the footer hints and the help screen all read it
/// (as in htop), so a key cannot do one thing and be described as another.
public enum KeyTable {
    private static func c(_ s: Character) -> Key { .character(s) }

    public static let bindings: [KeyBinding] = [
        // Anywhere. Function keys work in forms too; letters and digits type there instead.
        KeyBinding(.global, [c("?"), .function(1)], .help, "Pomoc", "Help", footer: true),
        KeyBinding(.global, [c("q"), .function(10)], .quit, "Wyjście", "Quit", footer: true),
        KeyBinding(.global, [.control("l")], .redraw, "Odśwież ekran", "Redraw the screen"),
        KeyBinding(.global, [.escape], .back, "Wstecz", "Back"),
        KeyBinding(.global, [c("1"), .function(2)], .showQueue, "Kolejka", "Queue"),
        KeyBinding(.global, [c("2"), .function(3)], .newComplaint, "Nowa reklamacja", "New complaint", verb: .receive),
        KeyBinding(.global, [c("3"), .function(4)], .showShiftBoard, "Tablica zmiany", "Shift board"),
        KeyBinding(.global, [c("4"), .function(5)], .showProcedures, "Procedury", "Procedures"),
        KeyBinding(.global, [c("5"), .function(9)], .showImprovement, "Działania korygujące", "Corrective actions"),
        KeyBinding(.global, [c("6"), .function(7)], .showReview, "Przegląd miesięczny", "Monthly review"),

        // Any list or scrolling pane.
        KeyBinding(.list, [.up, c("k")], .up, "W górę", "Up"),
        KeyBinding(.list, [.down, c("j")], .down, "W dół", "Down"),
        KeyBinding(.list, [.pageUp], .pageUp, "Strona w górę", "Page up"),
        KeyBinding(.list, [.pageDown], .pageDown, "Strona w dół", "Page down"),
        KeyBinding(.list, [.home, c("g")], .top, "Na początek", "To the top"),
        KeyBinding(.list, [.end, c("G")], .bottom, "Na koniec", "To the end"),

        // Screens with several panes.
        KeyBinding(.panes, [.tab], .nextPane, "Następny panel", "Next pane"),
        KeyBinding(.panes, [.backTab], .previousPane, "Poprzedni panel", "Previous pane"),

        // Queue (home screen).
        KeyBinding(.queue, [.enter], .open, "Otwórz", "Open", footer: true),
        KeyBinding(.queue, [c("/")], .search, "Szukaj", "Search", footer: true),
        KeyBinding(.queue, [c("s")], .cycleSort, "Sortuj", "Sort", footer: true),
        KeyBinding(.queue, [c("m")], .toggleMine, "Moje", "Mine", footer: true),
        KeyBinding(.queue, [c("u")], .toggleUnassigned, "Nieprzydzielone", "Unassigned"),
        KeyBinding(.queue, [c("f")], .filter, "Filtr", "Filter", footer: true),
        KeyBinding(.queue, [c("c")], .clearFilters, "Wyczyść filtry", "Clear filters"),
        KeyBinding(.queue, [c("z")], .toggleFinished, "Także zakończone", "Include finished"),
        KeyBinding(.queue, [c("n")], .newComplaint, "Nowa", "New", footer: true, verb: .receive),

        // Detail of one complaint: every lifecycle action from a key, each opening a small form.
        KeyBinding(.detail, [c("i")], .explainTimers, "Dlaczego tyle? (liczniki)", "Why? (timers)", footer: true),
        KeyBinding(.detail, [c("a")], .act(.acknowledge), "Potwierdź przyjęcie", "Acknowledge", footer: true, verb: .acknowledge),
        KeyBinding(.detail, [c("P")], .prepareReceipt, "Potwierdzenie przyjęcia (pismo)", "Confirmation of receipt (letter)",
                   verb: .acknowledge),
        KeyBinding(.detail, [c("c")], .act(.contact), "Kontakt", "Contact", footer: true, verb: .contact),
        KeyBinding(.detail, [c("w")], .act(.wait), "Wstrzymaj (czekamy)", "Wait", verb: .wait),
        KeyBinding(.detail, [c("r")], .act(.resume), "Wznów", "Resume", verb: .resume),
        KeyBinding(.detail, [c("o")], .act(.assign), "Przydziel", "Assign", footer: true, verb: .assign),
        KeyBinding(.detail, [c("e")], .act(.escalate), "Eskaluj", "Escalate", verb: .escalate),
        KeyBinding(.detail, [c("d")], .act(.decide), "Decyzja", "Decide", footer: true, verb: .decide),
        KeyBinding(.detail, [c("x")], .act(.close), "Zamknij", "Close", verb: .close),
        KeyBinding(.detail, [c("R")], .act(.reopen), "Otwórz ponownie", "Reopen", verb: .reopen),
        KeyBinding(.detail, [c("n")], .act(.note), "Notatka", "Note", footer: true, verb: .note),
        KeyBinding(.detail, [c(" ")], .act(.check), "Odhacz / cofnij krok listy", "Tick / withdraw a step", verb: .check),
        KeyBinding(.detail, [c("l"), .function(8)], .showChecklist, "Lista kroków (cały ekran)", "Checklist (full screen)"),
        KeyBinding(.detail, [c("O")], .act(.override), "Pomiń krok (kierownik)", "Override step (lead)", verb: .override),
        KeyBinding(.detail, [c("F")], .act(.followUp), "Telefon kontrolny", "Follow-up call", verb: .followUp),
        KeyBinding(.detail, [c("s")], .act(.answer), "Przygotuj odpowiedź", "Prepare answer", footer: true, verb: .answer),
        KeyBinding(.detail, [c("D")], .act(.delivered), "Odpowiedź doręczona", "Answer delivered", verb: .delivered),
        KeyBinding(.detail, [c("A")], .act(.amend), "Popraw dane", "Correct data", verb: .amend),
        KeyBinding(.detail, [c("L")], .act(.link), "Powiąż z inną reklamacją", "Link with another complaint", verb: .link),
        KeyBinding(.detail, [c("z")], .act(.attach), "Dołącz dokument lub zdjęcie", "Attach a document or photo", verb: .attach),
        KeyBinding(.detail, [c("T")], .act(.markTest), "Oznacz jako test (tajemniczy klient)", "Mark as a test (mystery shopping)",
                   verb: .markTest),

        // Prepare answer: the letter previewed, then how it is given.
        KeyBinding(.answer, [c("e")], .answerByEmail, "Wyślij e-mailem", "E-mail it", footer: true, verb: .answer),
        KeyBinding(.answer, [c("p")], .answerPrint, "Drukuj do wysłania", "Print to post", footer: true, verb: .answer),
        KeyBinding(.answer, [c("h")], .answerInPerson, "Wręczono osobiście", "Handed over", footer: true, verb: .answer),
        KeyBinding(.answer, [c("m")], .answerOther, "Wysłano inaczej", "Sent another way", footer: true, verb: .answer),
        KeyBinding(.answer, [c("l")], .letterLanguage, "Język pisma", "Letter language", footer: true),

        // Any form (intake, an action, a filter). Letters type; these keys move and save.
        KeyBinding(.form, [.tab, .down], .nextField, "Następne pole", "Next field"),
        KeyBinding(.form, [.backTab, .up], .previousField, "Poprzednie pole", "Previous field"),
        KeyBinding(.form, [.function(2), .control("s")], .submit, "Zapisz", "Save", footer: true),
        // A form acting on a complaint: its checklist, the form waiting below with what was typed.
        KeyBinding(.actionForm, [.function(8)], .showChecklist, "Lista kroków", "Checklist", footer: true),
        KeyBinding(.form, [.escape], .back, "Anuluj", "Cancel", footer: true),

        // Intake: the checklist beside the form. Function keys, because letters type into the fields.
        KeyBinding(.intake, [.function(6)], .confirmStep, "Potwierdź krok", "Confirm step", footer: true, verb: .check),
        KeyBinding(.intake, [.function(7)], .unconfirmStep, "Cofnij krok", "Undo step", footer: true, verb: .check),

        // The checklist on its own screen (from the detail screen or an action form).
        KeyBinding(.checklist, [c(" ")], .act(.check), "Odhacz / cofnij krok", "Tick / withdraw a step", footer: true, verb: .check),
        KeyBinding(.checklist, [.escape], .back, "Wróć", "Back", footer: true),

        // Monthly review.
        KeyBinding(.review, [.enter], .open, "Reklamacje", "Complaints", footer: true),
        KeyBinding(.review, [.left, c("[")], .previousMonth, "Poprzedni miesiąc", "Previous month", footer: true),
        KeyBinding(.review, [.right, c("]")], .nextMonth, "Następny miesiąc", "Next month", footer: true),
        KeyBinding(.review, [c("w")], .toggleWindow, "Miesiąc / 12 miesięcy", "Month / 12 months", footer: true),
        KeyBinding(.reviewList, [.enter], .open, "Otwórz", "Open", footer: true),

        // Shift board (for the shift lead).
        KeyBinding(.shiftBoard, [.enter], .open, "Otwórz", "Open", footer: true),
        KeyBinding(.shiftBoard, [c("o")], .reassign, "Przydziel ponownie", "Reassign", footer: true, verb: .assign),
        KeyBinding(.shiftBoard, [c("e")], .escalate, "Eskaluj", "Escalate", footer: true, verb: .escalate),
        KeyBinding(.shiftBoard, [c("h")], .writeHandover, "Raport zmiany", "Shift handover", footer: true),
        KeyBinding(.shiftBoard, [c("v")], .reviewFeedback, "Przejrzyj niską ocenę", "Review a low score"),

        // Procedures: library, walk-through, practice, training record.
        KeyBinding(.procedures, [.enter], .walkThrough, "Przejdź krok po kroku", "Walk through", footer: true),
        KeyBinding(.procedures, [c("p")], .practice, "Ćwiczenie", "Practice", footer: true),
        KeyBinding(.procedures, [c("t")], .trainingRecord, "Rejestr szkoleń", "Training record", footer: true),
        KeyBinding(.walkThrough, [.enter, c(" ")], .confirmStep, "Potwierdź krok", "Confirm step", footer: true),
        KeyBinding(.walkThrough, [c("s")], .skipStep, "Pomiń krok nieobowiązkowy", "Skip optional step", footer: true),

        // The action register (Improvement screen), and one action: its steps from letters.
        KeyBinding(.improvement, [.enter], .open, "Otwórz", "Open", footer: true),
        KeyBinding(.improvement, [c("n")], .improve(.open), "Nowe działanie", "New action", footer: true),
        KeyBinding(.improvement, [c("d")], .improve(.done), "Wykonane", "Done", footer: true),
        KeyBinding(.improvement, [c("v")], .improve(.verify), "Oceń skuteczność (kierownik)", "Verify (lead)", footer: true),
        KeyBinding(.improvement, [c("A")], .improve(.amend), "Zmień", "Amend"),
        KeyBinding(.improvement, [c("x")], .improve(.cancel), "Anuluj działanie (kierownik)", "Cancel the action (lead)"),
        KeyBinding(.improvementDetail, [.enter], .open, "Otwórz reklamację", "Open the complaint", footer: true),
        KeyBinding(.improvementDetail, [c("d")], .improve(.done), "Wykonane", "Done", footer: true),
        KeyBinding(.improvementDetail, [c("v")], .improve(.verify), "Oceń skuteczność (kierownik)", "Verify (lead)", footer: true),
        KeyBinding(.improvementDetail, [c("A")], .improve(.amend), "Zmień", "Amend", footer: true),
        KeyBinding(.improvementDetail, [c("x")], .improve(.cancel), "Anuluj działanie (kierownik)", "Cancel the action (lead)"),

        // A yes/no question.
        KeyBinding(.question, [c("t"), c("y")], .answerYes, "Tak", "Yes", footer: true, footerKey: LocalizedText("t", "y")),
        KeyBinding(.question, [c("n"), .escape], .answerNo, "Nie", "No", footer: true),
    ]

    /// The binding a key triggers in the given contexts (innermost first, `.global` last).
    public static func binding(for key: Key, in contexts: [KeyContext]) -> KeyBinding? {
        for context in contexts + [.global] {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return binding
            }
        }
        return nil
    }

    /// Every binding reachable from these contexts, innermost first, without the ones a closer
    /// context shadows (a key that does something else here is not listed twice).
    public static func reachable(in contexts: [KeyContext]) -> [KeyBinding] {
        var taken: Set<Key> = []
        var result: [KeyBinding] = []
        for context in contexts + [.global] {
            for binding in bindings where binding.context == context {
                let free = binding.keys.filter { !taken.contains($0) }
                guard !free.isEmpty else { continue }
                var shown = binding
                shown.keys = free
                result.append(shown)
            }
            for binding in bindings where binding.context == context { taken.formUnion(binding.keys) }
        }
        return result
    }
}
