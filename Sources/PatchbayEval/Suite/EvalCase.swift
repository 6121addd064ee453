import PatchbayCore

/// One case: the graph's inputs and what its output must satisfy.
public struct EvalCase: Sendable, Hashable {
    public var id: String
    public var inputs: [String: JSONValue]
    public var expectations: [Expectation]
    /// Where the case starts in its file (1-based), for messages.
    public var line: Int

    public init(id: String, inputs: [String: JSONValue], expectations: [Expectation] = [], line: Int = 0) {
        self.id = id
        self.inputs = inputs
        self.expectations = expectations
        self.line = line
    }
}
