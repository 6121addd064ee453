import Foundation
import PatchbayCore
import Testing

@testable import PatchbayEval

/// The text-stats sample needs no model: its CSV cases run end to end through the engine.
@Suite struct SampleSuiteTests {
    @Test func textStatsCasesAllPass() async throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("sample-graphs")
        let loader = GraphLoader()
        let document = try loader.load(samples.appendingPathComponent("text-stats.graph.yaml").path)
        let plan = try ExecutionPlan.build(document.graph, path: document.path, resolver: loader)
        let suite = try EvalSuite.load(
            path: samples.appendingPathComponent("text-stats.cases.csv").path, inputs: plan.inputs,
            outputs: plan.outputs)
        let runner = EvalRunner(
            evalID: "stats", suite: suite,
            variants: [EvalVariant(name: "text-stats", plan: plan, graphHash: document.fingerprint.sha256)],
            options: EvalOptions(repeats: 2), environment: EngineEnvironment())
        let report = await runner.run()
        let summary = report.summary()
        #expect(summary.samples == 8 && summary.passed == 8, "\(report.samples.filter { !$0.passed }.map(\.failures))")
        #expect(summary.cases.map(\.id) == ["two", "quoted", "empty", "multiline"])
    }
}
