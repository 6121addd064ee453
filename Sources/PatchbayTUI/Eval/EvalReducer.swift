import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayPresentation

/// The eval pane: starting and stopping evals, and opening a case's runs.
enum EvalReducer {
    static func reduce(_ state: inout AppState, _ action: EvalAction) -> [Effect] {
        switch action {
        case .askForCases: askForCases(&state)
        case .command(let argument): return command(&state, argument)
        case .cancel:
            state.info("Stopping the eval (finished samples are kept)…")
            return [.cancelEval]
        case .openSample: return openSample(&state)
        case .previousSample: moveSample(&state, by: -1)
        case .nextSample: moveSample(&state, by: 1)
        case .askFilter:
            state.popups.stack.append(
                .input(CommandLineModel.prefilled(state.eval.filter), purpose: .listFilter(.eval)))
        case .filter(let text):
            let selected = state.eval.selectedRow?.id
            state.eval.filter = text.trimmingCharacters(in: .whitespaces)
            let visible = state.eval.visibleRows
            state.eval.selection = selected.flatMap { id in visible.firstIndex { $0.id == id } } ?? 0
            state.eval.sample = nil
            state.eval.scroll = 0
            state.info(
                state.eval.filter.isEmpty
                    ? "All \(visible.count) cases"
                    : "Cases matching `\(state.eval.filter)`: \(visible.count) of \(state.eval.rows.count) (/ changes it)"
            )
        case .report(let event): return report(&state, event)
        }
        return []
    }

    /// `:eval FILE [repeat N]`; the file is everything before `repeat`, so it may hold spaces
    /// (quotes around it are dropped).
    static func command(_ state: inout AppState, _ argument: String) -> [Effect] {
        guard let (path, repeats) = parse(argument) else {
            state.fail("Usage: :eval CASES-FILE [repeat N] (N at least 1, at the end)")
            return []
        }
        guard !path.isEmpty else {
            state.fail(
                "Usage: :eval CASES-FILE [repeat N], e.g. :eval \(suggestedCases(state) ?? "NAME.cases.yaml") repeat 3")
            return []
        }
        return startEval(&state, casesPath: path, repeats: repeats)
    }

    /// `FILE [repeat N]`: nil when `repeat` is misplaced or N is not at least 1.
    static func parse(_ argument: String) -> (path: String, repeats: Int?)? {
        var words = argument.split(separator: " ").map(String.init)
        var repeats: Int?
        if let i = words.firstIndex(where: { $0 == "repeat" || $0 == "--repeat" }) {
            guard i == words.count - 2, let n = Int(words[i + 1]), n >= 1 else { return nil }
            repeats = n
            words.removeSubrange(i...(i + 1))
        }
        var path = words.joined(separator: " ")
        if path.count >= 2, let first = path.first, first == path.last, first == "\"" || first == "'" {
            path = String(path.dropFirst().dropLast())
        }
        return (path, repeats)
    }

    /// The cases file the person most likely means: the last one, else `NAME.cases.yaml` beside the graph.
    static func suggestedCases(_ state: AppState) -> String? {
        if let last = state.eval.run.casesPath { return last }
        guard let path = state.editing.document.path else { return nil }
        let name = PathText.fileName(path)
        for suffix in [".graph.yaml", ".graph.yml", ".yaml", ".yml"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count)) + ".cases.yaml"
        }
        return nil
    }

    static func startEval(_ state: inout AppState, casesPath: String, repeats: Int?) -> [Effect] {
        guard !state.eval.run.busy else {
            state.warn("An eval is running: wait for it, or stop it (C-c)")
            return []
        }
        let committed = PromptEditorReducer.commitPrompt(&state)
        if committed.isEmpty, let first = state.editing.problems.first(where: { $0.severity == .error }) {
            state.fail("Fix the graph first: " + (first.node.map { "`\($0)`: " } ?? "") + first.message)
            return []
        }
        if !ViewReducer.panes(state).contains(.eval), state.layouts["eval"] != nil {
            ViewReducer.switchLayout(&state, "eval")
        }
        if ViewReducer.panes(state).contains(.eval) { state.focus = .eval }
        state.eval.run.ask(casesPath: casesPath)
        state.info(
            "Starting the eval on \(casesPath)" + (repeats.map { $0 > 1 ? " (\($0) samples a case)" : "" } ?? ""))
        return committed + [.startEval(state.graph, casesPath: casesPath, repeats: repeats)]
    }

    /// `e` in the eval pane: the command line, ready for the cases file.
    static func askForCases(_ state: inout AppState) {
        state.popups.stack.append(
            .command(CommandLineModel.prefilled("eval " + (suggestedCases(state).map { $0 + " " } ?? ""))))
    }

    static func scroll(_ state: inout AppState, _ move: ScrollMove) {
        guard
            let clamped = ViewReducer.moved(
                state.eval.selection, by: move, count: state.eval.visibleRows.count, page: max(1, state.height - 10))
        else { return }
        if clamped != state.eval.selection { state.eval.sample = nil }
        state.eval.selection = clamped
    }

    /// h/l: the sample of the selected case that Enter opens.
    static func moveSample(_ state: inout AppState, by delta: Int) {
        guard let row = state.eval.selectedRow, !row.samples.isEmpty else { return }
        let current = state.eval.sample ?? state.eval.selectedSample?.sample ?? 0
        state.eval.sample = min(max(0, current + delta), row.samples.count - 1)
    }

    /// Enter on a case: its chosen (or first failing) sample's run, at the node that failed.
    static func openSample(_ state: inout AppState) -> [Effect] {
        guard let row = state.eval.selectedRow else {
            state.warn("No eval yet: e starts one (or :eval CASES-FILE)")
            return []
        }
        guard let sample = state.eval.selectedSample else {
            state.info("`\(row.id)` has no finished sample yet")
            return []
        }
        guard !sample.runID.isEmpty else {
            state.fail(
                "`\(row.id)` sample \(sample.sample + 1) did not run: \(sample.failures.first?.reason ?? "no run")")
            return []
        }
        let failure = sample.failures.first { $0.node != nil } ?? sample.failures.first { $0.check != nil }
        return HistoryReducer.open(&state, id: sample.runID, focus: failure?.node ?? failure?.check)
    }

    static func report(_ state: inout AppState, _ event: EvalEvent) -> [Effect] {
        switch event {
        case .started(let id, let casesPath, let caseIDs, let repeats):
            state.eval.begin(id: id, casesPath: casesPath, caseIDs: caseIDs, repeats: repeats, at: state.now)
            state.info("Eval of \(caseIDs.count) case\(caseIDs.count == 1 ? "" : "s") × \(repeats): C-c stops it")
        case .progress(let progress):
            guard state.eval.run.running, let last = progress.last else { return [] }
            state.eval.record(last)
        case .finished(let report, let saved):
            state.eval.run.end(at: state.now)
            state.eval.report = report
            let summary = report.summary()
            state.eval.summary = summary
            let rate = "\(PassRateText.percent(summary.passRate)) (\(summary.passed)/\(summary.samples))"
            let text =
                (report.complete ? "Eval finished: " : "Eval stopped: ") + rate + " passed"
                + (saved ? "" : "; not saved (no run store)")
            if report.complete { state.info(text) } else { state.warn(text) }
            // Sample runs are in the store now.
            return HistoryReducer.loadRuns(state)
        case .refused(let message, let detail):
            state.eval.run.starting = false
            state.fail(message, detail: detail)
        }
        return []
    }
}
