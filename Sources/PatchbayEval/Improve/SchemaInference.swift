import PatchbayCore

/// A JSON Schema that the given values all satisfy, in the subset `schema:` takes: types,
/// object properties (required when every object has them), array items. For the `schema`
/// move: what passing runs answered is the shape to constrain the model to.
enum SchemaInference {
    static func schema(of values: [JSONValue]) -> JSONValue? {
        guard let first = values.first else { return nil }
        switch first {
        case .object:
            let objects = values.compactMap(\.objectValue)
            guard objects.count == values.count else { return nil }
            var names: [String] = []
            for object in objects { for key in object.keys.sorted() where !names.contains(key) { names.append(key) } }
            var properties: [String: JSONValue] = [:]
            for name in names {
                guard let property = schema(of: objects.compactMap { $0[name] }) else { return nil }
                properties[name] = property
            }
            let required = names.filter { name in objects.allSatisfy { $0[name] != nil } }
            return [
                "type": "object", "properties": .object(properties),
                "required": .array(required.map(JSONValue.string)), "additionalProperties": false,
            ]
        case .array:
            let arrays = values.compactMap(\.arrayValue)
            guard arrays.count == values.count else { return nil }
            let items = arrays.flatMap { $0 }
            guard !items.isEmpty else { return ["type": "array"] }
            return schema(of: items).map { ["type": "array", "items": $0] }
        default:
            let types = Set(values.map(\.typeName))
            if types == ["integer"] { return ["type": "integer"] }
            if types.isSubset(of: ["integer", "number"]) { return ["type": "number"] }
            guard types.count == 1, let type = types.first, type != "null" else { return nil }
            return ["type": .string(type)]
        }
    }
}
