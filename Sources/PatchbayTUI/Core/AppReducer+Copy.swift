import Foundation
import PatchbayCore
import PatchbayPresentation

/// `y`: copies what the focused pane has selected to the clipboard, by OSC 52
/// (`ClipboardSequence`), which the loop writes between frames.
extension AppReducer {
    static func copy(_ state: inout AppState) -> [Effect] {
        guard let (whole, what) = copyable(state) else {
            if state.focus == .trace, TraceFilter.matches(state.run)?.isEmpty == true {
                state.warn(state.run.noStepSelected(to: "copy"))
                return []
            }
            state.fail(
                "Nothing to copy here: y copies the prompt (or its preview), the inspector's value or section, a step's output or error, a problem, a run's id, an eval sample's failures or output, a candidate's diff"
            )
            return []
        }
        let (text, cut) = ClipboardSequence.capped(whole)
        let size = text.utf8.count
        if cut {
            state.warn(
                "Copied the first \(size) of \(whole.utf8.count) bytes of \(what): a copy takes at most \(ClipboardSequence.limit / 1000) kB"
            )
        } else {
            state.info("Copied \(size) byte\(size == 1 ? "" : "s"): \(what)")
        }
        return [.copyToClipboard(text)]
    }

    /// The text `y` copies in the focused pane and what it is, for the status line.
    static func copyable(_ state: AppState) -> (text: String, what: String)? {
        switch state.focus {
        case .prompt:
            guard let prompt = state.promptEditor.current else { return nil }
            return (prompt.editor.text, "`\(prompt.node)`'s \(prompt.field)")
        case .preview:
            // As the pane renders it; nothing while an input is missing.
            guard let prompt = state.promptEditor.current,
                let text = PromptPreview.render(prompt.editor.text, inputs: PromptEditorReducer.previewInputs(state))
                    .text
            else { return nil }
            return (text, "`\(prompt.node)`'s \(prompt.field) rendered")
        case .inspector:
            let (lines, cursor) = inspectorLines(state)
            return Screen.inspectorContent(state).copyable(at: cursor, of: lines)
        case .trace:
            // With nothing selected, the last step listed (the pane's cursor).
            let steps = state.run.steps
            let last = TraceFilter.matches(state.run).map(\.last) ?? steps.indices.last
            guard let index = state.run.visibleTraceSelection ?? last, steps.indices.contains(index) else { return nil }
            return stepText(steps[index])
        case .output:
            guard let node = state.editing.selection,
                let step = state.shownStep(of: node)
            else { return nil }
            return stepText(step)
        case .problems:
            guard let problem = state.editing.selectedProblem else { return nil }
            let hint = problem.hint.map { "\nhint: " + HintText.workbench($0) } ?? ""
            return ((problem.node.map { "`\($0)` " } ?? "") + problem.message + hint, "the problem")
        case .runs: return runIDText(state)
        case .eval: return evalSampleText(state)
        case .improve: return candidateDiffText(state)
        case .compare: return CompareReducer.copyable(state)
        default:
            return nil
        }
    }

    /// The inspector's lines as its pane draws them (the cursor counts them), and the cursor.
    static func inspectorLines(_ state: AppState) -> (lines: [InspectorLine], cursor: Int) {
        let pane =
            (Screen.solve(state).rect(of: .inspector)
            ?? Rect(x: 0, y: 0, width: state.width, height: state.height)).inset(by: 1)
        let lines = Screen.inspectorLines(state, width: max(10, pane.width))
        var view = state.inspector
        view.clamp(lineCount: lines.count, height: max(1, pane.height))
        return (lines, view.cursor)
    }

    /// A step's error when it failed, else its output: one port's value alone, several as JSON.
    static func stepText(_ step: Step) -> (text: String, what: String) {
        let name = step.path.description
        if let error = step.error { return (error.message, "`\(name)`'s error") }
        if step.outputs.count == 1, let (port, value) = step.outputs.first {
            return (InspectorContent.copyText(value), "`\(name)`.\(port)")
        }
        return (JSONValue.object(step.outputs).prettyJSON, "`\(name)`'s outputs")
    }
}
