import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// "What changed?" is computed when the steps change, not on every frame: a frame of a long
/// trace looks it up by the two step lists (compared by identity) instead of walking them.
@Suite struct OutputChangesMemoTests {
    typealias F = AppFixtures

    static func steps(_ count: Int, text: String) -> [Step] {
        (0..<count).map { F.step($0, "node\($0 % 500)", .template, outputs: ["text": .string("\(text) \($0 % 7)")]) }
    }

    @Test func aFrameLooksTheChangesUpOnceTheStepsAreKnown() throws {
        var state = try F.textStatsState()
        let before = Self.steps(20_000, text: "old")
        var after = Self.steps(20_000, text: "old")
        after[19_999].outputs = ["text": "new"]
        state.run.history = [RunResult(runID: "r1", status: .succeeded, outputs: [:], steps: before, error: nil)]
        state.run.steps = after
        state.run.active = true

        // The first frame computes them; the frames after it find them.
        let first = Screen().render(state)
        #expect(OutputChangesMemo.isCached(state.run.steps, since: before))
        #expect(state.run.outputChanges() == ["node499": [ValueChange(name: "text", a: "old 0", b: "new")]])
        let clock = ContinuousClock()
        let frames = clock.measure { for _ in 0..<50 { _ = state.run.outputChanges() } }
        #expect(frames < .milliseconds(50), "50 look-ups of 20,000 steps took \(frames)")
        #expect(Screen().render(state).text == first.text)

        // A new step is a new list: computed again, with the step in it.
        state.run.steps.append(F.step(20_000, "node0", .template, outputs: ["text": "changed"]))
        #expect(!OutputChangesMemo.isCached(state.run.steps, since: before))
        #expect(state.run.outputChanges()["node0"] != nil)
        #expect(OutputChangesMemo.isCached(state.run.steps, since: before))
    }
}
