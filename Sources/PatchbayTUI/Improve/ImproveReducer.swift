import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayPresentation

/// The improve pane: starting and stopping a search, a candidate's diff, and applying a
/// candidate or the winner to the graph being edited as one undoable edit.
enum ImproveReducer {
    static func reduce(_ state: inout AppState, _ action: ImproveAction) -> [Effect] {
        switch action {
        case .askForCases:
            state.popups.stack.append(
                .command(
                    CommandLineModel.prefilled(
                        "improve " + (EvalReducer.suggestedCases(state).map { $0 + " " } ?? ""))))
        case .command(let argument): return command(&state, argument)
        case .cancel:
            state.info("Stopping the search (measured candidates are kept)…")
            return [.cancelImprove]
        case .toggleDiff: toggleDiff(&state)
        case .toggleWinnerDiff: toggleWinnerDiff(&state)
        case .applySelected: return applySelected(&state)
        case .applyWinner: return applyWinner(&state)
        case .report(let event): return report(&state, event)
        }
        return []
    }

    /// `:improve CASES-FILE [OPTION VALUE]…`: the options are `patchbay improve`'s without the
    /// dashes (`split 50/25/25`, `budget-time 30m`), read by its parser, so worded alike.
    static func command(_ state: inout AppState, _ argument: String) -> [Effect] {
        let words = Self.words(argument)
        guard let path = words.first, !ImproveArguments.names.contains(path.replacingOccurrences(of: "--", with: ""))
        else {
            let cases = EvalReducer.suggestedCases(state) ?? "NAME.cases.yaml"
            state.fail("Usage: :improve CASES-FILE [OPTION VALUE]…, e.g. :improve \(cases) budget-time 30m")
            return []
        }
        let arguments: ImproveArguments
        do { arguments = try ImproveArguments.parse(Array(words.dropFirst())) } catch {
            state.fail(error.text { $0 })
            return []
        }
        guard !state.improve.running && !state.improve.starting else {
            state.warn("A search is running: wait for it, or stop it (C-c)")
            return []
        }
        let committed = PromptEditorReducer.commitPrompt(&state)
        if committed.isEmpty, let first = state.editing.problems.first(where: { $0.severity == .error }) {
            state.fail("Fix the graph first: " + (first.node.map { "`\($0)`: " } ?? "") + first.message)
            return []
        }
        if !ViewReducer.panes(state).contains(.improve), state.layouts["improve"] != nil {
            ViewReducer.switchLayout(&state, "improve")
        }
        if ViewReducer.panes(state).contains(.improve) { state.focus = .improve }
        state.improve.starting = true
        state.improve.casesPath = path
        state.info("Starting the search on \(path)")
        return committed + [.startImprove(state.graph, casesPath: path, arguments: arguments)]
    }

