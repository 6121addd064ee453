/// `mcp`: calls one tool of an MCP server with arguments from its input ports, no model between:
/// a deterministic step, like `jq`, over any server config declares. Never cached: a tool may
/// read the clock or the world, and its answer may change while its arguments do not.
struct MCPExecutor: NodeExecutor {
    let id: String
    let server: String
    let tool: String
    /// Input ports, each an argument of the same name.
    let ports: [String]
    /// Constant arguments; a port of the same name wins.
    let constants: [String: JSONValue]
    /// The file the node is in: a project-declared server command starts only when it is trusted.
    let graphPath: String?
    var isInline: Bool { false }

    init(_ node: Node, graphPath: String?) throws {
        id = node.id
        server = try node.string("server")
        tool = try node.string("tool")
        ports = node["inputs"]?.arrayValue?.compactMap(\.stringValue) ?? []
        switch node["arguments"] {
        case nil: constants = [:]
        case .object(let fields)?: constants = fields
        case let other?: throw NodeError("field `arguments` must be an object, not \(other.typeName)")
        }
        self.graphPath = graphPath
    }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        guard let tools = context.environment.tools else {
            throw NodeError(
                "mcp node `\(id)` calls server `\(server)`, and no MCP servers are configured",
                hint: "declare it in patchbay.toml or the user config: [mcp.\(server)] command = [\"…\"]")
        }
        var arguments = constants
        for port in ports { arguments[port] = inputs[port] ?? .null }
        let use = ToolUse(
            runID: context.run.runID, graphPath: graphPath,
            trusted: context.environment.trust.isTrusted(graphPath: graphPath))
        try await checkArguments(arguments, tools: tools, use: use)
        let result: ToolResult
        do {
            result = try await tools.call(tool, on: server, arguments: .object(arguments), for: use)
        } catch let error as ToolError {
            throw NodeError(error.message, hint: error.hint)
        }
        if result.isError {
            let text = result.text.isEmpty ? "(no message)" : result.text
            throw NodeError(
                "tool `\(tool)` of MCP server `\(server)` reported an error: \(text)",
                hint: "check the arguments against the tool's input schema (the server lists it with its tools)")
        }
        return NodeResult(["result": result.value, "text": .string(result.text)])
    }
}
