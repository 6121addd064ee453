import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// "What changed?" after a re-run (issue 16): the graph marks each node whose output differs
/// from the previous run's, and the inspector shows the diff.
@Suite struct WhatChangedTests {
    typealias F = AppFixtures
    typealias S = ScreenSnapshotTests

    static func result(_ id: String, _ steps: [Step]) -> RunResult {
        RunResult(runID: id, status: .succeeded, outputs: [:], steps: steps, error: nil)
    }

    @Test func changesCompareEachNodesLastStepWithThePreviousRun() {
        var run = RunState()
        let before = [
            F.step(0, "a", .template, outputs: ["text": "same"]),
            F.step(1, "b", .template, outputs: ["text": "old"]),
            F.step(2, "loop/body", .template, outputs: ["text": "x"]),
            F.step(3, "gone", .template, outputs: ["text": "1"]),
        ]
        let after = [
            F.step(0, "a", .template, outputs: ["text": "same"]),
            F.step(1, "b", .template, outputs: ["text": "new"]),
            F.step(2, "loop/body", .template, outputs: ["text": "x"]),
            F.step(3, "loop/body", .template, outputs: ["text": "y"]),
            F.step(4, "fresh", .template, outputs: ["text": "2"]),
        ]
        run.history = [Self.result("r1", before)]
        #expect(run.outputChanges().isEmpty, "one run: nothing to compare with")
        run.steps = after
        run.active = true
        #expect(run.previousRun?.runID == "r1")
        let changes = run.outputChanges()
        #expect(changes.keys.sorted() == ["b", "loop/body"])
        #expect(changes["b"] == [ValueChange(name: "text", a: "old", b: "new")])
        run.active = false
        run.history.append(Self.result("r2", after))
        #expect(run.previousRun?.runID == "r1")
        #expect(run.outputChanges().keys.sorted() == ["b", "loop/body"])
    }

    /// The session's first run is compared with the newest stored run of the graph the user
    /// started (the effect runner reads it as the run starts); its second with the first.
    @Test func theFirstRunComparesWithTheStoredRunAndSaysWhichOne() throws {
        var state = try F.textStatsState()
        let stored = [
            F.step(0, "stats", .jq, outputs: ["out": ["words": 2]]),
            F.step(1, "report", .template, outputs: ["text": "2 words"]),
        ]
        let first = [
            F.step(0, "stats", .jq, outputs: ["out": ["words": 3]]),
            F.step(1, "report", .template, outputs: ["text": "2 words"]),
        ]
        let previous = StoredPreviousRun(seq: 12, result: Self.result("stored", stored))
        _ = AppReducer.reduce(&state, .run(.report(.storedPrevious(previous))))
        #expect(state.run.previousRun == nil, "nothing compared before the session's first run")
        _ = AppReducer.reduce(&state, .run(.report(.event(.runStarted(runID: "r1", plan: ["stats"])))))
        state.run.steps = first
        #expect(state.run.previousRun?.runID == "stored")
        #expect(state.run.outputChanges().keys.sorted() == ["stats"])
        _ = AppReducer.reduce(&state, .run(.report(.event(.runFinished(Self.result("r1", first))))))
        #expect(state.message?.text.hasSuffix("; 1 output changed since run #12 (Δ)") == true)
        #expect(state.run.comparedWithStored == previous)

        _ = AppReducer.reduce(&state, .run(.report(.event(.runStarted(runID: "r2", plan: ["stats"])))))
        state.run.steps = first
        #expect(state.run.previousRun?.runID == "r1" && state.run.comparedWithStored == nil)
        _ = AppReducer.reduce(&state, .run(.report(.event(.runFinished(Self.result("r2", first))))))
        #expect(state.run.outputChanges().isEmpty)
        #expect(state.message?.text.contains("changed") == false)
    }

    /// text-stats run, `report`'s template edited, run again with the same text.
    static func rerunAfterAnEdit(width: Int, height: Int) async throws -> HeadlessWorkbench {
        let workbench = try await S.afterRun(width: width, height: height, select: "report")
        #expect(Screen.outputChanges(workbench.state).isEmpty)
        await S.command(workbench, "set template {{s.words}} words.")
        #expect(workbench.state.graph["report"]?.fields["template"] == "{{s.words}} words.")
        await workbench.press(.char("r"))
        await workbench.press(.enter)
        #expect(await workbench.wait { $0.run.history.count == 2 && !$0.run.active })
        return workbench
    }

    @Test(arguments: S.sizes)
    func changedNodesAreMarkedAndTheInspectorShowsTheDiff(width: Int, height: Int) async throws {
        let workbench = try await Self.rerunAfterAnEdit(width: width, height: height)
        #expect(workbench.state.message?.text.hasSuffix("; 3 outputs changed (Δ)") == true)
        let changes = Screen.outputChanges(workbench.state)
        #expect(changes.keys.sorted() == ["report", "summary", "verdict"])
        let content = Screen.inspectorContent(workbench.state)
        let section = try #require(content.section("changed"))
        #expect(section.title == "Changed since the last run")
        let ids = content.sections.map(\.id)
        #expect(ids.firstIndex(of: "changed") == ids.firstIndex(of: "outputs").map { $0 + 1 })
        // The inspector scrolled to its end, where the diff is.
        await workbench.press(.char("2"), .char("G"))
        #expect(workbench.state.focus == .inspector)
        let buffer = S.stableBuffer(workbench)
        #expect(buffer.text.contains("Changed since the last run"))
        Snapshot.expect(buffer, named: "screen-changed-\(width)x\(height)")
        await workbench.shutdown()
    }
}
