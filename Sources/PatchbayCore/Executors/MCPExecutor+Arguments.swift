extension MCPExecutor {
    /// Checks the arguments against the tool's `inputSchema` as the server lists it, before the
    /// call, so a wiring mistake is named by its path and by the port or field it came from
    /// (the engine's "`NODE` failed:" names the node) instead of being left to the tool, whose
    /// message is its own (mcp-server-time's is a pydantic report and a URL). Keywords
    /// outside Patchbay's subset are dropped (`JSONSchema.loose`): what they would forbid is
    /// still the tool's to refuse.
    func checkArguments(_ arguments: [String: JSONValue], tools: any ToolProvider, use: ToolUse) async throws {
        let offered: [ToolSpec]
        do {
            offered = try await tools.tools(on: server, for: use)
        } catch let error as ToolError {
            throw NodeError(error.message, hint: error.hint)
        }
        guard let spec = offered.first(where: { $0.name == tool }) else {
            // Only a list that names other tools shows this one is not there; with none listed
            // the call goes ahead and the server answers for itself.
            if offered.isEmpty { return }
            let names = offered.map { "`\($0.name)`" }.joined(separator: ", ")
            throw NodeError(
                "MCP server `\(server)` has no tool `\(tool)`",
                hint: Suggestions.hint(for: tool, in: offered.map(\.name), also: "its tools: \(names)"))
        }
        guard let schema = JSONSchema.loose(spec.parameters) else { return }
        let violations = schema.validate(.object(arguments))
        guard let first = violations.first else { return }
        let listed = violations.prefix(5).map(\.description).joined(separator: "; ")
        let more = violations.count > 5 ? " (and \(violations.count - 5) more)" : ""
        throw NodeError(
            "the arguments of tool `\(tool)` (MCP server `\(server)`) do not match its input schema: \(listed)\(more)",
            hint: .text(advice(for: first, schema: spec.parameters)))
    }

    /// Where the first violation's argument came from (an input port or `arguments:`) and what
    /// the tool takes.
    private func advice(for violation: SchemaViolation, schema: JSONValue) -> String {
        let takes = Self.parameterList(schema)
        let name = violation.path.firstMatch(of: /^\$\.([A-Za-z_][A-Za-z0-9_]*)/).map { String($0.1) }
        guard let name else {
            return
                "give every argument the tool requires as an input port (`inputs:`) or in `arguments:`; it takes \(takes)"
        }
        if ports.contains(name) {
            return
                "`\(name)` comes from input port `\(name)`: wire a value of the right type into it (a jq node can convert one); the tool takes \(takes)"
        }
        if constants[name] != nil {
            return "`\(name)` comes from `arguments:` in the node: change it there; the tool takes \(takes)"
        }
        return "the tool takes \(takes)"
    }

    /// `timezone (string, required), time (string)`, from an object schema's properties.
    static func parameterList(_ schema: JSONValue) -> String {
        let properties = schema["properties"]?.objectValue ?? [:]
        guard !properties.isEmpty else { return "no named arguments" }
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        return properties.keys.sorted().map { name in
            var traits: [String] = []
            if let type = properties[name]?["type"]?.stringValue { traits.append(type) }
            if required.contains(name) { traits.append("required") }
            return traits.isEmpty ? name : "\(name) (\(traits.joined(separator: ", ")))"
        }.joined(separator: ", ")
    }
}
