import PatchbayCore
import PatchbayPresentation

/// How the inspector says that the graph being edited differs from the graph a stored run ran.
enum GraphChangeText {
    /// `graph changed since this run (edited 1 node: report; rewired)`; nil when no node or
    /// wire differs (a changed title or description changes no step).
    static func since(_ ran: Graph, now: Graph) -> String? {
        guard ran != now else { return nil }
        let diff = GraphDiff(ran, now)
        var parts: [String] = []
        func part(_ verb: String, _ ids: [String]) {
            guard !ids.isEmpty else { return }
            let count = ids.count == 1 ? "1 node" : "\(ids.count) nodes"
            // Names while they fit on a line; a count says the rest.
            parts.append(verb + " " + count + (ids.count <= 3 ? ": " + ids.joined(separator: ", ") : ""))
        }
        part("edited", diff.changedNodes.map(\.id))
        part("added", diff.addedNodes)
        part("removed", diff.removedNodes)
        if !diff.addedWires.isEmpty || !diff.removedWires.isEmpty { parts.append("rewired") }
        guard !parts.isEmpty else { return nil }
        return "graph changed since this run (" + parts.joined(separator: "; ") + ")"
    }

    /// For a step inside a sub-graph whose file differs now from the run's copy (or is gone).
    static func subgraph(_ file: String) -> String {
        "sub-graph changed since this run (\(file))"
    }
}
