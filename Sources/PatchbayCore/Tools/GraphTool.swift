/// A graph file as a tool: its `input` nodes are the parameters (type, `description`, required
/// unless they have a `default`), its outputs the result.
enum GraphTool {
    /// The tool's name: the file's name without `.graph.yaml` (or `.yaml`/`.json`), in the
    /// characters tool names allow.
    static func name(_ file: String) -> String {
        var name = Substring(file.split(separator: "/").last ?? "")
        for suffix in [".graph.yaml", ".graph.yml", ".graph.json", ".yaml", ".yml", ".json"]
        where name.hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
            break
        }
        let allowed = name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" }
        return allowed.isEmpty ? "graph" : String(allowed)
    }

    static func spec(_ plan: ExecutionPlan, name: String) -> ToolSpec {
        var properties: [String: JSONValue] = [:]
        var required: [JSONValue] = []
        for node in plan.graph.nodes where node.kind == .input {
            var property: [String: JSONValue] = [:]
            if let type = NodePorts.portType(node["type"]), type != .any { property["type"] = .string(type.rawValue) }
            if let description = node["description"]?.stringValue { property["description"] = .string(description) }
            properties[node.id] = .object(property)
            if node["default"] == nil { required.append(.string(node.id)) }
        }
        let description = plan.graph.description ?? plan.graph.title ?? "Runs the graph \(name)."
        return ToolSpec(
            name: name, description: description,
            parameters: [
                "type": "object", "properties": .object(properties), "required": .array(required),
                "additionalProperties": false,
            ])
    }

    /// One output: its value; several: an object of them by output id.
    static func result(_ outputs: [String: JSONValue]) -> ToolResult {
        let value: JSONValue = outputs.count == 1 ? outputs.values.first! : .object(outputs)
        return ToolResult(text: value.stringValue ?? value.compactJSON, structured: value)
    }
}
