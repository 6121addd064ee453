/// A JSON Schema of the subset Patchbay can both check and hand to a model as a constraint
/// (`schema:` on llm nodes, tool parameters).
///
/// Parsing refuses every keyword outside the subset by name instead of ignoring it, as JSON
/// Schema itself would: a keyword that is silently dropped is a constraint the model is not held
/// to and the validator does not check, which is worse than an error at load time.
///
/// Supported: `type` (a name or a list), `properties`, `required`, `additionalProperties`
/// (true/false), `items`, `enum`, `const`, `minItems`/`maxItems`, `minLength`/`maxLength`,
/// `minimum`/`maximum`, `anyOf`, `$defs`/`definitions` with local `#/$defs/NAME` refs, and the
/// annotations `title`, `description`, `$schema`, `$comment`, `examples` (allowed, not checked).
public struct JSONSchema: Sendable, Hashable {
    /// The schema as written: what back ends send or convert to a grammar.
    public let json: JSONValue
    let root: SchemaNode
    let definitions: [String: SchemaNode]

    /// Parses `json`, or throws the first problem found, located by its keys.
    public init(_ json: JSONValue) throws(SchemaProblem) {
        var parser = SchemaParser(document: json)
        root = try parser.node(json, at: [])
        definitions = parser.definitions
        try parser.checkReferences()
        self.json = json
    }

    /// Property names in the order the schema's `required` lists give them, first seen first:
    /// objects are unordered here, so this is how an author says in which order a model
    /// constrained by a grammar writes the properties (`name` before `age`).
    public var propertyOrder: [String] {
        var seen: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let fields):
                for name in fields["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !seen.contains(name) {
                    seen.append(name)
                }
                for key in fields.keys.sorted() where key != "required" && key != "enum" && key != "const" {
                    walk(fields[key]!)
                }
            case .array(let items): items.forEach(walk)
            default: break
            }
        }
        walk(json)
        return seen
    }

    /// Every way `value` breaks the schema (empty when it conforms), each with its JSON path.
    public func validate(_ value: JSONValue) -> [SchemaViolation] {
        var validator = SchemaValidator(definitions: definitions)
        validator.check(value, root, path: "$", depth: 0)
        return validator.violations
    }

    static let typeNames = ["array", "boolean", "integer", "null", "number", "object", "string"]
    static let annotations: Set<String> = ["title", "description", "$schema", "$comment", "examples"]
    static let keywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "minItems",
        "maxItems", "minLength", "maxLength", "minimum", "maximum", "anyOf", "$defs", "definitions", "$ref",
    ]
}

/// One parsed (sub)schema. Indirect: rules hold their sub-schemas.
indirect enum SchemaNode: Sendable, Hashable {
    case bool(Bool)
    case rules(SchemaRules)
}

/// The constraints of one schema object; nil/empty means "not constrained".
struct SchemaRules: Sendable, Hashable {
    var types: [String]?
    var properties: [String: SchemaNode] = [:]
    var required: [String] = []
    var additionalProperties: Bool?
    var items: SchemaNode?
    var enumValues: [JSONValue]?
    var constValue: JSONValue?
    var minItems: Int?
    var maxItems: Int?
    var minLength: Int?
    var maxLength: Int?
    var minimum: Double?
    var maximum: Double?
    var anyOf: [SchemaNode]?
    /// The definition's name, for `#/$defs/NAME` (or `#/definitions/NAME`).
    var ref: String?
}
