/// A pane arrangement read from a layout file (`layouts/NAME.yaml`): a tree of splits whose
/// leaves are panes. See docs/layouts.md for the format.
public struct LayoutSpec: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var root: LayoutNode
    /// Below this size (of the rect the layout is solved in) the app shows one notice instead.
    public var minWidth: Int
    public var minHeight: Int

    public init(name: String, description: String? = nil, root: LayoutNode, minWidth: Int = 60, minHeight: Int = 16) {
        self.name = name
        self.description = description
        self.root = root
        self.minWidth = minWidth
        self.minHeight = minHeight
    }

    /// Panes in layout order (depth first): the order that numbers them 1–9 in titles and keys.
    public var panes: [PaneID] { root.panes }

    public func contains(_ pane: PaneID) -> Bool { panes.contains(pane) }

    /// Parses a layout file; `source` names it in error messages (a path, or `built-in NAME`).
    public static func parse(_ yaml: String, source: String) throws(LayoutError) -> LayoutSpec {
        var parser = LayoutParser(source: source)
        return try parser.parse(yaml)
    }
}

/// Which way a split lays out its children.
public enum LayoutAxis: String, Sendable, Hashable, CaseIterable {
    /// Children side by side, left to right.
    case columns
    /// Children stacked, top to bottom.
    case rows
}

/// How much of its parent a child asks for along the parent's axis.
public enum LayoutSize: Sendable, Hashable, CustomStringConvertible {
    case percent(Int)
    case cells(Int)

    public var description: String {
        switch self {
        case .percent(let p): "\(p)%"
        case .cells(let n): "\(n)"
        }
    }
}

/// One node of the layout tree.
public indirect enum LayoutNode: Sendable, Hashable {
    case pane(PaneID, size: LayoutSize?)
    case split(LayoutAxis, children: [LayoutNode], size: LayoutSize?)

    public var size: LayoutSize? {
        switch self {
        case .pane(_, let size), .split(_, _, let size): size
        }
    }

    public var panes: [PaneID] {
        switch self {
        case .pane(let id, _): [id]
        case .split(_, let children, _): children.flatMap(\.panes)
        }
    }
}
