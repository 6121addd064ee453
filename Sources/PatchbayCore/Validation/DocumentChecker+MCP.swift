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
}
