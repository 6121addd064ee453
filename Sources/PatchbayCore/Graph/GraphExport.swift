/// Renders a graph as Graphviz DOT or Mermaid text for docs and reviews.
public enum GraphExport {
    public enum Format: String, CaseIterable, Sendable { case dot, mermaid }

    public static func render(_ graph: Graph, as format: Format) -> String {
        switch format {
        case .dot: dot(graph)
        case .mermaid: mermaid(graph)
        }
    }

    static func dot(_ graph: Graph) -> String {
        var lines = ["digraph \(quoteDot(graph.title ?? "graph")) {", "  rankdir=LR;", "  node [shape=box, fontname=\"monospace\"];"]
        for node in graph.nodes {
            let shape = switch node.kind {
            case .input, .output: "ellipse"
            case .switch, .check: "diamond"
            case .map, .loop, .graph: "box3d"
            default: "box"
            }
            lines.append("  \(quoteDot(node.id)) [label=\(quoteDot("\(node.id)\n\(node.kindName)")), shape=\(shape)];")
        }
        for wire in graph.wires {
            let label = [wire.from.port, wire.to.port].map { $0 ?? "" }.joined(separator: " → ")
            lines.append("  \(quoteDot(wire.from.node)) -> \(quoteDot(wire.to.node)) [label=\(quoteDot(label))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    static func mermaid(_ graph: Graph) -> String {
        var lines = ["flowchart LR"]
        var ids: [String: String] = [:]
        for (i, node) in graph.nodes.enumerated() {
            // Mermaid ids must be simple; labels carry the real names.
            let id = "n\(i)"
            ids[node.id] = id
            let label = "\(node.id)<br/><i>\(node.kindName)</i>".replacingOccurrences(of: "\"", with: "#quot;")
            let shape = switch node.kind {
            case .input, .output: ("([\"", "\"])")
            case .switch, .check: ("{\"", "\"}")
            case .map, .loop, .graph: ("[[\"", "\"]]")
            default: ("[\"", "\"]")
            }
            lines.append("  \(id)\(shape.0)\(label)\(shape.1)")
        }
        for wire in graph.wires {
            guard let from = ids[wire.from.node], let to = ids[wire.to.node] else { continue }
            let label = [wire.from.port, wire.to.port].map { $0 ?? "" }.joined(separator: " → ")
            lines.append("  \(from) -->|\"\(label.replacingOccurrences(of: "\"", with: "#quot;"))\"| \(to)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoteDot(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}

import Foundation
