import Foundation
import PatchbayCore

extension AppReducer {
    /// The `:` commands, with what Tab completes for each.
    static func commandSpecs(_ state: AppState) -> [CommandSpec] {
        [
            CommandSpec(name: "w", help: "save (`:w FILE` saves as)", arguments: []),
            CommandSpec(name: "w!", help: "save over a file changed on disk", arguments: []),
            CommandSpec(name: "q", help: "quit", arguments: []),
            CommandSpec(name: "q!", help: "quit without saving", arguments: []),
            CommandSpec(name: "wq", help: "save and quit", arguments: []),
            CommandSpec(name: "layout", help: "switch layout", arguments: state.layouts.keys.sorted()),
            CommandSpec(name: "run", help: "run the graph", arguments: []),
            CommandSpec(name: "step", help: "step through a run", arguments: []),
            CommandSpec(
                name: "break", help: "toggle a breakpoint (NODE/turn/call[:TOOL]: before an llm node's tool calls)",
                arguments: state.graph.nodes.map(\.id) + RunReducer.toolCallBreakpoints(state)),
            CommandSpec(name: "goto", help: "select a node", arguments: state.shownGraph.nodes.map(\.id)),
            CommandSpec(name: "add", help: "add a node of a kind", arguments: NodeKind.allCases.map(\.rawValue)),
            CommandSpec(
                name: "set", help: "set a field of the selected node: :set FIELD VALUE", arguments: fieldNames(state)),
            CommandSpec(name: "reload", help: "reload the file from disk", arguments: []),
            CommandSpec(name: "mouse", help: "toggle mouse support", arguments: []),
            CommandSpec(name: "runs", help: "list this graph's stored runs (the history layout)", arguments: []),
            CommandSpec(
                name: "diff", help: "compare two stored runs side by side: :diff RUN RUN (id, prefix, last, #SEQ)",
                arguments: CompareReducer.runNames(state)),
            CommandSpec(name: "eval", help: "evaluate this graph: :eval CASES-FILE [repeat N]", arguments: []),
            CommandSpec(
                name: "improve", help: "search for a better graph: :improve CASES-FILE [OPTION VALUE]…",
                arguments: []),
        ] + ActionID.allCases.map { CommandSpec(name: $0.rawValue, help: $0.summary, arguments: []) }
    }

    static func fieldNames(_ state: AppState) -> [String] {
        guard let kind = state.selectedNode?.kind, let spec = KindSpec.catalogue[kind] else { return [] }
        return spec.allFields.map(\.name)
    }

    static func command(_ state: inout AppState, _ line: String) -> [Effect] {
        let words = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard let name = words.first else { return [] }
        let argument = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        switch name {
        case "w", "write":
            if !argument.isEmpty { return GraphEditingReducer.entered(&state, argument, for: .saveAs) }
            return GraphEditingReducer.save(&state, force: false)
        case "w!": return GraphEditingReducer.save(&state, force: true)
        case "q", "quit": return quit(&state)
        case "q!", "quit!":
            state.quit = true
            return [.quit]
        case "wq", "x":
            state.quitAfterSave = true
            return GraphEditingReducer.save(&state, force: false)
        case "layout":
            ViewReducer.switchLayout(&state, argument)
        case "run": return reduce(&state, .run(.start))
        case "step": return reduce(&state, .run(.step))
        case "break" where argument.contains("/"):
            return RunReducer.toggleToolCallBreakpoint(&state, argument)
        case "break", "goto":
            guard state.shownGraph[argument] != nil else {
                state.fail("No node `\(argument)`")
                return []
            }
            GraphEditingReducer.select(&state, argument)
            if name == "break" { return reduce(&state, .run(.toggleBreakpoint)) }
        case "add":
            guard let kind = NodeKind(rawValue: argument) else {
                state.fail(
                    "No node kind `\(argument)`; kinds: \(NodeKind.allCases.map(\.rawValue).joined(separator: ", "))")
                return []
            }
            return GraphEditingReducer.chose(&state, ChoiceItem(id: kind.rawValue, title: kind.rawValue), for: .addKind)
        case "set":
            let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
            guard let node = state.editing.selection, parts.count == 2 else {
                state.fail("Usage: :set FIELD VALUE (on the selected node)")
                return []
            }
            return GraphEditingReducer.entered(&state, parts[1], for: .fieldValue(node: node, field: parts[0]))
        case "reload": return reduce(&state, .editing(.reload))
        case "mouse": return reduce(&state, .view(.toggleMouse))
        case "runs": return reduce(&state, .history(.showRuns))
        case "diff": return reduce(&state, .compare(.command(argument)))
        case "eval": return reduce(&state, .eval(.command(argument)))
        case "improve": return reduce(&state, .improve(.command(argument)))
        default:
            if let id = ActionID(rawValue: name) { return reduce(&state, .perform(id)) }
            state.fail("Unknown command `:\(name)` (Tab completes; ? lists keys)")
        }
        return []
    }
}
