import PatchbayCore

/// One benchmark workload: a graph built in memory, its inputs, and how to check a run's result.
/// The shapes mirror `shared/bench/peers/bench_*.py` so per-node figures compare like for like.
struct Workload: Sendable {
    let name: String
    let n: Int
    /// Nodes that do the workload's work, counted as the peers count them (not input/output nodes).
    let nodesExecuted: Int
    let build: @Sendable () -> Graph
    let subgraphs: [String: Graph]
    let inputs: [String: JSONValue]
    /// Throws when the run's result is wrong: a benchmark of a broken run measures nothing.
    let check: @Sendable (RunResult) throws -> Void
    /// The model and tools the runs get (the tools workload's in-process doubles); none by default.
    var models: (any ModelProvider)? = nil
    var tools: (any ToolProvider)? = nil

    static let names = ["chain", "fanout", "map", "tools", "load10k"]

    static func make(_ name: String, n: Int) throws -> Workload {
        switch name {
        case "chain": return chain(n)
        case "fanout": return fanout(n)
        case "map": return map(n)
        case "tools": return tools(n)
        default: throw BenchError("unknown workload `\(name)`; workloads: \(names.joined(separator: ", "))")
        }
    }

    /// input v → n0 … n{N-1} (each `. + 1`) → output; the output is N.
    static func chain(_ n: Int) -> Workload {
        Workload(
            name: "chain", n: n, nodesExecuted: n,
            build: {
                var nodes = [Node(id: "v", kind: .input, fields: ["type": "number"])]
                var wires = [Wire]()
                var previous = "v"
                for i in 0..<n {
                    nodes.append(Node(id: "n\(i)", kind: .jq, fields: ["jq": ". + 1"]))
                    wires.append(wire(previous, "n\(i)"))
                    previous = "n\(i)"
                }
                nodes.append(Node(id: "out", kind: .output))
                wires.append(wire(previous, "out"))
                return Graph(title: "chain \(n)", nodes: nodes, wires: wires)
            },
            subgraphs: [:], inputs: ["v": 0],
            check: { try expectOutput($0, "out", .number(Double(n))) })
    }

    /// input x → start (`. + 1`) → W workers (`. * 2 + i`) → join → output. The join is one jq
    /// node whose named inputs are the W workers, so it runs once all W values have arrived —
    /// the same wait-for-all as the peer's multi-source edge.
    static func fanout(_ w: Int) -> Workload {
        Workload(
            name: "fanout", n: w, nodesExecuted: w + 2,
            build: {
                var nodes = [
                    Node(id: "x", kind: .input, fields: ["type": "number"]),
                    Node(id: "start", kind: .jq, fields: ["jq": ". + 1"]),
                ]
                var wires = [wire("x", "start")]
                let workers = (0..<w).map { "w\($0)" }
                for (i, id) in workers.enumerated() {
                    nodes.append(Node(id: id, kind: .jq, fields: ["jq": .string(". * 2 + \(i)")]))
                    wires.append(wire("start", id))
                }
                nodes.append(
                    Node(
                        id: "join", kind: .jq,
                        fields: ["jq": "[.[]] | add", "inputs": .array(workers.map { .string($0) })]))
                wires += workers.map { Wire(from: PortRef(node: $0), to: PortRef(node: "join", port: $0)) }
                nodes.append(Node(id: "out", kind: .output))
                wires.append(wire("join", "out"))
                return Graph(title: "fanout \(w)", nodes: nodes, wires: wires)
            },
            subgraphs: [:], inputs: ["x": 0],
            // Same total as bench_fanout.py: x becomes 1, worker i gives 2 + i.
            check: { try expectOutput($0, "out", .number(Double((0..<w).reduce(0) { $0 + 2 + $1 }))) })
    }

    /// input m → producer `[range(.)]` → map over `double` (item → `. * 2` → output), two at a
    /// time (the machine has two cores) → collect `add` → output; the total is M·(M−1).
    static func map(_ m: Int) -> Workload {
        let double = Graph(
            title: "double",
            nodes: [
                Node(id: "item", kind: .input, fields: ["type": "number"]),
                Node(id: "double", kind: .jq, fields: ["jq": ". * 2"]),
                Node(id: "result", kind: .output),
            ],
            wires: [wire("item", "double"), wire("double", "result")])
        return Workload(
            name: "map", n: m, nodesExecuted: m + 2,
            build: {
                Graph(
                    title: "map \(m)",
                    nodes: [
                        Node(id: "m", kind: .input, fields: ["type": "number"]),
                        Node(id: "producer", kind: .jq, fields: ["jq": "[range(.)]"]),
                        Node(id: "each", kind: .map, fields: ["graph": "double.graph.yaml", "concurrency": 2]),
                        Node(id: "collect", kind: .jq, fields: ["jq": "add"]),
                        Node(id: "out", kind: .output),
                    ],
                    wires: [
                        wire("m", "producer"),
                        Wire(from: PortRef(node: "producer"), to: PortRef(node: "each", port: "items")),
                        Wire(from: PortRef(node: "each", port: "results"), to: PortRef(node: "collect")),
                        wire("collect", "out"),
                    ])
            },
            subgraphs: ["double.graph.yaml": double], inputs: ["m": .number(Double(m))],
            check: { try expectOutput($0, "out", .number(Double(m) * Double(m - 1))) })
    }
}

private func wire(_ from: String, _ to: String) -> Wire {
    Wire(from: PortRef(node: from), to: PortRef(node: to))
}

private func expectOutput(_ result: RunResult, _ id: String, _ expected: JSONValue) throws {
    guard result.status == .succeeded else {
        throw BenchError("run \(result.status.rawValue): \(result.error?.description ?? "no error recorded")")
    }
    guard result.outputs[id] == expected else {
        throw BenchError(
            "output `\(id)` is \(result.outputs[id]?.compactJSON ?? "missing"), expected \(expected.compactJSON)")
    }
}

/// Sub-graphs by file name, for graphs built in memory (the bench cannot use the test support target).
struct MemoryResolver: SubgraphResolver {
    let graphs: [String: Graph]

    func subgraph(for node: Node, in path: String?) throws -> (graph: Graph, path: String) {
        let name = node["graph"]?.stringValue ?? ""
        guard let graph = graphs[name] else { throw BenchError("no sub-graph `\(name)`") }
        return (graph, name)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
