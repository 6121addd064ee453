import PatchbayCore
import PatchbayPresentation

/// Inside an entered map or loop: which item or pass is shown (`[`, `]`, and `#` for a list).
extension RunReducer {
    static func showItem(_ state: inout AppState, _ move: ItemMove) {
        guard let word = itemWord(&state) else { return }
        let items = state.shownItems.map(\.index)
        guard let last = items.last else {
            state.info("No \(word) of `\(state.editing.scope.last?.node ?? "")` has run yet")
            return
        }
        let current = state.shownItemIndex ?? last
        let target: Int
        switch move {
        case .previous:
            guard let before = items.last(where: { $0 < current }) else {
                state.info("This is the first \(word) (] shows the next)")
                return
            }
            target = before
        case .next:
            guard let after = items.first(where: { $0 > current }) else {
                state.info("This is the last \(word) ([ shows the previous)")
                return
            }
            target = after
        case .index(let index):
            target = index
        }
        state.editing.scope[state.editing.scope.count - 1].item = target
        followInTrace(&state)
        state.info("Showing \(word) \(target + 1) of \(max(items.count, target + 1)) (# lists them)")
    }

    /// `#`: the items or passes, each with how it went and the start of the value it began with.
    static func chooseItem(_ state: inout AppState) {
        guard let word = itemWord(&state), let frame = state.editing.scope.last else { return }
        let items = state.shownItems
        guard !items.isEmpty else {
            state.info("No \(word) of `\(frame.node)` has run yet")
            return
        }
        let count = items.count
        let choices = items.map { item in
            ChoiceItem(
                id: String(item.index + 1), title: "\(word) \(item.index + 1) of \(count)",
                detail: ([outcome(item.status)] + (item.input.map { [opening($0)] } ?? [])).joined(separator: " · "))
        }
        var list = ChoiceList(title: "Show which \(word) of `\(frame.node)`", items: choices)
        // The list opens on the item shown.
        let current = state.shownItemIndex.flatMap { index in items.firstIndex { $0.index == index } } ?? 0
        for _ in 0..<current { _ = list.perform(.down) }
        state.popups.stack.append(.choice(list, purpose: .shownItem))
    }

    /// "item" in a map, "pass" in a loop; nil (and says why) outside both.
    private static func itemWord(_ state: inout AppState) -> String? {
        switch state.shownEnteredKind {
        case .map: return "item"
        case .loop: return "pass"
        default:
            state.info("[ ] and # choose the item shown inside a map or loop (Enter on one opens it)")
            return nil
        }
    }

    /// Time travel follows the item: a selected trace step inside the entered node moves to the
    /// same node's step in the item shown (else the item's first step).
    private static func followInTrace(_ state: inout AppState) {
        guard let index = state.run.visibleTraceSelection else { return }
        let depth = state.editing.scope.count - 1
        let selected = state.run.steps[index].path
        guard selected.components.count > depth + 1, state.isInOuterItems(selected) else { return }
        let steps = state.run.steps.indices.filter { state.isInShownItem(state.run.steps[$0].path) }
        state.run.traceSelection =
            steps.last { state.run.steps[$0].path.nodePath == selected.nodePath } ?? steps.first ?? index
    }

    static func outcome(_ status: NodeStatus) -> String {
        switch status {
        case .failed: "failed"
        case .running: "running"
        case .paused: "paused"
        case .idle, .ready: "not run"
        default: "passed"
        }
    }

    /// The first words of a value, on one line.
    static func opening(_ value: JSONValue) -> String {
        let text = value.stringValue ?? value.compactJSON
        let words = text.split(whereSeparator: \.isWhitespace).prefix(6).joined(separator: " ")
        let short = words.count > 40 ? String(words.prefix(39)) + "…" : words
        return VisibleText.escaped(short + (short.count < text.count && !short.hasSuffix("…") ? "…" : ""))
    }
}
