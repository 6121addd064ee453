import Foundation
import PatchbayTestSupport
import Testing

@testable import PatchbayCore

@Suite struct RunnerTests {
    @Test func chainOfJqNodesComputesInOrder() async throws {
        var nodes = [node("v", .input, ["type": "integer"])]
        var wires: [String] = []
        for i in 0..<5 {
            nodes.append(node("n\(i)", .jq, ["jq": ". + 1"]))
            wires.append("\(i == 0 ? "v" : "n\(i - 1)") -> n\(i)")
        }
        nodes.append(node("out", .output))
        wires.append("n4 -> out")
        let result = try await runGraph(graph(nodes, wires), inputs: ["v": 10])
        #expect(result.status == .succeeded)
        #expect(result.outputs["out"] == 15)
        #expect(result.steps.map(\.path.description) == ["v", "n0", "n1", "n2", "n3", "n4", "out"])
    }

    @Test func independentBranchesRunConcurrentlyWithinTheBound() async throws {
        let g = graph(
            [
                node("q", .input), node("a", .llm, ["prompt": "a {{q}}"]), node("b", .llm, ["prompt": "b {{q}}"]),
                node("c", .llm, ["prompt": "c {{q}}"]), node("out", .merge, ["mode": "all"]), node("r", .output),
            ],
            [
                "q -> a.q", "q -> b.q", "q -> c.q", "a.text -> out.values", "b.text -> out.values",
                "c.text -> out.values", "out -> r",
            ])
        let wide = ScriptedModelProvider.echo(delay: .milliseconds(50))
        let result = try await runGraph(g, inputs: ["q": "x"], models: wide)
        #expect(wide.maxInFlight == 3)
        #expect(result.outputs["r"] == ["A X", "B X", "C X"])  // wire order, not finish order

        let narrow = ScriptedModelProvider.echo(delay: .milliseconds(10))
        var options = RunOptions()
        options.maxConcurrency = 1
        _ = try await runGraph(g, inputs: ["q": "x"], models: narrow, options: options)
        #expect(narrow.maxInFlight == 1)
    }

    @Test func switchSkipsTheBranchesItDidNotTakeAndSaysWhy() async throws {
        let g = graph(
            [
                node("label", .input),
                node(
                    "route", .switch,
                    [
                        "cases": [
                            ["port": "pos", "when": ". == \"positive\""], ["port": "neg", "when": ". == \"negative\""],
                        ]
                    ]),
                node("yay", .template, ["template": "good: {{v}}"]), node("nay", .template, ["template": "bad: {{v}}"]),
                node("answer", .merge), node("out", .output), node("after_nay", .jq, ["jq": "."]),
            ],
            [
                "label -> route", "route.pos -> yay.v", "route.neg -> nay.v", "yay -> answer.values",
                "nay -> answer.values", "answer -> out", "nay -> after_nay",
            ])
        let result = try await runGraph(g, inputs: ["label": "positive"])
        #expect(result.outputs["out"] == "good: positive")
        let nay = try #require(result.step("nay"))
        #expect(nay.status == .skipped)
        #expect(nay.skipReason == "`route.neg` was not emitted")
        #expect(result.step("after_nay")?.skipReason == "`nay` was skipped")
        #expect(result.status == .succeeded)

        let other = try await runGraph(g, inputs: ["label": "meh"])
        #expect(other.step("answer")?.status == .skipped)
        #expect(other.step("answer")?.skipReason == "no value reached `answer.values`")
    }

    @Test func aFailureStopsOnlyWhatDependsOnIt() async throws {
        let g = graph(
            [
                node("x", .input), node("bad", .jq, ["jq": "error(\"boom\")"]), node("after", .jq, ["jq": "."]),
                node("good", .jq, ["jq": ". * 2"]), node("o1", .output), node("o2", .output),
            ],
            ["x -> bad", "bad -> after", "after -> o1", "x -> good", "good -> o2"])
        let result = try await runGraph(g, inputs: ["x": 2])
        #expect(result.status == .failed)
        #expect(result.outputs == ["o2": 4])
        #expect(result.step("bad")?.error?.message.contains("boom") == true)
        #expect(result.step("after")?.skipReason == "`bad` failed")
        #expect(result.error?.message.contains("`bad` failed") == true)
    }

    @Test func routedErrorsFlowToTheErrorPortAndTheRunSucceeds() async throws {
        let g = graph(
            [
                node("x", .input), node("bad", .jq, ["jq": "error(\"boom\")", "on_error": "route"]),
                node("handled", .jq, ["jq": ".message"]), node("out", .output),
            ],
            ["x -> bad", "bad.error -> handled", "handled -> out"])
        let result = try await runGraph(g, inputs: ["x": 1])
        #expect(result.status == .succeeded)
        #expect(result.outputs["out"]?.stringValue?.contains("boom") == true)
        #expect(result.step("bad")?.status == .failed)
    }

