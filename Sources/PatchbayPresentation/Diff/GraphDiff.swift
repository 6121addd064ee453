import Foundation
import PatchbayCore

/// Node-level differences between two graphs.
public struct GraphDiff: Sendable, Hashable {
    /// A node in both graphs, and the fields (or `kind`, first) that differ.
    public struct NodeChange: Sendable, Hashable {
        public var id: String
        public var fields: [String]

        public init(id: String, fields: [String]) {
            self.id = id
            self.fields = fields
        }
    }

    public var addedNodes: [String] = []
    public var removedNodes: [String] = []
    /// In graph A's node order.
    public var changedNodes: [NodeChange] = []
    /// Wires as written (`a.out -> b.in`), sorted.
    public var addedWires: [String] = []
    public var removedWires: [String] = []

    public init(_ a: Graph, _ b: Graph) {
        for node in a.nodes {
            guard let other = b[node.id] else {
                removedNodes.append(node.id)
                continue
            }
            var fields = Set(node.fields.keys).union(other.fields.keys).filter { node.fields[$0] != other.fields[$0] }
                .sorted()
            if node.kindName != other.kindName { fields.insert("kind", at: 0) }
            if !fields.isEmpty { changedNodes.append(NodeChange(id: node.id, fields: fields)) }
        }
        addedNodes = b.nodes.map(\.id).filter { a[$0] == nil }
        let wiresA = Set(a.wires.map(\.description))
        let wiresB = Set(b.wires.map(\.description))
        addedWires = wiresB.subtracting(wiresA).sorted()
        removedWires = wiresA.subtracting(wiresB).sorted()
    }

    /// `~ node `id`: field, …`, then added and removed nodes and wires, one a line.
    public var lines: [String] {
        var out: [String] = []
        for change in changedNodes {
            out.append("~ node `\(change.id)`: \(change.fields.joined(separator: ", "))")
        }
        for id in addedNodes { out.append("+ node `\(id)`") }
        for id in removedNodes { out.append("- node `\(id)`") }
        for wire in addedWires { out.append("+ wire \(wire)") }
        for wire in removedWires { out.append("- wire \(wire)") }
        if out.isEmpty { out.append("(title, description or layout only)") }
        return out.map { TerminalText.escape($0, keepNewlines: false) }
    }

    /// For `diff-runs --json`: `changed`, `added_nodes`, `removed_nodes`, `changed_nodes` (id → fields), wires.
    public var json: JSONValue {
        [
            "changed": true, "added_nodes": .array(addedNodes.map(JSONValue.string)),
            "removed_nodes": .array(removedNodes.map(JSONValue.string)),
            "changed_nodes": .object(
                Dictionary(
                    uniqueKeysWithValues: changedNodes.map { ($0.id, JSONValue.array($0.fields.map(JSONValue.string))) }
                )),
            "added_wires": .array(addedWires.map(JSONValue.string)),
            "removed_wires": .array(removedWires.map(JSONValue.string)),
        ]
    }
}
