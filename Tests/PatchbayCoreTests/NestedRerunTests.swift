import PatchbayTestSupport
import Testing

@testable import PatchbayCore

/// Re-running from a node inside a sub-graph (`each/b`, as the workbench's F inside an entered
/// `map` asks): that node and what depends on it execute again in every item, the steps before
/// it in the body come from the cache, and so does nothing downstream of the map.
@Suite struct NestedRerunTests {
    /// item -> a (llm) -> b (llm) -> r
    static let body = graph(
        [
            node("item", .input), node("a", .llm, ["prompt": "a {{item}}"]),
            node("b", .llm, ["prompt": "b {{x}}"]), node("r", .output),
        ],
        ["item -> a.item", "a.text -> b.x", "b.text -> r"])

    /// xs -> each (map of body) -> after (llm) -> out; also xs -> aside (llm), beside the map.
    static let top = graph(
        [
            node("xs", .input), node("each", .map, ["graph": "body"]),
            node("after", .llm, ["prompt": "after {{rs}}"]), node("aside", .llm, ["prompt": "aside {{xs}}"]),
            node("out", .output),
        ],
        ["xs -> each.items", "xs -> aside.xs", "each.results -> after.rs", "after.text -> out"])

    static func plan() throws -> ExecutionPlan {
        try ExecutionPlan.build(top, path: "top", resolver: MemoryResolver(["body": body]))
    }

    @Test func theSetNamesTheNodeInsideAndWhatDependsOnIt() throws {
        let plan = try Self.plan()
        #expect(plan.rerunSet(from: "each/b") == ["each/b", "each/r", "after", "out"])
        #expect(plan.rerunSet(from: "each/a") == ["each/a", "each/b", "each/r", "after", "out"])
        #expect(plan.rerunSet(from: "each") == ["each", "after", "out"])
        #expect(plan.rerunSet(from: "each/nope").isEmpty)
        #expect(plan.rerunSet(from: "after/x").isEmpty, "an llm node has no body")
        #expect(plan.rerunSet(from: "nope").isEmpty)
    }

    @Test func onlyTheNodeInsideAndWhatFollowsItExecuteAgain() async throws {
        let model = ScriptedModelProvider.echo()
        let debug = DebugSession(
            plan: try Self.plan(), engine: Engine(environment: EngineEnvironment(models: model)),
            resolver: MemoryResolver(["body": Self.body]))
        _ = try await debug.start(inputs: ["xs": ["p", "q"]]).result()
        #expect(model.calls == 6)
        let again = try await debug.rerun(from: "each/b").result()
        #expect(model.calls == 9, "b twice and after")
        for item in 0..<2 {
            #expect(again.step("each[\(item)]/a")?.status == .cached)
            #expect(again.step("each[\(item)]/b")?.status == .succeeded)
        }
        #expect(again.step("after")?.status == .succeeded)
        #expect(again.step("aside")?.status == .cached)
    }

    /// The workbench's `f` on `each[1]/b`: a fork of a recorded run from `each/b`, in a session
    /// with no cache, asks the model for `b` in both items and `after` only: `a` and `aside` are
    /// the recorded run's.
    @Test func aForkFromTheNodeInsideReusesTheRecordedSteps() async throws {
        let first = try await DebugSession(
            plan: try Self.plan(), engine: Engine(environment: EngineEnvironment(models: ScriptedModelProvider.echo())),
            resolver: MemoryResolver(["body": Self.body])
        ).start(inputs: ["xs": ["p", "q"]]).result()
        let model = ScriptedModelProvider.echo()
        let debug = DebugSession(
            plan: try Self.plan(), engine: Engine(environment: EngineEnvironment(models: model)),
            resolver: MemoryResolver(["body": Self.body]))
        let fork = try await debug.fork(first, from: "each/b").result()
        #expect(model.calls == 3, "b twice and after")
        #expect(fork.status == .succeeded)
        #expect(fork.step("each[1]/b")?.status == .succeeded)
        #expect(fork.step("each[1]/a")?.status != .succeeded)
    }

    @Test func forcingMatchesTheNodePathAndEverythingUnderIt() {
        var options = RunOptions()
        options.forceExecute = ["each/b", "after"]
        #expect(options.forcesExecution(of: StepPath(parsing: "each[3]/b")))
        #expect(options.forcesExecution(of: StepPath(parsing: "each[3]/b/turn[2]")))
        #expect(options.forcesExecution(of: StepPath(parsing: "after")))
        #expect(!options.forcesExecution(of: StepPath(parsing: "each[3]/a")))
        #expect(!options.forcesExecution(of: StepPath(parsing: "each")))
        #expect(!options.forcesExecution(of: StepPath(parsing: "eachx/b")))
    }
}
