import PatchbayCore

extension GraphEditing {
    /// What extracting nodes into a sub-graph makes: the new file's graph, and the parent graph
    /// with those nodes replaced by one `graph` node wired where they were.
    public struct Extraction: Sendable {
        public var subgraph: Graph
        public var parent: Graph
        public var nodeID: String
    }

    /// Moves `ids` into a sub-graph file at `file` (relative to the parent graph). Wires that
    /// enter the selection become the sub-graph's `input` nodes, wires that leave it its
    /// `output` nodes; the parent gets a `graph` node with the same connections.
    public static func extract(_ ids: Set<String>, from graph: Graph, file: String, name: String) -> Extraction? {
        let inside = graph.nodes.filter { ids.contains($0.id) }
        guard !inside.isEmpty else { return nil }
        var sub = Graph(
            title: name, nodes: inside,
            wires: graph.wires.filter { ids.contains($0.from.node) && ids.contains($0.to.node) })
        var parent = graph
        let nodeID = freshID(name, in: graph)
        var boundaryIn: [PortRef: String] = [:]
        var boundaryOut: [PortRef: String] = [:]
        var parentWires: [Wire] = []

        for wire in graph.wires {
            let fromIn = ids.contains(wire.from.node)
            let toIn = ids.contains(wire.to.node)
            if !fromIn && toIn {
                let port =
                    boundaryIn[wire.from]
                    ?? freshID(wire.from.port.map { "\(wire.from.node)_\($0)" } ?? wire.from.node, in: sub)
                if boundaryIn[wire.from] == nil {
                    boundaryIn[wire.from] = port
                    sub.nodes.insert(Node(id: port, kind: .input), at: 0)
                    parentWires.append(Wire(from: wire.from, to: PortRef(node: nodeID, port: port)))
                }
                sub.wires.append(Wire(from: PortRef(node: port), to: wire.to))
            } else if fromIn && !toIn {
                let port =
                    boundaryOut[wire.from]
                    ?? freshID(wire.from.port.map { "\(wire.from.node)_\($0)" } ?? wire.from.node, in: sub)
                if boundaryOut[wire.from] == nil {
                    boundaryOut[wire.from] = port
                    sub.nodes.append(Node(id: port, kind: .output))
                    sub.wires.append(Wire(from: wire.from, to: PortRef(node: port)))
                }
                parentWires.append(Wire(from: PortRef(node: nodeID, port: port), to: wire.to))
            }
        }
        let first = graph.nodes.firstIndex { ids.contains($0.id) } ?? parent.nodes.count
        parent.nodes.removeAll { ids.contains($0.id) }
        parent.wires.removeAll { ids.contains($0.from.node) || ids.contains($0.to.node) }
        parent.nodes.insert(
            Node(id: nodeID, kind: .graph, fields: ["graph": .string(file)]), at: min(first, parent.nodes.count))
        parent.wires += parentWires
        return Extraction(subgraph: sub, parent: parent, nodeID: nodeID)
    }
}
