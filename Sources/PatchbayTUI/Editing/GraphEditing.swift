import Foundation
import PatchbayCore

/// The graph edits the workbench offers, as pure functions on `Graph`. Wires follow renames,
/// deletes take their wires along, and new ids never collide.
public enum GraphEditing {
    /// `base`, or `base2`, `base3`… whichever is free.
    public static func freshID(_ base: String, in graph: Graph) -> String {
        let ids = Set(graph.nodes.map(\.id))
        guard ids.contains(base) else { return base }
        var n = 2
        while ids.contains("\(base)\(n)") { n += 1 }
        return "\(base)\(n)"
    }

    /// A new node of `kind` with the kind's required fields filled with a starting value.
    public static func newNode(_ kind: NodeKind, in graph: Graph) -> Node {
        var fields: [String: JSONValue] = [:]
        for field in KindSpec.catalogue[kind]?.fields ?? [] where field.required {
            fields[field.name] = starter(for: field)
        }
        return Node(
            id: freshID(kind.rawValue.replacingOccurrences(of: "-", with: "_"), in: graph), kind: kind, fields: fields)
    }

    static func starter(for field: FieldSpec) -> JSONValue {
        switch field.type {
        case .text, .string, .graphPath: .string(field.name == "jq" || field.name == "when" ? "." : "")
        case .number, .integer: .number(0)
        case .boolean: .bool(false)
        case .stringList, .cases, .messages: .array([])
        case .oneOf(let options): .string(options.first ?? "")
        case .portType: .string("any")
        case .json: .null
        }
    }

    /// Adds `node` after `after` (or at the end), keeping file order meaningful.
    public static func add(_ node: Node, after: String?, to graph: inout Graph) {
        if let after, let i = graph.index(of: after) {
            graph.nodes.insert(node, at: i + 1)
        } else {
            graph.nodes.append(node)
        }
    }

    public static func delete(_ id: String, from graph: inout Graph) {
        graph.nodes.removeAll { $0.id == id }
        graph.wires.removeAll { $0.from.node == id || $0.to.node == id }
    }

    /// Renames a node; wires follow. False when the name is taken or not an identifier.
    @discardableResult
    public static func rename(_ id: String, to newID: String, in graph: inout Graph) -> Bool {
        guard isIdentifier(newID), graph[newID] == nil, let i = graph.index(of: id) else { return false }
        graph.nodes[i].id = newID
        for w in graph.wires.indices {
            if graph.wires[w].from.node == id { graph.wires[w].from.node = newID }
            if graph.wires[w].to.node == id { graph.wires[w].to.node = newID }
        }
        return true
    }

    /// Node ids are what wires and step paths spell: letters, digits, `_` and `-`, not starting with a digit.
    public static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    public static func connect(_ from: PortRef, to: PortRef, in graph: inout Graph) {
        let wire = Wire(from: from, to: to)
        guard !graph.wires.contains(wire) else { return }
        graph.wires.append(wire)
    }

    public static func disconnect(_ wire: Wire, in graph: inout Graph) {
        graph.wires.removeAll { $0 == wire }
    }

    /// Puts `node` on `wire`: `a.x -> node.<its input>` and `node.<its output> -> b.y`.
    public static func insert(_ node: Node, on wire: Wire, in graph: inout Graph) {
        let ports = NodePorts.resolve(node, subgraph: { _ in nil })
        add(node, after: wire.from.node, to: &graph)
        disconnect(wire, in: &graph)
        graph.wires.append(Wire(from: wire.from, to: PortRef(node: node.id, port: ports.inputs.first?.name)))
        graph.wires.append(Wire(from: PortRef(node: node.id, port: ports.outputs.first?.name), to: wire.to))
    }

    /// A copy of the node with a fresh id, placed after it, with copies of its incoming wires
    /// (so it computes the same thing) and no outgoing ones.
    public static func duplicate(_ id: String, in graph: inout Graph) -> String? {
        guard let node = graph[id] else { return nil }
        var copy = node
        copy.id = freshID(id, in: graph)
        add(copy, after: id, to: &graph)
        for wire in graph.wires where wire.to.node == id {
            graph.wires.append(Wire(from: wire.from, to: PortRef(node: copy.id, port: wire.to.port)))
        }
        return copy.id
    }

    /// Output ports of `node` and, for each, the input ports elsewhere whose types fit.
    public static func compatibleTargets(
        from port: PortSpec, of node: String, in graph: Graph, subgraph: (Node) -> Graph? = { _ in nil }
    ) -> [(PortRef, PortSpec)] {
        var targets: [(PortRef, PortSpec)] = []
        for other in graph.nodes where other.id != node {
            for input in NodePorts.resolve(other, subgraph: subgraph).inputs where port.type.fits(input.type) {
                let taken =
                    !input.multiple
                    && graph.wires.contains { $0.to.node == other.id && ($0.to.port ?? input.name) == input.name }
                if !taken { targets.append((PortRef(node: other.id, port: input.name), input)) }
            }
        }
        return targets
    }
}
