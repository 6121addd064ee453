import Foundation
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

extension TraceFollow {
    /// A move key in the trace: over the steps listed (those the filter matches, when one is set).
    static func move(_ state: inout AppState, _ move: ScrollMove, page: Int) {
        guard let listed = TraceFilter.matches(state.run) else {
            let count = state.run.steps.count
            guard count > 0,
                let index = ViewReducer.moved(state.run.traceSelection ?? count - 1, by: move, count: count, page: page)
            else { return }
            select(&state, index)
            return
        }
        let at = state.run.traceSelection.flatMap { listed.firstIndex(of: $0) } ?? listed.count - 1
        guard let index = ViewReducer.moved(at, by: move, count: listed.count, page: page) else { return }
        select(&state, listed[index])
    }

    /// Lists only the steps whose row holds `text` (empty: all). The selected step stays selected
    /// when it is listed, else the first one listed is selected (the graph and inspector follow).
    static func filter(_ state: inout AppState, _ text: String) {
        state.run.traceFilter = text.trimmingCharacters(in: .whitespaces)
        state.run.traceScroll = 0
        guard let listed = TraceFilter.matches(state.run) else {
            state.info("All \(state.run.steps.count) steps")
            return
        }
        let total = state.run.steps.count
        guard let first = listed.first else {
            state.warn("No step matches `\(state.run.traceFilter)` (/ changes the filter, Esc clears it)")
            return
        }
        if state.run.traceSelection.map(listed.contains) != true { select(&state, first) }
        state.info(
            "Steps matching `\(state.run.traceFilter)`: \(listed.count) of \(total) (/ changes it, Esc clears it)")
    }
}
