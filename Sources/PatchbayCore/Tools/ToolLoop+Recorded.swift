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

    /// A recorded turn, re-recorded as replayed; its failure fails the node again. Nil when the
    /// turn must execute.
    func reused(_ path: StepPath, inputs: [String: JSONValue], _ steps: InnerSteps) throws -> ModelResponse? {
        guard let step = try steps.recorded(path) else { return nil }
        try steps.replay(step, at: path, inputs: inputs)
        return Self.response(step.outputs, usage: step.usage, cost: step.cost)
    }

    /// A recorded call, re-recorded as replayed (no tool runs), or nil when it must run.
    func reusedCall(_ path: StepPath, _ steps: InnerSteps) throws -> CallResult? {
        guard let step = try steps.recorded(path) else { return nil }
        let arguments = step.inputs["arguments"] ?? [:]
        try steps.replay(step, at: path, inputs: ["arguments": arguments])
        let value = step.outputs["result"] ?? .null
        return CallResult(
            arguments: arguments, text: step.outputs["text"]?.stringValue ?? value.plainText, value: value,
            isError: step.outputs["is_error"]?.boolValue ?? false, replayed: true)
    }

    /// A turn's cache key: the node, the conversation so far, the tools offered and the model.
    func turnKey(_ request: ModelRequest, model: ResolvedModel?, _ steps: InnerSteps) -> String? {
        var inputs = turnInputs(request)
        inputs["tools"] = .array(
            request.tools.map {
                ["name": .string($0.name), "description": .string($0.description), "parameters": $0.parameters]
            })
        return steps.cacheKey(fingerprint: fingerprint, inputs: inputs, model: model)
    }
}
