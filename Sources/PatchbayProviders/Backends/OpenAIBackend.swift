import PatchbayCore
import Synchronization

/// OpenAI-compatible chat and completions with SSE streaming: OpenAI, OpenRouter, Ollama,
/// llama.cpp (and so the local model), vLLM, LM Studio.
struct OpenAIBackend: ModelBackend {
    /// How hosted chat-only models are asked to continue a raw prompt (`mode: complete`).
    static let continuationInstruction =
        "Continue the text the user sends, exactly where it stops. Reply with the continuation only."

    func send(_ request: ModelRequest, call: BackendCall, events: AttemptEvents) async throws -> ModelResponse {
        let raw = request.mode == .complete && call.site.provider.rawCompletions
        let path = raw ? "/completions" : "/chat/completions"
        var headers: [(String, String)] = [("accept", "text/event-stream")]
        if let key = call.key { headers.append(("authorization", "Bearer \(key.value)")) }
        let response = try await call.post(path, headers: headers, body: body(request, call: call, raw: raw))

        let state = Mutex(StreamState(limit: call.responseLimit))
        let tokensSeen: @Sendable () -> Int = { state.withLock { $0.tokens } }
        let finished = try await call.readEvents(response, tokensSeen: tokensSeen) { event in
            if event.data == "[DONE]" { return true }
            let chunk = try JSONValue.parsePayload(event.data)
            if let error = chunk["error"] {
                throw call.streamError(error)
            }
            guard chunk["choices"] != nil || chunk["usage"] != nil else {
                throw ProviderFailure.malformed(
                    "a stream chunk without `choices`: \(call.scrub(String(event.data.prefix(80))))")
            }
            let choice = chunk["choices"]?.arrayValue?.first
            let delta = raw ? choice?["text"]?.stringValue : choice?["delta"]?["content"]?.stringValue
            try state.withLock { state in
                if !raw { try Self.addToolCalls(choice?["delta"]?["tool_calls"], to: &state, events) }
                if let usage = chunk["usage"], usage != .null {
                    state.usage = TokenUsage(
                        inputTokens: usage["prompt_tokens"]?.intValue ?? 0,
                        outputTokens: usage["completion_tokens"]?.intValue ?? 0)
                }
                try state.add(delta, events)
            }
            return false
        }
        let final = state.withLock { $0 }
        // No `[DONE]`: the connection closed mid-answer.
        guard finished else { throw ProviderFailure.streamCut(tokensSeen: final.tokens) }
        events.started()
        let calls = final.toolCalls.calls
        if let usage = final.usage { return ModelResponse(text: final.text, usage: usage, toolCalls: calls) }
        // llama.cpp's Python server sends no usage when streaming: each delta is one token, and
        // its tokenizer endpoint counts the prompt (chat: the messages without the template's few tokens).
        var input = 0
        if call.site.provider.kind == .local {
            let text =
                raw || request.mode == .complete
                ? request.prompt : request.messages.map(\.content).joined(separator: "\n")
            input = await call.localTokenCount(text) ?? 0
        }
        return ModelResponse(
            text: final.text, usage: TokenUsage(inputTokens: input, outputTokens: final.tokens), toolCalls: calls)
    }

    private func body(_ request: ModelRequest, call: BackendCall, raw: Bool) -> JSONValue {
        var body: [String: JSONValue] = call.extra
        body["model"] = .string(call.site.alias.model)
        body["stream"] = true
        body["stream_options"] = ["include_usage": true]
        if raw {
            body["prompt"] = .string(request.prompt)
        } else if request.mode == .complete {
            body["messages"] = [
                ["role": "system", "content": .string(Self.continuationInstruction)],
                ["role": "user", "content": .string(request.prompt)],
            ]
        } else {
            body["messages"] = .array(request.messages.map(Self.message))
        }
        if !raw, !request.tools.isEmpty { body["tools"] = Self.tools(request.tools) }
        if let t = request.temperature { body["temperature"] = .number(t) }
        if let m = request.maxTokens { body["max_tokens"] = .number(Double(m)) }
        if !request.stop.isEmpty { body["stop"] = .array(request.stop.map(JSONValue.string)) }
        if let s = request.seed { body["seed"] = .number(Double(s)) }
        if request.jsonMode && !raw { body["response_format"] = ["type": "json_object"] }
        if let schema = request.schema {
            switch call.constraint {
            case .grammar(let grammar)?: body["grammar"] = .string(grammar)
            case .llamaCppSchema?: body["json_schema"] = schema.json
            case .jsonSchema? where !raw:
                body["response_format"] = [
                    "type": "json_schema", "json_schema": ["name": "answer", "schema": schema.json, "strict": true],
                ]
            default: break  // validation only
            }
        }
        return .object(body)
    }
}
