import Foundation
import PatchbayPresentation
import PatchbayStore
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The runs pane key by key, without a store: effects asked for and reports applied.
@Suite struct RunsPaneReducerTests {
    typealias F = AppFixtures
    typealias H = HistoryFixtures

    @Test func jAndKSelectAndEnterAsksForTheRun() throws {
        var state = try H.historyState()
        #expect(state.focus == .runs)
        F.keys(&state, .char("j"), .char("j"), .char("k"), .down)
        #expect(state.runHistory.selection == 2)
        F.keys(&state, .char("G"))
        #expect(state.runHistory.selection == 5)
        F.keys(&state, .char("j"))
        #expect(state.runHistory.selection == 5)
        let effects = F.keys(&state, .enter)
        guard case .openStoredRun(let id, let focus)? = effects.first else {
            Issue.record("expected openStoredRun, got \(effects)")
            return
        }
        #expect(id == H.runs[5].id)
        #expect(focus == nil)
    }

    @Test func withoutAStoreEnterSaysHistoryIsOff() throws {
        var store = TestStore(F.state(try F.graph(H.gate)))
        store.setUp {
            $0.layoutName = "history"
            $0.focus = .runs
        }
        store.press(.enter, says: .warning)
    }

    @Test func anOpenedRunBecomesTheTraceAndTheMarks() throws {
        var state = try H.historyState()
        let summary = H.runs[1]
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(H.stored(summary), focus: nil))))
        #expect(state.runHistory.shown?.summary.id == summary.id)
        #expect(state.run.steps.map(\.path.description) == ["text", "stats", "short", "out"])
        // A check that fails emits `fail`: its step succeeded.
        #expect(state.run.statuses["short"] == .done)
        #expect(state.run.statuses["out"] == .skipped)
        #expect(state.run.statuses["text"] == .done)
        // The last step is selected, so the inspector shows it.
        #expect(state.run.traceSelection == 3)
        #expect(state.editing.selection == "out")
        #expect(state.message?.text.hasPrefix("Showing run #7 073f2a") == true)
        // The stored graph hash ("h") is not the current graph's.
        #expect(state.message?.text.contains("the graph has changed since") == true)
        let screen = Screen().render(state).text
        #expect(screen.contains("Trace (4): run #7 073f2a"))
        #expect(screen.contains("3 ↷ out"))
        #expect(Screen().statusLine(state).right == "run #7 073f2a · gate.graph.yaml")
    }

    @Test func aFocusSelectsThatStepAndFocusesTheTrace() throws {
        var state = try H.historyState()
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(H.stored(H.runs[1]), focus: "stats"))))
        #expect(state.run.traceSelection == 1)
        #expect(state.focus == .trace)
    }

    @Test func forkFromAShownRunUsesItsResultAndSaysTheGraphDiffers() throws {
        var state = try H.historyState()
        let stored = H.stored(H.runs[1])
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(stored, focus: "stats"))))
        let effects = F.keys(&state, .char("f"))
        let start = try #require(F.startRun(in: effects))
        guard case .fork(let run, let step) = start.mode else {
            Issue.record("expected a fork, got \(start.mode)")
            return
        }
        #expect(run.runID == stored.id)
        #expect(step.description == "stats")
        #expect(
            state.message?.text
                == "Forking run #7 073f2a at `stats` (on the current graph, which differs from the one run #7 073f2a ran)"
        )
        // p replays the shown run, not the session's.
        state.run.active = false
        let replay = try #require(F.startRun(in: F.keys(&state, .char("p"))))
        guard case .replay(let replayed) = replay.mode else {
            Issue.record("expected a replay")
            return
        }
        #expect(replayed.runID == stored.id)
    }

    @Test func forkOfAStepTheGraphNoLongerHasIsRefused() throws {
        var state = try H.historyState()
        var stored = H.stored(H.runs[1])
        stored.steps[1].path = F.path("gone")
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(stored, focus: "gone"))))
        var store = TestStore(state)
        store.press(.char("f"), says: .error)
    }

    @Test func aNewRunReplacesTheShownOneAndAFinishedOneRefreshesTheList() throws {
        var state = try H.historyState()
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(H.stored(H.runs[1]), focus: nil))))
        _ = AppReducer.reduce(&state, .run(.report(.event(.runStarted(runID: "new", plan: ["text"])))))
        #expect(state.runHistory.shown == nil)
        let effects = AppReducer.reduce(
            &state,
            .run(
                .report(
                    .event(
                        .runFinished(RunResult(runID: "new", status: .succeeded, outputs: [:], steps: [], error: nil))))
            ))
        #expect(F.names(effects) == ["loadRuns"])
    }

    @Test func aReloadedListKeepsTheSelectedRun() throws {
        var state = try H.historyState()
        F.keys(&state, .char("j"), .char("j"))
        let selected = state.runHistory.runs[2].id
        let newer = H.summary(9, minutesAgo: 0)
        _ = AppReducer.reduce(&state, .history(.report(.runsLoaded([newer] + H.runs))))
        #expect(state.runHistory.selectedRun?.id == selected)
        #expect(state.runHistory.selection == 3)
    }

    /// On the newest run, a reloaded list (a run just finished) moves to the new newest run
    /// (issue 16, item 8): the runs pane starts on the newest run, not the one before.
    @Test func onTheNewestRunAReloadedListFollowsTheNewOne() throws {
        var state = try H.historyState()
        #expect(state.runHistory.selection == 0)
        let newer = H.summary(9, minutesAgo: 0)
        _ = AppReducer.reduce(&state, .history(.report(.runsLoaded([newer] + H.runs))))
        #expect(state.runHistory.selection == 0)
        #expect(state.runHistory.selectedRun?.id == newer.id)
    }

    /// The steps column is as wide as the widest run's, so rows stay aligned past 9 steps.
    @Test func columnsStayAlignedPastNineSteps() throws {
        var state = try H.historyState()
        let runs = [H.summary(9, minutesAgo: 0, steps: 12, executed: 10, cached: 2)] + H.runs
        _ = AppReducer.reduce(&state, .history(.report(.runsLoaded(runs))))
        var buffer = CellBuffer(width: 120, height: 12)
        RunsView.draw(
            state.runHistory, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode, focused: false,
            now: F.now, spinnerFrame: 0)
        let header = Array(buffer.line(0))
        let tokens = try #require(
            header.indices.first { Array(header[$0..<min(header.count, $0 + 6)]) == Array("tokens") })
        for y in 1...runs.count {
            let row = Array(buffer.line(y))
            // Two blanks before the tokens column on every row: the steps never run into it.
            #expect(row[tokens - 1] == " " && row[tokens - 2] == " ", "row \(y) is out of line: \(String(row))")
        }
        #expect(buffer.line(1).contains("12/10/2"))
    }

    /// `/` filters the runs list (issue 16, item 8): only the rows holding the text are listed
    /// and selected from; an empty filter lists them all again.
    @Test func slashFiltersTheList() throws {
        var state = try H.historyState()
        F.keys(&state, .char("/"))
        guard case .input(_, .listFilter(.runs))? = state.popups.stack.last else {
            Issue.record("no filter line")
            return
        }
        F.type(&state, "FAILED")
        F.keys(&state, .enter)
        #expect(state.runHistory.visible.map(\.seq) == [7])
        #expect(state.runHistory.selectedRun?.seq == 7)
        var buffer = CellBuffer(width: 120, height: 8)
        RunsView.draw(
            state.runHistory, in: buffer.bounds, on: &buffer, theme: .dark, glyphs: .unicode, focused: true,
            now: F.now, spinnerFrame: 0)
        #expect(buffer.line(1).contains("eval"))
        #expect(buffer.line(2).trimmingSuffixSpaces.isEmpty)
        // j stays on the one row listed; Enter opens it.
        F.keys(&state, .char("j"))
        guard case .openStoredRun(let id, _)? = F.keys(&state, .enter).first else {
            Issue.record("Enter opened nothing")
            return
        }
        #expect(id == H.runs[1].id)
        // Nothing matches: the pane says so. Then an empty filter lists every run.
        F.keys(&state, .char("/"), .ctrl("u"))
        F.type(&state, "zzz")
        F.keys(&state, .enter)
        #expect(state.runHistory.visible.isEmpty)
        F.keys(&state, .char("/"), .ctrl("u"), .enter)
        #expect(state.runHistory.visible.count == H.runs.count)
    }

    @Test func runsCommandSwitchesToTheHistoryLayout() throws {
        var state = F.state(try F.graph(H.gate), path: "/p/gate.graph.yaml")
        state.runHistory.available = true
        let effects = AppReducer.reduce(&state, .command("runs"))
        #expect(state.layoutName == "history")
        #expect(state.focus == .runs)
        guard case .loadRuns(let path)? = effects.first else {
            Issue.record("expected loadRuns")
            return
        }
        #expect(path == "/p/gate.graph.yaml")
    }

    @Test func openingWhileARunIsActiveIsRefused() throws {
        var store = TestStore(try H.historyState())
        store.setUp { $0.run.active = true }
        store.press(.enter, says: .warning)
        store.setUp { $0.message = nil }
        store.send(.history(.report(.runOpened(H.stored(H.runs[1]), focus: nil))), says: .warning)
    }

    @Test func textOfTimesAndOrigins() {
        #expect(RunsText.ago(F.now.addingTimeInterval(-42), now: F.now) == "42s ago")
        #expect(RunsText.ago(F.now.addingTimeInterval(-3 * 3600), now: F.now) == "3h ago")
        #expect(RunsText.ago(F.now.addingTimeInterval(10), now: F.now) == "now")
        #expect(RunOriginText.describe(H.runs[0]) == "fork of \(H.runs[5].id.prefix(8)) at short")
        #expect(RunOriginText.describe(H.runs[1]) == "eval e1 case long #2")
    }
}
