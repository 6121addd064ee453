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
        // The first word is the cases file, unless it is an option (the file was left out).
        guard let path = words.first, !ImproveArguments.names.contains(String(path.trimmingPrefix("--"))) else {
            let cases = EvalReducer.suggestedCases(state) ?? "NAME.cases.yaml"
            state.fail("Usage: :improve CASES-FILE [OPTION VALUE]…, e.g. :improve \(cases) budget-time 30m")
            return []
        }
        let arguments: ImproveArguments
        do { arguments = try ImproveArguments.parse(Array(words.dropFirst())) } catch {
            state.fail(error.text { $0 })
            return []
        }
        guard !state.improve.run.busy else {
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
        state.improve.run.ask(casesPath: path)
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

    static func report(_ state: inout AppState, _ event: ImproveEvent) -> [Effect] {
        switch event {
        case .started(let id, let casesPath, let train, let dev, let test, let repeats):
            state.improve.begin(
                id: id, casesPath: casesPath, split: (train, dev, test), repeats: repeats, at: state.now)
            state.info("Improving on \(train) train, \(dev) dev, \(test) test cases: C-c stops it")
        case .progress(let progress):
            guard state.improve.run.running else { return [] }
            state.improve.record(progress)
        case .finished(let report, let saved):
            state.improve.run.end(at: state.now)
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
        case .refused(let message, let detail):
            state.improve.run.starting = false
            state.fail(message, detail: detail)
        }
        return []
    }
}
