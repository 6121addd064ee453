import Foundation

/// An `llm` node with tools: model → the calls it asks for (run in parallel) → their results
/// back → model, until it answers or `maxTurns` is reached.
///
/// Every turn and every call is a step of the run, below the node's path
/// (`agent/turn[1]`, `agent/turn[1]/call[0]:get_current_time`), recorded as it finishes, so the
/// trace, the run store, `show` and the debugger see them as any other step. Before a call the
/// debugger may pause; the arguments it hands back (edited or not) are what the tool gets.
struct ToolLoop: Sendable {
    static let defaultMaxTurns = 8

    let maxTurns: Int
    let sources: [ToolSource]
    let graphPath: String?
    /// The plans of `{graph: FILE}` tools, by the file as written.
    var graphPlans: [String: ExecutionPlan] = [:]

    /// The tools the model may call, by name, and where each one runs.
    struct Toolbox: Sendable {
        enum Route: Sendable {
            case mcp(server: String)
            case graph(ExecutionPlan)
        }

        var specs: [ToolSpec] = []
        var routes: [String: Route] = [:]
    }

    struct Outcome: Sendable {
        var response: ModelResponse
        var messages: [ChatMessage]
        var calls: [JSONValue]
        var usage: TokenUsage
        var cost: Double?
    }

    func toolbox(_ context: NodeContext) async throws -> Toolbox {
        var box = Toolbox()
        for case .graph(let file) in sources {
            guard let plan = graphPlans[file] else { throw NodeError("tool graph `\(file)` was not loaded") }
            let name = GraphTool.name(file)
            guard box.routes[name] == nil else { continue }
            box.specs.append(GraphTool.spec(plan, name: name))
            box.routes[name] = .graph(plan)
        }
        let servers = sources.filter { if case .mcp = $0 { true } else { false } }
        if servers.isEmpty { return box }
        guard let provider = context.environment.tools else {
            throw NodeError(
                "`\(context.path)` has MCP tools, and no MCP servers are configured",
                hint: "declare them in patchbay.toml or the user config: [mcp.NAME] command = [\"…\"]")
        }
        for case .mcp(let server, let only) in servers {
            let offered: [ToolSpec]
            do {
                offered = try await provider.tools(on: server, for: use(context))
            } catch let error as ToolError {
                throw NodeError(error.message, hint: error.hint)
            }
            let chosen = only.map { name in offered.filter { $0.name == name } } ?? offered
            if let only, chosen.isEmpty {
                throw NodeError(
                    "MCP server `\(server)` has no tool `\(only)`",
                    hint: Suggestions.hint(for: only, in: offered.map(\.name)))
            }
            for tool in chosen where box.routes[tool.name] == nil {
                box.specs.append(tool)
                box.routes[tool.name] = .mcp(server: server)
            }
        }
        return box
    }

    func use(_ context: NodeContext) -> ToolUse {
        ToolUse(
            runID: context.run.runID, graphPath: graphPath,
            trusted: context.environment.trust.isTrusted(graphPath: graphPath))
    }

