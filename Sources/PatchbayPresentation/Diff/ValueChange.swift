import PatchbayCore

/// A named value (an input, an output, a port) that differs between two runs; nil where one run has
/// no value.
public struct ValueChange: Sendable, Hashable {
    public var name: String
    public var a: JSONValue?
    public var b: JSONValue?

    public init(name: String, a: JSONValue?, b: JSONValue?) {
        self.name = name
        self.a = a
        self.b = b
    }

    /// The names whose values differ, sorted.
    public static func changes(_ x: [String: JSONValue], _ y: [String: JSONValue]) -> [ValueChange] {
        Set(x.keys).union(y.keys).sorted().compactMap { key in
            x[key] == y[key] ? nil : ValueChange(name: key, a: x[key], b: y[key])
        }
    }
}
