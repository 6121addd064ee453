import PatchbayCore
import Synchronization

/// Anthropic's Messages API with streaming.
struct AnthropicBackend: ModelBackend {
    static let apiVersion = "2023-06-01"
    /// The API requires max_tokens; this is used when neither node nor alias sets it.
    static let defaultMaxTokens = 1024

    func send(_ request: ModelRequest, call: BackendCall, events: AttemptEvents) async throws -> ModelResponse {
        var headers: [(String, String)] = [("accept", "text/event-stream"), ("anthropic-version", Self.apiVersion)]
        if let key = call.key { headers.append(("x-api-key", key.value)) }
        let response = try await call.post("/messages", headers: headers, body: body(request, call: call))

        let state = Mutex(StreamState(limit: call.responseLimit))
        let tokensSeen: @Sendable () -> Int = { state.withLock { $0.tokens } }
        let finished = try await call.readEvents(response, tokensSeen: tokensSeen) { event in
            let payload = try JSONValue.parsePayload(event.data)
            guard let type = payload["type"]?.stringValue else {
                throw ProviderFailure.malformed("an event without `type`: \(call.scrub(String(event.data.prefix(80))))")
            }
            var delta: String?
            switch type {
            case "message_start":
                state.withLock {
                    $0.usage = TokenUsage(inputTokens: payload["message"]?["usage"]?["input_tokens"]?.intValue ?? 0)
                }
            case "content_block_start":
                let answerTool = Self.answersWithTool(request, call)
                try state.withLock { try $0.startAnthropicBlock(payload, answerTool: answerTool, events) }
            case "content_block_delta":
                // A forced tool's input streams as `input_json_delta`: it is the answer's text.
                delta = try state.withLock { try $0.anthropicDelta(payload, events) }
            case "message_delta":
                state.withLock { state in
                    if let out = payload["usage"]?["output_tokens"]?.intValue {
                        state.usage = TokenUsage(inputTokens: state.usage?.inputTokens ?? 0, outputTokens: out)
                    }
                    state.stopReason = payload["delta"]?["stop_reason"]?.stringValue
                }
            case "message_stop":
                return true
            case "error":
                throw call.streamError(payload["error"] ?? .null)
            default:
                break  // ping, content_block_stop
            }
            try state.withLock { try $0.add(delta, events) }
            return false
        }
        let final = state.withLock { $0 }
        guard finished else { throw ProviderFailure.streamCut(tokensSeen: final.tokens) }
        events.started()
        let text = Self.toolWraps(request, call) ? Self.unwrapped(final.text) : final.text
        return ModelResponse(
            text: text, usage: final.usage ?? TokenUsage(outputTokens: final.tokens), toolCalls: final.toolCalls.calls)
    }

    private func body(_ request: ModelRequest, call: BackendCall) -> JSONValue {
        var body: [String: JSONValue] = call.extra
        body["model"] = .string(call.site.alias.model)
        body["stream"] = true
        body["max_tokens"] = .number(Double(request.maxTokens ?? Self.defaultMaxTokens))
        var system: [String] = []
        var messages: [JSONValue] = []
        switch request.mode {
        case .complete:
            // No raw completion in the Messages API: ask for the continuation.
            system.append(OpenAIBackend.continuationInstruction)
            messages.append(["role": "user", "content": .string(request.prompt)])
        case .chat:
            system += request.messages.filter { $0.role == "system" }.map(\.content)
            messages = Self.messages(request.messages)
        }
        // No JSON mode in the API: say it in the system prompt; the node parses the answer.
        if request.jsonMode { system.append("Answer with a single JSON value and nothing else.") }
        if !system.isEmpty { body["system"] = .string(system.joined(separator: "\n\n")) }
        body["messages"] = .array(messages)
        if let t = request.temperature { body["temperature"] = .number(t) }
        if !request.stop.isEmpty { body["stop_sequences"] = .array(request.stop.map(JSONValue.string)) }
        var tools = Self.tools(request.tools)
        if let schema = request.schema, Self.answersWithTool(request, call) {
            // A tool's input is always an object: any other schema is wrapped as its `value`.
            let input: JSONValue =
                Self.toolWraps(request, call)
                ? ["type": "object", "properties": ["value": schema.json], "required": ["value"]] : schema.json
            tools.append([
                "name": .string(Self.toolName), "description": "Give the answer in exactly this shape.",
                "input_schema": input,
            ])
            // Beside the node's tools, any call is allowed but one is required (see +Tools).
            body["tool_choice"] =
                request.tools.isEmpty ? ["type": "tool", "name": .string(Self.toolName)] : ["type": "any"]
        }
        if !tools.isEmpty { body["tools"] = .array(tools) }
        return .object(body)
    }

    static let toolName = "answer"

    /// Whether the schema is enforced as the forced `answer` tool on this call.
    static func answersWithTool(_ request: ModelRequest, _ call: BackendCall) -> Bool {
        request.schema != nil && call.constraint == .tool && !request.tools.contains { $0.name == toolName }
    }

    /// Whether the schema is not an object's and so was wrapped as the tool input's `value`.
    static func toolWraps(_ request: ModelRequest, _ call: BackendCall) -> Bool {
        guard let schema = request.schema, answersWithTool(request, call) else { return false }
        return schema.json["type"] != "object"
    }

    /// The `value` of a wrapped tool input, as JSON text; the text itself when it is not one.
    static func unwrapped(_ text: String) -> String {
        (try? JSONValue(parsing: text, options: .lenient))?["value"]?.compactJSON ?? text
    }
}
