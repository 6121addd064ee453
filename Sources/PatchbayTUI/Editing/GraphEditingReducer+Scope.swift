import Foundation
import PatchbayCore

/// Edits inside an entered sub-graph. The graph pane shows the sub-graph's own file, so an edit
/// there changes that file: saved at once (atomically, as applying an improve candidate inside a
/// sub-graph does), one undo step that puts its text back, and a warning when other graphs of the
/// project include the same file.
extension GraphEditingReducer {
    static func editInside(
        _ state: inout AppState, _ label: String, select: String?, subgraphs: [SubgraphEdit],
        _ change: (inout Graph) -> Void
    ) -> [Effect] {
        guard let frame = state.editing.scope.last else { return [] }
        var graph = frame.graph
        change(&graph)
        guard graph != frame.graph else { return [] }
        let file = SubgraphEdit(path: frame.path, graph: graph, previous: frame.graph)
        let label = label + " in \(PathText.fileName(frame.path))"
        state.editing.history.undo.append(
            GraphEdit(
                label: label, before: state.graph, after: state.graph, selectionBefore: state.editing.selection,
                selectionAfter: select ?? state.editing.selection, subgraphs: [file] + subgraphs))
        state.editing.history.redo = []
        state.editing.scope[state.editing.scope.count - 1].graph = graph
        if let select { selectionMoved(&state, to: select) }
        if let selection = state.editing.selection, graph[selection] == nil {
            selectionMoved(&state, to: graph.nodes.first?.id)
        }
        let text = label.prefix(1).uppercased() + label.dropFirst() + ", saved (u undoes it)"
        if frame.sharedWith.isEmpty {
            state.info(text)
        } else {
            state.warn(text + "; also used by " + frame.sharedWith.joined(separator: ", "))
        }
        let effects = [Effect.saveSubgraphs([file] + subgraphs)] + graphChanged(&state)
        followSelection(&state)
        return effects
    }

    /// After undo or redo of an edit that wrote sub-graph files: an entered sub-graph showing one
    /// of them shows it as the file now is.
    static func showSubgraphs(_ state: inout AppState, _ files: [SubgraphEdit], undone: Bool) {
        for file in files {
            let shown =
                undone
                ? file.previous ?? file.before.flatMap { try? GraphCodec.decode($0, path: file.path).graph }
                : file.graph
            guard let shown else { continue }
            for index in state.editing.scope.indices
            where samePath(state.editing.scope[index].path, file.path) {
                state.editing.scope[index].graph = shown
            }
        }
    }

    /// Edits made inside a sub-graph whose file was not saved: the sub-graph shows the file as
    /// it was, and the edit (nothing of it left) leaves the undo history.
    static func dropUnsaved(_ state: inout AppState, _ files: [SubgraphEdit]) {
        let unsaved = files.filter { $0.previous != nil }
        guard !unsaved.isEmpty else { return }
        showSubgraphs(&state, unsaved, undone: true)
        state.editing.history.undo.removeAll { $0.before == $0.after && $0.subgraphs.isEmpty }
        if state.promptEditor.current?.editing != true {
            state.promptEditor.current = PromptEditorReducer.promptState(for: state)
        }
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        GraphLoader.absolutePath(a) == GraphLoader.absolutePath(b)
    }

    /// The folder new files of the shown graph go in (extract): the entered sub-graph's, else the
    /// graph file's.
    static func shownFolder(_ state: AppState) -> String {
        (state.editing.scopePath ?? state.editing.document.path).map(PathText.directory) ?? "."
    }
}
