import PatchbayCore

/// The one shape a prompted reply may take, as a JSON Schema for the alias's `constrain` mode:
/// `anyOf` one object per tool, `{"tool": NAME, "arguments": <its parameters>}` (so the
/// arguments are those of the tool named), and `{"answer": <string, or the node's schema>}`.
extension PromptedTools {
    /// The shape as a `JSONSchema`, loosely: tool parameters come from MCP servers and may use
    /// keywords outside Patchbay's subset, which are dropped (`JSONSchema.loose`). Nil when
    /// nothing parses: the reply is then read without a constraint.
    var schema: JSONSchema? { JSONSchema.loose(shape) }

    var shape: JSONValue {
        var definitions: [String: [String: JSONValue]] = [:]
        // Local `#/$defs/NAME` refs resolve against the root: the pieces' definitions move there
        // (the first of a name wins).
        func hoisted(_ schema: JSONValue) -> JSONValue {
            guard case .object(var fields) = schema else { return schema }
            for key in ["$defs", "definitions"] {
                for (name, definition) in fields[key]?.objectValue ?? [:] where definitions[key]?[name] == nil {
                    definitions[key, default: [:]][name] = definition
                }
                fields[key] = nil
            }
            return .object(fields)
        }
        var alternatives: [JSONValue] = tools.map { tool in
            var parameters = hoisted(tool.parameters)
            if case .object(var fields) = parameters, fields["type"] == nil {
                fields["type"] = "object"
                parameters = .object(fields)
            } else if parameters.objectValue == nil {
                parameters = ["type": "object"]
            }
            return [
                "type": "object", "properties": ["tool": ["enum": [.string(tool.name)]], "arguments": parameters],
                "required": ["tool", "arguments"], "additionalProperties": false,
            ]
        }
        alternatives.append([
            "type": "object", "properties": ["answer": answerSchema.map { hoisted($0.json) } ?? ["type": "string"]],
            "required": ["answer"], "additionalProperties": false,
        ])
        var root: [String: JSONValue] = ["anyOf": .array(alternatives)]
        for (key, named) in definitions { root[key] = .object(named) }
        return .object(root)
    }
}
