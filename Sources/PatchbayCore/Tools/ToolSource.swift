/// One entry of an `llm` node's `tools:` list: where the model's tools come from.
///
/// ```yaml
/// tools:
///   - mcp: time                    # every tool of the server `time`
///   - mcp: time/get_current_time   # one of them
///   - graph: lib/lookup.graph.yaml # a graph: its inputs are the parameters, its outputs the result
/// ```
enum ToolSource: Sendable, Hashable {
    /// A server's tools (`tool` nil: all of them), from `[mcp.SERVER]` in config.
    case mcp(server: String, tool: String?)
    /// A graph file beside the graph, found as a `graph` node's is.
    case graph(path: String)

    /// The entries of a `tools` field, or an error naming the entry that is wrong.
    static func parse(_ field: JSONValue?) throws -> [ToolSource] {
        guard let field else { return [] }
        guard let entries = field.arrayValue else {
            throw NodeError(
                "field `tools` must be a list, not \(field.typeName)", hint: "write `tools: [{ mcp: time }]`")
        }
        return try entries.enumerated().map { number, entry in
            if case .object(let keys) = entry, keys.count == 1, let path = keys["graph"]?.stringValue {
                return .graph(path: path)
            }
            guard case .object(let keys) = entry, keys.count == 1, let name = keys["mcp"]?.stringValue else {
                throw NodeError(
                    "tool \(number + 1) must be `{ mcp: SERVER }`, `{ mcp: SERVER/TOOL }` or `{ graph: FILE }`, not \(entry.compactJSON)",
                    hint: "MCP servers are declared in config as [mcp.NAME]; graph files are paths beside this graph")
            }
            let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
            guard let server = parts.first, !server.isEmpty else {
                throw NodeError("tool \(number + 1) names no server", hint: "write `{ mcp: SERVER }`")
            }
            return .mcp(server: server, tool: parts.count > 1 ? parts[1] : nil)
        }
    }
}
