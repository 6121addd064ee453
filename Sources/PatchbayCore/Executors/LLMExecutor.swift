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
    /// `examples:` (nil: none), rendered (see `FewShot`).
    let fewShot: FewShot?
    /// `samples:` (1: one answer, no vote; see `LLMExecutor+Samples`).
    let samples: Int
    /// The node's kind and config (its schema's content included): the cache key of its inner
    /// steps (turns, samples), which are cached one by one.
    let fingerprint: [UInt8]

    var isInline: Bool { false }
    /// Not cached whole with tools (they may read the world, and their answers change while the
    /// node's inputs do not) or with samples: their turns and samples are cached one by one.
    var isCacheable: Bool { loop == nil && samples == 1 }

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
        fingerprint = CacheKey.fingerprint(node, extra: schema?.cacheIdentity)
        fewShot = try FewShot(node["examples"], prompt: prompt)
        samples = max(1, node["samples"]?.intValue ?? 1)
        let sources = try ToolSource.parse(node["tools"])
        if !sources.isEmpty && mode == .complete {
            throw NodeError("tools need `mode: chat`", hint: "remove `mode: complete`, or the tools")
        }
        if !sources.isEmpty && samples > 1 {
            throw NodeError("`samples` and `tools` do not go together yet", hint: "keep one of them")
        }
        loop =
            sources.isEmpty
            ? nil
            : ToolLoop(
                maxTurns: node["max_turns"]?.intValue ?? ToolLoop.defaultMaxTurns, sources: sources,
                graphPath: graphPath, graphPlans: toolPlans, fingerprint: fingerprint)
    }

    var cacheIdentity: JSONValue? { schema?.cacheIdentity }

    func replaysStepByStep(at path: StepPath, recorded: [String: Step]) -> Bool {
        if loop != nil { return ToolLoop.hasRecordedTurns(at: path, in: recorded) }
        return samples > 1 && recorded[path.appending("sample", index: 0).description] != nil
    }

    func resolvedModel(_ environment: EngineEnvironment) throws -> ResolvedModel? {
        try environment.models.resolve(alias: alias)
    }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        // A replay goes through a tool loop's recorded turns or a vote's samples: it asks no
        // model, and the front end replaying may have none configured.
        let replaying = (loop != nil || samples > 1) && context.run.options.replayOnly
        let model = replaying ? nil : try context.environment.models.resolve(alias: alias)
        var request = try rendered(inputs.values)
        request.schema = try schema?.resolve(trusted: context.environment.trust)
        var outputs: [String: JSONValue] = [:]
        var result: NodeResult
        if let loop {
            let outcome = try await loop.run(request, model: model, context: context) { request, turn in
                guard let model else { throw Self.replayAsksNoModel(context) }
                return try await complete(request, model: model, context: turn)
            }
            outputs["messages"] = .array(outcome.messages.map(\.json))
            outputs["tool_calls"] = .array(outcome.calls)
            outputs["text"] = .string(outcome.response.text)
            outputs["json"] = try parsed(outcome.response.text, schema: request.schema)
            result = NodeResult(outputs, usage: outcome.usage, cost: outcome.cost)
            result.replayed = outcome.replayed
        } else if samples > 1 {
            let election = try await elect(request, model: model, context: context)
            outputs["text"] = .string(election.text)
            outputs["json"] = election.json
            outputs["agreement"] = .number(election.agreement)
            result = NodeResult(outputs, usage: election.usage, cost: election.cost)
            result.replayed = election.replayed
        } else if let model {
            let response = try await complete(request, model: model, context: context)
            outputs["text"] = .string(response.text)
            outputs["json"] = try parsed(response.text, schema: request.schema)
            result = NodeResult(outputs, usage: response.usage, cost: response.cost)
        } else {
            throw Self.replayAsksNoModel(context)
        }
        let usage = result.usage ?? TokenUsage()
        result.outputs["usage"] = [
            "input_tokens": .number(Double(usage.inputTokens)), "output_tokens": .number(Double(usage.outputTokens)),
        ]
        return result
    }

    /// The request without its schema: the prompts rendered with `values`, the examples in place.
    func rendered(_ values: [String: JSONValue]) throws -> ModelRequest {
        var request = base
        switch mode {
        case .complete:
            request.prompt = (fewShot?.prefix ?? "") + (try prompt!.render(values))
        case .chat:
            if let system { request.messages.append(ChatMessage(role: "system", content: try system.render(values))) }
            request.messages += fewShot?.messages ?? []
            for m in messages {
                request.messages.append(ChatMessage(role: m.role, content: try m.content.render(values)))
            }
            if let prompt { request.messages.append(ChatMessage(role: "user", content: try prompt.render(values))) }
        }
        return request
    }

    /// Reached only if a replay would ask the model: it never should.
    static func replayAsksNoModel(_ context: NodeContext) -> NodeError {
        NodeError("`\(context.path)`: a replay asks no model")
    }

    /// One model call, its tokens streamed as the node's, within the run's value_bytes limit.
    func complete(_ request: ModelRequest, model: ResolvedModel, context: NodeContext) async throws
        -> ModelResponse
    {
        // Kept before it goes out, as the back end gets it, so a call that fails records it too.
        context.prompt?.keep(Self.inputs(context.environment.models.outgoing(request, model: model)))
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
