import PatchbayStore

/// What the run store answered.
public enum HistoryReport: Sendable {
    case runsLoaded([RunSummary])
    /// A stored run read in full; `focus` is the step path or node to select in its trace.
    case runOpened(StoredRun, focus: String?)
    case failed(String)
}
