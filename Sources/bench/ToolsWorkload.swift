import PatchbayCore

/// tools N: an llm node's tool loop of N calls, the peer of `shared/bench/peers/bench_tools.py`
/// (LangGraph's MessagesState + ToolNode). A scripted model asks for one `add(a, b)` call per
/// turn until N calls were made, then answers; an in-process tool adds. Neither does real work,
/// so the figure is Patchbay's own cost per call: a model turn and a tool call, each a step with
/// its events, plus the conversation's bookkeeping (and, with a cache, the turn's cache key).
extension Workload {
    static func tools(_ n: Int) -> Workload {
        Workload(
            name: "tools", n: n,
            // As the peer counts them: one model turn and one tool step per call, plus the answer.
            nodesExecuted: 2 * n + 1,
            build: {
                Graph(
                    title: "tools \(n)",
                    nodes: [
                        Node(id: "q", kind: .input, fields: ["type": "string"]),
                        Node(
                            id: "agent", kind: .llm,
                            fields: [
                                "prompt": "{{q}}", "tools": [["mcp": "calc"]],
                                // The answer is the (N+1)th turn. Above the field's 100 for the
                                // peer's N = 100: validation bounds files, the engine takes this.
                                "max_turns": .number(Double(n + 1)),
                            ]),
                        Node(id: "out", kind: .output),
                    ],
                    wires: [
                        Wire(from: PortRef(node: "q"), to: PortRef(node: "agent", port: "q")),
                        Wire(from: PortRef(node: "agent", port: "text"), to: PortRef(node: "out")),
                    ])
            },
            subgraphs: [:], inputs: ["q": "go"],
            check: { result in
                guard result.status == .succeeded, result.outputs["out"] == .string("done after \(n) calls") else {
                    throw BenchError(
                        "tools \(n): \(result.error?.description ?? "output \(result.outputs["out"]?.compactJSON ?? "missing")")"
                    )
                }
            },
            models: ScriptedToolModel(calls: n), tools: AddTool())
    }
}

/// The peer's `model` node: counts the tool results so far and asks for `add(calls, 1)` with id
/// `call_<calls>` until `calls` reaches N, then answers `done after N calls`.
struct ScriptedToolModel: ModelProvider {
    let calls: Int

    func resolve(alias: String) throws -> ResolvedModel {
        ResolvedModel(alias: alias, provider: "bench", model: "scripted-tools")
    }

    func complete(
        _ request: ModelRequest, model: ResolvedModel, onToken: @escaping @Sendable (String) -> Void
    ) async throws -> ModelResponse {
        let made = request.messages.reduce(0) { $0 + ($1.role == "tool" ? 1 : 0) }
        guard made < calls else { return ModelResponse(text: "done after \(made) calls") }
        return ModelResponse(
            text: "",
            toolCalls: [
                ToolCall(id: "call_\(made)", name: "add", arguments: ["a": .number(Double(made)), "b": 1])
            ])
    }
}

/// The peer's `add` tool, as server `calc`: a + b, in process.
struct AddTool: ToolProvider {
    static let spec = ToolSpec(
        name: "add", description: "Add two integers.",
        parameters: [
            "type": "object", "properties": ["a": ["type": "integer"], "b": ["type": "integer"]],
            "required": ["a", "b"],
        ])

    var serverNames: Set<String> { ["calc"] }

    func tools(on server: String, for use: ToolUse) async throws -> [ToolSpec] { [Self.spec] }

    func call(_ tool: String, on server: String, arguments: JSONValue, for use: ToolUse) async throws -> ToolResult {
        guard tool == "add", let a = arguments["a"]?.intValue, let b = arguments["b"]?.intValue else {
            return ToolResult(text: "add(a, b) takes two integers", isError: true)
        }
        return ToolResult(text: String(a + b))
    }

    func endRun(_ runID: String) async {}
}
