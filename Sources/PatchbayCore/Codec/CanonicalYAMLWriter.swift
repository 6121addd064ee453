/// Writes a graph as canonical YAML (see docs/graph-format.md, "Canonical form").
///
/// Written by hand rather than through libyaml's emitter so the bytes are exactly what the
/// format document promises: one field per line, no wrapping, stable key order and quoting.
struct CanonicalYAMLWriter {
    /// A node is written on one line (`id: { kind: output }`) when it has at most this many fields
    /// besides `kind`, all one-line scalars. The rule looks only at the shape, never at widths,
    /// so editing a value never reflows the node.
    static let maxFlowFields = 3

    private(set) var out = ""

    mutating func write(_ graph: Graph) {
        out += "patchbay: \(graph.formatVersion)\n"
        if let title = graph.title { entry("title", .string(title), indent: 0) }
        if let description = graph.description { entry("description", .string(description), indent: 0) }
        if graph.nodes.isEmpty {
            out += "nodes: {}\n"
        } else {
            out += "nodes:\n"
            for node in graph.nodes { write(node) }
        }
        if !graph.wires.isEmpty {
            out += "wires:\n"
            for wire in graph.wires { out += "  - \(YAMLScalar.render(wire.description, flow: false))\n" }
        }
    }

    /// The node's fields in canonical order: the kind's own fields, the common ones, then unknown
    /// fields sorted.
    static func orderedFields(_ node: Node) -> [(String, JSONValue)] {
        let known = node.kind.flatMap { fieldOrder[$0] } ?? []
        var result = known.compactMap { name in node.fields[name].map { (name, $0) } }
        if result.count < node.fields.count {
            result += node.fields.keys.filter { !known.contains($0) && $0 != "kind" }.sorted().map {
                ($0, node.fields[$0]!)
            }
        }
        return result
    }

    private static let fieldOrder: [NodeKind: [String]] = Dictionary(
        uniqueKeysWithValues: KindSpec.all.map { ($0.kind, $0.allFields.map(\.name)) })

    private mutating func write(_ node: Node) {
        let fields = Self.orderedFields(node)
        let id = YAMLScalar.render(node.id, flow: false)
        if fields.count <= Self.maxFlowFields, fields.allSatisfy({ Self.isScalarLine($0.1) || Self.isFlatList($0.1) }) {
            let parts = [("kind", JSONValue.string(node.kindName))] + fields
            out +=
                "  \(id): { "
                + parts.map { "\(YAMLScalar.render($0.0, flow: true)): \(Self.inline($0.1, flow: true))" }.joined(
                    separator: ", ") + " }\n"
            return
        }
        out += "  \(id):\n"
        entry("kind", .string(node.kindName), indent: 4)
        for (name, value) in fields { entry(name, value, indent: 4) }
    }

    // MARK: Values

    /// `key: value` at `indent`, with the value's block lines below it when it has any.
    private mutating func entry(_ key: String, _ value: JSONValue, indent: Int) {
        out += String(repeating: " ", count: indent) + YAMLScalar.render(key, flow: false) + ":"
        body(value, indent: indent)
    }

    /// Writes what follows `key:` or `-`: ` scalar\n`, or a block header and the lines under it.
    private mutating func body(_ value: JSONValue, indent: Int) {
        switch value {
        case .string(let s) where s.contains("\n"):
            guard let header = YAMLScalar.literalHeader(s) else {
                out += " " + YAMLScalar.doubleQuoted(s) + "\n"
                return
            }
            out += " \(header)\n"
            let pad = String(repeating: " ", count: indent + 2)
            for line in YAMLScalar.literalLines(s) { out += line.isEmpty ? "\n" : pad + line + "\n" }
        case .array(let items) where !items.isEmpty && !items.allSatisfy(Self.isScalarLine):
            out += "\n"
            for item in items { sequenceItem(item, indent: indent + 2) }
        case .object(let object) where !object.isEmpty:
            out += "\n"
            for key in object.keys.sorted() { entry(key, object[key]!, indent: indent + 2) }
        default:
            out += " \(Self.inline(value, flow: false))\n"
        }
    }

    /// `- item` with its dash at `indent`; a block mapping item starts on the dash's line.
    private mutating func sequenceItem(_ item: JSONValue, indent: Int) {
        let dash = String(repeating: " ", count: indent) + "-"
        switch item {
        case .object(let object) where !object.isEmpty && !Self.isInline(item):
            var nested = CanonicalYAMLWriter()
            for key in object.keys.sorted() { nested.entry(key, object[key]!, indent: indent + 2) }
            out += dash + " " + nested.out.dropFirst(indent + 2)
        case .array(let items) where !items.isEmpty && !Self.isInline(item):
            var nested = CanonicalYAMLWriter()
            for inner in items { nested.sequenceItem(inner, indent: indent + 2) }
            out += dash + " " + nested.out.dropFirst(indent + 2)
        case .object, .array:
            out += dash + " " + Self.inline(item, flow: true) + "\n"
        default:
            out += dash
            body(item, indent: indent)
        }
    }

    /// Whether a value fits on one line: a one-line scalar, or a flat list or object of them.
    static func isInline(_ value: JSONValue) -> Bool {
        switch value {
        case .array(let items): items.allSatisfy(isScalarLine)
        case .object(let object): object.values.allSatisfy(isScalarLine)
        default: isScalarLine(value)
        }
    }

    private static func isFlatList(_ value: JSONValue) -> Bool {
        if case .array(let items) = value { return items.allSatisfy(isScalarLine) }
        return false
    }

    static func isScalarLine(_ value: JSONValue) -> Bool {
        switch value {
        case .array, .object: false
        // A multi-line string that no block scalar can hold is written double-quoted, on one line.
        case .string(let s): !s.contains("\n") || YAMLScalar.literalHeader(s) == nil
        default: true
        }
    }

    /// A value on one line, in flow style (`[a, b]`, `{ k: v }`) when it is a collection.
    /// `flow` when the value sits inside `{ }` or `[ ]`, where `,` `:` and brackets need quotes.
    static func inline(_ value: JSONValue, flow: Bool) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): JSONValue.format(n)
        case .string(let s): YAMLScalar.render(s, flow: flow)
        case .array(let items): "[" + items.map { inline($0, flow: true) }.joined(separator: ", ") + "]"
        case .object(let object) where object.isEmpty: "{}"
        case .object(let object):
            "{ "
                + object.keys.sorted().map {
                    "\(YAMLScalar.render($0, flow: true)): \(inline(object[$0]!, flow: true))"
                }.joined(separator: ", ") + " }"
        }
    }
}
