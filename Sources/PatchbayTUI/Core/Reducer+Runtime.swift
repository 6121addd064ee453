import PatchbayCore
import PatchbayPresentation

extension Reducer {
    /// The app reducer's routing of a runtime report to the feature that owns it.
    static func apply(_ state: inout AppState, _ report: RuntimeReport) -> [Effect] {
        switch report {
        case .run(let report): return run(&state, report)
        case .document(let report): return document(&state, report)
        case .prompt(let report): return prompt(&state, report)
        case .history(let report): return history(&state, report)
        case .eval(let event): return evalEvent(&state, event)
        case .message(let text, let level):
            state.message = StatusMessage(text: text, level: level, at: state.now)
            return []
        }
    }

    /// The run/debugger feature.
    static func run(_ state: inout AppState, _ report: RunReport) -> [Effect] {
        switch report {
        case .event(let event):
            runEvent(&state, event)
        case .refused(let message):
            fail(&state, message)
        case .stepRerun(let step):
            state.run.steps.append(step)
            state.run.statuses[step.path.nodePath] = NodeStatus(step.status)
            state.run.traceSelection = state.run.steps.count - 1
            info(&state, "Re-ran `\(step.path)`: \(step.status.rawValue) in \(Int(step.duration * 1000)) ms")
        case .humanQuestion(let id, let question):
            state.popups.stack.append(.input(CommandLineModel(), purpose: .humanAnswer(id: id, question: question)))
            info(&state, "`\(question.path)` needs an answer (Enter answers, Esc declines)")
        }
        return []
    }

    /// The graph-editing feature: validation, saves, the file on disk, sub-graphs.
    static func document(_ state: inout AppState, _ report: DocumentReport) -> [Effect] {
        switch report {
        case .problems(let problems, let revision):
            guard revision == state.editing.document.revision else { return [] }
            state.editing.problems = problems
        case .saved(let path, let graph, let fingerprint):
            state.editing.document.path = path
            state.editing.document.savedGraph = graph
            state.editing.document.fingerprint = fingerprint
            info(&state, "Saved \(path)")
            if state.quitAfterSave {
                state.quit = true
                return [.quit]
            }
        case .saveFailed(let message):
            state.quitAfterSave = false
            fail(&state, message)
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
            state.promptEditor.current = promptState(for: state)
            info(&state, "Reloaded from disk")
            return graphChanged(&state)
        case .reloadFailed(let message):
            fail(&state, message)
        case .subgraphOpened(let node, let graph, let path):
            state.editing.scope.append(
                ScopeFrame(node: node, graph: graph, path: path, selectionBefore: state.editing.selection))
            state.editing.selection = graph.nodes.first?.id
            state.editing.viewport = GraphViewport(x: 0, y: 0)
            info(&state, "Inside `\(node)` (\(path)); Esc goes back")
        case .subgraphWritten(let path):
            info(&state, "Wrote \(path)")
        }
        return []
    }

    /// The prompt-editor feature.
    static func prompt(_ state: inout AppState, _ report: PromptReport) -> [Effect] {
        switch report {
        case .externalEditFinished(let node, let field, let text):
            guard let text else { return [] }
            state.promptEditor.current = PromptState(
                node: node, field: field, editor: TextEditor(text: state.graph[node]?[field]?.stringValue ?? ""))
            guard state.graph[node]?[field]?.stringValue != text else {
                info(&state, "No change from the editor")
                return []
            }
            let effects = edit(&state, "edit `\(node).\(field)` in the editor") {
                guard let i = $0.index(of: node) else { return }
                $0.nodes[i].fields[field] = .string(text)
            }
            state.promptEditor.current = PromptState(node: node, field: field, editor: TextEditor(text: text))
            return effects
        }
    }
}
