import PatchbayCore
import PatchbayPresentation

/// "What changed?" after a re-run: each node's output against the previous run of the graph in
/// this session.
extension RunState {
    /// The finished run the one on screen is compared with: while a run goes, the last one
    /// finished; after it, the one before it.
    public var previousRun: RunResult? {
        if active { return history.last }
        return history.count >= 2 ? history[history.count - 2] : nil
    }

    /// For each node path (`report`, `review/critique`) with a step in this run and in the
    /// previous one, the output ports whose values differ between their last steps; paths
    /// with none are left out. Empty before a second run. Computed once per pair of step lists
    /// (`OutputChangesMemo`): a frame asks twice (the graph's marks, the inspector), and must
    /// not walk every step of both runs to draw.
    public func outputChanges() -> [String: [ValueChange]] {
        guard let previous = previousRun, !steps.isEmpty else { return [:] }
        return OutputChangesMemo.changes(steps, since: previous.steps) {
            let before = Self.lastSteps(previous.steps)
            var out: [String: [ValueChange]] = [:]
            for (path, step) in Self.lastSteps(steps) {
                guard let old = before[path] else { continue }
                let changes = ValueChange.changes(old.outputs, step.outputs)
                if !changes.isEmpty { out[path] = changes }
            }
            return out
        }
    }

    static func lastSteps(_ steps: [Step]) -> [String: Step] {
        var last: [String: Step] = [:]
        for step in steps { last[step.path.nodePath] = step }
        return last
    }
}
