import PatchbayCore

/// Every change of the graph goes through `edit`, so each is one undo step and revalidates.
extension GraphEditingReducer {
    static func undo(_ state: inout AppState) -> [Effect] {
        guard let edit = state.editing.history.undo.last else {
            state.info("Nothing to undo")
            return []
        }
        guard edit.subgraphs.allSatisfy({ $0.before != nil }) else {
            state.warn("The sub-graph files are still being written: undo again in a moment")
            return []
        }
        state.editing.history.undo.removeLast()
        state.editing.history.redo.append(edit)
        showSubgraphs(&state, edit.subgraphs, undone: true)
        // The files first, so validation after the edit reads them as they are now.
        return (edit.subgraphs.isEmpty ? [] : [.restoreSubgraphs(edit.subgraphs)])
            + restore(&state, edit.before, selection: edit.selectionBefore, message: "Undid: \(edit.label)")
    }

    static func redo(_ state: inout AppState) -> [Effect] {
        guard let edit = state.editing.history.redo.popLast() else {
            state.info("Nothing to redo")
            return []
        }
        state.editing.history.undo.append(edit)
        showSubgraphs(&state, edit.subgraphs, undone: false)
        return (edit.subgraphs.isEmpty ? [] : [.saveSubgraphs(edit.subgraphs)])
            + restore(&state, edit.after, selection: edit.selectionAfter, message: "Redid: \(edit.label)")
    }

    private static func restore(_ state: inout AppState, _ graph: Graph, selection: String?, message: String)
        -> [Effect]
    {
        state.editing.document.graph = graph
        // An edit made inside a sub-graph selected its nodes: only where they are shown.
        if let selection, state.shownGraph[selection] != nil { selectionMoved(&state, to: selection) }
        state.info(message)
        let effects = graphChanged(&state)
        followSelection(&state)
        return effects
    }

    /// Records an undoable change of the graph. Every graph edit goes through here; `subgraphs`
    /// are files it writes too (saved first, put back by its undo).
    static func edit(
        _ state: inout AppState, _ label: String, select: String? = nil, subgraphs: [SubgraphEdit] = [],
        _ change: (inout Graph) -> Void
    ) -> [Effect] {
        if !state.editing.scope.isEmpty {
            return editInside(&state, label, select: select, subgraphs: subgraphs, change)
        }
        var graph = state.graph
        change(&graph)
        guard graph != state.graph || !subgraphs.isEmpty else { return [] }
        state.editing.history.undo.append(
            GraphEdit(
                label: label, before: state.graph, after: graph, selectionBefore: state.editing.selection,
                selectionAfter: select ?? state.editing.selection, subgraphs: subgraphs))
        state.editing.history.redo = []
        state.editing.document.graph = graph
        if let select { selectionMoved(&state, to: select) }
        if let selection = state.editing.selection, graph[selection] == nil {
            selectionMoved(&state, to: graph.nodes.first?.id)
        }
        state.info(label.prefix(1).uppercased() + label.dropFirst())
        let effects = (subgraphs.isEmpty ? [] : [Effect.saveSubgraphs(subgraphs)]) + graphChanged(&state)
        followSelection(&state)
        return effects
    }

    /// An edit (add, duplicate, delete, undo) moved the selection: the inspector starts at the
    /// top of the new node, as after a move; `graphChanged` then points the prompt pane at it.
    static func selectionMoved(_ state: inout AppState, to node: String?) {
        guard node != state.editing.selection else { return }
        state.editing.selection = node
        state.run.traceSelection = nil
        state.inspector.scroll = 0
        state.inspector.cursor = 0
    }

    /// After any change of the graph: revalidate, and keep the prompt pane on the selected node
    /// (also when the node selected before had no prompt), unless a prompt is being edited.
    static func graphChanged(_ state: inout AppState) -> [Effect] {
        state.editing.document.revision += 1
        state.editing.marked = state.editing.marked.filter { state.graph[$0] != nil }
        if state.promptEditor.current?.editing != true {
            state.promptEditor.current = PromptEditorReducer.promptState(for: state)
        }
        return [.validate(state.graph, path: state.editing.document.path, revision: state.editing.document.revision)]
    }

    static func save(_ state: inout AppState, force: Bool) -> [Effect] {
        let effects = PromptEditorReducer.commitPrompt(&state)
        guard let path = state.editing.document.path else {
            state.warn("This graph has no file yet; save it with :w FILE.graph.yaml")
            return effects
        }
        return effects + [.save(state.graph, path: path, expected: state.editing.document.fingerprint, force: force)]
    }
}
