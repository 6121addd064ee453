/// Every kind of node Patchbay knows. `KindSpec.catalogue` describes each one's fields and ports.
public enum NodeKind: String, CaseIterable, Sendable, Hashable {
    case input
    case output
    case template
    case llm
    case parseJSON = "parse-json"
    case jq
    case `switch`
    case merge
    case check
    case map
    case loop
    case graph
    case command
    case human
    case readFile = "read-file"
    case writeFile = "write-file"
    case mcp

    public var spec: KindSpec { KindSpec.catalogue[self]! }

    /// Kinds that hold a sub-graph file in their `graph` field.
    public var hasSubgraph: Bool { self == .map || self == .loop || self == .graph }
}

/// The type a port carries. `any` matches everything; an `integer` fits a `number` port.
public enum PortType: String, CaseIterable, Sendable, Hashable {
    case any, string, number, integer, boolean, object, array

    /// Whether a value of type `self` may flow into a port of type `target`.
    public func fits(_ target: PortType) -> Bool {
        self == target || self == .any || target == .any || (self == .integer && target == .number)
    }

    /// Whether a run-time value conforms.
    public func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (.any, _): true
        case (.string, .string), (.boolean, .bool), (.array, .array), (.object, .object), (.number, .number): true
        case (.integer, .number(let n)): n.rounded() == n
        default: false
        }
    }
}
