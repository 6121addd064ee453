/// The trace's selected step as the user sees it. A trace filter (`/`) may hide the selected
/// step (the inspector then says "No step matches /TEXT"); the selection is kept so Esc shows it
/// again, but nothing may act on it meanwhile: fork, capture case, copy, the graph's statuses
/// and the map item shown all read the selection through here.
extension RunState {
    /// The selected step's index; nil when none is selected, it is out of range, or the trace
    /// filter hides it.
    public var visibleTraceSelection: Int? {
        guard let index = traceSelection, steps.indices.contains(index), !TraceFilter.hidesSelection(self) else {
            return nil
        }
        return index
    }

    /// What an action needing a selected step says without one: while the filter lists no
    /// step, that none is selected and why; else to select one (`purpose`: "fork from").
    func noStepSelected(to purpose: String) -> String {
        guard TraceFilter.matches(self)?.isEmpty == true else { return "Select a step in the trace to \(purpose)" }
        return "No step selected: the trace filter /\(VisibleText.escaped(traceFilter)) lists none (Esc clears it)"
    }
}
