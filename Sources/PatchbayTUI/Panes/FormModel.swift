/// One input of a form: the graph input it fills (`name`), how it is labelled, a type hint
/// (`string`, `number`, `json`), whether it must be filled and whether it takes several lines.
public struct FormField: Sendable, Hashable {
    public var name: String
    public var label: String
    public var typeHint: String
    public var required: Bool
    public var multiline: Bool
    public var value: EditableText

    public init(
        name: String, label: String? = nil, typeHint: String = "", required: Bool = false, multiline: Bool = false,
        value: String = ""
    ) {
        self.name = name
        self.label = label ?? name
        self.typeHint = typeHint
        self.required = required
        self.multiline = multiline
        // A prefilled value (the last run's) is selected: typing replaces it.
        self.value = EditableText(value, selected: true)
    }
}

/// The graph-inputs form shown before a run (prefilled from the last run). Tab/Shift-Tab and
/// Up/Down move between fields (Up/Down move lines first inside a multi-line field); the
/// focused field takes the editing keys; C-s, or Enter on the last one-line field, submits.
public struct FormModel: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case pending
        /// Every required field is filled: read `values`.
        case submitted
        case cancelled
    }

    public var title: String
    public var fields: [FormField]
    public private(set) var focus = 0
    /// Why the last submit was refused, shown under the fields until the next edit.
    public private(set) var problem: String?

    public init(title: String = "Run inputs", fields: [FormField]) {
        self.title = title
        self.fields = fields
    }

    /// The text of each field by name.
    public var values: [String: String] {
        Dictionary(fields.map { ($0.name, $0.value.text) }, uniquingKeysWith: { _, b in b })
    }

    public mutating func perform(_ key: Key) -> Outcome {
        guard !fields.isEmpty else { return key == .escape ? .cancelled : (key == .enter ? .submitted : .pending) }
        switch key {
        case .escape: return .cancelled
        case .ctrl("s"): return submit()
        case .tab: moveFocus(1)
        case .backTab: moveFocus(-1)
        case .enter where !fields[focus].multiline:
            if focus == fields.count - 1 { return submit() }
            moveFocus(1)
        case .up, .down:
            if !fields[focus].value.perform(key, multiline: fields[focus].multiline) { moveFocus(key == .up ? -1 : 1) }
        default:
            if fields[focus].value.perform(key, multiline: fields[focus].multiline) { problem = nil }
        }
        return .pending
    }

    public mutating func focus(on name: String) {
        if let index = fields.firstIndex(where: { $0.name == name }) { focus = index }
    }

    private mutating func moveFocus(_ step: Int) {
        focus = max(0, min(fields.count - 1, focus + step))
    }

    private mutating func submit() -> Outcome {
        if let missing = fields.firstIndex(where: {
            $0.required && $0.value.text.trimmingCharacters(in: " \n\t").isEmpty
        }) {
            focus = missing
            problem = "`\(fields[missing].label)` is required"
            return .pending
        }
        problem = nil
        return .submitted
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return s
    }
}
