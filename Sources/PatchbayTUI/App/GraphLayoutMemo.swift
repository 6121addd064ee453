import PatchbayCore

/// The graph layout of the shown graph for a pane size, computed once per graph revision and
/// pane size. Laying out 500 nodes costs tens of milliseconds; a keystroke or a frame must not.
/// A memo of a pure function, so `reduce` stays pure in effect.
enum GraphLayoutMemo {
    /// The graph itself, not a revision: several workbenches (tests) share the memo. Arrays
    /// compare by identity first, so an unchanged graph compares in constant time.
    private struct Key: Equatable {
        var graph: Graph
        var width: Int
        var height: Int
    }

    private static let memo = Memo<Key, GraphLayout>()

    /// The layout the graph pane draws with, for a pane whose inside is `width`×`height`.
    static func layout(_ state: AppState, width: Int, height: Int) -> GraphLayout {
        let shown = state.shownGraph
        let key = Key(graph: shown, width: width, height: height)
        return memo.value(for: key) {
            GraphLayout.make(
                shown, orientation: GraphLayout.orientation(for: shown, paneWidth: width, paneHeight: height))
        }
    }

    /// The graph pane's inside for the state's layout (the whole screen when it has none).
    static func pane(_ state: AppState) -> Rect {
        (Screen.solve(state).rect(of: .graph) ?? Rect(x: 0, y: 0, width: state.width, height: state.height)).inset(
            by: 1)
    }
}
