/// The input and output ports of one node, from its kind and its config.
public struct NodePorts: Sendable, Hashable {
    public var inputs: [PortSpec]
    public var outputs: [PortSpec]

    public init(inputs: [PortSpec], outputs: [PortSpec]) {
        self.inputs = inputs
        self.outputs = outputs
    }

    public func input(_ name: String) -> PortSpec? { inputs.first { $0.name == name } }
    public func output(_ name: String) -> PortSpec? { outputs.first { $0.name == name } }

    /// The port a wire end without a port name means: the only one, or the kind's first.
    public var primaryInput: PortSpec? { inputs.count == 1 ? inputs[0] : nil }
    public var primaryOutput: PortSpec? { outputs.first }

    /// Resolves a node's ports. `subgraph` returns the graph a `map`, `loop` or `graph` node
    /// names (nil when it cannot be loaded; the node then has only its fixed ports).
    public static func resolve(_ node: Node, subgraph: (Node) -> Graph?) -> NodePorts {
        guard let kind = node.kind else { return NodePorts(inputs: [], outputs: []) }
        let spec = kind.spec
        var inputs = spec.inputs
        var outputs = spec.outputs

        // Template-bearing fields: each placeholder is a required input.
        var placeholders: [String] = []
        for field in spec.fields where field.isTemplate {
            for text in templateTexts(node[field.name]) {
                for port in TemplatePlaceholders.ports(in: text) where !placeholders.contains(port) {
                    placeholders.append(port)
                }
            }
        }
        inputs += placeholders.map { PortSpec($0, .any, "Fills `{{\($0)}}`.") }

        switch kind {
        case .input:
            outputs[0].type = portType(node["type"]) ?? .any
        case .output:
            inputs[0].type = portType(node["type"]) ?? .any
        case .human:
            outputs[0].type = portType(node["type"]) ?? .string
        case .jq:
            if let names = node["inputs"]?.arrayValue?.compactMap(\.stringValue), !names.isEmpty {
                inputs = names.map { PortSpec($0, .any, "Field `\($0)` of `.`.") }
            }
        case .mcp:
            inputs = (node["inputs"]?.arrayValue?.compactMap(\.stringValue) ?? []).map {
                PortSpec($0, .any, "The tool's argument `\($0)`.")
            }
        case .switch:
            let cases = node["cases"]?.arrayValue ?? []
            let casePorts = cases.compactMap { $0["port"]?.stringValue }.map {
                PortSpec($0, .any, "The value, when this case matched.")
            }
            outputs = casePorts + (node["default"]?.boolValue == false ? [] : outputs)
        case .readFile:
            if node["format"]?.stringValue != "json" { outputs[0].type = .string }
        case .map:
            if let sub = subgraph(node) {
                let itemName = node["item"]?.stringValue ?? "item"
                inputs += sub.inputPorts.filter { $0.name != itemName && $0.name != "index" }
            }
        case .loop:
            if let sub = subgraph(node) {
                inputs += sub.inputPorts
                outputs = sub.outputPorts + outputs
            }
        case .graph:
            if let sub = subgraph(node) {
                inputs = sub.inputPorts
                outputs = sub.outputPorts
            }
        default:
            break
        }
        if node["on_error"]?.stringValue == "route" {
            outputs.append(PortSpec("error", .object, "`{message, node}` when the node failed."))
        }
        return NodePorts(inputs: inputs, outputs: outputs)
    }

    static func portType(_ value: JSONValue?) -> PortType? {
        value?.stringValue.flatMap(PortType.init(rawValue:))
    }

    /// The template texts a field holds: a string, or the `content` of each message.
    static func templateTexts(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let s): [s]
        case .array(let items): items.compactMap { $0["content"]?.stringValue }
        default: []
        }
    }
}

extension Graph {
    /// Ports a graph offers when used as a sub-graph: one input per `input` node (required unless
    /// it has a default) and one output per `output` node.
    public var inputPorts: [PortSpec] {
        nodes.filter { $0.kind == .input }.map {
            PortSpec(
                $0.id, NodePorts.portType($0["type"]) ?? .any, required: $0["default"] == nil,
                $0["description"]?.stringValue ?? "")
        }
    }

    public var outputPorts: [PortSpec] {
        nodes.filter { $0.kind == .output }.map {
            PortSpec(
                $0.id, NodePorts.portType($0["type"]) ?? .any, required: true, $0["description"]?.stringValue ?? "")
        }
    }
}