    /// Runs the loop from `request` (chat mode; its messages are the conversation so far).
    func run(
        _ request: ModelRequest, context: NodeContext,
        complete: @Sendable (ModelRequest) async throws -> ModelResponse
    ) async throws -> Outcome {
        let box = try await toolbox(context)
        var request = request
        request.tools = box.specs
        var usage = TokenUsage()
        var cost: Double?
        var calls: [JSONValue] = []
        for turn in 0..<maxTurns {
            let turnPath = context.path.appending("turn", index: turn)
            if let error = context.run.admitStep(turnPath) { throw error }
            let started = Date()
            let inputs = turnInputs(request)
            context.run.recorder.emit(.nodeStarted(path: turnPath, inputs: inputs), flush: true)
            let response: ModelResponse
            do {
                response = try await complete(request)
            } catch {
                record(turnPath, .llm, inputs: inputs, started: started, error: error, context)
                throw error
            }
            usage = usage + response.usage
            if let more = response.cost { cost = (cost ?? 0) + more }
            record(
                turnPath, .llm, inputs: inputs,
                outputs: ["text": .string(response.text), "tool_calls": .array(response.toolCalls.map(Self.json))],
                started: started, usage: response.usage, cost: response.cost, context)
            request.messages.append(
                ChatMessage(
                    role: "assistant", content: response.text,
                    toolCalls: response.toolCalls.isEmpty ? nil : response.toolCalls))
            if response.toolCalls.isEmpty {
                return Outcome(response: response, messages: request.messages, calls: calls, usage: usage, cost: cost)
            }
            let results = try await callAll(response.toolCalls, box: box, turnPath: turnPath, context: context)
            for (call, result) in zip(response.toolCalls, results) {
                request.messages.append(ChatMessage(role: "tool", content: result.text, toolCallID: call.id))
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

    /// What one call came to: the arguments it ran with (edited while paused, or as the model
    /// wrote them) and the tool's answer, or the problem the model is told about instead.
    struct CallResult: Sendable {
        var arguments: JSONValue
        var text: String
        var value: JSONValue
        var isError: Bool
    }

    private func callAll(_ calls: [ToolCall], box: Toolbox, turnPath: StepPath, context: NodeContext) async throws
        -> [CallResult]
    {
        try await withThrowingTaskGroup(of: (Int, CallResult).self) { group in
            for (index, call) in calls.enumerated() {
                let path = turnPath.appending("call", index: index, label: call.name)
                group.addTask { (index, try await self.call(call, path: path, box: box, context: context)) }
            }
            var results = [CallResult?](repeating: nil, count: calls.count)
            for try await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
    }

    /// One call as a step. A tool the model made up, arguments that are not JSON and a tool
    /// that reports an error are answered to the model (it may correct itself); a server that
    /// cannot be reached fails the node.
    private func call(_ call: ToolCall, path: StepPath, box: Toolbox, context: NodeContext) async throws
        -> CallResult
    {
        if let error = context.run.admitStep(path) { throw error }
        // The step's kind: `graph` for a graph tool, `mcp` for a server's (and a made-up one).
        let kind: NodeKind = if case .graph? = box.routes[call.name] { .graph } else { .mcp }
        var arguments = call.arguments
        if let hooks = context.run.hooks {
            context.run.recorder.flush()
            switch await hooks.beforeNode(path, kind: kind, inputs: ["arguments": arguments], next: []) {
            case .proceed(let values): arguments = values["arguments"] ?? arguments
            case .cancel: throw CancellationError()
            }
        }
        let started = Date()
        context.run.recorder.emit(.nodeStarted(path: path, inputs: ["arguments": arguments]), flush: true)
        func answered(_ text: String, value: JSONValue? = nil, isError: Bool) -> CallResult {
            let value = value ?? .string(text)
            record(
                path, kind, inputs: ["arguments": arguments],
                outputs: ["result": value, "text": .string(text), "is_error": .bool(isError)], started: started,
                context)
            return CallResult(arguments: arguments, text: text, value: value, isError: isError)
        }
        guard let route = box.routes[call.name] else {
            let known = box.specs.map(\.name).sorted()
            return answered(
                "There is no tool `\(call.name)`. The tools are: \(known.joined(separator: ", ")).", isError: true)
        }
        if let problem = call.argumentsError, arguments == call.arguments {
            return answered("The call was not made: \(problem). Send the arguments as a JSON object.", isError: true)
        }
        let result: ToolResult
        do {
            switch route {
            case .mcp(let server):
                result = try await context.environment.tools!.call(
                    call.name, on: server, arguments: arguments, for: use(context))
            case .graph(let plan):
                guard case .object(let values) = arguments else {
                    return answered("The call was not made: the arguments must be a JSON object.", isError: true)
                }
                result = GraphTool.result(try await context.runSubgraph(plan, inputs: values, at: path))
            }
        } catch {
            record(path, kind, inputs: ["arguments": arguments], started: started, error: error, context)
            if let error = error as? ToolError { throw NodeError(error.message, hint: error.hint) }
            throw error
        }
        return answered(result.text, value: result.value, isError: result.isError)
    }

    private func turnInputs(_ request: ModelRequest) -> [String: JSONValue] {
        ["messages": .array(request.messages.map(Self.json))]
    }

    private func record(
        _ path: StepPath, _ kind: NodeKind, inputs: [String: JSONValue], outputs: [String: JSONValue] = [:],
        started: Date, usage: TokenUsage? = nil, cost: Double? = nil, error: (any Error)? = nil, _ context: NodeContext
    ) {
        let status: Step.Status = error == nil ? .succeeded : (error is CancellationError ? .cancelled : .failed)
        context.run.recorder.record(
            Step(
                id: 0, path: path, kind: kind, status: status, inputs: inputs, outputs: outputs, startedAt: started,
                duration: Date().timeIntervalSince(started), usage: usage, cost: cost,
                error: error.map { StepError($0) }))
    }

    static func json(_ call: ToolCall) -> JSONValue {
        ["id": .string(call.id), "name": .string(call.name), "arguments": call.arguments]
    }

    static func json(_ message: ChatMessage) -> JSONValue {
        var object: [String: JSONValue] = ["role": .string(message.role), "content": .string(message.content)]
        if let calls = message.toolCalls { object["tool_calls"] = .array(calls.map(json)) }
        if let id = message.toolCallID { object["tool_call_id"] = .string(id) }
        return .object(object)
    }
}
