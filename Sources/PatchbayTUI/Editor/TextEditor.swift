/// The prompt editor's text model: lines of graphemes, a cursor, an optional selection anchor,
/// a private clipboard and undo/redo. A pure value — the view draws it, the reducer mutates it
/// through `perform`, tests drive it without a terminal.
public struct TextEditor: Sendable, Hashable {
    /// The text as lines of graphemes; never empty (an empty text is one empty line).
    /// `\n` and `\r\n` both end a line; the text always reads back with `\n`.
    public internal(set) var lines: [[Character]]
    public internal(set) var cursor: TextPosition
    /// The other end of the selection; the selection is `anchor…cursor` in either order.
    public internal(set) var anchor: TextPosition?
    /// The first visible line; `keepCursorVisible(height:)` moves it.
    public var scroll: Int = 0
    /// The editor's own clipboard (cut/copy/paste); the system clipboard is never touched.
    public var clipboard: String = ""

    /// Display column that up/down aim for, kept across short lines; nil after other motions.
    var preferredColumn: Int?
    var undoStack: [EditSnapshot] = []
    var redoStack: [EditSnapshot] = []
    /// True while single-character typing may join the previous undo step.
    var coalescing = false
    /// What `isModified` compares against.
    var baseline: [[Character]]

    public init(text: String) {
        lines = Self.split(text)
        baseline = lines
        cursor = .zero
    }

    public var text: String {
        var out = ""
        for (index, line) in lines.enumerated() {
            if index > 0 { out.append("\n") }
            out.append(contentsOf: line)
        }
        return out
    }

    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    /// True when the text differs from the initial text (or the last `markUnmodified`).
    public var isModified: Bool { lines != baseline }

    /// Takes the current text as the new baseline for `isModified` (after saving it).
    public mutating func markUnmodified() { baseline = lines }

    /// The selected range, start before end; nil when nothing is selected.
    public var selection: Range<TextPosition>? {
        guard let anchor, anchor != cursor else { return nil }
        return min(anchor, cursor)..<max(anchor, cursor)
    }

    public var selectedText: String? {
        selection.map { text(in: $0) }
    }

    /// Runs one command. Returns true when the text changed.
    @discardableResult
    public mutating func perform(_ command: EditorCommand) -> Bool {
        if case .move(let motion, _) = command, motion.isVertical {
            // Keep the preferred column.
        } else {
            preferredColumn = nil
        }
        if case .insert = command {} else { coalescing = false }
        switch command {
        case .insert(let string): return type(string)
        case .newline: return replaceSelection(with: "\n")
        case .backspace: return deleteBackward()
        case .deleteForward: return deleteForward()
        case .deleteWordBackward: return deleteWordBackward()
        case .move(let motion, let extend):
            move(motion, extend: extend)
            return false
        case .selectAll:
            anchor = .zero
            cursor = documentEnd
            if anchor == cursor { anchor = nil }
            return false
        case .copy:
            if let selectedText { clipboard = selectedText }
            return false
        case .cut:
            guard let selection else { return false }
            clipboard = text(in: selection)
            return replaceSelection(with: "")
        case .paste:
            guard !clipboard.isEmpty else { return false }
            return replaceSelection(with: clipboard)
        case .undo: return undo()
        case .redo: return redo()
        }
    }

    /// Replaces the whole text as one undoable edit (after `$EDITOR` returns), keeping the
    /// cursor where it was as far as the new text allows.
    @discardableResult
    public mutating func replaceText(with newText: String) -> Bool {
        let newLines = Self.split(newText)
        guard newLines != lines else { return false }
        pushUndo()
        lines = newLines
        anchor = nil
        cursor = clamped(cursor)
        preferredColumn = nil
        coalescing = false
        return true
    }

    /// Scrolls so the cursor's line is among the `height` visible lines.
    public mutating func keepCursorVisible(height: Int) {
        guard height > 0 else { return }
        if cursor.line < scroll {
            scroll = cursor.line
        } else if cursor.line >= scroll + height {
            scroll = cursor.line - height + 1
        }
        scroll = max(0, min(scroll, lines.count - height))
    }

    // MARK: - Positions

    var documentEnd: TextPosition {
        TextPosition(line: lines.count - 1, column: lines[lines.count - 1].count)
    }

    func clamped(_ position: TextPosition) -> TextPosition {
        let line = max(0, min(position.line, lines.count - 1))
        return TextPosition(line: line, column: max(0, min(position.column, lines[line].count)))
    }

    func text(in range: Range<TextPosition>) -> String {
        let start = clamped(range.lowerBound)
        let end = clamped(range.upperBound)
        if start.line == end.line { return String(lines[start.line][start.column..<end.column]) }
        var out = String(lines[start.line][start.column...])
        for line in (start.line + 1)..<end.line {
            out.append("\n")
            out.append(contentsOf: lines[line])
        }
        out.append("\n")
        out.append(contentsOf: lines[end.line][..<end.column])
        return out
    }

    /// Lines of graphemes; `\r\n` is one grapheme in Swift, so it is matched as such.
    static func split(_ text: String) -> [[Character]] {
        var result: [[Character]] = [[]]
        for character in text {
            if character == "\n" || character == "\r\n" {
                result.append([])
            } else {
                result[result.count - 1].append(character)
            }
        }
        return result
    }
}
