import PatchbayCore

/// The run/debugger feature: what a person asks of the run, and what the runtime reports.
public enum RunAction: Sendable {
    /// Runs the graph, or continues a paused run.
    case start
    /// Starts a run paused before its first node, or runs one node of a paused run.
    case step
    case continueRun
    /// Toggles a breakpoint before the selected node.
    case toggleBreakpoint
    case runToNode
    /// Re-runs the selected node alone with its recorded inputs; inside an entered sub-graph,
    /// re-runs from the node's path (`each/shout`) as `rerunFrom` does, since the engine re-runs
    /// top-level steps alone only.
    case rerunNode
    /// Re-runs from the selected node, reusing what is upstream.
    case rerunFrom
    case cancel
    case editPausedInputs
    /// Paused before a tool call: its arguments to `$EDITOR`.
    case editCallArguments
    /// Paused before a tool call: asks for the result the model gets instead of the call's.
    case supplyResult
    case inputsForm
    /// Forks the session's last run at the trace's selected step.
    case fork
    /// Replays the session's last run from its recorded outputs.
    case replay
    /// Inside a map or loop: shows another item or pass (`[`, `]`, or one chosen from a list).
    case showItem(ItemMove)
    /// Inside a map or loop: lists the items or passes to choose the one shown.
    case chooseItem
    case report(RunReport)
}

/// The run/debugger feature's reports: the engine's events and what came of run requests.
public enum RunReport: Sendable {
    case event(RunEvent)
    /// `detail`: the whole refusal when the message is its short form (readiness problems).
    case refused(String, detail: String? = nil)
    case stepRerun(Step)
    /// A `human` node asks; `answerHuman` with the same id answers.
    case humanQuestion(id: Int, HumanQuestion)
    /// `$EDITOR` came back with a paused call's arguments (nil: unchanged).
    case argumentsEdited(path: StepPath, text: String?)
    /// The local model's server is starting for a call (true), or is up or failed (false).
    case localModelStarting(Bool)
    /// The newest stored run of this graph the user started, read as the session's first run
    /// starts ("What changed?" compares with it).
    case storedPrevious(StoredPreviousRun)
}

/// Which map item or loop pass to show next.
public enum ItemMove: Sendable, Equatable {
    case previous
    case next
    /// 0-based, as in step paths.
    case index(Int)
}
