import Foundation
import PatchbayCore
import PatchbayPresentation
import PatchbayStore

/// The runs pane: stored runs of this graph, and a stored run shown in the trace.
enum HistoryReducer {
    static func reduce(_ state: inout AppState, _ action: HistoryAction) -> [Effect] {
        switch action {
        case .openSelected: return openSelected(&state)
        case .open(let id, let focus): return open(&state, id: id, focus: focus)
        case .showRuns: return showRuns(&state)
        case .fork, .replay:
            guard let shown = state.runHistory.shown else { return [] }
            return startFromShown(&state, action, shown: shown)
        case .askFilter:
            state.popups.stack.append(
                .input(CommandLineModel.prefilled(state.runHistory.filter), purpose: .listFilter(.runs)))
        case .filter(let text): filter(&state, text)
        case .report(let report): return self.report(&state, report)
        }
        return []
    }

    /// Keeps the selected run selected when it is still listed, else the first one listed.
    static func filter(_ state: inout AppState, _ text: String) {
        let selected = state.runHistory.selectedRun?.id
        state.runHistory.filter = text.trimmingCharacters(in: .whitespaces)
        let visible = state.runHistory.visible
        state.runHistory.selection = selected.flatMap { id in visible.firstIndex { $0.id == id } } ?? 0
        state.runHistory.scroll = 0
        if state.runHistory.filter.isEmpty {
            state.info("All \(visible.count) runs")
        } else {
            state.info(
                "Runs matching `\(state.runHistory.filter)`: \(visible.count) of \(state.runHistory.runs.count) (/ changes it)"
            )
        }
    }

    /// Enter in the runs pane: read the selected run and show it in the trace.
    static func openSelected(_ state: inout AppState) -> [Effect] {
        guard let run = state.runHistory.selectedRun else {
            state.warn(
                state.runHistory.available ? "No stored run selected" : "No run store: history is off for this session")
            return []
        }
        return open(&state, id: run.id, focus: nil)
    }

    static func open(_ state: inout AppState, id: String, focus: String?) -> [Effect] {
        guard !state.run.active else { return RunReducer.busy(&state) }
        guard state.runHistory.available else {
            state.warn("No run store: history is off for this session")
            return []
        }
        return [.openStoredRun(id: id, focus: focus)]
    }

    /// `:runs`: refresh the list, and show the runs pane (the `history` layout when the
    /// current one has none).
    static func showRuns(_ state: inout AppState) -> [Effect] {
        if !ViewReducer.panes(state).contains(.runs), state.layouts["history"] != nil {
            ViewReducer.switchLayout(&state, "history")
        }
        if ViewReducer.panes(state).contains(.runs) { state.focus = .runs }
        return loadRuns(state)
    }

    static func loadRuns(_ state: AppState) -> [Effect] {
        state.runHistory.available ? [.loadRuns(graphPath: state.editing.document.path)] : []
    }

    static func scroll(_ state: inout AppState, _ move: ScrollMove) {
        guard
            let index = ViewReducer.moved(
                state.runHistory.selection, by: move, count: state.runHistory.visible.count,
                page: max(1, state.height - 4)
            )
        else { return }
        state.runHistory.selection = index
    }

    static func report(_ state: inout AppState, _ report: HistoryReport) -> [Effect] {
        switch report {
        case .runsLoaded(let runs):
            // On the newest run (the top row) the list follows new runs; elsewhere it keeps
            // the run that was selected.
            let selected = state.runHistory.selection == 0 ? nil : state.runHistory.selectedRun?.id
            state.runHistory.runs = runs
            let visible = state.runHistory.visible
            state.runHistory.selection = selected.flatMap { id in visible.firstIndex { $0.id == id } } ?? 0
            if state.runHistory.selection == 0 { state.runHistory.scroll = 0 }
        case .runOpened(let stored, let focus):
            guard !state.run.active else { return RunReducer.busy(&state) }
            show(&state, stored, focus: focus)
            if state.runHistory.captureWhenOpened {
                state.runHistory.captureWhenOpened = false
                return CaptureReducer.start(&state)
            }
        case .subgraphsChanged(let runID, let changed):
            if state.runHistory.shown?.summary.id == runID { state.runHistory.shown?.subgraphs.changed = changed }
        case .sessionPlanned(let path, let subgraphs):
            state.runHistory.sessionPath = path
            state.runHistory.sessionSubgraphs = RunSubgraphs(planned: subgraphs)
        case .failed(let message):
            state.fail(message)
        }
        return []
    }

