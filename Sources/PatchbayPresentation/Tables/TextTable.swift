/// Rows of text in columns, padded by terminal display width (`DisplayWidth`), so a CJK or emoji
/// cell takes the two columns it shows as and the columns after it stay aligned.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    /// One per column; a column without one is left-aligned.
    public var alignments: [Alignment]
    /// The least width of each column (a narrow column under a short heading still lines up
    /// with its neighbours' numbers); a column without one is as wide as its widest cell.
    public var minimumWidths: [Int]
    public var separator: String

    public init(alignments: [Alignment] = [], minimumWidths: [Int] = [], separator: String = "  ") {
        self.alignments = alignments
        self.minimumWidths = minimumWidths
        self.separator = separator
    }

    /// Each row as one line: every column as wide as its widest cell, cells `separator` apart; a
    /// left-aligned last cell is not padded (no trailing spaces); a short row just ends early.
    ///
    ///     TextTable(alignments: [.left, .right]).lines([["case", "A"], ["日本", "10/10"]])
    ///     // ["case      A", "日本  10/10"]
    public func lines(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in
            rows.map { c < $0.count ? DisplayWidth.of($0[c]) : 0 }.max(by: <).map {
                max($0, c < minimumWidths.count ? minimumWidths[c] : 0)
            } ?? 0
        }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let gap = String(repeating: " ", count: max(0, widths[c] - DisplayWidth.of(cell)))
                let alignment = c < alignments.count ? alignments[c] : .left
                switch alignment {
                case .right: return gap + cell
                case .left: return c == row.count - 1 ? cell : cell + gap
                }
            }.joined(separator: separator)
        }
    }
}
