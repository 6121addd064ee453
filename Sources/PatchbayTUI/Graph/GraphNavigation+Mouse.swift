extension GraphNavigation {
    /// The node under a screen cell (a mouse click) in a graph pane drawn in `rect` scrolled to
    /// `viewport`; nil for empty canvas or a cell outside the pane.
    public static func node(atScreenX x: Int, y: Int, rect: Rect, viewport: GraphViewport, in layout: GraphLayout)
        -> String?
    {
        guard rect.contains(x: x, y: y) else { return nil }
        let cx = x - rect.x + viewport.x
        let cy = y - rect.y + viewport.y
        for layer in layout.layers {
            for id in layer where layout.boxes[id]?.contains(x: cx, y: cy) == true { return id }
        }
        return nil
    }
}
