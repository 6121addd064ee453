import Foundation
import PatchbayCore
import PatchbayProviders
import PatchbayTestSupport
import Testing

@testable import PatchbayMCP

/// Servers start when first used, are shared within a run, stop with it, time out, and fail
/// clearly when they exit; a project's server command needs the graph file's trust.
@Suite("MCP server lifecycle", .serialized)
struct MCPLifecycleTests {
    @Test("one server per run, shared by its calls; stopped when the run ends")
    func sharedWithinRunStoppedAfter() async throws {
        let hub = MCPServers.hub(try MCPServers.fixture())
        let first = MCPServers.use()
        // A tool returning a number answers structured content `{result: N}` (the MCP spec wants an object).
        let a = try await hub.call("pid", on: "fixture", arguments: [:], for: first).value["result"]?.intValue
        let b = try await hub.call("pid", on: "fixture", arguments: [:], for: first).value["result"]?.intValue
        let pid = try #require(a.map(Int32.init))
        #expect(a == b)
        #expect(await hub.processIDs(of: first.runID) == [pid])
        let other = MCPServers.use()
        let c = try await hub.call("pid", on: "fixture", arguments: [:], for: other).value["result"]?.intValue
        #expect(c != a, "another run gets a server of its own")
        await hub.endRun(first.runID)
        #expect(!MCPServers.isAlive(pid))
        #expect(await hub.processIDs(of: first.runID).isEmpty)
        let otherPID = try #require(c.map(Int32.init))
        #expect(MCPServers.isAlive(otherPID), "the other run's server is still in use")
        await hub.shutdown()
        #expect(!MCPServers.isAlive(otherPID))
    }

    @Test("an engine run with an mcp node leaves no server behind")
    func engineRunStopsServers() async throws {
        let hub = MCPServers.hub(try MCPServers.fixture())
        let plan = try ExecutionPlan.build(
            graph(
                [node("who", .mcp, ["server": "fixture", "tool": "pid"]), node("pid", .output)], ["who.result -> pid"]),
            path: "/p/main.graph.yaml", resolver: MemoryResolver([:]))
        let result = try await Engine(environment: EngineEnvironment(tools: hub)).run(plan, inputs: [:])
        #expect(result.status == .succeeded)
        let pid = try #require(result.outputs["pid"]?["result"]?.intValue.map(Int32.init))
        #expect(!MCPServers.isAlive(pid), "the server stopped when the run ended")
    }

    @Test("a call past the timeout fails naming the server and the limit; the server still answers after")
    func slowCallTimesOut() async throws {
        let hub = MCPServers.hub(try MCPServers.fixture(timeout: .milliseconds(1500)))
        let use = MCPServers.use()
        _ = try await hub.call("pid", on: "fixture", arguments: [:], for: use)
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: ToolError.self) {
            try await hub.call("slow", on: "fixture", arguments: ["seconds": 30], for: use)
        }
        #expect(clock.now - started < .seconds(5))
        #expect(error?.message == "MCP server `fixture` did not answer `slow` within 1.5 s")
        #expect(error?.hint?.description.contains("raise `timeout` in [mcp.fixture]") == true)
        let echo = try await hub.call("echo", on: "fixture", arguments: ["text": "still here"], for: use)
        #expect(echo.text == "still here")
        await hub.endRun(use.runID)
    }

    @Test("a server that exits mid-call is an error naming it, its status and its stderr")
    func exitMidCall() async throws {
        let hub = MCPServers.hub(try MCPServers.fixture())
        let use = MCPServers.use()
        let pid = try #require(
            try await hub.call("pid", on: "fixture", arguments: [:], for: use).value["result"]?.intValue.map(Int32.init)
        )
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: ToolError.self) {
            try await hub.call("crash", on: "fixture", arguments: [:], for: use)
        }
        #expect(clock.now - started < .seconds(5))
        let message = error?.message ?? ""
        #expect(message.hasPrefix("MCP server `fixture` exited during a call of `crash` (status 3)"))
        #expect(message.contains("fixture: going down in the middle of a call"))
        #expect(!MCPServers.isAlive(pid))
        await hub.endRun(use.runID)
    }

    @Test("a server that cannot start says why")
    func cannotStart() async throws {
        let broken = MCPServerConfig(
            name: "nope", endpoint: .command(["/bin/sh", "-c", "echo no such thing >&2; exit 7"]))
        let hub = MCPServers.hub(broken)
        let error = await #expect(throws: ToolError.self) {
            try await hub.tools(on: "nope", for: MCPServers.use())
        }
        #expect(error?.message.hasPrefix("MCP server `nope` exited during start-up (status 7)") == true)
        #expect(error?.message.contains("no such thing") == true)
    }

    @Test("a project's server command is refused before it starts unless the graph is trusted")
    func untrustedProjectCommand() async throws {
        let folder = try MCPServers.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = folder.appendingPathComponent("started").path
        let server = try MCPServers.fixture(fromProject: true, before: "touch '\(marker)'")
        let hub = MCPServers.hub(server)
        let refused = await #expect(throws: ToolError.self) {
            try await hub.call("pid", on: "fixture", arguments: [:], for: MCPServers.use(trusted: false))
        }
        #expect(
            refused?.message.hasPrefix(
                "MCP server `fixture` would run `/bin/sh -c touch '\(marker)'; exec \"$0\" \"$1\"") == true)
        #expect(
            refused?.message.hasSuffix(
                "declared by the project config (/p/patchbay.toml:3), and /p/main.graph.yaml is not trusted") == true)
        #expect(refused?.hint == .trustGraph(path: "/p/main.graph.yaml", subgraphs: true))
        #expect(!FileManager.default.fileExists(atPath: marker), "nothing was started")

        // The same server for a trusted graph starts (so the marker would have shown a start).
        let use = MCPServers.use(trusted: true)
        _ = try await hub.call("pid", on: "fixture", arguments: [:], for: use)
        #expect(FileManager.default.fileExists(atPath: marker))
        await hub.endRun(use.runID)

        // A user's own server needs no trust.
        let own = MCPServers.hub(try MCPServers.fixture(fromProject: false))
        let untrusted = MCPServers.use(trusted: false)
        _ = try await own.call("pid", on: "fixture", arguments: [:], for: untrusted)
        await own.endRun(untrusted.runID)
    }

    @Test("an undeclared server is an error with did-you-mean")
    func unknownServer() async throws {
        let hub = MCPServers.hub(try MCPServers.fixture())
        let error = await #expect(throws: ToolError.self) {
            try await hub.call("pid", on: "fixtur", arguments: [:], for: MCPServers.use())
        }
        #expect(error?.message == "MCP server `fixtur` is not declared in any config")
        #expect(error?.hint == .didYouMean(["fixture"]))
    }
}
