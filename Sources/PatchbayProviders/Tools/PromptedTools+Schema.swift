import PatchbayCore

/// The one shape a prompted reply may take, as a JSON Schema for the alias's `constrain` mode:
/// `anyOf` one object per tool, `{"tool": NAME, "arguments": <its parameters>}` (so the
/// arguments are those of the tool named), and `{"answer": <string, or the node's schema>}`.
extension PromptedTools {
    var schema: JSONSchema? { Self.parsed(shape) }

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

    /// The shape as a `JSONSchema`. Tool parameters come from MCP servers and may use keywords
    /// outside Patchbay's subset (`format`, `default`…): each one refused is dropped and the
    /// rest kept, which only loosens the constraint (the tool checks its own arguments). Nil
    /// when nothing parses: the reply is then read without a constraint.
    static func parsed(_ shape: JSONValue) -> JSONSchema? {
        var json = shape
        for _ in 0..<200 {
            do {
                return try JSONSchema(json)
            } catch {
                guard !error.steps.isEmpty, let smaller = json.removing(error.steps[...]) else { return nil }
                json = smaller
            }
        }
        return nil
    }
}

extension JSONValue {
    /// The value without what `steps` lead to; nil when they lead nowhere.
    func removing(_ steps: ArraySlice<SchemaProblem.Step>) -> JSONValue? {
        guard let step = steps.first else { return nil }
        let rest = steps.dropFirst()
        switch (self, step) {
        case (.object(var fields), .key(let key)):
            guard let child = fields[key] else { return nil }
            if rest.isEmpty {
                fields[key] = nil
            } else {
                guard let smaller = child.removing(rest) else { return nil }
                fields[key] = smaller
            }
            return .object(fields)
        case (.array(var items), .index(let index)) where items.indices.contains(index):
            if rest.isEmpty {
                items.remove(at: index)
            } else {
                guard let smaller = items[index].removing(rest) else { return nil }
                items[index] = smaller
            }
            return .array(items)
        default: return nil
        }
    }
}
