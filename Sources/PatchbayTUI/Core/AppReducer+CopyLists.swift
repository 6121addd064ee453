import PatchbayCore
import PatchbayEval
import PatchbayStore

/// `y` in the runs, eval and improve panes: what their selected row stands for.
extension AppReducer {
    /// The selected run's id, as `patchbay show` and `diff-runs` take it.
    static func runIDText(_ state: AppState) -> (text: String, what: String)? {
        guard let run = state.runHistory.selectedRun else { return nil }
        return (run.id, "run #\(run.seq)'s id")
    }

    /// The selected case's sample (the one h/l chose, else its first failing one): why it failed,
    /// one failure a line; else the start of its output; else its run's id.
    static func evalSampleText(_ state: AppState) -> (text: String, what: String)? {
        guard let sample = state.eval.selectedSample else { return nil }
        let name = "case `\(sample.caseID)` sample \(sample.sample + 1)"
        if !sample.failures.isEmpty {
            let lines = sample.failures.map { failure in
                [failure.check, failure.node].compactMap { $0 }.first.map { "\($0): " + failure.reason }
                    ?? failure.reason
            }
            return (lines.joined(separator: "\n"), "\(name)'s failures")
        }
        if let output = sample.outputPreview { return (output, "\(name)'s output") }
        guard !sample.runID.isEmpty else { return nil }
        return (sample.runID, "\(name)'s run id")
    }

    /// The diff on show, else the selected candidate's against the graph being edited, as the
    /// pane shows it (Enter).
    static func candidateDiffText(_ state: AppState) -> (text: String, what: String)? {
        if let diff = state.improve.diff {
            return (diff.lines.joined(separator: "\n"), "the diff of \(diff.title)")
        }
        guard let row = state.improve.selectedRow, let graph = row.graph else { return nil }
        let diff = ImproveReducer.diff(state, to: (graph, row.subgraphs), title: row.candidate.label)
        return (diff.lines.joined(separator: "\n"), "the diff of `\(row.candidate.label)`")
    }
}
