import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayStore

/// What can happen to the workbench: a key, an action chosen by id, a tick of the clock, or a
/// result the runtime reports back.
public enum Action: Sendable {
    case key(Key)
    case perform(ActionID)
    /// A `:` command line, without the colon.
    case command(String)
    case resize(width: Int, height: Int)
    case tick(Date)
    case runtime(RuntimeReport)
}

/// What the runtime reports after doing an effect, or on its own (engine events, file changes),
/// grouped by the feature whose reducer handles it.
public enum RuntimeReport: Sendable {
    case run(RunReport)
    case document(DocumentReport)
    case prompt(PromptReport)
    /// The run store answered (the runs pane).
    case history(HistoryReport)
    /// An eval started, advanced or ended (the eval pane).
    case eval(EvalEvent)
    case message(String, MessageLevel)
}

/// The run/debugger feature's reports: the engine's events and what came of run requests.
public enum RunReport: Sendable {
    case event(RunEvent)
    case refused(String)
    case stepRerun(Step)
    /// A `human` node asks; `answerHuman` with the same id answers.
    case humanQuestion(id: Int, HumanQuestion)
}

/// The graph-editing feature's reports: validation, saves, the file on disk, sub-graphs.
public enum DocumentReport: Sendable {
    case problems([Diagnostic], revision: Int)
    case saved(path: String, graph: Graph, fingerprint: FileFingerprint?)
    case saveFailed(String)
    case changedOnDisk
    case reloaded(Graph, fingerprint: FileFingerprint?)
    case reloadFailed(String)
    case subgraphWritten(path: String)
    case subgraphOpened(node: String, graph: Graph, path: String)
}

/// The prompt editor's reports.
public enum PromptReport: Sendable {
    /// `$EDITOR` returned (nil: the text is unchanged).
    case externalEditFinished(node: String, field: String, text: String?)
}

/// Work for the runtime. `reduce` never performs I/O; it asks for it here.
public enum Effect: Sendable, Equatable {
    case validate(Graph, path: String?, revision: Int)
    case startRun(Graph, inputs: [String: JSONValue], mode: RunMode, breakpoints: Set<String>)
    case debug(DebugCommand)
    case setBreakpoint(String, on: Bool)
    case rerunStep(Step, graph: Graph)
    /// `expected` is the fingerprint read at load: a different file on disk is not overwritten.
    case save(Graph, path: String, expected: FileFingerprint?, force: Bool)
    case reload(path: String)
    case externalEditor(text: String, node: String, field: String)
    case writeSubgraph(Graph, path: String)
    case openSubgraph(node: String, file: String, parentPath: String?)
    /// nil declines (the node fails).
    case answerHuman(id: Int, JSONValue?)
    /// Reads this graph's newest runs from the store (`graphPath` nil: every graph's).
    case loadRuns(graphPath: String?)
    /// Reads a stored run into the trace; `focus` is a step path or node to select in it.
    case openStoredRun(id: String, focus: String?)
    /// Runs the graph on a cases file (relative to the graph's folder or the current one).
    /// `repeats` nil: the config's, as `patchbay eval` without `--repeat`.
    case startEval(Graph, casesPath: String, repeats: Int?)
    case cancelEval
    case setMouse(Bool)
    case redraw
    case quit
}
