import PatchbayCore

extension Screen {
    /// A trace step as it ran: the node's config and the prompt it sent come from the graph
    /// its run ran (a stored run's copy, or the graph the session's run started with), not the
    /// graph being edited, and the header says when the two differ.
    static func stepContent(_ state: AppState, at index: Int) -> InspectorContent {
        let step = state.run.steps[index]
        let ran = state.runHistory.ranGraph
        let node = step.path.components.count == 1 ? (ran ?? state.graph)[step.path.node] : nil
        let conversation = conversation(forStepAt: index, state)
        // Rendered only from the run's own graph: the graph being edited may not be what ran.
        var sent: Result<[String: JSONValue], any Error>?
        if ran != nil, let node, node.kind == .llm, step.kind == .llm, conversation == nil, step.status != .skipped {
            sent = Result { try SentPrompt.of(node, inputs: step.inputs) }
        }
        let notice = ran.flatMap { GraphChangeText.since($0, now: state.graph) }
        // `(as run)` only where it differs from what the graph pane and prompt pane show.
        return InspectorContent.forStep(
            step, node: node, conversation: conversation, sent: sent, asRun: notice != nil, notice: notice)
    }
}
