import Foundation
import PatchbayCore
import PatchbayStore

extension Screen {
    /// A trace step as it ran: the node's config comes from the graph its run ran (a stored
    /// run's copy, or the graph the session's run started with; for a step inside a sub-graph,
    /// the run's copy of that file), not the graph being edited, and the header says when the
    /// two differ. The prompt is the one recorded with the step; a step recorded before prompts
    /// were shows it rebuilt from the run's graph and its inputs, titled so.
    static func stepContent(_ state: AppState, at index: Int) -> InspectorContent {
        let step = state.run.steps[index]
        let ran = state.runHistory.ranGraph
        var node = step.path.components.count == 1 ? (ran ?? state.graph)[step.path.node] : nil
        var notice = ran.flatMap { GraphChangeText.since($0, now: state.graph) }
        if let ran = state.runHistory.ranSubgraphs,
            let inner = ran.subgraphs.node(at: step.path, top: ran.top, topPath: ran.topPath)
        {
            node = inner.node
            if ran.subgraphs.changed.contains(inner.file) {
                notice = GraphChangeText.subgraph(shortened(inner.file, beside: ran.topPath))
            }
        }
        let conversation = conversation(forStepAt: index, state)
        var sent: InspectorContent.SentPromptSource?
        if let prompt = step.prompt {
            sent = .recorded(prompt)
        } else if ran != nil, let node, node.kind == .llm, step.kind == .llm, conversation == nil,
            step.status != .skipped
        {
            // Rebuilt only from the run's own graph: the graph being edited may not be what ran.
            sent = .rebuilt(Result { try SentPrompt.of(node, inputs: step.inputs) })
        }
        // `(as run)` only where it differs from what the graph pane and prompt pane show.
        return InspectorContent.forStep(
            step, node: node, conversation: conversation, sent: sent, asRun: notice != nil, notice: notice)
    }

    /// A sub-graph file as the notice names it: relative to the folder of the graph that ran
    /// when it lies under it (the session's run keeps absolute paths; a stored run's are
    /// already relative to the project).
    static func shortened(_ file: String, beside top: String?) -> String {
        guard file.hasPrefix("/"), let top else { return file }
        let folder = URL(fileURLWithPath: top).deletingLastPathComponent().standardizedFileURL.path + "/"
        return file.hasPrefix(folder) ? String(file.dropFirst(folder.count)) : file
    }
}
