import Foundation

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
        var lines = [
            "digraph \(quoteDot(graph.title ?? "graph")) {", "  rankdir=LR;",
            "  node [shape=box, fontname=\"monospace\"];",
        ]
        for node in graph.nodes {
            let shape =
                switch node.kind {
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
            let label = "\(quoteMermaid(node.id))<br/><i>\(node.kindName)</i>"
            let shape =
                switch node.kind {
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
            lines.append("  \(from) -->|\"\(quoteMermaid(label))\"| \(to)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A DOT quoted string. Controls and invisible characters (an OSC title sequence, U+202E)
    /// are written as HTML entities (`&#27;`), which Graphviz reads back as the same
    /// characters: the file stays valid DOT, means the same, and prints safely (`&` itself
    /// becomes `&amp;` so an id's own text is never read as an entity).
    static func quoteDot(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "&": out += "&amp;"
            case _ where TerminalText.isControl(scalar) || TerminalText.isInvisible(scalar):
                out += "&#\(scalar.value);"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Text inside a Mermaid `"…"` label: Mermaid's entity codes (`#quot;`, `#27;`) for quotes,
    /// `#`, `&`, angle brackets, controls and invisible characters, so an id can neither end the
    /// label or the line nor reach the terminal raw.
    static func quoteMermaid(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "#quot;"
            case "#", "<", ">", "&": out += "#\(scalar.value);"
            case _ where TerminalText.isControl(scalar) || TerminalText.isInvisible(scalar): out += "#\(scalar.value);"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
