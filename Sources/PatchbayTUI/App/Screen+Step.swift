import PatchbayCore

extension Screen {
    /// A trace step as it ran. For a stored run, the node's config and the prompt it sent come
    /// from the graph that run ran (the store's copy), not the graph being edited, and the
    /// header says when the two differ.
    static func stepContent(_ state: AppState, at index: Int) -> InspectorContent {
        let step = state.run.steps[index]
        let ran = state.runHistory.shown?.graph
        let node = step.path.components.count == 1 ? (ran ?? state.graph)[step.path.node] : nil
        let conversation = conversation(forStepAt: index, state)
        // Rendered only from the run's own graph: the graph being edited may not be what ran.
        var sent: Result<[String: JSONValue], any Error>?
        if ran != nil, let node, node.kind == .llm, step.kind == .llm, conversation == nil, step.status != .skipped {
            sent = Result { try SentPrompt.of(node, inputs: step.inputs) }
        }
        return InspectorContent.forStep(
            step, node: node, conversation: conversation, sent: sent, asRun: ran != nil,
            notice: ran.flatMap { GraphChangeText.since($0, now: state.graph) })
    }
}
