import Foundation

/// The JSON shapes of steps, results and events: what `--json` and `--events` print and what
/// stores and exports keep. Field names are snake_case and stable.
extension Step {
    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "id": .number(Double(id)),
            "path": .string(path.description),
            "node": .string(nodeID),
            "kind": .string(kind.rawValue),
            "status": .string(status.rawValue),
            "inputs": .object(inputs),
            "outputs": .object(outputs),
            "started_at": .string(Self.timestamp(startedAt)),
            "duration_ms": .number((duration * 1_000_000).rounded() / 1000),
            "attempts": .number(Double(attempts)),
        ]
        if let usage { o["usage"] = usage.json }
        if let cost { o["cost_usd"] = .number(cost) }
        if let error { o["error"] = error.json }
        if let skipReason { o["skip_reason"] = .string(skipReason) }
        if let cacheKey { o["cache_key"] = .string(cacheKey) }
        // A template's rendered text is its output already: not printed twice.
        if let prompt, prompt != outputs { o["prompt"] = .object(prompt) }
        return .object(o)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }
}

extension TokenUsage {
    public var json: JSONValue {
        ["input_tokens": .number(Double(inputTokens)), "output_tokens": .number(Double(outputTokens))]
    }
}

extension StepError {
    public var json: JSONValue {
        var o: [String: JSONValue] = ["message": .string(message)]
        if let hint { o["hint"] = .string(hint.description) }
        return .object(o)
    }
}

extension RunResult {
    /// The run as one JSON object; `steps: false` leaves the trace out.
    public func json(steps includeSteps: Bool = true) -> JSONValue {
        var o: [String: JSONValue] = [
            "run_id": .string(runID),
            "status": .string(status.rawValue),
            "outputs": .object(outputs),
            "usage": usage.json,
            "cost_usd": .number(cost),
            "steps_executed": .number(Double(executedCount)),
        ]
        if includeSteps { o["steps"] = .array(steps.map(\.json)) }
        if let error { o["error"] = error.json }
        return .object(o)
    }
}

extension RunEvent {
    public var json: JSONValue {
        switch self {
        case .runStarted(let runID, let plan):
            ["event": "run_started", "run_id": .string(runID), "plan": .array(plan.map(JSONValue.string))]
        case .nodeStarted(let path, let inputs):
            ["event": "node_started", "path": .string(path.description), "inputs": .object(inputs)]
        case .tokenDelta(let path, let text):
            ["event": "token", "path": .string(path.description), "text": .string(text)]
        case .nodeFinished(let step): ["event": "node_finished", "step": step.json]
        case .nodeSkipped(let step): ["event": "node_skipped", "step": step.json]
        case .nodeFailed(let step): ["event": "node_failed", "step": step.json]
        case .paused(let pause):
            [
                "event": "paused", "reason": .string(pause.reason.rawValue),
                "position": .string(pause.position.rawValue),
                "path": .string(pause.path.description), "next": .array(pause.next.map(JSONValue.string)),
            ]
        case .resumed: ["event": "resumed"]
        case .runFinished(let result): ["event": "run_finished", "result": result.json(steps: false)]
        }
    }
}
