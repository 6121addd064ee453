/// `mcp` nodes: the server is one config declares, and constant arguments are an object.
extension DocumentChecker {
    mutating func checkMCP(_ node: Node) {
        if let arguments = node.fields["arguments"], arguments.objectValue == nil {
            report(
                .field, "`arguments` of mcp node `\(node.id)` must be an object, not \(arguments.typeName)",
                hint: "e.g. arguments: { timezone: UTC }", node: node.id, field: "arguments")
        }
        guard let servers = knownToolServers, let server = node.fields["server"]?.stringValue,
            !servers.contains(server)
        else { return }
        let hint: Hint =
            servers.isEmpty
            ? "declare it in patchbay.toml or the user config: [mcp.\(server)] command = [\"…\"] (no servers are declared yet)"
            : Suggestions.hint(for: server, in: servers)
        report(
            .reference, "MCP server `\(server)` of node `\(node.id)` is not declared in any config", hint: hint,
            node: node.id, field: "server")
    }

    /// `tools` of an llm node: each entry names a server config declares; chat mode only.
    mutating func checkTools(_ node: Node) {
        guard node.fields["tools"] != nil else { return }
        let sources: [ToolSource]
        do { sources = try ToolSource.parse(node.fields["tools"]) } catch {
            let error = error as? NodeError ?? NodeError("\(error)")
            report(
                .field, "`tools` of llm node `\(node.id)`: \(error.message)", hint: error.hint, node: node.id,
                field: "tools")
            return
        }
        if node.fields["mode"]?.stringValue == "complete" {
            report(
                .field, "llm node `\(node.id)` has tools and `mode: complete`; tools need chat mode",
                hint: "remove `mode: complete`, or the tools", node: node.id, field: "tools")
        }
        guard let servers = knownToolServers else { return }
        for case .mcp(let server, _) in sources where !servers.contains(server) {
            report(
                .reference, "MCP server `\(server)` in the tools of node `\(node.id)` is not declared in any config",
                hint: servers.isEmpty
                    ? "declare it in patchbay.toml or the user config: [mcp.\(server)] command = [\"…\"]"
                    : Suggestions.hint(for: server, in: servers),
                node: node.id, field: "tools")
        }
    }
}
