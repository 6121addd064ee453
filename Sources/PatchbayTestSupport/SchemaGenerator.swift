import PatchbayCore

/// Random JSON Schemas of the supported subset (objects, arrays, enums, nested, optional fields,
/// anyOf, local refs), with a value that conforms and values that do not, for property tests of
/// the validator here and of constrained decoding against the live model.
public struct SchemaGenerator: Sendable {
    /// SplitMix64: seeded, so a failing case is reproduced from the seed the test prints.
    public struct Random: RandomNumberGenerator, Sendable {
        var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    public var random: Random
    /// Keep schemas small enough for a 270M model to fill within a few dozen tokens.
    public var maxDepth: Int

    /// Whether numbers get `minimum`/`maximum`: llama.cpp's schema converter (in the
    /// llama-cpp-python the local model uses) cannot put ranges in a grammar, so a live test of
    /// constrained decoding leaves them to validation.
    public var numericRanges: Bool

    public init(seed: UInt64, maxDepth: Int = 3, numericRanges: Bool = true) {
        random = Random(seed: seed)
        self.maxDepth = maxDepth
        self.numericRanges = numericRanges
    }

    static let words = ["red", "green", "blue", "cat", "dog", "Paris", "Lyon", "yes", "no"]
    static let names = ["name", "age", "city", "tags", "kind", "score", "items", "note", "ok"]

    /// A schema whose top level is an object (what `schema:` on an llm node is, in practice).
    public mutating func objectSchema() -> JSONValue {
        var schema = object(depth: 0)
        if Bool.random(using: &random) {
            // A definition used by a property, through a local ref.
            schema = schema.settingDefinition(
                "word", ["type": "string", "enum": .array(Self.words.prefix(3).map(JSONValue.string))])
        }
        return schema
    }

    public mutating func schema(depth: Int) -> JSONValue {
        let choice = Int.random(in: 0..<(depth >= maxDepth ? 6 : 9), using: &random)
        switch choice {
        case 0: return ["type": "string", "maxLength": .number(Double(Int.random(in: 8...20, using: &random)))]
        case 1: return numericRanges ? ["type": "integer", "minimum": 0, "maximum": 120] : ["type": "integer"]
        case 2: return ["type": "boolean"]
        case 3:
            let count = Int.random(in: 2...4, using: &random)
            return ["enum": .array(Self.words.shuffled(using: &random).prefix(count).map(JSONValue.string))]
        case 4: return ["type": ["string", "null"], "maxLength": 12]
        case 5: return numericRanges ? ["type": "number", "minimum": -10, "maximum": 10] : ["type": "number"]
        case 6: return ["type": "array", "items": schema(depth: depth + 1), "minItems": 1, "maxItems": 3]
        case 7: return object(depth: depth + 1)
        default:
            let digit: JSONValue =
                numericRanges ? ["type": "integer", "minimum": 0, "maximum": 9] : ["type": "integer"]
            return ["anyOf": [digit, ["type": "string", "maxLength": 8]]]
        }
    }

    mutating func object(depth: Int) -> JSONValue {
        let count = Int.random(in: 1...4, using: &random)
        var properties: [String: JSONValue] = [:]
        for name in Self.names.shuffled(using: &random).prefix(count) { properties[name] = schema(depth: depth) }
        let required = properties.keys.sorted().filter { _ in Int.random(in: 0..<4, using: &random) > 0 }
        return [
            "type": "object", "properties": .object(properties), "required": .array(required.map(JSONValue.string)),
            "additionalProperties": false,
        ]
    }

