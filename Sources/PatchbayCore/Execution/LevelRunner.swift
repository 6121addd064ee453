import Foundation

/// Runs one graph level (the top graph, or one pass of a sub-graph) by dataflow: a node runs
/// once every wire into it has resolved — with a value, or dead because its source skipped,
/// failed or did not emit that port. Cheap nodes run in place; model calls, programs and
/// sub-graphs run as child tasks, at most `maxConcurrency` at once.
struct LevelRunner {
    let plan: ExecutionPlan
    let run: RunContext
    let prefix: StepPath
    let inputs: [String: JSONValue]
    var batch: StepBatch? = nil

    struct Outcome {
        var outputs: [String: JSONValue] = [:]
        /// The first failure no `error` port took.
        var failure: StepError?
        var cancelled = false
    }

    func run() async -> Outcome {
        // A map worker lends the state it used for the previous item, so an item allocates none.
        var state = batch?.takeState(for: plan) ?? LevelState(plan: plan)
        defer { batch?.keep(state) }
        var outcome = Outcome()
        // A level of cheap nodes with no debugger attached (a map item's body, typically) needs
        // no task group: it runs start to end in place, and its steps are recorded together at
        // the end (microseconds later) under one lock, which matters when map workers run in
        // parallel.
        if plan.allInline && run.hooks == nil {
            // A map worker's batch takes the steps directly; otherwise they collect here.
            var steps: [Step] = []
            if batch == nil { steps.reserveCapacity(min(plan.nodes.count, Self.inlineChunk)) }
            while let i = state.nextReady() {
                if Task.isCancelled {
                    outcome.cancelled = true
                    break
                }
                let path = prefix.appending(plan.nodes[i].id)
                let step =
                    skip(i, path, state)
                    ?? NodeRun(node: plan.nodes[i], path: path, inputs: inputs(of: i, path, state), run: run)
                    .executeInline(announce: false)
                note(i, step, &state, &outcome)
                if let batch {
                    batch.steps.append(step)
                } else {
                    steps.append(step)
                    // A long level hands its steps over as it goes: they are recorded while
                    // still in cache, and a reader sees them before the level ends.
                    if steps.count == Self.inlineChunk { record(&steps) }
                }
            }
            record(&steps)
            return outcome
        }
        let limit = max(1, run.options.maxConcurrency)

        await withTaskGroup(of: (Int, Step).self) { group in
            var running = 0
            var waiting: [(Int, NodeInputs)] = []

            while true {
                while let i = state.nextReady() {
                    if Task.isCancelled {
                        outcome.cancelled = true
                        break
                    }
                    let node = plan.nodes[i]
                    let path = prefix.appending(node.id)
                    if let skipped = skip(i, path, state) {
                        finish(i, skipped, &state, &outcome)
                        continue
                    }
                    var nodeInputs = inputs(of: i, path, state)
                    if let hooks = run.hooks {
                        run.recorder.flush()
                        switch await hooks.beforeNode(
                            path, kind: node.kind, inputs: nodeInputs.values, next: state.remaining())
                        {
                        case .proceed(let values): nodeInputs.values = values
                        // The session supplies results only before tool calls, which this level never runs.
                        case .supply: break
                        case .cancel: outcome.cancelled = true
                        }
                        if outcome.cancelled { break }
                    }
                    if node.runsInline {
                        let step = finish(
                            i, NodeRun(node: node, path: path, inputs: nodeInputs, run: run).executeInline(), &state,
                            &outcome)
                        if let hooks = run.hooks { await hooks.afterNode(step, next: state.remaining()) }
                    } else if running < limit {
                        running += 1
                        group.addTask { [run] in
                            (i, await NodeRun(node: node, path: path, inputs: nodeInputs, run: run).execute())
                        }
                    } else {
                        waiting.append((i, nodeInputs))
                    }
                }
                if running == 0 { break }
                run.recorder.flush()
                guard let (i, step) = await group.next() else { break }
                running -= 1
                let recorded = finish(i, step, &state, &outcome)
                if let hooks = run.hooks { await hooks.afterNode(recorded, next: state.remaining()) }
                while running < limit, !waiting.isEmpty, !outcome.cancelled {
                    let (w, waitingInputs) = waiting.removeFirst()
                    let node = plan.nodes[w]
                    running += 1
                    group.addTask { [run, prefix] in
                        (
                            w,
                            await NodeRun(node: node, path: prefix.appending(node.id), inputs: waitingInputs, run: run)
                                .execute()
                        )
                    }
                }
                if outcome.cancelled && running == 0 { break }
            }
        }
        if Task.isCancelled { outcome.cancelled = true }
        return outcome
    }

    private static let inlineChunk = 64

    private func record(_ steps: inout [Step]) {
        guard !steps.isEmpty else { return }
        run.recorder.record(batch: steps)
        steps.removeAll(keepingCapacity: true)
    }

    /// The skipped step for node `i`, when an input it needs never came.
    private func skip(_ i: Int, _ path: StepPath, _ state: LevelState) -> Step? {
        guard let reason = state.skipReason(i) else { return nil }
        run.countSkippedStep()
        return Step.skipped(plan.nodes[i], path: path, reason: reason)
    }

    private func inputs(of i: Int, _ path: StepPath, _ state: LevelState) -> NodeInputs {
        var nodeInputs = state.inputs(of: i, levelInputs: inputs)
        if !run.options.inputOverrides.isEmpty, let overrides = run.options.inputOverrides[path.description] {
            nodeInputs.values.merge(overrides) { _, new in new }
        }
        return nodeInputs
    }

    /// Records a step, passes its outputs along the wires, and notes failures and outputs.
    @discardableResult
    private func finish(_ i: Int, _ step: Step, _ state: inout LevelState, _ outcome: inout Outcome) -> Step {
        let step = run.recorder.record(step)
        note(i, step, &state, &outcome)
        return step
    }

    private func note(_ i: Int, _ step: Step, _ state: inout LevelState, _ outcome: inout Outcome) {
        state.deliver(from: i, step: step)
        let status = step.status
        if status == .failed || status == .cancelled, step.outputs["error"] == nil, outcome.failure == nil {
            outcome.failure = StepError(
                message: "`\(step.path)` failed: \(step.error?.message ?? "cancelled")", hint: step.error?.hint)
        }
        if status == .cancelled, Task.isCancelled { outcome.cancelled = true }
        if plan.nodes[i].kind == .output, let value = step.outputs.value(of: "value") {
            outcome.outputs[plan.nodes[i].id] = value
        }
    }
}
