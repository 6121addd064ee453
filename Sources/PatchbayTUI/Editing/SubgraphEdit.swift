import PatchbayCore

/// A sub-graph file that an edit of the graph writes too (an edit made inside an entered
/// sub-graph, or applying an `improve` candidate whose move is inside one): saved as `:w` saves
/// a graph, and put back as it was by undo.
public struct SubgraphEdit: Sendable, Equatable {
    public var path: String
    /// What the file becomes.
    public var graph: Graph
    /// The file's text before: nil until the runner has read it (it reports it as it saves).
    public var before: String?
    /// The graph the entered sub-graph showed before the edit, so undo shows it again at once;
    /// nil when the edit was not made inside it (undo then reads `before`).
    public var previous: Graph?

    public init(path: String, graph: Graph, before: String? = nil, previous: Graph? = nil) {
        self.path = path
        self.graph = graph
        self.before = before
        self.previous = previous
    }
}
