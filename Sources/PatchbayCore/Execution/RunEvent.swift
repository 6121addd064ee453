/// What a run reports as it goes, in order, on `RunHandle.events`.
///
/// A step event holds the step's shared storage (see `Step`), so it costs no allocation of its
/// own; only the rare large cases are boxed, which keeps the event a few words wide.
public enum RunEvent: Sendable {
    /// The run began; `plan` lists the top-level nodes in the order they can run.
    case runStarted(runID: String, plan: [String])
    case nodeStarted(path: StepPath, inputs: [String: JSONValue])
    /// Streamed model text as it arrives.
    case tokenDelta(path: StepPath, text: String)
    /// A step ended as succeeded, cached or replayed.
    case nodeFinished(Step)
    case nodeSkipped(Step)
    case nodeFailed(Step)
    /// The debugger stopped; `next` is what would run next, in order.
    indirect case paused(Pause)
    case resumed
    indirect case runFinished(RunResult)
}

/// Why and where a debug session stopped.
public struct Pause: Sendable, Hashable {
    public enum Reason: String, Sendable, Hashable {
        case step, breakpoint
        case runToNode = "run to node"
        case pauseRequested = "pause requested"
    }

    public enum Position: String, Sendable, Hashable { case before, after }

    public var reason: Reason
    public var position: Position
    public var path: StepPath
    /// The inputs it is about to run with (before), or the step it just finished (after).
    public var inputs: [String: JSONValue]
    public var step: Step?
    /// Nodes of this graph level not yet started, in plan order, the paused one first.
    public var next: [String]
}
