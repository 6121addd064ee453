/// How one kind of node computes its outputs. One executor is made per node when a plan is built,
/// so config parsing and jq/template compilation happen once, not per execution.
protocol NodeExecutor: Sendable {
    /// Cheap, synchronous work the scheduler may run in place, without a task of its own.
    var isInline: Bool { get }
    /// Whether results are kept in and taken from the cache. Only kinds whose execution costs
    /// something (model calls) are: a jq or template node recomputes in about a microsecond,
    /// less than hashing its inputs and storing the result would cost.
    var isCacheable: Bool { get }
    /// For llm nodes: the resolved model, part of the cache key. Resolved when the node runs,
    /// so a graph whose llm node is never reached runs without a model configured.
    func resolvedModel(_ environment: EngineEnvironment) throws -> ResolvedModel?
    /// What changes the node's results besides its fields and inputs, read from elsewhere when
    /// the plan was built (an llm node's `$ref` schema file): part of the cache key.
    var cacheIdentity: JSONValue? { get }
    /// Whether a replay or fork goes through this node's inner steps one by one (a tool loop's
    /// turns and calls, when `recorded` holds them) rather than copying its recorded step.
    func replaysStepByStep(at path: StepPath, recorded: [String: Step]) -> Bool

    func run(_ inputs: NodeInputs) throws -> NodeResult
    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult
}

extension NodeExecutor {
    var isInline: Bool { true }
    var isCacheable: Bool { false }
    func resolvedModel(_ environment: EngineEnvironment) throws -> ResolvedModel? { nil }
    var cacheIdentity: JSONValue? { nil }
    func replaysStepByStep(at path: StepPath, recorded: [String: Step]) -> Bool { false }

    func run(_ inputs: NodeInputs) throws -> NodeResult {
        preconditionFailure("\(Self.self) runs only asynchronously")
    }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        try run(inputs)
    }
}

/// The values that reached a node's input ports.
struct NodeInputs: Sendable {
    var values: [String: JSONValue]
    /// For multi-wire ports (merge's `values`): each arrived value with its source node, in wire order.
    var gathered: [(source: String, value: JSONValue)] = []

    subscript(port: String) -> JSONValue? { values.value(of: port) }

    func require(_ port: String) throws -> JSONValue {
        guard let value = values.value(of: port) else { throw NodeError("input `\(port)` has no value") }
        return value
    }
}

struct NodeResult: Sendable {
    var outputs: [String: JSONValue]
    var usage: TokenUsage? = nil
    var cost: Double? = nil
    /// Every step inside came from a recorded run (a tool loop replayed turn by turn).
    var replayed = false
    /// What the node rendered, for its step (`Step.prompt`): a template's text.
    var prompt: [String: JSONValue]?

    init(_ outputs: [String: JSONValue], usage: TokenUsage? = nil, cost: Double? = nil) {
        self.outputs = outputs
        self.usage = usage
        self.cost = cost
    }
}

/// What an executing node may use besides its inputs.
struct NodeContext: Sendable {
    let path: StepPath
    let run: RunContext
    /// Where a model call of this step leaves what it sent (nil: not recorded).
    var prompt: PromptSlot? = nil

    /// The context of a step this one records below it (a turn, a sample): its own prompt slot,
    /// whose first prompt is this step's too.
    func inner(_ path: StepPath) -> NodeContext {
        NodeContext(path: path, run: run, prompt: PromptSlot(parent: prompt))
    }

    var environment: EngineEnvironment { run.environment }

    func emitToken(_ text: String) {
        run.recorder.emit(.tokenDelta(path: path, text: text), flush: true)
    }

    /// Runs a sub-graph plan below this node's path and returns its outputs by output node id.
    /// With `batch`, steps of cheap levels collect there for the caller to record later.
    func runSubgraph(_ plan: ExecutionPlan, inputs: [String: JSONValue], index: Int?, batch: StepBatch? = nil)
        async throws -> [String: JSONValue]
    {
        try await runSubgraph(plan, inputs: inputs, at: index.map { path.entering(index: $0) } ?? path, batch: batch)
    }

    /// Runs a sub-graph plan with its steps below `prefix` (a tool call's path, say).
    func runSubgraph(_ plan: ExecutionPlan, inputs: [String: JSONValue], at prefix: StepPath, batch: StepBatch? = nil)
        async throws -> [String: JSONValue]
    {
        let outcome = await LevelRunner(plan: plan, run: run, prefix: prefix, inputs: inputs, batch: batch).run()
        if outcome.cancelled { throw CancellationError() }
        if let failure = outcome.failure { throw failure }
        return outcome.outputs
    }
}

/// Steps one map worker collected and has not recorded yet: recording a few dozen items' steps
/// under one lock, not each item's, keeps parallel workers from queueing on the recorder.
final class StepBatch: @unchecked Sendable {
    var steps: [Step] = []
    /// The level state of the last item, reset and reused for the next one (one worker, one item at a time).
    private var state: LevelState?

    func takeState(for plan: ExecutionPlan) -> LevelState? {
        guard var reused = state, reused.plan === plan else { return nil }
        state = nil
        reused.reset()
        return reused
    }

    func keep(_ state: LevelState) { self.state = state }

    func record(into recorder: RunRecorder) {
        guard !steps.isEmpty else { return }
        recorder.record(batch: steps)
        steps.removeAll(keepingCapacity: true)
    }
}

extension Dictionary where Key == String {
    /// `self[key]`, without hashing when there is one entry (most nodes have one port):
    /// comparing the short key costs less than hashing it.
    @inline(__always)
    func value(of key: String) -> Value? {
        if count == 1, let only = first { return only.key == key ? only.value : nil }
        return self[key]
    }
}
