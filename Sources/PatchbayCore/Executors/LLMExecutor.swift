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
    /// `tools:` (nil: none): the node runs the model in a loop with them (see `ToolLoop`).
    let loop: ToolLoop?

    var isInline: Bool { false }
    /// A node with tools is not cached whole: its tools may read the world, and their answers
    /// change while the node's inputs do not.
    var isCacheable: Bool { loop == nil }

    init(_ node: Node, graphPath: String? = nil, toolPlans: [String: ExecutionPlan] = [:]) throws {
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
        let sources = try ToolSource.parse(node["tools"])
        if !sources.isEmpty && mode == .complete {
            throw NodeError("tools need `mode: chat`", hint: "remove `mode: complete`, or the tools")
        }
        loop =
            sources.isEmpty
            ? nil
            : ToolLoop(
                maxTurns: node["max_turns"]?.intValue ?? ToolLoop.defaultMaxTurns, sources: sources,
                graphPath: graphPath, graphPlans: toolPlans,
                fingerprint: CacheKey.fingerprint(node, extra: schema?.cacheIdentity))
    }

    var cacheIdentity: JSONValue? { schema?.cacheIdentity }

    func replaysStepByStep(at path: StepPath, recorded: [String: Step]) -> Bool {
        loop != nil && ToolLoop.hasRecordedTurns(at: path, in: recorded)
    }

    func resolvedModel(_ environment: EngineEnvironment) throws -> ResolvedModel? {
        try environment.models.resolve(alias: alias)
    }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        // A replay goes through a tool loop's recorded turns: it asks no model, and the front end
        // replaying may have none configured.
        let replaying = loop != nil && context.run.options.replayOnly
        let model = replaying ? nil : try context.environment.models.resolve(alias: alias)
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
        var response: ModelResponse
        var outputs: [String: JSONValue] = [:]
        var loopReplayed = false
        if let loop {
            let outcome = try await loop.run(request, model: model, context: context) { request, turn in
                guard let model else { throw NodeError("`\(context.path)`: a replay asks no model") }
                return try await complete(request, model: model, context: turn)
            }
            response = outcome.response
            response.usage = outcome.usage
            response.cost = outcome.cost
            outputs["messages"] = .array(outcome.messages.map(ToolLoop.json))
            outputs["tool_calls"] = .array(outcome.calls)
            loopReplayed = outcome.replayed
        } else if let model {
            response = try await complete(request, model: model, context: context)
        } else {
            throw NodeError("`\(context.path)`: a replay asks no model")
        }
        outputs["text"] = .string(response.text)
        outputs["usage"] = [
            "input_tokens": .number(Double(response.usage.inputTokens)),
            "output_tokens": .number(Double(response.usage.outputTokens)),
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
        var result = NodeResult(outputs, usage: response.usage, cost: response.cost)
        result.replayed = loopReplayed
        return result
    }

    /// One model call, its tokens streamed as the node's, within the run's value_bytes limit.
    private func complete(_ request: ModelRequest, model: ResolvedModel, context: NodeContext) async throws
        -> ModelResponse
    {
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
        return response
    }
}
