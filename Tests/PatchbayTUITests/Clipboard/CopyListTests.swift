import Foundation
import PatchbayEval
import PatchbayStore
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// `y` in the runs, eval and improve panes copies what the selected row stands for: a run's
/// id, an eval sample's failures (or output), a candidate's diff.
@Suite struct CopyListTests {
    typealias F = AppFixtures
    typealias H = HistoryFixtures
    typealias I = ImproveFixtures

    static func copied(_ effects: [Effect]) -> String? {
        guard effects.count == 1, case .copyToClipboard(let text) = effects[0] else { return nil }
        return text
    }

    @Test func runsPaneCopiesTheSelectedRunsID() throws {
        var state = try H.historyState()
        state.focus = .runs
        F.keys(&state, .char("j"))
        let run = try #require(state.runHistory.selectedRun)
        #expect(Self.copied(F.keys(&state, .char("y"))) == run.id)
        #expect(state.message?.text.hasSuffix("run #\(run.seq)'s id") == true)
    }

    @Test func evalPaneCopiesTheSampleFailuresOrOutput() throws {
        var state = try H.historyState()
        state.runHistory.shown = nil
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
        state.layoutName = "eval"
        state.focus = .eval
        // A case with a failing sample: its failures, one a line.
        let failing = try #require(state.eval.visibleRows.firstIndex { $0.samples.contains { $0?.passed == false } })
        state.eval.selection = failing
        let sample = try #require(state.eval.selectedSample)
        let text = try #require(Self.copied(F.keys(&state, .char("y"))))
        #expect(!sample.failures.isEmpty)
        #expect(text.contains(sample.failures[0].reason))
        #expect(state.message?.text.hasSuffix("sample \(sample.sample + 1)'s failures") == true)
        // A passing sample with no output preview: its run's id.
        let passing = try #require(state.eval.visibleRows.firstIndex { $0.samples.allSatisfy { $0?.passed == true } })
        state.eval.selection = passing
        state.eval.sample = 0
        let passed = try #require(state.eval.selectedSample)
        let copied = Self.copied(F.keys(&state, .char("y")))
        #expect(copied == (passed.outputPreview ?? passed.runID))
    }

    @Test func improvePaneCopiesTheCandidatesDiff() throws {
        var state = try I.searched()
        state.focus = .improve
        let row = try #require(state.improve.rows.firstIndex { $0.graph != nil && $0.graph != state.graph })
        state.improve.selection = row
        let text = try #require(Self.copied(F.keys(&state, .char("y"))))
        // As Enter shows it.
        F.keys(&state, .enter)
        let shown = try #require(state.improve.diff)
        #expect(text == shown.lines.joined(separator: "\n"))
        #expect(text.contains("\n-") || text.hasPrefix("-") || text.contains("\n+"))
        #expect(state.message?.text.contains("the diff of") == true)
    }
}
