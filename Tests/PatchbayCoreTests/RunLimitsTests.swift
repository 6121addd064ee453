import Foundation
import PatchbayTestSupport
import Testing

@testable import PatchbayCore

/// A small graph can ask for unbounded work: a loop with a huge `max`, a map over a million
/// items, a node producing a huge value. Each is stopped by a `RunLimits` cap, with an error
/// naming the node and the limit and saying how to raise it. Limits here are small, so the
/// attacks are fast; each test would run to the end (or for minutes) without its cap.
@Suite struct RunLimitsTests {
    /// x → x + 1, the body of the loops and maps below.
    let increment = graph(
        [node("x", .input), node("inc", .jq, ["jq": ". + 1"]), node("y", .output)], ["x -> inc", "inc -> y"])

    func spin(max: Int, body: String = "body") -> Graph {
        graph(
            [
                node("start", .input, ["default": 0]),
                node(
                    "spin", .loop,
                    ["graph": .string(body), "until": "false", "max": .number(Double(max)), "feedback": ["y": "x"]]),
                node("out", .output),
            ],
            ["start -> spin.x", "spin.y -> out"])
    }

    func options(_ limits: RunLimits) -> RunOptions {
        var options = RunOptions()
        options.limits = limits
        return options
    }

    func mapOver(_ name: String = "each") -> Graph {
        graph(
            [node("xs", .input), node(name, .map, ["graph": "body", "item": "x"]), node("out", .output)],
            ["xs -> \(name).items", "\(name).results -> out"])
    }

    // MARK: steps

    @Test func theStepCapStopsALoopNamingTheStepAndTheLimit() async throws {
        let result = try await runGraph(
            spin(max: 1_000), subgraphs: ["body": increment], options: options(RunLimits(steps: 50)))
        #expect(result.status == .failed)
        let error = try #require(result.error)
        #expect(error.message.contains("would be step 51 of this run, more than the steps limit (50)"), "\(error)")
        #expect(error.message.contains("`spin["), "names the step's node: \(error)")
        #expect(error.hint == .raiseLimit(name: "steps", value: 100, isMost: false), "\(error)")
        // 50 admitted steps, then the failures that stopped each level; not 3,000 steps.
        #expect(result.steps.count < 60, "\(result.steps.count) steps")
    }

    @Test func mapItemStepsCountTowardsTheStepCap() async throws {
        let g = mapOver()
        let items = JSONValue.array((0..<500).map { .number(Double($0)) })
        let result = try await runGraph(
            g, inputs: ["xs": items], subgraphs: ["body": increment], options: options(RunLimits(steps: 100)))
        #expect(result.status == .failed)
        #expect(result.error?.message.contains("steps limit (100)") == true, "\(String(describing: result.error))")
        #expect(result.steps.count < 100 + 3 * 8 + 10, "\(result.steps.count) steps")
    }

    /// `on_error: route` hands a failure to the graph; a limit is not the graph's to handle, or
    /// the loop would go on failing pass after pass.
    @Test func aRoutedNodeDoesNotSwallowTheStepLimit() async throws {
        let routed = graph(
            [node("x", .input), node("inc", .jq, ["jq": ". + 1", "on_error": "route"]), node("y", .output)],
            ["x -> inc", "inc -> y"])
        let result = try await runGraph(
            spin(max: 5_000), subgraphs: ["body": routed], options: options(RunLimits(steps: 30)))
        #expect(result.status == .failed)
        #expect(result.steps.count < 40, "\(result.steps.count) steps")
        #expect(result.steps.allSatisfy { $0.outputs["error"] == nil })
    }

    @Test func aRunUnderTheCapIsUntouched() async throws {
        let result = try await runGraph(
            spin(max: 10), subgraphs: ["body": increment], options: options(RunLimits(steps: 40)))
        #expect(result.status == .succeeded)
        #expect(result.outputs["out"] == 10)
    }

    // MARK: value size

