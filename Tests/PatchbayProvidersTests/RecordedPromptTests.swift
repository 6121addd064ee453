import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

@testable import PatchbayProviders

/// A step records the prompt its back end got (`Step.prompt`), not the node's templates: for an
/// alias that calls tools by prompt, the tools and their instruction are in it.
@Suite("Recorded prompts")
struct RecordedPromptTests {
    /// q → agent (llm with the `shout` graph as a tool, through alias `fast`) → out.
    static let graph = PatchbayTestSupport.graph(
        [
            node("q", .input),
            node(
                "agent", .llm,
                ["model": "fast", "system": "Be brief.", "prompt": "Say {{q}}", "tools": [["graph": "shout"]]]),
            node("out", .output),
        ],
        ["q -> agent.q", "agent.text -> out"])

    func run(prompted: Bool) async throws -> (RunResult, FaultServer) {
        let server = try await FaultServer.start(.init(reply: #"{"answer": "HELLO"}"#))
        var config = ProviderHubFaultTests.hub(server).config
        if prompted { config.aliases["fast"]?.tools = .prompted }
        let hub = ProviderHub(config: config, environment: ["OPENAI_API_KEY": ProviderHubFaultTests.key], local: nil)
        let shout = try GraphCodec.decode(ToolFixtures.shout, path: "shout").graph
        let plan = try ExecutionPlan.build(
            Self.graph, path: "agent.graph.yaml", resolver: MemoryResolver(["shout": shout]))
        let result = try await Engine(environment: EngineEnvironment(models: hub, cache: nil))
            .run(plan, inputs: ["q": "hello"])
        await hub.shutdown()
        try await server.shutdown()
        return (result, server)
    }

    @Test("a prompted-tools alias: the node and its turn record the messages sent, tools and instruction in them")
    func promptedToolsInstructionsAreRecorded() async throws {
        let (result, server) = try await run(prompted: true)
        #expect(result.status == .succeeded, "\(String(describing: result.error))")
        let node = try #require(result.step("agent"))
        let turn = try #require(result.step("agent/turn[0]"))
        let messages = try #require(node.prompt?["messages"]?.arrayValue, "\(String(describing: node.prompt))")
        let system = try #require(messages.first?["content"]?.stringValue)
        #expect(system.hasPrefix("Be brief.\n\nYou can call these tools:\n- shout:"), "\(system)")
        #expect(system.contains(PromptedTools.instruction))
        #expect(messages.last?["content"]?.stringValue == "Say hello")
        #expect(turn.prompt == node.prompt, "the first turn's prompt is the node's")
        // What was recorded is what went over the wire.
        let body = try JSONValue(parsing: try #require(server.requests.first).bodyString)
        #expect(body["messages"]?.arrayValue?.map { $0["content"] } == messages.map { $0["content"] })
        // The turn's own inputs are the conversation before the protocol was added.
        #expect(turn.inputs["messages"]?.arrayValue?.first?["content"] == "Be brief.")
    }

    @Test("a native-tools alias: the recorded messages are the node's, with no protocol text")
    func nativeToolsRecordTheMessages() async throws {
        let (result, _) = try await run(prompted: false)
        let node = try #require(result.step("agent"))
        let messages = try #require(node.prompt?["messages"]?.arrayValue)
        #expect(messages.map { $0["content"]?.stringValue } == ["Be brief.", "Say hello"])
    }
}
