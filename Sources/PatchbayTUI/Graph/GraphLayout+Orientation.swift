import PatchbayCore

extension GraphLayout {
    /// Panes narrower than this switch to top to bottom when the graph does not fit across.
    static let narrowPane = 70

    /// Left to right unless the pane is narrow and the left-to-right drawing would not fit.
    public static func orientation(for graph: Graph, paneWidth: Int, paneHeight: Int) -> Orientation {
        guard paneWidth < narrowPane else { return .leftToRight }
        let across = make(graph, orientation: .leftToRight)
        return across.width > paneWidth ? .topToBottom : .leftToRight
    }
}