    /// Puts a stored run where the session's last run would be: the trace, the graph's status
    /// marks and the inspector show it; fork and replay start from it.
    static func show(_ state: inout AppState, _ stored: StoredRun, focus: String?) {
        // The store keeps the canonical text of the graph each run ran.
        let ran = try? GraphCodec.decode(stored.graphText, path: nil).graph
        var shown = ShownRun(summary: stored.summary, result: stored.result, inputs: stored.inputs, graph: ran)
        shown.subgraphs = RunSubgraphs(stored)
        state.runHistory.shown = shown
        state.run.steps = stored.steps
        state.run.result = shown.result
        state.run.running = [:]
        state.run.streaming = [:]
        state.run.pause = nil
        state.run.statuses = [:]
        for step in stored.steps {
            state.run.statuses[step.path.nodePath] = NodeStatus(step.status)
            // A step inside a loop or map marks its top-level node too, as a finished run does.
            if step.path.components.count > 1, let top = step.path.components.first?.node,
                state.run.statuses[top] == nil
            {
                state.run.statuses[top] = NodeStatus(step.status)
            }
        }
        if let index = stepIndex(stored.steps, focus: focus) ?? stored.steps.firstIndex(where: { $0.status == .failed })
            ?? stored.steps.indices.last
        {
            state.run.traceScroll = 0
            TraceFollow.select(&state, index)
        } else {
            state.run.traceSelection = nil
        }
        state.inspector.scroll = 0
        state.inspector.cursor = 0
        if focus != nil, ViewReducer.panes(state).contains(.trace) { state.focus = .trace }
        let when = RunsText.ago(stored.summary.startedAt, now: state.now)
        var text =
            "Showing run \(shown.label) (\(stored.summary.status.rawValue), \(when)): f forks from the selected step, p replays"
        if stored.summary.graphHash != state.graph.contentHash { text += "; the graph has changed since" }
        state.info(text)
    }

    /// The last step at `focus` (a step path), else the last of that node path or top-level node.
    static func stepIndex(_ steps: [Step], focus: String?) -> Int? {
        guard let focus else { return nil }
        return steps.lastIndex { $0.path.description == focus }
            ?? steps.lastIndex { $0.path.nodePath == focus }
            ?? steps.lastIndex { $0.path.components.first?.node == focus }
    }

    /// Fork and replay while a stored run is shown: from that run, on the current graph.
    static func startFromShown(_ state: inout AppState, _ action: HistoryAction, shown: ShownRun) -> [Effect] {
        let changed = shown.summary.graphHash != state.graph.contentHash
        let note = changed ? " (on the current graph, which differs from the one run \(shown.label) ran)" : ""
        switch action {
        case .fork:
            guard let index = state.run.visibleTraceSelection else {
                state.warn(state.run.noStepSelected(to: "fork from"))
                return []
            }
            let step = state.run.steps[index].path
            guard let top = step.components.first?.node, state.graph[top] != nil else {
                state.fail("`\(step)` is not in the current graph: cannot fork run \(shown.label) there")
                return []
            }
            // Inside a map, loop or graph node: from the node's path, said as R and F inside say it.
            let effects = RunReducer.fork(&state, shown.result, at: step, note: note)
            if effects.contains(where: { if case .startRun(_, _, .fork, _) = $0 { true } else { false } }) {
                state.info("Forking run \(shown.label) at `\(step)`" + note)
            }
            return effects
        case .replay:
            let effects = RunReducer.startRun(&state, .replay(shown.result))
            if effects.contains(where: { if case .startRun = $0 { true } else { false } }) {
                state.info("Replaying run \(shown.label)" + note)
            }
            return effects
        default:
            return []
        }
    }

    /// After every run action: a new run replaces the stored one in the trace; a finished
    /// run is in the store now, so the list is read again.
    static func afterRun(_ state: inout AppState, _ action: RunAction) -> [Effect] {
        guard case .report(.event(let event)) = action else { return [] }
        switch event {
        case .runStarted:
            state.runHistory.shown = nil
            state.runHistory.sessionGraph = state.graph
        case .runFinished: return loadRuns(state)
        default: break
        }
        return []
    }
}