    /// The words of a command line; quotes keep spaces in a word (`try a.prompt="Say {{x}}"`).
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var word: String?
        var quote: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { word?.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                word = word ?? ""
            } else if character == " " || character == "\t" {
                if let done = word { words.append(done) }
                word = nil
            } else {
                word = (word ?? "") + String(character)
            }
        }
        if let done = word { words.append(done) }
        return words
    }

    static func scroll(_ state: inout AppState, _ move: ScrollMove) {
        if var diff = state.improve.diff {
            let page = max(1, state.height - 8)
            if let moved = ViewReducer.moved(diff.scroll, by: move, count: diff.lines.count, page: page) {
                diff.scroll = moved
                state.improve.diff = diff
            }
            return
        }
        guard
            let moved = ViewReducer.moved(
                state.improve.selection, by: move, count: state.improve.rows.count, page: max(1, state.height - 12))
        else { return }
        state.improve.selection = moved
    }

    /// Enter: the selected candidate's diff against the graph being edited; Enter again closes it.
    static func toggleDiff(_ state: inout AppState) {
        if state.improve.diff != nil {
            state.improve.diff = nil
            return
        }
        guard let row = state.improve.selectedRow else {
            state.warn("No candidate yet: i starts a search (or :improve CASES-FILE)")
            return
        }
        guard let graph = row.graph else {
            state.info("`\(row.candidate.label)` has no graph to show")
            return
        }
        if let parent = subgraphParent(row.candidate) {
            state.info("`\(row.candidate.label)` changes the sub-graph of `\(parent)`, not this graph")
            return
        }
        state.improve.diff = diff(state, to: graph, title: row.candidate.label)
    }

    /// A move on an llm node inside a top-level node's sub-graph names it `parent/node`: the
    /// candidate's main graph is this one, its change is in the sub-graph's file.
    static func subgraphParent(_ candidate: ImproveReport.Candidate) -> String? {
        candidate.node.contains("/") ? candidate.node.split(separator: "/").first.map(String.init) : nil
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

    /// The report's winner as a graph; nil (and says why) when there is none to show or apply.
    static func winner(_ state: inout AppState) -> Graph? {
        guard let report = state.improve.report else {
            state.warn(state.improve.running ? "The search is still running" : "No search yet: :improve CASES-FILE")
            return nil
        }
        guard let text = report.improvedGraph else {
            state.info("No move was proven better on dev: the graph is unchanged")
            return nil
        }
        guard report.improvedSubgraphs == nil else {
            state.warn("The winner changes sub-graphs: `patchbay improve` writes them beside the graph")
            return nil
        }
        guard let graph = try? GraphCodec.decode(text, path: state.editing.document.path).graph else {
            state.fail("The winner's graph does not read back")
            return nil
        }
        return graph
    }

    static func diff(_ state: AppState, to graph: Graph, title: String) -> ImproveDiff {
        let lines = LineDiff.unified(GraphCodec.encode(state.graph), GraphCodec.encode(graph))
        return ImproveDiff(
            title: title, lines: lines.isEmpty ? ["(the same as the graph being edited)"] : lines)
    }

    static func applySelected(_ state: inout AppState) -> [Effect] {
        guard let row = state.improve.selectedRow else {
            state.warn("No candidate yet: i starts a search (or :improve CASES-FILE)")
            return []
        }
        guard let graph = row.graph else {
            state.warn("`\(row.candidate.label)` has no graph to apply")
            return []
        }
        if let parent = subgraphParent(row.candidate) {
            state.warn("`\(row.candidate.label)` changes the sub-graph of `\(parent)`: `patchbay improve` writes it")
            return []
        }
        return apply(&state, graph, label: "apply `\(row.candidate.label)`")
    }

    /// The winner is the report's canonical text; one whose moves changed sub-graphs needs their
    /// files written, which `patchbay improve` does.
    static func applyWinner(_ state: inout AppState) -> [Effect] {
        guard let graph = winner(&state) else { return [] }
        return apply(&state, graph, label: "apply the improved graph")
    }

    static func apply(_ state: inout AppState, _ graph: Graph, label: String) -> [Effect] {
        guard state.editing.scope.isEmpty else {
            state.warn("Leave the sub-graph first (Esc): a candidate replaces the top graph")
            return []
        }
        guard graph != state.graph else {
            state.info("The graph is like that already")
            return []
        }
        state.improve.diff = nil
        return PromptEditorReducer.commitPrompt(&state)
            + GraphEditingReducer.edit(&state, label + " (u undoes it)") { $0 = graph }
    }

    static func report(_ state: inout AppState, _ event: ImproveEvent) -> [Effect] {
        switch event {
        case .started(let id, let casesPath, let train, let dev, let test, let repeats):
            state.improve.begin(
                id: id, casesPath: casesPath, split: (train, dev, test), repeats: repeats, at: state.now)
            state.info("Improving on \(train) train, \(dev) dev, \(test) test cases: C-c stops it")
        case .progress(let progress):
            guard state.improve.running else { return [] }
            state.improve.record(progress)
        case .finished(let report, let saved):
            state.improve.running = false
            state.improve.starting = false
            state.improve.finishedAt = state.now
            state.improve.report = report
            state.improve.best = report.winnerDev
            state.improve.accepted = report.accepted
            state.improve.calls = report.calls
            let verdict =
                report.accepted.isEmpty
                ? "no move was proven better"
                : "\(report.accepted.count) move\(report.accepted.count == 1 ? "" : "s") kept (A applies the winner)"
            let text =
                (report.stopped == nil ? "Search finished: " : "Search stopped: ") + verdict
                + (saved ? "" : "; not saved (no run store)")
            if report.stopped == nil { state.info(text) } else { state.warn(text) }
            return HistoryReducer.loadRuns(state)
        case .refused(let message):
            state.improve.starting = false
            state.fail(message)
        }
        return []
    }
}
