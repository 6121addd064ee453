/// A graph compiled for running: nodes by index, wires as edges between input slots, executors
/// made, sub-graphs compiled, and a topological order. Immutable; runs share it.
public final class ExecutionPlan: Sendable {
    public let graph: Graph
    /// The file the graph came from (nil when built in memory).
    public let path: String?
    let nodes: [PlannedNode]
    let index: [String: Int]
    /// Node indices in an order every wire respects (file order among equals).
    let order: [Int]

    /// Top-level node ids in the order they can run: the plan a run starts with.
    public var plan: [String] { order.map { nodes[$0].id } }

    /// The scheduler's state before anything ran, built once per plan.
    let start: StartState
    /// Every node runs in place: the level needs no task group.
    let allInline: Bool

    /// Where each node's input slots start in the scheduler's one array of slot values.
    let slotBase: [Int]

    struct StartState: Sendable {
        let slotValues: [JSONValue?]
        let gathered: [[(wire: Int, source: String, value: JSONValue)]]
        let pending: [Int]
        let deadReason: [String?]
        let ready: [Int]
    }

    /// Every sub-graph file the plan runs (of `map`, `loop` and `graph` nodes and graph tools,
    /// nested ones too), by its path: a run stores them beside its graph.
    public let subgraphs: [String: Graph]

    init(graph: Graph, path: String?, nodes: [PlannedNode], order: [Int], subgraphs: [String: Graph] = [:]) {
        self.graph = graph
        self.path = path
        self.subgraphs = subgraphs
        self.nodes = nodes
        self.order = order
        self.index = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        inputs = graph.inputPorts
        outputs = graph.outputPorts
        allInline = nodes.allSatisfy(\.runsInline)
        let pending = nodes.map(\.incomingWires)
        var base = 0
        slotBase = nodes.map { node in
            defer { base += node.slots.count }
            return base
        }
        start = StartState(
            slotValues: Array(repeating: nil, count: base),
            gathered: Array(repeating: [], count: nodes.count), pending: pending,
            deadReason: Array(repeating: nil, count: nodes.count), ready: order.filter { pending[$0] == 0 })
    }

    /// The graph's `input` nodes as ports: name, type, whether required, description.
    public let inputs: [PortSpec]
    public let outputs: [PortSpec]

    /// `id` and every node its outputs reach, directly or not.
    public func downstream(of id: String) -> Set<String> {
        guard let start = index[id] else { return [] }
        var seen: Set<Int> = [start]
        var stack = [start]
        while let i = stack.popLast() {
            for (_, targets) in nodes[i].edges {
                for e in targets where seen.insert(e.target).inserted { stack.append(e.target) }
            }
        }
        return Set(seen.map { nodes[$0].id })
    }

    /// Problems with the values a run is given: missing required inputs (with their
    /// descriptions), values of the wrong type, and names that are no input.
    public func checkInputs(_ values: [String: JSONValue]) -> [String] {
        var problems: [String] = []
        for port in inputs {
            if let value = values[port.name] {
                if !port.type.accepts(value) {
                    problems.append("input `\(port.name)` must be \(port.type.rawValue), got \(value.typeName)")
                }
            } else if port.required {
                let about = port.doc.isEmpty ? "" : " (\(port.doc))"
                problems.append("missing input `\(port.name)`\(about)")
            }
        }
        let known = Set(inputs.map(\.name))
        for name in values.keys.sorted() where !known.contains(name) {
            problems.append(
                "`\(name)` is not an input of this graph; its inputs are: \(inputs.map(\.name).joined(separator: ", "))"
            )
        }
        return problems
    }
}

/// One node ready to run: its executor, input slots and outgoing edges. A class, so the
/// scheduler's many reads of it cost a retain rather than a copy of every field.
final class PlannedNode: Sendable {
    struct Edge: Sendable {
        var target: Int
        var slot: Int
        /// The wire's place in the file, which orders a merge's values.
        var wireIndex: Int
        /// The target slot's port takes several wires (a merge's `values`) / must get a value.
        var multiple: Bool
        var required: Bool
    }

    let id: String
    let node: Node
    let kind: NodeKind
    let ports: NodePorts
    let executor: any NodeExecutor
    /// Input port names; a slot is a port's position here.
    let slots: [String]
    let slotRequired: [Bool]
    let slotMultiple: [Bool]
    let hasMultipleSlot: Bool
    /// How many wires end at this node.
    let incomingWires: Int
    /// Edges leaving each output port (an array: the scheduler walks it for every step).
    let edges: [(port: String, targets: [Edge])]
    /// Kind and config, hashed once: the node half of every cache key.
    let fingerprint: [UInt8]
    let policy: ErrorPolicy
    /// Cheap synchronous work, and no retry policy that would need to sleep.
    var runsInline: Bool { executor.isInline && policy != .retry }

    init(
        id: String, node: Node, kind: NodeKind, ports: NodePorts, executor: any NodeExecutor, slots: [String],
        slotRequired: [Bool], slotMultiple: [Bool], incomingWires: Int, edges: [String: [Edge]], fingerprint: [UInt8]
    ) {
        self.id = id
        self.node = node
        self.kind = kind
        self.ports = ports
        self.executor = executor
        self.slots = slots
        self.slotRequired = slotRequired
        self.slotMultiple = slotMultiple
        hasMultipleSlot = slotMultiple.contains(true)
        self.incomingWires = incomingWires
        self.edges = edges.keys.sorted().map { ($0, edges[$0]!) }
        self.fingerprint = fingerprint
        self.policy = node["on_error"]?.stringValue.flatMap(ErrorPolicy.init(rawValue:)) ?? .fail
    }
}
