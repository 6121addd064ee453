/// One terminal cell: a grapheme and its style. A wide grapheme fills its first cell; the
/// cell to its right holds an empty string (a continuation) so columns stay aligned.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()

    /// The right half of a wide grapheme.
    public var isContinuation: Bool { text.isEmpty }
}
