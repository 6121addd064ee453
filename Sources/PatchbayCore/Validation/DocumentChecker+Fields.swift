/// Fields: unknown names, missing required ones, and values of the wrong type.
extension DocumentChecker {
    /// Each kind's fields by name, built once.
    static let fieldsByKind: [NodeKind: [String: FieldSpec]] = Dictionary(
        uniqueKeysWithValues: NodeKind.allCases.map { kind in
            (kind, Dictionary(kind.spec.allFields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }))
        })

    mutating func checkFields(_ node: Node, kind: NodeKind) {
        let known = Self.fieldsByKind[kind] ?? [:]
        for name in node.fields.keys.sorted() {
            guard let spec = known[name] else {
                let names = kind.spec.allFields.map(\.name)
                report(
                    .field, "node `\(node.id)` (\(kind.rawValue)) has unknown field `\(name)`",
                    hint: Suggestions.hint(
                        for: name, in: names, also: "fields of \(kind.rawValue): \(names.joined(separator: ", "))"),
                    node: node.id, field: name)
                continue
            }
            if let problem = Self.typeProblem(node.fields[name]!, spec.type) {
                report(
                    .field, "field `\(name)` of node `\(node.id)` \(problem.message)",
                    hint: .text(problem.hint), node: node.id, field: name)
            } else if let range = spec.range, let number = node.fields[name]!.doubleValue, !range.contains(number) {
                let why = range.why.map { " (\($0))" } ?? ""
                report(
                    .field, "`\(name)` of node `\(node.id)` is \(JSONValue.format(number)); it must be \(range.text)",
                    hint: "write a value \(range.text)\(why)",
                    node: node.id, located: valueLocation(node: node.id, field: name))
            }
        }
        for spec in kind.spec.allFields where spec.required && node.fields[spec.name] == nil {
            report(
                .field, "node `\(node.id)` (\(kind.rawValue)) is missing required field `\(spec.name)`",
                hint: "add `\(spec.name):` — \(spec.doc)", node: node.id)
        }
    }

    /// Where a field's value (or something inside it) was written; the field's key when the
    /// file cannot be read again.
    func valueLocation(node: String, field: String, path: [ValueLocator.Step] = []) -> SourceLocation? {
        ValueLocator.find(document, node: node, field: field, path: path)?.value ?? location(node: node, field: field)
    }

    /// `report`, at a location found inside a value.
    mutating func report(
        _ kind: Diagnostic.Kind, _ message: String, hint: Hint?, node: String, port: String? = nil,
        located location: SourceLocation?
    ) {
        diagnostics.append(
            Diagnostic(.error, kind, message, hint: hint, file: file, location: location, node: node, port: port))
    }

    struct TypeProblem {
        var message: String
        var hint: String
    }

    /// What is wrong with `value` for a field of `type`, or nil when it fits.
    static func typeProblem(_ value: JSONValue, _ type: FieldSpec.FieldType) -> TypeProblem? {
        func wrong(_ expected: String, _ hint: String) -> TypeProblem {
            TypeProblem(message: "must be \(expected), not \(describe(value))", hint: hint)
        }
        switch type {
        case .string, .text, .graphPath:
            return value.stringValue == nil
                ? wrong("text", "write it as text (quote it if it looks like a number or a boolean)") : nil
        case .number:
            return value.doubleValue == nil ? wrong("a number", "write a number such as `0.2`") : nil
        case .integer:
            return value.intValue == nil ? wrong("a whole number", "write a whole number such as `3`") : nil
        case .boolean:
            return value.boolValue == nil ? wrong("true or false", "write `true` or `false`") : nil
        case .stringList:
            guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
                return wrong("a list of strings", "write a list such as `[a, b]`")
            }
            return nil
        case .portType:
            return choice(value, PortType.allCases.map(\.rawValue))
        case .oneOf(let options):
            return choice(value, options)
        case .json:
            return nil
        case .cases:
            return casesProblem(value)
        case .messages:
            return messagesProblem(value)
        }
    }

    private static func choice(_ value: JSONValue, _ options: [String]) -> TypeProblem? {
        let list = options.map { "`\($0)`" }.joined(separator: ", ")
        guard let text = value.stringValue else {
            return TypeProblem(message: "must be one of \(list), not \(describe(value))", hint: "write one of \(list)")
        }
        guard !options.contains(text) else { return nil }
        let suggestion = Suggestions.didYouMean(text, in: options).map { "\($0) " } ?? ""
        return TypeProblem(message: "must be one of \(list), not `\(text)`", hint: suggestion + "write one of \(list)")
    }

    private static func casesProblem(_ value: JSONValue) -> TypeProblem? {
        let hint = "write a list such as `- { port: positive, when: '. == \"positive\"' }`"
        guard let cases = value.arrayValue else {
            return TypeProblem(message: "must be a list of `{port, when}` cases, not \(describe(value))", hint: hint)
        }
        for (offset, item) in cases.enumerated() {
            let number = offset + 1
            guard let object = item.objectValue else {
                return TypeProblem(
                    message: "case \(number) must be an object `{port, when}`, not \(describe(item))", hint: hint)
            }
            for key in ["port", "when"] where object[key]?.stringValue == nil {
                let got = object[key].map { "is \(describe($0))" } ?? "is missing"
                return TypeProblem(message: "case \(number) needs `\(key)` as text (it \(got))", hint: hint)
            }
            if let extra = object.keys.sorted().first(where: { $0 != "port" && $0 != "when" }) {
                let suggestion = Suggestions.didYouMean(extra, in: ["port", "when"]).map { "\($0) " } ?? ""
                return TypeProblem(
                    message: "case \(number) has unknown key `\(extra)`",
                    hint: suggestion + "a case has only `port` and `when`")
            }
        }
        return nil
    }

    static let messageRoles = ["system", "user", "assistant"]

    private static func messagesProblem(_ value: JSONValue) -> TypeProblem? {
        let hint = "write a list such as `- { role: user, content: 'Summarize {{article}}' }`"
        guard let messages = value.arrayValue else {
            return TypeProblem(
                message: "must be a list of `{role, content}` messages, not \(describe(value))", hint: hint)
        }
        for (offset, item) in messages.enumerated() {
            let number = offset + 1
            guard let object = item.objectValue else {
                return TypeProblem(
                    message: "message \(number) must be an object `{role, content}`, not \(describe(item))", hint: hint)
            }
            guard let role = object["role"]?.stringValue, messageRoles.contains(role) else {
                let got = object["role"].map { "not \(describe($0))" } ?? "it is missing"
                return TypeProblem(
                    message: "message \(number) needs `role`: `system`, `user` or `assistant` (\(got))", hint: hint)
            }
            guard object["content"]?.stringValue != nil else {
                return TypeProblem(message: "message \(number) needs `content` as text", hint: hint)
            }
            if let extra = object.keys.sorted().first(where: { $0 != "role" && $0 != "content" }) {
                return TypeProblem(
                    message: "message \(number) has unknown key `\(extra)`",
                    hint: "a message has only `role` and `content`")
            }
        }
        return nil
    }

    /// "a string `x`", "the number 3", "a list", … for messages about a value's type.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "the boolean `\(b)`"
        case .number: "the number `\(value.compactJSON)`"
        case .string(let s): s.count > 30 ? "a string" : "the text `\(s)`"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
