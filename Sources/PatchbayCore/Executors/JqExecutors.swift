/// `jq`: `.` is the `value` input, or an object of the named inputs.
struct JqExecutor: NodeExecutor {
    let program: JqProgram
    let named: Set<String>?
    let all: Bool

    init(_ node: Node) throws {
        program = try JqProgram.compile(try node.string("jq"))
        named = node["inputs"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) }
        all = node["all"]?.boolValue ?? false
    }

    func run(_ inputs: NodeInputs) throws -> NodeResult {
        let input: JSONValue
        if let named {
            input = .object(inputs.values.filter { named.contains($0.key) })
        } else {
            input = try inputs.require("value")
        }
        if all { return NodeResult(["value": .array(try program.run(input))]) }
        guard let first = try program.first(input) else {
            throw NodeError(
                "jq program `\(program.text)` produced no result", hint: "set `all: true` to get an empty array instead"
            )
        }
        return NodeResult(["value": first])
    }
}

/// `switch`: emits the value on the first case whose condition holds, else on `default`.
struct SwitchExecutor: NodeExecutor {
    let cases: [(port: String, when: JqProgram)]
    let hasDefault: Bool

    init(_ node: Node) throws {
        guard let list = node["cases"]?.arrayValue else {
            throw NodeError("field `cases` must be a list of {port, when}")
        }
        cases = try list.map { entry in
            guard let port = entry["port"]?.stringValue, let when = entry["when"]?.stringValue else {
                throw NodeError("each case needs `port` and `when`, got \(entry.compactJSON)")
            }
            return (port, try JqProgram.compile(when))
        }
        hasDefault = node["default"]?.boolValue ?? true
    }

    func run(_ inputs: NodeInputs) throws -> NodeResult {
        let value = try inputs.require("value")
        for c in cases where try c.when.isTrue(value) {
            return NodeResult([c.port: value])
        }
        guard hasDefault else {
            throw NodeError(
                "no case matched \(value.compactJSON.prefix(80))",
                hint: "add a case, or remove `default: false` to route it to `default`")
        }
        return NodeResult(["default": value])
    }
}
