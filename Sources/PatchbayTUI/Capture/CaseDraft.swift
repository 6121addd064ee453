import PatchbayCore

/// A case being captured from a run: its inputs, and the output its expectation checks (nil:
/// the graph has no output node, so the case only checks the run passes).
public struct CaseDraft: Sendable, Hashable {
    /// The cases file, absolute: `NAME.cases.yaml` beside the graph.
    public var casesPath: String
    public var inputs: [String: JSONValue]
    public var output: String?
    /// The run's value was text: what is typed is taken as text unless it is a quoted string.
    public var textual: Bool

    public init(casesPath: String, inputs: [String: JSONValue], output: String?, textual: Bool) {
        self.casesPath = casesPath
        self.inputs = inputs
        self.output = output
        self.textual = textual
    }

    /// What is typed in the field, as the value the expectation wants; nil when left empty.
    func expected(_ text: String) -> JSONValue? {
        guard !text.isEmpty else { return nil }
        if textual && !text.hasPrefix("\"") { return .string(text) }
        return FieldText.inputValue(text)
    }
}
