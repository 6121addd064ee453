/// Text being typed into a command line, a palette query or a form field, with a cursor.
/// Kept as characters: the texts are short and edits land anywhere.
public struct EditableText: Sendable, Hashable {
    public private(set) var characters: [Character]
    /// A position between characters, 0...count.
    public private(set) var cursor: Int
    /// A prefilled value is selected whole, as in a dialog: typing or deleting replaces it, a
    /// motion key keeps it and starts editing it.
    public private(set) var selectsAll = false

    public init(_ text: String = "", selected: Bool = false) {
        characters = Array(text)
        cursor = characters.count
        selectsAll = selected && !characters.isEmpty
    }

    public var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue)
            cursor = characters.count
            selectsAll = false
        }
    }

    public var isEmpty: Bool { characters.isEmpty }

    /// The cursor's line and column (in characters) in multi-line text.
    public var cursorLineColumn: (line: Int, column: Int) {
        var line = 0
        var start = 0
        for index in 0..<cursor where characters[index] == "\n" {
            line += 1
            start = index + 1
        }
        return (line, cursor - start)
    }

    /// Applies an editing key; false when the key is not an edit here (the caller's, e.g. Up on
    /// the first line of a multi-line field moves to the previous field).
    public mutating func perform(_ key: Key, multiline: Bool = false) -> Bool {
        if selectsAll {
            switch key {
            case .char, .enter:
                guard key != .enter || multiline else { break }
                characters = []
                cursor = 0
                selectsAll = false
            case .backspace, .ctrl("h"), .delete, .ctrl("d"), .ctrl("u"), .ctrl("k"), .ctrl("w"):
                characters = []
                cursor = 0
                selectsAll = false
                return true
            case .left, .right, .home, .end, .ctrl("a"), .ctrl("e"), .ctrl("b"), .ctrl("f"), .ctrlLeft, .ctrlRight:
                selectsAll = false
            case .up, .down:
                if multiline { selectsAll = false }
            default: break
            }
        }
        switch key {
        case .char(let c): insert(c)
        case .enter where multiline: insert("\n")
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = lineStart(cursor)
        case .end, .ctrl("e"): cursor = lineEnd(cursor)
        case .ctrl("u"):
            let start = lineStart(cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .ctrl("k"): characters.removeSubrange(cursor..<lineEnd(cursor))
        case .ctrl("w"):
            let start = wordStart(before: cursor)
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .ctrlLeft: cursor = wordStart(before: cursor)
        case .ctrlRight: cursor = wordEnd(after: cursor)
        case .up where multiline, .down where multiline:
            return moveLine(by: key == .up ? -1 : 1)
        default: return false
        }
        return true
    }

    public mutating func insert(_ character: Character) {
        characters.insert(character, at: cursor)
        cursor += 1
    }

    /// Replaces `range` (character offsets) and puts the cursor after the replacement.
    public mutating func replace(_ range: Range<Int>, with text: String) {
        let replacement = Array(text)
        characters.replaceSubrange(range, with: replacement)
        cursor = range.lowerBound + replacement.count
    }

    public mutating func moveCursor(to position: Int) { cursor = max(0, min(characters.count, position)) }

    // MARK: Positions

    private func lineStart(_ position: Int) -> Int {
        var index = position
        while index > 0, characters[index - 1] != "\n" { index -= 1 }
        return index
    }

    private func lineEnd(_ position: Int) -> Int {
        var index = position
        while index < characters.count, characters[index] != "\n" { index += 1 }
        return index
    }

    /// Back over spaces, then over the word before them (C-w, Ctrl-Left).
    private func wordStart(before position: Int) -> Int {
        var index = position
        while index > 0, characters[index - 1].isWhitespace { index -= 1 }
        while index > 0, !characters[index - 1].isWhitespace { index -= 1 }
        return index
    }

    private func wordEnd(after position: Int) -> Int {
        var index = position
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        while index < characters.count, !characters[index].isWhitespace { index += 1 }
        return index
    }

    private mutating func moveLine(by step: Int) -> Bool {
        let column = cursor - lineStart(cursor)
        if step < 0 {
            let start = lineStart(cursor)
            guard start > 0 else { return false }
            let previousStart = lineStart(start - 1)
            cursor = min(previousStart + column, start - 1)
        } else {
            let end = lineEnd(cursor)
            guard end < characters.count else { return false }
            cursor = min(end + 1 + column, lineEnd(end + 1))
        }
        return true
    }
}
