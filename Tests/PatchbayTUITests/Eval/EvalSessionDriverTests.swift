import Foundation
import PatchbayEval
import PatchbayStore
import PatchbayTestSupport
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The workbench's `:eval` drives the same session as `patchbay eval`: same names, same defaults.
@Suite struct EvalSessionDriverTests {
    typealias H = HistoryFixtures

    @Test func theWorkbenchNamesAndPacesAnEvalAsTheCLIDoesForTheSameConfig() throws {
        let defaults = EvalDefaults(repeats: 2, concurrency: 7)
        let path = "/tmp/project/my graph.graph.yaml"
        let plan = try ExecutionPlan.build(
            Graph(nodes: [], wires: []), path: path, resolver: MemoryResolver([:]))
        let graph = EvalSession.Graph(path: path, plan: plan, graphHash: "g")
        let suite = EvalSuite(cases: [], checks: [], hash: "h")
        let workbench = EffectRunner.evalSession(
            of: graph, suite: suite, repeats: nil, defaults: defaults, environment: EngineEnvironment())
        // `patchbay eval "my graph.graph.yaml" --cases …` with no --repeat or --concurrency.
        let cli = EvalSession(
            suite: suite, graphs: [graph], request: EvalRequest(), defaults: defaults,
            environment: EngineEnvironment())
        #expect(workbench.variants.map(\.name) == cli.variants.map(\.name))
        #expect(workbench.variants.map(\.name) == ["my graph"])
        #expect(workbench.options.concurrency == cli.options.concurrency)
        #expect(workbench.options.concurrency == 7)
        #expect(workbench.repeats == cli.repeats)
        #expect(workbench.repeats == 2)
    }

    @Test func anEvalWithoutRepeatLeavesTheCountToTheDefaults() throws {
        var state = try EvalPaneReducerTests.state()
        let effects = AppReducer.reduce(&state, .command("eval gate.cases.yaml"))
        guard case .startEval(_, _, let repeats)? = effects.last else {
            Issue.record("expected startEval, got \(effects)")
            return
        }
        #expect(repeats == nil)
    }

    @Test func anEvalFromTheWorkbenchIsStoredUnderTheCLIsVariantName() async throws {
        let project = try H.project()
        var setup = try H.setup(project, layoutName: "eval")
        setup.evalDefaults = EvalDefaults(concurrency: 1)
        let workbench = HeadlessWorkbench(setup, width: 120, height: 40, now: HistoryFixtures.F.now)
        await workbench.settle()
        #expect(await EvalPaneHeadlessTests.evaluate(workbench, "eval gate.cases.yaml"))
        let report = try #require(workbench.state.eval.report)
        #expect(report.variants.map(\.name) == EvalSession.variantNames([setup.path]))
        await workbench.shutdown()
    }
}
