import Foundation
import PatchbayCore
import PatchbayStore

/// `C` on a run (live, stepped or stored): its inputs and the actual value of an output become
/// a case in `NAME.cases.yaml` beside the graph, after the expected value is confirmed or
/// edited in a one-line field. Two keystrokes from a failure to a saved case: `C`, Enter. In
/// the runs pane `C` takes the selected run, opening it first.
enum CaptureReducer {
    static func reduce(_ state: inout AppState, _ action: CaptureAction) -> [Effect] {
        switch action {
        case .start: return start(&state)
        case .entered(let text, let draft):
            return [.appendCase(draft, expected: draft.expected(text))]
        }
    }

    /// The run the trace shows: a stored one when opened, else this session's run (finished or
    /// paused). Its inputs, and its outputs so far.
    static func shownRun(_ state: AppState) -> (inputs: [String: JSONValue], outputs: [String: JSONValue])? {
        if let shown = state.runHistory.shown { return (shown.inputs, shown.result.outputs) }
        if let result = state.run.result, !state.run.active { return (state.run.lastInputs, result.outputs) }
        guard state.run.active || !state.run.steps.isEmpty else { return nil }
        var outputs: [String: JSONValue] = [:]
        for step in state.run.steps where step.kind == .output && step.path.description == step.nodeID {
            if let value = step.outputs["value"] { outputs[step.nodeID] = value }
        }
        return (state.run.lastInputs, outputs)
    }

    static func start(_ state: inout AppState) -> [Effect] {
        guard let path = state.editing.document.path else {
            state.warn("Save the graph first (:w FILE.graph.yaml): its cases file goes beside it")
            return []
        }
        // In the runs pane: the selected run, read from the store first when the trace shows another.
        if state.focus == .runs, let selected = state.runHistory.selectedRun,
            state.runHistory.shown?.summary.id != selected.id
        {
            let effects = HistoryReducer.open(&state, id: selected.id, focus: nil)
            state.runHistory.captureWhenOpened = !effects.isEmpty
            return effects
        }
        guard let run = shownRun(state) else {
            state.warn("No run to capture: r runs the graph")
            return []
        }
        let name = casesName(path)
        let outputs = state.graph.nodes.filter { $0.kind == .output }.map(\.id)
        // The output the trace has selected, else the first with a value, else the first.
        let selected = state.run.visibleTraceSelection.map { state.run.steps[$0] }
        let output =
            selected.map(\.nodeID).flatMap { outputs.contains($0) ? $0 : nil }
            ?? outputs.first { run.outputs[$0] != nil } ?? outputs.first
        let actual = output.flatMap { run.outputs[$0] }
        let textual: Bool
        let prefill: String
        switch actual {
        case .string(let text)? where !text.contains("\n") && !text.hasPrefix("\""):
            (textual, prefill) = (true, text)
        case let value?: (textual, prefill) = (false, value.compactJSON)
        case nil: (textual, prefill) = (true, "")
        }
        let draft = CaseDraft(
            casesPath: PathText.directory(path) + "/" + name, inputs: run.inputs, output: output, textual: textual)
        state.popups.stack.append(.input(CommandLineModel.prefilled(prefill), purpose: .caseExpectation(draft)))
        return []
    }

    /// `dir/classify.graph.yaml` → `classify.cases.yaml`.
    static func casesName(_ path: String) -> String {
        let name = PathText.fileName(path)
        for suffix in [".graph.yaml", ".graph.yml", ".yaml", ".yml"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count)) + ".cases.yaml"
        }
        return name + ".cases.yaml"
    }
}