    @Test func anOutputOverTheValueLimitFailsItsNodeAndIsNotRecorded() async throws {
        let g = graph(
            [
                node("n", .input), node("big", .jq, ["jq": "[range(.)] | map(\"abcdefghij\") | join(\"\")"]),
                node("out", .output),
            ], ["n -> big", "big -> out"])
        let result = try await runGraph(g, inputs: ["n": 100], options: options(RunLimits(valueBytes: 500)))
        #expect(result.status == .failed)
        let step = try #require(result.step("big"))
        #expect(step.status == .failed)
        #expect(step.outputs.isEmpty, "the oversized value is not kept")
        #expect(
            step.error?.message == "output `value` of `big` is 1000 bytes, more than the value_bytes limit (500)",
            "\(String(describing: step.error))")
        #expect(step.error?.hint?.description.contains("value_bytes = 1000") == true)
        #expect(result.outputs.isEmpty)
    }

    @Test func nestedValuesAreMeasuredAsJSON() async throws {
        let g = graph(
            [node("n", .input), node("list", .jq, ["jq": "[range(.)]"]), node("out", .output)],
            ["n -> list", "list -> out"])
        // [0,1,…,99] is 290 bytes of JSON.
        let over = try await runGraph(g, inputs: ["n": 100], options: options(RunLimits(valueBytes: 280)))
        #expect(over.status == .failed)
        #expect(
            over.error?.message.contains("output `value` of `list` is more than the value_bytes limit (280 bytes)")
                == true, "\(String(describing: over.error))")
        let under = try await runGraph(g, inputs: ["n": 100], options: options(RunLimits(valueBytes: 300)))
        #expect(under.status == .succeeded)
    }

    @Test func aRunInputOverTheValueLimitStopsAtTheInputNode() async throws {
        let g = graph([node("text", .input), node("out", .output)], ["text -> out"])
        let result = try await runGraph(
            g, inputs: ["text": .string(String(repeating: "a", count: 2_000))],
            options: options(RunLimits(valueBytes: 1_000)))
        #expect(result.step("text")?.error?.message.contains("`text` is 2000 bytes") == true)
    }

    @Test func sizesAreMeasuredWithoutFormattingAndCloseToTheJSON() {
        let values: [JSONValue] = [
            ["a": [1, 2.5, "x\u{e9}", .null, true, false], "bb": ["c": -12345]], .array([]), .object([:]),
            .array((0..<300).map { .number(Double($0)) }),
        ]
        for value in values {
            let size = value.compactJSON.utf8.count
            #expect(!value.textSize(over: size), "\(value.compactJSON) is \(size) bytes")
            #expect(value.textSize(over: size - 4), "\(value.compactJSON) is \(size) bytes")
        }
    }

    /// A model (or a server posing as one) that streams forever: cut off at the limit while it
    /// streams. Before, the node waited for an answer that never ended.
    @Test(.timeLimit(.minutes(1))) func aModelStreamingWithoutEndIsCutOffAtTheValueLimit() async throws {
        let g = graph([node("ask", .llm, ["prompt": "talk"]), node("out", .output)], ["ask.text -> out"])
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await runGraph(g, models: EndlessModel(), options: options(RunLimits(valueBytes: 100_000)))
        print("endless stream cut off after \(clock.now - start)")
        #expect(result.status == .failed)
        let step = try #require(result.step("ask"))
        #expect(
            step.error?.message
                == "the answer of `ask` passed the value_bytes limit (100000 bytes) while streaming; the call was stopped",
            "\(String(describing: step.error))")
        #expect(step.error?.hint?.description.contains("value_bytes = 200000") == true)
    }

    // MARK: map items

    @Test func aMapOverTooManyItemsFailsBeforeRunningAny() async throws {
        let items = JSONValue.array((0..<1_001).map { .number(Double($0)) })
        let result = try await runGraph(
            mapOver(), inputs: ["xs": items], subgraphs: ["body": increment],
            options: options(RunLimits(mapItems: 1_000)))
        #expect(result.status == .failed)
        let step = try #require(result.step("each"))
        #expect(
            step.error?.message == "map `each` got 1001 items, more than the map_items limit (1000)",
            "\(String(describing: step.error))")
        #expect(step.error?.hint?.description.contains("map_items = 1001") == true)
        #expect(!result.steps.contains { $0.path.description.hasPrefix("each[") }, "no item ran")
    }

    /// A million items took minutes and a growing store before; now refused before fanning out.
    @Test func aMapOverAMillionItemsIsRefusedAtOnce() async throws {
        let items = JSONValue.array((0..<1_000_000).map { .number(Double($0)) })
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await runGraph(mapOver(), inputs: ["xs": items], subgraphs: ["body": increment])
        let elapsed = clock.now - start
        print("map over 1,000,000 items refused in \(elapsed)")
        #expect(result.status == .failed)
        #expect(
            result.error?.message.contains("got 1000000 items, more than the map_items limit (10000)") == true,
            "\(String(describing: result.error))")
        #expect(elapsed < .seconds(5))
    }

    // MARK: loop passes

    /// A graph that skipped validation (built in memory, or edited by `rerun --set`) still cannot
    /// run a billion passes: the loop refuses before its first pass.
    @Test func aLoopWithAHugeMaxIsRefusedAtRunTimeToo() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await runGraph(spin(max: 1_000_000_000), subgraphs: ["body": increment])
        let elapsed = clock.now - start
        print("loop with max 1000000000 refused at run time in \(elapsed)")
        #expect(result.status == .failed)
        let step = try #require(result.step("spin"))
        #expect(
            step.error?.message
                == "loop `spin` may run 1000000000 passes (`max`), more than the loop_passes limit (10000)",
            "\(String(describing: step.error))")
        #expect(!result.steps.contains { $0.path.description.hasPrefix("spin[") })
        #expect(elapsed < .seconds(5))
    }

    @Test func validationRefusesALoopMaxAboveTheLimitAtTheField() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pb-runlimits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(
            """
            patchbay: 1
            nodes:
              x: { kind: input }
              inc: { kind: jq, jq: '. + 1' }
              y: { kind: output }
            wires:
              - x -> inc
              - inc -> y

            """.utf8
        ).write(to: folder.appendingPathComponent("body.graph.yaml"))
        let root = folder.appendingPathComponent("loop.graph.yaml").path
        try Data(
            """
            patchbay: 1
            nodes:
              start: { kind: input, default: 0 }
              spin:
                kind: loop
                graph: body.graph.yaml
                until: 'false'
                max: 1000000000
                feedback: { y: x }
              out: { kind: output }
            wires:
              - start -> spin.x
              - spin.y -> out

            """.utf8
        ).write(to: URL(fileURLWithPath: root))
        let loader = GraphLoader()
        let document = try loader.load(root)
        let refused = GraphValidator.validate(document, loader: loader)
        let error = try #require(refused.first { $0.message.contains("loop_passes") }, "\(refused)")
        #expect(
            error.message
                == "`max` of loop `spin` is 1000000000, more than the loop_passes limit (10000): lower `max` or raise the limit"
        )
        #expect(error.location?.line == 8 && error.file == root, "\(error)")
        #expect(error.node == "spin")
        #expect(error.hint == .raiseLimit(name: "loop_passes", value: 100_000_000, isMost: true), "\(error)")
        // Raised explicitly, it validates; at or below the limit too.
        #expect(GraphValidator.validate(document, loader: loader, limits: RunLimits(loopPasses: 1_000_000_000)).isEmpty)
        #expect(
            GraphValidator.validate(document, loader: loader, limits: RunLimits(loopPasses: 999_999_999)).count == 1)
    }

    // MARK: settings

    @Test func limitSpecsAreCheckedByNameAndRange() throws {
        var limits = RunLimits()
        try limits.apply("steps=200000")
        try limits.apply("value_bytes=128MiB")
        try limits.apply("map_items = 20_000")
        #expect(limits == RunLimits(steps: 200_000, valueBytes: 128 << 20, mapItems: 20_000))
        func failure(_ spec: String) -> String {
            do {
                try limits.apply(spec)
                return "accepted"
            } catch { return error.description }
        }
        #expect(
            failure("step=5").contains("unknown limit `step`") && failure("step=5").contains("did you mean `steps`?"))
        #expect(failure("steps=0") == "`steps` must be between 1 and 1000000000, not 0")
        #expect(failure("steps=-5") == "`steps` must be between 1 and 1000000000, not -5")
        #expect(failure("loop_passes=1e9").contains("is not a whole number"))
        #expect(failure("map_items=99999999999999999999").contains("is not a whole number"))
        #expect(failure("value_bytes=99999999GiB").contains("must be between 1 and 2147483648"))
        #expect(failure("steps").contains("expected NAME=VALUE"))
        #expect(
            limits == RunLimits(steps: 200_000, valueBytes: 128 << 20, mapItems: 20_000),
            "a refused spec changes nothing")
    }
}

/// Streams "0123456789" until cancelled, the way a misbehaving server would.
struct EndlessModel: ModelProvider {
    func resolve(alias: String) throws -> ResolvedModel {
        ResolvedModel(alias: alias, provider: "endless", model: "endless")
    }

    func complete(_ request: ModelRequest, model: ResolvedModel, onToken: @escaping @Sendable (String) -> Void)
        async throws -> ModelResponse
    {
        while true {
            try Task.checkCancellation()
            onToken("0123456789")
            await Task.yield()
        }
    }
}
