import Foundation

/// Steps a node records below its own path while it runs — a tool loop's turns and calls, the
/// samples of a vote — and where they may come from instead of executing: a recorded run being
/// replayed or forked, or the cache.
struct InnerSteps: Sendable {
    let context: NodeContext

    @discardableResult
    func record(
        _ path: StepPath, _ kind: NodeKind, status: Step.Status? = nil, inputs: [String: JSONValue],
        outputs: [String: JSONValue] = [:], started: Date, usage: TokenUsage? = nil, cost: Double? = nil,
        cacheKey: String? = nil, error: (any Error)? = nil, prompt: [String: JSONValue]? = nil
    ) -> Step {
        let status = status ?? (error == nil ? .succeeded : (error is CancellationError ? .cancelled : .failed))
        var step = Step(
            id: 0, path: path, kind: kind, status: status, inputs: inputs, outputs: outputs, startedAt: started,
            duration: Date().timeIntervalSince(started), usage: usage, cost: cost,
            error: error.map { StepError($0) })
        step.cacheKey = cacheKey
        step.prompt = prompt
        return context.run.recorder.record(step)
    }

    /// The recorded run's step at `path` (replay, fork), if it holds one that ran.
    func recordedStep(_ path: StepPath) -> Step? {
        guard let step = context.run.options.recorded[path.description], step.status != .skipped else { return nil }
        return step
    }

    /// The recorded step at `path`, or nil when it must execute. Replaying only, a step the
    /// recorded run does not hold is an error: a replay runs nothing.
    func recorded(_ path: StepPath) throws -> Step? {
        if let step = recordedStep(path) { return step }
        guard context.run.options.replayOnly else { return nil }
        throw NodeError(
            "`\(path)` is not in the recorded run, and a replay runs nothing",
            hint: "re-run the node instead (`patchbay rerun RUN --from \(context.path.components.first?.node ?? "")`)")
    }

    /// Re-records a recorded step at `path` as replayed, or as failed again (then throws its error).
    func replay(_ step: Step, at path: StepPath, inputs: [String: JSONValue]) throws {
        if let error = step.error, step.status == .failed || step.status == .cancelled {
            record(path, step.kind, inputs: inputs, started: Date(), error: error)
            throw error
        }
        record(
            path, step.kind, status: .replayed, inputs: inputs, outputs: step.outputs, started: Date(),
            usage: step.usage, cost: step.cost)
    }

    /// A cache key for a model step of this node: the node, the step's inputs and the model.
    func cacheKey(fingerprint: [UInt8], inputs: [String: JSONValue], model: ResolvedModel?) -> String? {
        guard context.environment.cache != nil else { return nil }
        return CacheKey.key(
            fingerprint: fingerprint, inputs: inputs, model: model, sampleIndex: context.run.options.sampleIndex,
            salt: context.run.options.cacheSalt)
    }

    /// The cache's outputs for `key`, unless the run was told to execute this node again.
    func cached(_ key: String) -> CachedOutputs? {
        if context.run.options.forcesExecution(of: context.path) { return nil }
        return context.environment.cache?.lookup(key)
    }

    func store(_ key: String, _ outputs: CachedOutputs) {
        var masked = outputs
        // The persistent cache is a file too: what it keeps is masked like the journal.
        masked.outputs = context.environment.masker.mask(outputs.outputs)
        context.environment.cache?.store(key, masked)
    }
}
