import Foundation
import PatchbayCore

/// The graph-editing feature: moving around the graph, changing it, and its file.
enum GraphEditingReducer {
    static func reduce(_ state: inout AppState, _ action: GraphEditingAction) -> [Effect] {
        switch action {
        case .move(let direction): move(&state, direction)
        case .enter: return enter(&state)
        case .find: state.popups.stack.append(.input(CommandLineModel(), purpose: .find))
        case .select(let node): select(&state, node)
        case .add, .delete, .rename, .editField, .connect, .disconnect, .insertOnWire, .duplicate, .mark, .extract:
            return editSelected(&state, action)
        case .undo: return undo(&state)
        case .redo: return redo(&state)
        case .save(let force): return save(&state, force: force)
        case .reload: return state.editing.document.path.map { [.reload(path: $0)] } ?? []
        case .report(let report): return self.report(&state, report)
        }
        return []
    }

    static func move(_ state: inout AppState, _ direction: GraphNavigation.Direction) {
        let pane = GraphLayoutMemo.pane(state)
        let layout = GraphLayoutMemo.layout(state, width: pane.width, height: pane.height)
        if let next = GraphNavigation.move(from: state.editing.selection, direction, in: layout) {
            select(&state, next)
        }
    }

    /// Enter: from the problems list, go to the node; on a loop, map or graph node, open its sub-graph.
    static func enter(_ state: inout AppState) -> [Effect] {
        if state.focus == .problems {
            if let node = state.editing.selectedProblem?.node, state.graph[node] != nil {
                select(&state, node)
                state.focus = .graph
            }
            return []
        }
        guard let node = state.selectedNode, [.loop, .map, .graph].contains(node.kind),
            let file = node["graph"]?.stringValue
        else {
            state.info("Only loop, map and graph nodes have a graph inside")
            return []
        }
        return [
            .openSubgraph(node: node.id, file: file, parentPath: state.editing.scopePath ?? state.editing.document.path)
        ]
    }

    /// Selects a node as a move does: the inspector and prompt follow, the pane scrolls to it.
    static func select(_ state: inout AppState, _ node: String) {
        state.editing.selection = node
        state.run.traceSelection = nil
        state.inspector.scroll = 0
        state.inspector.cursor = 0
        if state.promptEditor.current?.editing != true {
            state.promptEditor.current = PromptEditorReducer.promptState(for: state)
        }
        followSelection(&state)
    }

    /// Scrolls the graph pane just enough to show the selected node.
    static func followSelection(_ state: inout AppState, layout: GraphLayout? = nil, pane: Rect? = nil) {
        let inner = pane ?? GraphLayoutMemo.pane(state)
        let layout = layout ?? GraphLayoutMemo.layout(state, width: inner.width, height: inner.height)
        guard let selection = state.editing.selection, let box = layout.boxes[selection] else { return }
        state.editing.viewport = state.editing.viewport.scrolled(toShow: box, in: (inner.width, inner.height))
    }

    static func editSelected(_ state: inout AppState, _ action: GraphEditingAction) -> [Effect] {
        // Inside an entered sub-graph the edits change its own file (`editInside`).
        let selected = state.selectedNode
        switch action {
        case .add:
            state.popups.stack.append(.choice(ChoiceList.kinds(title: "Add node: choose its kind"), purpose: .addKind))
        case .delete:
            guard let node = selected else { return [] }
            return edit(&state, "delete node `\(node.id)`") { GraphEditing.delete(node.id, from: &$0) }
        case .rename:
            guard let node = selected else { return [] }
            state.popups.stack.append(.input(CommandLineModel.prefilled(node.id), purpose: .rename(node.id)))
        case .editField:
            guard let node = selected else { return [] }
            state.popups.stack.append(.choice(ChoiceList.fields(of: node), purpose: .editField(node.id)))
        case .connect:
            guard let node = selected else { return [] }
            let outputs = NodePorts.resolve(node, subgraph: { _ in nil }).outputs
            guard !outputs.isEmpty else {
                state.warn("`\(node.id)` has no output ports")
                return []
            }
            state.popups.stack.append(
                .choice(
                    ChoiceList.ports(outputs, title: "Connect `\(node.id)`: choose an output port"),
                    purpose: .connectFrom(node.id)))
        case .disconnect, .insertOnWire:
            guard let node = selected else { return [] }
            let wires = state.shownGraph.wires.filter { $0.from.node == node.id || $0.to.node == node.id }
            guard !wires.isEmpty else {
                state.warn("`\(node.id)` has no wires")
                return []
            }
            let title = action == .disconnect ? "Disconnect: choose a wire" : "Insert a node on: choose a wire"
            state.popups.stack.append(
                .choice(
                    ChoiceList.wires(wires, title: title),
                    purpose: action == .disconnect ? .disconnect(node.id) : .insertOnWire(node.id)))
        case .duplicate:
            guard let node = selected else { return [] }
            let copyID = GraphEditing.freshID(node.id, in: state.shownGraph)
            return edit(&state, "duplicate `\(node.id)` as `\(copyID)`", select: copyID) {
                _ = GraphEditing.duplicate(node.id, in: &$0)
            }
        case .mark:
            guard let node = selected else { return [] }
            if state.editing.marked.contains(node.id) {
                state.editing.marked.remove(node.id)
            } else {
                state.editing.marked.insert(node.id)
            }
            state.info("\(state.editing.marked.count) marked (x extracts them into a sub-graph)")
        case .extract:
            let ids = state.editing.marked.isEmpty ? Set(selected.map { [$0.id] } ?? []) : state.editing.marked
            guard !ids.isEmpty else { return [] }
            state.popups.stack.append(.input(CommandLineModel.prefilled("subgraph.graph.yaml"), purpose: .extractFile))
        default: break
        }
        return []
    }
}
