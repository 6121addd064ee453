/// Checks a value against parsed rules, collecting every violation with its JSON path.
struct SchemaValidator {
    let definitions: [String: SchemaNode]
    var violations: [SchemaViolation] = []

    /// Refs may be recursive (`{$ref: "#/$defs/tree"}` inside `tree`): every step into a value
    /// consumes one level, so only a ref cycle that never enters the value can hit this bound.
    static let maxDepth = 256

    init(definitions: [String: SchemaNode]) { self.definitions = definitions }

    mutating func check(_ value: JSONValue, _ node: SchemaNode, path: String, depth: Int) {
        guard depth <= Self.maxDepth else {
            violations.append(SchemaViolation(path: path, message: "the schema's refs loop without end here"))
            return
        }
        let rules: SchemaRules
        switch node {
        case .bool(true): return
        case .bool(false):
            violations.append(SchemaViolation(path: path, message: "no value is allowed here (the schema is false)"))
            return
        case .rules(let r): rules = r
        }
        func fail(_ message: String) { violations.append(SchemaViolation(path: path, message: message)) }

        if let ref = rules.ref, let target = definitions[ref] {
            check(value, target, path: path, depth: depth + 1)
        }
        if let types = rules.types, !types.contains(where: { SchemaCheck.matches(value, type: $0) }) {
            fail("expected \(types.joined(separator: " or ")), got \(value.typeName) \(Self.excerpt(value))")
            return  // the other rules would only repeat the type mismatch
        }
        if let constant = rules.constValue, value != constant {
            fail("expected \(constant.compactJSON), got \(Self.excerpt(value))")
        }
        if let options = rules.enumValues, !options.contains(value) {
            fail("expected one of \(options.map(\.compactJSON).joined(separator: ", ")), got \(Self.excerpt(value))")
        }
        if let alternatives = rules.anyOf {
            var reasons: [SchemaViolation] = []
            var matched = false
            for alternative in alternatives {
                var inner = SchemaValidator(definitions: definitions)
                inner.check(value, alternative, path: path, depth: depth + 1)
                if inner.violations.isEmpty {
                    matched = true
                    break
                }
                reasons.append(contentsOf: inner.violations.prefix(1))
            }
            if !matched {
                let first = reasons.first.map { " (first: \($0))" } ?? ""
                fail("matches none of the \(alternatives.count) `anyOf` alternatives\(first)")
            }
        }
        switch value {
        case .number(let n):
            if let minimum = rules.minimum, n < minimum {
                fail("\(value.compactJSON) is less than the minimum \(JSONValue.number(minimum).compactJSON)")
            }
            if let maximum = rules.maximum, n > maximum {
                fail("\(value.compactJSON) is more than the maximum \(JSONValue.number(maximum).compactJSON)")
            }
        case .string(let s):
            if let min = rules.minLength, s.count < min {
                fail("\(s.count) characters, fewer than minLength \(min)")
            }
            if let max = rules.maxLength, s.count > max {
                fail("\(s.count) characters, more than maxLength \(max)")
            }
        case .array(let items):
            if let min = rules.minItems, items.count < min { fail("\(items.count) items, fewer than minItems \(min)") }
            if let max = rules.maxItems, items.count > max { fail("\(items.count) items, more than maxItems \(max)") }
            if let itemSchema = rules.items {
                for (index, item) in items.enumerated() {
                    check(item, itemSchema, path: "\(path)[\(index)]", depth: depth + 1)
                }
            }
        case .object(let fields):
            for key in rules.required where fields[key] == nil {
                fail("missing required property \(JSONValue.string(key).compactJSON)")
            }
            for key in fields.keys.sorted() {
                let at = SchemaCheck.member(path, key)
                if let property = rules.properties[key] {
                    check(fields[key]!, property, path: at, depth: depth + 1)
                } else if rules.additionalProperties == false {
                    let known = rules.properties.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
                    violations.append(
                        SchemaViolation(
                            path: at,
                            message:
                                "property is not allowed (additionalProperties is false; allowed: \(known.isEmpty ? "none" : known))"
                        ))
                }
            }
        default:
            break
        }
    }

    /// The value as JSON, cut short so a message stays one line.
    static func excerpt(_ value: JSONValue) -> String {
        let text = value.compactJSON
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}
