/// The graph pane's scroll offset: the canvas cell shown at the pane's top-left corner.
public struct GraphViewport: Sendable, Hashable {
    public var x: Int
    public var y: Int

    public init(x: Int = 0, y: Int = 0) {
        self.x = x
        self.y = y
    }

    /// The smallest scroll that shows all of `box` in a pane of `size`, with a one-cell margin
    /// around it when the pane has room for one. A box larger than the pane shows its top-left.
    public func scrolled(toShow box: Rect, in size: (width: Int, height: Int)) -> GraphViewport {
        GraphViewport(
            x: Self.axis(offset: x, start: box.x, length: box.width, view: size.width),
            y: Self.axis(offset: y, start: box.y, length: box.height, view: size.height))
    }

    /// Keeps the offset inside the canvas (after a resize or a smaller graph), never negative.
    public func clamped(toContent content: (width: Int, height: Int), in size: (width: Int, height: Int))
        -> GraphViewport
    {
        GraphViewport(
            x: max(0, min(x, content.width - size.width)),
            y: max(0, min(y, content.height - size.height)))
    }

    private static func axis(offset: Int, start: Int, length: Int, view: Int) -> Int {
        guard view > 0 else { return offset }
        let margin = length + 2 <= view ? 1 : 0
        var offset = offset
        if start + length + margin > offset + view { offset = start + length + margin - view }
        if start - margin < offset { offset = start - margin }
        return max(0, offset)
    }
}
