import Foundation
import PatchbayCore
import PatchbayTestSupport
import Synchronization
import Testing

/// A tool loop's turns and calls outside a plain run: replayed from a recorded run (no model,
/// no tool), reused by a fork at a turn or a call, cached per turn (calls never), and steered by
/// the debugger (a result supplied by hand, an after-breakpoint on a call).
@Suite("tool loop: replay, fork, cache, supplied results")
struct ToolLoopRecordedTests {
    /// Offers `add(a, b)` on server `math` and counts its calls. With `drift`, each answer also
    /// carries the call's number, as a tool that reads the world would change.
    final class AddTools: ToolProvider {
        let drift: Bool
        let made = Mutex(0)

        init(drift: Bool = false) { self.drift = drift }

        var serverNames: Set<String> { ["math"] }
        var calls: Int { made.withLock { $0 } }

        func tools(on server: String, for use: ToolUse) async throws -> [ToolSpec] {
            [ToolSpec(name: "add", description: "Adds two integers.", parameters: ["type": "object"])]
        }

        func call(_ tool: String, on server: String, arguments: JSONValue, for use: ToolUse) async throws
            -> ToolResult
        {
            let number = made.withLock {
                $0 += 1
                return $0
            }
            let sum = (arguments["a"]?.intValue ?? 0) + (arguments["b"]?.intValue ?? 0)
            return ToolResult(text: drift ? "\(sum) (call \(number))" : "\(sum)")
        }

        func endRun(_ runID: String) async {}
    }

    /// Asks for `add(n, 1)` while fewer than two results are in the conversation, then answers
    /// with the last result.
    static func model() -> ScriptedModelProvider {
        ScriptedModelProvider { request in
            let results = request.messages.filter { $0.role == "tool" }
            guard results.count < 2 else { return ModelResponse(text: "done: \(results.last!.content)") }
            let n = results.count
            return ModelResponse(
                text: "", usage: TokenUsage(inputTokens: 10, outputTokens: 3),
                toolCalls: [ToolCall(id: "c\(n)", name: "add", arguments: ["a": .number(Double(n)), "b": 1])])
        }
    }

    static let plan: ExecutionPlan = {
        let agent = node("agent", .llm, ["prompt": "{{question}}", "tools": [["mcp": "math"]]])
        return try! ExecutionPlan.build(
            graph(
                [node("question", .input), agent, node("answer", .output), node("calls", .output)],
                ["question -> agent.question", "agent.text -> answer", "agent.tool_calls -> calls"]),
            path: nil, resolver: nil)
    }()

    struct Setup {
        let model = ToolLoopRecordedTests.model()
        let tools: AddTools
        let engine: Engine

        init(drift: Bool = false, cache: (any StepCache)? = MemoryStepCache()) {
            tools = AddTools(drift: drift)
            engine = Engine(environment: EngineEnvironment(models: model, cache: cache, tools: tools))
        }

        func run(_ options: RunOptions = RunOptions()) async throws -> RunResult {
            try await engine.run(ToolLoopRecordedTests.plan, inputs: ["question": "1+1?"], options: options)
        }
    }

    static func statuses(_ result: RunResult) -> [String: Step.Status] {
        Dictionary(result.steps.map { ($0.path.description, $0.status) }) { _, last in last }
    }

    @Test func aReplayGoesThroughTurnsAndCallsAndRunsNothing() async throws {
        let setup = Setup(cache: nil)
        let first = try await setup.run()
        #expect(first.status == .succeeded && setup.model.calls == 3 && setup.tools.calls == 2, "\(first)")

        let replay = try await setup.run(.replaying(first))
        #expect(setup.model.calls == 3, "no model turn in a replay")
        #expect(setup.tools.calls == 2, "no tool call in a replay")
        #expect(replay.outputs == first.outputs)
        let statuses = Self.statuses(replay)
        for path in [
            "agent/turn[0]", "agent/turn[0]/call[0]:add", "agent/turn[1]/call[0]:add", "agent/turn[2]", "agent",
        ] {
            #expect(statuses[path] == .replayed, "\(path): \(statuses)")
        }
    }

    @Test func aForkAtATurnReusesTheTurnsBeforeIt() async throws {
        let setup = Setup(cache: nil)
        let first = try await setup.run()
        let fork = try await setup.run(.forking(first, at: StepPath(parsing: "agent/turn[1]"), plan: Self.plan))
        #expect(fork.status == .succeeded)
        #expect(setup.model.calls == 3 + 2, "turns 1 and 2 ask the model again")
        #expect(setup.tools.calls == 2 + 1, "turn 1's call runs again; turn 0's is reused")
        let statuses = Self.statuses(fork)
        #expect(statuses["agent/turn[0]"] == .replayed && statuses["agent/turn[0]/call[0]:add"] == .replayed)
        #expect(statuses["agent/turn[1]"] == .succeeded && statuses["agent/turn[1]/call[0]:add"] == .succeeded)
        #expect(statuses["agent"] == .succeeded)
    }

