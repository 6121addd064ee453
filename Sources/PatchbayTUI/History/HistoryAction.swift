import PatchbayCore
import PatchbayStore

/// The runs pane: stored runs of this graph, and a stored run shown in the trace.
public enum HistoryAction: Sendable {
    /// Enter in the runs pane: show the selected run in the trace.
    case openSelected
    /// Shows a stored run; `focus` is a step path or node to select in its trace.
    case open(id: String, focus: String?)
    /// `:runs`: refresh the list and show the runs pane.
    case showRuns
    /// Forks the shown stored run at the trace's selected step, on the current graph.
    case fork
    /// Replays the shown stored run on the current graph.
    case replay
    /// `/` in the runs pane: ask for the text to filter the list by.
    case askFilter
    /// Lists only the runs whose row holds `text`; empty lists them all.
    case filter(String)
    case report(HistoryReport)
}

/// What the run store answered.
public enum HistoryReport: Sendable {
    case runsLoaded([RunSummary])
    /// A stored run read in full; `focus` is the step path or node to select in its trace.
    case runOpened(StoredRun, focus: String?)
    /// The sub-graph files of run `runID` that differ now from what it ran (read after it opened).
    case subgraphsChanged(runID: String, Set<String>)
    /// A session run starts: the graph file it runs and its plan's sub-graph files, as they are.
    case sessionPlanned(path: String?, subgraphs: [String: Graph])
    case failed(String)
}
