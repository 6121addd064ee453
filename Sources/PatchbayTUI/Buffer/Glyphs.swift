/// The characters panes draw with: box drawing and status glyphs, or a plain ASCII set for
/// terminals and fonts without them (`ascii = true` in the config, or a non-UTF-8 locale).
public struct Glyphs: Sendable, Hashable {
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

    // Node status.
    public var idle: String
    public var ready: String
    public var done: String
    public var cached: String
    public var skipped: String
    public var failed: String
    public var breakpoint: String
    public var paused: String
    /// Drawn on `loop`, `map` and `graph` nodes: there is a graph inside (Enter opens it).
    public var subgraph: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeRight: "├", teeLeft: "┤", teeDown: "┬", teeUp: "┴", cross: "┼", arrowRight: "▶", arrowDown: "▼",
        ellipsis: "…", folded: "▸", unfolded: "▾",
        spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
        idle: "○", ready: "◌", done: "●", cached: "◆", skipped: "⊘", failed: "✗", breakpoint: "◉", paused: "⏸",
        subgraph: "⧉")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeRight: "+", teeLeft: "+", teeDown: "+", teeUp: "+", cross: "+", arrowRight: ">", arrowDown: "v",
        ellipsis: "~", folded: "+", unfolded: "-",
        spinner: ["|", "/", "-", "\\"],
        idle: "o", ready: ".", done: "*", cached: "=", skipped: "/", failed: "x", breakpoint: "@", paused: "#",
        subgraph: "[+]")
}
