import PatchbayPresentation

/// One display line of the inspector: styled segments, and the fold id of the container,
/// block or section it opens (toggling a fold acts on that id).
///
/// Segment text is already made visible (control characters escaped), so widths measured here
/// are the widths the cell buffer draws.
public struct InspectorLine: Sendable, Hashable {
    public struct Segment: Sendable, Hashable {
        public var text: String
        public var style: Style

        public init(_ text: String, _ style: Style) {
            self.text = text
            self.style = style
        }
    }

    public var segments: [Segment]
    /// The JSON path (`outputs.json.items[2]`) or section id this line opens; nil for a leaf.
    /// The continuation lines of a wrapped line carry it too, so a fold works from any of them.
    public var foldID: String?
    /// Nesting below the section: 0 for a port or field, 1 for its members, and so on.
    /// Sections themselves are -1. `foldAll` folds lines of depth ≥ 1.
    public var depth: Int
    /// Columns of leading indent; a wrapped line's continuations hang two columns deeper.
    public var indent: Int
    /// A section heading (drawn bold, kept apart from the JSON below it).
    public var isHeading: Bool
    /// The second or later piece of a soft-wrapped line.
    public var isContinuation: Bool
    /// The tool call (its fold id) this line shows, in a conversation: the key that opens and
    /// closes calls works from any of its lines.
    public var callID: String?
    /// The JSON path of the value this line shows a part of (`outputs.json.items[2]`; a
    /// container's closing line and a text block's lines too), for copying it; nil for lines
    /// that show no value of a section (headings, prose).
    public var valuePath: String?

    public init(
        _ segments: [Segment], foldID: String? = nil, depth: Int = 0, indent: Int = 0, isHeading: Bool = false,
        isContinuation: Bool = false
    ) {
        self.segments = segments
        self.foldID = foldID
        self.depth = depth
        self.indent = indent
        self.isHeading = isHeading
        self.isContinuation = isContinuation
    }

    public static let blank = InspectorLine([])

    /// The line as plain text, for tests and searching.
    public var text: String { segments.map(\.text).joined() }

    /// Columns the line takes.
    public var width: Int { segments.reduce(0) { $0 + DisplayWidth.of($1.text) } }
}
