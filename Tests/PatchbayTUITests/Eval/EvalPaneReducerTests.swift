import Foundation
import PatchbayEval
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The eval pane key by key: starting, progress, the report, and drilling into a sample.
@Suite struct EvalPaneReducerTests {
    typealias F = AppFixtures
    typealias H = HistoryFixtures

    static func state() throws -> AppState {
        var state = try H.historyState()
        state.runHistory.shown = nil
        return state
    }

    static func sample(_ caseID: String, _ index: Int, passed: Bool) -> SampleResult {
        SampleResult(
            variant: "gate", caseID: caseID, sample: index, runID: "run-\(caseID)-\(index)", passed: passed,
            runStatus: .succeeded,
            failures: passed ? [] : [CheckFailure(source: .checkNode, check: "short", node: "short", reason: "no")],
            duration: 0.01,
            usage: TokenUsage(), cost: 0, outputPreview: nil)
    }

    @Test func evalCommandParsesTheFileAndRepeats() throws {
        var state = try Self.state()
        let effects = AppReducer.reduce(&state, .command("eval gate.cases.yaml repeat 3"))
        guard case .startEval(_, let path, let repeats)? = effects.last else {
            Issue.record("expected startEval, got \(effects)")
            return
        }
        #expect(path == "gate.cases.yaml")
        #expect(repeats == 3)
        #expect(state.layoutName == "eval")
        #expect(state.focus == .eval)
        #expect(state.eval.run.starting)
        // A second one waits for the first.
        var store = TestStore(state)
        store.send(.command("eval other.cases.yaml"), says: .warning)
    }

    @Test func aCasesPathMayHoldSpacesOrQuotes() throws {
        for (command, expected) in [
            ("eval my cases.yaml repeat 2", "my cases.yaml"), ("eval \"my cases.yaml\"", "my cases.yaml"),
        ] {
            var state = try Self.state()
            guard case .startEval(_, let path, _)? = AppReducer.reduce(&state, .command(command)).last else {
                Issue.record("expected startEval for `\(command)`")
                continue
            }
            #expect(path == expected)
        }
    }

    @Test func badUsageAndAnInvalidGraphAreRefused() throws {
        var store = TestStore(try Self.state())
        store.send(.command("eval a.yaml repeat 0"), says: .error)
        store.send(.eval(.command("")), says: .error)
        // Usage suggests the cases file beside the graph: that suggestion is the feature.
        #expect(store.state.message?.text.contains(":eval gate.cases.yaml repeat 3") == true)
        store.setUp { $0.editing.problems = [Diagnostic(.error, "no input port `nope`", node: "short")] }
        store.send(.command("eval a.yaml"), says: .error)
    }

    @Test func eAsksForTheCasesFileOnTheCommandLine() throws {
        var state = try Self.state()
        state.layoutName = "eval"
        state.focus = .eval
        F.keys(&state, .char("e"))
        guard case .command(let line)? = state.popups.stack.last else {
            Issue.record("expected the command line")
            return
        }
        #expect(line.text == "eval gate.cases.yaml ")
    }

    @Test func progressCountsAndCtrlCStops() throws {
        var state = try Self.state()
        _ = AppReducer.reduce(&state, .command("eval gate.cases.yaml repeat 2"))
        _ = AppReducer.reduce(
            &state,
            .eval(.report(.started(id: "e1", casesPath: "gate.cases.yaml", caseIDs: ["tiny", "long"], repeats: 2))))
        #expect(state.eval.run.running)
        #expect(state.eval.total == 4)
        for (i, sample) in [Self.sample("long", 1, passed: false), Self.sample("tiny", 0, passed: true)].enumerated() {
            _ = AppReducer.reduce(
                &state,
                .eval(.report(.progress(EvalProgress(done: i + 1, total: 4, passed: 1, failed: i, last: sample)))))
        }
        #expect(state.eval.done == 2)
        #expect(state.eval.passed == 1)
        #expect(state.eval.rows.map(\.finished) == [1, 1])
        #expect(state.eval.rows[1].samples[1]?.passed == false)
        // The spinner turns while the eval runs, and the status line says so.
        let frame = state.spinnerFrame
        _ = AppReducer.reduce(&state, .tick(F.now.addingTimeInterval(1.5)))
        #expect(state.spinnerFrame == frame + 1)
        #expect(Screen().statusLine(state).running?.label == "eval 2/4")
        let pane = Screen().render(state).text
        #expect(pane.contains("2/4 samples  1.5s"))
        #expect(pane.contains("pass rate so far 50% (1/2)"))
        // C-c stops the eval (no run is active).
        #expect(F.names(F.keys(&state, .ctrl("c"))) == ["cancelEval"])
    }

