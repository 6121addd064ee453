import Foundation

/// An `llm` node with tools: model → the calls it asks for (run in parallel) → their results
/// back → model, until it answers or `maxTurns` is reached.
///
/// Every turn and every call is a step of the run, below the node's path
/// (`agent/turn[1]`, `agent/turn[1]/call[0]:get_current_time`), recorded as it finishes, so the
/// trace, the run store, `show` and the debugger see them as any other step. Before a call the
/// debugger may pause; the arguments it hands back (edited or not) are what the tool gets, or it
/// supplies the result itself. A run made from a recorded one (replay, fork) reuses the recorded
/// turns and calls it holds (see `ToolLoop+Recorded`); a turn is cached by its conversation,
/// a call never is.
struct ToolLoop: Sendable {
    static let defaultMaxTurns = 8

    let maxTurns: Int
    let sources: [ToolSource]
    let graphPath: String?
    /// The plans of `{graph: FILE}` tools, by the file as written.
    var graphPlans: [String: ExecutionPlan] = [:]
    /// The node's kind and config (its schema's content included): half of a turn's cache key.
    var fingerprint: [UInt8] = []

    struct Outcome: Sendable {
        var response: ModelResponse
        var messages: [ChatMessage]
        var calls: [JSONValue]
        var usage: TokenUsage
        var cost: Double?
        /// Every turn and call came from a recorded run: nothing executed.
        var replayed: Bool
    }

    /// Runs the loop from `request` (chat mode; its messages are the conversation so far).
    func run(
        _ request: ModelRequest, model: ResolvedModel?, context: NodeContext,
        complete: @Sendable (ModelRequest, NodeContext) async throws -> ModelResponse
    ) async throws -> Outcome {
        // Listed when a turn or call first executes: a replay starts no server.
        var box: Toolbox?
        let steps = InnerSteps(context: context)
        var request = request
        var usage = TokenUsage()
        var cost: Double?
        var calls: [JSONValue] = []
        var replayed = true
        for turn in 0..<maxTurns {
            let turnPath = context.path.appending("turn", index: turn)
            if let error = context.run.admitStep(turnPath) { throw error }
            let started = Date()
            let inputs = turnInputs(request)
            context.run.recorder.emit(.nodeStarted(path: turnPath, inputs: inputs), flush: true)
            let response: ModelResponse
            if let recorded = try reused(turnPath, inputs: inputs, steps) {
                response = recorded
            } else {
                replayed = false
                if box == nil {
                    box = try await toolbox(context)
                    request.tools = box!.specs
                }
                response = try await execute(
                    request, path: turnPath, inputs: inputs, started: started, model: model, steps: steps,
                    complete: complete)
            }
            usage = usage + response.usage
            if let more = response.cost { cost = (cost ?? 0) + more }
            request.messages.append(
                ChatMessage(
                    role: "assistant", content: response.text,
                    toolCalls: response.toolCalls.isEmpty ? nil : response.toolCalls))
            if response.toolCalls.isEmpty {
                return Outcome(
                    response: response, messages: request.messages, calls: calls, usage: usage, cost: cost,
                    replayed: replayed)
            }
            let paths = response.toolCalls.enumerated().map { index, call in
                turnPath.appending("call", index: index, label: call.name)
            }
            // A replay runs no call (one it lacks is an error), so it starts no server either.
            if box == nil, !context.run.options.replayOnly, paths.contains(where: { steps.recordedStep($0) == nil }) {
                box = try await toolbox(context)
                request.tools = box!.specs
            }
            let results = try await callAll(response.toolCalls, paths: paths, box: box ?? Toolbox(), steps: steps)
            for (call, result) in zip(response.toolCalls, results) {
                if !result.replayed { replayed = false }
                request.messages.append(
                    ChatMessage(
                        role: "tool", content: result.text, toolCallID: call.id, isError: result.isError ? true : nil))
                calls.append([
                    "turn": .number(Double(turn)), "id": .string(call.id), "name": .string(call.name),
                    "arguments": result.arguments, "result": result.value, "is_error": .bool(result.isError),
                ])
            }
        }
        throw NodeError(
            "`\(context.path)` reached max_turns (\(maxTurns)) and the model was still calling tools",
            hint: "raise `max_turns`, or say in the prompt when to stop calling tools and answer")
    }

    /// One model turn that executes: from the cache when its conversation is unchanged, else
    /// from the model (and then cached).
    private func execute(
        _ request: ModelRequest, path: StepPath, inputs: [String: JSONValue], started: Date, model: ResolvedModel?,
        steps: InnerSteps, complete: @Sendable (ModelRequest, NodeContext) async throws -> ModelResponse
    ) async throws -> ModelResponse {
        let key = turnKey(request, model: model, steps)
        if let key, let hit = steps.cached(key) {
            steps.record(
                path, .llm, status: .cached, inputs: inputs, outputs: hit.outputs, started: started, usage: hit.usage,
                cost: hit.cost, cacheKey: key)
            return Self.response(hit.outputs, usage: hit.usage, cost: hit.cost)
        }
        let response: ModelResponse
        // Its tokens stream as the turn's, so each turn's text is shown apart; what it sent is
        // the turn's (and, for the first turn, the node's).
        let turn = steps.context.inner(path)
        do {
            response = try await complete(request, turn)
        } catch {
            steps.record(path, .llm, inputs: inputs, started: started, error: error, prompt: turn.prompt?.prompt)
            throw error
        }
        let outputs: [String: JSONValue] = [
            "text": .string(response.text), "tool_calls": .array(response.toolCalls.map(\.json)),
        ]
        steps.record(
            path, .llm, inputs: inputs, outputs: outputs, started: started, usage: response.usage,
            cost: response.cost, cacheKey: key, prompt: turn.prompt?.prompt)
        if let key { steps.store(key, CachedOutputs(outputs: outputs, usage: response.usage, cost: response.cost)) }
        return response
    }

    func turnInputs(_ request: ModelRequest) -> [String: JSONValue] {
        ["messages": .array(request.messages.map(\.json))]
    }

    /// A turn's response read back from its step's outputs.
    static func response(_ outputs: [String: JSONValue], usage: TokenUsage?, cost: Double?) -> ModelResponse {
        ModelResponse(
            text: outputs["text"]?.stringValue ?? "", usage: usage ?? TokenUsage(), cost: cost,
            toolCalls: (outputs["tool_calls"]?.arrayValue ?? []).map(ToolCall.init(json:)))
    }
}
