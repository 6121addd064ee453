import Foundation
import PatchbayStore
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The runs pane over a real store in a temporary folder: runs made in the workbench are
/// stored and listed, an old one opens into the trace, and a fork from it is stored as a fork.
@Suite struct RunsPaneHeadlessTests {
    typealias H = HistoryFixtures

    @Test func aRunMadeHereIsStoredAndListed() async throws {
        let project = try H.project()
        let workbench = try await H.workbench(project)
        #expect(workbench.state.runHistory.available)
        #expect(workbench.state.runHistory.runs.isEmpty)
        #expect(await H.run(workbench, text: "abc"))
        let listed = try #require(workbench.state.runHistory.runs.first)
        #expect(listed.id == workbench.state.run.result?.runID)
        #expect(listed.status == .succeeded)
        #expect(listed.stepCount == 4)
        #expect(workbench.buffer.text.contains("Runs (1)"))
        // The store has it too, with its steps.
        #expect(try project.store.run(listed.id).steps.count == 4)
        await workbench.shutdown()
    }

    @Test func anOldRunOpensIntoTheTraceAndForksFromAStep() async throws {
        let project = try H.project()
        let workbench = try await H.workbench(project)
        #expect(await H.run(workbench, text: "far too long"))
        #expect(await H.run(workbench, text: "abc"))
        let old = try #require(workbench.state.runHistory.runs.last)
        #expect(workbench.state.runHistory.runs.count == 2)

        // Open the older run: the trace and marks are its.
        await workbench.press(.char("j"), .enter)
        #expect(workbench.state.runHistory.shown?.summary.id == old.id)
        #expect(workbench.state.run.steps.first?.outputs["value"] == "far too long")
        #expect(workbench.state.message?.text.hasPrefix("Showing run #1") == true)

        // Fork from `stats`: the fork re-runs stats and what follows with the old inputs.
        await workbench.press(.char("2"))
        #expect(workbench.state.focus == .trace)
        await workbench.press(.home, .char("j"))
        #expect(workbench.state.run.steps[workbench.state.run.traceSelection ?? 0].path.description == "stats")
        await workbench.press(.char("f"))
        #expect(await workbench.wait { !$0.run.active && $0.runHistory.runs.count == 3 })
        let fork = try #require(workbench.state.runHistory.runs.first)
        #expect(fork.origin.kind == .fork)
        #expect(fork.origin.parentRunID == old.id)
        #expect(fork.origin.parentStep == "stats")
        #expect(workbench.state.runHistory.shown == nil)
        let forked = try project.store.run(fork.id)
        #expect(forked.inputs == ["text": "far too long"])
        #expect(workbench.buffer.text.contains("fork of"))
        await workbench.shutdown()
    }

    @Test func theNewestRunsInputsPrefillTheRunForm() async throws {
        let project = try H.project()
        let first = try await H.workbench(project)
        #expect(await H.run(first, text: "abc"))
        await first.shutdown()

        // A new session on the same store starts with that run's inputs.
        let second = try await H.workbench(project)
        #expect(second.state.run.lastInputs == ["text": "abc"])
        #expect(second.state.runHistory.runs.count == 1)
        await second.shutdown()
    }

    /// The run form is prefilled from the last run a person started, not from an eval's last
    /// sample (issue 16, item 8), and the prefilled value is selected: typing replaces it.
    @Test func theRunFormPrefillSkipsEvalSamples() async throws {
        let project = try H.project()
        let first = try await H.workbench(project, layoutName: "default")
        #expect(await H.run(first, text: "mine"))
        await first.press(.char(":"))
        await first.type("eval gate.cases.yaml")
        await first.press(.enter)
        #expect(await first.wait { !$0.eval.run.running && !$0.eval.run.starting && $0.eval.report != nil })
        await first.shutdown()

        let second = try await H.workbench(project)
        #expect(second.state.runHistory.runs.first?.origin.kind == .eval, "the newest run is an eval sample")
        #expect(second.state.run.lastInputs == ["text": "mine"])
        await second.press(.char("r"))
        guard case .form(let form, _)? = second.state.popups.stack.last else {
            Issue.record("no run form")
            await second.shutdown()
            return
        }
        #expect(form.fields.first?.value.text == "mine")
        #expect(form.fields.first?.value.selectsAll == true)
        await second.type("yours")
        guard case .form(let typed, _)? = second.state.popups.stack.last else {
            Issue.record("the form closed")
            await second.shutdown()
            return
        }
        #expect(typed.fields.first?.value.text == "yours")
        await second.shutdown()
    }
}
