/// Where each pane of a layout goes in a given rect.
public struct LayoutResult: Sendable {
    /// The panes to draw, in layout order; only the zoomed one when a pane is zoomed, none
    /// when the rect is under the layout's minimum size.
    public var panes: [(id: PaneID, rect: Rect)]
    /// Every pane of the layout in layout order, zoomed or not: pane N is `order[N - 1]`.
    public var order: [PaneID]
    /// The rect is under the layout's `min_width`/`min_height`: show `NoticeView.tooSmall`.
    public var tooSmall: Bool
    /// The boundaries between children of each split, for resizing (and mouse hit tests).
    public var handles: [SplitHandle]

    public init(
        panes: [(id: PaneID, rect: Rect)] = [], order: [PaneID] = [], tooSmall: Bool = false,
        handles: [SplitHandle] = []
    ) {
        self.panes = panes
        self.order = order
        self.tooSmall = tooSmall
        self.handles = handles
    }

    public func rect(of pane: PaneID) -> Rect? { panes.first { $0.id == pane }?.rect }

    /// The pane's number in titles and for the 1–9 keys; nil past 9 or when not in the layout.
    public func number(of pane: PaneID) -> Int? {
        guard let index = order.firstIndex(of: pane), index < 9 else { return nil }
        return index + 1
    }

    /// The pane a number key selects.
    public func pane(numbered number: Int) -> PaneID? {
        number >= 1 && number <= min(9, order.count) ? order[number - 1] : nil
    }

    /// The pane under a cell (mouse clicks).
    public func pane(atX x: Int, y: Int) -> PaneID? { panes.first { $0.rect.contains(x: x, y: y) }?.id }
}

/// The boundary in a split between child `index` and child `index + 1`.
public struct SplitHandle: Sendable, Hashable {
    /// The split's path: "0" for the root, "0.1" for the root's second child, and so on.
    public var path: String
    public var axis: LayoutAxis
    public var index: Int
    /// The first column (columns) or row (rows) of child `index + 1`, across the split.
    public var rect: Rect
}
