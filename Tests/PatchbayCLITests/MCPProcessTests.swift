import Foundation
import Testing

/// An MCP server Patchbay started never outlives it: not a Ctrl-C during a call, not a `kill -9`
/// (the server is a ChildProcess with a lifeline, as `command` nodes' programs are).
@Suite("MCP server processes", .serialized)
struct MCPProcessTests {
    /// A server (the MCP test fixture) that writes its pid into the project folder first; the
    /// graph calls its `slow` tool, which answers long after any test.
    static func project() throws -> URL {
        let python = CLI.repoRoot.appendingPathComponent(".build/mcp-venv/bin/python").path
        let fixture = CLI.repoRoot.appendingPathComponent("Tests/PatchbayMCPTests/Fixtures/fixture_server.py").path
        try #require(
            FileManager.default.isExecutableFile(atPath: python),
            "\(python) is missing: run scripts/install-mcp-servers.sh (scripts/test.sh does)")
        let config = """
            [mcp.fixture]
            command = ["/bin/sh", "-c", "echo $$ > server.pid; exec \\"$0\\" \\"$1\\"", "\(python)", "\(fixture)"]
            timeout = 600

            """
        let graph = """
            patchbay: 1
            nodes:
              wait: { kind: mcp, server: fixture, tool: slow, arguments: { seconds: 300 } }
              done: { kind: output }
            wires:
              - wait.text -> done

            """
        let user = try UserConfig.make(config)
        let dir = try Scratch.project(["slow.graph.yaml": graph])
        try FileManager.default.createSymbolicLink(
            at: dir.appendingPathComponent("xdg"), withDestinationURL: user.home)
        return dir
    }

    @Test("kill -9 or Ctrl-C of patchbay during a call leaves no server behind", arguments: [SIGKILL, SIGINT])
    func noOrphan(signal: Int32) async throws {
        let dir = try Self.project()
        let cli = try RunningCLI(
            ["run", "slow.graph.yaml", "--no-store"], in: dir,
            environment: ["XDG_CONFIG_HOME": dir.appendingPathComponent("xdg").path])
        defer { cli.killIfRunning() }
        let server = try #require(
            await CommandProcessTests.pid(in: dir.appendingPathComponent("server.pid"), within: .seconds(20)),
            "the server never started: \(cli.stderr)")
        defer { kill(server, SIGKILL) }
        // Started and in the middle of the call.
        try await Task.sleep(for: .seconds(1))
        #expect(CommandProcessTests.isAlive(server))

        cli.signal(signal)
        #expect(await cli.waitForExit(within: .seconds(8)) != nil, "patchbay did not exit after signal \(signal)")
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while CommandProcessTests.isAlive(server), clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(
            !CommandProcessTests.isAlive(server), "the server (pid \(server)) outlived patchbay after signal \(signal)")
    }
}
