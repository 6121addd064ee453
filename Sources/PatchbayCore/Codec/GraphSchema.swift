/// The JSON Schema (draft 2020-12) of graph files, built from `KindSpec.catalogue` so it never
/// drifts from the kinds. docs/graph.schema.json is this, pretty-printed; editors use it through
/// `# yaml-language-server: $schema=…`.
public enum GraphSchema {
    public static func jsonSchema() -> JSONValue {
        var defs: [String: JSONValue] = [:]
        for spec in KindSpec.all { defs[spec.kind.rawValue] = kindSchema(spec) }
        defs["node"] = [
            "type": "object",
            "description": "A node: its `kind`, then the kind's fields.",
            "required": ["kind"],
            "properties": [
                "kind": [
                    "description": "What the node does; see docs/nodes.md.",
                    "enum": .array(KindSpec.all.map { .string($0.kind.rawValue) }),
                ]
            ],
            "allOf": .array(
                KindSpec.all.map { spec in
                    [
                        "if": ["properties": ["kind": ["const": .string(spec.kind.rawValue)]], "required": ["kind"]],
                        "then": ["$ref": .string("#/$defs/\(spec.kind.rawValue)")],
                    ]
                }),
        ]
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Patchbay graph",
            "description": "A Patchbay graph file (NAME.graph.yaml): nodes joined by wires. See docs/graph-format.md.",
            "type": "object",
            "required": ["patchbay"],
            "additionalProperties": false,
            "properties": [
                "patchbay": [
                    "description": "The format version.", "const": .number(Double(GraphBuilder.formatVersion)),
                ],
                "title": ["type": "string", "description": "A one-line name for the graph."],
                "description": ["type": "string", "description": "What the graph does."],
                "nodes": [
                    "type": "object",
                    "description": "The nodes by id, in the order they are shown and run when independent.",
                    "propertyNames": ["pattern": .string(nodeIDPattern)],
                    "additionalProperties": ["$ref": "#/$defs/node"],
                ],
                "wires": [
                    "type": "array",
                    "description":
                        "Connections `from.port -> to.port`; a port left out means the node's only (or first) port.",
                    "items": ["type": "string", "pattern": .string(wirePattern)],
                ],
            ],
            "$defs": .object(defs),
        ]
    }

    /// A node id: no spaces, dots or `->` (they would make wires ambiguous).
    static let nodeIDPattern = "^(?!.*->)[^\\s.]+$"
    static let wirePattern = "^\\s*[^\\s.]+(\\.[^\\s]+)?\\s*->\\s*[^\\s.]+(\\.[^\\s]+)?\\s*$"

    private static func kindSchema(_ spec: KindSpec) -> JSONValue {
        var properties: [String: JSONValue] = [
            "kind": ["const": .string(spec.kind.rawValue), "description": .string(spec.summary)]
        ]
        for field in spec.allFields { properties[field.name] = fieldSchema(field) }
        return [
            "type": "object",
            "description": .string(spec.summary),
            "required": .array((["kind"] + spec.allFields.filter(\.required).map(\.name)).map(JSONValue.string)),
            "properties": .object(properties),
            "additionalProperties": false,
        ]
    }

    private static func fieldSchema(_ field: FieldSpec) -> JSONValue {
        var schema: [String: JSONValue]
        switch field.type {
        case .string, .text, .graphPath: schema = ["type": "string"]
        case .number: schema = ["type": "number"]
        case .integer: schema = ["type": "integer"]
        case .boolean: schema = ["type": "boolean"]
        case .stringList: schema = ["type": "array", "items": ["type": "string"]]
        case .portType: schema = ["enum": .array(PortType.allCases.map { .string($0.rawValue) })]
        case .oneOf(let options): schema = ["enum": .array(options.map(JSONValue.string))]
        case .json: schema = [:]
        case .cases:
            schema = [
                "type": "array",
                "items": [
                    "type": "object", "required": ["port", "when"], "additionalProperties": false,
                    "properties": [
                        "port": ["type": "string", "description": "The output port this case emits on."],
                        "when": ["type": "string", "description": "A jq condition on the value."],
                    ],
                ],
            ]
        case .messages:
            schema = [
                "type": "array",
                "items": [
                    "type": "object", "required": ["role", "content"], "additionalProperties": false,
                    "properties": [
                        "role": ["enum": ["system", "user", "assistant"]],
                        "content": [
                            "type": "string", "description": "A Mustache template; its placeholders are input ports.",
                        ],
                    ],
                ],
            ]
        }
        schema["description"] = .string(field.doc)
        return .object(schema)
    }
}
