import PatchbayPresentation

/// The screen as values: every widget draws here, the ncurses backend flushes only the cells
/// that changed since the last frame, and tests snapshot it as text.
public struct CellBuffer: Sendable, Equatable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` on row `y` from column `x`, clipped to `clip` (the whole buffer when nil).
    /// Control characters are drawn escaped; a wide grapheme that would straddle the clip edge
    /// is left out. Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY else { return x }
        var column = x
        for character in VisibleText.escaped(text) {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // A lone combining mark joins the cell before it.
                if column > area.x, column - 1 < area.maxX, column - 1 >= area.x {
                    self[column - 1, y].text.append(character)
                }
                continue
            }
            if column + w > area.maxX { break }
            if column >= area.x {
                clearWide(at: column, y: y)
                self[column, y] = Cell(String(character), style: style)
                if w == 2 {
                    clearWide(at: column + 1, y: y)
                    self[column + 1, y] = Cell("", style: style)
                }
            }
            column += w
        }
        return column
    }

    /// Fills `rect` with one character (a space by default) in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let cell = Cell(String(character), style: style)
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX { self[column, row] = cell }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the text (selection highlights).
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for row in area.y..<area.maxY {
            for column in area.x..<area.maxX { change(&cells[row * width + column].style) }
        }
    }

    /// The screen as plain text, one line per row, trailing spaces removed: what snapshot
    /// tests compare.
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for row in 0..<height {
            var line = ""
            for column in 0..<width { line += cells[row * width + column].text }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// One row as text (with trailing spaces), for tests that look at a single line.
    public func line(_ row: Int) -> String {
        (0..<width).map { cells[row * width + $0].text }.joined()
    }

    /// Overwriting half of a wide grapheme blanks the other half, so no orphan half is left.
    private mutating func clearWide(at column: Int, y: Int) {
        guard column >= 0, column < width else { return }
        let cell = self[column, y]
        if cell.isContinuation, column > 0 {
            self[column - 1, y] = Cell(" ", style: self[column - 1, y].style)
        } else if DisplayWidth.of(cell.text) == 2, column + 1 < width {
            self[column + 1, y] = Cell(" ", style: cell.style)
        }
    }
}
