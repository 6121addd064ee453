import PatchbayCore

/// Panes, layouts, scrolling and the mouse.
enum ViewReducer {
    /// Panes of the active layout in order: their numbers are 1, 2, 3… in this order.
    static func panes(_ state: AppState) -> [PaneID] {
        state.layout == nil ? [.graph] : Screen.solve(state).order
    }

    static func reduce(_ state: inout AppState, _ action: ViewAction) -> [Effect] {
        let order = panes(state)
        switch action {
        case .nextPane, .previousPane:
            guard let i = order.firstIndex(of: state.focus) else {
                state.focus = order.first ?? .graph
                return []
            }
            let step = action == .nextPane ? 1 : order.count - 1
            state.focus = order[(i + step) % order.count]
            if state.zoomed != nil { state.zoomed = state.focus }
        case .focus(let n):
            guard order.indices.contains(n - 1) else { return [] }
            state.focus = order[n - 1]
            if state.zoomed != nil { state.zoomed = state.focus }
        case .zoom:
            state.zoomed = state.zoomed == nil ? state.focus : nil
        case .grow, .shrink:
            guard let layout = state.layout else { return [] }
            LayoutSolver.adjust(
                &state.splitAdjustments, spec: layout, growing: state.focus, by: action == .grow ? 2 : -2,
                in: Rect(x: 0, y: 0, width: state.width, height: max(1, state.height - 1)))
        case .nextLayout:
            let names = state.layouts.keys.sorted()
            guard let i = names.firstIndex(of: state.layoutName) else { return [] }
            switchLayout(&state, names[(i + 1) % names.count])
        case .switchLayout(let name): switchLayout(&state, name)
        case .scroll(let move): scroll(&state, move)
        case .askFilter: ListFilter.ask(&state)
        case .mouse(let x, let y, let wheel): mouse(&state, x: x, y: y, wheel: wheel)
        case .toggleMouse:
            state.mouse.toggle()
            state.info("Mouse \(state.mouse ? "on" : "off")")
            return [.setMouse(state.mouse)]
        case .redraw: return [.redraw]
        }
        return []
    }

    static func switchLayout(_ state: inout AppState, _ name: String) {
        guard state.layouts[name] != nil else {
            state.fail("No layout `\(name)`; there are: \(state.layouts.keys.sorted().joined(separator: ", "))")
            return
        }
        state.layoutName = name
        state.zoomed = nil
        state.splitAdjustments = [:]
        if !panes(state).contains(state.focus) { state.focus = panes(state).first ?? .graph }
        state.info("Layout `\(name)`")
    }

    static func scroll(_ state: inout AppState, _ move: ScrollMove) {
        let height = max(1, state.height - 3)
        switch state.focus {
        case .inspector:
            let command: InspectorCommand =
                switch move {
                case .up: .up
                case .down: .down
                case .pageUp: .pageUp
                case .pageDown: .pageDown
                case .top: .top
                case .bottom: .bottom
                case .toggleFold: .toggleFold
                case .toggleCall: .toggleCall
                case .foldAll: .foldAll
                case .unfoldAll: .unfoldAll
                case .toggleWrap: .toggleWrap
                }
            // The lines as the pane draws them: folds act on the line under the cursor.
            let pane =
                (Screen.solve(state).rect(of: .inspector)
                ?? Rect(x: 0, y: 0, width: state.width, height: state.height)).inset(by: 1)
            let lines = Screen.inspectorLines(state, width: max(10, pane.width))
            state.inspector.perform(command, lines: lines, height: max(1, pane.height))
        case .trace: TraceFollow.move(&state, move, page: height)
        case .prompt:
            guard var prompt = state.promptEditor.current else { return }
            prompt.editor.scroll = max(0, prompt.editor.scroll + (move == .up ? -1 : move == .down ? 1 : 0))
            state.promptEditor.current = prompt
        case .preview:
            state.promptEditor.previewScroll = max(0, state.promptEditor.previewScroll + (move == .up ? -1 : 1))
        case .output:
            if move == .toggleWrap {
                state.inspector.wrap.toggle()
            } else {
                state.outputScroll = max(0, state.outputScroll + (move == .up ? -1 : 1))
            }
        case .problems:
            state.editing.problemsSelection = min(
                max(0, state.editing.problemsSelection + (move == .up ? -1 : 1)),
                max(0, state.editing.visibleProblems.count - 1))
        case .runs: HistoryReducer.scroll(&state, move)
        case .eval: EvalReducer.scroll(&state, move)
        case .improve: ImproveReducer.scroll(&state, move)
        case .compare: CompareReducer.scroll(&state, move)
        case .graph:
            break
        }
    }

    static func mouse(_ state: inout AppState, x: Int, y: Int, wheel: Int) {
        guard state.mouse, state.popups.stack.isEmpty else { return }
        let solved = Screen.solve(state)
        guard let hit = solved.panes.first(where: { $0.rect.contains(x: x, y: y) }) else { return }
        state.focus = hit.id
        if wheel != 0 {
            scroll(&state, wheel < 0 ? .up : .down)
        } else if hit.id == .graph {
            let inner = hit.rect.inset(by: 1)
            let layout = GraphLayoutMemo.layout(state, width: inner.width, height: inner.height)
            if let node = GraphNavigation.node(
                atScreenX: x, y: y, rect: inner, viewport: state.editing.viewport, in: layout)
            {
                state.editing.selection = node
                state.run.traceSelection = nil
                if state.promptEditor.current?.editing != true {
                    state.promptEditor.current = PromptEditorReducer.promptState(for: state)
                }
            }
        }
    }

    /// A list selection after a move key (line, page, top, bottom), kept inside the list; nil
    /// for other actions or an empty list.
    static func moved(_ index: Int, by move: ScrollMove, count: Int, page: Int) -> Int? {
        guard count > 0 else { return nil }
        let target: Int
        switch move {
        case .up: target = index - 1
        case .down: target = index + 1
        case .pageUp: target = index - page
        case .pageDown: target = index + page
        case .top: target = 0
        case .bottom: target = count - 1
        default: return nil
        }
        return min(max(0, target), count - 1)
    }
}
