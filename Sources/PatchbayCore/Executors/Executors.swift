/// Makes the executor for one node, parsing its config once (jq compiled, templates parsed).
enum Executors {
    static func make(
        _ node: Node, kind: NodeKind, ports: NodePorts, subplan: ExecutionPlan?, graphPath: String?,
        toolPlans: [String: ExecutionPlan] = [:]
    ) throws -> any NodeExecutor {
        switch kind {
        case .input: return InputExecutor(id: node.id, type: NodePorts.portType(node["type"]) ?? .any)
        case .output: return OutputExecutor(id: node.id, type: NodePorts.portType(node["type"]) ?? .any)
        case .template: return try TemplateExecutor(template: PromptTemplate(node.string("template")))
        case .llm: return try LLMExecutor(node, graphPath: graphPath, toolPlans: toolPlans)
        case .parseJSON: return ParseJSONExecutor()
        case .jq: return try JqExecutor(node)
        case .switch: return try SwitchExecutor(node)
        case .merge: return try MergeExecutor(node)
        case .check: return try CheckExecutor(node)
        case .map: return try MapExecutor(node, plan: subplan.orThrow(node))
        case .loop: return try LoopExecutor(node, plan: subplan.orThrow(node))
        case .graph: return try SubgraphExecutor(plan: subplan.orThrow(node))
        case .command: return try CommandExecutor(node, graphPath: graphPath)
        case .human: return try HumanExecutor(node)
        case .readFile: return try ReadFileExecutor(node)
        case .writeFile: return try WriteFileExecutor(node, graphPath: graphPath)
        case .mcp: return try MCPExecutor(node, graphPath: graphPath)
        }
    }
}

extension Node {
    /// A required string field, or an error naming it.
    func string(_ field: String) throws -> String {
        guard let value = fields[field] else { throw NodeError("field `\(field)` is required") }
        guard let text = value.stringValue else {
            throw NodeError("field `\(field)` must be a string, not \(value.typeName)")
        }
        return text
    }

    func optionalString(_ field: String) throws -> String? {
        guard fields[field] != nil else { return nil }
        return try string(field)
    }
}

extension Optional where Wrapped == ExecutionPlan {
    func orThrow(_ node: Node) throws -> ExecutionPlan {
        guard let self else { throw NodeError("sub-graph of `\(node.id)` is not loaded") }
        return self
    }
}

struct InputExecutor: NodeExecutor {
    let id: String
    let type: PortType

    func run(_ inputs: NodeInputs) throws -> NodeResult {
        guard let value = inputs["value"] else {
            throw NodeError("input `\(id)` has no value", hint: .giveInput(id))
        }
        guard type.accepts(value) else {
            throw NodeError("input `\(id)` must be \(type.rawValue), got \(value.typeName)")
        }
        return NodeResult(inputs.values.count == 1 ? inputs.values : ["value": value])
    }
}

struct OutputExecutor: NodeExecutor {
    let id: String
    let type: PortType

    func run(_ inputs: NodeInputs) throws -> NodeResult {
        let value = try inputs.require("value")
        guard type.accepts(value) else {
            throw NodeError("output `\(id)` must be \(type.rawValue), got \(value.typeName)")
        }
        // The inputs are then exactly `value`: the same dictionary serves as outputs, no new one.
        return NodeResult(inputs.values.count == 1 ? inputs.values : ["value": value])
    }
}

struct TemplateExecutor: NodeExecutor {
    let template: PromptTemplate

    func run(_ inputs: NodeInputs) throws -> NodeResult {
        var result = NodeResult(["text": .string(try template.render(inputs.values))])
        // The rendered text is recorded as what the step rendered (the store keeps it once).
        result.prompt = result.outputs
        return result
    }
}

struct ParseJSONExecutor: NodeExecutor {
    func run(_ inputs: NodeInputs) throws -> NodeResult {
        let value = try inputs.require("text")
        guard let text = value.stringValue else { return NodeResult(["value": value]) }
        return NodeResult(["value": try JSONExtraction.extract(from: text)])
    }
}

struct MergeExecutor: NodeExecutor {
    enum Mode: String { case first, all, object }
    let mode: Mode

    init(_ node: Node) throws {
        let raw = try node.optionalString("mode") ?? "first"
        guard let mode = Mode(rawValue: raw) else { throw NodeError("mode `\(raw)` is not one of first, all, object") }
        self.mode = mode
    }

    func run(_ inputs: NodeInputs) throws -> NodeResult {
        let values = inputs.gathered
        switch mode {
        case .first: return NodeResult(["value": values.first?.value ?? .null])
        case .all: return NodeResult(["value": .array(values.map(\.value))])
        case .object:
            return NodeResult([
                "value": .object(Dictionary(values.map { ($0.source, $0.value) }, uniquingKeysWith: { a, _ in a }))
            ])
        }
    }
}
