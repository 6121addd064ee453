/// What an `llm` node sends for given inputs, built as the engine builds its request: the
/// prompts rendered, the examples in place. (A `tools = "prompted"` alias adds the tools'
/// protocol on top when the node has tools.) The workbench shows it beside a recorded step,
/// rendered from the node as that run had it and the inputs the step recorded.
public enum SentPrompt {
    /// `["prompt": TEXT]` in complete mode, else `["messages": [{role, content}…]]`: the shape a
    /// vote's sample step records as its inputs. Throws what the node's executor would.
    public static func of(_ node: Node, inputs: [String: JSONValue]) throws -> [String: JSONValue] {
        // Neither changes the text sent, and both may read files (a `$ref` schema, graph tools).
        var node = node
        node.fields["schema"] = nil
        node.fields["tools"] = nil
        return LLMExecutor.inputs(try LLMExecutor(node).rendered(inputs))
    }
}
