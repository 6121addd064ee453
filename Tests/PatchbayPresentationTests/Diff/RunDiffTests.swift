import Foundation
import PatchbayCore
import PatchbayPresentation
import PatchbayStore
import Testing

@Suite struct RunDiffTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func step(_ id: Int, _ path: String, _ status: Step.Status = .succeeded, outputs: [String: JSONValue] = [:])
        -> Step
    {
        Step(
            id: id, path: StepPath(node: path), kind: .template, status: status, outputs: outputs, startedAt: start,
            duration: 0.01)
    }

    static func run(
        _ id: String, seq: Int, graphHash: String = "h1", graphText: String = GraphDiffTests.base,
        inputs: [String: JSONValue], outputs: [String: JSONValue], steps: [Step]
    ) -> StoredRun {
        let summary = RunSummary(
            id: id, seq: seq, graphPath: nil, graphHash: graphHash, title: nil, status: .succeeded, startedAt: start,
            finishedAt: start, origin: RunOrigin(kind: .run), sample: 0, stepCount: steps.count, executed: steps.count,
            cached: 0, usage: TokenUsage(), cost: 0, errorMessage: nil)
        return StoredRun(
            summary: summary, inputs: inputs, outputs: outputs, error: nil, graphText: graphText, steps: steps)
    }

    static let a = run(
        "aaaaaaaa-1", seq: 1, inputs: ["question": "hi"], outputs: ["answer": "Said: hi"],
        steps: [
            step(0, "question", outputs: ["value": "hi"]), step(1, "echo", outputs: ["text": "Said: hi"]),
            step(2, "answer", outputs: ["value": "Said: hi"]), step(3, "gone"),
        ])

    @Test func stepsMatchByPathAndCachedEqualsExecuted() {
        let b = Self.run(
            "bbbbbbbb-2", seq: 2, inputs: ["question": "bye"], outputs: ["answer": "Said: bye"],
            steps: [
                Self.step(0, "question", .cached, outputs: ["value": "hi"]),
                Self.step(1, "echo", outputs: ["text": "Said: bye"]),
                Self.step(2, "answer", .failed),
                Self.step(3, "new", .skipped),
            ])
        let diff = RunDiff(Self.a, b)
        #expect(diff.graph == nil && diff.same == 1)
        #expect(diff.inputs == [ValueChange(name: "question", a: "hi", b: "bye")])
        #expect(diff.steps.map(\.path) == ["echo", "answer", "gone", "new"])
        #expect(diff.steps.map(\.change) == [.outputs, .status, .removed, .added])
        #expect(diff.steps[0].ports == [ValueChange(name: "text", a: "Said: hi", b: "Said: bye")])
        let lines = diff.lines { "#\($0.summary.seq)" }
        #expect(Array(lines.prefix(3)) == ["A #1", "B #2", "graph: same"])
        #expect(lines.contains("steps: 4 differ, 1 the same"))
        #expect(lines.contains("  ! answer  succeeded → failed"))
        #expect(lines.contains("  - gone  only in A (succeeded)"))
        #expect(lines.contains("  + new  only in B (skipped)"))
        // A changed text is a word diff, as the workbench's compare pane shows it.
        #expect(lines.contains("      text:"))
        #expect(lines.contains("        Said: [-hi-]{+bye+}"))
        // Every path side by side, in the order they ran, the unchanged one too.
        #expect(diff.aligned.map(\.path) == ["question", "echo", "answer", "gone", "new"])
        #expect(diff.aligned.map(\.changed) == [false, true, true, true, true])
        #expect(diff.aligned[0].a?.status == .succeeded && diff.aligned[0].b?.status == .cached)
        #expect(diff.aligned[3].b == nil && diff.aligned[4].a == nil)
        #expect(diff.json["same_steps"] == 1)
        #expect(diff.json["graph"] == ["changed": false])
        #expect(diff.json["steps"]?.arrayValue?[1]["status_b"] == "failed")
    }

    @Test func aDifferentGraphHashComparesTheGraphs() {
        let edited = GraphDiffTests.base.replacingOccurrences(of: "'Said: {{text}}'", with: "'It said: {{text}}'")
        let b = Self.run(
            "bbbbbbbb-2", seq: 2, graphHash: "h2", graphText: edited, inputs: Self.a.inputs,
            outputs: Self.a.outputs, steps: Self.a.steps)
        let diff = RunDiff(Self.a, b)
        #expect(diff.graph?.changedNodes.map(\.id) == ["echo"])
        let lines = diff.lines { $0.id }
        #expect(lines.contains("graph: changed (sha256 h1 → h2)"))
        #expect(lines.contains("  ~ node `echo`: template"))
        #expect(lines.contains("steps: all 4 the same"))
    }

    /// `diff-runs` and the compare pane take their rule from `ValueDiff.detail`: a word diff of
    /// texts (diff-runs lists the lines holding a change, escaped), keys of objects, else `a → b`.
    @Test func aChangedTextIsAWordDiffOfTheLinesThatChanged() {
        let a = Self.run(
            "r1", seq: 1, inputs: [:], outputs: [:],
            steps: [Self.step(1, "echo", outputs: ["text": "Same line\nold \u{1B}word"])])
        let b = Self.run(
            "r2", seq: 2, inputs: [:], outputs: [:],
            steps: [Self.step(2, "echo", outputs: ["text": "Same line\nnew \u{1B}word"])])
        let lines = RunDiff(a, b).lines { "#\($0.summary.seq)" }
        #expect(lines.suffix(2) == ["      text:", "        [-old-]{+new+} \\x1bword"], "\(lines)")
        #expect(!lines.contains { $0.contains("Same line") })
        // The same as parts, for diff-runs to colour on a terminal.
        #expect(
            RunDiff(a, b).parts { "#\($0.summary.seq)" }.last
                == [.same("      "), .same("  "), .removed("old"), .added("new"), .same(" \\x1bword")])
        #expect(ValueDiff.detail(ValueChange(name: "n", a: 1, b: 2)) == .lines(["n: 1 → 2"]))
        #expect(ValueDiff.detail(ValueChange(name: "o", a: ["k": 1], b: ["k": 2])) == .keys(["~ .k: 1 → 2"]))
    }
}
