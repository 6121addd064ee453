import PatchbayCore

/// The graph-editing feature: the document and its undo history, the problems validation
/// found, the selection and marks, the sub-graphs entered, and where the graph pane is scrolled.
public struct GraphEditingState: Sendable, Equatable {
    public var document: DocumentState
    public var history = EditHistory()
    /// Problems of the current graph (validation runs after every edit).
    public var problems: [Diagnostic] = []
    /// Index into `visibleProblems`.
    public var problemsSelection = 0
    /// `/` in the problems pane: only problems whose text holds this are listed.
    public var problemsFilter = ""
    public var selection: String?
    /// Nodes marked with Space, for extract.
    public var marked: Set<String> = []
    /// Sub-graphs entered with Enter, innermost last; the graph pane shows the innermost.
    public var scope: [ScopeFrame] = []
    public var viewport = GraphViewport(x: 0, y: 0)

    public init(document: DocumentState) {
        self.document = document
        selection = document.graph.nodes.first?.id
    }

    public var graph: Graph { document.graph }
    public var selectedNode: Node? { selection.flatMap { shownGraph[$0] } }

    /// The graph the graph pane shows: the innermost entered sub-graph, or the document's.
    public var shownGraph: Graph { scope.last?.graph ?? document.graph }
    public var scopePath: String? { scope.last?.path }
    /// `review/` inside `review`: what step paths of shown nodes start with.
    public var scopePrefix: String { scope.map { $0.node + "/" }.joined() }
}