    @Test func aForkAtACallKeepsItsTurnsAnswerAndRunsItsCallsAgain() async throws {
        let setup = Setup(cache: nil)
        let first = try await setup.run()
        let at = StepPath(parsing: "agent/turn[1]/call[0]:add")
        let fork = try await setup.run(.forking(first, at: at, plan: Self.plan))
        #expect(setup.model.calls == 3 + 1, "only the last turn asks the model")
        #expect(setup.tools.calls == 2 + 1)
        let statuses = Self.statuses(fork)
        #expect(statuses["agent/turn[1]"] == .replayed && statuses[at.description] == .succeeded)
    }

    @Test func turnsAreCachedByTheirConversationAndCallsNeverAre() async throws {
        let setup = Setup()
        _ = try await setup.run()
        let again = try await setup.run()
        #expect(setup.model.calls == 3, "every turn of the second run comes from the cache")
        #expect(setup.tools.calls == 4, "calls run again: a tool may read the world")
        let statuses = Self.statuses(again)
        #expect(statuses["agent/turn[0]"] == .cached && statuses["agent/turn[2]"] == .cached)
        #expect(statuses["agent/turn[0]/call[0]:add"] == .succeeded)
        #expect(again.steps.first { $0.path.description == "agent/turn[1]" }?.cacheKey != nil)

        let forced = try await setup.run(.forking(again, at: StepPath(node: "agent"), plan: Self.plan))
        #expect(setup.model.calls == 6 && forced.status == .succeeded, "a re-run of the node skips the cache")
    }

    @Test func aTurnAfterAChangedToolResultMissesTheCache() async throws {
        let setup = Setup(drift: true)
        _ = try await setup.run()
        let again = try await setup.run()
        let statuses = Self.statuses(again)
        #expect(statuses["agent/turn[0]"] == .cached, "the prompt alone is unchanged")
        #expect(statuses["agent/turn[1]"] == .succeeded, "the tool said something else this time")
        #expect(setup.model.calls == 3 + 2)
    }

    @Test func eachTurnStreamsItsTokensUnderItsOwnPath() async throws {
        let setup = Setup(cache: nil)
        let handle = try setup.engine.start(Self.plan, inputs: ["question": "1+1?"])
        var streamed: [String: String] = [:]
        for await event in handle.events {
            if case .tokenDelta(let path, let text) = event { streamed[path.description, default: ""] += text }
        }
        let worded = streamed.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(worded.keys.sorted() == ["agent/turn[2]"], "only the answering turn had words: \(streamed)")
        #expect(streamed["agent/turn[2]"]?.contains("done: 2") == true)
    }

    @Test func aSuppliedResultSkipsTheCallAndReachesTheModel() async throws {
        let setup = Setup(cache: nil)
        let debug = DebugSession(plan: Self.plan, engine: setup.engine, resolver: nil)
        await debug.setBreakpoint(Breakpoint(node: "agent/turn/call:add"))
        let handle = try await debug.start(inputs: ["question": "1+1?"])
        var pauses = 0
        for await event in handle.events {
            guard case .paused = event else { continue }
            pauses += 1
            if pauses == 1 { try await debug.supplyResult("forty-two") } else { await debug.continue() }
        }
        let result = await handle.result()
        #expect(pauses == 2 && result.status == .succeeded, "\(result)")
        #expect(setup.tools.calls == 1, "the first call was skipped")
        let supplied = try #require(result.steps.first { $0.path.description == "agent/turn[0]/call[0]:add" })
        #expect(supplied.outputs["result"] == "forty-two" && supplied.outputs["supplied"] == true)
        let second = try #require(setup.model.requests.dropFirst().first)
        #expect(second.messages.last?.content == "forty-two", "the model is told the supplied result")
    }

    @Test func onlyAToolCallsResultCanBeSupplied() async throws {
        let setup = Setup(cache: nil)
        let debug = DebugSession(plan: Self.plan, engine: setup.engine, resolver: nil)
        await debug.setBreakpoint(Breakpoint(node: "agent"))
        let handle = try await debug.start(inputs: ["question": "1+1?"])
        var refused = false
        for await event in handle.events {
            guard case .paused = event else { continue }
            await #expect(throws: DebugError.self) { try await debug.supplyResult("x") }
            refused = true
            await debug.continue()
        }
        let result = await handle.result()
        #expect(refused && result.status == .succeeded)
    }

    @Test func anAfterBreakpointOnACallStopsWithItsStep() async throws {
        let setup = Setup(cache: nil)
        let debug = DebugSession(plan: Self.plan, engine: setup.engine, resolver: nil)
        await debug.setBreakpoint(Breakpoint(node: "agent/turn/call:add", position: .after))
        let handle = try await debug.start(inputs: ["question": "1+1?"])
        var seen: [String] = []
        for await event in handle.events {
            guard case .paused(let pause) = event else { continue }
            #expect(pause.position == .after)
            seen.append(pause.step?.outputs["text"]?.stringValue ?? "-")
            await debug.continue()
        }
        #expect(seen == ["1", "2"], "after each call, with its result")
    }
}
