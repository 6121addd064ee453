import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// An llm node with `tools:` end to end: the fault server plays the model (scripted turns of
/// tool calls in OpenAI's streamed dialect), mcp-server-time from PyPI is the tool.
@Suite("llm tool loop from the command line", .serialized)
struct ToolLoopCLITests {
    static let graph = """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          agent:
            kind: llm
            prompt: "{{question}}"
            tools: [{ mcp: time }]
            max_turns: 3
          answer: { kind: output, type: string }
          calls: { kind: output }
        wires:
          - question -> agent.question
          - agent.text -> answer
          - agent.tool_calls -> calls

        """

    static func project(_ server: FaultServer) throws -> FaultProject {
        let config =
            FaultProject.providerTable(server) + "\n[models]\ndefault = \"fault:test-model\"\n\n"
            + MCPRunCLITests.config(try MCPRunCLITests.timeServer())
        return try FaultProject.make(server, toml: config, graph: graph)
    }

    static func run(_ project: FaultProject) async throws -> (CLIResult, JSONValue) {
        let r = try await project.run(
            ["run", project.graph, "--input", "question=What time is it in Tokyo?", "--trust", "--json", "--no-store"],
            environment: ["FAULT_API_KEY": "k"])
        return (r, (try? JSONValue(parsing: r.stdout)) ?? .null)
    }

    static func getTime(_ id: String, _ arguments: String) -> FaultServer.ToolCallScript {
        FaultServer.ToolCallScript(id: id, name: "get_current_time", arguments: arguments)
    }

    @Test("the model calls a real MCP tool, gets its result and answers; every turn and call is a step")
    func callThenAnswer() async throws {
        let server = try await FaultServer.start(
            .init(turns: [.calls(Self.getTime("call_1", #"{"timezone": "Asia/Tokyo"}"#)), .answer("Late evening.")]))
        defer { Task { try await server.shutdown() } }
        let (r, result) = try await Self.run(try Self.project(server))
        #expect(r.status == 0, "\(r)")
        #expect(result["outputs"]?["answer"] == "Late evening.", "\(r)")
        let call = try #require(result["outputs"]?["calls"]?.arrayValue?.first, "\(r)")
        #expect(call["name"] == "get_current_time" && call["is_error"] == false, "\(call)")
        #expect(call["result"]?["timezone"] == "Asia/Tokyo", "the tool's structured content: \(call)")

        #expect(server.requestCount == 2, "one request per turn")
        let first = try #require(server.requests.first?.json())
        let tools = (first["tools"] as? [[String: Any]])?.compactMap { ($0["function"] as? [String: Any])?["name"] }
        #expect((tools as? [String])?.contains("get_current_time") == true, "the server's tools are offered")
        let messages = try #require(server.requests.last?.json()?["messages"] as? [[String: Any]])
        let toolMessage = try #require(messages.first { $0["role"] as? String == "tool" })
        #expect(toolMessage["tool_call_id"] as? String == "call_1")
        #expect((toolMessage["content"] as? String)?.contains("Asia/Tokyo") == true, "\(toolMessage)")

        let paths = (result["steps"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
        for path in ["agent/turn[0]", "agent/turn[0]/call[0]:get_current_time", "agent/turn[1]", "agent"] {
            #expect(paths.contains(path), "\(path) in \(paths)")
        }
    }

    @Test("a made-up tool and arguments that are not JSON are answered to the model, which goes on")
    func badCallsAreAnswered() async throws {
        let server = try await FaultServer.start(
            .init(turns: [
                .calls(
                    FaultServer.ToolCallScript(id: "c1", name: "get_weather", arguments: "{}"),
                    Self.getTime("c2", #"{"timezone": "#)),
                .answer("Sorry."),
            ]))
        defer { Task { try await server.shutdown() } }
        let (r, result) = try await Self.run(try Self.project(server))
        #expect(r.status == 0, "\(r)")
        let calls = result["outputs"]?["calls"]?.arrayValue ?? []
        #expect(calls.map { $0["is_error"] } == [true, true], "\(calls)")
        let messages = try #require(server.requests.last?.json()?["messages"] as? [[String: Any]])
        let answers = messages.filter { $0["role"] as? String == "tool" }.compactMap { $0["content"] as? String }
        #expect(answers.count == 2)
        #expect(answers.first?.contains("no tool `get_weather`") == true, "\(answers)")
        #expect(answers.last?.contains("not valid JSON") == true, "\(answers)")
    }

    @Test("past max_turns the node fails, saying to raise it, after exactly max_turns model calls")
    func maxTurns() async throws {
        let call = Self.getTime("c", #"{"timezone": "UTC"}"#)
        let server = try await FaultServer.start(
            .init(turns: [.calls(call), .calls(call), .calls(call), .calls(call)]))
        defer { Task { try await server.shutdown() } }
        let (r, _) = try await Self.run(try Self.project(server))
        #expect(r.status != 0)
        #expect(r.stderr.contains("max_turns (3)"), "\(r)")
        #expect(server.requestCount == 3)
    }

    @Test("a graph file is a tool: its inputs are the parameters, it runs as steps below the call")
    func graphTool() async throws {
        let server = try await FaultServer.start(
            .init(turns: [
                .calls(FaultServer.ToolCallScript(id: "c1", name: "shout", arguments: #"{"text": "hi there"}"#)),
                .answer("Shouted."),
            ]))
        defer { Task { try await server.shutdown() } }
        let graph = Self.graph.replacingOccurrences(
            of: "tools: [{ mcp: time }]", with: "tools: [{ graph: lib/shout.graph.yaml }]")
        let project = try FaultProject.make(server, graph: graph)
        let lib = project.root.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: lib, withIntermediateDirectories: true)
        try Data(ToolFixtures.shout.utf8).write(to: lib.appendingPathComponent("shout.graph.yaml"))
        let (r, result) = try await Self.run(project)
        #expect(r.status == 0, "\(r)")
        #expect(result["outputs"]?["calls"]?.arrayValue?.first?["result"] == "HI THERE", "\(r)")
        let first = try JSONValue(parsing: try #require(server.requests.first?.bodyString))
        let function = first["tools"]?.arrayValue?.first?["function"]
        #expect(function?["name"] == "shout" && function?["description"] == "Says a text loudly.", "\(first)")
        #expect(function?["parameters"]?["properties"]?["text"] == ["type": "string", "description": "What to say"])
        #expect(function?["parameters"]?["required"] == ["text"])
        let paths = (result["steps"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
        #expect(paths.contains("agent/turn[0]/call[0]:shout/upper"), "\(paths)")
        #expect(server.requests.last?.bodyString.contains("HI THERE") == true)
    }
}
