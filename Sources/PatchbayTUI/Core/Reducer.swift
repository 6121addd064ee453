import Foundation
import PatchbayCore

/// The workbench's one state transition: `reduce(&state, action) -> [effect]`. Pure: no I/O,
/// no clock (time arrives in `.tick`), so tests drive it key by key.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key): return handle(&state, key: key)
        case .perform(let id): return perform(&state, id)
        case .command(let text): return command(&state, text)
        case .resize(let width, let height):
            state.width = width
            state.height = height
            return []
        case .tick(let date):
            state.now = date
            if (state.run.active && state.run.pause == nil) || state.eval.running { state.spinnerFrame &+= 1 }
            if let message = state.message, message.level == .info, date.timeIntervalSince(message.at) > 6 {
                state.message = nil
            }
            return []
        case .runtime(let report): return apply(&state, report) + afterRuntime(&state, report)
        }
    }

    static func handle(_ state: inout AppState, key: Key) -> [Effect] {
        if case .resize = key { return [] }
        if case .mouse(let x, let y, let wheel) = key { return mouse(&state, x: x, y: y, wheel: wheel) }
        // Ctrl-C belongs to the run wherever the focus is, so it never closes the app.
        if key == .ctrl("c") { return perform(&state, .cancelRun) }
        if !state.popups.stack.isEmpty { return popupKey(&state, key) }
        if state.promptEditor.current?.editing == true { return promptKey(&state, key) }
        guard let id = state.keymap.action(for: key, focus: state.focus) else { return [] }
        return perform(&state, id)
    }

    static func perform(_ state: inout AppState, _ id: ActionID) -> [Effect] {
        switch id {
        case .quit: return quit(&state)
        case .back: return back(&state)
        case .help: state.popups.stack.append(.help(helpModel(state)))
        case .palette: state.popups.stack.append(.palette(Palette(items: paletteItems(state))))
        case .commandLine: state.popups.stack.append(.command(CommandLineModel(history: state.popups.commandHistory)))
        case .save: return save(&state, force: false)
        case .undo: return undo(&state)
        case .redo: return redo(&state)
        case .redraw: return [.redraw]
        case .toggleMouse:
            state.mouse.toggle()
            info(&state, "Mouse \(state.mouse ? "on" : "off")")
            return [.setMouse(state.mouse)]
        case .reload: return state.editing.document.path.map { [.reload(path: $0)] } ?? []
        case .nextPane, .previousPane, .focus1, .focus2, .focus3, .focus4, .focus5, .focus6, .focus7, .focus8, .focus9,
            .zoom, .grow, .shrink, .nextLayout:
            view(&state, id)
        case .cancelRun where !state.run.active && state.eval.running:
            return cancelEval(&state)
        case .forkFromStep, .replayRun:
            if let shown = state.runHistory.shown { return historyRunControl(&state, id, shown: shown) }
            return runControl(&state, id)
        case .run, .step, .continueRun, .toggleBreakpoint, .runToNode, .rerunNode, .rerunFrom, .cancelRun,
            .editPausedInputs, .inputsForm:
            return runControl(&state, id)
        case .openRun: return openSelectedRun(&state)
        case .startEval: askForCases(&state)
        case .openEvalSample: return openEvalSample(&state)
        case .previousSample: moveSample(&state, by: -1)
        case .nextSample: moveSample(&state, by: 1)
        case .moveLeft, .moveRight, .moveUp, .moveDown, .enterNode, .find:
            return navigate(&state, id)
        case .addNode, .deleteNode, .renameNode, .editField, .connect, .disconnect, .insertOnWire, .duplicate, .mark,
            .extract:
            return editGraph(&state, id)
        case .editPrompt: startPromptEditing(&state)
        case .externalEditor:
            guard let prompt = state.promptEditor.current ?? promptState(for: state) else {
                warn(&state, "The selected node has no prompt to edit")
                return []
            }
            return [.externalEditor(text: prompt.editor.text, node: prompt.node, field: prompt.field)]
        case .scrollUp, .scrollDown, .pageUp, .pageDown, .top, .bottom, .toggleFold, .foldAll, .unfoldAll, .toggleWrap:
            scroll(&state, id)
        }
        return []
    }

    // MARK: Quitting and backing out

    static func quit(_ state: inout AppState) -> [Effect] {
        if !state.popups.stack.isEmpty {
            state.popups.stack.removeLast()
            return []
        }
        if state.editing.document.isModified {
            state.popups.stack.append(
                .confirm(
                    Confirm.quitWithoutSaving(file: state.editing.document.path.map(PathText.fileName) ?? "this graph"),
                    purpose: .quitUnsaved))
            return []
        }
        state.quit = true
        return [.quit]
    }

    static func back(_ state: inout AppState) -> [Effect] {
        if !state.popups.stack.isEmpty {
            state.popups.stack.removeLast()
        } else if let frame = state.editing.scope.popLast() {
            state.editing.selection = frame.selectionBefore
            state.editing.viewport = GraphViewport(x: 0, y: 0)
        } else if state.zoomed != nil {
            state.zoomed = nil
        } else if !state.editing.marked.isEmpty {
            state.editing.marked = []
        } else if state.run.traceSelection != nil {
            state.run.traceSelection = nil
        } else {
            state.message = nil
        }
        return []
    }

    // MARK: Undo

    static func undo(_ state: inout AppState) -> [Effect] {
        guard let edit = state.editing.history.undo.popLast() else {
            info(&state, "Nothing to undo")
            return []
        }
        state.editing.history.redo.append(edit)
        return restore(&state, edit.before, selection: edit.selectionBefore, message: "Undid: \(edit.label)")
    }

    static func redo(_ state: inout AppState) -> [Effect] {
        guard let edit = state.editing.history.redo.popLast() else {
            info(&state, "Nothing to redo")
            return []
        }
        state.editing.history.undo.append(edit)
        return restore(&state, edit.after, selection: edit.selectionAfter, message: "Redid: \(edit.label)")
    }

    private static func restore(_ state: inout AppState, _ graph: Graph, selection: String?, message: String)
        -> [Effect]
    {
        state.editing.document.graph = graph
        state.editing.selection = selection ?? state.editing.selection
        info(&state, message)
        let effects = graphChanged(&state)
        followSelection(&state)
        return effects
    }

    /// Records an undoable change of the graph. Every graph edit goes through here.
    static func edit(_ state: inout AppState, _ label: String, select: String? = nil, _ change: (inout Graph) -> Void)
        -> [Effect]
    {
        var graph = state.graph
        change(&graph)
        guard graph != state.graph else { return [] }
        state.editing.history.undo.append(
            GraphEdit(
                label: label, before: state.graph, after: graph, selectionBefore: state.editing.selection,
                selectionAfter: select ?? state.editing.selection))
        state.editing.history.redo = []
        state.editing.document.graph = graph
        if let select { state.editing.selection = select }
        if let selection = state.editing.selection, graph[selection] == nil {
            state.editing.selection = graph.nodes.first?.id
        }
        info(&state, label.prefix(1).uppercased() + label.dropFirst())
        let effects = graphChanged(&state)
        followSelection(&state)
        return effects
    }

    /// After any change of the graph: revalidate, and keep the prompt editor on a node that exists.
    static func graphChanged(_ state: inout AppState) -> [Effect] {
        state.editing.document.revision += 1
        state.editing.marked = state.editing.marked.filter { state.graph[$0] != nil }
        if let prompt = state.promptEditor.current, !prompt.editing {
            state.promptEditor.current = promptState(for: state)
        }
        return [.validate(state.graph, path: state.editing.document.path, revision: state.editing.document.revision)]
    }

    static func save(_ state: inout AppState, force: Bool) -> [Effect] {
        let effects = commitPrompt(&state)
        guard let path = state.editing.document.path else {
            warn(&state, "This graph has no file yet; save it with :w FILE.graph.yaml")
            return effects
        }
        return effects + [.save(state.graph, path: path, expected: state.editing.document.fingerprint, force: force)]
    }

    // MARK: Messages

    static func info(_ state: inout AppState, _ text: String) {
        state.message = StatusMessage(text: text, level: .info, at: state.now)
    }

    static func warn(_ state: inout AppState, _ text: String) {
        state.message = StatusMessage(text: text, level: .warning, at: state.now)
    }

    static func fail(_ state: inout AppState, _ text: String) {
        state.message = StatusMessage(text: text, level: .error, at: state.now)
    }
}
