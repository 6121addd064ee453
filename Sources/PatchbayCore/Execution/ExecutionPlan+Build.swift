import Foundation

extension ExecutionPlan {
    /// Compiles a graph and the sub-graphs it names. Throws every problem that makes it
    /// unrunnable at once; `GraphValidator` gives the same problems with file positions.
    public static func build(_ graph: Graph, path: String?, resolver: (any SubgraphResolver)?) throws -> ExecutionPlan {
        var builder = PlanBuilder(resolver: resolver)
        let plan = try builder.build(graph, path: path, including: [])
        // Validation names the chain; this stops a graph built without validating it.
        if let size = builder.expanded[ObjectIdentifier(plan)], size > GraphLimits.expandedNodes {
            throw GraphFileError([
                Diagnostic(
                    .error, .limit, "with its sub-graphs this graph has more than \(GraphLimits.expandedNodes) nodes",
                    hint: "`patchbay validate` names the files that multiply it", file: path)
            ])
        }
        return plan
    }
}

private struct PlanBuilder {
    let resolver: (any SubgraphResolver)?
    var built: [String: ExecutionPlan] = [:]
    /// Nodes of each plan built, with its sub-plans' expanded (`GraphLimits.expandedNodes`).
    var expanded: [ObjectIdentifier: Int] = [:]

    init(resolver: (any SubgraphResolver)?) { self.resolver = resolver }

