import PatchbayCore

extension GraphEditingReducer {
    /// What came of validation, saves, reloads and sub-graphs.
    static func report(_ state: inout AppState, _ report: DocumentReport) -> [Effect] {
        switch report {
        case .problems(let problems, let revision):
            guard revision == state.editing.document.revision else { return [] }
            state.editing.problems = problems
        case .saved(let path, let graph, let fingerprint):
            state.editing.document.path = path
            state.editing.document.savedGraph = graph
            state.editing.document.fingerprint = fingerprint
            state.info("Saved \(path)")
            if state.quitAfterSave {
                state.quit = true
                return [.quit]
            }
        case .saveFailed(let message):
            state.quitAfterSave = false
            state.fail(message)
        case .changedOnDisk:
            state.quitAfterSave = false
            if !state.popups.stack.contains(where: { if case .confirm(_, .changedOnDisk) = $0 { true } else { false } })
            {
                state.popups.stack.append(
                    .confirm(
                        Confirm.changedOnDisk(file: state.editing.document.path ?? "the file"), purpose: .changedOnDisk)
                )
            }
        case .reloaded(let graph, let fingerprint):
            state.editing.document = DocumentState(
                graph: graph, path: state.editing.document.path, fingerprint: fingerprint)
            state.editing.history = EditHistory()
            if state.editing.selection.map({ graph[$0] == nil }) ?? true {
                state.editing.selection = graph.nodes.first?.id
            }
            state.promptEditor.current = PromptEditorReducer.promptState(for: state)
            state.info("Reloaded from disk")
            return graphChanged(&state)
        case .reloadFailed(let message):
            state.fail(message)
        case .subgraphOpened(let node, let graph, let path, let users):
            let sharedWith =
                SubgraphUsers.siblings(
                    of: node, in: state.shownGraph, parentPath: state.editing.scopePath ?? state.editing.document.path)
                + users
            state.editing.scope.append(
                ScopeFrame(
                    node: node, graph: graph, path: path, selectionBefore: state.editing.selection,
                    sharedWith: sharedWith))
            state.editing.selection = graph.nodes.first?.id
            state.editing.viewport = GraphViewport(x: 0, y: 0)
            if state.promptEditor.current?.editing != true {
                state.promptEditor.current = PromptEditorReducer.promptState(for: state)
            }
            let file = PathText.fileName(path)
            if sharedWith.isEmpty {
                state.info("Inside `\(node)` (\(file)): edits save that file; Esc goes back")
            } else {
                state.warn(
                    "Inside `\(node)`: \(file) is also used by \(sharedWith.joined(separator: ", ")); edits change it there too (Esc goes back)"
                )
            }
        case .subgraphWritten(let path):
            state.info("Wrote \(path)")
        case .subgraphsSaved(let saved, let failed):
            // The texts read go to the edit that asked, for its undo; a file not written leaves it.
            func record(_ edits: inout [GraphEdit]) {
                for index in edits.indices {
                    edits[index].subgraphs = edits[index].subgraphs.compactMap { file in
                        guard file.before == nil else { return file }
                        return saved.first { $0.path == file.path && $0.graph == file.graph }
                            ?? (failed == nil ? file : nil)
                    }
                }
            }
            let pending = state.editing.history.undo.flatMap(\.subgraphs).filter { $0.before == nil }
            record(&state.editing.history.undo)
            record(&state.editing.history.redo)
            if let failed {
                dropUnsaved(&state, pending.filter { file in !saved.contains { $0.path == file.path } })
                state.fail(failed)
            }
        }
        return []
    }
}
