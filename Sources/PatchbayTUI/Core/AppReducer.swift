import Foundation
import PatchbayCore

/// The workbench's one state transition: `reduce(&state, action) -> [effect]`. Pure: no I/O,
/// no clock (time arrives in `.tick`), so tests drive it key by key.
///
/// This app reducer owns input (keys, `:` commands, resizes, ticks) and routes it to the
/// features; each feature's reducer handles its own action. Feature reducers take the whole
/// `AppState` because a feature's action may touch what others show (an edit moves the
/// prompt editor; a run's start clears the stored run in the trace); each changes its own
/// state and, besides, only the status message, focus and popups.
public enum AppReducer {
    public static func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
        let effects = dispatch(&state, action)
        HistoryReducer.afterEffects(&state, effects)
        return effects
    }

    static func dispatch(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .key(let key): return handle(&state, key: key)
        case .perform(let id): return reduce(&state, route(id, in: state))
        case .command(let text): return command(&state, text)
        case .resize(let width, let height):
            state.width = width
            state.height = height
            return []
        case .tick(let date):
            state.now = date
            if (state.run.active && state.run.pause == nil) || state.eval.run.running || state.improve.run.running {
                state.spinnerFrame &+= 1
            }
            if let message = state.message, message.level == .info, date.timeIntervalSince(message.at) > 6 {
                state.message = nil
            }
            return []
        case .message(let text, let level):
            state.message = StatusMessage(text: text, level: level, at: state.now)
            return []
        case .app(.quit): return quit(&state)
        case .app(.back): return back(&state)
        case .app(.copy): return copy(&state)
        case .view(let action): return ViewReducer.reduce(&state, action)
        case .editing(let action): return GraphEditingReducer.reduce(&state, action)
        case .run(let action): return RunReducer.reduce(&state, action) + HistoryReducer.afterRun(&state, action)
        case .history(let action): return HistoryReducer.reduce(&state, action)
        case .eval(let action): return EvalReducer.reduce(&state, action)
        case .improve(let action): return ImproveReducer.reduce(&state, action)
        case .compare(let action): return CompareReducer.reduce(&state, action)
        case .capture(let action): return CaptureReducer.reduce(&state, action)
        case .prompt(let action): return PromptEditorReducer.reduce(&state, action)
        case .popups(let action): return PopupReducer.reduce(&state, action)
        }
    }

    static func handle(_ state: inout AppState, key: Key) -> [Effect] {
        if case .resize = key { return [] }
        if case .mouse(let x, let y, let wheel) = key { return reduce(&state, .view(.mouse(x: x, y: y, wheel: wheel))) }
        // Ctrl-C belongs to the run wherever the focus is, so it never closes the app.
        if key == .ctrl("c") { return reduce(&state, .perform(.cancelRun)) }
        if !state.popups.stack.isEmpty { return PopupReducer.reduce(&state, .key(key)) }
        if state.promptEditor.current?.editing == true { return PromptEditorReducer.reduce(&state, .key(key)) }
        guard let id = state.keymap.action(for: key, focus: state.focus) else { return [] }
        return reduce(&state, .perform(id))
    }

    /// The feature action a keymap id stands for. Two depend on what is shown: C-c stops an
    /// eval when no run is going, and fork/replay start from a stored run when one is shown.
    static func route(_ id: ActionID, in state: AppState) -> Action {
        switch id {
        case .quit: .app(.quit)
        case .back: .app(.back)
        case .help: .popups(.help)
        case .palette: .popups(.palette)
        case .commandLine: .popups(.commandLine)
        case .save: .editing(.save(force: false))
        case .undo: .editing(.undo)
        case .redo: .editing(.redo)
        case .reload: .editing(.reload)
        case .redraw: .view(.redraw)
        case .toggleMouse: .view(.toggleMouse)
        case .nextPane: .view(.nextPane)
        case .previousPane: .view(.previousPane)
        case .focus1, .focus2, .focus3, .focus4, .focus5, .focus6, .focus7, .focus8, .focus9:
            .view(.focus(Int(id.rawValue.split(separator: ".").last ?? "1") ?? 1))
        case .zoom: .view(.zoom)
        case .grow: .view(.grow)
        case .shrink: .view(.shrink)
        case .nextLayout: .view(.nextLayout)
        case .scrollUp: .view(.scroll(.up))
        case .scrollDown: .view(.scroll(.down))
        case .pageUp: .view(.scroll(.pageUp))
        case .pageDown: .view(.scroll(.pageDown))
        case .top: .view(.scroll(.top))
        case .bottom: .view(.scroll(.bottom))
        case .toggleFold: .view(.scroll(.toggleFold))
        case .toggleCall: .view(.scroll(.toggleCall))
        case .foldAll: .view(.scroll(.foldAll))
        case .unfoldAll: .view(.scroll(.unfoldAll))
        case .toggleWrap: .view(.scroll(.toggleWrap))
        case .copy: .app(.copy)
        case .showMessage: .popups(.message)
        case .cancelRun where !state.run.active && state.eval.run.running: .eval(.cancel)
        case .cancelRun where !state.run.active && state.improve.run.running: .improve(.cancel)
        case .cancelRun: .run(.cancel)
        case .forkFromStep where state.runHistory.shown != nil: .history(.fork)
        case .forkFromStep: .run(.fork)
        case .replayRun where state.runHistory.shown != nil: .history(.replay)
        case .replayRun: .run(.replay)
        case .previousItem: .run(.showItem(.previous))
        case .nextItem: .run(.showItem(.next))
        case .chooseItem: .run(.chooseItem)
        case .run: .run(.start)
        case .step: .run(.step)
        case .continueRun: .run(.continueRun)
        case .toggleBreakpoint: .run(.toggleBreakpoint)
        case .runToNode: .run(.runToNode)
        case .rerunNode: .run(.rerunNode)
        case .rerunFrom: .run(.rerunFrom)
        case .editPausedInputs: .run(.editPausedInputs)
        case .editCallArguments: .run(.editCallArguments)
        case .supplyResult: .run(.supplyResult)
        case .inputsForm: .run(.inputsForm)
        case .openRun: .history(.openSelected)
        case .markRun: .compare(.mark)
        case .compareRuns: .compare(.compareSelected)
        case .filterList where state.focus == .eval: .eval(.askFilter)
        case .filterList where state.focus == .runs: .history(.askFilter)
        case .filterList: .view(.askFilter)
        case .startEval: .eval(.askForCases)
        case .openEvalSample: .eval(.openSample)
        case .previousSample: .eval(.previousSample)
        case .nextSample: .eval(.nextSample)
        case .startImprove: .improve(.askForCases)
        case .improveDiff: .improve(.toggleDiff)
        case .applyCandidate: .improve(.applySelected)
        case .applyWinner: .improve(.applyWinner)
        case .winnerDiff: .improve(.toggleWinnerDiff)
        case .captureCase: .capture(.start)
        case .moveLeft: .editing(.move(.left))
        case .moveRight: .editing(.move(.right))
        case .moveUp: .editing(.move(.up))
        case .moveDown: .editing(.move(.down))
        case .enterNode: .editing(.enter)
        case .find: .editing(.find)
        case .addNode: .editing(.add)
        case .deleteNode: .editing(.delete)
        case .renameNode: .editing(.rename)
        case .editField: .editing(.editField)
        case .connect: .editing(.connect)
        case .disconnect: .editing(.disconnect)
        case .insertOnWire: .editing(.insertOnWire)
        case .duplicate: .editing(.duplicate)
        case .mark: .editing(.mark)
        case .extract: .editing(.extract)
        case .editPrompt: .prompt(.edit)
        // In the inspector, `e` edits a paused tool call's arguments rather than the prompt.
        case .externalEditor where state.focus == .inspector && RunReducer.pausedCall(state) != nil:
            .run(.editCallArguments)
        case .externalEditor: .prompt(.externalEditor)
        }
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
        } else if state.focus == .improve, state.improve.diff != nil {
            state.improve.diff = nil
        } else if state.focus == .improve, state.improve.run.running {
            return ImproveReducer.reduce(&state, .cancel)
        } else if state.focus == .compare {
            return CompareReducer.reduce(&state, .leave)
        } else if ListFilter.clear(&state) {
            // A list's filter goes first: its pane is the one Esc was pressed in.
        } else if let frame = state.editing.scope.popLast() {
            state.editing.selection = frame.selectionBefore
            state.editing.viewport = GraphViewport(x: 0, y: 0)
            state.promptEditor.current = PromptEditorReducer.promptState(for: state)
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
}
