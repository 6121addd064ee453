import Foundation
import PatchbayEval
import PatchbayStore
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// A real eval from the workbench: the gate graph on three cases, twice each, every sample a
/// stored run; then a drill from the failing case into its run at the check that failed.
@Suite struct EvalPaneHeadlessTests {
    typealias H = HistoryFixtures

    static func evaluate(_ workbench: HeadlessWorkbench, _ command: String) async -> Bool {
        await workbench.press(.char(":"))
        await workbench.type(command)
        await workbench.press(.enter)
        return await workbench.wait { !$0.eval.run.running && !$0.eval.run.starting && $0.eval.report != nil }
    }

    @Test func anEvalRunsStoresItsSamplesAndDrillsIntoAFailure() async throws {
        let project = try H.project()
        let workbench = try await H.workbench(project, layoutName: "default")
        // Relative to the graph's folder, not the current one.
        #expect(await Self.evaluate(workbench, "eval gate.cases.yaml repeat 2"))
        let state = workbench.state
        #expect(state.layoutName == "eval")
        #expect(state.eval.done == 6)
        #expect(state.eval.passed == 4)
        let summary = try #require(state.eval.summary)
        #expect(summary.alwaysPassing == ["tiny", "five"])
        #expect(summary.alwaysFailing == ["long"])
        #expect(summary.failuresByNode.first?.name == "short")
        #expect(state.message?.text == "Eval finished: 67% (4/6) passed")
        #expect(workbench.buffer.text.contains("pass 67% [30%, 90%] (4/6)"))

        // Every sample is a stored run of this eval, and the eval itself is stored.
        let evalID = try #require(state.eval.run.id)
        #expect(try project.store.runs(evalID: evalID).count == 6)
        #expect(try project.store.eval(evalID).passed == 4)

        // Drill: the failing case's first sample opens at the check node `short`.
        await workbench.press(.char("j"), .enter)
        let drilled = workbench.state
        let shown = try #require(drilled.runHistory.shown)
        #expect(shown.summary.origin.caseID == "long")
        #expect(shown.summary.origin.evalID == evalID)
        #expect(drilled.focus == .trace)
        let selected = try #require(drilled.run.traceSelection)
        #expect(drilled.run.steps[selected].path.description == "short")
        #expect(drilled.editing.selection == "short")
        #expect(drilled.run.steps[selected].outputs["fail"] != nil)
        #expect(workbench.buffer.text.contains("Inspector: step short"))
        await workbench.shutdown()
    }

    @Test func aMissingCasesFileIsRefused() async throws {
        let project = try H.project()
        let workbench = try await H.workbench(project, layoutName: "eval")
        await workbench.press(.char(":"))
        await workbench.type("eval nowhere.cases.yaml")
        await workbench.press(.enter)
        #expect(await workbench.wait { !$0.eval.run.starting })
        #expect(workbench.state.eval.run.id == nil)
        #expect(workbench.state.message?.level == .error)
        #expect(workbench.state.message?.text.contains("nowhere.cases.yaml") == true)
        await workbench.shutdown()
    }

    @Test func aCaseThatDoesNotFitTheGraphIsRefusedWithTheFirstProblem() async throws {
        let project = try H.project()
        let bad = project.folder.appendingPathComponent("bad.cases.yaml").path
        try "cases:\n  - { id: x, inputs: { txt: abc } }\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let workbench = try await H.workbench(project, layoutName: "eval")
        await workbench.press(.char(":"))
        await workbench.type("eval \(bad)")
        await workbench.press(.enter)
        #expect(await workbench.wait { !$0.eval.run.starting })
        #expect(workbench.state.eval.run.id == nil)
        #expect(workbench.state.message?.level == .error)
        #expect(workbench.state.message?.text.contains("txt") == true, "\(workbench.state.message?.text ?? "")")
        await workbench.shutdown()
    }
}
