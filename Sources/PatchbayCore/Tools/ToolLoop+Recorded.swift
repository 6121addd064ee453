import Foundation

/// Turns and calls that do not execute: taken from a recorded run (replay, fork) or, for a
/// turn, from the cache. A call's result is never cached: tools may read the world.
extension ToolLoop {
    /// Whether a recorded run holds this loop's turns at `path`: then a replay or fork goes
    /// through them one by one, re-emitting each, instead of copying the node's step whole.
    static func hasRecordedTurns(at path: StepPath, in recorded: [String: Step]) -> Bool {
        recorded[path.appending("turn", index: 0).description] != nil
    }

    /// The steps inside tool loops that a fork at `step` reuses: at `agent/turn[k]`, the turns
    /// before k and their calls; at a call of turn k, turn k's answer as well (its calls run again).
    static func reusedByFork(_ steps: [Step], at step: StepPath) -> [Step] {
        let components = step.components
        guard let t = components.lastIndex(where: { $0.node == "turn" && $0.index != nil }), t > 0,
            let k = components[t].index,
            steps.contains(where: { $0.kind == .llm && $0.path.components == Array(components[...t]) })
        else { return [] }
        let prefix = Array(components[..<t])
        let atCall = components.count > t + 1
        return steps.filter { candidate in
            let c = candidate.path.components
            guard c.count > t, c[t].node == "turn", let i = c[t].index, Array(c[..<t]) == prefix else { return false }
            return i < k || (atCall && i == k && c.count == t + 1)
        }
    }

    func recordedStep(_ path: StepPath, _ context: NodeContext) -> Step? {
        guard let step = context.run.options.recorded[path.description], step.status != .skipped else { return nil }
        return step
    }

    /// A recorded turn, re-recorded as replayed; its failure fails the node again. Nil when the
    /// turn must execute. Replaying only, a turn the recorded run does not hold is an error.
    func reused(_ path: StepPath, inputs: [String: JSONValue], started: Date, _ context: NodeContext) throws
        -> ModelResponse?
    {
        guard let step = try recorded(path, context) else { return nil }
        if let error = step.error, step.status == .failed || step.status == .cancelled {
            record(path, .llm, inputs: inputs, started: started, error: error, context)
            throw error
        }
        record(
            path, .llm, status: .replayed, inputs: inputs, outputs: step.outputs, started: started, usage: step.usage,
            cost: step.cost, context)
        return Self.response(step.outputs, usage: step.usage, cost: step.cost)
    }

    /// A recorded call, re-recorded as replayed (no tool runs), or nil when it must run.
    func reusedCall(_ path: StepPath, _ context: NodeContext) throws -> CallResult? {
        guard let step = try recorded(path, context) else { return nil }
        let arguments = step.inputs["arguments"] ?? [:]
        if let error = step.error, step.status == .failed || step.status == .cancelled {
            record(path, step.kind, inputs: ["arguments": arguments], started: Date(), error: error, context)
            throw error
        }
        record(
            path, step.kind, status: .replayed, inputs: ["arguments": arguments], outputs: step.outputs,
            started: Date(), context)
        let value = step.outputs["result"] ?? .null
        return CallResult(
            arguments: arguments, text: step.outputs["text"]?.stringValue ?? value.plainText, value: value,
            isError: step.outputs["is_error"]?.boolValue ?? false, replayed: true)
    }

    private func recorded(_ path: StepPath, _ context: NodeContext) throws -> Step? {
        if let step = recordedStep(path, context) { return step }
        guard context.run.options.replayOnly else { return nil }
        throw NodeError(
            "`\(path)` is not in the recorded run, and a replay runs nothing",
            hint: "re-run the node instead (`patchbay rerun RUN --from \(context.path.components.first?.node ?? "")`)")
    }

    /// A turn's cache key: the node, the conversation so far, the tools offered and the model.
    func turnKey(_ request: ModelRequest, model: ResolvedModel?, _ context: NodeContext) -> String? {
        guard context.environment.cache != nil else { return nil }
        let tools = request.tools.map { tool -> JSONValue in
            ["name": .string(tool.name), "description": .string(tool.description), "parameters": tool.parameters]
        }
        var inputs = turnInputs(request)
        inputs["tools"] = .array(tools)
        return CacheKey.key(
            fingerprint: fingerprint, inputs: inputs, model: model, sampleIndex: context.run.options.sampleIndex,
            salt: context.run.options.cacheSalt)
    }

    /// The cache's answer for a turn, unless the run was told to execute this node again.
    func cachedTurn(_ key: String, _ context: NodeContext) -> CachedOutputs? {
        if context.run.options.forceExecute.contains(context.path.components.first?.node ?? "") { return nil }
        return context.environment.cache?.lookup(key)
    }

    func storeTurn(_ key: String, _ outputs: CachedOutputs, _ context: NodeContext) {
        var masked = outputs
        // The persistent cache is a file too: what it keeps is masked like the journal.
        masked.outputs = context.environment.masker.mask(outputs.outputs)
        context.environment.cache?.store(key, masked)
    }
}
