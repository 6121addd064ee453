import Foundation

/// Validates a JSON value against a subset of JSON Schema, for `check` nodes and evals.
///
/// Supported keywords: `type` (a name or a list of names), `properties`, `required`,
/// `additionalProperties` (false or a schema), `items`, `enum`, `const`, `minimum`,
/// `maximum`, `minLength`, `maxLength`, `minItems`, `maxItems`, `pattern`. Other keywords
/// are ignored, as JSON Schema does with unknown ones. The first failure is reported with the
/// JSON path of the offending value: `$.age: expected integer, got string`.
public enum SchemaCheck {
    /// Nil when `value` satisfies `schema`; otherwise the first failure found.
    public static func validate(_ value: JSONValue, against schema: JSONValue) -> SchemaFailure? {
        check(value, schema, path: "$")
    }

    static let typeNames: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]

    private static func check(_ value: JSONValue, _ schema: JSONValue, path: String) -> SchemaFailure? {
        if case .bool(let allowed) = schema {
            return allowed ? nil : SchemaFailure(path: path, reason: "no value is allowed here")
        }
        guard case .object(let rules) = schema else { return nil }

        if let type = rules["type"] {
            let names = type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? []
            if !names.isEmpty, !names.contains(where: { matches(value, type: $0) }) {
                return SchemaFailure(
                    path: path, reason: "expected \(names.joined(separator: " or ")), got \(value.typeName)")
            }
        }
        if let constant = rules["const"], !equal(value, constant) {
            return SchemaFailure(path: path, reason: "expected \(constant.compactJSON), got \(excerpt(value))")
        }
        if let options = rules["enum"]?.arrayValue, !options.contains(where: { equal(value, $0) }) {
            let list = options.map(\.compactJSON).joined(separator: ", ")
            return SchemaFailure(path: path, reason: "expected one of \(list), got \(excerpt(value))")
        }

        switch value {
        case .number(let n):
            if let minimum = rules["minimum"]?.doubleValue, n < minimum {
                return SchemaFailure(
                    path: path,
                    reason: "\(value.compactJSON) is less than the minimum \(JSONValue.number(minimum).compactJSON)")
            }
            if let maximum = rules["maximum"]?.doubleValue, n > maximum {
                return SchemaFailure(
                    path: path,
                    reason: "\(value.compactJSON) is more than the maximum \(JSONValue.number(maximum).compactJSON)")
            }
        case .string(let s):
            let length = s.count
            if let min = rules["minLength"]?.intValue, length < min {
                return SchemaFailure(
                    path: path, reason: "string of \(length) characters is shorter than minLength \(min)")
            }
            if let max = rules["maxLength"]?.intValue, length > max {
                return SchemaFailure(
                    path: path, reason: "string of \(length) characters is longer than maxLength \(max)")
            }
            if let pattern = rules["pattern"]?.stringValue {
                guard let regex = try? NSRegularExpression(pattern: pattern) else {
                    return SchemaFailure(
                        path: path,
                        reason:
                            "the schema's pattern \(JSONValue.string(pattern).compactJSON) is not a valid regular expression"
                    )
                }
                do {
                    if try !regex.hasMatch(in: s) {
                        return SchemaFailure(
                            path: path,
                            reason: "\(excerpt(value)) does not match pattern \(JSONValue.string(pattern).compactJSON)")
                    }
                } catch {
                    return SchemaFailure(
                        path: path, reason: "pattern \(JSONValue.string(pattern).compactJSON): \(error.description)")
                }
            }
        case .array(let items):
            if let min = rules["minItems"]?.intValue, items.count < min {
                return SchemaFailure(path: path, reason: "array of \(items.count) items has fewer than minItems \(min)")
            }
            if let max = rules["maxItems"]?.intValue, items.count > max {
                return SchemaFailure(path: path, reason: "array of \(items.count) items has more than maxItems \(max)")
            }
            if let itemSchema = rules["items"] {
                for (index, item) in items.enumerated() {
                    if let failure = check(item, itemSchema, path: "\(path)[\(index)]") { return failure }
                }
            }
        case .object(let fields):
            for key in rules["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where fields[key] == nil {
                return SchemaFailure(
                    path: path, reason: "missing required property \(JSONValue.string(key).compactJSON)")
            }
            let properties = rules["properties"]?.objectValue ?? [:]
            for key in properties.keys.sorted() {
                guard let field = fields[key] else { continue }
                if let failure = check(field, properties[key]!, path: member(path, key)) { return failure }
            }
            if let additional = rules["additionalProperties"] {
                for key in fields.keys.sorted() where properties[key] == nil {
                    if additional == .bool(false) {
                        return SchemaFailure(
                            path: member(path, key), reason: "property is not allowed (additionalProperties is false)")
                    }
                    if let failure = check(fields[key]!, additional, path: member(path, key)) { return failure }
                }
            }
        default:
            break
        }
        return nil
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string),
            ("array", .array), ("object", .object):
            true
        case ("integer", .number(let n)): n.rounded() == n && n.isFinite
        default: false
        }
    }

    /// JSON equality: numbers compare by value (1 == 1.0), objects ignore key order.
    private static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool { a == b }

    /// `$.name` for identifier-like keys, `$["odd key"]` otherwise.
    static func member(_ path: String, _ key: String) -> String {
        let identifier =
            key.first.map { $0 == "_" || $0.isLetter } == true
            && key.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
        return identifier ? "\(path).\(key)" : "\(path)[\(JSONValue.string(key).compactJSON)]"
    }

    private static func excerpt(_ value: JSONValue) -> String {
        let text = value.compactJSON
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }

    /// Problems with a schema itself (wrong keyword types, unknown type names, bad patterns),
    /// for graph validation; nil when the schema is usable.
    public static func schemaProblem(_ schema: JSONValue, path: String = "$") -> String? {
        problem(in: schema).map { problem in
            let at = problem.keys.reduce(path) { member($0, $1) } + (problem.typeIndex.map { "[\($0)]" } ?? "")
            return "\(at): \(problem.message)"
        }
    }

    /// What is wrong with a schema and where: the keys leading to it (and, for a bad name in a
    /// `type` list, its index), so validation can point at it in the graph file.
    struct Problem {
        var keys: [String]
        var typeIndex: Int?
        var message: String
    }

    static func problem(in schema: JSONValue, keys: [String] = []) -> Problem? {
        func here(_ key: String, _ message: String) -> Problem { Problem(keys: keys + [key], message: message) }
        if case .bool = schema { return nil }
        guard case .object(let rules) = schema else {
            return Problem(keys: keys, message: "a schema must be an object or a boolean, got \(schema.typeName)")
        }
        if let type = rules["type"] {
            let names = type.arrayValue?.map { $0.stringValue ?? "" } ?? [type.stringValue ?? ""]
            if let index = names.firstIndex(where: { !typeNames.contains($0) }) {
                let bad = names[index]
                let shown = bad.isEmpty ? (type.arrayValue?[index] ?? type).compactJSON : "\"\(bad)\""
                let suggestion = bad.isEmpty ? nil : Suggestions.didYouMean(bad, in: typeNames.sorted())
                var problem = here(
                    "type",
                    "unknown type \(shown); \(suggestion.map { "\($0) " } ?? "")use one of \(typeNames.sorted().joined(separator: ", "))"
                )
                if type.arrayValue != nil { problem.typeIndex = index }
                return problem
            }
        }
        for key in ["minimum", "maximum"] where rules[key] != nil && rules[key]?.doubleValue == nil {
            return here(key, "must be a number")
        }
        for key in ["minLength", "maxLength", "minItems", "maxItems"]
        where rules[key] != nil && (rules[key]?.intValue ?? -1) < 0 {
            return here(key, "must be a non-negative integer")
        }
        if let required = rules["required"], required.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
            return here("required", "must be a list of property names")
        }
        if let enumeration = rules["enum"], enumeration.arrayValue == nil {
            return here("enum", "must be a list of values")
        }
        if let pattern = rules["pattern"] {
            guard let text = pattern.stringValue, (try? NSRegularExpression(pattern: text)) != nil else {
                return here("pattern", "not a valid regular expression")
            }
        }
        if let properties = rules["properties"] {
            guard let fields = properties.objectValue else { return here("properties", "must be an object") }
            for key in fields.keys.sorted() {
                if let problem = problem(in: fields[key]!, keys: keys + ["properties", key]) { return problem }
            }
        }
        for key in ["items", "additionalProperties"] {
            if let sub = rules[key], let problem = problem(in: sub, keys: keys + [key]) { return problem }
        }
        return nil
    }
}

/// Why a value does not satisfy a schema: where (`$.items[2].name`) and what.
public struct SchemaFailure: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `$.age: expected integer, got string`
    public var description: String { "\(path): \(reason)" }
}
