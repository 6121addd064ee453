/// `llm`: renders the prompt templates, asks the model behind the alias, streams tokens as events.
struct LLMExecutor: NodeExecutor {
    let alias: String
    let mode: ModelRequest.Mode
    let system: PromptTemplate?
    let prompt: PromptTemplate?
    let messages: [(role: String, content: PromptTemplate)]
    let base: ModelRequest
    /// `schema:` as loaded when the plan was built (see `LLMExecutor+Schema`).
    let schema: LoadedSchema?

    var isInline: Bool { false }
    var isCacheable: Bool { true }

    init(_ node: Node, graphPath: String? = nil) throws {
        alias = try node.optionalString("model") ?? "default"
        let modeName = try node.optionalString("mode") ?? "chat"
        guard let mode = ModelRequest.Mode(rawValue: modeName) else {
            throw NodeError("mode `\(modeName)` is not chat or complete")
        }
        self.mode = mode
        system = try node.optionalString("system").map(PromptTemplate.init)
        prompt = try node.optionalString("prompt").map(PromptTemplate.init)
        messages = try (node["messages"]?.arrayValue ?? []).map { message in
            guard let role = message["role"]?.stringValue, let content = message["content"]?.stringValue else {
                throw NodeError("each message needs `role` and `content`, got \(message.compactJSON)")
            }
            return (role, try PromptTemplate(content))
        }
        if prompt == nil && messages.isEmpty { throw NodeError("an llm node needs `prompt` or `messages`") }
        if mode == .complete && prompt == nil { throw NodeError("`mode: complete` needs `prompt`") }
        base = ModelRequest(
            mode: mode, temperature: node["temperature"]?.doubleValue, maxTokens: node["max_tokens"]?.intValue,
            stop: node["stop"]?.arrayValue?.compactMap(\.stringValue) ?? [], seed: node["seed"]?.intValue,
            jsonMode: node["json"]?.boolValue ?? false)
        schema = try node["schema"].map { try LoadedSchema($0, graphPath: graphPath) }
    }

    var cacheIdentity: JSONValue? { schema?.cacheIdentity }

    func resolvedModel(_ environment: EngineEnvironment) throws -> ResolvedModel? {
        try environment.models.resolve(alias: alias)
    }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        let model = try context.environment.models.resolve(alias: alias)
        var request = base
        request.schema = try schema?.resolve(trusted: context.environment.trust)
        switch mode {
        case .complete:
            request.prompt = try prompt!.render(inputs.values)
        case .chat:
            if let system {
                request.messages.append(ChatMessage(role: "system", content: try system.render(inputs.values)))
            }
            for m in messages {
                request.messages.append(ChatMessage(role: m.role, content: try m.content.render(inputs.values)))
            }
            if let prompt {
                request.messages.append(ChatMessage(role: "user", content: try prompt.render(inputs.values)))
            }
        }
        let budget = StreamBudget(limit: context.run.limits.valueBytes)
        let response: ModelResponse
        do {
            response = try await budget.run { [request] in
                try await context.environment.models.complete(request, model: model) {
                    if budget.take($0) { context.emitToken($0) }
                }
            }
        } catch  where budget.exceeded && !Task.isCancelled {
            throw context.run.stop(
                RunLimitError(
                    .valueBytes,
                    "the answer of `\(context.path)` passed the value_bytes limit (\(budget.limit) bytes) while streaming; the call was stopped",
                    needed: RunLimits.doubled(budget.limit)))
        }
        try Task.checkCancellation()
        var outputs: [String: JSONValue] = [
            "text": .string(response.text),
            "usage": [
                "input_tokens": .number(Double(response.usage.inputTokens)),
                "output_tokens": .number(Double(response.usage.outputTokens)),
            ],
        ]
        if let schema = request.schema {
            outputs["json"] = try conforming(response.text, to: schema)
        } else if base.jsonMode {
            do { outputs["json"] = try JSONExtraction.extract(from: response.text) } catch {
                throw NodeError(
                    "model `\(alias)` did not answer with JSON: \(error)",
                    hint: "retry with `on_error: retry`, or parse the text with a parse-json node")
            }
        }
        return NodeResult(outputs, usage: response.usage, cost: response.cost)
    }
}
