/// A place in a `TextEditor`'s text: a zero-based line and a column counted in graphemes
/// (not bytes, not terminal cells), so "日本" has columns 0, 1 and 2.
public struct TextPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static let zero = TextPosition(line: 0, column: 0)

    public static func < (a: TextPosition, b: TextPosition) -> Bool {
        a.line != b.line ? a.line < b.line : a.column < b.column
    }

    public var description: String { "\(line):\(column)" }
}
