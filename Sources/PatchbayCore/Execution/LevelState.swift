/// The mutable bookkeeping of one level run: which inputs arrived, which nodes are ready. A
/// value owned by the scheduling loop (so its accesses need no run-time exclusivity checks);
/// a map worker keeps one per sub-graph and resets it for each item instead of allocating.
struct LevelState {
    let plan: ExecutionPlan
    /// Every node's single-wire input slots in one array; node i's start at `plan.slotBase[i]`.
    private var slotValues: [JSONValue?]
    private var gathered: [[(wire: Int, source: String, value: JSONValue)]]
    private var pending: [Int]
    private var deadReason: [String?]
    /// Nodes in the order they became ready; those before `head` have started.
    private var ready: [Int]
    private var head = 0
    /// Whether `gathered` / `deadReason` differ from the plan's start (rare: merges, failures).
    private var gatheredChanged = false
    private var deadChanged = false

    init(plan: ExecutionPlan) {
        self.plan = plan
        let start = plan.start
        slotValues = start.slotValues
        gathered = start.gathered
        pending = start.pending
        deadReason = start.deadReason
        ready = start.ready
    }

    /// Back to the state before anything ran, keeping the arrays' storage.
    mutating func reset() {
        let start = plan.start
        for i in slotValues.indices { slotValues[i] = nil }
        for i in pending.indices { pending[i] = start.pending[i] }
        ready.removeAll(keepingCapacity: true)
        ready.append(contentsOf: start.ready)
        head = 0
        if gatheredChanged {
            gathered = start.gathered
            gatheredChanged = false
        }
        if deadChanged {
            deadReason = start.deadReason
            deadChanged = false
        }
    }

    /// The next node whose inputs have all resolved; it counts as started from here on.
    mutating func nextReady() -> Int? {
        guard head < ready.count else { return nil }
        defer { head += 1 }
        return ready[head]
    }

    /// Why node `i` cannot run, if it cannot: a required input never came.
    func skipReason(_ i: Int) -> String? {
        if let reason = deadReason[i] { return reason }
        guard plan.nodes[i].hasMultipleSlot else { return nil }
        let node = plan.nodes[i]
        for slot in node.slots.indices where node.slotMultiple[slot] && node.slotRequired[slot] && gathered[i].isEmpty {
            return "no value reached `\(node.id).\(node.slots[slot])`"
        }
        return nil
    }

    func inputs(of i: Int, levelInputs: [String: JSONValue]) -> NodeInputs {
        let node = plan.nodes[i]
        let base = plan.slotBase[i]
        var values: [String: JSONValue]
        // Most nodes have no input port (input nodes) or one: a literal is the cheapest way
        // to make that dictionary; the general loop handles the rest.
        if node.slots.isEmpty {
            values = [:]
        } else if node.slots.count == 1, !node.hasMultipleSlot {
            values = slotValues[base].map { [node.slots[0]: $0] } ?? [:]
        } else {
            values = [:]
            for (slot, name) in node.slots.enumerated() {
                if node.slotMultiple[slot] {
                    values[name] = .array(gathered[i].sorted { $0.wire < $1.wire }.map(\.value))
                } else if let value = slotValues[base + slot] {
                    values[name] = value
                }
            }
        }
        if node.kind == .input, let given = levelInputs[node.id] ?? node.node["default"] {
            if values.isEmpty { values = ["value": given] } else { values["value"] = given }
        }
        guard gatheredChanged, !gathered[i].isEmpty else { return NodeInputs(values: values) }
        return NodeInputs(
            values: values, gathered: gathered[i].sorted { $0.wire < $1.wire }.map { ($0.source, $0.value) })
    }

    mutating func deliver(from i: Int, step: Step) {
        let node = plan.nodes[i]
        let outputs = step.outputs
        for (port, targets) in node.edges {
            let value = outputs.value(of: port)
            for edge in targets {
                if let value {
                    if edge.multiple {
                        gathered[edge.target].append((edge.wireIndex, node.id, value))
                        gatheredChanged = true
                    } else {
                        slotValues[plan.slotBase[edge.target] + edge.slot] = value
                    }
                } else if edge.required, !edge.multiple, deadReason[edge.target] == nil {
                    deadReason[edge.target] =
                        switch step.status {
                        case .skipped: "`\(node.id)` was skipped"
                        case .failed, .cancelled: "`\(node.id)` failed"
                        default: "`\(node.id).\(port)` was not emitted"
                        }
                    deadChanged = true
                }
                pending[edge.target] -= 1
                if pending[edge.target] == 0 { ready.append(edge.target) }
            }
        }
    }

    /// Nodes not yet started, in plan order: what the debugger shows as "next".
    func remaining() -> [String] {
        let started = Set(ready[..<head])
        return plan.order.filter { !started.contains($0) }.map { plan.nodes[$0].id }
    }
}