    @Test func retryPolicyRetriesWithBackoffUntilItSucceeds() async throws {
        let flaky = ScriptedModelProvider(failFirst: 2) { _ in "ok" }
        let g = graph(
            [
                node("ask", .llm, ["prompt": "hi", "on_error": "retry", "retries": 3, "backoff": 0.01]),
                node("out", .output),
            ],
            ["ask.text -> out"])
        let result = try await runGraph(g, models: flaky)
        #expect(result.outputs["out"] == "ok")
        #expect(result.step("ask")?.attempts == 3)
        #expect(flaky.calls == 3)

        let hopeless = ScriptedModelProvider(failFirst: 10) { _ in "ok" }
        let failed = try await runGraph(g, models: hopeless)
        #expect(failed.status == .failed)
        #expect(hopeless.calls == 4)
    }

    @Test func missingInputsAreNamedWithTheirDescriptions() async throws {
        let g = graph(
            [
                node("article", .input, ["type": "string", "description": "The text to summarize"]),
                node("out", .output),
            ], ["article -> out"])
        await #expect {
            _ = try await runGraph(g)
        } throws: { error in
            "\(error)".contains("missing input `article` (The text to summarize)")
        }
        await #expect(throws: RunInputError.self) { _ = try await runGraph(g, inputs: ["article": 3]) }
    }

    @Test func eventsArriveInOrderWithTokenDeltas() async throws {
        let g = graph(
            [node("q", .input), node("ask", .llm, ["prompt": "say {{q}}"]), node("out", .output)],
            ["q -> ask.q", "ask.text -> out"])
        let plan = try ExecutionPlan.build(g, path: nil, resolver: nil)
        let engine = Engine(environment: EngineEnvironment(models: ScriptedModelProvider.echo()))
        let handle = try engine.start(plan, inputs: ["q": "hello world"])
        var kinds: [String] = []
        var tokens = ""
        for await event in handle.events {
            switch event {
            case .runStarted(_, let plan):
                kinds.append("start")
                #expect(plan == ["q", "ask", "out"])
            case .nodeStarted(let path, _): kinds.append("started:\(path)")
            case .tokenDelta(_, let text): tokens += text
            case .nodeFinished(let step): kinds.append("finished:\(step.path)")
            case .runFinished(let result): kinds.append("end:\(result.status)")
            default: break
            }
        }
        #expect(
            kinds == [
                "start", "started:q", "finished:q", "started:ask", "finished:ask", "started:out", "finished:out",
                "end:succeeded",
            ])
        #expect(tokens.trimmingCharacters(in: .whitespaces) == "SAY HELLO WORLD")
    }

    @Test func cancellingTheRunStopsItsModelCalls() async throws {
        let slow = ScriptedModelProvider.echo(delay: .seconds(30))
        let g = graph([node("ask", .llm, ["prompt": "hi"]), node("out", .output)], ["ask.text -> out"])
        let plan = try ExecutionPlan.build(g, path: nil, resolver: nil)
        let handle = try Engine(environment: EngineEnvironment(models: slow)).start(plan, inputs: [:])
        while handle.runningNodes.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        let clock = ContinuousClock.now
        handle.cancel()
        let result = await handle.result()
        #expect(ContinuousClock.now - clock < .seconds(5))
        #expect(result.status == .cancelled)
        #expect(result.step("ask")?.status == .cancelled)
    }

    @Test func cancellingOneNodeLetsTheRestFinish() async throws {
        let slow = ScriptedModelProvider.echo(delay: .seconds(30))
        let g = graph(
            [
                node("stuck", .llm, ["prompt": "slow"]), node("o1", .output), node("fast", .jq, ["jq": "1"]),
                node("x", .input), node("o2", .output),
            ],
            ["stuck.text -> o1", "x -> fast", "fast -> o2"])
        let plan = try ExecutionPlan.build(g, path: nil, resolver: nil)
        let handle = try Engine(environment: EngineEnvironment(models: slow)).start(plan, inputs: ["x": 0])
        while handle.runningNodes.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        #expect(handle.cancel(node: StepPath(node: "stuck")))
        let result = await handle.result()
        #expect(result.step("stuck")?.status == .cancelled)
        #expect(result.step("o1")?.status == .skipped)
        #expect(result.outputs == ["o2": 1])
        #expect(result.status == .failed)
    }
}
