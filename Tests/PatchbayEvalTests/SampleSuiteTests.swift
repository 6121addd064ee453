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

    /// The held-out reviews docs/improve.md measures voting on: they load against classify-hot,
    /// half each label, none of them a review in classify's prompt or in classify.cases.yaml.
    @Test func reviewsAreHeldOutAndBalanced() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("sample-graphs")
        let loader = GraphLoader()
        let document = try loader.load(samples.appendingPathComponent("classify-hot.graph.yaml").path)
        let plan = try ExecutionPlan.build(document.graph, path: document.path, resolver: loader)
        let load = { (name: String) in
            try EvalSuite.load(
                path: samples.appendingPathComponent(name).path, inputs: plan.inputs, outputs: plan.outputs)
        }
        let reviews = try load("reviews.cases.yaml").cases
        #expect(reviews.count == 100)
        let labels = reviews.compactMap { review -> JSONValue? in
            guard case .equals(let value) = review.expectations.first?.test else { return nil }
            return value
        }
        #expect(labels.filter { $0 == .string("positive") }.count == 50, "\(labels)")
        #expect(labels.filter { $0 == .string("negative") }.count == 50)
        let prompt = document.graph.nodes.first { $0.id == "classify" }?.fields["prompt"]?.stringValue ?? ""
        let others = Set(try load("classify.cases.yaml").cases.compactMap { $0.inputs["review"]?.stringValue })
        for review in reviews.compactMap({ $0.inputs["review"]?.stringValue }) {
            #expect(!prompt.contains(review) && !others.contains(review), "\(review) is not held out")
        }
    }
}
