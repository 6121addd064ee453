import PatchbayPresentation

/// The characters panes draw with: box drawing and marks, or a plain ASCII set for terminals and
/// fonts without them (`ascii = true` in the config, or a non-UTF-8 locale). Status glyphs come
/// from `NodeStatus.symbol` (shared with the CLI); `status(_:)` picks the set.
public struct Glyphs: Sendable, Hashable {
    /// Draws statuses with their ASCII glyphs.
    public var isASCII: Bool
    public var horizontal: String
    public var vertical: String
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    public var teeRight: String
    public var teeLeft: String
    public var teeDown: String
    public var teeUp: String
    public var cross: String
    public var arrowRight: String
    public var arrowDown: String
    public var ellipsis: String
    public var folded: String
    public var unfolded: String
    public var spinner: [String]

    // Marks on nodes, beside their status.
    public var breakpoint: String
    /// Drawn on `loop`, `map` and `graph` nodes: there is a graph inside (Enter opens it).
    public var subgraph: String
    /// Drawn on nodes whose output changed since the previous run (the inspector shows how).
    public var changed: String = "Δ"

    public static let unicode = Glyphs(
        isASCII: false,
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeRight: "├", teeLeft: "┤", teeDown: "┬", teeUp: "┴", cross: "┼", arrowRight: "▶", arrowDown: "▼",
        ellipsis: "…", folded: "▸", unfolded: "▾",
        spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
        breakpoint: "◉", subgraph: "⧉")

    public static let ascii = Glyphs(
        isASCII: true,
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeRight: "+", teeLeft: "+", teeDown: "+", teeUp: "+", cross: "+", arrowRight: ">", arrowDown: "v",
        ellipsis: "~", folded: "+", unfolded: "-",
        spinner: ["|", "/", "-", "\\"],
        breakpoint: "@", subgraph: "[+]", changed: "*")

    /// A status's glyph in this set.
    public func status(_ status: NodeStatus) -> String { status.glyph(ascii: isASCII) }
}
