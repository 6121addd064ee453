import Foundation
import PatchbayCore
import PatchbayPresentation

/// Draws an `AppState` into a cell buffer: the layout's panes, the status line, overlays on
/// top. Pure (the graph layout is memoized), so tests snapshot exactly what the terminal shows.
public final class Screen: Sendable {
    /// Configured secrets, covered on every frame (see `CellBuffer.maskSecrets`).
    let masker: SecretMasker

    public init(masker: SecretMasker = .none) {
        self.masker = masker
    }

    /// The pane rectangles for the state's layout (the last row is the status line).
    public static func solve(_ state: AppState) -> LayoutResult {
        guard var layout = state.layout else { return LayoutResult() }
        // `min_width`/`min_height` are the terminal's size, as the too-small notice says; the
        // panes get one row less, for the status line.
        guard state.width >= layout.minWidth, state.height >= layout.minHeight else {
            return LayoutResult(order: layout.panes, tooSmall: true)
        }
        layout.minHeight -= 1
        return LayoutSolver.solve(
            layout, in: Rect(x: 0, y: 0, width: state.width, height: max(0, state.height - 1)), zoomed: state.zoomed,
            adjustments: state.splitAdjustments)
    }

    public func render(_ state: AppState) -> CellBuffer {
        var buffer = CellBuffer(width: state.width, height: state.height)
        render(state, into: &buffer)
        buffer.maskSecrets(masker)
        return buffer
    }

    public func render(_ state: AppState, into buffer: inout CellBuffer) {
        let solved = Self.solve(state)
        if solved.tooSmall || state.layout == nil {
            let spec = state.layout
            NoticeView.tooSmall(
                width: state.width, height: state.height, minWidth: spec?.minWidth ?? 60,
                minHeight: spec?.minHeight ?? 16,
                on: &buffer, theme: state.theme)
            return
        }
        for (id, rect) in solved.panes {
            let number = solved.number(of: id)
            let focused = id == state.focus
            let inner = PaneFrame.draw(
                title: title(of: id, state), number: number, in: rect, on: &buffer, focused: focused,
                theme: state.theme,
                glyphs: state.glyphs, extra: extra(of: id, state))
            draw(id, state, in: inner, on: &buffer, focused: focused)
        }
        StatusLineView.draw(
            statusLine(state), in: Rect(x: 0, y: state.height - 1, width: state.width, height: 1), on: &buffer,
            theme: state.theme, glyphs: state.glyphs)
        let bounds = Rect(x: 0, y: 0, width: state.width, height: max(0, state.height - 1))
        for overlay in state.popups.stack { Self.draw(overlay, state, in: bounds, on: &buffer) }
    }

    // MARK: Panes

    func title(of pane: PaneID, _ state: AppState) -> String {
        switch pane {
        case .graph:
            let name = state.editing.document.path.map { PathText.fileName($0) } ?? "untitled"
            // ASCII only in titles: they must read the same with the ASCII glyph set.
            let inside = state.editing.scope.map(\.node).joined(separator: " > ")
            // The item shown first, so a narrow pane cuts the file's name rather than it.
            if let item = state.shownItemTitle { return "Graph \(inside) (\(item)) in \(name)" }
            return "Graph " + (inside.isEmpty ? name : "\(name) > \(inside)")
        case .inspector:
            if let index = state.run.visibleTraceSelection {
                return "Inspector: step \(state.run.steps[index].path)"
            }
            return "Inspector" + (state.editing.selection.map { ": \($0)" } ?? "")
        case .prompt:
            guard let prompt = state.promptEditor.current else { return "Prompt" }
            return "Prompt: \(prompt.node).\(prompt.field)" + (prompt.editing ? " (editing)" : "")
        case .problems: return "Problems " + Self.problemsCount(state)
        case .trace:
            return "Trace " + Self.traceCount(state) + (state.runHistory.shown.map { ": run \($0.label)" } ?? "")
        case .runs: return state.runHistory.available ? "Runs (\(state.runHistory.runs.count))" : "Runs"
        case .eval: return "Eval" + (state.eval.run.casesPath.map { ": " + PathText.fileName($0) } ?? "")
        case .improve: return "Improve" + (state.improve.run.casesPath.map { ": " + PathText.fileName($0) } ?? "")
        case .compare: return CompareView.title(state.compare)
        default: return pane.title
        }
    }