    /// A value that conforms to `schema` (one this generator made).
    public mutating func valid(_ schema: JSONValue, root: JSONValue? = nil) -> JSONValue {
        let root = root ?? schema
        if let ref = schema["$ref"]?.stringValue, let name = ref.split(separator: "/").last,
            let target = root["$defs"]?[String(name)]
        {
            return valid(target, root: root)
        }
        if let options = schema["enum"]?.arrayValue { return options.randomElement(using: &random)! }
        if let alternatives = schema["anyOf"]?.arrayValue {
            return valid(alternatives.randomElement(using: &random)!, root: root)
        }
        let types = schema["type"]?.arrayValue?.compactMap(\.stringValue) ?? [schema["type"]?.stringValue ?? "null"]
        switch types.randomElement(using: &random)! {
        case "string":
            let word = Self.words.randomElement(using: &random)!
            return .string(String(word.prefix(schema["maxLength"]?.intValue ?? 20)))
        case "integer":
            return .number(Double(Int.random(in: 0...9, using: &random)))
        case "number":
            return .number(Double(Int.random(in: -20...20, using: &random)) / 2)
        case "boolean": return .bool(Bool.random(using: &random))
        case "array":
            let count = Int.random(in: 1...3, using: &random)
            return .array((0..<count).map { _ in valid(schema["items"]!, root: root) })
        case "object":
            let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            var fields: [String: JSONValue] = [:]
            for (name, property) in (schema["properties"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key })
            where required.contains(name) || Bool.random(using: &random) {
                fields[name] = valid(property, root: root)
            }
            return .object(fields)
        default: return .null
        }
    }

    /// A value that breaks `schema` at a path this returns (`$.tags[0]`), or nil when the schema
    /// allows anything.
    public mutating func invalid(_ schema: JSONValue, root: JSONValue? = nil, path: String = "$") -> (
        value: JSONValue, path: String
    )? {
        let root = root ?? schema
        if let ref = schema["$ref"]?.stringValue, let name = ref.split(separator: "/").last,
            let target = root["$defs"]?[String(name)]
        {
            return invalid(target, root: root, path: path)
        }
        if schema["enum"] != nil { return (.string("not-in-the-enum"), path) }
        if schema["anyOf"] != nil { return (.bool(true), path) }
        let types = schema["type"]?.arrayValue?.compactMap(\.stringValue) ?? [schema["type"]?.stringValue ?? ""]
        if types.contains("object"), let properties = schema["properties"]?.objectValue {
            var value = valid(schema, root: root).objectValue ?? [:]
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                // A property not listed (additionalProperties is false).
                value["zz_extra"] = 1
                return (.object(value), path + ".zz_extra")
            case 1:
                if let name = schema["required"]?.arrayValue?.first?.stringValue {
                    value[name] = nil
                    return (.object(value), path)
                }
                fallthrough
            default:
                // Break one property, deeper down.
                let name = properties.keys.sorted().randomElement(using: &random)!
                guard let broken = invalid(properties[name]!, root: root, path: path + "." + name) else { return nil }
                value[name] = broken.value
                return (.object(value), broken.path)
            }
        }
        if types.contains("array"), let items = schema["items"] {
            if Bool.random(using: &random) { return (.array([]), path) }  // fewer than minItems
            guard let broken = invalid(items, root: root, path: path + "[0]") else { return nil }
            return (.array([broken.value]), broken.path)
        }
        if types.contains("integer") { return (.number(Bool.random(using: &random) ? 1.5 : 500), path) }
        if types.contains("number") { return (.string("7"), path) }
        if types.contains("string") {
            return Bool.random(using: &random) ? (.number(3), path) : (.string(String(repeating: "x", count: 30)), path)
        }
        if types.contains("boolean") { return (.string("true"), path) }
        return nil
    }
}

extension JSONValue {
    /// The object schema with `$defs.NAME` added and its first string property turned into a ref to it.
    fileprivate func settingDefinition(_ name: String, _ definition: JSONValue) -> JSONValue {
        guard var fields = objectValue, var properties = fields["properties"]?.objectValue else { return self }
        if let key = properties.keys.sorted().first { properties[key] = ["$ref": .string("#/$defs/\(name)")] }
        fields["properties"] = .object(properties)
        fields["$defs"] = [name: definition]
        return .object(fields)
    }
}
