import PatchbayPresentation

/// One grapheme and how to draw it.
struct StyledCharacter: Sendable, Hashable {
    var character: Character
    var style: Style
    init(_ character: Character, _ style: Style) {
        self.character = character
        self.style = style
    }
}

/// Word wrapping by display width, breaking long words where they must.
enum SoftWrap {
    /// Tabs as four spaces, control characters as their visible escapes (so widths are right
    /// and nothing raw reaches the terminal).
    static func visible(_ cells: [StyledCharacter]) -> [StyledCharacter] {
        var out: [StyledCharacter] = []
        out.reserveCapacity(cells.count)
        for cell in cells {
            if cell.character == "\t" {
                out += Array(repeating: StyledCharacter(" ", cell.style), count: 4)
            } else if VisibleText.needsEscape(cell.character) {
                out += VisibleText.escaped(String(cell.character)).map { StyledCharacter($0, cell.style) }
            } else {
                out.append(cell)
            }
        }
        return out
    }

    /// Where a line of `count` graphemes breaks into rows of `width` cells: a row ends after
    /// the last space that fits, or mid-word when one word is wider than the row (a grapheme
    /// wider than the row takes one alone). A word that fits up to the edge stays on its row:
    /// the spaces the break falls on hang at the end of the row before it, past the edge, so
    /// the rows cover every grapheme (the editor's cursor can sit on each) and the next row
    /// starts with a word. `cellWidth(index, column)`: the cells grapheme `index` takes at
    /// `column` of its row. An empty line is one empty row. The editor's rows and the drawn
    /// rows of `wrap` both come from here.
    static func rows(
        count: Int, width: Int, cellWidth: (_ index: Int, _ column: Int) -> Int, isSpace: (Int) -> Bool
    ) -> [Range<Int>] {
        guard width > 0, count > 0 else { return [0..<count] }
        var rows: [Range<Int>] = []
        var start = 0
        while start < count {
            var column = 0
            var end = start
            var lastBreak: Int?
            while end < count {
                let w = cellWidth(end, column)
                if column + w > width, end > start { break }
                column += w
                end += 1
                if isSpace(end - 1) { lastBreak = end }
            }
            if end < count {
                if isSpace(end) {
                    // The row is full to the end of a word: its spaces hang.
                    while end < count, isSpace(end) { end += 1 }
                } else if let lastBreak, lastBreak > start {
                    end = lastBreak
                }
            }
            rows.append(start..<end)
            start = end
        }
        return rows
    }

    /// Rows of at most `width` cells, as drawn: the spaces that hang past the edge at a break
    /// are left out. An empty line is one empty row.
    static func wrap(_ cells: [StyledCharacter], width: Int) -> [[StyledCharacter]] {
        guard width > 0, !cells.isEmpty else { return [[]] }
        let ranges = rows(
            count: cells.count, width: width, cellWidth: { index, _ in DisplayWidth.of(cells[index].character) },
            isSpace: { cells[$0].character == " " })
        return ranges.map { range in
            var row = Array(cells[range])
            var used = row.reduce(0) { $0 + DisplayWidth.of($1.character) }
            while used > width, row.last?.character == " " {
                row.removeLast()
                used -= 1
            }
            return row
        }
    }
}
