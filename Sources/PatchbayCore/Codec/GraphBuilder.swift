import Yams

/// Builds a `Graph` and its `SourceMap` from a composed tree, collecting every structural problem
/// (the ones that leave no graph to validate) instead of stopping at the first.
///
/// Unknown kinds and fields are kept as written: reporting them is `GraphValidator`'s job.
struct GraphBuilder {
    static let topLevelKeys = ["patchbay", "title", "description", "nodes", "wires"]
    static let formatVersion = 1
    static let kindsHint: Hint = "add `kind:` with one of: \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))"

    let composed: GraphComposer.Composed
    let path: String?
    let format: GraphFormat
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var sourceMap = SourceMap()

    init(composed: GraphComposer.Composed, path: String?, format: GraphFormat) {
        self.composed = composed
        self.path = path
        self.format = format
    }

    private var mappingWord: String { format == .json ? "an object" : "a mapping" }
    private var listWord: String { format == .json ? "an array" : "a list" }

    mutating func build() -> Graph {
        var graph = Graph()
        guard let root = composed.root else {
            diagnostics.append(
                Diagnostic(
                    .error, .syntax, composed.emptyMessage,
                    hint: "a graph file starts with `patchbay: 1` and lists its `nodes`",
                    file: path, location: SourceLocation(line: 1, column: 1)))
            return graph
        }
        guard case .mapping(let top) = root else {
            error(
                .field,
                "the top level must be \(mappingWord) with the keys patchbay, title, description, nodes and wires",
                at: root.mark, hint: "start the file with `patchbay: 1`")
            return graph
        }
        // Sized up front: rehashing the map is a visible cost on 10,000-node graphs.
        let nodeCount = top["nodes"]?.mapping?.count ?? 0
        sourceMap.locations.reserveCapacity(top.count + nodeCount * 4 + (top["wires"]?.sequence?.count ?? 0))
        var seen: [String: SourceLocation?] = [:]
        var version: JSONValue?
        for (keyNode, value) in top {
            guard let key = key(keyNode, what: "a top-level key", seen: &seen) else { continue }
            sourceMap[.topLevel(key)] = location(keyNode.mark)
            switch key {
            case "patchbay":
                version = scalarValue(value) ?? .null
                checkVersion(value)
            case "title": graph.title = text(value, key: key)
            case "description": graph.description = text(value, key: key)
            case "nodes": graph.nodes = nodes(value)
            case "wires": graph.wires = wires(value)
            default:
                let hint =
                    Suggestions.didYouMeanHint(key, in: Self.topLevelKeys)
                    ?? "the top level holds only patchbay, title, description, nodes and wires; node fields go inside a node"
                error(.field, "unknown top-level key `\(key)`", at: keyNode.mark, hint: hint)
            }
        }
        if version == nil {
            diagnostics.append(
                Diagnostic(
                    .error, .field, "the file does not say its format version",
                    hint: "add `patchbay: \(Self.formatVersion)` as the first key",
                    file: path, location: composed.hasLocations ? SourceLocation(line: 1, column: 1) : nil))
        }
        graph.formatVersion = version?.intValue ?? Self.formatVersion
        return graph
    }

    // MARK: Top level

    private mutating func checkVersion(_ node: Yams.Node) {
        let value = scalarValue(node)
        guard let version = value?.intValue, value?.stringValue == nil else {
            error(
                .field, "`patchbay` must be the format version, \(Self.formatVersion)", at: node.mark,
                hint: "write `patchbay: \(Self.formatVersion)`")
            return
        }
        if version > Self.formatVersion {
            error(
                .field,
                "this file is format version \(version), newer than this Patchbay reads (\(Self.formatVersion))",
                at: node.mark, hint: "update Patchbay to open it")
        } else if version < Self.formatVersion {
            error(
                .field, "unknown format version \(version)", at: node.mark,
                hint: "write `patchbay: \(Self.formatVersion)`")
        }
    }

