import Foundation
import PatchbayCore

/// What the graph-editing popups (choices and one-line inputs) come back with.
extension GraphEditingReducer {
    /// Finishes a choice popup.
    static func chose(_ state: inout AppState, _ item: ChoiceItem, for purpose: ChoicePurpose) -> [Effect] {
        switch purpose {
        case .addKind:
            guard let kind = NodeKind(rawValue: item.id) else { return [] }
            let node = GraphEditing.newNode(kind, in: state.shownGraph)
            let after = state.editing.selection
            return edit(&state, "add \(kind.rawValue) node `\(node.id)`", select: node.id) {
                GraphEditing.add(node, after: after, to: &$0)
            }
        case .connectFrom(let nodeID):
            guard let node = state.shownGraph[nodeID],
                let port = NodePorts.resolve(node, subgraph: { _ in nil }).output(item.id)
            else { return [] }
            let targets = GraphEditing.compatibleTargets(from: port, of: nodeID, in: state.shownGraph)
            guard !targets.isEmpty else {
                state.warn("No free input port accepts `\(nodeID).\(port.name)` (\(port.type.rawValue))")
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
            let node = GraphEditing.newNode(kind, in: state.shownGraph)
            return edit(&state, "insert \(kind.rawValue) node `\(node.id)` on `\(wire)`", select: node.id) {
                GraphEditing.insert(node, on: wire, in: &$0)
            }
        case .editField(let nodeID):
            guard let node = state.shownGraph[nodeID] else { return [] }
            // Text templates open in the prompt editor; `messages` (a list) is edited as JSON.
            if case .text(template: true)? = node.kind.flatMap({ KindSpec.catalogue[$0] })?.field(item.id)?.type {
                state.promptEditor.current = PromptState(
                    node: nodeID, field: item.id, editor: TextEditor(text: node[item.id]?.stringValue ?? ""))
                state.focus = .prompt
                PromptEditorReducer.startEditing(&state)
                return []
            }
            let current = node[item.id].map(FieldText.text(of:)) ?? ""
            state.popups.stack.append(
                .input(CommandLineModel.prefilled(current), purpose: .fieldValue(node: nodeID, field: item.id)))
        case .shownItem:
            // Listed as shown, from 1.
            guard let number = Int(item.id) else { return [] }
            return RunReducer.reduce(&state, .showItem(.index(number - 1)))
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
                state.fail("`\(name)` is not a node id: use letters, digits, _ and -, starting with a letter")
                return []
            }
            guard state.shownGraph[name] == nil else {
                state.fail("A node `\(name)` exists already")
                return []
            }
            let prefix = state.editing.scopePrefix
            if state.run.breakpoints.remove(prefix + id) != nil { state.run.breakpoints.insert(prefix + name) }
            return edit(&state, "rename `\(id)` to `\(name)`", select: name) {
                GraphEditing.rename(id, to: name, in: &$0)
            }
        case .listFilter(let pane): return ListFilter.apply(&state, pane, text)
        case .find:
            guard let found = GraphNavigation.find(text, in: state.shownGraph, after: state.editing.selection) else {
                state.warn("No node matches `\(text)`")
                return []
            }
            select(&state, found)
        case .fieldValue(let node, let field):
            let value = FieldText.value(of: text, field: field, node: state.shownGraph[node])
            return edit(&state, "set `\(node).\(field)`") { $0.nodes[$0.index(of: node)!].fields[field] = value }
        case .extractFile:
            let file = text.trimmingCharacters(in: .whitespaces)
            guard !file.isEmpty else { return [] }
            let ids =
                state.editing.marked.isEmpty ? Set(state.editing.selection.map { [$0] } ?? []) : state.editing.marked
            let name = PathText.baseName(file)
            guard let extraction = GraphEditing.extract(ids, from: state.shownGraph, file: file, name: name) else {
                return []
            }
            let parentDir = shownFolder(state)
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
        case .callResult(let path):
            return RunReducer.resultEntered(&state, text, for: path)
        case .caseExpectation(let draft):
            return CaptureReducer.reduce(&state, .entered(text, draft))
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
