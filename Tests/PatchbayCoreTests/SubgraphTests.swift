import PatchbayTestSupport
import Testing

@testable import PatchbayCore

@Suite struct SubgraphTests {
    let double = graph(
        [node("item", .input), node("twice", .jq, ["jq": ". * 2"]), node("result", .output)],
        ["item -> twice", "twice -> result"])

    @Test func mapKeepsOrderAndRecordsAStepPerItem() async throws {
        let g = graph(
            [node("xs", .input), node("each", .map, ["graph": "double", "concurrency": 3]), node("out", .output)],
            ["xs -> each.items", "each.results -> out"])
        let result = try await runGraph(
            g, inputs: ["xs": .array((0..<50).map { .number(Double($0)) })], subgraphs: ["double": double])
        #expect(result.outputs["out"] == .array((0..<50).map { .number(Double($0 * 2)) }))
        #expect(result.step("each[7]/twice")?.outputs["value"] == 14)
        #expect(result.steps.filter { $0.path.description.hasPrefix("each[") }.count == 150)
    }

    @Test func mapBoundsConcurrencyAndPassesSharedInputs() async throws {
        let body = graph(
            [
                node("item", .input), node("style", .input), node("ask", .llm, ["prompt": "{{style}}: {{item}}"]),
                node("said", .output),
            ],
            ["item -> ask.item", "style -> ask.style", "ask.text -> said"])
        let g = graph(
            [
                node("xs", .input), node("style", .input), node("each", .map, ["graph": "body", "concurrency": 2]),
                node("out", .output),
            ],
            ["xs -> each.items", "style -> each.style", "each.results -> out"])
        let model = ScriptedModelProvider.echo(delay: .milliseconds(20))
        let result = try await runGraph(
            g, inputs: ["xs": ["a", "b", "c", "d", "e"], "style": "loud"], models: model, subgraphs: ["body": body])
        #expect(result.outputs["out"] == ["LOUD: A", "LOUD: B", "LOUD: C", "LOUD: D", "LOUD: E"])
        #expect(model.maxInFlight == 2)
    }

    /// draft -> revise (appends "!") -> done when it ends with "!!!"; the revision feeds the next pass.
    let reviseBody = graph(
        [
            node("draft", .input), node("revise", .jq, ["jq": ". + \"!\""]),
            node("verdict", .jq, ["jq": "endswith(\"!!!\")"]),
            node("revised", .output), node("approved", .output),
        ],
        ["draft -> revise", "revise -> verdict", "verdict -> approved", "revise -> revised"])

    func loopGraph(max: Int) -> Graph {
        graph(
            [
                node("start", .input),
                node(
                    "refine", .loop,
                    [
                        "graph": "body", "until": ".approved", "max": .number(Double(max)),
                        "feedback": ["revised": "draft"],
                    ]),
                node("out", .output), node("n", .output),
            ],
            ["start -> refine.draft", "refine.revised -> out", "refine.iterations -> n"])
    }

    @Test func loopRepeatsUntilTheConditionFeedingOutputsBack() async throws {
        let result = try await runGraph(loopGraph(max: 10), inputs: ["start": "hi"], subgraphs: ["body": reviseBody])
        #expect(result.outputs == ["out": "hi!!!", "n": 3])
        #expect(result.step("refine[1]/revise")?.inputs["value"] == "hi!")
        #expect(result.step("refine[3]/revise") == nil)
    }

    @Test func loopStopsAtItsCap() async throws {
        let result = try await runGraph(loopGraph(max: 2), inputs: ["start": "hi"], subgraphs: ["body": reviseBody])
        #expect(result.outputs == ["out": "hi!!", "n": 2])
    }

    @Test func stepPathsNameEveryLevel() async throws {
        let review = graph(
            [
                node("start", .input),
                node(
                    "loop", .loop, ["graph": "body", "until": ".approved", "max": 5, "feedback": ["revised": "draft"]]),
                node("final", .output),
            ],
            ["start -> loop.draft", "loop.revised -> final"])
        let top = graph(
            [node("text", .input), node("review", .graph, ["graph": "review"]), node("out", .output)],
            ["text -> review.start", "review.final -> out"])
        let result = try await runGraph(top, inputs: ["text": "a"], subgraphs: ["review": review, "body": reviseBody])
        #expect(result.outputs["out"] == "a!!!")
        #expect(result.step("review/loop[1]/verdict")?.outputs["value"] == false)
        #expect(result.step("review/loop[2]/verdict")?.outputs["value"] == true)
    }

    @Test func aFailingItemFailsTheMapNamingTheItem() async throws {
        let picky = graph(
            [
                node("item", .input), node("check", .jq, ["jq": "if . == 3 then error(\"three\") else . end"]),
                node("r", .output),
            ], ["item -> check", "check -> r"])
        let g = graph(
            [node("xs", .input), node("each", .map, ["graph": "picky"]), node("out", .output)],
            ["xs -> each.items", "each -> out"])
        let result = try await runGraph(g, inputs: ["xs": [1, 2, 3, 4]], subgraphs: ["picky": picky])
        #expect(result.status == .failed)
        #expect(result.step("each")?.error?.message.contains("item 2") == true)
        #expect(result.step("each[2]/check")?.status == .failed)
    }

    @Test func aGraphCannotIncludeItself() throws {
        let selfish = graph(
            [node("x", .input), node("again", .graph, ["graph": "test.graph.yaml"]), node("o", .output)],
            ["x -> again.x", "again.o -> o"])
        #expect {
            _ = try ExecutionPlan.build(
                selfish, path: "test.graph.yaml", resolver: MemoryResolver(["test.graph.yaml": selfish]))
        } throws: { "\($0)".contains("includes itself") }
    }
}
