import AsodeskApp
import AsodeskDomain

/// One choice of a choice field: the stored value and what the desk reads.
public struct FormChoice: Sendable, Hashable {
    public var value: String
    public var label: LocalizedText
    public init(_ value: String, _ label: LocalizedText) { self.value = value; self.label = label }
}

public struct FormField: Sendable {
    public enum Kind: Sendable {
        /// One line of text, at most `maxLength` characters. Longer input is kept as typed or
        /// pasted, marked next to the field with how much to cut, and refused when saving.
        case text(maxLength: Int)
        /// One of fixed choices, changed with ← and → (or the first letter).
        case choice([FormChoice])
    }

    public var id: String
    public var label: LocalizedText
    public var required: Bool
    public var kind: Kind
    public var value: String
    /// Insertion point in `value`, in characters.
    public var cursor: Int
    /// What is wrong with the value, shown next to the field until it is edited.
    public var error: LocalizedText?
    /// A short example or rule, shown while the field is focused.
    public var hint: LocalizedText?

    public init(id: String, label: LocalizedText, required: Bool = false, kind: Kind, value: String = "",
                hint: LocalizedText? = nil) {
        self.id = id; self.label = label; self.required = required; self.kind = kind
        self.value = value; self.cursor = value.count; self.hint = hint
    }

    public static func text(_ id: String, _ label: LocalizedText, required: Bool = false, maxLength: Int = 200,
                            value: String = "", hint: LocalizedText? = nil) -> FormField {
        FormField(id: id, label: label, required: required, kind: .text(maxLength: maxLength), value: value, hint: hint)
    }

    /// A free-text field as long as the record allows what it holds (`Field.textLimits`), so the
    /// form and the log agree on the limit.
    public static func text(_ id: String, _ label: LocalizedText, required: Bool = false, holding field: Field,
                            value: String = "", hint: LocalizedText? = nil) -> FormField {
        text(id, label, required: required, maxLength: field.textLimits?.maximum ?? 200, value: value, hint: hint)
    }

    /// `required: false` for a choice whose first value is "not given" (a preference the customer may not state).
    public static func choice(_ id: String, _ label: LocalizedText, _ choices: [FormChoice], value: String? = nil,
                              required: Bool = true, hint: LocalizedText? = nil) -> FormField {
        FormField(id: id, label: label, required: required, kind: .choice(choices), value: value ?? choices.first?.value ?? "",
                  hint: hint)
    }

    /// Rows the field takes on screen: a free text that may run to paragraphs (a summary, a
    /// note, the reasons) wraps over several, so what was typed can be read back before saving.
    public var lines: Int {
        guard case .text(let maxLength) = kind else { return 1 }
        return maxLength >= 2000 ? 3 : maxLength >= 1000 ? 2 : 1
    }

    /// Over the limit: how long the text is and how much to cut (nothing is cut for the person).
    public var lengthError: LocalizedText? {
        guard case .text(let maxLength) = kind else { return nil }
        let count = value.count
        guard count > maxLength else { return nil }
        return LocalizedText("Za długie: \(count) znaków, najwyżej \(maxLength) – skróć o \(count - maxLength); nic jeszcze nie zapisano.",
                             "Too long: \(count) characters, at most \(maxLength) – shorten by \(count - maxLength); nothing is saved yet.")
    }

    public var choices: [FormChoice] {
        if case .choice(let choices) = kind { return choices }
        return []
    }

    /// What the field shows: the text, or the chosen option's label.
    public func display(_ language: Language) -> String {
        if case .choice(let choices) = kind {
            return choices.first(where: { $0.value == value })?.label.text(language) ?? value
        }
        return value
    }
}

/// A form being filled in: fields, focus, editing, and errors shown next to their fields.
/// Nothing typed is ever thrown away by a refusal: the caller sets errors and the form stays.
public struct Form: Sendable {
    public var title: LocalizedText
    public var fields: [FormField]
    public var focus = 0
    /// The first row drawn when the form is taller than its area (kept by `FormView`).
    public var scroll = 0
    private var initialValues: [String]

    public init(title: LocalizedText, fields: [FormField]) {
        self.title = title
        self.fields = fields
        initialValues = fields.map(\.value)
    }

    /// Whether anything differs from how the form was opened (Esc then asks before discarding).
    public var isChanged: Bool { fields.map(\.value) != initialValues }

    public var focused: FormField { fields[focus] }

    public func index(of id: String) -> Int? { fields.firstIndex { $0.id == id } }

    /// The value of a field (text as typed; a choice's stored value).
    public subscript(id: String) -> String {
        get { index(of: id).map { fields[$0].value } ?? "" }
        set { if let i = index(of: id) { fields[i].value = newValue; fields[i].cursor = newValue.count } }
    }

