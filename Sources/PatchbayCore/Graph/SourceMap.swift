/// A 1-based line and column in a graph file.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Self, b: Self) -> Bool { (a.line, a.column) < (b.line, b.column) }
    public var description: String { "\(line):\(column)" }
}

/// What in a graph file a location points at.
public enum SourceElement: Sendable, Hashable {
    /// A top-level key such as `title` or `nodes`.
    case topLevel(String)
    /// The key of a node (its id).
    case node(String)
    /// A field key inside a node (`kind`, `prompt`, …).
    case field(node: String, field: String)
    /// The n-th entry of `wires` (0-based).
    case wire(Int)
}

/// Where each element of a graph stood in the file it was read from.
public struct SourceMap: Sendable, Hashable {
    public var locations: [SourceElement: SourceLocation] = [:]

    public init() {}

    public subscript(element: SourceElement) -> SourceLocation? {
        get { locations[element] }
        set { locations[element] = newValue }
    }

    /// The best location for a node's field: the field, else the node.
    public func location(node: String, field: String? = nil) -> SourceLocation? {
        if let field, let loc = locations[.field(node: node, field: field)] { return loc }
        return locations[.node(node)]
    }
}
