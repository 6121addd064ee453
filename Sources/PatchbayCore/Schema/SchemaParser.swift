/// Turns a schema's JSON into `SchemaNode`s, refusing what the subset does not support.
struct SchemaParser {
    let document: JSONValue
    var definitions: [String: SchemaNode] = [:]
    /// Refs seen, with where they were written, checked once every definition is known.
    private var references: [(name: String, steps: [SchemaProblem.Step])] = []

    init(document: JSONValue) { self.document = document }

    /// Deeper schemas are refused: a schema is written by a person, and the validator and grammar
    /// converter both recurse.
    static let maxDepth = 64

    mutating func node(_ json: JSONValue, at steps: [SchemaProblem.Step]) throws(SchemaProblem) -> SchemaNode {
        func problem(_ key: String?, _ message: String) -> SchemaProblem {
            SchemaProblem(steps: key.map { steps + [.key($0)] } ?? steps, message: message)
        }
        guard steps.count <= Self.maxDepth else {
            throw problem(nil, "the schema nests deeper than \(Self.maxDepth) levels")
        }
        if case .bool(let allowed) = json { return .bool(allowed) }
        guard case .object(let fields) = json else {
            throw problem(nil, "a schema must be an object (or true/false), not \(json.typeName)")
        }
        for key in fields.keys.sorted()
        where !JSONSchema.keywords.contains(key) && !JSONSchema.annotations.contains(key) {
            let close = Suggestions.didYouMean(key, in: JSONSchema.keywords.sorted()).map { " (\($0))" } ?? ""
            throw problem(
                key,
                "keyword `\(key)` is not supported\(close); supported: \(JSONSchema.keywords.sorted().joined(separator: ", "))"
            )
        }
        var rules = SchemaRules()
        if let type = fields["type"] {
            let names = type.arrayValue ?? [type]
            for (index, name) in names.enumerated() {
                guard let text = name.stringValue, JSONSchema.typeNames.contains(text) else {
                    let shown = name.stringValue.map { "\"\($0)\"" } ?? name.compactJSON
                    let close = name.stringValue.flatMap { Suggestions.didYouMean($0, in: JSONSchema.typeNames) }
                    var at = steps + [.key("type")]
                    if type.arrayValue != nil { at.append(.index(index)) }
                    throw SchemaProblem(
                        steps: at,
                        message:
                            "unknown type \(shown); \(close.map { "\($0) " } ?? "")use one of \(JSONSchema.typeNames.joined(separator: ", "))"
                    )
                }
            }
            rules.types = names.compactMap(\.stringValue)
        }
        if let properties = fields["properties"] {
            guard let map = properties.objectValue else { throw problem("properties", "must map names to schemas") }
            for name in map.keys.sorted() {
                rules.properties[name] = try node(map[name]!, at: steps + [.key("properties"), .key(name)])
            }
        }
        if let required = fields["required"] {
            guard let names = required.arrayValue?.compactMap(\.stringValue), names.count == required.arrayValue?.count
            else { throw problem("required", "must be a list of property names") }
            rules.required = names
        }
        if let additional = fields["additionalProperties"] {
            guard let allowed = additional.boolValue else {
                throw problem(
                    "additionalProperties",
                    "only true or false is supported here, not a schema; describe the properties in `properties`")
            }
            rules.additionalProperties = allowed
        }
        if let items = fields["items"] {
            guard items.arrayValue == nil else {
                throw problem("items", "must be one schema for every item (tuple lists are not supported)")
            }
            rules.items = try node(items, at: steps + [.key("items")])
        }
        if let values = fields["enum"] {
            guard let list = values.arrayValue, !list.isEmpty else {
                throw problem("enum", "must be a non-empty list of values")
            }
            rules.enumValues = list
        }
        rules.constValue = fields["const"]
        rules.minItems = try count("minItems", fields, steps)
        rules.maxItems = try count("maxItems", fields, steps)
        rules.minLength = try count("minLength", fields, steps)
        rules.maxLength = try count("maxLength", fields, steps)
        for key in ["minimum", "maximum"] where fields[key] != nil && fields[key]?.doubleValue == nil {
            throw problem(key, "must be a number")
        }
        rules.minimum = fields["minimum"]?.doubleValue
        rules.maximum = fields["maximum"]?.doubleValue
        if let anyOf = fields["anyOf"] {
            guard let list = anyOf.arrayValue, !list.isEmpty else {
                throw problem("anyOf", "must be a non-empty list of schemas")
            }
            var alternatives: [SchemaNode] = []
            for (index, item) in list.enumerated() {
                alternatives.append(try node(item, at: steps + [.key("anyOf"), .index(index)]))
            }
            rules.anyOf = alternatives
        }
        for key in ["$defs", "definitions"] {
            guard let defs = fields[key] else { continue }
            guard steps.isEmpty else { throw problem(key, "is supported only at the top of the schema") }
            guard let map = defs.objectValue else { throw problem(key, "must map names to schemas") }
            for name in map.keys.sorted() {
                definitions[name] = try node(map[name]!, at: [.key(key), .key(name)])
            }
        }
        if let ref = fields["$ref"] {
            guard let text = ref.stringValue, let name = Self.localName(text) else {
                throw problem(
                    "$ref",
                    "only refs to this schema's definitions are supported here (`#/$defs/NAME`), not \(ref.compactJSON); a whole schema in a file is written `schema: {$ref: FILE}`"
                )
            }
            references.append((name, steps + [.key("$ref")]))
            rules.ref = name
        }
        return .rules(rules)
    }

    /// Every ref names a definition that exists.
    func checkReferences() throws(SchemaProblem) {
        for (name, steps) in references where definitions[name] == nil {
            let known = definitions.keys.sorted()
            throw SchemaProblem(
                steps: steps,
                message:
                    "`#/$defs/\(name)` is not defined; \(known.isEmpty ? "the schema has no `$defs`" : "defined: \(known.joined(separator: ", "))")"
            )
        }
    }

    /// `NAME` of `#/$defs/NAME` or `#/definitions/NAME`.
    static func localName(_ ref: String) -> String? {
        for prefix in ["#/$defs/", "#/definitions/"] where ref.hasPrefix(prefix) {
            let name = String(ref.dropFirst(prefix.count))
            return name.isEmpty || name.contains("/") ? nil : name
        }
        return nil
    }

    private func count(_ key: String, _ fields: [String: JSONValue], _ steps: [SchemaProblem.Step])
        throws(SchemaProblem)
        -> Int?
    {
        guard let value = fields[key] else { return nil }
        guard let n = value.intValue, n >= 0 else {
            throw SchemaProblem(steps: steps + [.key(key)], message: "must be a non-negative integer")
        }
        return n
    }
}
