/// A debugger over one graph: runs it under control (step, continue, run to node, breakpoints,
/// pause, cancel), lets a person edit pending inputs and node config while paused, and starts
/// new runs from old ones — re-run a node, re-run from a node, fork from a step, replay.
///
/// The TUI and the CLI stepper both drive this; neither reaches into the runner.
public actor DebugSession {
    public private(set) var graph: Graph
    public let path: String?
    public private(set) var plan: ExecutionPlan
    public private(set) var breakpoints: [Breakpoint] = []
    /// Finished runs of this session, oldest first.
    public private(set) var runs: [RunResult] = []
    /// Where the current run is stopped, if it is. With concurrent nodes (a map's items) more
    /// than one can stop at once; they are shown and resumed one at a time, in arrival order.
    public var pause: Pause? { waiting.first?.pause }
    public private(set) var current: RunHandle?

    let engine: Engine
    let resolver: (any SubgraphResolver)?
    private var mode: Mode = .running
    private var pauseRequested = false
    private var waiting: [Waiting] = []
    private var lastInputs: [String: JSONValue] = [:]

    private struct Waiting {
        var pause: Pause
        var continuation: CheckedContinuation<DebugDecision, Never>
    }

    enum Mode: Equatable {
        case running
        /// Stop before the next node at this depth or shallower (nil: at any depth).
        case stepping(depth: Int?)
        case runTo(String)
    }

    public init(plan: ExecutionPlan, engine: Engine, resolver: (any SubgraphResolver)?) {
        self.graph = plan.graph
        self.path = plan.path
        self.plan = plan
        self.engine = engine
        self.resolver = resolver
    }

    // MARK: Starting runs

    /// Starts a run. With `stepping`, it stops before its first node.
    @discardableResult
    public func start(inputs: [String: JSONValue], stepping: Bool = false, options: RunOptions = RunOptions()) throws
        -> RunHandle
    {
        guard current == nil else { throw DebugError("a run is in progress; continue, cancel or wait for it first") }
        mode = stepping ? .stepping(depth: 1) : .running
        lastInputs = inputs
        let handle = try engine.start(plan, inputs: inputs, options: options, hooks: SessionHooks(session: self))
        current = handle
        Task { await self.track(handle) }
        return handle
    }

    private func track(_ handle: RunHandle) async {
        let result = await handle.result()
        runs.append(result)
        if current === handle { current = nil }
    }

    /// Re-executes `node` and everything downstream of it; the rest comes from the cache. `node`
    /// may be a node path inside a sub-graph (`each/shout`: see `ExecutionPlan.rerunSet`).
    @discardableResult
    public func rerun(from node: String, stepping: Bool = false) throws -> RunHandle {
        let again = plan.rerunSet(from: node)
        guard !again.isEmpty else { throw DebugError("no node `\(node)` in this graph") }
        var options = RunOptions()
        options.forceExecute = again
        options.origin = RunOrigin(kind: .rerun, parentRunID: runs.last?.runID, parentStep: node)
        return try start(inputs: lastInputs, stepping: stepping, options: options)
    }

    /// A new run that copies the recorded steps of `run` up to `step` and executes the step's
    /// node and everything downstream of it again (time travel).
    @discardableResult
    public func fork(_ run: RunResult, at step: StepPath, stepping: Bool = false) throws -> RunHandle {
        try start(inputs: Self.inputs(of: run), stepping: stepping, options: .forking(run, at: step, plan: plan))
    }

    /// A fork of `run` from a node inside a sub-graph (`each/shout`): it and what depends on it
    /// execute again in every item or pass (`RunOptions.forking(_:from:plan:)`).
    @discardableResult
    public func fork(_ run: RunResult, from path: String, stepping: Bool = false) throws -> RunHandle {
        try start(inputs: Self.inputs(of: run), stepping: stepping, options: .forking(run, from: path, plan: plan))
    }

    /// A new run made only of `run`'s recorded outputs: nothing executes.
    @discardableResult
    public func replay(_ run: RunResult) throws -> RunHandle {
        try start(inputs: Self.inputs(of: run), options: .replaying(run))
    }

    /// Executes one node again with the inputs its step recorded, bypassing the cache (a
    /// re-roll for non-deterministic nodes). Returns the new step; the cache keeps the new result.
    public func rerun(step: Step) async throws -> Step {
        guard let top = step.path.components.first?.node, step.path.components.count == 1,
            let i = plan.index[top]
        else {
            throw DebugError(
                "only top-level steps can be re-run alone; re-run from `\(step.path.components.first?.node ?? "")` instead"
            )
        }
        var options = RunOptions()
        options.forceExecute = [top]
        let context = RunContext(
            runID: "rerun", environment: engine.environment, options: options, recorder: RunRecorder(channel: nil),
            hooks: nil)
        var fresh = await NodeRun(
            node: plan.nodes[i], path: step.path, inputs: NodeInputs(values: step.inputs), run: context
        ).execute()
        fresh.id = step.id
        return fresh
    }

    // MARK: Controls

    /// Runs the paused node and stops before the next one at the same depth or above.
    public func step() { resume(.stepping(depth: pause?.path.components.count)) }

    /// Like `step`, but also stops inside sub-graphs.
    public func stepInto() { resume(.stepping(depth: nil)) }

    public func `continue`() { resume(.running) }

    /// Runs until `node` (a node path without indices) is about to run.
    public func run(to node: String) { resume(.runTo(node)) }

    /// Stops before the next node that starts.
    public func requestPause() { pauseRequested = true }

    public func cancel() {
        current?.cancel()
        let stopped = waiting
        waiting = []
        for entry in stopped { entry.continuation.resume(returning: .cancel) }
    }

    @discardableResult
    public func cancel(node path: StepPath) -> Bool { current?.cancel(node: path) ?? false }

    public func setBreakpoint(_ breakpoint: Breakpoint) {
        breakpoints.removeAll { $0.node == breakpoint.node && $0.position == breakpoint.position }
        breakpoints.append(breakpoint)
    }

    public func removeBreakpoint(node: String, position: Pause.Position? = nil) {
        breakpoints.removeAll { $0.node == node && (position == nil || $0.position == position) }
    }

    /// Adds a before-breakpoint on `node`, or removes every breakpoint there. Returns whether one is set now.
    @discardableResult
    public func toggleBreakpoint(node: String) -> Bool {
        if breakpoints.contains(where: { $0.node == node }) {
            removeBreakpoint(node: node)
            return false
        }
        setBreakpoint(Breakpoint(node: node))
        return true
    }

    /// Changes inputs of the node the run is paused before; it runs with them.
    public func editPendingInputs(_ values: [String: JSONValue]) throws {
        guard let pause, pause.position == .before else { throw DebugError("the run is not paused before a node") }
        waiting[0].pause.inputs.merge(values) { _, new in new }
    }

    /// Paused before a tool call: skips the call, and the model is told `value` as its result.
    /// The run goes on as it was going (stepping, or to the next breakpoint).
    public func supplyResult(_ value: JSONValue) throws {
        guard let pause, pause.position == .before, pause.path.isToolCall else {
            throw DebugError("the run is not paused before a tool call; only a call's result can be supplied")
        }
        resume(mode, decision: .supply(value))
    }

    /// Sets (or, with nil, removes) one config field of a node and recompiles the graph. The
    /// change takes effect in the next run; the cache makes re-running what it touches cheap.
    public func editConfig(node: String, field: String, value: JSONValue?) throws {
        guard let i = graph.index(of: node) else { throw DebugError("no node `\(node)` in this graph") }
        var edited = graph
        edited.nodes[i].fields[field] = value
        plan = try ExecutionPlan.build(edited, path: path, resolver: resolver)
        graph = edited
    }

    private func resume(_ next: Mode, decision: DebugDecision? = nil) {
        mode = next
        guard !waiting.isEmpty else { return }
        let head = waiting.removeFirst()
        current?.context.recorder.emit(.resumed, flush: true)
        head.continuation.resume(returning: decision ?? .proceed(head.pause.inputs))
        if let queued = waiting.first { current?.context.recorder.emit(.paused(queued.pause), flush: true) }
    }

    // MARK: Hooks the runner calls

    fileprivate func beforeNode(_ path: StepPath, inputs: [String: JSONValue], next: [String]) async -> DebugDecision {
        guard let reason = pauseReason(before: path) else { return .proceed(inputs) }
        return await stop(
            Pause(reason: reason, position: .before, path: path, inputs: inputs, step: nil, next: [path.node] + next))
    }

    fileprivate func afterNode(_ step: Step, next: [String]) async {
        let key = step.path.nodePath
        let labelled = step.path.labelledNodePath
        guard
            let hit = breakpoints.firstIndex(where: {
                ($0.node == key || $0.node == labelled) && $0.position == .after
            })
        else { return }
        if breakpoints[hit].oneShot { breakpoints.remove(at: hit) }
        _ = await stop(
            Pause(reason: .breakpoint, position: .after, path: step.path, inputs: step.inputs, step: step, next: next))
    }

    private func stop(_ pause: Pause) async -> DebugDecision {
        if Task.isCancelled { return .cancel }
        if waiting.isEmpty { current?.context.recorder.emit(.paused(pause), flush: true) }
        return await withCheckedContinuation { waiting.append(Waiting(pause: pause, continuation: $0)) }
    }

    private func pauseReason(before path: StepPath) -> Pause.Reason? {
        let key = path.nodePath
        let labelled = path.labelledNodePath
        if let hit = breakpoints.firstIndex(where: {
            ($0.node == key || $0.node == labelled) && $0.position == .before
        }) {
            if breakpoints[hit].oneShot { breakpoints.remove(at: hit) }
            return .breakpoint
        }
        if pauseRequested {
            pauseRequested = false
            return .pauseRequested
        }
        switch mode {
        case .running: return nil
        case .stepping(let depth): return depth.map { path.components.count <= $0 } ?? true ? .step : nil
        case .runTo(let node): return key == node ? .runToNode : nil
        }
    }

    /// The graph inputs a run was given, read back from its input steps.
    static func inputs(of run: RunResult) -> [String: JSONValue] {
        var inputs: [String: JSONValue] = [:]
        for step in run.steps where step.kind == .input && step.path.components.count == 1 {
            if let value = step.inputs["value"] { inputs[step.nodeID] = value }
        }
        return inputs
    }
}

/// Connects the runner's hooks to the session actor.
private struct SessionHooks: DebugHooks {
    let session: DebugSession

    func beforeNode(_ path: StepPath, kind: NodeKind, inputs: [String: JSONValue], next: [String]) async
        -> DebugDecision
    {
        await session.beforeNode(path, inputs: inputs, next: next)
    }

    func afterNode(_ step: Step, next: [String]) async {
        await session.afterNode(step, next: next)
    }
}

/// A debugger command that cannot be done now, and why.
public struct DebugError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