    func extra(of pane: PaneID, _ state: AppState) -> String? {
        switch pane {
        case .graph:
            state.editing.problems.isEmpty
                ? nil : "\(state.editing.problems.count) problem\(state.editing.problems.count == 1 ? "" : "s")"
        case .inspector: state.inspector.wrap ? "wrap" : nil
        case .prompt: state.promptEditor.current.map { $0.editor.isModified ? "modified" : "" }
        default: nil
        }
    }

    func draw(_ pane: PaneID, _ state: AppState, in rect: Rect, on buffer: inout CellBuffer, focused: Bool) {
        guard !rect.isEmpty else { return }
        switch pane {
        case .graph: drawGraph(state, in: rect, on: &buffer)
        case .inspector:
            InspectorView.draw(
                Self.inspectorContent(state), state: state.inspector, in: rect, on: &buffer, theme: state.theme,
                glyphs: state.glyphs, focused: focused)
        case .prompt:
            guard let prompt = state.promptEditor.current else {
                buffer.put("Pick a template or llm node.", x: rect.x + 1, y: rect.y, style: state.theme.dim, clip: rect)
                return
            }
            var editor = prompt.editor
            editor.keepCursorVisible(height: rect.height)
            PromptEditorView.draw(
                editor, in: rect, on: &buffer, theme: state.theme, focused: focused, editing: prompt.editing,
                ports: Self.ports(of: prompt.node, state), glyphs: state.glyphs)
        case .preview:
            guard let prompt = state.promptEditor.current else {
                buffer.put(
                    "The selected node has no prompt.", x: rect.x + 1, y: rect.y, style: state.theme.dim, clip: rect)
                return
            }
            let result = PromptPreview.render(prompt.editor.text, inputs: PromptEditorReducer.previewInputs(state))
            PromptPreviewView.draw(
                result, scroll: state.promptEditor.previewScroll, in: rect, on: &buffer, theme: state.theme)
        case .output: drawOutput(state, in: rect, on: &buffer, focused: focused)
        case .trace: drawTrace(state, in: rect, on: &buffer, focused: focused)
        case .problems: drawProblems(state, in: rect, on: &buffer, focused: focused)
        case .runs:
            RunsView.draw(
                state.runHistory, in: rect, on: &buffer, theme: state.theme, glyphs: state.glyphs, focused: focused,
                now: state.now,
                spinnerFrame: state.spinnerFrame)
        case .eval:
            EvalView.draw(
                state.eval, in: rect, on: &buffer, theme: state.theme, glyphs: state.glyphs, focused: focused,
                now: state.now,
                spinnerFrame: state.spinnerFrame)
        case .improve:
            ImproveView.draw(
                state.improve, in: rect, on: &buffer, theme: state.theme, glyphs: state.glyphs, focused: focused,
                now: state.now, spinnerFrame: state.spinnerFrame)
        case .compare:
            CompareView.draw(
                state.compare, in: rect, on: &buffer, theme: state.theme, glyphs: state.glyphs, focused: focused,
                now: state.now)
        }
    }

    func drawGraph(_ state: AppState, in rect: Rect, on buffer: inout CellBuffer) {
        let shown = state.shownGraph
        guard !shown.nodes.isEmpty else {
            buffer.put(
                "An empty graph: press a to add a node.", x: rect.x + 1, y: rect.y, style: state.theme.dim, clip: rect)
            return
        }
        let layout = GraphLayoutMemo.layout(state, width: rect.width, height: rect.height)
        let prefix = state.editing.scopePrefix
        var marks = GraphMarks()
        let statuses = state.shownGraphStatuses
        for node in shown.nodes {
            if let status = statuses[prefix + node.id] { marks.statuses[node.id] = status }
        }
        let changes = Self.outputChanges(state)
        marks.changed = Set(shown.nodes.map(\.id).filter { changes[prefix + $0] != nil })
        // `agent/turn/call` (before the node's tool calls) is marked on `agent`; inside a sub-graph,
        // the breakpoints below it (`each/shout` on `shout`).
        marks.breakpoints = Set(
            state.run.breakpoints.compactMap { path in
                path.hasPrefix(prefix) ? path.dropFirst(prefix.count).split(separator: "/").first.map(String.init) : nil
            })
        if state.editing.scope.isEmpty {
            marks.problems = Set(state.editing.problems.compactMap(\.node))
        }
        let viewport = state.editing.viewport.clamped(
            toContent: (layout.width, layout.height), in: (rect.width, rect.height))
        GraphView.draw(
            layout, graph: shown, marks: marks, selection: state.editing.selection, viewport: viewport, in: rect,
            on: &buffer,
            theme: state.theme, glyphs: state.glyphs, spinnerFrame: state.spinnerFrame)
        if !state.editing.marked.isEmpty && state.editing.scope.isEmpty {
            buffer.put(
                " \(state.editing.marked.count) marked ", x: rect.x, y: rect.maxY - 1, style: state.theme.warning,
                clip: rect)
        }
    }

