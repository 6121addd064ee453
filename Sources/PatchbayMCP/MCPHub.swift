import Foundation
import PatchbayCore
import PatchbayProviders

/// The engine's `ToolProvider` over the MCP servers config declares.
///
/// A server starts the first time a run uses it, serves every later call of that run (calls may
/// overlap), and stops when the engine reports the run's end. Runs never share a server: what one
/// run does to a server's state is not seen by another. A server command the project file
/// declares starts only for a trusted graph file, checked before anything is started.
public actor MCPHub: ToolProvider {
    public nonisolated let servers: [String: MCPServerConfig]
    /// Relative `cwd`s are resolved here; servers without one run here.
    nonisolated let projectRoot: URL
    /// What server programs inherit (each server's `env` goes over it).
    nonisolated let environment: [String: String]
    /// Each run's servers, started or starting: concurrent first calls wait for one start.
    private var runs: [String: [String: Task<MCPConnection, any Error>]] = [:]

    public init(
        servers: [String: MCPServerConfig], projectRoot: URL,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.servers = servers
        self.projectRoot = projectRoot
        self.environment = environment
    }

    public nonisolated var serverNames: Set<String> { Set(servers.keys) }

    public func tools(on server: String, for use: ToolUse) async throws -> [ToolSpec] {
        try await connection(server, for: use).tools()
    }

    public func call(_ tool: String, on server: String, arguments: JSONValue, for use: ToolUse) async throws
        -> ToolResult
    {
        guard case .object(let fields) = arguments else {
            throw ToolError("the arguments of `\(tool)` must be an object, not \(arguments.typeName)")
        }
        return try await connection(server, for: use).call(tool, arguments: fields)
    }

    public func endRun(_ runID: String) async {
        guard let started = runs.removeValue(forKey: runID) else { return }
        await Self.close(Array(started.values))
    }

    /// Stops every server of every run: before the process exits.
    public func shutdown() async {
        let all = runs.values.flatMap(\.values)
        runs = [:]
        await Self.close(all)
    }

    /// Process ids of the programs a run has started, for checks that none outlives it.
    func processIDs(of runID: String) async -> [Int32] {
        var pids: [Int32] = []
        for task in runs[runID]?.values ?? [:].values {
            if let pid = try? await task.value.process?.pid { pids.append(pid) }
        }
        return pids
    }

    // MARK: - Starting

    /// Why `name` may not start for `use`: it is not declared, or the project chose its program
    /// and the user has not trusted the graph file that would start it. Asked before anything
    /// starts, by a call and by `RunReadiness` before a run.
    public nonisolated func refusal(of name: String, for use: ToolUse) -> ToolError? {
        guard let server = servers[name] else {
            return ToolError(
                "MCP server `\(name)` is not declared in any config",
                hint: servers.isEmpty
                    ? "declare it in patchbay.toml or the user config: [mcp.\(name)] command = [\"…\"]"
                    : Suggestions.hint(for: name, in: servers.keys))
        }
        guard server.needsTrust, !use.trusted else { return nil }
        return ToolError(
            "MCP server `\(name)` would run `\(server.summary)`, declared by the project config (\(server.location)), and \(use.graphPath ?? "this graph") is not trusted",
            hint: .trustGraph(path: use.graphPath, subgraphs: true))
    }

    private func connection(_ name: String, for use: ToolUse) async throws -> MCPConnection {
        if let refusal = refusal(of: name, for: use) { throw refusal }
        guard let server = servers[name] else { throw ToolError("MCP server `\(name)` is not declared in any config") }
        if let starting = runs[use.runID]?[name] { return try await starting.value }
        let (environment, projectRoot) = (self.environment, self.projectRoot)
        // Not a child of the caller's task: a cancelled caller must not cancel a start that
        // other calls of the run share; the start ends by itself at the server's timeout.
        let starting = Task.detached {
            try await MCPConnection.open(server, environment: environment, projectRoot: projectRoot)
        }
        runs[use.runID, default: [:]][name] = starting
        return try await starting.value
    }

    /// Stops servers off the caller's task, so a cancelled run still waits for them to go.
    private static func close(_ tasks: [Task<MCPConnection, any Error>]) async {
        await Task.detached {
            await withTaskGroup(of: Void.self) { group in
                for task in tasks {
                    group.addTask { if let connection = try? await task.value { await connection.close() } }
                }
            }
        }.value
    }
}
