import Foundation
import PatchbayCore
import PatchbayPresentation

/// The trace and problems lists, filtered with `/` (`TraceFilter`, `ListFilter`).
extension Screen {
    /// `(40)`, or with a filter `(3 of 40) /fail`, as k9s titles a filtered list.
    static func counted(_ listed: Int, of total: Int, filter: String) -> String {
        filter.isEmpty ? "(\(total))" : "(\(listed) of \(total)) /\(VisibleText.escaped(filter))"
    }

    static func traceCount(_ state: AppState) -> String {
        let total = state.run.steps.count
        return counted(TraceFilter.matches(state.run)?.count ?? total, of: total, filter: state.run.traceFilter)
    }

    static func problemsCount(_ state: AppState) -> String {
        counted(
            state.editing.visibleProblems.count, of: state.editing.problems.count, filter: state.editing.problemsFilter)
    }

    func drawTrace(_ state: AppState, in rect: Rect, on buffer: inout CellBuffer, focused: Bool) {
        // The steps listed (indices into `steps`), and the running nodes after them.
        let listed = TraceFilter.matches(state.run)
        let stepCount = listed?.count ?? state.run.steps.count
        var running = state.run.running.sorted(by: { $0.value < $1.value })
        if !state.run.traceFilter.isEmpty {
            let needle = state.run.traceFilter.lowercased()
            running = running.filter {
                TraceFilter.holds(
                    TraceRow(running: $0.key, since: $0.value), kind: state.graph[$0.key.nodePath]?.kind, needle)
            }
        }
        let total = stepCount + running.count
        if total == 0 && !state.run.traceFilter.isEmpty && !state.run.steps.isEmpty {
            buffer.put(
                "No step matches `\(VisibleText.escaped(state.run.traceFilter))` (/ changes the filter, Esc clears it).",
                x: rect.x + 1, y: rect.y, style: state.theme.dim, clip: rect)
            return
        }
        // The selected step's row; with a filter, nothing is highlighted when it is not listed.
        let selection: Int? =
            if let selected = state.run.traceSelection {
                listed.map { $0.firstIndex(of: selected) } ?? selected
            } else {
                total == 0 ? nil : total - 1
            }
        let visible = TraceView.visibleRowCount(in: rect)
        // Rows only for the window shown: a trace can hold tens of thousands of steps. Never
        // leave rows empty below while steps above are scrolled away (following a run puts the
        // scroll at its newest step).
        let scroll = min(
            TraceView.scroll(toShow: selection ?? 0, scroll: state.run.traceScroll, height: visible),
            max(0, total - visible))
        let window = scroll..<min(total, scroll + visible)
        // A node whose tool call the run waits before is paused, not running.
        let waiting = RunReducer.pausedCall(state).flatMap { ToolLoopPath($0.path)?.owner }
        let rows = window.map { index in
            index < stepCount
                ? TraceRow(state.run.steps[listed?[index] ?? index])
                : TraceRow(
                    running: running[index - stepCount].key, since: running[index - stepCount].value,
                    paused: running[index - stepCount].key == waiting)
        }
        TraceView.draw(
            rows, selection: selection.map { $0 - scroll }, scroll: 0, in: rect, on: &buffer, theme: state.theme,
            glyphs: state.glyphs, focused: focused, now: state.now, spinnerFrame: state.spinnerFrame)
    }

    func drawProblems(_ state: AppState, in rect: Rect, on buffer: inout CellBuffer, focused: Bool) {
        guard !state.editing.problems.isEmpty else {
            buffer.put("No problems.", x: rect.x + 1, y: rect.y, style: state.theme.done, clip: rect)
            return
        }
        let problems = state.editing.visibleProblems
        guard !problems.isEmpty else {
            buffer.put(
                "No problem matches `\(VisibleText.escaped(state.editing.problemsFilter))` (/ changes the filter, Esc clears it).",
                x: rect.x + 1, y: rect.y, style: state.theme.dim, clip: rect)
            return
        }
        let first = Self.firstProblemShown(problems, selection: state.editing.problemsSelection, height: rect.height)
        var y = rect.y
        for (index, problem) in problems.enumerated().dropFirst(first) where y < rect.maxY {
            let place = problem.location.map { "\($0.line):\($0.column) " } ?? ""
            let style =
                focused && index == state.editing.problemsSelection
                ? state.theme.selection : (problem.severity == .error ? state.theme.error : state.theme.warning)
            buffer.put(
                place + (problem.node.map { "`\($0)` " } ?? "") + problem.message, x: rect.x + 1, y: y, style: style,
                clip: rect)
            y += 1
            if let hint = problem.hint, y < rect.maxY {
                buffer.put(
                    "  hint: " + HintText.workbench(hint), x: rect.x + 1, y: y, style: state.theme.dim, clip: rect)
                y += 1
            }
        }
    }

    /// The first problem drawn so the selected one and its hint line fit in `height` rows (a
    /// problem takes two rows with a hint): 0 while it fits, else the selection on the last rows,
    /// as the runs list keeps its selection visible.
    static func firstProblemShown(_ problems: [Diagnostic], selection: Int, height: Int) -> Int {
        guard problems.indices.contains(selection) else { return 0 }
        let rows = { (index: Int) in problems[index].hint == nil ? 1 : 2 }
        var first = selection
        var used = rows(selection)
        while first > 0 && used + rows(first - 1) <= max(1, height) {
            first -= 1
            used += rows(first)
        }
        return first
    }
}
