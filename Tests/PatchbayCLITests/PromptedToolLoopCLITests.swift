import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// The tool loop over the prompted protocol end to end: the fault server plays a llama.cpp
/// server (raw completions, `constrain = "llama.cpp"`, so tools are prompted by default) whose
/// replies are the protocol's JSON; mcp-server-time is the tool.
@Suite("llm tool loop over the prompted protocol", .serialized)
struct PromptedToolLoopCLITests {
    @Test("a prompted call runs the real tool, its result is in the next prompt, and the answer is the node's text")
    func callThenAnswer() async throws {
        let server = try await FaultServer.start(
            .init(turns: [
                .answer(#"{"tool": "get_current_time", "arguments": {"timezone": "Asia/Tokyo"}}"#),
                .answer(#"{"answer": "Late evening."}"#),
            ]))
        defer { Task { try await server.shutdown() } }
        let config = """
            [providers.fault]
            type = "openai"
            base_url = "\(server.baseURL)"
            api_key_env = "FAULT_API_KEY"
            max_retries = 0
            raw_completions = true
            constrain = "llama.cpp"

            [models]
            default = "fault:test-model"

            """ + MCPRunCLITests.config(try MCPRunCLITests.timeServer())
        let project = try FaultProject.make(server, toml: config, graph: ToolLoopCLITests.graph)
        let (r, result) = try await ToolLoopCLITests.run(project)
        #expect(r.status == 0, "\(r)")
        #expect(result["outputs"]?["answer"] == "Late evening.", "\(r)")
        let call = try #require(result["outputs"]?["calls"]?.arrayValue?.first, "\(r)")
        #expect(call["id"] == "call_1" && call["name"] == "get_current_time" && call["is_error"] == false, "\(call)")
        #expect(call["result"]?["timezone"] == "Asia/Tokyo", "\(call)")

        let calls = server.modelCalls
        #expect(calls.count == 2 && calls.allSatisfy { $0.path == "/v1/completions" }, "\(calls.map(\.path))")
        let first = try JSONValue(parsing: try #require(calls.first).bodyString)
        #expect(first["tools"] == nil, "no native tools")
        let names = first["json_schema"]?["anyOf"]?.arrayValue?.compactMap { $0["properties"]?["tool"]?["enum"] }
        #expect(
            names == [["get_current_time"], ["convert_time"]] || names == [["convert_time"], ["get_current_time"]])
        let prompt = try #require(first["prompt"]?.stringValue)
        #expect(
            prompt.contains("- get_current_time: ") && prompt.hasSuffix("User: What time is it in Tokyo?\nAssistant:"))
        let second = try #require(JSONValue(parsing: calls[1].bodyString)["prompt"]?.stringValue)
        #expect(
            second.contains(
                #"Assistant: {"tool": "get_current_time", "arguments": {"timezone":"Asia/Tokyo"}}"# + "\nResult: {"),
            "\(second)")
        #expect(second.hasSuffix("\nAssistant:") && second.contains("Asia/Tokyo"))

        let paths = (result["steps"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
        for path in ["agent/turn[0]", "agent/turn[0]/call[0]:get_current_time", "agent/turn[1]", "agent"] {
            #expect(paths.contains(path), "\(path) in \(paths)")
        }
    }
}
