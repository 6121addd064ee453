import PatchbayCore

/// Finds sub-graphs as `base` does, except the sub-graphs of the main graph's nodes that a
/// candidate changed: those are its own, at the file path `base` gives (so files they name
/// resolve as before).
struct SubgraphOverlay: SubgraphResolver {
    let base: (any SubgraphResolver)?
    let mainPath: String?
    let replaced: [String: Graph]

    func subgraph(for node: Node, in path: String?) throws -> (graph: Graph, path: String) {
        guard let base else { throw NodeError("`\(node.id)`: no sub-graphs can be read here") }
        let found = try base.subgraph(for: node, in: path)
        if path == mainPath, let graph = replaced[node.id] { return (graph, found.path) }
        return found
    }
}
