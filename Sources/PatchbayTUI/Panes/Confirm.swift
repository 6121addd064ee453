/// One answer of a confirm prompt: the key that picks it (`y`), its word (`yes`, drawn
/// `[y]es`) and the id returned.
public struct ConfirmOption: Sendable, Hashable {
    public var key: Character
    public var label: String
    public var id: String

    public init(key: Character, label: String, id: String) {
        self.key = key
        self.label = label
        self.id = id
    }
}

/// A question with a few answers picked by their key, or with arrows and Enter; Esc cancels
/// (the caller treats that as the safe answer).
public struct Confirm: Sendable, Hashable {
    public var title: String
    public var message: String
    public var options: [ConfirmOption]
    public private(set) var selected: Int

    public init(title: String, message: String, options: [ConfirmOption], selected: Int = 0) {
        self.title = title
        self.message = message
        self.options = options
        self.selected = max(0, min(selected, options.count - 1))
    }

    /// "Quit without saving?" with yes, no (selected) and save.
    public static func quitWithoutSaving(file: String) -> Confirm {
        Confirm(
            title: "Unsaved changes", message: "Quit without saving \(file)?",
            options: [
                ConfirmOption(key: "y", label: "yes", id: "yes"), ConfirmOption(key: "n", label: "no", id: "no"),
                ConfirmOption(key: "s", label: "save", id: "save"),
            ],
            selected: 1)
    }

    public mutating func perform(_ key: Key) -> PopupOutcome {
        switch key {
        case .escape, .ctrl("c"): return .cancelled
        case .enter: return options.isEmpty ? .cancelled : .chosen(options[selected].id)
        case .left, .char("h"), .backTab: selected = max(0, selected - 1)
        case .right, .char("l"), .tab: selected = min(options.count - 1, selected + 1)
        case .char(let c):
            if let option = options.first(where: { $0.key == c || Character($0.key.uppercased()) == c }) {
                return .chosen(option.id)
            }
        default: break
        }
        return .pending
    }
}

/// Draws a `Confirm` as a centred popup: the message, then the answers as `[y]es  [n]o`.
public enum ConfirmView {
    public static func draw(
        _ confirm: Confirm, in bounds: Rect, on buffer: inout CellBuffer, theme: Theme, glyphs: Glyphs
    ) {
        let answers = confirm.options.map { option -> String in
            let rest = option.label.first == option.key ? String(option.label.dropFirst()) : " " + option.label
            return "[\(option.key)]\(rest)"
        }
        let answersWidth = answers.reduce(0) { $0 + Popup.width($1) + 2 } + 2
        let width = min(
            bounds.width - 4,
            max(34, min(60, Popup.width(confirm.message) + 6), answersWidth + 4, Popup.width(confirm.title) + 8))
        let lines = Popup.wrap(confirm.message, width - 6)
        let box = Popup.centered(width: width, height: lines.count + 5, in: bounds)
        let inner = PaneFrame.draw(
            title: confirm.title, number: nil, in: box, on: &buffer, focused: true, theme: theme, glyphs: glyphs)
        guard !inner.isEmpty else { return }
        for (index, line) in lines.enumerated() where inner.y + 1 + index < inner.maxY {
            buffer.put(line, x: inner.x + 2, y: inner.y + 1 + index, style: theme.text, clip: inner)
        }
        let y = inner.maxY - 1
        var x = inner.x + max(2, (inner.width - answersWidth) / 2 + 2)
        for (index, answer) in answers.enumerated() {
            let style = index == confirm.selected ? theme.selection : theme.text
            let start = x
            x = buffer.put(" " + answer + " ", x: x, y: y, style: style, clip: inner)
            buffer.restyle(Rect(x: start + 2, y: y, width: 1, height: 1)) {
                $0 = index == confirm.selected ? theme.selection.bolded : theme.title
            }
            x += 1
        }
    }
}
