import Foundation
import PatchbayPresentation
import PatchbayTestSupport
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// A tool loop run in the headless workbench with the real engine: a scripted model asks for
/// a graph tool (`shout`, a jq upper-casing), a breakpoint stops before the call, and the
/// person edits the arguments (`e`) or supplies the result (`S`) before the model gets it.
@Suite(.serialized) struct ToolLoopWorkbenchTests {
    typealias F = AppFixtures

    static let graph = """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          agent:
            kind: llm
            prompt: "{{question}}"
            tools: [{ graph: shout.graph.yaml }]
            max_turns: 3
          answer: { kind: output, type: string }
        wires:
          - question -> agent.question
          - agent.text -> answer

        """

    static let shout = ToolFixtures.shout

    /// Calls `shout` with "hi there" first; then answers with what the tool said.
    static func model() -> ScriptedModelProvider {
        ScriptedModelProvider { request in
            if let told = request.messages.last(where: { $0.role == "tool" }) {
                return ModelResponse(text: "The tool said " + told.content)
            }
            return ModelResponse(
                text: "Let me shout.",
                toolCalls: [ToolCall(id: "call_1", name: "shout", arguments: ["text": "hi there"])])
        }
    }

    static func workbench(_ model: ScriptedModelProvider) async throws -> HeadlessWorkbench {
        let folder = try F.tempDirectory()
        let path = folder.appendingPathComponent("agent.graph.yaml").path
        try Data(graph.utf8).write(to: URL(fileURLWithPath: path))
        try Data(shout.utf8).write(to: folder.appendingPathComponent("shout.graph.yaml"))
        let document = try F.load(path)
        let setup = F.setup(
            document.graph, path: path, fingerprint: document.fingerprint,
            environment: EngineEnvironment(models: model))
        let workbench = HeadlessWorkbench(setup, width: 120, height: 40, now: F.now)
        await workbench.settle()
        return workbench
    }

    /// Sets the breakpoint before the agent's calls, runs, and waits for the pause there.
    static func runToTheCall(_ workbench: HeadlessWorkbench) async -> Bool {
        await workbench.send(.command("break agent/turn/call"))
        await workbench.press(.char("r"))
        await workbench.type("Say hi")
        await workbench.press(.enter)
        return await workbench.wait { RunReducer.pausedCall($0) != nil }
    }

    @Test func editedArgumentsReachTheToolAndTheConversationShowsThem() async throws {
        let model = Self.model()
        let workbench = try await Self.workbench(model)
        #expect(await Self.runToTheCall(workbench))
        let pause = try #require(workbench.state.run.pause)
        #expect(pause.path.description == "agent/turn[0]/call[0]:shout")
        #expect(workbench.state.editing.selection == "agent")
        #expect(workbench.state.run.statuses["agent"] == .paused)
        var screen = workbench.buffer.text
        #expect(screen.contains("▾ shout  call_1  ⏸"), "\(screen)")
        #expect(screen.contains("e arguments"), "the status line offers e:\n\(screen)")

        // Not JSON first: refused, and the next e opens the same text.
        let seen = Seen()
        workbench.externalEditor = { text in
            seen.texts.append(text)
            return seen.texts.count == 1 ? "{\"text\": " : "{\"text\": \"edited by hand\"}"
        }
        await workbench.press(.char("e"))
        #expect(workbench.state.message?.level == .error)
        #expect(workbench.state.run.argumentsDraft?.text == "{\"text\": ")
        await workbench.press(.char("e"))
        #expect(seen.texts == ["{\n  \"text\": \"hi there\"\n}\n", "{\"text\": "])
        #expect(workbench.state.run.argumentsDraft == nil)
        #expect(workbench.state.run.pause?.inputs["arguments"] == ["text": "edited by hand"])

        await workbench.press(.char("c"))
        #expect(await workbench.wait { !$0.run.active })
        #expect(workbench.state.run.result?.outputs["answer"] == "The tool said EDITED BY HAND")
        #expect(model.requests.last?.messages.last?.content == "EDITED BY HAND")
        // The finished node's conversation: the call with the arguments it ran with.
        screen = workbench.buffer.text
        #expect(screen.contains(#"▸ shout {"text":"edited by hand"} → EDITED BY HAND"#), "\(screen)")
        await workbench.send(.command("layout debug"))
        screen = workbench.buffer.text
        #expect(screen.contains("  agent/turn 0 "), "\(screen)")
        #expect(screen.contains("    agent/turn 0/call shout "), "\(screen)")
        #expect(screen.contains("call shout/upper "), "a graph tool's steps below the call:\n\(screen)")
        await workbench.shutdown()
    }

