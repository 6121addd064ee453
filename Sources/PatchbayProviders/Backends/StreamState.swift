import PatchbayCore

/// What a stream has delivered so far.
struct StreamState: Sendable {
    var text = ""
    var tokens = 0
    var usage: TokenUsage?
    var stopReason: String?
    /// The tool calls streamed so far, by their index in the turn.
    var toolCalls = ToolCallAssembly()
    /// The longest answer taken (`value_bytes`), for callers that don't count the stream
    /// themselves, as an llm node does (an eval judge). Tool calls' arguments count toward it
    /// too: no caller sees them before the turn ends.
    let limit: Int
    private var bytes = 0

    init(limit: Int) { self.limit = limit }

    /// Appends a non-empty delta and reports it: the answer has started, here is its token. Past
    /// `limit` it fails, after reporting, so a caller counting the tokens sees the same overflow.
    mutating func add(_ delta: String?, _ events: AttemptEvents) throws(ProviderFailure) {
        guard let delta, !delta.isEmpty else { return }
        text += delta
        tokens += 1
        bytes += delta.utf8.count
        events.started()
        events.token(delta)
        if bytes > limit { throw .oversized(what: "an answer", limit: limit) }
    }

    /// Takes one fragment of tool call `index`. It starts the answer (the first-token watchdog
    /// must not fire on a model that is busy writing a call) but is no text delta: the node shows
    /// calls once they are whole.
    mutating func addTool(
        index: Int, id: String? = nil, name: String? = nil, arguments: String? = nil, _ events: AttemptEvents
    ) throws(ProviderFailure) {
        toolCalls.add(index: index, id: id, name: name, arguments: arguments)
        events.started()
        guard let arguments, !arguments.isEmpty else { return }
        tokens += 1
        bytes += arguments.utf8.count
        if bytes > limit { throw .oversized(what: "an answer's tool calls", limit: limit) }
    }
}
