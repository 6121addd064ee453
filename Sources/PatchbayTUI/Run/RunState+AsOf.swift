import PatchbayCore
import PatchbayPresentation

extension RunState {
    /// The statuses the graph draws: as of the trace's selected step when one is selected (as a
    /// debugger shows a frame: later steps not run yet), else the run's latest (also while a
    /// trace filter hides the selected step: nothing listed is selected).
    public var shownStatuses: [String: NodeStatus] {
        visibleTraceSelection.map(statuses(asOf:)) ?? statuses
    }

    /// Each node path's status once trace step `index` had finished. A node with no step by
    /// then is absent (drawn not run); a top-level node whose inner steps had begun but whose
    /// own step had not finished was running.
    public func statuses(asOf index: Int) -> [String: NodeStatus] {
        StatusTimelineMemo.timeline(of: steps).statuses(asOf: index)
    }
}