    @Test func aSuppliedResultSkipsTheCall() async throws {
        let model = Self.model()
        let workbench = try await Self.workbench(model)
        #expect(await Self.runToTheCall(workbench))
        await workbench.press(.char("S"))
        guard case .input(let line, .callResult)? = workbench.state.popups.stack.last else {
            Issue.record("S opens no line for the result: \(workbench.state.popups.stack)")
            return
        }
        #expect(line.input.text == "\"\"")
        // Not JSON: refused, the line stays open with the text.
        await workbench.press(.ctrl("u"))
        await workbench.type("half past two")
        await workbench.press(.enter)
        #expect(workbench.state.message?.level == .error)
        guard case .input(let kept, .callResult)? = workbench.state.popups.stack.last else {
            Issue.record("the line closed on text that is not JSON")
            return
        }
        #expect(kept.input.text == "half past two")
        await workbench.press(.ctrl("u"))
        await workbench.type("\"quiet\"")
        await workbench.press(.enter)
        #expect(await workbench.wait { !$0.run.active })
        #expect(workbench.state.run.result?.outputs["answer"] == "The tool said quiet")
        let screen = workbench.buffer.text
        #expect(screen.contains(#"▸ shout {"text":"hi there"} → (supplied) quiet"#), "\(screen)")
        // The tool never ran: no step of its jq node.
        #expect(!workbench.state.run.steps.contains { $0.path.description.hasSuffix("/upper") })
        await workbench.shutdown()
    }

    @Test func forkingFromATurnInTheTraceAsksTheModelFromThatTurnOnly() async throws {
        let model = Self.model()
        let workbench = try await Self.workbench(model)
        await workbench.press(.char("r"))
        await workbench.type("Say hi")
        await workbench.press(.enter)
        #expect(await workbench.wait { $0.run.history.count == 1 && !$0.run.active })
        #expect(model.calls == 2)
        await workbench.send(.command("layout debug"))
        await workbench.send(.view(.focus(2)))
        #expect(workbench.state.focus == .trace)
        let turn1 = try #require(workbench.state.run.steps.firstIndex { $0.path.description == "agent/turn[1]" })
        await workbench.send(.view(.scroll(.top)))
        for _ in 0..<turn1 { await workbench.press(.char("j")) }
        #expect(workbench.state.run.traceSelection == turn1)
        #expect(workbench.buffer.text.contains("Inspector: step agent/turn[1]"))
        await workbench.press(.char("f"))
        #expect(await workbench.wait { $0.run.history.count == 2 && !$0.run.active })
        #expect(model.calls == 3, "only turn 1 asks the model again")
        let steps = workbench.state.run.steps
        #expect(steps.first { $0.path.description == "agent/turn[0]" }?.status == .replayed)
        #expect(steps.first { $0.path.description == "agent/turn[1]" }?.status == .succeeded)
        #expect(workbench.state.run.result?.outputs["answer"] == "The tool said HI THERE")
        await workbench.shutdown()
    }

    @Test func breakOnlyTakesToolCallsOfLlmNodesWithTools() async throws {
        let workbench = try await Self.workbench(Self.model())
        await workbench.send(.command("break question/turn/call"))
        #expect(workbench.state.message?.level == .error && workbench.state.run.breakpoints.isEmpty)
        await workbench.send(.command("break agent/turn/call:shout"))
        #expect(workbench.state.run.breakpoints == ["agent/turn/call:shout"])
        #expect(workbench.buffer.text.contains("◉─────────┐"), "the node is marked:\n\(workbench.buffer.text)")
        await workbench.send(.command("break agent/turn/call:shout"))
        #expect(workbench.state.run.breakpoints.isEmpty)
        // Not paused before a call: e and S say so and do nothing.
        await workbench.press(.char("e"))
        #expect(workbench.state.message?.level == .warning)
        await workbench.press(.char("S"))
        #expect(workbench.state.message?.level == .warning && workbench.state.popups.stack.isEmpty)
        await workbench.shutdown()
    }

    private final class Seen: @unchecked Sendable {
        var texts: [String] = []
    }
}
