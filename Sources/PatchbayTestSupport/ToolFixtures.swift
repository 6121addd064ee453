/// What the tool-loop tests share.
public enum ToolFixtures {
    /// `shout`: a graph file used as a tool, upper-casing `text` with jq, so a tool loop can be
    /// tested without an MCP server, and its own steps show below the call.
    public static let shout = """
        patchbay: 1
        description: Says a text loudly.
        nodes:
          text: { kind: input, type: string, description: What to say }
          upper: { kind: jq, jq: 'ascii_upcase' }
          loud: { kind: output, type: string }
        wires:
          - text -> upper
          - upper -> loud

        """
}
