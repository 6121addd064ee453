import PatchbayCore
import PatchbayPresentation

/// A stored run of the graph file the session's first run is compared with.
public struct StoredPreviousRun: Sendable, Equatable {
    /// `#SEQ` in the store, which the status line names.
    public var seq: Int
    public var result: RunResult

    public init(seq: Int, result: RunResult) {
        self.seq = seq
        self.result = result
    }
}

/// "What changed?" after a re-run: each node's output against the previous run of the graph in
/// this session, or for its first run the newest stored one the user started.
extension RunState {
    /// The finished run the one on screen is compared with: while a run goes, the last one
    /// finished; after it, the one before it; with none in this session, the stored one.
    public var previousRun: RunResult? {
        let earlier = active ? history.count : history.count - 1
        if earlier >= 1 { return history[earlier - 1] }
        return earlier == 0 ? storedPrevious?.result : nil
    }

    /// The stored run `previousRun` is, when it is one.
    public var comparedWithStored: StoredPreviousRun? {
        let earlier = active ? history.count : history.count - 1
        return earlier == 0 ? storedPrevious : nil
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
