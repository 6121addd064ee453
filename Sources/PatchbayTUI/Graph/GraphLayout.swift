import PatchbayCore
import PatchbayPresentation

/// Where every node box and wire of a graph sits on an unbounded canvas: a layered
/// (Sugiyama-style) drawing with inputs in the first layer and outputs in the last.
///
/// Computed once per graph edit, not per frame; `GraphView` draws the visible part of it.
/// Invalid graphs (unknown wire endpoints, cycles, duplicate ids) still lay out: an editor
/// passes through them and they must stay visible.
public struct GraphLayout: Sendable, Hashable {
    public enum Orientation: Sendable, Hashable {
        /// Layers are columns; wires leave a box on the right and enter on the left.
        case leftToRight
        /// Layers are rows; wires leave a box at the bottom and enter at the top.
        case topToBottom
    }

    /// A canvas cell.
    public struct Point: Sendable, Hashable {
        public var x: Int
        public var y: Int

        public init(x: Int, y: Int) {
            self.x = x
            self.y = y
        }
    }

    /// One drawn wire: an orthogonal polyline through its corner cells. The first point is the
    /// cell just outside the source box, the last the cell just outside the target box (where
    /// the arrow head goes).
    public struct Route: Sendable, Hashable {
        /// The wire's source and target nodes, as the graph has them.
        public var from: String
        public var to: String
        public var points: [Point]
        /// A wire that closes a cycle runs against the layer order: it is drawn from `to`
        /// to `from` and gets no arrow head.
        public var reversed: Bool
        /// The cells the polyline covers, for skipping wires outside the viewport.
        public var bounds: Rect
        /// The source port(s) the wire leaves from, when they say which way a value went
        /// (`positive` out of a switch, `fail` out of a check). Nil for other wires.
        public var label: String? = nil
        /// The cells the label may take, just before the target: on the wire's last run, or
        /// on the arrow head's row, left of the head, when drawn top to bottom.
        public var labelArea: Rect? = nil
    }

    public var orientation: Orientation
    /// Node id → box in canvas coordinates (4 rows high).
    public var boxes: [String: Rect]
    public var width: Int
    public var height: Int
    /// Node ids per layer, in drawing order (top to bottom, or left to right when narrow).
    public var layers: [[String]]
    public var routes: [Route]
    /// Node id → kind as written (unknown kinds included).
    public var kinds: [String: String]
    /// Distinct wire neighbours of each node, for navigation (cycles and all).
    public var successors: [String: [String]]
    public var predecessors: [String: [String]]
    /// Node id → (layer, index in layer).
    var slots: [String: (layer: Int, index: Int)]
    /// Nodes a route leaves from, whose border shows a port tee.
    var exits: Set<String>

    /// Box rows: top border, status and id, kind, bottom border.
    static let boxHeight = 4
    /// Longer ids are cut with an ellipsis, so one long name does not widen a whole layer.
    static let maxContentWidth = 30
    /// Room for the sub-graph marker after the kind (the ASCII one, `[+]`, is the widest).
    static let markerWidth = 3

    public static func == (a: GraphLayout, b: GraphLayout) -> Bool {
        a.orientation == b.orientation && a.boxes == b.boxes && a.layers == b.layers && a.routes == b.routes
            && a.kinds == b.kinds && a.width == b.width && a.height == b.height
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(orientation)
        hasher.combine(layers)
        hasher.combine(width)
        hasher.combine(height)
    }

    /// The layer and position of a node, nil for ids not in the layout.
    public func slot(of id: String) -> (layer: Int, index: Int)? { slots[id] }

    /// The box's width for a node: room for "✓ id" (a status glyph) and "  kind ⧉", plus a problem marker.
    static func boxWidth(id: String, kind: String) -> Int {
        let idWidth = DisplayWidth.of(VisibleText.escaped(id))
        let kindWidth =
            DisplayWidth.of(VisibleText.escaped(kind))
            + (NodeKind(rawValue: kind)?.hasSubgraph == true ? 1 + markerWidth : 0)
        let content = min(maxContentWidth, max(2 + idWidth, 2 + kindWidth))
        // Border, content, a blank, the problem marker column, border.
        return content + 4
    }