    @Test func theReportSummarizesAndRefreshesTheRuns() throws {
        var state = try Self.state()
        state.layoutName = "eval"
        _ = AppReducer.reduce(
            &state,
            .eval(
                .report(
                    .started(
                        id: "e1", casesPath: "gate.cases.yaml", caseIDs: ["tiny", "flaky-one", "long"], repeats: 3))))
        let report = H.evalReport()
        for sample in report.samples {
            _ = AppReducer.reduce(
                &state, .eval(.report(.progress(EvalProgress(done: 0, total: 9, passed: 0, failed: 0, last: sample)))))
        }
        let effects = AppReducer.reduce(&state, .eval(.report(.finished(report, saved: true))))
        #expect(F.names(effects) == ["loadRuns"])
        #expect(!state.eval.run.running)
        #expect(state.eval.summary?.flaky == ["flaky-one"])
        #expect(state.message?.text == "Eval finished: 56% (5/9) passed")
        let pane = Screen().render(state).text
        #expect(pane.contains("pass 56% [27%, 81%] (5/9)"))
        #expect(pane.contains("always 1 · flaky 1 · never 1"))
        #expect(pane.contains("failures by check: short 4"))
    }

    /// `/` filters the eval's cases (issue 16, item 8): only the cases whose id holds the text
    /// are listed and opened; an empty filter lists them all.
    @Test func slashFiltersTheCases() throws {
        var state = try Self.state()
        _ = AppReducer.reduce(
            &state,
            .eval(
                .report(
                    .started(
                        id: "e1", casesPath: "gate.cases.yaml", caseIDs: ["tiny", "flaky-one", "long"], repeats: 3))))
        let report = H.evalReport()
        for sample in report.samples {
            _ = AppReducer.reduce(
                &state, .eval(.report(.progress(EvalProgress(done: 0, total: 9, passed: 0, failed: 0, last: sample)))))
        }
        _ = AppReducer.reduce(&state, .eval(.report(.finished(report, saved: true))))
        state.layoutName = "eval"
        state.focus = .eval
        F.keys(&state, .char("/"))
        guard case .input(_, .listFilter(.eval))? = state.popups.stack.last else {
            Issue.record("no filter line")
            return
        }
        F.type(&state, "LONG")
        F.keys(&state, .enter)
        #expect(state.eval.visibleRows.map(\.id) == ["long"])
        F.keys(&state, .char("j"))
        guard case .openStoredRun(let id, _)? = F.keys(&state, .enter).first else {
            Issue.record("expected openStoredRun")
            return
        }
        #expect(id.hasPrefix("run-long-"))
        F.keys(&state, .char("/"), .ctrl("u"), .enter)
        #expect(state.eval.visibleRows.count == 3)
    }

    @Test func enterOpensTheFirstFailingSampleAtItsNode() throws {
        var state = try Self.state()
        _ = AppReducer.reduce(
            &state,
            .eval(
                .report(
                    .started(
                        id: "e1", casesPath: "gate.cases.yaml", caseIDs: ["tiny", "flaky-one", "long"], repeats: 3))))
        let report = H.evalReport()
        for sample in report.samples {
            _ = AppReducer.reduce(
                &state, .eval(.report(.progress(EvalProgress(done: 0, total: 9, passed: 0, failed: 0, last: sample)))))
        }
        _ = AppReducer.reduce(&state, .eval(.report(.finished(report, saved: true))))
        state.layoutName = "eval"
        state.focus = .eval
        // A passing case opens its first sample, with no node to focus.
        guard case .openStoredRun(let id, let focus)? = F.keys(&state, .enter).first else {
            Issue.record("expected openStoredRun")
            return
        }
        #expect(id == "run-tiny-0")
        #expect(focus == nil)
        // The flaky case: its failing sample, at the check node.
        F.keys(&state, .char("j"))
        guard case .openStoredRun(let flaky, let node)? = F.keys(&state, .enter).first else {
            Issue.record("expected openStoredRun")
            return
        }
        #expect(flaky == "run-flaky-one-1")
        #expect(node == "short")
        // l and h choose another sample of the case.
        F.keys(&state, .char("l"))
        guard case .openStoredRun(let next, _)? = F.keys(&state, .enter).first else {
            Issue.record("expected openStoredRun")
            return
        }
        #expect(next == "run-flaky-one-2")
        F.keys(&state, .char("h"), .char("h"), .char("h"))
        #expect(state.eval.sample == 0)
    }

    @Test func aRefusedEvalSaysWhy() throws {
        var state = try Self.state()
        _ = AppReducer.reduce(&state, .command("eval missing.cases.yaml"))
        _ = AppReducer.reduce(&state, .eval(.report(.refused("missing.cases.yaml: cannot read the cases file"))))
        #expect(!state.eval.run.starting)
        #expect(state.message?.level == .error)
        #expect(Screen().render(state).text.contains("No eval yet"))
    }
}