    func drawOutput(_ state: AppState, in rect: Rect, on buffer: inout CellBuffer, focused: Bool) {
        guard let node = state.editing.selection else { return }
        let path = state.editing.scopePrefix + node
        if let (_, text) = state.run.streaming.first(where: { $0.key.nodePath == path }) {
            PromptPreviewView.draw(
                PromptPreview.Result(text: text, template: text), scroll: state.outputScroll, in: rect, on: &buffer,
                theme: state.theme)
            return
        }
        guard let step = state.shownStep(of: node) else {
            buffer.put(
                "`\(node)` has not run yet (r runs, n steps).", x: rect.x + 1, y: rect.y, style: state.theme.dim,
                clip: rect)
            return
        }
        if let text = step.outputs["text"]?.stringValue {
            PromptPreviewView.draw(
                PromptPreview.Result(text: text, template: text), scroll: state.outputScroll, in: rect, on: &buffer,
                theme: state.theme)
            return
        }
        let content = InspectorContent.forStep(step, node: state.shownGraph[node])
        var view = state.inspector
        view.scroll = state.outputScroll
        InspectorView.draw(
            content, state: view, in: rect, on: &buffer, theme: state.theme, glyphs: state.glyphs, focused: focused)
    }

    // MARK: Content shared with the reducer

    static func inspectorContent(_ state: AppState) -> InspectorContent {
        if TraceFilter.hidesSelection(state.run) { return TraceFilter.nothingListed(state.run) }
        if let index = state.run.visibleTraceSelection {
            let step = state.run.steps[index]
            return withChanges(stepContent(state, at: index), path: step.path.nodePath, step: step, state)
        }
        guard let node = state.selectedNode else {
            return InspectorContent(header: .init(title: "Nothing selected", kind: "", status: .idle), sections: [])
        }
        let path = state.editing.scopePrefix + node.id
        // A tool loop's turns stream under their own paths (`agent/turn[1]`).
        let streaming = state.run.streaming.first(where: {
            $0.key.nodePath == path || $0.key.nodePath == path + "/turn"
        })?
        .value
        let pending = state.run.pause.flatMap { $0.path.nodePath == path && $0.position == .before ? $0.inputs : nil }
        let problems = state.editing.scope.isEmpty ? state.editing.problems.filter { $0.node == node.id } : []
        let content = InspectorContent.forNode(
            node, step: state.shownStep(of: node.id), streamingText: streaming, diagnostics: problems,
            pendingInputs: pending, conversation: conversation(forNode: node, path: path, state))
        return withChanges(content, path: path, step: nil, state)
    }

    static func inspectorLines(_ state: AppState, width: Int) -> [InspectorLine] {
        InspectorView.lines(
            inspectorContent(state), state: state.inspector, width: width, theme: state.theme, glyphs: state.glyphs)
    }

    static func ports(of node: String, _ state: AppState) -> Set<String> {
        guard let node = state.shownGraph[node] else { return [] }
        return Set(NodePorts.resolve(node, subgraph: { _ in nil }).inputs.map(\.name))
    }

    // MARK: Status line and overlays