    mutating func build(_ graph: Graph, path: String?, including: [String]) throws -> ExecutionPlan {
        if let path, let plan = built[path] { return plan }
        var problems: [Diagnostic] = []
        func problem(_ kind: Diagnostic.Kind, _ message: String, node: String? = nil, hint: String? = nil) {
            problems.append(Diagnostic(.error, kind, message, hint: hint.map(Hint.text), file: path, node: node))
        }

        // Sub-graphs first: their input and output nodes are the ports of map/loop/graph nodes.
        var subplans: [String: ExecutionPlan] = [:]
        for node in graph.nodes where node.kind?.hasSubgraph == true {
            guard let resolver else {
                problem(
                    .reference, "node `\(node.id)` needs its sub-graph file, but this graph was not loaded from a file",
                    node: node.id)
                continue
            }
            do {
                let (sub, subPath) = try resolver.subgraph(for: node, in: path)
                if including.count + 1 >= GraphLimits.nestingDepth {
                    problem(
                        .limit, "sub-graphs nest more than \(GraphLimits.nestingDepth) files deep, at \(subPath)",
                        node: node.id, hint: "`patchbay validate` names the chain")
                    continue
                }
                if including.contains(subPath) || subPath == path {
                    let chain = (including + [path, subPath].compactMap { $0 }).map {
                        ($0 as NSString).lastPathComponent
                    }
                    problem(
                        .reference, "sub-graph includes itself: \(chain.joined(separator: " → "))", node: node.id,
                        hint: "a graph cannot call itself; use a `loop` node for repetition")
                    continue
                }
                subplans[node.id] = try build(sub, path: subPath, including: including + [path].compactMap { $0 })
            } catch let error as GraphFileError {
                problems += error.diagnostics
            } catch {
                problem(.reference, "node `\(node.id)`: \(error)", node: node.id)
            }
        }
        // Graph files an llm node offers as tools: built like sub-graphs, found the same way.
        var toolPlans: [String: [String: ExecutionPlan]] = [:]
        for node in graph.nodes where node.kind == .llm {
            for case .graph(let file) in (try? ToolSource.parse(node.fields["tools"])) ?? [] {
                guard let resolver else {
                    problem(
                        .reference, "tool graph `\(file)` of node `\(node.id)` needs a graph loaded from a file",
                        node: node.id)
                    continue
                }
                do {
                    let (sub, subPath) = try resolver.subgraph(
                        for: Node(id: node.id, kind: .graph, fields: ["graph": .string(file)]), in: path)
                    guard !including.contains(subPath), subPath != path else {
                        problem(
                            .reference, "tool graph `\(file)` of node `\(node.id)` includes this graph", node: node.id)
                        continue
                    }
                    toolPlans[node.id, default: [:]][file] = try build(
                        sub, path: subPath, including: including + [path].compactMap { $0 })
                } catch let error as GraphFileError {
                    problems += error.diagnostics
                } catch {
                    problem(.reference, "tool graph `\(file)` of node `\(node.id)`: \(error)", node: node.id)
                }
            }
        }

        var ports: [NodePorts] = []
        var seen = Set<String>()
        for node in graph.nodes {
            if !seen.insert(node.id).inserted { problem(.field, "duplicate node id `\(node.id)`", node: node.id) }
            if node.kind == nil {
                problem(
                    .field, "node `\(node.id)` has unknown kind `\(node.kindName)`", node: node.id,
                    hint: "`patchbay nodes` lists the kinds")
            }
            ports.append(NodePorts.resolve(node) { subplans[$0.id]?.graph })
        }
        let index = Dictionary(graph.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Wires become edges from an output port to an input slot.
        var edges = Array(repeating: [String: [PlannedNode.Edge]](), count: graph.nodes.count)
        var incoming = Array(repeating: 0, count: graph.nodes.count)
        var wiredSlots = Array(repeating: [Int: Int](), count: graph.nodes.count)
        for (w, wire) in graph.wires.enumerated() {
            guard let from = index[wire.from.node], let to = index[wire.to.node] else {
                problem(.reference, "wire `\(wire)` names a node that does not exist")
                continue
            }
            guard let outPort = wire.from.port ?? ports[from].primaryOutput?.name, ports[from].output(outPort) != nil
            else {
                problem(.reference, "wire `\(wire)`: `\(wire.from)` is not an output port", node: wire.from.node)
                continue
            }
            guard let inPort = wire.to.port ?? ports[to].primaryInput?.name,
                let slot = ports[to].inputs.firstIndex(where: { $0.name == inPort })
            else {
                problem(.reference, "wire `\(wire)`: `\(wire.to)` is not an input port", node: wire.to.node)
                continue
            }
            if wiredSlots[to][slot, default: 0] > 0, !ports[to].inputs[slot].multiple {
                problem(.wire, "input `\(wire.to.node).\(inPort)` has more than one wire", node: wire.to.node)
            }
            wiredSlots[to][slot, default: 0] += 1
            let port = ports[to].inputs[slot]
            edges[from][outPort, default: []].append(
                .init(target: to, slot: slot, wireIndex: w, multiple: port.multiple, required: port.required))
            incoming[to] += 1
        }
        for (i, node) in graph.nodes.enumerated() where node.kind != .input {
            for (slot, port) in ports[i].inputs.enumerated() where port.required && wiredSlots[i][slot] == nil {
                problem(
                    .wire, "input `\(node.id).\(port.name)` is not wired", node: node.id,
                    hint: "add a wire `SOURCE.PORT -> \(node.id).\(port.name)`")
            }
        }

        let order = Self.topologicalOrder(count: graph.nodes.count, edges: edges)
        if order.count < graph.nodes.count {
            let stuck = Set(0..<graph.nodes.count).subtracting(order).sorted().map { graph.nodes[$0].id }
            problem(
                .wire, "the graph has a cycle through \(stuck.map { "`\($0)`" }.joined(separator: ", "))",
                hint: "repeat work with a `loop` node instead of a wire back")
        }

        // jq 1.6 takes ~15 ms to compile a program: compile the distinct ones in parallel first;
        // the executors below then find them compiled (errors are reported per node there).
        let programs = Set(graph.nodes.flatMap(Self.jqPrograms))
        if programs.count > 1 { _ = JqProgram.compileAll(programs) }

        var planned: [PlannedNode] = []
        for (i, node) in graph.nodes.enumerated() {
            guard let kind = node.kind else { continue }
            do {
                let executor = try Executors.make(
                    node, kind: kind, ports: ports[i], subplan: subplans[node.id], graphPath: path,
                    toolPlans: toolPlans[node.id] ?? [:])
                planned.append(
                    PlannedNode(
                        id: node.id, node: node, kind: kind, ports: ports[i], executor: executor,
                        slots: ports[i].inputs.map(\.name), slotRequired: ports[i].inputs.map(\.required),
                        slotMultiple: ports[i].inputs.map(\.multiple), incomingWires: incoming[i], edges: edges[i],
                        fingerprint: CacheKey.fingerprint(node, extra: executor.cacheIdentity)))
            } catch {
                // The executor refused the node's fields.
                problem(.field, "node `\(node.id)`: \(error)", node: node.id)
            }
        }
        if !problems.isEmpty { throw GraphFileError(problems) }
        var files: [String: Graph] = [:]
        for sub in Array(subplans.values) + toolPlans.values.flatMap(\.values) {
            files.merge(sub.subgraphs) { a, _ in a }
            if let subPath = sub.path { files[subPath] = sub.graph }
        }
        let plan = ExecutionPlan(graph: graph, path: path, nodes: planned, order: order, subgraphs: files)
        expanded[ObjectIdentifier(plan)] = subplans.values.reduce(graph.nodes.count) {
            GraphLimits.adding($0, expanded[ObjectIdentifier($1)] ?? 0)
        }
        if let path { built[path] = plan }
        return plan
    }

    /// The jq programs a node holds.
    static func jqPrograms(_ node: Node) -> [String] {
        switch node.kind {
        case .jq, .check: [node["jq"]?.stringValue].compactMap { $0 }
        case .switch: (node["cases"]?.arrayValue ?? []).compactMap { $0["when"]?.stringValue }
        case .loop: [node["until"]?.stringValue].compactMap { $0 }
        default: []
        }
    }

    /// Kahn's algorithm, taking ready nodes in file order so plans read like the file.
    static func topologicalOrder(count: Int, edges: [[String: [PlannedNode.Edge]]]) -> [Int] {
        var indegree = Array(repeating: 0, count: count)
        for out in edges { for list in out.values { for e in list { indegree[e.target] += 1 } } }
        var ready = (0..<count).filter { indegree[$0] == 0 }
        var order: [Int] = []
        order.reserveCapacity(count)
        var head = 0
        while head < ready.count {
            let i = ready[head]
            head += 1
            order.append(i)
            var next: [Int] = []
            for list in edges[i].values {
                for e in list {
                    indegree[e.target] -= 1
                    if indegree[e.target] == 0 { next.append(e.target) }
                }
            }
            ready += next.sorted()
        }
        return order
    }
}
