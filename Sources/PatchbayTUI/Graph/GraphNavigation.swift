import PatchbayCore

/// Moving the graph pane's selection: along wires across layers, between neighbours inside a
/// layer, and `/` search.
public enum GraphNavigation {
    public enum Direction: Sendable, Hashable { case left, right, up, down }

    /// The node to select after pressing `direction`. Right and left (`l`, `h`) follow a wire
    /// downstream or upstream, whichever way the layout is drawn, to the connected node nearest
    /// in line; with no wire that way, the nearest node in the next layer. Down and up (`j`,
    /// `k`) step to the neighbour in the same layer: below, or to the right when drawn top to
    /// bottom. Stays put at an edge; nil only for an empty layout. A missing or unknown
    /// selection picks the first node of the first layer.
    public static func move(from selection: String?, _ direction: Direction, in layout: GraphLayout) -> String? {
        guard let selection, let slot = layout.slot(of: selection), let box = layout.boxes[selection] else {
            return layout.layers.first?.first
        }
        let across: Int?  // +1 downstream, -1 upstream, nil: along the layer
        let along: Int
        switch direction {
        case .right: (across, along) = (1, 0)
        case .left: (across, along) = (-1, 0)
        case .down: (across, along) = (nil, 1)
        case .up: (across, along) = (nil, -1)
        }
        guard let step = across else {
            let layer = layout.layers[slot.layer]
            let index = slot.index + along
            return layer.indices.contains(index) ? layer[index] : selection
        }
        let linked = (step > 0 ? layout.successors[selection] : layout.predecessors[selection]) ?? []
        var candidates = linked.filter { layout.boxes[$0] != nil && $0 != selection }
        if candidates.isEmpty {
            let next = slot.layer + step
            guard layout.layers.indices.contains(next) else { return selection }
            candidates = layout.layers[next]
        }
        let center = middle(box, layout.orientation)
        return candidates.min { a, b in
            rank(a, layout, from: slot.layer, center: center) < rank(b, layout, from: slot.layer, center: center)
        } ?? selection
    }

    /// Nearest in line first, then fewest layers away.
    private static func rank(_ id: String, _ layout: GraphLayout, from layer: Int, center: Int) -> (Int, Int) {
        guard let box = layout.boxes[id], let slot = layout.slot(of: id) else { return (Int.max, Int.max) }
        return (abs(middle(box, layout.orientation) - center), abs(slot.layer - layer))
    }

    /// The box's middle along its layer (doubled, to stay in integers).
    private static func middle(_ box: Rect, _ orientation: GraphLayout.Orientation) -> Int {
        orientation == .leftToRight ? 2 * box.y + box.height : 2 * box.x + box.width
    }

    /// `/` search: the next node, in file order after `after` and wrapping around, whose id
    /// contains `query` (ignoring case); when no id does, whose kind does. Nil when none match.
    public static func find(_ query: String, in graph: Graph, after: String?) -> String? {
        let needle = query.lowercased()
        guard !needle.isEmpty, !graph.nodes.isEmpty else { return nil }
        var matches = graph.nodes.filter { $0.id.lowercased().contains(needle) }
        if matches.isEmpty { matches = graph.nodes.filter { $0.kindName.lowercased().contains(needle) } }
        guard let first = matches.first else { return nil }
        guard let after, let start = graph.index(of: after) else { return first.id }
        let order = Dictionary(
            graph.nodes.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        return matches.first { (order[$0.id] ?? 0) > start }?.id ?? first.id
    }
}
