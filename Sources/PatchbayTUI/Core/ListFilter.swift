import Foundation

/// `/` in a list pane (runs, eval cases, trace, problems) filters its list; Esc there clears
/// the filter before it backs out of anything else.
enum ListFilter {
    /// The filter the pane has now, or nil for a pane that is not a filtered list.
    static func current(_ pane: PaneID, _ state: AppState) -> String? {
        switch pane {
        case .runs: state.runHistory.filter
        case .eval: state.eval.filter
        case .trace: state.run.traceFilter
        case .problems: state.editing.problemsFilter
        default: nil
        }
    }

    /// Asks for the focused pane's filter, prefilled with the one it has (typing replaces it).
    static func ask(_ state: inout AppState) {
        guard let filter = current(state.focus, state) else { return }
        state.popups.stack.append(.input(CommandLineModel.prefilled(filter), purpose: .listFilter(state.focus)))
    }

    /// The text typed for `pane`'s filter.
    static func apply(_ state: inout AppState, _ pane: PaneID, _ text: String) -> [Effect] {
        switch pane {
        case .runs: return HistoryReducer.reduce(&state, .filter(text))
        case .eval: return EvalReducer.reduce(&state, .filter(text))
        case .trace: TraceFollow.filter(&state, text)
        case .problems: filterProblems(&state, text)
        default: break
        }
        return []
    }

    /// Esc in a list pane with a filter: clears it and says so (true); false when there is none.
    static func clear(_ state: inout AppState) -> Bool {
        guard let filter = current(state.focus, state), !filter.isEmpty else { return false }
        _ = apply(&state, state.focus, "")
        return true
    }

    /// The selected problem stays selected when it is listed, else the first one listed is.
    static func filterProblems(_ state: inout AppState, _ text: String) {
        let selected = state.editing.selectedProblem
        state.editing.problemsFilter = text.trimmingCharacters(in: .whitespaces)
        let visible = state.editing.visibleProblems
        state.editing.problemsSelection = selected.flatMap { visible.firstIndex(of: $0) } ?? 0
        let total = state.editing.problems.count
        if state.editing.problemsFilter.isEmpty {
            state.info("All \(total) problem\(total == 1 ? "" : "s")")
        } else {
            state.info(
                "Problems matching `\(state.editing.problemsFilter)`: \(visible.count) of \(total) (/ changes it, Esc clears it)"
            )
        }
    }
}
