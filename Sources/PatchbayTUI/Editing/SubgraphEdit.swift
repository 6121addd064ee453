import PatchbayCore

/// A sub-graph file that an edit of the graph writes too (applying an `improve` candidate whose
/// move is inside a sub-graph): saved as `:w` saves a graph, and put back as it was by undo.
/// The workbench edits sub-graph files no other way, so this is their only undo.
public struct SubgraphEdit: Sendable, Equatable {
    public var path: String
    /// What the file becomes.
    public var graph: Graph
    /// The file's text before: nil until the runner has read it (it reports it as it saves).
    public var before: String?

    public init(path: String, graph: Graph, before: String? = nil) {
        self.path = path
        self.graph = graph
        self.before = before
    }
}