    public static func make(_ graph: Graph, orientation: Orientation) -> GraphLayout {
        let input = LayoutInput(graph)
        let layering = Layering(input)
        var ordering = SlotOrdering(layering)
        ordering.reduceCrossings()
        let placement = Placement(input: input, ordering: ordering, orientation: orientation)
        return GraphLayout(input: input, ordering: ordering, placement: placement, orientation: orientation)
    }

    private init(input: LayoutInput, ordering: SlotOrdering, placement: Placement, orientation: Orientation) {
        self.orientation = orientation
        boxes = [:]
        kinds = [:]
        slots = [:]
        var layers: [[String]] = []
        for layer in ordering.order {
            var names: [String] = []
            for slot in layer {
                guard let node = ordering.slots[slot].node else { continue }
                let id = input.ids[node]
                slots[id] = (layers.count, names.count)
                names.append(id)
                boxes[id] = placement.boxes[node]
                kinds[id] = input.kinds[node]
            }
            if !names.isEmpty { layers.append(names) }
        }
        self.layers = layers
        routes = placement.routes
        width = placement.width
        height = placement.height
        var successors: [String: [String]] = [:]
        var predecessors: [String: [String]] = [:]
        for edge in input.edges {
            successors[input.ids[edge.from], default: []].append(input.ids[edge.to])
            predecessors[input.ids[edge.to], default: []].append(input.ids[edge.from])
        }
        self.successors = successors
        self.predecessors = predecessors
        exits = Set(routes.map { $0.reversed ? $0.to : $0.from })
    }
}

/// The graph reduced to what layout needs: unique ids and unique, valid edges by index.
struct LayoutInput {
    var ids: [String] = []
    var kinds: [String] = []
    var index: [String: Int] = [:]
    /// Distinct node pairs joined by at least one wire; self-wires and unknown ends dropped.
    var edges: [(from: Int, to: Int)] = []
    /// Per edge, the source's port names when the source has several ways out (see `portLabel`).
    var labels: [String?] = []

    init(_ graph: Graph) {
        for node in graph.nodes where index[node.id] == nil {
            index[node.id] = ids.count
            ids.append(node.id)
            kinds.append(node.kindName)
        }
        var edgeOf: [Int: Int] = [:]
        for wire in graph.wires {
            guard let a = index[wire.from.node], let b = index[wire.to.node], a != b else { continue }
            let key = a * ids.count + b
            let port = Self.portLabel(wire.from, graph: graph)
            if let i = edgeOf[key] {
                if let port, labels[i]?.split(separator: ",").contains(Substring(port)) != true {
                    labels[i] = labels[i].map { $0 + "," + port } ?? port
                }
                continue
            }
            edgeOf[key] = edges.count
            edges.append((a, b))
            labels.append(port)
        }
    }

    /// The port name a wire is labelled with: out of a switch, check or loop (which of its ports
    /// a value takes is the point of those nodes), or out of any node's `error` port. A wire
    /// naming no port is the switch's first case or the check's `pass`; a loop's is its body's
    /// first output, which is not known here, so it goes unlabelled.
    static func portLabel(_ end: PortRef, graph: Graph) -> String? {
        if end.port == "error" { return "error" }
        guard let node = graph[end.node], let kind = node.kind, [.switch, .check, .loop].contains(kind) else {
            return nil
        }
        if let port = end.port { return port }
        guard kind != .loop else { return nil }
        return NodePorts.resolve(node, subgraph: { _ in nil }).primaryOutput?.name
    }

    func isInput(_ node: Int) -> Bool { kinds[node] == NodeKind.input.rawValue }
    func isOutput(_ node: Int) -> Bool { kinds[node] == NodeKind.output.rawValue }
}
