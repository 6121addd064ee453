import PatchbayCore
import TOMLKit

/// `[mcp.NAME]` tables: MCP servers, by a command to start or a URL to reach.
extension ConfigBuilder {
    static let mcpKeys = ["command", "url", "env", "cwd", "timeout"]

    /// One server's table. A later file's table replaces an earlier one of the same name whole:
    /// a project that redefines a user's server has it start the project's way, and needs trust.
    static func mcpServer(_ name: String, _ value: TOMLValueConvertible, _ document: ConfigDocument) throws
        -> MCPServerConfig
    {
        let path = ["mcp", name]
        let table = try document.table(value, at: path)
        try document.checkKeys(table, allowed: mcpKeys, at: path)
        // `/` separates server and tool in an llm node's `tools: [mcp: time/get_current_time]`.
        guard !name.isEmpty, !name.contains("/") else {
            throw document.error(
                at: path, "MCP server name `\(name)` may not be empty or contain `/`",
                hint: "`/` separates server and tool, as in `time/get_current_time`")
        }
        let endpoint: MCPServerConfig.Endpoint
        switch (table["command"], table["url"]) {
        case (let command?, nil):
            endpoint = .command(try argv(command, at: path + ["command"], document))
        case (nil, let url?):
            let text = try document.string(url, at: path + ["url"])
            guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
                throw document.error(
                    at: path + ["url"], "`url` of MCP server `\(name)` must start with http:// or https://",
                    hint: "the server's streamable-HTTP endpoint, e.g. url = \"http://127.0.0.1:8000/mcp\"")
            }
            endpoint = .url(text)
        case (.some, .some):
            throw document.error(
                at: path + ["url"], "MCP server `\(name)` has both `command` and `url`",
                hint: "keep `command` for a program Patchbay starts, or `url` for a server already running")
        case (nil, nil):
            throw document.error(
                at: path, "MCP server `\(name)` needs a `command` or a `url`",
                hint: "e.g. command = [\"mcp-server-time\", \"--local-timezone\", \"UTC\"]")
        }
        var server = MCPServerConfig(
            name: name, endpoint: endpoint, file: document.file, line: document.lines.line(of: path),
            fromProject: document.role == .project)
        if let env = table["env"] { server.environment = try environment(env, at: path + ["env"], document) }
        if let cwd = table["cwd"] { server.directory = try document.string(cwd, at: path + ["cwd"]) }
        if let timeout = table["timeout"] {
            let seconds = try document.number(timeout, at: path + ["timeout"], in: 0.001...86_400)
            server.timeout = .milliseconds(Int((seconds * 1000).rounded()))
        }
        return server
    }

    private static func argv(_ value: TOMLValueConvertible, at path: [String], _ document: ConfigDocument) throws
        -> [String]
    {
        let example = "e.g. command = [\"mcp-server-time\", \"--local-timezone\", \"UTC\"]"
        guard let array = value.array else {
            throw document.error(
                at: path,
                "`\(ConfigDocument.dotted(path))` must be a list of strings (the program and its arguments, no shell), not \(ConfigDocument.article(value.type.description))",
                hint: .text(example))
        }
        let argv = array.compactMap(\.string)
        guard argv.count == array.count, let program = argv.first, !program.isEmpty else {
            throw document.error(
                at: path, "`\(ConfigDocument.dotted(path))` must be a non-empty list of strings, the program first",
                hint: .text(example))
        }
        return argv
    }

    /// `env = { TZ = "UTC" }`. Messages name variables, never values. A project file may not
    /// hold a key: it is shared, and the program inherits Patchbay's environment anyway.
    private static func environment(_ value: TOMLValueConvertible, at path: [String], _ document: ConfigDocument)
        throws -> [String: Secret]
    {
        let table = try document.table(value, at: path)
        var result: [String: Secret] = [:]
        for (variable, entry) in table {
            guard ModelConfig.isEnvironmentVariableName(variable) else {
                throw document.error(
                    at: path + [variable], "`\(variable)` in `\(ConfigDocument.dotted(path))` is not a variable name",
                    hint: "variable names use letters, digits and `_`, and do not start with a digit")
            }
            guard let text = entry.string else {
                throw document.error(
                    at: path + [variable],
                    "`\(ConfigDocument.dotted(path + [variable]))` must be a string, not \(ConfigDocument.article(entry.type.description))"
                )
            }
            if document.role == .project, MCPServerConfig.isKeyLike(variable) {
                throw document.error(
                    at: path + [variable],
                    "`\(variable)` looks like a key, and keys are not allowed in the project file: it is shared",
                    hint:
                        "export \(variable) in your environment (the server inherits it) or set it in the user config's [\(ConfigDocument.dotted(Array(path.dropLast())))] (mode 600)"
                )
            }
            result[variable] = Secret(text)
        }
        return result
    }
}
