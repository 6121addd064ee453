import Foundation

/// A pipeline: nodes joined by wires, as one graph file holds it.
///
/// Node order is the file's order and is kept on save, so a one-field edit stays a one-line diff.
/// The model allows invalid states (an unknown kind, a dangling wire) because an editor passes
/// through them; `GraphValidator` reports them.
public struct Graph: Sendable, Hashable {
    /// The `patchbay:` format version the file declares.
    public var formatVersion: Int
    public var title: String?
    public var description: String?
    public var nodes: [Node]
    public var wires: [Wire]

    public init(
        formatVersion: Int = 1, title: String? = nil, description: String? = nil, nodes: [Node] = [], wires: [Wire] = []
    ) {
        self.formatVersion = formatVersion
        self.title = title
        self.description = description
        self.nodes = nodes
        self.wires = wires
    }

    public subscript(id: String) -> Node? {
        nodes.first { $0.id == id }
    }

    public func index(of id: String) -> Int? {
        nodes.firstIndex { $0.id == id }
    }
}

/// One node of a graph: an id unique in its graph, a kind, and the kind's fields.
public struct Node: Sendable, Hashable {
    public var id: String
    /// Kept as written so an unknown kind can be reported with its spelling.
    public var kindName: String
    /// Field values other than `kind`, as written (JSON values).
    public var fields: [String: JSONValue]

    public init(id: String, kind: NodeKind, fields: [String: JSONValue] = [:]) {
        self.init(id: id, kindName: kind.rawValue, fields: fields)
    }

    public init(id: String, kindName: String, fields: [String: JSONValue] = [:]) {
        self.id = id
        self.kindName = kindName
        self.fields = fields
    }

    public var kind: NodeKind? { NodeKind(rawValue: kindName) }

    public subscript(field: String) -> JSONValue? {
        get { fields[field] }
        set { fields[field] = newValue }
    }
}

/// `from.port -> to.port`. A missing port means the node's only (or primary) port.
public struct Wire: Sendable, Hashable, CustomStringConvertible {
    public var from: PortRef
    public var to: PortRef

    public init(from: PortRef, to: PortRef) {
        self.from = from
        self.to = to
    }

    /// Parses `a.out -> b.in`; nil when the text has no `->` or an empty side.
    public init?(parsing text: String) {
        let parts = text.components(separatedBy: "->")
        guard parts.count == 2,
            let from = PortRef(parsing: parts[0]), let to = PortRef(parsing: parts[1])
        else { return nil }
        self.init(from: from, to: to)
    }

    public var description: String { "\(from) -> \(to)" }
}

public struct PortRef: Sendable, Hashable, CustomStringConvertible {
    public var node: String
    public var port: String?

    public init(node: String, port: String? = nil) {
        self.node = node
        self.port = port
    }

    init?(parsing raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, !text.contains(where: \.isWhitespace) else { return nil }
        if let dot = text.firstIndex(of: ".") {
            let node = String(text[..<dot])
            let port = String(text[text.index(after: dot)...])
            guard !node.isEmpty, !port.isEmpty else { return nil }
            self.init(node: node, port: port)
        } else {
            self.init(node: text)
        }
    }

    public var description: String { port.map { "\(node).\($0)" } ?? node }
}
