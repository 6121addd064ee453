import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayEval
@testable import PatchbayTUI

/// The improve pane key by key: starting, candidates as they arrive, stopping, a candidate's
/// diff, and applying a candidate or the winner as one undoable edit.
@Suite struct ImprovePaneReducerTests {
    typealias F = AppFixtures
    typealias I = ImproveFixtures

    @Test func improveCommandStartsASearchInItsLayout() throws {
        var state = try I.state()
        let effects = AppReducer.reduce(&state, .command("improve gate.cases.yaml repeat 2"))
        var arguments = ImproveArguments()
        arguments.repeats = 2
        #expect(effects == [.startImprove(state.graph, casesPath: "gate.cases.yaml", arguments: arguments)])
        #expect(state.layoutName == "improve")
        #expect(state.focus == .improve)
        #expect(state.improve.run.starting)
        // A second one waits for the first; bad usage and an invalid graph are refused.
        var store = TestStore(state)
        store.send(.command("improve other.cases.yaml"), says: .warning)
        store = TestStore(try I.state())
        store.send(.command("improve a.yaml repeat 0"), says: .error)
        store.send(.improve(.command("")), says: .error)
        #expect(store.state.message?.text.contains(":improve gate.cases.yaml") == true)
        store.setUp { $0.editing.problems = [Diagnostic(.error, "no input port `nope`", node: "short")] }
        store.send(.command("improve a.yaml"), says: .error)
    }

    @Test func iAsksForTheCasesFileOnTheCommandLine() throws {
        var state = try I.state()
        state.layoutName = "improve"
        state.focus = .improve
        F.keys(&state, .char("i"))
        guard case .command(let line)? = state.popups.stack.last else {
            Issue.record("expected the command line")
            return
        }
        #expect(line.text == "improve gate.cases.yaml ")
    }

    @Test func candidatesArriveWithTheBestSoFarAndCtrlCOrEscStops() throws {
        var state = try I.searched()
        #expect(state.improve.run.running)
        #expect(state.improve.rows.map(\.candidate.label).prefix(2) == ["short: limit 12", "short: limit 6"])
        #expect(state.improve.best == I.rate(6, 6))
        #expect(state.improve.accepted == ["short: limit 12"])
        #expect(state.improve.calls == 24)
        let frame = state.spinnerFrame
        _ = AppReducer.reduce(&state, .tick(F.now.addingTimeInterval(2)))
        #expect(state.spinnerFrame == frame + 1)
        #expect(Screen().statusLine(state).running?.label == "improve 3")
        let pane = Screen().render(state).text
        #expect(pane.contains("best dev 100% [61%, 100%] (6/6) · kept: short: limit 12"))
        #expect(pane.contains("short: limit 6"))
        // The model's escape sequence is drawn visibly, never sent to the terminal.
        #expect(!pane.contains("\u{1b}"))
        #expect(F.names(F.keys(&state, .ctrl("c"))) == ["cancelImprove"])
        #expect(F.names(F.keys(&state, .escape)) == ["cancelImprove"])
    }

    @Test func enterShowsTheDiffAndAAppliesTheCandidateAsOneUndoableEdit() throws {
        var state = try I.searched()
        let original = state.graph
        F.keys(&state, .char("j"), .enter)
        let diff = try #require(state.improve.diff)
        #expect(diff.title == "short: limit 6")
        #expect(diff.lines.contains { $0.hasPrefix("-") && $0.contains(".n <= 5") })
        #expect(diff.lines.contains { $0.hasPrefix("+") && $0.contains(".n <= 6") })
        #expect(Screen().render(state).text.contains("diff of short: limit 6 against this graph"))
        // Enter closes it; Esc too.
        F.keys(&state, .enter)
        #expect(state.improve.diff == nil)
        F.keys(&state, .enter, .escape)
        #expect(state.improve.diff == nil)
        #expect(state.improve.run.running, "Esc closed the diff, it did not stop the search")

        let effects = F.keys(&state, .char("a"))
        #expect(F.names(effects) == ["validate"])
        #expect(state.graph == I.graph(state, limit: 6))
        #expect(state.editing.history.undo.count == 1)
        #expect(state.editing.document.isModified)
        // Applying it again changes nothing; u undoes the whole of it.
        var store = TestStore(state)
        store.send(.perform(.applyCandidate), says: .info)
        F.keys(&state, .char("u"))
        #expect(state.graph == original)
    }

    @Test func theReportShowsOriginalAgainstWinnerAndAAppliesTheWinner() throws {
        var state = try I.searched()
        let original = state.graph
        let effects = AppReducer.reduce(&state, .improve(.report(.finished(I.report(state), saved: true))))
        #expect(F.names(effects) == ["loadRuns"])
        #expect(!state.improve.run.running)
        #expect(state.message?.text == "Search finished: 1 move kept (A applies the winner)")
        let pane = Screen().render(state).text
        #expect(pane.contains("original  33% [10%, 70%] (2/6)"))
        #expect(pane.contains("improved  100% [61%, 100%] (6/6)"))
        // Esc no longer stops anything; D shows the final diff, A applies the winner, u takes it back.
        #expect(F.keys(&state, .escape).isEmpty)
        F.keys(&state, .char("D"))
        #expect(state.improve.diff?.title == "the winner")
        #expect(state.improve.diff?.lines.contains { $0.hasPrefix("+") && $0.contains(".n <= 12") } == true)
        F.keys(&state, .char("D"))
        #expect(state.improve.diff == nil)
        F.keys(&state, .char("A"))
        #expect(state.graph == I.graph(state, limit: 12))
        F.keys(&state, .char("u"))
        #expect(state.graph == original)
    }

    /// (A winner whose sub-graphs are this graph's: ImprovePaneSubgraphTests.)
    @Test func aWinnerWhoseSubgraphIsNotThisGraphsOrNoWinnerIsNotApplied() throws {
        var store = TestStore(try I.searched())
        store.send(.perform(.applyWinner), says: .warning)
        store.send(
            .improve(.report(.finished(I.report(store.state, subgraphs: true), saved: false))),
            effects: [.loadRuns(graphPath: "/p/gate.graph.yaml")]
        ) {
            $0.improve.run.running = false
            $0.improve.run.finishedAt = F.now
            $0.improve.report = I.report($0, subgraphs: true)
            $0.improve.calls = 30
        }
        store.send(.perform(.applyWinner), says: .error)
        #expect(store.state.message?.text.contains("lib/x.improved.graph.yaml is no sub-graph of this graph") == true)
    }

    @Test func aRefusedSearchSaysWhy() throws {
        var state = try I.state()
        _ = AppReducer.reduce(&state, .command("improve missing.cases.yaml"))
        _ = AppReducer.reduce(&state, .improve(.report(.refused("missing.cases.yaml: cannot read the cases file"))))
        #expect(!state.improve.run.starting)
        #expect(state.message?.level == .error)
        #expect(Screen().render(state).text.contains("No search yet"))
    }
}
