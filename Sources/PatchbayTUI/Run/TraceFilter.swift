import PatchbayCore
import PatchbayPresentation

/// `/` in the trace: only the steps whose row holds the text (ignoring case) are listed: its
/// number, its path as drawn, its node's kind or its status word. The matches are computed once
/// per trace and filter (a memo of a pure function, as `GraphLayoutMemo`): a frame or a key in a
/// 10,000-step trace must not match every step again.
enum TraceFilter {
    /// The steps themselves: arrays compare by identity first, so an unchanged trace compares in
    /// constant time; a new step changes the count, which compares at once too.
    private struct Key: Equatable {
        var steps: [Step]
        var filter: String
    }

    private static let memo = Memo<Key, [Int]>()

    /// Indices into `run.steps` of the steps listed, in order; nil when no filter is set (all are).
    static func matches(_ run: RunState) -> [Int]? {
        guard !run.traceFilter.isEmpty else { return nil }
        let key = Key(steps: run.steps, filter: run.traceFilter)
        return memo.value(for: key) {
            let needle = run.traceFilter.lowercased()
            return run.steps.indices.filter { holds(TraceRow(run.steps[$0]), kind: run.steps[$0].kind, needle) }
        }
    }

    /// Whether a row holds `needle` (lowercased).
    static func holds(_ row: TraceRow, kind: NodeKind?, _ needle: String) -> Bool {
        let number = row.number.map { "#\($0) " } ?? ""
        let text = number + row.pathText + " " + (kind?.rawValue ?? "") + " " + row.statusWord
        return text.lowercased().contains(needle)
    }

    /// Whether the trace's selected step is one the filter does not list (a filter matching
    /// nothing): the inspector then shows no step rather than one the trace does not list.
    static func hidesSelection(_ run: RunState) -> Bool {
        guard let selected = run.traceSelection, let listed = matches(run) else { return false }
        return !listed.contains(selected)
    }

    /// What the inspector shows while the filter hides the selected step.
    static func nothingListed(_ run: RunState) -> InspectorContent {
        let filter = VisibleText.escaped(run.traceFilter)
        let title = matches(run)?.isEmpty == false ? "No step selected" : "No step matches /\(filter)"
        return InspectorContent(
            header: .init(title: title, kind: "", status: .idle),
            sections: [
                .init(
                    id: "filter", title: "Trace filter",
                    blocks: [.note("/ changes the filter, Esc clears it")])
            ])
    }
}
