import Foundation

/// One execution of one node, start to recorded step: replay a recorded step, or take the
/// cache's result, or execute (with the node's retry policy) and fill the cache.
struct NodeRun {
    let node: PlannedNode
    let path: StepPath
    let inputs: NodeInputs
    let run: RunContext

    /// For inline executors: no suspension, no child task. Without `announce`, the caller sends
    /// the started event itself when it records the step.
    func executeInline(announce: Bool = true) -> Step {
        let clock = DispatchTime.now().uptimeNanoseconds
        let started = run.date(at: clock)
        if announce { run.recorder.emit(.nodeStarted(path: path, inputs: inputs.values)) }
        let key: String?
        switch begin(started: started, clock: clock) {
        case .done(let step): return step
        case .execute(let cacheKey): key = cacheKey
        }
        do {
            let result = try node.executor.run(inputs)
            return succeeded(result, started: started, clock: clock, attempts: 1, key: key)
        } catch {
            return failed(error, started: started, clock: clock, attempts: 1, key: key)
        }
    }

    func execute() async -> Step {
        let clock = DispatchTime.now().uptimeNanoseconds
        let started = run.date(at: clock)
        run.recorder.emit(.nodeStarted(path: path, inputs: inputs.values), flush: true)
        let key: String?
        switch begin(started: started, clock: clock) {
        case .done(let step): return step
        case .execute(let cacheKey): key = cacheKey
        }

        // A model call leaves what it sent here, so the step records it, failed or not.
        let prompt = node.kind == .llm ? PromptSlot() : nil
        let retries = node.policy == .retry ? max(0, node.node["retries"]?.intValue ?? 2) : 0
        let backoff = node.node["backoff"]?.doubleValue ?? 0.5
        var attempt = 0
        while true {
            attempt += 1
            do {
                let result = try await executeCancellable(prompt: prompt)
                return succeeded(result, started: started, clock: clock, attempts: attempt, key: key, prompt: prompt)
            } catch {
                if error is CancellationError || Task.isCancelled || attempt > retries || run.stoppedAtLimit {
                    var step = failed(error, started: started, clock: clock, attempts: attempt, key: key)
                    step.prompt = prompt?.prompt
                    return step
                }
                // Exponential backoff with jitter (50–100 % of the step), so parallel retries spread out.
                let delay = backoff * pow(2, Double(attempt - 1)) * Double.random(in: 0.5...1.0)
                do { try await Task.sleep(for: .seconds(delay)) } catch {
                    return failed(error, started: started, clock: clock, attempts: attempt, key: key)
                }
            }
        }
    }

    /// Runs the executor in a task of its own, registered by path, so `cancel(node:)` can stop
    /// this node alone; cancelling the run still reaches it through the handler.
    private func executeCancellable(prompt: PromptSlot?) async throws -> NodeResult {
        let context = NodeContext(path: path, run: run, prompt: prompt)
        let task = Task { [node, inputs] in try await node.executor.run(inputs, context: context) }
        run.tasks.register(path, task)
        defer { run.tasks.remove(path) }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }

    private enum Start {
        /// Ended before executing: replayed, cached, or the model alias did not resolve.
        case done(Step)
        case execute(cacheKey: String?)
    }

    private func begin(started: Date, clock: UInt64) -> Start {
        if let stop = run.admitStep(path) {
            return .done(failed(stop, started: started, clock: clock, attempts: 1, key: nil))
        }
        if let replayed = replayed(started: started) { return .done(replayed) }
        do {
            let key = try cacheKey()
            if let key, let hit = cached(key, started: started) { return .done(hit) }
            return .execute(cacheKey: key)
        } catch {
            return .done(failed(error, started: started, clock: clock, attempts: 1, key: nil))
        }
    }

    /// The recorded step for this path, when replaying or forking.
    private func replayed(started: Date) -> Step? {
        // Sub-graph nodes run again so that their inner steps are replayed one by one.
        guard !run.options.recorded.isEmpty, !node.kind.hasSubgraph,
            !node.executor.replaysStepByStep(at: path, recorded: run.options.recorded)
        else { return nil }
        if let recorded = run.options.recorded[path.description], recorded.status != .skipped {
            var step = makeStep(.replayed, started: started, duration: 0)
            step.outputs = recorded.outputs
            step.usage = recorded.usage
            step.cost = recorded.cost
            step.error = recorded.error
            if recorded.status == .failed || recorded.status == .cancelled { step.status = .failed }
            return step
        }
        guard run.options.replayOnly else { return nil }
        var step = makeStep(.skipped, started: started, duration: 0)
        step.skipReason = "not in the recorded run"
        return step
    }