    private mutating func text(_ node: Yams.Node, key: String) -> String? {
        switch node {
        case .scalar(let scalar):
            return YAMLScalar.value(of: scalar) == .null ? nil : scalar.string
        default:
            error(
                .field, "`\(key)` must be text", at: node.mark,
                hint: "write it on one line after `\(key):`, or as a block (`\(key): |`)")
            return nil
        }
    }

    private mutating func nodes(_ value: Yams.Node) -> [Node] {
        if case .scalar(let scalar) = value, YAMLScalar.value(of: scalar) == .null { return [] }
        guard case .mapping(let mapping) = value else {
            error(
                .field, "`nodes` must be \(mappingWord) from node id to node", at: value.mark,
                hint: "write each node as `ID: { kind: KIND, … }` under `nodes:`")
            return []
        }
        var result: [Node] = []
        var seen: [String: SourceLocation?] = [:]
        for (keyNode, body) in mapping {
            guard
                let id = key(
                    keyNode, what: "a node id", seen: &seen, duplicate: { "node id `\($0)` is used twice" },
                    duplicateHint: "rename one of them; node ids must be unique in a graph")
            else { continue }
            sourceMap[.node(id)] = location(keyNode.mark)
            if let node = self.node(id: id, keyNode: keyNode, body: body) { result.append(node) }
        }
        return result
    }

    private mutating func node(id: String, keyNode: Yams.Node, body: Yams.Node) -> Node? {
        guard case .mapping(let mapping) = body else {
            error(
                .field, "node `\(id)` must be \(mappingWord) with a `kind`", at: keyNode.mark,
                hint: "write `\(id): { kind: output }`, or its fields indented on the lines below")
            return nil
        }
        var kindName: String?
        var fields: [String: JSONValue] = [:]
        var seen: [String: SourceLocation?] = [:]
        for (fieldNode, value) in mapping {
            guard
                let field = key(
                    fieldNode, what: "a field name", seen: &seen, duplicate: { "node `\(id)` has `\($0)` twice" },
                    duplicateHint: "keep one of them")
            else { continue }
            sourceMap[.field(node: id, field: field)] = location(fieldNode.mark)
            if field == "kind" {
                if case .scalar(let scalar) = value, YAMLScalar.value(of: scalar) != .null {
                    kindName = scalar.string
                } else {
                    error(
                        .field, "the `kind` of node `\(id)` must be a kind name", at: fieldNode.mark,
                        hint: Self.kindsHint)
                    kindName = ""
                }
            } else {
                fields[field] = json(value, context: "node `\(id)`, field `\(field)`")
            }
        }
        guard let kindName else {
            error(.field, "node `\(id)` has no `kind`", at: keyNode.mark, hint: Self.kindsHint)
            return nil
        }
        return Node(id: id, kindName: kindName, fields: fields)
    }

    private mutating func wires(_ value: Yams.Node) -> [Wire] {
        if case .scalar(let scalar) = value, YAMLScalar.value(of: scalar) == .null { return [] }
        let hint = "write each wire as `from.port -> to.port`; leave out the port to mean a node's only one"
        guard case .sequence(let items) = value else {
            error(
                .field, "`wires` must be \(listWord) of `from.port -> to.port` texts", at: value.mark, hint: .text(hint)
            )
            return []
        }
        var result: [Wire] = []
        for (index, item) in items.enumerated() {
            sourceMap[.wire(index)] = location(item.mark)
            guard case .scalar(let scalar) = item else {
                error(
                    .syntax, "wire \(index + 1) must be a text like `a.out -> b.in`", at: item.mark,
                    hint: "a `: ` inside a wire makes it a mapping; \(hint)")
                continue
            }
            guard let wire = Self.wire(parsing: scalar.string) else {
                error(
                    .syntax, "wire `\(scalar.string)` is not `from.port -> to.port`", at: item.mark, hint: .text(hint))
                continue
            }
            result.append(wire)
        }
        return result
    }