    /// The trimmed text of a field, or nil when it is empty.
    public func text(_ id: String) -> String? {
        let value = self[id].trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    public mutating func nextField() { focus = (focus + 1) % fields.count }
    public mutating func previousField() { focus = (focus + fields.count - 1) % fields.count }

    public mutating func setError(_ id: String, _ message: LocalizedText?) {
        if let i = index(of: id) { fields[i].error = message }
    }

    public mutating func clearErrors() {
        for i in fields.indices { fields[i].error = nil }
    }

    /// Marks required fields left empty and texts over their limit; returns whether none is.
    public mutating func checkBeforeSaving() -> Bool {
        var ok = true
        for i in fields.indices {
            if fields[i].required && fields[i].value.trimmingCharacters(in: .whitespaces).isEmpty {
                fields[i].error = LocalizedText("Pole wymagane.", "Required.")
                ok = false
            } else if let tooLong = fields[i].lengthError {
                fields[i].error = tooLong
                ok = false
            }
        }
        if !ok, let first = fields.firstIndex(where: { $0.error != nil }) { focus = first }
        return ok
    }

    /// How much a pasted text may hold before the rest is not taken (far above any field's limit,
    /// so an over-long paste is kept whole to be shortened, never silently cut).
    public static let pasteLimit = 20_000

    /// Focuses the first field with an error.
    public mutating func focusFirstError() {
        if let first = fields.firstIndex(where: { $0.error != nil }) { focus = first }
    }

    /// The keys a text field takes besides typing, as shells and readline have them: the help
    /// lists them and the dashboard routes them to the field.
    public static let editingKeys: [(keys: [Key], label: LocalizedText)] = [
        ([.home, .control("a")], LocalizedText("Na początek pola", "To the start of the field")),
        ([.end, .control("e")], LocalizedText("Na koniec pola", "To the end of the field")),
        ([.alt("b"), .alt("f")], LocalizedText("Słowo w lewo, w prawo", "A word left, right")),
        ([.control("w")], LocalizedText("Usuń słowo przed kursorem", "Delete the word before the cursor")),
        ([.control("u")], LocalizedText("Usuń wszystko przed kursorem", "Delete everything before the cursor")),
        ([.control("k")], LocalizedText("Usuń wszystko za kursorem", "Delete everything after the cursor")),
    ]

    /// Whether the key edits a text field (the dashboard gives it to the field, not the screen).
    public static func isEditingKey(_ key: Key) -> Bool {
        switch key {
        case .character, .backspace, .delete, .left, .right: true
        default: editingKeys.contains { $0.keys.contains(key) }
        }
    }

    /// Where the word before `cursor` starts (spaces before it skipped), as Alt-B and Ctrl-W see it.
    static func wordStart(before cursor: Int, in characters: [Character]) -> Int {
        var i = cursor
        while i > 0, !characters[i - 1].isLetter && !characters[i - 1].isNumber { i -= 1 }
        while i > 0, characters[i - 1].isLetter || characters[i - 1].isNumber { i -= 1 }
        return i
    }

    /// Where the word after `cursor` ends, as Alt-F sees it.
    static func wordEnd(after cursor: Int, in characters: [Character]) -> Int {
        var i = cursor
        while i < characters.count, !characters[i].isLetter && !characters[i].isNumber { i += 1 }
        while i < characters.count, characters[i].isLetter || characters[i].isNumber { i += 1 }
        return i
    }

    /// Applies an editing key to the focused field.
    public mutating func edit(_ key: Key) {
        var field = fields[focus]
        switch field.kind {
        case .choice(let choices):
            guard !choices.isEmpty else { return }
            let current = choices.firstIndex { $0.value == field.value } ?? 0
            switch key {
            case .right, .character(" "):
                field.value = choices[(current + 1) % choices.count].value
            case .left:
                field.value = choices[(current + choices.count - 1) % choices.count].value
            case .character(let c):
                // Jump to the next choice with a word (in either language) that starts with the
                // letter: "na części" is picked by c as "parts" by p.
                let letter = ComplaintSearch.fold(String(c))
                let order = (1...choices.count).map { choices[(current + $0) % choices.count] }
                func starts(_ label: String) -> Bool {
                    ComplaintSearch.fold(label).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { $0.hasPrefix(letter) }
                }
                if let match = order.first(where: { starts($0.label.pl) || starts($0.label.en) }) {
                    field.value = match.value
                }
            default:
                return
            }
        case .text(let maxLength):
            var characters = Array(field.value)
            let cursor = min(field.cursor, characters.count)
            switch key {
            case .character(let c):
                guard characters.count < Self.pasteLimit else {
                    field.error = LocalizedText("Wklejono ponad \(Self.pasteLimit) znaków: dalszej części nie przyjęto. Najwyżej \(maxLength) znaków.",
                                                "More than \(Self.pasteLimit) characters pasted: the rest was not taken. At most \(maxLength) characters.")
                    fields[focus] = field
                    return
                }
                characters.insert(c, at: cursor)
                field.cursor = cursor + 1
            case .backspace:
                guard cursor > 0 else { return }
                characters.remove(at: cursor - 1)
                field.cursor = cursor - 1
            case .delete:
                guard cursor < characters.count else { return }
                characters.remove(at: cursor)
            case .left: field.cursor = max(0, cursor - 1)
            case .right: field.cursor = min(characters.count, cursor + 1)
            case .home, .control("a"): field.cursor = 0
            case .end, .control("e"): field.cursor = characters.count
            case .alt("b"): field.cursor = Self.wordStart(before: cursor, in: characters)
            case .alt("f"): field.cursor = Self.wordEnd(after: cursor, in: characters)
            case .control("u"):
                characters.removeSubrange(0..<cursor)
                field.cursor = 0
            case .control("k"):
                characters.removeSubrange(cursor..<characters.count)
            case .control("w"):
                let start = Self.wordStart(before: cursor, in: characters)
                characters.removeSubrange(start..<cursor)
                field.cursor = start
            default: return
            }
            field.value = String(characters)
        }
        if field.value != fields[focus].value { field.error = field.lengthError }
        fields[focus] = field
    }
}
