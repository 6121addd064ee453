import PatchbayCore

/// The prompt editor: the selected node's template, edited in place or in `$EDITOR`.
enum PromptEditorReducer {
    static func reduce(_ state: inout AppState, _ action: PromptEditorAction) -> [Effect] {
        switch action {
        case .edit: startEditing(&state)
        case .key(let key): return self.key(&state, key)
        case .externalEditor:
            guard let prompt = state.promptEditor.current ?? promptState(for: state) else {
                state.warn("The selected node has no prompt to edit")
                return []
            }
            return [.externalEditor(text: prompt.editor.text, node: prompt.node, field: prompt.field)]
        case .report(let report): return self.report(&state, report)
        }
        return []
    }

    /// The prompt editor's subject for the selected node: its first template field that is
    /// set (`prompt`, `template`, `system`, …), or the kind's first one when none is.
    static func promptState(for state: AppState) -> PromptState? {
        guard let node = state.selectedNode, let kind = node.kind,
            let spec = KindSpec.catalogue[kind]
        else { return nil }
        let fields = spec.fields.filter { if case .text(template: true) = $0.type { true } else { false } }
        guard let field = fields.first(where: { node[$0.name] != nil }) ?? fields.first else { return nil }
        return PromptState(
            node: node.id, field: field.name, editor: TextEditor(text: node[field.name]?.stringValue ?? ""))
    }

    static func startEditing(_ state: inout AppState) {
        if state.promptEditor.current == nil || state.promptEditor.current?.node != state.editing.selection {
            state.promptEditor.current = promptState(for: state)
        }
        guard state.promptEditor.current != nil else {
            state.warn("The selected node has no prompt or template to edit (E edits any field)")
            return
        }
        state.promptEditor.current?.editing = true
        state.focus = .prompt
        state.info(
            "Editing `\(state.promptEditor.current!.node).\(state.promptEditor.current!.field)`: Esc to finish, C-z undo"
        )
    }

    static func key(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch key {
        case .escape:
            state.promptEditor.current?.editing = false
            return commitPrompt(&state)
        case .ctrl("s"):
            return GraphEditingReducer.save(&state, force: false)
        default:
            guard let command = EditorKeys.command(for: key) else { return [] }
            state.promptEditor.current?.editor.perform(command)
            return []
        }
    }

    /// Writes the editor's text into the graph as one undoable edit (when it changed).
    static func commitPrompt(_ state: inout AppState) -> [Effect] {
        guard let prompt = state.promptEditor.current, let node = state.shownGraph[prompt.node] else { return [] }
        let text = prompt.editor.text
        guard node[prompt.field]?.stringValue ?? "" != text else { return [] }
        let editing = prompt.editing
        let effects = GraphEditingReducer.edit(&state, "edit `\(prompt.node).\(prompt.field)`") {
            guard let i = $0.index(of: prompt.node) else { return }
            $0.nodes[i].fields[prompt.field] = .string(text)
        }
        // The editor keeps its cursor and undo history across the commit.
        state.promptEditor.current = prompt
        state.promptEditor.current?.editing = editing
        return effects
    }

    /// Inputs the preview renders with: the paused node's pending inputs, else its last step's.
    static func previewInputs(_ state: AppState) -> [String: JSONValue] {
        guard let node = state.promptEditor.current?.node else { return [:] }
        let path = state.editing.scopePrefix + node
        if let pause = state.run.pause, pause.path.nodePath == path { return pause.inputs }
        return state.shownStep(of: node)?.inputs ?? state.run.startedInputs[path] ?? [:]
    }

    /// `$EDITOR` came back.
    static func report(_ state: inout AppState, _ report: PromptReport) -> [Effect] {
        switch report {
        case .externalEditFinished(let node, let field, let text):
            guard let text else { return [] }
            state.promptEditor.current = PromptState(
                node: node, field: field, editor: TextEditor(text: state.shownGraph[node]?[field]?.stringValue ?? ""))
            guard state.shownGraph[node]?[field]?.stringValue != text else {
                state.info("No change from the editor")
                return []
            }
            let effects = GraphEditingReducer.edit(&state, "edit `\(node).\(field)` in the editor") {
                guard let i = $0.index(of: node) else { return }
                $0.nodes[i].fields[field] = .string(text)
            }
            state.promptEditor.current = PromptState(node: node, field: field, editor: TextEditor(text: text))
            return effects
        }
    }
}
