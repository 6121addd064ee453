import Foundation
import PatchbayCore

/// Graphs for the workbench benchmarks, built in memory or written to a scratch folder.
enum TUIGraphs {
    /// Exactly `count` nodes: one input, layers of `width` nodes alternating `template` and
    /// `jq` wired in chains (each node from the one above it), every third template node also
    /// fed from its right-hand neighbour's chain (fan-out and fan-in), outputs at the bottom.
    static func layered(count: Int = 500, width: Int = 10) -> Graph {
        let outputs = width - 1
        let layers = max(1, (count - 1 - outputs) / width)
        var nodes = [Node(id: "in", kind: .input, fields: ["type": "string"])]
        var wires: [Wire] = []
        func id(_ layer: Int, _ column: Int) -> String { "l\(layer)c\(column)" }
        for layer in 0..<layers {
            for column in 0..<width {
                let this = id(layer, column)
                let above = layer == 0 ? "in" : id(layer - 1, column)
                if layer % 2 == 0 {
                    let fanIn = layer > 0 && column % 3 == 0
                    let template = fanIn ? "{{a}} and {{b}}" : "{{a}}!"
                    nodes.append(Node(id: this, kind: .template, fields: ["template": .string(template)]))
                    wires.append(Wire(from: PortRef(node: above), to: PortRef(node: this, port: "a")))
                    if fanIn {
                        wires.append(
                            Wire(
                                from: PortRef(node: id(layer - 1, (column + 1) % width)),
                                to: PortRef(node: this, port: "b")))
                    }
                } else {
                    nodes.append(Node(id: this, kind: .jq, fields: ["jq": .string(". + \"\(column)\"")]))
                    wires.append(Wire(from: PortRef(node: above), to: PortRef(node: this)))
                }
            }
        }
        // Fill up to `count` with outputs under the last layer's columns.
        var column = 0
        while nodes.count < count {
            let out = "out\(column)"
            nodes.append(Node(id: out, kind: .output))
            wires.append(Wire(from: PortRef(node: id(layers - 1, column % width)), to: PortRef(node: out)))
            column += 1
        }
        return Graph(title: "layered \(count)", nodes: nodes, wires: wires)
    }

    /// The `map` workload's graph with M items (each item runs a sub-graph of input → jq →
    /// output), written to `directory` with its sub-graph; `m` has M as its default, so the
    /// inputs form submits it with Enter. Returns the graph and its path.
    static func writeMap(items: Int, in directory: String) throws -> (graph: Graph, path: String) {
        let workload = Workload.map(items)
        var graph = workload.build()
        if let index = graph.nodes.firstIndex(where: { $0.id == "m" }) {
            graph.nodes[index] = Node(
                id: "m", kind: .input, fields: ["type": "number", "default": .number(Double(items))])
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, subgraph) in workload.subgraphs {
            try GraphCodec.encode(subgraph).write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        let path = directory + "/map.graph.yaml"
        try GraphCodec.encode(graph).write(toFile: path, atomically: true, encoding: .utf8)
        return (graph, path)
    }

    /// A sample graph from `sample-graphs/`, looked for from the working directory up.
    static func sample(_ name: String) throws -> (graph: Graph, path: String) {
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while directory.path != "/" {
            let path = directory.appendingPathComponent("sample-graphs/\(name)").path
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                return (try GraphCodec.decode(text, path: path).graph, path)
            }
            directory.deleteLastPathComponent()
        }
        throw BenchError("sample-graphs/\(name) not found from \(FileManager.default.currentDirectoryPath) up")
    }
}
