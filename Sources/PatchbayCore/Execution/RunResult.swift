/// How a run ended, with its outputs and its whole trace.
public struct RunResult: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable, Codable {
        case succeeded, failed, cancelled
    }

    public var runID: String
    public var status: Status
    /// Values of the graph's `output` nodes that received one, by node id.
    public var outputs: [String: JSONValue]
    public var steps: [Step]
    /// The first failure, for a one-line summary.
    public var error: StepError?

    public init(runID: String, status: Status, outputs: [String: JSONValue], steps: [Step], error: StepError?) {
        self.runID = runID
        self.status = status
        self.outputs = outputs
        self.steps = steps
        self.error = error
    }

    public var usage: TokenUsage {
        steps.reduce(TokenUsage()) { $0 + ($1.status == .succeeded ? ($1.usage ?? TokenUsage()) : TokenUsage()) }
    }

    public var cost: Double {
        steps.reduce(0) { $0 + ($1.status == .succeeded ? ($1.cost ?? 0) : 0) }
    }

    /// Steps that actually executed (not cached, replayed or skipped).
    public var executedCount: Int { steps.filter { $0.status == .succeeded || $0.status == .failed }.count }

    public func step(_ path: String) -> Step? { steps.last { $0.path.description == path } }
}

/// Per-run choices.
public struct RunOptions: Sendable {
    /// Most nodes of one graph level executing at once (model calls, commands, sub-graphs).
    public var maxConcurrency: Int = 8
    /// Mixed into cache keys so repeated samples of one case are real samples.
    public var sampleIndex: Int = 0
    /// Mixed into cache keys after the sample index: a salt no earlier run used draws new
    /// samples instead of reusing cached ones (`patchbay eval --fresh` passes its eval id).
    /// Nil keeps the keys plain runs share.
    public var cacheSalt: String?
    /// Node ids that execute even when the cache has their result (re-run, re-roll): top-level
    /// ids, or node paths inside sub-graphs (`each/shout`, in every item or pass; `rerunSet`).
    public var forceExecute: Set<String> = []
    /// Recorded steps by path: their outputs are reused instead of executing (replay, fork).
    public var recorded: [String: Step] = [:]
    /// With `recorded`: a node with no recorded step is skipped instead of executed.
    public var replayOnly = false
    /// Extra input values per step path, applied before the node runs (debugger edits).
    public var inputOverrides: [String: [String: JSONValue]] = [:]
    /// Where this run comes from, for the journal (history lineage, eval samples).
    public var origin = RunOrigin()
    /// Caps on steps, value size, map items and loop passes for this run; nil takes the
    /// environment's (which front ends set from config).
    public var limits: RunLimits?

    public init() {}
}
