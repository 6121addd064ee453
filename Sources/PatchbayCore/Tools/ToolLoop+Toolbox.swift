/// The tools a loop offers its model: the graph files and MCP servers of its `tools:`.
extension ToolLoop {
    /// The tools the model may call, by name, and where each one runs.
    struct Toolbox: Sendable {
        enum Route: Sendable {
            case mcp(server: String)
            case graph(ExecutionPlan)
        }

        var specs: [ToolSpec] = []
        var routes: [String: Route] = [:]
    }

    /// Lists the tools; an MCP server starts here, when its tools are first needed.
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
}
