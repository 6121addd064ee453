import PatchbayCore

/// Selecting a step in the trace moves the graph with it: the step's top-level node is
/// selected (a step inside a sub-graph, `outer/inner`, selects `outer`), the prompt pane
/// follows, and the graph pane scrolls to it.
enum TraceFollow {
    static func select(_ state: inout AppState, _ index: Int) {
        guard state.run.steps.indices.contains(index) else { return }
        state.run.traceSelection = index
        state.inspector.scroll = 0
        state.inspector.cursor = 0
        // Inside a sub-graph view the top-level node is not on screen: the selection stays.
        guard state.editing.scope.isEmpty, let top = state.run.steps[index].path.components.first?.node,
            state.graph[top] != nil, state.editing.selection != top
        else { return }
        state.editing.selection = top
        if state.promptEditor.current?.editing != true {
            state.promptEditor.current = PromptEditorReducer.promptState(for: state)
        }
        GraphEditingReducer.followSelection(&state)
    }
}
