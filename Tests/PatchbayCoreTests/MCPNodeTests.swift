import Foundation
import PatchbayCore
import PatchbayTestSupport
import Synchronization
import Testing

/// The `mcp` kind against a scripted `ToolProvider`: arguments from ports over constants, the
/// result and text outputs, tool errors failing the step, trust passed through, the end of the
/// run reported, and validation of the server name. Real servers: PatchbayMCPTests.
@Suite("mcp node")
struct MCPNodeTests {
    /// Answers every call with `answer`, and keeps what it was asked.
    final class ScriptedTools: ToolProvider {
        let answer: ToolResult
        let calls = Mutex<[(tool: String, server: String, arguments: JSONValue, use: ToolUse)]>([])
        let ended = Mutex<[String]>([])

        init(_ answer: ToolResult) { self.answer = answer }

        var serverNames: Set<String> { ["time"] }

        func tools(on server: String, for use: ToolUse) async throws -> [ToolSpec] { [] }

        func call(_ tool: String, on server: String, arguments: JSONValue, for use: ToolUse) async throws
            -> ToolResult
        {
            calls.withLock { $0.append((tool, server, arguments, use)) }
            return answer
        }

        func endRun(_ runID: String) async { ended.withLock { $0.append(runID) } }
    }

    static func timeGraph(_ fields: [String: JSONValue] = [:]) -> Graph {
        var all: [String: JSONValue] = [
            "server": "time", "tool": "get_current_time", "inputs": ["timezone"],
            "arguments": ["format": "iso", "timezone": "Europe/Paris"],
        ]
        all.merge(fields) { _, new in new }
        return graph(
            [node("zone", .input), node("now", .mcp, all), node("out", .output), node("said", .output)],
            ["zone -> now.timezone", "now.result -> out", "now.text -> said"])
    }

    static func run(_ graph: Graph, tools: ScriptedTools, trust: GraphTrust = .nothing) async throws -> RunResult {
        let plan = try ExecutionPlan.build(graph, path: "/p/time.graph.yaml", resolver: MemoryResolver([:]))
        let engine = Engine(environment: EngineEnvironment(trust: trust, tools: tools))
        return try await engine.run(plan, inputs: ["zone": "UTC"])
    }

    @Test("arguments are the constants with the ports over them; result is the parsed text, text the text")
    func callsWithArguments() async throws {
        let tools = ScriptedTools(ToolResult(text: #"{"datetime": "2026-12-05T19:00:00Z"}"#))
        let result = try await Self.run(Self.timeGraph(), tools: tools)
        #expect(result.status == .succeeded)
        #expect(result.outputs["out"] == ["datetime": "2026-12-05T19:00:00Z"])
        #expect(result.outputs["said"] == #"{"datetime": "2026-12-05T19:00:00Z"}"#)
        let calls = tools.calls.withLock { $0 }
        #expect(calls.count == 1)
        #expect(calls.first?.tool == "get_current_time")
        #expect(calls.first?.server == "time")
        #expect(calls.first?.arguments == ["format": "iso", "timezone": "UTC"])
        #expect(calls.first?.use.graphPath == "/p/time.graph.yaml")
        #expect(calls.first?.use.trusted == false)
        #expect(calls.first?.use.runID == result.runID)
        #expect(tools.ended.withLock { $0 } == [result.runID])
    }

    @Test("structured content is the result; text that is not JSON is the result as text")
    func resultShapes() async throws {
        let structured = ScriptedTools(ToolResult(text: "12:00", structured: ["hour": 12]))
        #expect(try await Self.run(Self.timeGraph(), tools: structured).outputs["out"] == ["hour": 12])
        let plain = ScriptedTools(ToolResult(text: "noon"))
        #expect(try await Self.run(Self.timeGraph(), tools: plain).outputs["out"] == "noon")
    }

    @Test("a trusted graph file's calls say so")
    func trustPassedThrough() async throws {
        let tools = ScriptedTools(ToolResult(text: "ok"))
        _ = try await Self.run(Self.timeGraph(), tools: tools, trust: GraphTrust(files: ["/p/time.graph.yaml"]))
        #expect(tools.calls.withLock { $0.first?.use.trusted } == true)
    }

    @Test("a tool error fails the step with its text; on_error: route takes it")
    func toolErrorFails() async throws {
        let tools = ScriptedTools(ToolResult(text: "Invalid timezone: Mars/Base", isError: true))
        let failed = try await Self.run(Self.timeGraph(), tools: tools)
        #expect(failed.status == .failed)
        #expect(failed.error?.message.contains("Invalid timezone: Mars/Base") == true)
        #expect(failed.error?.message.contains("`get_current_time`") == true)

        let routed = graph(
            [
                node("zone", .input),
                node(
                    "now", .mcp,
                    ["server": "time", "tool": "get_current_time", "inputs": ["timezone"], "on_error": "route"]),
                node("problem", .output),
            ], ["zone -> now.timezone", "now.error -> problem"])
        let result = try await Self.run(routed, tools: tools)
        #expect(result.status == .succeeded)
        #expect(result.outputs["problem"]?["message"]?.stringValue?.contains("Mars/Base") == true)
    }

    @Test("without tool servers the node fails saying how to declare one")
    func noProvider() async throws {
        let plan = try ExecutionPlan.build(Self.timeGraph(), path: "/p/t.graph.yaml", resolver: MemoryResolver([:]))
        let result = try await Engine(environment: EngineEnvironment()).run(plan, inputs: ["zone": "UTC"])
        #expect(result.status == .failed)
        #expect(result.error?.message.contains("no MCP servers are configured") == true)
        #expect(result.error?.hint?.description.contains("[mcp.time]") == true)
    }

    @Test("mcp steps are not cached: a second run calls again")
    func notCached() async throws {
        let tools = ScriptedTools(ToolResult(text: "1"))
        let cache = MemoryStepCache()
        let plan = try ExecutionPlan.build(Self.timeGraph(), path: "/p/t.graph.yaml", resolver: MemoryResolver([:]))
        let engine = Engine(environment: EngineEnvironment(cache: cache, tools: tools))
        _ = try await engine.run(plan, inputs: ["zone": "UTC"])
        _ = try await engine.run(plan, inputs: ["zone": "UTC"])
        #expect(tools.calls.withLock { $0.count } == 2)
    }

    @Test("an undeclared server is an error at the `server` field, with did-you-mean")
    func unknownServer() throws {
        let fixture = try ValidationFixture()
        let path = try fixture.write(
            "main.graph.yaml",
            """
            patchbay: 1
            nodes:
              now:
                kind: mcp
                server: tme
                tool: get_current_time
                arguments: [1]
            """)
        let loader = GraphLoader()
        let diagnostics = GraphValidator.validate(
            try loader.load(path), loader: loader, knownToolServers: ["time", "git"])
        let server = try #require(diagnostics.first { $0.kind == .reference })
        #expect(server.message == "MCP server `tme` of node `now` is not declared in any config")
        #expect(server.hint == .didYouMean(["time"]))
        #expect(server.location == SourceLocation(line: 5, column: 5))
        #expect(server.file == path)
        #expect(diagnostics.contains { $0.message.contains("`arguments` of mcp node `now` must be an object") })
        // Without the config's names the server is not checked.
        #expect(
            !GraphValidator.validate(try loader.load(path), loader: loader).contains { $0.kind == .reference })
    }
}
