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

    /// Rows of at most `width` cells; an empty line is one empty row. A row breaks after the
    /// last space that fits, or mid-word when a word is wider than the row.
    static func wrap(_ cells: [StyledCharacter], width: Int) -> [[StyledCharacter]] {
        guard width > 0, !cells.isEmpty else { return [[]] }
        var rows: [[StyledCharacter]] = []
        var start = 0
        while start < cells.count {
            var used = 0
            var end = start
            var lastBreak: Int?
            while end < cells.count {
                let w = DisplayWidth.of(cells[end].character)
                if used + w > width { break }
                used += w
                end += 1
                if cells[end - 1].character == " " { lastBreak = end }
            }
            if end == cells.count {
                rows.append(Array(cells[start..<end]))
                break
            }
            if end == start {
                end = start + 1
            }  // a character wider than the row
            else if let lastBreak, lastBreak > start, cells[end].character != " " {
                end = lastBreak
            }
            rows.append(Array(cells[start..<end]))
            start = end
            // The spaces a break falls on are not carried to the next row.
            while start < cells.count, cells[start].character == " " { start += 1 }
        }
        return rows
    }
}
