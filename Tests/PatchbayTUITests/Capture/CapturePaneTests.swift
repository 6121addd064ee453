import Foundation
import PatchbayStore
import Testing

@testable import PatchbayCore
@testable import PatchbayEval
@testable import PatchbayTUI

/// `C`, Enter: the run the trace shows becomes a case of the graph's cases file, which the eval
/// loader then reads; the expected value is the actual output unless edited.
@Suite struct CapturePaneTests {
    typealias F = AppFixtures
    typealias H = HistoryFixtures

    @Test func cOpensTheFieldPrefilledWithTheStoredRunsOutput() throws {
        var state = try H.historyState()
        // In the runs pane, C reads the selected run first, then asks.
        state.focus = .runs
        F.keys(&state, .char("j"))
        var store = TestStore(state)
        store.send(.perform(.captureCase), effects: [.openStoredRun(id: H.runs[1].id, focus: nil)]) {
            $0.runHistory.captureWhenOpened = true
        }
        state = store.state
        var stored = H.stored(H.runs[1])
        stored.outputs = ["out": ["n": 3]]
        _ = AppReducer.reduce(&state, .history(.report(.runOpened(stored, focus: nil))))
        #expect(!state.runHistory.captureWhenOpened)
        guard case .input(let line, .caseExpectation(let draft))? = state.popups.stack.last else {
            Issue.record("expected the case field, got \(String(describing: state.popups.stack.last))")
            return
        }
        #expect(line.text == "{\"n\":3}")
        #expect(
            draft
                == CaseDraft(
                    casesPath: "/p/gate.cases.yaml", inputs: ["text": "far too long"], output: "out", textual: false))
        // Edited before Enter (End keeps the prefilled value to edit): the value typed is the expectation.
        F.keys(&state, .end, .backspace, .backspace, .char("4"), .char("}"))
        #expect(F.keys(&state, .enter) == [.appendCase(draft, expected: ["n": 4])])
    }

    @Test func aCapturedCaseIsAppendedAndTheEvalLoaderReadsIt() async throws {
        let project = try H.project()
        let workbench = try await H.workbench(project, layoutName: "default")
        #expect(await H.run(workbench, text: "abc"))
        await workbench.press(.char("C"), .enter)
        #expect(await workbench.wait { $0.message?.text.hasPrefix("Added case") == true })
        #expect(workbench.state.message?.text == "Added case `captured-1` to gate.cases.yaml")
        let text = try String(contentsOfFile: project.casesPath, encoding: .utf8)
        #expect(text.hasPrefix(H.cases), "the file's text is kept")
        let graph = EvalSession.Graph(
            path: project.graphPath,
            plan: try ExecutionPlan.build(workbench.state.graph, path: project.graphPath, resolver: nil),
            graphHash: workbench.state.graph.contentHash)
        let suite = try EvalSession.loadSuite(path: project.casesPath, for: [graph])
        #expect(suite.cases.map(\.id) == ["tiny", "long", "five", "captured-1"])
        #expect(suite.cases.last?.inputs == ["text": "abc"])
        #expect(suite.cases.last?.expectations.count == 1)

        // Without a cases file, one is created.
        try FileManager.default.removeItem(atPath: project.casesPath)
        await workbench.press(.char("C"), .enter)
        #expect(await workbench.wait { $0.message?.text.contains("(a new file)") == true })
        let created = try EvalSession.loadSuite(path: project.casesPath, for: [graph])
        #expect(created.cases.map(\.id) == ["captured-1"])
        await workbench.shutdown()
    }
}
