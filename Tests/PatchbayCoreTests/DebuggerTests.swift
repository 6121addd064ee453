import PatchbayTestSupport
import Testing

@testable import PatchbayCore

/// Drives a DebugSession the way the TUI and the stepper do: through its controls, watching events.
@Suite struct DebuggerTests {
    /// q -> a (llm) -> b (llm) -> out
    let chain = graph(
        [
            node("q", .input), node("a", .llm, ["prompt": "a {{q}}"]), node("b", .llm, ["prompt": "b {{x}}"]),
            node("out", .output),
        ],
        ["q -> a.q", "a.text -> b.x", "b.text -> out"])

    func session(_ g: Graph, model: ScriptedModelProvider = .echo()) throws -> DebugSession {
        let plan = try ExecutionPlan.build(g, path: nil, resolver: nil)
        return DebugSession(plan: plan, engine: Engine(environment: EngineEnvironment(models: model)), resolver: nil)
    }

    /// Waits for the next pause (or the end) of a run.
    func nextPause(_ events: inout RunEvents.AsyncIterator) async -> Pause? {
        while let event = await events.next() {
            if case .paused(let pause) = event { return pause }
            if case .runFinished = event { return nil }
        }
        return nil
    }

    @Test func stepStopsBeforeEveryNodeShowingThePlan() async throws {
        let debug = try session(chain)
        let handle = try await debug.start(inputs: ["q": "x"], stepping: true)
        var events = handle.events.makeAsyncIterator()
        var stops: [String] = []
        while let pause = await nextPause(&events) {
            stops.append(pause.path.description)
            if stops.count == 1 { #expect(pause.next == ["q", "a", "b", "out"]) }
            if pause.path.node == "b" {
                #expect(pause.next == ["b", "out"])
                #expect(pause.inputs == ["x": "A X"])
            }
            await debug.step()
        }
        #expect(stops == ["q", "a", "b", "out"])
        #expect(await handle.result().outputs["out"] == "B A X")
    }

    @Test func breakpointsBeforeAndAfterAndOneShot() async throws {
        let debug = try session(chain)
        await debug.setBreakpoint(Breakpoint(node: "b"))
        await debug.setBreakpoint(Breakpoint(node: "a", position: .after, oneShot: true))
        for round in 0..<2 {
            let handle = try await debug.start(inputs: ["q": "x"])
            var events = handle.events.makeAsyncIterator()
            var stops: [String] = []
            while let pause = await nextPause(&events) {
                stops.append("\(pause.position.rawValue) \(pause.path)")
                if pause.position == .after { #expect(pause.step?.outputs["text"] == "A X") }
                await debug.continue()
            }
            _ = await handle.result()
            #expect(stops == (round == 0 ? ["after a", "before b"] : ["before b"]))
            while await debug.current != nil { try await Task.sleep(for: .milliseconds(1)) }
        }
        #expect(await debug.toggleBreakpoint(node: "b") == false)
        #expect(await debug.breakpoints.isEmpty)
    }

    @Test func runToNodeAndPauseRequest() async throws {
        let debug = try session(chain)
        let handle = try await debug.start(inputs: ["q": "x"], stepping: true)
        var events = handle.events.makeAsyncIterator()
        #expect(await nextPause(&events)?.path.node == "q")
        await debug.run(to: "out")
        let pause = await nextPause(&events)
        #expect(pause?.path.node == "out")
        #expect(pause?.reason == .runToNode)
        await debug.requestPause()
        await debug.continue()
        #expect(await nextPause(&events) == nil)
        #expect(await handle.result().status == .succeeded)
    }

    @Test func editingAPausedNodesInputsChangesWhatItRunsWith() async throws {
        let debug = try session(chain)
        await debug.setBreakpoint(Breakpoint(node: "b"))
        let handle = try await debug.start(inputs: ["q": "x"])
        var events = handle.events.makeAsyncIterator()
        _ = await nextPause(&events)
        try await debug.editPendingInputs(["x": "edited"])
        await debug.continue()
        #expect(await handle.result().outputs["out"] == "B EDITED")
    }

    @Test func cancelWhilePausedEndsTheRun() async throws {
        let debug = try session(chain)
        let handle = try await debug.start(inputs: ["q": "x"], stepping: true)
        var events = handle.events.makeAsyncIterator()
        _ = await nextPause(&events)
        await debug.cancel()
        #expect(await handle.result().status == .cancelled)
    }

    @Test func rerunFromANodeExecutesItAndDownstreamOnly() async throws {
        let model = ScriptedModelProvider.echo()
        let debug = try session(chain, model: model)
        _ = try await debug.start(inputs: ["q": "x"]).result()
        #expect(model.calls == 2)
        let again = try await debug.rerun(from: "b").result()
        #expect(model.calls == 3)
        #expect(again.step("a")?.status == .cached)
        #expect(again.step("b")?.status == .succeeded)
    }

    @Test func editConfigThenRunReExecutesOnlyWhatChanged() async throws {
        let model = ScriptedModelProvider.echo()
        let debug = try session(chain, model: model)
        _ = try await debug.start(inputs: ["q": "x"]).result()
        try await debug.editConfig(node: "b", field: "prompt", value: "B2 {{x}}")
        let again = try await debug.start(inputs: ["q": "x"]).result()
        #expect(again.outputs["out"] == "B2 A X")
        #expect(model.calls == 3)
        #expect(again.step("a")?.status == .cached)
    }

    @Test func rerunOneStepWithItsRecordedInputs() async throws {
        let counter = Counter()
        let model = ScriptedModelProvider { _ in "roll \(counter.take(below: 100)!)" }
        let debug = try session(
            graph([node("ask", .llm, ["prompt": "hi"]), node("out", .output)], ["ask.text -> out"]), model: model)
        let first = try await debug.start(inputs: [:]).result()
        let step = try #require(first.step("ask"))
        let fresh = try await debug.rerun(step: step)
        #expect(fresh.status == .succeeded)
        #expect(fresh.inputs == step.inputs)
        #expect(fresh.outputs["text"] != step.outputs["text"])
        #expect(model.calls == 2)
    }

    @Test func replayMakesNoModelCallsAndForkReExecutesFromTheStep() async throws {
        let model = ScriptedModelProvider.echo()
        let plan = try ExecutionPlan.build(chain, path: nil, resolver: nil)
        // No cache, so only replay can avoid the calls.
        let debug = DebugSession(
            plan: plan, engine: Engine(environment: EngineEnvironment(models: model, cache: nil)), resolver: nil)
        let original = try await debug.start(inputs: ["q": "x"]).result()
        #expect(model.calls == 2)

        let replayed = try await debug.replay(original).result()
        #expect(model.calls == 2)
        #expect(replayed.outputs == original.outputs)
        #expect(replayed.steps.allSatisfy { $0.status == .replayed })

        let forked = try await debug.fork(original, at: StepPath(node: "b")).result()
        #expect(model.calls == 3)
        #expect(forked.step("a")?.status == .replayed)
        #expect(forked.step("b")?.status == .succeeded)
        #expect(forked.outputs == original.outputs)
    }
}

@Suite struct ConcurrentPauseTests {
    @Test func breakpointsHitByConcurrentMapItemsAreResumedOneByOne() async throws {
        let body = graph(
            [node("item", .input), node("double", .jq, ["jq": ". * 2"]), node("r", .output)],
            ["item -> double", "double -> r"])
        let top = graph(
            [node("xs", .input), node("each", .map, ["graph": "body", "concurrency": 2]), node("out", .output)],
            ["xs -> each.items", "each.results -> out"])
        let plan = try ExecutionPlan.build(top, path: "top", resolver: MemoryResolver(["body": body]))
        let debug = DebugSession(plan: plan, engine: Engine(), resolver: MemoryResolver(["body": body]))
        await debug.setBreakpoint(Breakpoint(node: "each/double"))
        let handle = try await debug.start(inputs: ["xs": [1, 2, 3, 4]])
        var stops: Set<String> = []
        for await event in handle.events {
            if case .paused(let pause) = event {
                stops.insert(pause.path.description)
                await debug.continue()
            }
        }
        #expect(stops == ["each[0]/double", "each[1]/double", "each[2]/double", "each[3]/double"])
        #expect(await handle.result().outputs["out"] == [2, 4, 6, 8])
    }
}
