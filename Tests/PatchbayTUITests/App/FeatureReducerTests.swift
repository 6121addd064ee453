import Foundation
import PatchbayStore
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Each feature's action, sent on its own, changes that feature's state and nothing else
/// (besides the status message, focus and popups, which every feature may set).
@Suite struct FeatureReducerTests {
    typealias F = AppFixtures
    typealias H = HistoryFixtures

    @Test func everyKeymapIDRoutesToAFeature() throws {
        let state = try F.textStatsState()
        for id in ActionID.allCases {
            // `.perform` would loop forever if an id routed back to itself.
            if case .perform = AppReducer.route(id, in: state) { Issue.record("\(id) routes to itself") }
        }
        // The two routes that depend on what is shown.
        var evaluating = state
        evaluating.eval.run.running = true
        guard case .eval(.cancel) = AppReducer.route(.cancelRun, in: evaluating) else {
            Issue.record("C-c with an eval and no run does not stop the eval")
            return
        }
        guard case .run(.cancel) = AppReducer.route(.cancelRun, in: state) else {
            Issue.record("C-c does not go to the run")
            return
        }
    }

    @Test func viewFocusZoomAndLayout() throws {
        var store = TestStore(try F.textStatsState())
        let order = ViewReducer.panes(store.state)
        store.send(.view(.focus(2))) { $0.focus = order[1] }
        store.send(.view(.zoom)) { $0.zoomed = order[1] }
        store.send(.view(.nextPane)) {
            $0.focus = order[2]
            $0.zoomed = order[2]
        }
        store.send(.view(.focus(99)))  // no such pane: nothing
        store.send(.view(.switchLayout("prompt")), says: .info) {
            $0.layoutName = "prompt"
            $0.zoomed = nil
            $0.focus = .prompt
        }
        store.send(.view(.redraw), effects: [.redraw])
        store.send(.view(.toggleMouse), effects: [.setMouse(true)], says: .info) { $0.mouse = true }
    }

    @Test func editingMovesAndBreakpointsAreRunState() throws {
        var store = TestStore(try F.textStatsState())
        store.setUp { F.find(&$0, "stats") }
        store.send(.run(.toggleBreakpoint), effects: [.setBreakpoint("stats", on: true)], says: .info) {
            $0.run.breakpoints = ["stats"]
        }
        store.send(.editing(.select("report"))) {
            $0.editing.selection = "report"
            $0.promptEditor.current = PromptEditorReducer.promptState(for: $0)
            GraphEditingReducer.followSelection(&$0)
        }
        #expect(store.state.promptEditor.current?.field == "template")
    }

    @Test func popupsOpenAndClose() throws {
        var store = TestStore(try F.textStatsState())
        store.send(.popups(.commandLine)) { $0.popups.stack = [.command(CommandLineModel(history: []))] }
        store.send(.app(.back)) { $0.popups.stack = [] }
        store.send(.popups(.help)) { $0.popups.stack = [.help(PopupReducer.helpModel($0))] }
        store.send(.popups(.key(.escape))) { $0.popups.stack = [] }
    }

    @Test func promptEditingStartsAndEnds() throws {
        var store = TestStore(try F.textStatsState())
        store.setUp { F.find(&$0, "report") }
        store.send(.prompt(.edit), says: .info) {
            $0.promptEditor.current?.editing = true
            $0.focus = .prompt
        }
        // Keys now go to the editor; Esc leaves it with nothing changed, so no edit is recorded.
        store.press(.escape) { $0.promptEditor.current?.editing = false }
    }

    @Test func historyListKeepsItsSelection() throws {
        var store = TestStore(try H.historyState())
        store.send(.view(.scroll(.down))) { $0.runHistory.selection = 1 }
        let selected = store.state.runHistory.runs[1]
        let newer = H.summary(9, minutesAgo: 0)
        store.send(.history(.report(.runsLoaded([newer] + H.runs)))) {
            $0.runHistory.runs = [newer] + H.runs
            $0.runHistory.selection = 2
        }
        #expect(store.state.runHistory.selectedRun?.id == selected.id)
    }

    @Test func evalCancelAndSampleMoves() throws {
        var store = TestStore(F.state(try F.graph(H.gate), path: "/p/gate.graph.yaml"))
        store.send(.eval(.cancel), effects: [.cancelEval], says: .info)
        store.send(.eval(.nextSample))  // no eval yet: nothing to move
        store.send(.eval(.askForCases)) {
            $0.popups.stack = [.command(CommandLineModel.prefilled("eval gate.cases.yaml "))]
        }
    }
}
