import Foundation
import PatchbayCore

/// Node-level differences between two graphs.
struct GraphDiff {
    var addedNodes: [String] = []
    var removedNodes: [String] = []
    /// Node id → the fields (or `kind`) that differ.
    var changedNodes: [(id: String, fields: [String])] = []
    var addedWires: [String] = []
    var removedWires: [String] = []

    init(_ a: Graph, _ b: Graph) {
        for node in a.nodes {
            guard let other = b[node.id] else {
                removedNodes.append(node.id)
                continue
            }
            var fields = Set(node.fields.keys).union(other.fields.keys).filter { node.fields[$0] != other.fields[$0] }
                .sorted()
            if node.kindName != other.kindName { fields.insert("kind", at: 0) }
            if !fields.isEmpty { changedNodes.append((node.id, fields)) }
        }
        addedNodes = b.nodes.map(\.id).filter { a[$0] == nil }
        let wiresA = Set(a.wires.map(\.description))
        let wiresB = Set(b.wires.map(\.description))
        addedWires = wiresB.subtracting(wiresA).sorted()
        removedWires = wiresA.subtracting(wiresB).sorted()
    }

    var lines: [String] {
        var out: [String] = []
        for (id, fields) in changedNodes { out.append("~ node `\(id)`: \(fields.joined(separator: ", "))") }
        for id in addedNodes { out.append("+ node `\(id)`") }
        for id in removedNodes { out.append("- node `\(id)`") }
        for wire in addedWires { out.append("+ wire \(wire)") }
        for wire in removedWires { out.append("- wire \(wire)") }
        if out.isEmpty { out.append("(title, description or layout only)") }
        return out.map { TerminalText.escape($0, keepNewlines: false) }
    }

    var json: JSONValue {
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
