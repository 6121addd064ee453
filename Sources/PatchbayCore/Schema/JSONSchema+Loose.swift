extension JSONSchema {
    /// A schema Patchbay did not write (an MCP tool's `inputSchema`, a tool's parameters) may use
    /// keywords outside the subset (`format`, `default`, `pattern`…): each one refused is dropped
    /// and the rest kept. That only loosens what is checked or constrained (the tool still checks
    /// its own arguments), where refusing the whole schema would check nothing. Nil when nothing
    /// parses.
    public static func loose(_ json: JSONValue) -> JSONSchema? {
        var json = json
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
