// Changes to the text. Each public-facing change records one undo step first, except that
// consecutive single characters typed without a motion in between join one step.
extension TextEditor {
    mutating func type(_ string: String) -> Bool {
        guard !string.isEmpty else { return false }
        let single = string.count == 1 && string != "\n" && string != "\r\n" && selection == nil
        if !(single && coalescing) { pushUndo() }
        replace(selection ?? cursor..<cursor, with: string)
        // A space ends the word being typed: it joins the step, the next character starts one.
        coalescing = single && string.first.map { !$0.isWhitespace } == true
        return true
    }

    mutating func replaceSelection(with string: String) -> Bool {
        let range = selection ?? cursor..<cursor
        guard !(range.isEmpty && string.isEmpty) else { return false }
        pushUndo()
        replace(range, with: string)
        return true
    }

    mutating func deleteBackward() -> Bool {
        if selection != nil { return replaceSelection(with: "") }
        guard cursor != .zero else { return false }
        let start =
            cursor.column > 0
            ? TextPosition(line: cursor.line, column: cursor.column - 1)
            : TextPosition(line: cursor.line - 1, column: lines[cursor.line - 1].count)
        pushUndo()
        replace(start..<cursor, with: "")
        return true
    }

    mutating func deleteForward() -> Bool {
        if selection != nil { return replaceSelection(with: "") }
        guard cursor != documentEnd else { return false }
        let end =
            cursor.column < lines[cursor.line].count
            ? TextPosition(line: cursor.line, column: cursor.column + 1)
            : TextPosition(line: cursor.line + 1, column: 0)
        pushUndo()
        replace(cursor..<end, with: "")
        return true
    }

    mutating func deleteWordBackward() -> Bool {
        if selection != nil { return replaceSelection(with: "") }
        let start = wordLeft(from: cursor)
        guard start != cursor else { return false }
        pushUndo()
        replace(start..<cursor, with: "")
        return true
    }

    /// Replaces `range` with `string`, leaving the cursor after the new text and no selection.
    /// Lines that were touched are re-segmented, so a typed combining mark joins the grapheme
    /// before it exactly as it will when the text is read back.
    mutating func replace(_ range: Range<TextPosition>, with string: String) {
        let start = clamped(range.lowerBound)
        let end = clamped(range.upperBound)
        let prefix = lines[start.line][..<start.column]
        let suffix = lines[end.line][end.column...]
        let inserted = Self.split(string)
        let head = Array(prefix) + inserted[0]
        var replacement: [[Character]]
        if inserted.count == 1 {
            replacement = [head + suffix]
        } else {
            replacement = [head]
            replacement += inserted[1..<(inserted.count - 1)]
            replacement.append(inserted[inserted.count - 1] + suffix)
        }
        let lastIndex = replacement.count - 1
        let suffixCount = Array(String(suffix)).count
        replacement[0] = Array(String(replacement[0]))
        replacement[lastIndex] = Array(String(replacement[lastIndex]))
        lines.replaceSubrange(start.line...end.line, with: replacement)
        let line = start.line + lastIndex
        cursor = TextPosition(line: line, column: max(0, lines[line].count - suffixCount))
        anchor = nil
    }
}
