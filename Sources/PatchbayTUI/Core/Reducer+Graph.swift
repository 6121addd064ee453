import Foundation
import PatchbayCore

extension Reducer {
    static func navigate(_ state: inout AppState, _ id: ActionID) -> [Effect] {
        let direction: GraphNavigation.Direction
        switch id {
        case .moveLeft: direction = .left
        case .moveRight: direction = .right
        case .moveUp: direction = .up
        case .moveDown: direction = .down
        case .find:
            state.popups.stack.append(.input(CommandLineModel(), purpose: .find))
            return []
        case .enterNode: return enter(&state)
        default: return []
        }
        let pane = GraphLayoutMemo.pane(state)
        let layout = GraphLayoutMemo.layout(state, width: pane.width, height: pane.height)
        if let next = GraphNavigation.move(from: state.editing.selection, direction, in: layout) {
            select(&state, next)
        }
        return []
    }

    /// Enter: from the problems list, go to the node; on a loop, map or graph node, open its sub-graph.
    static func enter(_ state: inout AppState) -> [Effect] {
        if state.focus == .problems {
            let problems = state.editing.problems
            if problems.indices.contains(state.editing.problemsSelection),
                let node = problems[state.editing.problemsSelection].node,
                state.graph[node] != nil
            {
                select(&state, node)
                state.focus = .graph
            }
            return []
        }
        guard let node = state.selectedNode, [.loop, .map, .graph].contains(node.kind),
            let file = node["graph"]?.stringValue
        else {
            info(&state, "Only loop, map and graph nodes have a graph inside")
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
        if state.promptEditor.current?.editing != true { state.promptEditor.current = promptState(for: state) }
        followSelection(&state)
    }

    /// Scrolls the graph pane just enough to show the selected node.
    static func followSelection(_ state: inout AppState, layout: GraphLayout? = nil, pane: Rect? = nil) {
        let inner = pane ?? GraphLayoutMemo.pane(state)
        let layout = layout ?? GraphLayoutMemo.layout(state, width: inner.width, height: inner.height)
        guard let selection = state.editing.selection, let box = layout.boxes[selection] else { return }
        state.editing.viewport = state.editing.viewport.scrolled(toShow: box, in: (inner.width, inner.height))
    }

    static func editGraph(_ state: inout AppState, _ id: ActionID) -> [Effect] {
        guard state.editing.scope.isEmpty else {
            warn(&state, "This is a sub-graph: open its file to edit it (Esc goes back)")
            return []
        }
        let selected = state.selectedNode
        switch id {
        case .addNode:
            state.popups.stack.append(.choice(ChoiceList.kinds(title: "Add node: choose its kind"), purpose: .addKind))
        case .deleteNode:
            guard let node = selected else { return [] }
            return edit(&state, "delete node `\(node.id)`") { GraphEditing.delete(node.id, from: &$0) }
        case .renameNode:
            guard let node = selected else { return [] }
            state.popups.stack.append(.input(CommandLineModel.prefilled(node.id), purpose: .rename(node.id)))
        case .editField:
            guard let node = selected else { return [] }
            state.popups.stack.append(.choice(ChoiceList.fields(of: node), purpose: .editField(node.id)))
        case .connect:
            guard let node = selected else { return [] }
            let outputs = NodePorts.resolve(node, subgraph: { _ in nil }).outputs
            guard !outputs.isEmpty else {
                warn(&state, "`\(node.id)` has no output ports")
                return []
            }
            state.popups.stack.append(
                .choice(
                    ChoiceList.ports(outputs, title: "Connect `\(node.id)`: choose an output port"),
                    purpose: .connectFrom(node.id)))
        case .disconnect, .insertOnWire:
            guard let node = selected else { return [] }
            let wires = state.graph.wires.filter { $0.from.node == node.id || $0.to.node == node.id }
            guard !wires.isEmpty else {
                warn(&state, "`\(node.id)` has no wires")
                return []
            }
            let title = id == .disconnect ? "Disconnect: choose a wire" : "Insert a node on: choose a wire"
            state.popups.stack.append(
                .choice(
                    ChoiceList.wires(wires, title: title),
                    purpose: id == .disconnect ? .disconnect(node.id) : .insertOnWire(node.id)))
        case .duplicate:
            guard let node = selected else { return [] }
            let copyID = GraphEditing.freshID(node.id, in: state.graph)
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
            info(&state, "\(state.editing.marked.count) marked (x extracts them into a sub-graph)")
        case .extract:
            let ids = state.editing.marked.isEmpty ? Set(selected.map { [$0.id] } ?? []) : state.editing.marked
            guard !ids.isEmpty else { return [] }
            state.popups.stack.append(.input(CommandLineModel.prefilled("subgraph.graph.yaml"), purpose: .extractFile))
        default: break
        }
        return []
    }

    /// Finishes a choice popup.
    static func chose(_ state: inout AppState, _ item: ChoiceItem, for purpose: ChoicePurpose) -> [Effect] {
        switch purpose {
        case .addKind:
            guard let kind = NodeKind(rawValue: item.id) else { return [] }
            let node = GraphEditing.newNode(kind, in: state.graph)
            let after = state.editing.selection
            return edit(&state, "add \(kind.rawValue) node `\(node.id)`", select: node.id) {
                GraphEditing.add(node, after: after, to: &$0)
            }
        case .connectFrom(let nodeID):
            guard let node = state.graph[nodeID],
                let port = NodePorts.resolve(node, subgraph: { _ in nil }).output(item.id)
            else { return [] }
            let targets = GraphEditing.compatibleTargets(from: port, of: nodeID, in: state.graph)
            guard !targets.isEmpty else {
                warn(&state, "No free input port accepts `\(nodeID).\(port.name)` (\(port.type.rawValue))")
                return []
            }
            state.popups.stack.append(
                .choice(
                    ChoiceList.targets(targets, title: "Connect `\(nodeID).\(port.name)` to: choose an input port"),
                    purpose: .connectTo(PortRef(node: nodeID, port: port.name))))
        case .connectTo(let from):
            guard let to = Wire(parsing: "x -> \(item.id)")?.to else { return [] }
            return edit(&state, "connect `\(from)` to `\(to)`") { GraphEditing.connect(from, to: to, in: &$0) }
        case .disconnect:
            guard let wire = Wire(parsing: item.id) else { return [] }
            return edit(&state, "disconnect `\(wire)`") { GraphEditing.disconnect(wire, in: &$0) }
        case .insertOnWire:
            guard let wire = Wire(parsing: item.id) else { return [] }
            state.popups.stack.append(
                .choice(ChoiceList.kinds(title: "Insert on `\(wire)`: choose a kind"), purpose: .insertKind(wire)))
        case .insertKind(let wire):
            guard let kind = NodeKind(rawValue: item.id) else { return [] }
            let node = GraphEditing.newNode(kind, in: state.graph)
            return edit(&state, "insert \(kind.rawValue) node `\(node.id)` on `\(wire)`", select: node.id) {
                GraphEditing.insert(node, on: wire, in: &$0)
            }
        case .editField(let nodeID):
            guard let node = state.graph[nodeID] else { return [] }
            // Text templates open in the prompt editor; `messages` (a list) is edited as JSON.
            if case .text(template: true)? = node.kind.flatMap({ KindSpec.catalogue[$0] })?.field(item.id)?.type {
                state.promptEditor.current = PromptState(
                    node: nodeID, field: item.id, editor: TextEditor(text: node[item.id]?.stringValue ?? ""))
                state.focus = .prompt
                startPromptEditing(&state)
                return []
            }
            let current = node[item.id].map(FieldText.text(of:)) ?? ""
            state.popups.stack.append(
                .input(CommandLineModel.prefilled(current), purpose: .fieldValue(node: nodeID, field: item.id)))
        }
        return []
    }

    /// Finishes a one-line input popup.
    static func entered(_ state: inout AppState, _ text: String, for purpose: InputPurpose) -> [Effect] {
        switch purpose {
        case .rename(let id):
            let name = text.trimmingCharacters(in: .whitespaces)
            guard name != id else { return [] }
            guard GraphEditing.isIdentifier(name) else {
                fail(&state, "`\(name)` is not a node id: use letters, digits, _ and -, starting with a letter")
                return []
            }
            guard state.graph[name] == nil else {
                fail(&state, "A node `\(name)` exists already")
                return []
            }
            if state.run.breakpoints.remove(id) != nil { state.run.breakpoints.insert(name) }
            return edit(&state, "rename `\(id)` to `\(name)`", select: name) {
                GraphEditing.rename(id, to: name, in: &$0)
            }
        case .find:
            guard let found = GraphNavigation.find(text, in: state.shownGraph, after: state.editing.selection) else {
                warn(&state, "No node matches `\(text)`")
                return []
            }
            select(&state, found)
        case .fieldValue(let node, let field):
            let value = FieldText.value(of: text, field: field, node: state.graph[node])
            return edit(&state, "set `\(node).\(field)`") { $0.nodes[$0.index(of: node)!].fields[field] = value }
        case .extractFile:
            let file = text.trimmingCharacters(in: .whitespaces)
            guard !file.isEmpty else { return [] }
            let ids =
                state.editing.marked.isEmpty ? Set(state.editing.selection.map { [$0] } ?? []) : state.editing.marked
            let name = PathText.baseName(file)
            guard let extraction = GraphEditing.extract(ids, from: state.graph, file: file, name: name) else {
                return []
            }
            let parentDir = state.editing.document.path.map(PathText.directory) ?? "."
            var effects = edit(
                &state, "extract \(ids.count) node\(ids.count == 1 ? "" : "s") into `\(file)`",
                select: extraction.nodeID
            ) {
                $0 = extraction.parent
            }
            effects.append(.writeSubgraph(extraction.subgraph, path: parentDir + "/" + file))
            state.editing.marked = []
            return effects
        case .humanAnswer(let id, let question):
            let value: JSONValue = question.type == .string ? .string(text) : FieldText.inputValue(text)
            return [.answerHuman(id: id, value)]
        case .saveAs:
            let path = text.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty else { return [] }
            state.editing.document.path = path
            state.editing.document.fingerprint = nil
            return save(&state, force: false)
        }
        return []
    }
}
