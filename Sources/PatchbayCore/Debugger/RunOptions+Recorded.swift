/// Options for runs made from a recorded run: the one place the debugger, the workbench and the
/// CLI's `replay` and `rerun` build them, so they record the same lineage and reuse the same steps.
extension RunOptions {
    /// A run made only of `run`'s recorded outputs: nothing executes; a node with no recorded
    /// step is skipped. Origin: replay of `run`.
    public static func replaying(_ run: RunResult) -> RunOptions {
        var options = RunOptions()
        options.recorded = recordedSteps(run.steps, excluding: [])
        options.replayOnly = true
        options.origin = RunOrigin(kind: .replay, parentRunID: run.runID)
        return options
    }

    /// A fork of `run` at `step`: the recorded steps of every top-level node not downstream of
    /// the step's node are reused; that node and everything downstream of it in `plan` execute,
    /// even when the cache holds their results. At a turn of a tool loop (`agent/turn[2]`), the
    /// turns before it and their calls are reused too. Origin: fork of `run` at `step`.
    ///
    /// Throws `DebugError` when the step's top-level node is not in `plan`.
    public static func forking(_ run: RunResult, at step: StepPath, plan: ExecutionPlan) throws -> RunOptions {
        guard let top = step.components.first?.node, plan.index[top] != nil else {
            throw DebugError("no node `\(step)` in this graph")
        }
        let again = plan.downstream(of: top)
        var options = RunOptions()
        options.forceExecute = again
        options.recorded = recordedSteps(run.steps, excluding: again)
        for reused in ToolLoop.reusedByFork(run.steps, at: step) { options.recorded[reused.path.description] = reused }
        options.origin = RunOrigin(kind: .fork, parentRunID: run.runID, parentStep: step.description)
        return options
    }

    /// A fork of `run` from a node inside a sub-graph (`each/shout`, node ids without items):
    /// that node and what depends on it execute in every item or pass, then what depends on the
    /// enclosing top-level node (`ExecutionPlan.rerunSet`); every other recorded step is reused,
    /// the body's steps before the node among them. Origin: fork of `run` at the path.
    ///
    /// Throws `DebugError` when the path names no node in `plan`.
    public static func forking(_ run: RunResult, from path: String, plan: ExecutionPlan) throws -> RunOptions {
        var options = RunOptions()
        options.forceExecute = plan.rerunSet(from: path)
        guard !options.forceExecute.isEmpty else { throw DebugError("no node `\(path)` in this graph") }
        // The enclosing nodes' own steps stay: a sub-graph node runs again to replay its body.
        let reused = run.steps.filter { !options.forcesExecution(of: $0.path) }
        options.recorded = recordedSteps(reused, excluding: [])
        options.origin = RunOrigin(kind: .fork, parentRunID: run.runID, parentStep: path)
        return options
    }

    /// Recorded steps by path, the last one for a path (as the run's result gives it), leaving
    /// out the steps of the top-level `nodes`.
    static func recordedSteps(_ steps: [Step], excluding nodes: Set<String>) -> [String: Step] {
        var byPath: [String: Step] = [:]
        for step in steps where !nodes.contains(step.path.components.first?.node ?? "") {
            byPath[step.path.description] = step
        }
        return byPath
    }
}
