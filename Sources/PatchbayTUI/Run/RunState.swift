import Foundation
import PatchbayCore
import PatchbayPresentation

/// The run/debugger feature: the current run as the workbench shows it, built from the
/// engine's events, with the breakpoints and the trace row shown.
public struct RunState: Sendable, Equatable {
    /// A run is in flight (possibly paused).
    public var active = false
    public var startedAt: Date?
    /// Status by node path without indices (`review/critique`): the latest step's.
    public var statuses: [String: NodeStatus] = [:]
    /// Finished steps in the order they finished: the trace.
    public var steps: [Step] = []
    /// Steps executing now, by path, with their start time.
    public var running: [StepPath: Date] = [:]
    /// The inputs each node path last started with (the preview renders a running prompt with them).
    public var startedInputs: [String: [String: JSONValue]] = [:]
    /// Text streamed so far by running llm nodes, by step path.
    public var streaming: [StepPath: String] = [:]
    public var pause: Pause?
    /// Inputs of the last run started here: the inputs form starts from them.
    public var lastInputs: [String: JSONValue] = [:]
    /// The run's plan: node ids in the order they can run.
    public var plan: [String] = []
    public var result: RunResult?
    /// Finished runs of this session, oldest first (trace fork and replay use them).
    public var history: [RunResult] = []
    /// The newest stored run of this graph file the user started, read when the session's
    /// first run starts: "What changed?" compares with it while `history` has no earlier run.
    public var storedPrevious: StoredPreviousRun?
    /// Nodes (paths without indices) a run pauses before.
    public var breakpoints: Set<String> = []
    /// The trace row shown in the inspector; nil follows the selected node.
    public var traceSelection: Int?
    public var traceScroll = 0
    /// `/` in the trace: only the steps whose row holds this text are listed (`TraceFilter`).
    public var traceFilter = ""
    /// Arguments edited for a paused tool call that were not JSON: `e` opens them again, so
    /// nothing typed is lost.
    public var argumentsDraft: CallDraft?
    /// The local model's server is starting (15–20 s cold): the status line says so.
    public var localModelStarting = false

    public init() {}

    /// The latest finished step of a node path (a top-level id or `a/b`).
    public func lastStep(of nodePath: String) -> Step? {
        steps.last { $0.path.nodePath == nodePath }
    }
}

/// Text typed for a paused tool call, and which call.
public struct CallDraft: Sendable, Equatable {
    public var path: StepPath
    public var text: String

    public init(path: StepPath, text: String) {
        self.path = path
        self.text = text
    }
}

/// How a run is started.
public enum RunMode: Sendable, Equatable {
    case run
    /// Stops before the first node.
    case step
    case runTo(String)
    case rerunFrom(String)
    case fork(RunResult, StepPath)
    /// A fork from a node inside a sub-graph (`each/shout`), in every item or pass.
    case forkFrom(RunResult, String)
    case replay(RunResult)
}

/// A control for the run in flight.
public enum DebugCommand: Sendable, Equatable {
    case step
    case `continue`
    case runTo(String)
    case cancel
    case editInputs([String: JSONValue])
    /// Paused before a tool call: skip it; the model gets this value as its result.
    case supplyResult(JSONValue)
}