    /// `Wire(parsing:)` without Foundation's string bridging, which dominated loading large graphs.
    static func wire(parsing text: String) -> Wire? {
        let scalars = Array(text.unicodeScalars)
        var arrow: Int?
        var i = 0
        while i + 1 < scalars.count {
            if scalars[i] == "-" && scalars[i + 1] == ">" {
                if arrow != nil { return nil }
                arrow = i
                i += 2
            } else {
                i += 1
            }
        }
        guard let arrow, let from = portRef(scalars[..<arrow]), let to = portRef(scalars[(arrow + 2)...]) else {
            return nil
        }
        return Wire(from: from, to: to)
    }

    private static func portRef(_ side: ArraySlice<Unicode.Scalar>) -> PortRef? {
        var text = side
        // Foundation's `.whitespaces`: tab and the space separators.
        func isSpace(_ c: Unicode.Scalar) -> Bool {
            c == " " || c == "\t" || (c.value > 0x7F && c.properties.generalCategory == .spaceSeparator)
        }
        while let first = text.first, isSpace(first) { text = text.dropFirst() }
        while let last = text.last, isSpace(last) { text = text.dropLast() }
        guard !text.isEmpty, !text.contains(where: { $0.properties.isWhitespace }) else { return nil }
        func string(_ part: ArraySlice<Unicode.Scalar>) -> String {
            var s = ""
            s.unicodeScalars.append(contentsOf: part)
            return s
        }
        guard let dot = text.firstIndex(of: ".") else { return PortRef(node: string(text)) }
        let node = text[..<dot]
        let port = text[(dot + 1)...]
        guard !node.isEmpty, !port.isEmpty else { return nil }
        return PortRef(node: string(node), port: string(port))
    }

    // MARK: Values

    /// A field value as JSON; reports keys that are not text and duplicate keys.
    private mutating func json(_ node: Yams.Node, context: String) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if let problem = YAMLScalar.numberProblem(scalar) {
                error(
                    .field, problem, at: node.mark,
                    hint: "write a number a 64-bit float holds exactly, or quote it to keep it as text")
            }
            return YAMLScalar.value(of: scalar)
        case .sequence(let items):
            return .array(items.map { json($0, context: context) })
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            var seen: [String: SourceLocation?] = [:]
            for (keyNode, value) in mapping {
                guard
                    let key = key(
                        keyNode, what: "a key in \(context)", seen: &seen,
                        duplicate: { "\(context) has the key `\($0)` twice" },
                        duplicateHint: "keep one of them")
                else { continue }
                object[key] = json(value, context: context)
            }
            return .object(object)
        case .alias:
            return .null
        }
    }

    private func scalarValue(_ node: Yams.Node) -> JSONValue? {
        if case .scalar(let scalar) = node { return YAMLScalar.value(of: scalar) }
        return nil
    }

    /// A mapping key as text, or nil (and a diagnostic) when it is not text or repeats one.
    private mutating func key(
        _ node: Yams.Node, what: String, seen: inout [String: SourceLocation?],
        duplicate: (String) -> String = { "the key `\($0)` is used twice" },
        duplicateHint: Hint = "keep one of them"
    ) -> String? {
        guard case .scalar(let scalar) = node else {
            error(.field, "\(what) must be text", at: node.mark, hint: "use a plain name as the key")
            return nil
        }
        let key = scalar.string
        if let first = seen[key] {
            let at = first.map { " (first at line \($0.line), column \($0.column))" } ?? ""
            error(.field, duplicate(key) + at, at: node.mark, hint: duplicateHint)
            return nil
        }
        seen[key] = location(node.mark)
        return key
    }

    // MARK: Diagnostics

    private func location(_ mark: Mark?) -> SourceLocation? {
        composed.hasLocations ? composed.location(mark) : nil
    }

    private mutating func error(_ kind: Diagnostic.Kind, _ message: String, at mark: Mark?, hint: Hint?) {
        diagnostics.append(Diagnostic(.error, kind, message, hint: hint, file: path, location: location(mark)))
    }
}
