import PatchbayCore
import PatchbayEval

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
    /// The arguments of the tool call at `path` (paused before it) to `$EDITOR`, as JSON.
    case editCallArguments(text: String, path: StepPath)
    case writeSubgraph(Graph, path: String)
    /// Saves sub-graph files an edit changed (as `save` saves, atomically), reading each first
    /// so undo can put it back: `subgraphsSaved` reports the texts read.
    case saveSubgraphs([SubgraphEdit])
    /// Writes each file's `before` back (undo of `saveSubgraphs`).
    case restoreSubgraphs([SubgraphEdit])
    case openSubgraph(node: String, file: String, parentPath: String?)
    /// nil declines (the node fails).
    case answerHuman(id: Int, JSONValue?)
    /// Reads this graph's newest runs from the store (`graphPath` nil: every graph's).
    case loadRuns(graphPath: String?)
    /// Reads a stored run into the trace; `focus` is a step path or node to select in it.
    case openStoredRun(id: String, focus: String?)
    /// Reads two stored runs (ids, unique prefixes, `last` or `#SEQ`) and compares them.
    case compareRuns(String, String)
    /// Runs the graph on a cases file (relative to the graph's folder or the current one).
    /// `repeats` nil: the config's, as `patchbay eval` without `--repeat`.
    case startEval(Graph, casesPath: String, repeats: Int?)
    case cancelEval
    /// Runs an `improve` search of the graph on a cases file (resolved as `startEval`'s), with
    /// the options typed after it (`patchbay improve`'s, read by the same parser).
    case startImprove(Graph, casesPath: String, arguments: ImproveArguments)
    case cancelImprove
    /// Appends a case to its cases file (created with a `cases:` list when missing), atomically.
    case appendCase(CaseDraft, expected: JSONValue?)
    /// Puts text on the clipboard by OSC 52 (`ClipboardSequence`), written between frames.
    case copyToClipboard(String)
    case setMouse(Bool)
    case redraw
    case quit
}
