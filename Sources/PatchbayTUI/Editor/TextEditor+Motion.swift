// Cursor motion. Up/down aim for a display column (so they line up across wide characters
// and tabs) remembered until some other command runs.
extension TextEditor {
    mutating func move(_ motion: Motion, extend: Bool) {
        if !extend, let selection {
            // Left/right with a selection go to its edge rather than one past it.
            switch motion {
            case .left:
                cursor = selection.lowerBound
                anchor = nil
                return
            case .right:
                cursor = selection.upperBound
                anchor = nil
                return
            default: break
            }
        }
        if extend {
            if anchor == nil { anchor = cursor }
        } else {
            anchor = nil
        }
        if motion.isVertical, preferredColumn == nil { preferredColumn = displayColumn(of: cursor) }
        cursor = position(after: motion, from: cursor)
        if anchor == cursor { anchor = nil }
    }

    func position(after motion: Motion, from p: TextPosition) -> TextPosition {
        switch motion {
        case .left:
            if p.column > 0 { return TextPosition(line: p.line, column: p.column - 1) }
            return p.line > 0 ? TextPosition(line: p.line - 1, column: lines[p.line - 1].count) : p
        case .right:
            if p.column < lines[p.line].count { return TextPosition(line: p.line, column: p.column + 1) }
            return p.line < lines.count - 1 ? TextPosition(line: p.line + 1, column: 0) : p
        case .up: return vertical(from: p, by: -1)
        case .down: return vertical(from: p, by: 1)
        case .pageUp(let count): return vertical(from: p, by: -max(1, count))
        case .pageDown(let count): return vertical(from: p, by: max(1, count))
        case .wordLeft: return wordLeft(from: p)
        case .wordRight: return wordRight(from: p)
        case .lineStart: return TextPosition(line: p.line, column: 0)
        case .lineEnd: return TextPosition(line: p.line, column: lines[p.line].count)
        case .documentStart: return .zero
        case .documentEnd: return documentEnd
        }
    }

    /// Past the first line goes to its start, past the last to its end, as most editors do.
    private func vertical(from p: TextPosition, by delta: Int) -> TextPosition {
        let target = p.line + delta
        if target < 0 { return .zero }
        if target >= lines.count { return documentEnd }
        let goal = preferredColumn ?? displayColumn(of: p)
        return TextPosition(line: target, column: column(atDisplay: goal, inLine: target))
    }

    enum CharacterClass { case space, word, punctuation }

    static func characterClass(_ c: Character) -> CharacterClass {
        if c.isWhitespace { return .space }
        if c.isLetter || c.isNumber || c == "_" { return .word }
        return .punctuation
    }

    /// To the start of the word before; at a line's start, to the end of the line above.
    func wordLeft(from p: TextPosition) -> TextPosition {
        guard p.column > 0 else {
            return p.line > 0 ? TextPosition(line: p.line - 1, column: lines[p.line - 1].count) : p
        }
        let line = lines[p.line]
        var column = min(p.column, line.count)
        while column > 0, Self.characterClass(line[column - 1]) == .space { column -= 1 }
        if column > 0 {
            let kind = Self.characterClass(line[column - 1])
            while column > 0, Self.characterClass(line[column - 1]) == kind { column -= 1 }
        }
        return TextPosition(line: p.line, column: column)
    }

    /// To the end of the next word; at a line's end, to the start of the line below.
    func wordRight(from p: TextPosition) -> TextPosition {
        let line = lines[p.line]
        guard p.column < line.count else {
            return p.line < lines.count - 1 ? TextPosition(line: p.line + 1, column: 0) : p
        }
        var column = p.column
        while column < line.count, Self.characterClass(line[column]) == .space { column += 1 }
        if column < line.count {
            let kind = Self.characterClass(line[column])
            while column < line.count, Self.characterClass(line[column]) == kind { column += 1 }
        }
        return TextPosition(line: p.line, column: column)
    }
}
