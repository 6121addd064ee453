import Foundation
import PatchbayCore
import Synchronization
import Testing

@testable import PatchbayMCP

/// `mcp` nodes check their arguments against the tool's inputSchema, as the real
/// mcp-server-time lists it, before calling: a mistake is a node error naming the tool and the
/// path, with where the argument came from, and the server never sees the call.
@Suite("mcp node arguments against the tool's input schema", .serialized)
struct MCPArgumentCheckTests {
    /// The real hub, counting the calls that reach it.
    final class CountingTools: ToolProvider {
        let hub: MCPHub
        let calls = Mutex<[String]>([])

        init(_ hub: MCPHub) { self.hub = hub }

        var serverNames: Set<String> { hub.serverNames }

        func tools(on server: String, for use: ToolUse) async throws -> [ToolSpec] {
            try await hub.tools(on: server, for: use)
        }

        func call(_ tool: String, on server: String, arguments: JSONValue, for use: ToolUse) async throws
            -> ToolResult
        {
            calls.withLock { $0.append(tool) }
            return try await hub.call(tool, on: server, arguments: arguments, for: use)
        }

        func endRun(_ runID: String) async { await hub.endRun(runID) }
    }

    /// Runs one mcp node `now` on mcp-server-time; input `zone` is wired to `now.PORT` when given.
    /// The run's error is the step's, after the engine's "`now` failed:", which names the node.
    static func run(_ node: String, port: String? = nil, zone: JSONValue = "UTC") async throws
        -> (result: RunResult, calls: [String])
    {
        let wires = port.map { "\n  - zone -> now.\($0)" } ?? ""
        let text = """
            patchbay: 1
            nodes:
              zone: { kind: input }
              now: \(node)
              when: { kind: output }
            wires:
              - now.result -> when\(wires)

            """
        let tools = CountingTools(MCPServers.hub(try MCPServers.time()))
        let plan = try ExecutionPlan.build(try GraphCodec.decode(text, path: nil).graph, path: nil, resolver: nil)
        let result = try await Engine(environment: EngineEnvironment(tools: tools)).run(
            plan, inputs: ["zone": zone])
        await tools.hub.shutdown()
        return (result, tools.calls.withLock { $0 })
    }

    @Test("a port of the wrong type: the tool, the path and the type; the hint names the port; no call")
    func wrongTypeFromPort() async throws {
        let run = try await Self.run(
            "{ kind: mcp, server: time, tool: get_current_time, inputs: [timezone] }", port: "timezone", zone: 9)
        #expect(run.result.status == .failed)
        let error = try #require(run.result.error, "\(run.result)")
        #expect(
            error.message
                == "`now` failed: the arguments of tool `get_current_time` (MCP server `time`) do not match its input schema: $.timezone: expected string, got integer 9",
            "\(error)")
        #expect(
            error.hint?.description
                == "`timezone` comes from input port `timezone`: wire a value of the right type into it (a jq node can convert one); the tool takes timezone (string, required)"
        )
        #expect(run.calls.isEmpty, "the server never got the call")
    }

    @Test("a constant of the wrong type: the hint points at `arguments:`")
    func wrongTypeFromArguments() async throws {
        let run = try await Self.run(
            "{ kind: mcp, server: time, tool: get_current_time, arguments: { timezone: [UTC] } }")
        let error = try #require(run.result.error, "\(run.result)")
        #expect(error.message.hasSuffix(#"$.timezone: expected string, got array ["UTC"]"#), "\(error)")
        #expect(error.hint?.description.hasPrefix("`timezone` comes from `arguments:` in the node") == true, "\(error)")
        #expect(run.calls.isEmpty)
    }

    @Test("a required argument missing (the port has another name): `$`, the property, what the tool takes")
    func missingRequired() async throws {
        let run = try await Self.run(
            "{ kind: mcp, server: time, tool: get_current_time, inputs: [zone] }", port: "zone", zone: "UTC")
        let error = try #require(run.result.error, "\(run.result)")
        #expect(error.message.hasSuffix(#"do not match its input schema: $: missing required property "timezone""#))
        #expect(
            error.hint?.description
                == "give every argument the tool requires as an input port (`inputs:`) or in `arguments:`; it takes timezone (string, required)"
        )
        #expect(run.calls.isEmpty)
    }

    @Test("a tool the server does not have: did-you-mean and the tools it has, no call")
    func unknownTool() async throws {
        let run = try await Self.run("{ kind: mcp, server: time, tool: get_curent_time, arguments: { timezone: UTC } }")
        let error = try #require(run.result.error, "\(run.result)")
        #expect(error.message == "`now` failed: MCP server `time` has no tool `get_curent_time`")
        let hint = error.hint?.description ?? ""
        #expect(hint.contains("did you mean `get_current_time`?") && hint.contains("`convert_time`"), "\(hint)")
        #expect(run.calls.isEmpty)
    }

    @Test("valid arguments go through: one call, the tool's answer")
    func validCall() async throws {
        let run = try await Self.run(
            "{ kind: mcp, server: time, tool: get_current_time, inputs: [timezone] }", port: "timezone",
            zone: "Asia/Tokyo")
        #expect(run.result.status == .succeeded, "\(run.result)")
        #expect(run.result.outputs["when"]?["timezone"] == "Asia/Tokyo")
        #expect(run.calls == ["get_current_time"])
    }

    @Test("keywords outside the subset are dropped from a server's schema, the rest still checked")
    func looseSchema() throws {
        let schema = try #require(
            JSONSchema.loose([
                "type": "object", "required": ["when"],
                "properties": [
                    "when": ["type": "string", "format": "date-time", "pattern": "^[0-9]", "default": "now"]
                ],
            ]))
        #expect(schema.validate(["when": "yesterday"]).isEmpty, "format and pattern are the tool's to check")
        #expect(schema.validate(["when": 3]).map(\.description) == ["$.when: expected string, got integer 3"])
        #expect(schema.validate([:]).map(\.description) == [#"$: missing required property "when""#])
    }
}
