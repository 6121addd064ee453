import Foundation
import PatchbayEval
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The runs and eval panes as the terminal shows them, in their layouts, at both sizes.
@Suite struct HistorySnapshotTests {
    typealias F = AppFixtures
    typealias H = HistoryFixtures

    @Test(arguments: [(80, 24), (120, 40)])
    func runsWithAnOpenedRun(width: Int, height: Int) throws {
        var state = try H.historyState(width: width, height: height)
        F.keys(&state, .char("j"))
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(H.stored(H.runs[1]), focus: "short"))))
        state.focus = .runs
        state.message = nil
        Snapshot.expect(Screen().render(state), named: "history-runs-\(width)x\(height)")
    }

    @Test func emptyHistory() throws {
        var state = try H.historyState(width: 80, height: 24)
        state.runHistory.runs = []
        Snapshot.expect(Screen().render(state), named: "history-empty-80x24")
    }

    static func evalState(width: Int, height: Int) throws -> AppState {
        var state = try H.historyState(width: width, height: height)
        state.layoutName = "eval"
        state.focus = .eval
        _ = AppReducer.reduce(
            &state,
            .eval(
                .report(
                    .started(
                        id: "e1", casesPath: "gate.cases.yaml", caseIDs: ["tiny", "flaky-one", "long"], repeats: 3))))
        return state
    }

    @Test func evalRunning() throws {
        var state = try Self.evalState(width: 80, height: 24)
        for sample in H.evalReport().samples.prefix(5) {
            _ = AppReducer.reduce(
                &state, .eval(.report(.progress(EvalProgress(done: 0, total: 9, passed: 0, failed: 0, last: sample)))))
        }
        _ = AppReducer.reduce(&state, .tick(F.now.addingTimeInterval(3.2)))
        state.message = nil
        Snapshot.expect(Screen().render(state), named: "eval-running-80x24")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func evalReport(width: Int, height: Int) throws {
        var state = try Self.evalState(width: width, height: height)
        let report = H.evalReport()
        for sample in report.samples {
            _ = AppReducer.reduce(
                &state, .eval(.report(.progress(EvalProgress(done: 0, total: 9, passed: 0, failed: 0, last: sample)))))
        }
        _ = AppReducer.reduce(&state, .tick(F.now.addingTimeInterval(2.5)))
        _ = AppReducer.reduce(&state, .eval(.report(.finished(report, saved: true))))
        F.keys(&state, .char("j"))
        Snapshot.expect(Screen().render(state), named: "eval-report-\(width)x\(height)")
    }
}
