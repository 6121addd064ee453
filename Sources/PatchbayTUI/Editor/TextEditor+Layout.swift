import PatchbayPresentation

// How the text lays out in terminal cells. The model and the view share these, so the
// column up/down aims for is the column the view draws.
extension TextEditor {
    /// Tabs are drawn as spaces up to the next multiple of this.
    public static let tabWidth = 4

    /// Cells a grapheme takes when it starts at display column `column`: tabs reach the next
    /// stop, control characters take the width of their visible escape (`\r`), and a
    /// grapheme of no width gets one cell so the cursor can sit on it.
    public static func cellWidth(_ c: Character, at column: Int) -> Int {
        if c == "\t" { return tabWidth - column % tabWidth }
        if c.isASCII, let ascii = c.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        if VisibleText.needsEscape(c) {
            return DisplayWidth.of(VisibleText.escaped(String(c)))
        }
        return max(1, DisplayWidth.of(c))
    }

    /// The display column where the grapheme at `position` starts.
    public func displayColumn(of position: TextPosition) -> Int {
        let p = clamped(position)
        var column = 0
        for c in lines[p.line][..<p.column] { column += Self.cellWidth(c, at: column) }
        return column
    }

    /// The display width of a whole line.
    public func displayWidth(ofLine index: Int) -> Int {
        guard lines.indices.contains(index) else { return 0 }
        var column = 0
        for c in lines[index] { column += Self.cellWidth(c, at: column) }
        return column
    }

    /// The grapheme column on `line` whose cell covers display column `target` (or the line's
    /// end when it is shorter); a wide character half-covered counts as before it.
    func column(atDisplay target: Int, inLine line: Int) -> Int {
        var display = 0
        for (index, c) in lines[line].enumerated() {
            let width = Self.cellWidth(c, at: display)
            if display + width > target { return index }
            display += width
        }
        return lines[line].count
    }
}
