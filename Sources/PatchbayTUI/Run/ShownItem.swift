import PatchbayCore
import PatchbayPresentation

/// Which map item or loop pass an entered sub-graph shows. Each entered node may have one chosen
/// (`ScopeFrame.item`, 0-based as in step paths); without, the latest step of a node is shown,
/// whichever item it ran in. The graph's statuses, the inspector, the output pane and the preview
/// all read steps through here.
extension AppState {
    /// Whether a step lies inside the entered nodes, in the chosen item of each that has one.
    func isInShownItem(_ path: StepPath) -> Bool {
        let scope = editing.scope
        guard path.components.count > scope.count else { return false }
        for (depth, frame) in scope.enumerated() {
            let component = path.components[depth]
            guard component.node == frame.node else { return false }
            if let item = frame.item, component.index != item { return false }
        }
        return true
    }

    private var choosesItems: Bool { editing.scope.contains { $0.item != nil } }

    /// The latest finished step of a node of the shown graph, in the item shown.
    public func shownStep(of node: String) -> Step? {
        let path = editing.scopePrefix + node
        guard choosesItems else { return run.lastStep(of: path) }
        return run.steps.last { $0.path.nodePath == path && isInShownItem($0.path) }
    }

    /// Statuses the graph pane draws, by node path: the run's (as of the trace's selected step),
    /// or only the chosen items' steps when items are chosen.
    public var shownGraphStatuses: [String: NodeStatus] {
        guard choosesItems else { return run.shownStatuses }
        let selected = run.visibleTraceSelection
        var shown: [String: NodeStatus] = [:]
        for step in run.steps[..<((selected ?? run.steps.count - 1) + 1)] where isInShownItem(step.path) {
            shown[step.path.nodePath] = NodeStatus(step.status)
        }
        if selected == nil {
            for path in run.running.keys where isInShownItem(path) { shown[path.nodePath] = .running }
        }
        return shown
    }

    /// The items (map) or passes (loop) of the innermost entered node that have begun, in order.
    public var shownItems: [ShownItem] {
        guard let frame = editing.scope.last else { return [] }
        let depth = editing.scope.count - 1
        var byIndex: [Int: ShownItem] = [:]
        var outer = self
        outer.editing.scope.removeLast()
        func inOuterItems(_ path: StepPath) -> Bool {
            path.components.count > depth + 1 && path.components[depth].node == frame.node
                && path.components[depth].index != nil && (outer.editing.scope.isEmpty || outer.isInShownItem(path))
        }
        for step in run.steps where inOuterItems(step.path) {
            let index = step.path.components[depth].index!
            var item = byIndex[index] ?? ShownItem(index: index)
            if NodeStatus(step.status) == .failed { item.status = .failed }
            if item.input == nil, step.path.components.count == depth + 2,
                shownGraph[step.path.node]?.kind == .input
            {
                item.input = step.outputs.values.first ?? step.inputs.values.first
            }
            byIndex[index] = item
        }
        for path in run.running.keys where inOuterItems(path) {
            let index = path.components[depth].index!
            byIndex[index, default: ShownItem(index: index)].status = .running
        }
        // A map's own step lists every item, also those not begun.
        if let step = shownStepOfEnteredNode(), case .array(let items)? = step.inputs["items"] {
            for (index, value) in items.enumerated() {
                byIndex[index, default: ShownItem(index: index, status: .idle)].input = value
            }
        }
        return byIndex.values.sorted { $0.index < $1.index }
    }

    /// Whether a step lies inside the innermost entered node, in any of its items, and in the
    /// items shown of the nodes around it.
    func isInOuterItems(_ path: StepPath) -> Bool {
        guard let frame = editing.scope.last else { return false }
        let depth = editing.scope.count - 1
        guard path.components.count > depth + 1, path.components[depth].node == frame.node else { return false }
        var outer = self
        outer.editing.scope.removeLast()
        return outer.editing.scope.isEmpty || outer.isInShownItem(path)
    }

    /// The entered node's own latest step (in the outer items shown).
    private func shownStepOfEnteredNode() -> Step? {
        guard let frame = editing.scope.last else { return nil }
        var outer = self
        outer.editing.scope.removeLast()
        return outer.shownStep(of: frame.node)
    }

    /// The item the innermost entered node shows: the chosen one, else the latest step's.
    public var shownItemIndex: Int? {
        guard let frame = editing.scope.last else { return nil }
        if let item = frame.item { return item }
        let depth = editing.scope.count - 1
        return run.steps.last { isInShownItem($0.path) && $0.path.components.count > depth + 1 }?
            .path.components[depth].index
    }

    /// "item 3/12" or "pass 2/5" for the pane title (", latest" while none is chosen); nil
    /// outside a map or loop with steps.
    public var shownItemTitle: String? {
        guard let frame = editing.scope.last, let index = shownItemIndex else { return nil }
        let word = shownEnteredKind == .loop ? "pass" : "item"
        let count = max(shownItems.count, index + 1)
        return "\(word) \(index + 1)/\(count)" + (frame.item == nil ? ", latest" : "")
    }

    /// The kind of the innermost entered node, read in the graph that holds it.
    var shownEnteredKind: NodeKind? {
        guard let frame = editing.scope.last else { return nil }
        let holder = editing.scope.count > 1 ? editing.scope[editing.scope.count - 2].graph : graph
        return holder[frame.node]?.kind
    }
}

/// One map item or loop pass, as the chooser lists it.
public struct ShownItem: Sendable, Equatable {
    public var index: Int
    public var status: NodeStatus = .done
    /// The value it started from: the map's item, or the body's first input.
    public var input: JSONValue?

    public init(index: Int, status: NodeStatus = .done, input: JSONValue? = nil) {
        self.index = index
        self.status = status
        self.input = input
    }
}
