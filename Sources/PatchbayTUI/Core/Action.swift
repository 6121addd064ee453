import Foundation
import PatchbayCore

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

/// What the runtime reports after doing an effect, or on its own (engine events, file changes).
public enum RuntimeReport: Sendable {
    case runEvent(RunEvent)
    case runRefused(String)
    case stepRerun(Step)
    case problems([Diagnostic], revision: Int)
    case saved(path: String, graph: Graph, fingerprint: FileFingerprint?)
    case saveFailed(String)
    case changedOnDisk
    case reloaded(Graph, fingerprint: FileFingerprint?)
    case reloadFailed(String)
    case externalEditFinished(node: String, field: String, text: String?)
    case subgraphWritten(path: String)
    case subgraphOpened(node: String, graph: Graph, path: String)
    case message(String, MessageLevel)
    /// A `human` node asks; `answerHuman` with the same id answers.
    case humanQuestion(id: Int, HumanQuestion)
}

/// Work for the runtime. `reduce` never performs I/O; it asks for it here.
public enum Effect: Sendable {
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
    case setMouse(Bool)
    case redraw
    case quit
}
