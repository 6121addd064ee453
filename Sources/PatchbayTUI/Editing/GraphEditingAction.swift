import PatchbayCore
import PatchbayStore

/// The graph-editing feature: moving around the graph, changing it, undo, and its file.
public enum GraphEditingAction: Sendable, Equatable {
    case move(GraphNavigation.Direction)
    /// Enter: go to the problem's node, or into a loop, map or graph node's sub-graph.
    case enter
    case find
    /// Selects a node as a move does.
    case select(String)
    case add
    case delete
    case rename
    case editField
    case connect
    case disconnect
    case insertOnWire
    case duplicate
    case mark
    case extract
    case undo
    case redo
    /// Writes the graph to its file; `force` overwrites a file changed on disk.
    case save(force: Bool)
    case reload
    case report(DocumentReport)
}

/// The graph-editing feature's reports: validation, saves, the file on disk, sub-graphs.
public enum DocumentReport: Sendable, Equatable {
    case problems([Diagnostic], revision: Int)
    case saved(path: String, graph: Graph, fingerprint: FileFingerprint?)
    case saveFailed(String)
    case changedOnDisk
    case reloaded(Graph, fingerprint: FileFingerprint?)
    case reloadFailed(String)
    case subgraphWritten(path: String)
    /// What `saveSubgraphs` saved, each with the text it replaced; `failed`: why it stopped.
    case subgraphsSaved([SubgraphEdit], failed: String?)
    /// `sharedWith`: other graph files of the project that include the same file.
    case subgraphOpened(node: String, graph: Graph, path: String, sharedWith: [String] = [])
}