    private func cached(_ key: String, started: Date) -> Step? {
        guard !run.options.forcesExecution(of: path),
            let hit = run.environment.cache?.lookup(key)
        else { return nil }
        var step = makeStep(.cached, started: started, duration: 0)
        step.outputs = hit.outputs
        step.usage = hit.usage
        step.cost = hit.cost
        step.cacheKey = key
        return step
    }

    private func cacheKey() throws -> String? {
        guard node.executor.isCacheable, run.environment.cache != nil else { return nil }
        let model = try node.executor.resolvedModel(run.environment)
        return CacheKey.key(
            fingerprint: node.fingerprint, inputs: inputs.values, model: model, sampleIndex: run.options.sampleIndex,
            salt: run.options.cacheSalt)
    }

    private func succeeded(
        _ result: NodeResult, started: Date, clock: UInt64, attempts: Int, key: String?, prompt: PromptSlot? = nil
    ) -> Step {
        if let tooBig = oversizedOutput(result.outputs) {
            var step = failed(run.stop(tooBig), started: started, clock: clock, attempts: attempts, key: key)
            step.prompt = prompt?.prompt ?? result.prompt
            return step
        }
        let step = Step(
            id: 0, path: path, kind: node.kind, status: result.replayed ? .replayed : .succeeded,
            inputs: inputs.values, outputs: result.outputs,
            startedAt: started, duration: seconds(since: clock), usage: result.usage, cost: result.cost, error: nil,
            skipReason: nil, attempts: attempts, cacheKey: key, prompt: prompt?.prompt ?? result.prompt)
        if let key, let cache = run.environment.cache {
            // The persistent cache is a file too: what it keeps is masked like the journal.
            cache.store(
                key,
                CachedOutputs(
                    outputs: run.environment.masker.mask(result.outputs), usage: result.usage, cost: result.cost))
        }
        return step
    }

    private func failed(_ error: any Error, started: Date, clock: UInt64, attempts: Int, key: String?) -> Step {
        let cancelled = error is CancellationError || Task.isCancelled
        var step = makeStep(cancelled ? .cancelled : .failed, started: started, duration: seconds(since: clock))
        step.error = (error as? RunLimitError).map { StepError(message: $0.message, hint: $0.hint) } ?? StepError(error)
        step.attempts = attempts
        step.cacheKey = key
        // A limit stops the run: routing it would let the graph go on doing the same work.
        if node.policy == .route, !cancelled, !run.stoppedAtLimit {
            step.outputs = ["error": ["message": .string(step.error!.message), "node": .string(path.description)]]
        }
        return step
    }

    /// The error for the first output over `value_bytes`, if one is. Measured before the step
    /// is recorded, cached or passed along a wire.
    private func oversizedOutput(_ outputs: [String: JSONValue]) -> RunLimitError? {
        let limit = run.limits.valueBytes
        for (port, value) in outputs where value.textSize(over: limit) {
            // A string's size is known at once; a structure's only up to where the count stopped.
            let size = value.stringValue?.utf8.count
            let what =
                size.map { "\($0) bytes, more than the value_bytes limit (\(limit))" }
                ?? "more than the value_bytes limit (\(limit) bytes)"
            return RunLimitError(
                .valueBytes, "output `\(port)` of `\(path)` is \(what)", needed: size ?? RunLimits.doubled(limit))
        }
        return nil
    }

    private func makeStep(_ status: Step.Status, started: Date, duration: TimeInterval) -> Step {
        Step(
            id: 0, path: path, kind: node.kind, status: status, inputs: inputs.values, outputs: [:],
            startedAt: started, duration: duration, usage: nil, cost: nil, error: nil, skipReason: nil,
            attempts: 1, cacheKey: nil)
    }

    /// Monotonic nanoseconds rather than `ContinuousClock`: its `Duration` arithmetic (128-bit)
    /// cost more than the clock read, twice per step.
    private func seconds(since start: UInt64) -> TimeInterval {
        Double(DispatchTime.now().uptimeNanoseconds &- start) * 1e-9
    }
}

extension Step {
    static func skipped(_ node: PlannedNode, path: StepPath, reason: String) -> Step {
        Step(
            id: 0, path: path, kind: node.kind, status: .skipped, inputs: [:], outputs: [:], startedAt: Date(),
            duration: 0, usage: nil, cost: nil, error: nil, skipReason: reason, attempts: 0, cacheKey: nil)
    }
}

/// A node's `on_error` policy.
enum ErrorPolicy: String, Sendable {
    case fail, route, retry
}
