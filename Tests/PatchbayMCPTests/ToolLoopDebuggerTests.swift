import Foundation
import PatchbayCore
import PatchbayProviders
import PatchbayTestSupport
import Testing

@testable import PatchbayMCP

/// The debugger in a tool loop: a breakpoint before one tool's calls pauses with the arguments
/// the model wrote, and the arguments handed back are the ones the real tool gets.
@Suite("tool loop under the debugger", .serialized)
struct ToolLoopDebuggerTests {
    static let graph = """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          agent:
            kind: llm
            model: fast
            prompt: "{{question}}"
            tools: [{ mcp: time/get_current_time }]
          calls: { kind: output }
        wires:
          - question -> agent.question
          - agent.tool_calls -> calls

        """

    @Test func editedArgumentsAreTheCallsArguments() async throws {
        let server = try await FaultServer.start(
            .init(turns: [
                .calls(
                    FaultServer.ToolCallScript(
                        id: "c1", name: "get_current_time", arguments: #"{"timezone": "Asia/Tokyo"}"#)),
                .answer("done"),
            ]))
        defer { Task { try await server.shutdown() } }
        let config = ModelConfig(
            providers: [
                "fault": ProviderSettings(name: "fault", kind: .openai, baseURL: server.baseURL, maxRetries: 0)
            ],
            aliases: ["fast": ModelAlias(alias: "fast", provider: "fault", model: "test-model")], prices: [:])
        let models = ProviderHub(config: config, environment: [:], local: nil)
        let tools = MCPServers.hub(try MCPServers.time())
        var environment = EngineEnvironment(models: models)
        environment.tools = tools
        let plan = try ExecutionPlan.build(try GraphCodec.decode(Self.graph, path: nil).graph, path: nil, resolver: nil)
        let debug = DebugSession(plan: plan, engine: Engine(environment: environment), resolver: nil)
        await debug.setBreakpoint(Breakpoint(node: "agent/turn/call:get_current_time"))

        let handle = try await debug.start(inputs: ["question": "time?"])
        var pauses: [Pause] = []
        for await event in handle.events {
            guard case .paused(let pause) = event else { continue }
            pauses.append(pause)
            try await debug.editPendingInputs(["arguments": ["timezone": "Europe/Paris"]])
            await debug.continue()
        }
        let result = await handle.result()
        await models.shutdown()

        #expect(pauses.map(\.path.description) == ["agent/turn[0]/call[0]:get_current_time"])
        #expect(pauses.first?.inputs == ["arguments": ["timezone": "Asia/Tokyo"]], "the model's arguments")
        let call = try #require(result.outputs["calls"]?.arrayValue?.first, "\(result)")
        #expect(call["arguments"] == ["timezone": "Europe/Paris"])
        #expect(call["result"]?["timezone"] == "Europe/Paris", "the tool ran with the edited arguments: \(call)")
        let sent = try #require(server.requests.last?.bodyString)
        #expect(sent.contains("Europe/Paris"), "the model is told the edited call's result")
    }
}