    func statusLine(_ state: AppState) -> StatusLineModel {
        let scope: Keymap.Scope = .pane(state.focus)
        let preferred: [ActionID] =
            state.promptEditor.current?.editing == true && state.focus == .prompt
            ? []
            : (RunReducer.pausedCall(state) != nil
                ? [.step, .continueRun, .editCallArguments, .supplyResult, .cancelRun]
                : state.run.pause != nil
                    ? [.step, .continueRun, .editPausedInputs, .cancelRun] : [.run, .step, .toggleBreakpoint])
        var hints: [(key: String, label: String)] = []
        if state.promptEditor.current?.editing == true && state.focus == .prompt {
            hints = [("Esc", "done"), ("C-z", "undo"), ("C-s", "save")]
        } else {
            for id in preferred {
                if let key = state.keymap.keys(for: id).first { hints.append((key.description, Self.short(id))) }
            }
            for binding in state.keymap.bindings where binding.scope == scope && hints.count < 8 {
                let label = Self.short(binding.action)
                guard let key = binding.keys.first, !hints.contains(where: { $0.label == label }) else { continue }
                hints.append((label == "move" ? (state.focus == .graph ? "hjkl" : "jk") : key.description, label))
            }
            hints.append(("?", "help"))
        }
        var running: (since: Date, label: String)? =
            state.run.active && state.run.pause == nil
            ? (
                state.run.startedAt ?? state.now,
                "running " + (state.run.running.keys.map(\.description).sorted().first ?? "")
            ) : nil
        if running == nil, state.eval.run.running {
            running = (state.eval.run.startedAt ?? state.now, "eval \(state.eval.done)/\(state.eval.total)")
        }
        if running == nil, state.improve.run.running {
            running = (state.improve.run.startedAt ?? state.now, "improve \(state.improve.rows.count)")
        }
        // Nothing else moves while it starts: say why.
        if state.run.localModelStarting { running = (running?.since ?? state.now, "starting local model…") }
        let file = state.editing.document.path.map { PathText.fileName($0) } ?? "untitled"
        let right =
            (state.runHistory.shown.map { "run \($0.label) · " } ?? "") + file
            + (state.editing.document.isModified ? " [+]" : "")
            + (state.run.pause != nil ? " " + state.glyphs.status(.paused) : "")
        var model = StatusLineModel(
            hints: hints, message: state.message.map { ($0.text, $0.level) }, running: running, now: state.now,
            spinnerFrame: state.spinnerFrame, right: right)
        model.more = state.keymap.keys(for: .showMessage).first.map { "\($0.description) more" }
        model.detailed = state.message?.detail != nil
        return model
    }

    /// The word a hint shows for an action.
    static func short(_ id: ActionID) -> String {
        switch id {
        case .run: "run"
        case .toggleBreakpoint: "break"
        case .continueRun: "continue"
        case .editPausedInputs: "inputs"
        case .editCallArguments: "arguments"
        case .supplyResult: "supply"
        case .toggleCall: "call"
        case .cancelRun: "cancel"
        case .editPrompt: "edit"
        case .externalEditor: "$EDITOR"
        case .enterNode: "open"
        case .toggleFold: "fold"
        case .forkFromStep: "fork"
        case .openRun, .openEvalSample: "open"
        case .startEval: "eval"
        case .startImprove: "improve"
        case .captureCase: "capture"
        case .improveDiff: "diff"
        case .applyCandidate: "apply"
        case .applyWinner: "apply winner"
        case .winnerDiff: "winner diff"
        case .previousSample, .nextSample: "sample"
        case .scrollUp, .scrollDown, .moveUp, .moveDown, .moveLeft, .moveRight: "move"
        default: String(id.rawValue.split(separator: ".").last ?? "")
        }
    }

    static func draw(_ overlay: Overlay, _ state: AppState, in bounds: Rect, on buffer: inout CellBuffer) {
        let theme = state.theme
        let glyphs = state.glyphs
        switch overlay {
        case .help(let help): HelpView.draw(help, in: bounds, on: &buffer, theme: theme, glyphs: glyphs)
        case .palette(let palette): PaletteView.draw(palette, in: bounds, on: &buffer, theme: theme, glyphs: glyphs)
        case .command(let line):
            CommandLineView.draw(
                line, commands: AppReducer.commandSpecs(state),
                in: Rect(x: 0, y: bounds.maxY, width: bounds.width, height: 1),
                on: &buffer, theme: theme, glyphs: glyphs)
        case .input(let line, let purpose):
            let row = Rect(x: 0, y: bounds.maxY, width: bounds.width, height: 1)
            buffer.fill(row)
            let x = buffer.put(purpose.prompt + ": ", x: 1, y: row.y, style: theme.titleFocused, clip: row)
            CommandLineView.drawInput(
                line.input, in: Rect(x: x, y: row.y, width: row.maxX - x, height: 1), on: &buffer, theme: theme)
        case .choice(let list, _): ChoiceListView.draw(list, in: bounds, on: &buffer, theme: theme, glyphs: glyphs)
        case .confirm(let confirm, _): ConfirmView.draw(confirm, in: bounds, on: &buffer, theme: theme, glyphs: glyphs)
        case .form(let form, _): FormView.draw(form, in: bounds, on: &buffer, theme: theme, glyphs: glyphs)
        }
    }
}
