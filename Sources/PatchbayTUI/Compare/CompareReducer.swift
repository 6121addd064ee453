import Foundation
import PatchbayCore
import PatchbayStore

/// Comparing two stored runs, `patchbay diff-runs` as a pane: a run marked in the runs pane and
/// `=` on another, or `:diff RUN RUN`; the store reads both off the main loop
/// (`Effect.compareRuns`), and the pane lists their steps side by side with each one's diff.
enum CompareReducer {
    static func reduce(_ state: inout AppState, _ action: CompareAction) -> [Effect] {
        switch action {
        case .mark: mark(&state)
        case .compareSelected: return compareSelected(&state)
        case .command(let argument): return command(&state, argument)
        case .leave: leave(&state)
        case .report(let report): self.report(&state, report)
        }
        return []
    }

    /// `#12 3f2a1b`, as the runs pane and the trace name a run.
    static func label(_ run: RunSummary) -> String { "#\(run.seq) \(run.id.prefix(6))" }

    /// What Tab offers for `:diff`'s first run: `last`, then each listed run's `#SEQ`.
    static func runNames(_ state: AppState) -> [String] {
        ["last"] + state.runHistory.runs.map { "#\($0.seq)" }
    }

    static func mark(_ state: inout AppState) {
        guard let run = state.runHistory.selectedRun else {
            state.warn(
                state.runHistory.available ? "No stored run selected" : "No run store: history is off for this session")
            return
        }
        if state.runHistory.marked == run.id {
            state.runHistory.marked = nil
            state.info("Unmarked run \(label(run))")
        } else {
            state.runHistory.marked = run.id
            state.info("Marked run \(label(run)): = on another run compares the two")
        }
    }

    /// `=`: the marked run is A, the selected one B.
    static func compareSelected(_ state: inout AppState) -> [Effect] {
        guard let selected = state.runHistory.selectedRun else {
            state.warn(
                state.runHistory.available ? "No stored run selected" : "No run store: history is off for this session")
            return []
        }
        guard let marked = state.runHistory.marked else {
            state.warn("Mark a run first (m), then press = on another to compare the two")
            return []
        }
        guard marked != selected.id else {
            state.warn("That is the marked run: select another one and press = to compare the two")
            return []
        }
        return start(&state, marked, selected.id)
    }

    /// `:diff RUN RUN`: each named as `patchbay diff-runs` names it (the store reads the name).
    static func command(_ state: inout AppState, _ argument: String) -> [Effect] {
        let words = argument.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 2 else {
            state.fail("Usage: :diff RUN RUN (each an id, a unique prefix of one, last or #SEQ), e.g. :diff #1 last")
            return []
        }
        return start(&state, words[0], words[1])
    }

    /// Asks the store for both runs and opens the compare pane (the `compare` layout when the
    /// current one has none), remembering where Esc goes back to.
    static func start(_ state: inout AppState, _ a: String, _ b: String) -> [Effect] {
        guard state.runHistory.available else {
            state.warn("No run store: history is off for this session")
            return []
        }
        if !ViewReducer.panes(state).contains(.compare), state.layouts["compare"] != nil {
            state.compare.returnLayout = state.layoutName
            state.compare.returnFocus = state.focus
            ViewReducer.switchLayout(&state, "compare")
        }
        if ViewReducer.panes(state).contains(.compare) { state.focus = .compare }
        state.compare.loading = [a, b]
        state.info("Reading the two runs…")
        return [.compareRuns(a, b)]
    }

    static func report(_ state: inout AppState, _ report: CompareReport) {
        state.compare.loading = nil
        switch report {
        case .loaded(let comparison):
            state.compare.comparison = comparison
            state.compare.selection = comparison.firstChange
            state.compare.detailScroll = 0
            let steps =
                comparison.differing == 0
                ? "all \(comparison.same) steps the same"
                : "\(comparison.differing) of \(comparison.differing + comparison.same) steps differ"
            state.info("Run \(label(comparison.a)) against \(label(comparison.b)): \(steps) (Esc goes back)")
        case .failed(let message):
            state.fail(message)
        }
    }

    /// Esc: the layout and pane shown before the comparison (the runs, when it was opened with
    /// `:layout compare`); the comparison stays for `:layout compare`.
    static func leave(_ state: inout AppState) {
        guard
            let name = [state.compare.returnLayout, "history"].compactMap({ $0 }).first(where: {
                state.layouts[$0] != nil && $0 != state.layoutName
            })
        else {
            state.message = nil
            return
        }
        state.compare.returnLayout = nil
        ViewReducer.switchLayout(&state, name)
        if let focus = state.compare.returnFocus, ViewReducer.panes(state).contains(focus) { state.focus = focus }
        state.compare.returnFocus = nil
    }

    /// j/k choose a row (its diff starts at the top); page keys scroll the diff.
    static func scroll(_ state: inout AppState, _ move: ScrollMove) {
        guard let comparison = state.compare.comparison else { return }
        switch move {
        case .pageUp, .pageDown:
            let rows = CompareView.detailRowCount(state)
            let page = max(1, state.height / 2)
            state.compare.detailScroll = min(
                max(0, state.compare.detailScroll + (move == .pageUp ? -page : page)), max(0, rows - 1))
        default:
            guard
                let moved = ViewReducer.moved(
                    state.compare.selection, by: move, count: comparison.rows.count, page: max(1, state.height / 2))
            else { return }
            if moved != state.compare.selection { state.compare.detailScroll = 0 }
            state.compare.selection = moved
        }
    }

    /// `y`: the selected row's diff as text (word diffs marked `[-…-]{+…+}`).
    static func copyable(_ state: AppState) -> (text: String, what: String)? {
        guard let comparison = state.compare.comparison, let row = state.compare.selectedRow else { return nil }
        let head = "\(row.label): \(label(comparison.a)) → \(label(comparison.b))"
        guard row.changed else { return (head + "\nthe same in both runs", "`\(row.label)`, the same in both runs") }
        return (([head] + row.detail.map(\.plain)).joined(separator: "\n"), "the diff of `\(row.label)`")
    }
}
