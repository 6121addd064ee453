import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayPresentation

/// A candidate's (or the winner's) diff against the graph being edited, and applying it as one
/// undoable edit. A candidate whose move is inside a top-level node's sub-graph changes that
/// file: applying saves it where it was read (the graph keeps naming it), and the same undo
/// puts its old text back.
extension ImproveReducer {
    /// A candidate or winner: the main graph and the sub-graphs it changed, by parent node.
    typealias Change = (graph: Graph, subgraphs: [String: ImproveProgress.Subgraph])

    /// Enter: the selected candidate's diff against the graph being edited; Enter again closes it.
    static func toggleDiff(_ state: inout AppState) {
        if state.improve.diff != nil {
            state.improve.diff = nil
            return
        }
        guard let change = selected(&state, doing: "show") else { return }
        state.improve.diff = diff(state, to: change, title: state.improve.selectedRow?.candidate.label ?? "")
    }

    /// `D`: the final diff, the winner against the graph being edited.
    static func toggleWinnerDiff(_ state: inout AppState) {
        if state.improve.diff != nil {
            state.improve.diff = nil
            return
        }
        guard let winner = winner(&state) else { return }
        state.improve.diff = diff(state, to: winner, title: "the winner")
    }

    static func applySelected(_ state: inout AppState) -> [Effect] {
        guard let change = selected(&state, doing: "apply"), let row = state.improve.selectedRow else { return [] }
        return apply(&state, change, label: "apply `\(row.candidate.label)`")
    }

    static func applyWinner(_ state: inout AppState) -> [Effect] {
        guard let winner = winner(&state) else { return [] }
        return apply(&state, winner, label: "apply the improved graph")
    }

    /// The selected row's change; nil (and says why) when there is none.
    static func selected(_ state: inout AppState, doing verb: String) -> Change? {
        guard let row = state.improve.selectedRow else {
            state.warn("No candidate yet: i starts a search (or :improve CASES-FILE)")
            return nil
        }
        guard let graph = row.graph else {
            state.warn("`\(row.candidate.label)` has no graph to \(verb)")
            return nil
        }
        return (graph, row.subgraphs)
    }

    /// The report's winner; nil (and says why) when there is none to show or apply. The report
    /// names a changed sub-graph by the file `patchbay improve` writes (`NAME.improved.graph.yaml`);
    /// here the graph keeps naming the file it read, which applying changes in place.
    static func winner(_ state: inout AppState) -> Change? {
        guard let report = state.improve.report else {
            state.warn(state.improve.run.running ? "The search is still running" : "No search yet: :improve CASES-FILE")
            return nil
        }
        guard let text = report.improvedGraph else {
            state.info("No move was proven better on dev: the graph is unchanged")
            return nil
        }
        guard var graph = try? GraphCodec.decode(text, path: state.editing.document.path).graph else {
            state.fail("The winner's graph does not read back")
            return nil
        }
        var subgraphs: [String: ImproveProgress.Subgraph] = [:]
        for (file, text) in (report.improvedSubgraphs ?? [:]).sorted(by: { $0.key < $1.key }) {
            let index = graph.nodes.firstIndex { $0.fields["graph"]?.stringValue == file }
            let id = index.map { graph.nodes[$0].id }
            let field = id.flatMap { state.graph[$0]?.fields["graph"] }
            guard let index, let id, let field,
                ImproveSession.improvedName(field.stringValue ?? "") == file,
                let read = state.improve.rows.lazy.compactMap({ $0.subgraphs[id] }).first,
                let changed = try? GraphCodec.decode(text, path: read.path).graph
            else {
                state.fail("The winner's \(file) is no sub-graph of this graph now: `patchbay improve` writes it")
                return nil
            }
            graph.nodes[index].fields["graph"] = field
            subgraphs[id] = ImproveProgress.Subgraph(path: read.path, original: read.original, changed: changed)
        }
        return (graph, subgraphs)
    }

    /// The main graph's diff against the graph being edited, then each changed sub-graph's
    /// against the file as the search read it, under a heading.
    static func diff(_ state: AppState, to change: Change, title: String) -> ImproveDiff {
        var diff = ImproveDiff(
            title: title, lines: LineDiff.unified(GraphCodec.encode(state.graph), GraphCodec.encode(change.graph)))
        for (node, sub) in change.subgraphs.sorted(by: { $0.key < $1.key }) {
            diff.headings.insert(diff.lines.count)
            diff.lines.append("sub-graph of `\(node)`: \(PathText.fileName(sub.path))")
            diff.lines += LineDiff.unified(GraphCodec.encode(sub.original), GraphCodec.encode(sub.changed))
        }
        if diff.lines.isEmpty { diff.lines = ["(the same as the graph being edited)"] }
        return diff
    }

    /// One edit: the graph replaced, and each changed sub-graph's file saved (undo puts both back).
    static func apply(_ state: inout AppState, _ change: Change, label: String) -> [Effect] {
        guard state.editing.scope.isEmpty else {
            state.warn("Leave the sub-graph first (Esc): a candidate replaces the top graph")
            return []
        }
        let files = change.subgraphs.values.map { SubgraphEdit(path: $0.path, graph: $0.changed) }
            .sorted { $0.path < $1.path }
        guard change.graph != state.graph || !files.isEmpty else {
            state.info("The graph is like that already")
            return []
        }
        let names = files.map { PathText.fileName($0.path) }.joined(separator: ", ")
        let what = (files.isEmpty ? "" : " and save \(names)") + " (u undoes it)"
        state.improve.diff = nil
        return PromptEditorReducer.commitPrompt(&state)
            + GraphEditingReducer.edit(&state, label + what, subgraphs: files) { $0 = change.graph }
    }
}
