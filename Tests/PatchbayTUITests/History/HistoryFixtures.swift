import Foundation
import PatchbayEval
import PatchbayStore
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// A project in a temporary folder with a real run store, a graph without models whose check
/// passes short texts and fails long ones, and its cases.
enum HistoryFixtures {
    typealias F = AppFixtures

    static let gate = """
        patchbay: 1
        title: Length gate
        nodes:
          text: { kind: input, type: string }
          stats: { kind: jq, jq: '{n: length}' }
          short: { kind: check, jq: '.n <= 5' }
          out: { kind: output, type: object }
        wires:
          - text -> stats
          - stats -> short
          - short.pass -> out
        """

    /// Two cases pass, one fails at the check node `short`.
    static let cases = """
        cases:
          - { id: tiny, inputs: { text: abc } }
          - { id: long, inputs: { text: far too long a text } }
          - { id: five, inputs: { text: fives } }
        """

    struct Project {
        var folder: URL
        var graphPath: String
        var casesPath: String
        var store: RunStore
    }

    static func project() throws -> Project {
        let folder = try F.tempDirectory()
        let graphPath = folder.appendingPathComponent("gate.graph.yaml").path
        try gate.write(toFile: graphPath, atomically: true, encoding: .utf8)
        let casesPath = folder.appendingPathComponent("gate.cases.yaml").path
        try cases.write(toFile: casesPath, atomically: true, encoding: .utf8)
        let store = try RunStore(path: folder.appendingPathComponent("history.sqlite").path)
        return Project(folder: folder, graphPath: graphPath, casesPath: casesPath, store: store)
    }

    /// The workbench on the project's graph, its runs journaled into the store.
    static func setup(_ project: Project, layoutName: String = "history") throws -> WorkbenchSetup {
        let document = try F.load(project.graphPath)
        var environment = EngineEnvironment()
        environment.journal = project.store.journal
        environment.cache = project.store.cache
        var setup = F.setup(
            document.graph, path: project.graphPath, fingerprint: document.fingerprint, layoutName: layoutName,
            environment: environment)
        setup.store = project.store
        return setup
    }

    static func workbench(_ project: Project, layoutName: String = "history", width: Int = 120, height: Int = 40)
        async throws -> HeadlessWorkbench
    {
        let workbench = HeadlessWorkbench(
            try setup(project, layoutName: layoutName), width: width, height: height, now: F.now)
        await workbench.settle()
        return workbench
    }

    /// r, the text, Enter; waits for the run to end and the list to show it.
    static func run(_ workbench: HeadlessWorkbench, text: String) async -> Bool {
        let runs = workbench.state.run.history.count
        let listed = workbench.state.runHistory.runs.count
        await workbench.press(.char("r"))
        await workbench.type(text)
        await workbench.press(.enter)
        return await workbench.wait {
            $0.run.history.count > runs && !$0.run.active && $0.runHistory.runs.count > listed
        }
    }

    // MARK: States without a store behind them (reducer tests and snapshots)

    static func summary(
        _ seq: Int, status: StoredRunStatus = .succeeded, minutesAgo: Double, origin: RunOrigin = RunOrigin(),
        sample: Int = 0,
        steps: Int = 4, executed: Int = 4, cached: Int = 0, tokens: (Int, Int) = (0, 0), duration: TimeInterval? = 0.42,
        hash: String = "h"
    ) -> RunSummary {
        let started = F.now.addingTimeInterval(-minutesAgo * 60)
        return RunSummary(
            id: String(format: "%02x", seq) + "3f2a1b9c-0000-4000-8000-00000000000\(seq % 10)", seq: seq,
            graphPath: "/p/gate.graph.yaml",
            graphHash: hash, title: "Length gate", status: status, startedAt: started,
            finishedAt: duration.map { started.addingTimeInterval($0) },
            origin: origin, sample: sample, stepCount: steps, executed: executed, cached: cached,
            usage: TokenUsage(inputTokens: tokens.0, outputTokens: tokens.1), cost: 0, errorMessage: nil)
    }

    /// Six runs of every kind, newest first.
    static var runs: [RunSummary] {
        let parent = summary(3, minutesAgo: 90).id
        return [
            summary(
                8, minutesAgo: 0.5, origin: RunOrigin(kind: .fork, parentRunID: parent, parentStep: "short"),
                executed: 2, cached: 0),
            summary(
                7, status: .failed, minutesAgo: 4, origin: RunOrigin(kind: .eval, evalID: "e1", caseID: "long"),
                sample: 1),
            summary(6, status: .interrupted, minutesAgo: 30, steps: 2, executed: 2, duration: 1.5),
            summary(
                5, status: .cancelled, minutesAgo: 65, origin: RunOrigin(kind: .replay, parentRunID: parent),
                executed: 0, cached: 4),
            summary(4, minutesAgo: 80, tokens: (1200, 345), duration: 12.3),
            summary(3, minutesAgo: 90, duration: 0.08),
        ]
    }

    /// A stored run of the gate graph that failed at its check: four steps.
    static func stored(_ summary: RunSummary) -> StoredRun {
        let steps = [
            F.step(0, "text", .input, inputs: ["value": "far too long"], outputs: ["value": "far too long"]),
            F.step(1, "stats", .jq, inputs: ["in": "far too long"], outputs: ["out": ["n": 12]]),
            F.step(
                2, "short", .check, inputs: ["in": ["n": 12]],
                outputs: ["fail": ["n": 12], "reason": ".n <= 5 is false"]),
            F.step(3, "out", .output, .skipped, skipReason: "no value arrived"),
        ]
        return StoredRun(
            summary: summary, inputs: ["text": "far too long"], outputs: [:], error: nil, graphText: gate, steps: steps)
    }

    /// The gate graph's state in the history layout with the six runs listed.
    static func historyState(width: Int = 120, height: Int = 40) throws -> AppState {
        var setup = F.setup(try F.graph(gate), path: "/p/gate.graph.yaml", layoutName: "history")
        setup.inputs = ["text": "abc"]
        var state = setup.initialState(width: width, height: height, now: F.now)
        state.runHistory.available = true
        state.runHistory.runs = runs
        return state
    }

    /// A finished eval of three cases, three samples each: always, flaky, never.
    static func evalReport() -> EvalReport {
        func sample(_ caseID: String, _ index: Int, passed: Bool) -> SampleResult {
            SampleResult(
                variant: "gate", caseID: caseID, sample: index, runID: "run-\(caseID)-\(index)", passed: passed,
                runStatus: .succeeded,
                failures: passed
                    ? []
                    : [CheckFailure(source: .checkNode, check: "short", node: "short", reason: ".n <= 5 is false")],
                duration: 0.01, usage: TokenUsage(), cost: 0, outputPreview: nil)
        }
        let samples =
            (0..<3).map { sample("tiny", $0, passed: true) } + (0..<3).map { sample("flaky-one", $0, passed: $0 != 1) }
            + (0..<3).map { sample("long", $0, passed: false) }
        return EvalReport(
            evalID: "e1", startedAt: F.now, finishedAt: F.now.addingTimeInterval(2.5), suiteHash: "s",
            variants: [.init(name: "gate", graphHash: "h")], repeats: 3, shard: nil,
            caseIDs: ["tiny", "flaky-one", "long"], samples: samples)
    }
}
