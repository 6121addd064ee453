import PatchbayCore

extension Reducer {
    /// Panes of the active layout in order: their numbers are 1, 2, 3… in this order.
    static func panes(_ state: AppState) -> [PaneID] {
        state.layout == nil ? [.graph] : Screen.solve(state).order
    }

    static func view(_ state: inout AppState, _ id: ActionID) {
        let order = panes(state)
        switch id {
        case .nextPane, .previousPane:
            guard let i = order.firstIndex(of: state.focus) else {
                state.focus = order.first ?? .graph
                return
            }
            let step = id == .nextPane ? 1 : order.count - 1
            state.focus = order[(i + step) % order.count]
            if state.zoomed != nil { state.zoomed = state.focus }
        case .focus1, .focus2, .focus3, .focus4, .focus5, .focus6, .focus7, .focus8, .focus9:
            let n = Int(id.rawValue.split(separator: ".").last ?? "1") ?? 1
            guard order.indices.contains(n - 1) else { return }
            state.focus = order[n - 1]
            if state.zoomed != nil { state.zoomed = state.focus }
        case .zoom:
            state.zoomed = state.zoomed == nil ? state.focus : nil
        case .grow, .shrink:
            guard let layout = state.layout else { return }
            LayoutSolver.adjust(
                &state.splitAdjustments, spec: layout, growing: state.focus, by: id == .grow ? 2 : -2,
                in: Rect(x: 0, y: 0, width: state.width, height: max(1, state.height - 1)))
        case .nextLayout:
            let names = state.layouts.keys.sorted()
            guard let i = names.firstIndex(of: state.layoutName) else { return }
            switchLayout(&state, names[(i + 1) % names.count])
        default: break
        }
    }

    static func switchLayout(_ state: inout AppState, _ name: String) {
        guard state.layouts[name] != nil else {
            fail(&state, "No layout `\(name)`; there are: \(state.layouts.keys.sorted().joined(separator: ", "))")
            return
        }
        state.layoutName = name
        state.zoomed = nil
        state.splitAdjustments = [:]
        if !panes(state).contains(state.focus) { state.focus = panes(state).first ?? .graph }
        info(&state, "Layout `\(name)`")
    }

    static func scroll(_ state: inout AppState, _ id: ActionID) {
        let height = max(1, state.height - 3)
        switch state.focus {
        case .inspector:
            let command: InspectorCommand? =
                switch id {
                case .scrollUp: .up
                case .scrollDown: .down
                case .pageUp: .pageUp
                case .pageDown: .pageDown
                case .top: .top
                case .bottom: .bottom
                case .toggleFold: .toggleFold
                case .foldAll: .foldAll
                case .unfoldAll: .unfoldAll
                case .toggleWrap: .toggleWrap
                default: nil
                }
            if let command {
                // The lines as the pane draws them: folds act on the line under the cursor.
                let pane =
                    (Screen.solve(state).rect(of: .inspector)
                    ?? Rect(x: 0, y: 0, width: state.width, height: state.height)).inset(by: 1)
                let lines = Screen.inspectorLines(state, width: max(10, pane.width))
                state.inspector.perform(command, lines: lines, height: max(1, pane.height))
            }
        case .trace:
            let count = state.run.steps.count
            guard count > 0 else { return }
            state.run.traceSelection =
                moved(state.run.traceSelection ?? count - 1, by: id, count: count, page: height)
                ?? state.run.traceSelection
            state.inspector.scroll = 0
            state.inspector.cursor = 0
        case .prompt:
            guard var prompt = state.promptEditor.current else { return }
            prompt.editor.scroll = max(0, prompt.editor.scroll + (id == .scrollUp ? -1 : id == .scrollDown ? 1 : 0))
            state.promptEditor.current = prompt
        case .preview:
            state.promptEditor.previewScroll = max(0, state.promptEditor.previewScroll + (id == .scrollUp ? -1 : 1))
        case .output:
            if id == .toggleWrap {
                state.inspector.wrap.toggle()
            } else {
                state.outputScroll = max(0, state.outputScroll + (id == .scrollUp ? -1 : 1))
            }
        case .problems:
            state.editing.problemsSelection = min(
                max(0, state.editing.problemsSelection + (id == .scrollUp ? -1 : 1)),
                max(0, state.editing.problems.count - 1))
        case .runs: historyScroll(&state, id)
        case .eval: evalScroll(&state, id)
        case .graph:
            break
        }
    }

    static func mouse(_ state: inout AppState, x: Int, y: Int, wheel: Int) -> [Effect] {
        guard state.mouse, state.popups.stack.isEmpty else { return [] }
        let solved = Screen.solve(state)
        guard let hit = solved.panes.first(where: { $0.rect.contains(x: x, y: y) }) else { return [] }
        state.focus = hit.id
        if wheel != 0 {
            scroll(&state, wheel < 0 ? .scrollUp : .scrollDown)
        } else if hit.id == .graph {
            let inner = hit.rect.inset(by: 1)
            let layout = GraphLayoutMemo.layout(state, width: inner.width, height: inner.height)
            if let node = GraphNavigation.node(
                atScreenX: x, y: y, rect: inner, viewport: state.editing.viewport, in: layout)
            {
                state.editing.selection = node
                state.run.traceSelection = nil
                if state.promptEditor.current?.editing != true { state.promptEditor.current = promptState(for: state) }
            }
        }
        return []
    }

    /// A list selection after a move key (line, page, top, bottom), kept inside the list; nil
    /// for other actions or an empty list.
    static func moved(_ index: Int, by id: ActionID, count: Int, page: Int) -> Int? {
        guard count > 0 else { return nil }
        let target: Int
        switch id {
        case .scrollUp: target = index - 1
        case .scrollDown: target = index + 1
        case .pageUp: target = index - page
        case .pageDown: target = index + page
        case .top: target = 0
        case .bottom: target = count - 1
        default: return nil
        }
        return min(max(0, target), count - 1)
    }
}
