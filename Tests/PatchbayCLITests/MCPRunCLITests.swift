import Foundation
import Testing

/// `patchbay run` on a graph with an `mcp` node, against mcp-server-time from PyPI (installed in
/// .build/mcp-venv by scripts/install-mcp-servers.sh; missing, the tests fail saying so).
@Suite("mcp node from the command line", .serialized)
struct MCPRunCLITests {
    static func timeServer() throws -> String {
        let path = CLI.repoRoot.appendingPathComponent(".build/mcp-venv/bin/mcp-server-time").path
        try #require(
            FileManager.default.isExecutableFile(atPath: path),
            "\(path) is missing: run scripts/install-mcp-servers.sh (scripts/test.sh does)")
        return path
    }

    static let graph = """
        patchbay: 1
        nodes:
          zone: { kind: input, type: string }
          now: { kind: mcp, server: time, tool: get_current_time, inputs: [timezone] }
          when: { kind: output }
        wires:
          - zone -> now.timezone
          - now.result -> when

        """

    static func config(_ server: String) -> String {
        "[mcp.time]\ncommand = [\"\(server)\", \"--local-timezone\", \"UTC\"]\n"
    }

    @Test("a user's server answers an untrusted graph; the result is the tool's structured content")
    func userServer() async throws {
        let user = try UserConfig.make(Self.config(try Self.timeServer()))
        let dir = try Scratch.project(["time.graph.yaml": Self.graph])
        let result = try await CLI.run(
            ["run", "time.graph.yaml", "--input", "zone=Asia/Tokyo", "--json", "--no-store"], in: dir,
            environment: ["XDG_CONFIG_HOME": user.home.path])
        #expect(result.status == 0, "\(result)")
        let json = try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any]
        let when = (json?["outputs"] as? [String: Any])?["when"] as? [String: Any]
        #expect(when?["timezone"] as? String == "Asia/Tokyo", "\(result)")
        #expect((when?["datetime"] as? String)?.contains("+09:00") == true, "\(result)")
    }

    @Test("a project's server runs only with --trust; untrusted, it is refused with the trust hint")
    func projectServerNeedsTrust() async throws {
        let dir = try Scratch.project([
            "time.graph.yaml": Self.graph, "patchbay.toml": Self.config(try Self.timeServer()),
        ])
        let refused = try await CLI.run(["run", "time.graph.yaml", "--input", "zone=UTC", "--no-store"], in: dir)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("MCP server `time` would run"), "\(refused)")
        #expect(refused.stderr.contains("is not trusted"), "\(refused)")
        #expect(refused.stderr.contains("--trust"), "the hint in the command line's words: \(refused)")

        let trusted = try await CLI.run(
            ["run", "time.graph.yaml", "--input", "zone=UTC", "--trust", "--no-store"], in: dir)
        #expect(trusted.status == 0, "\(trusted)")
        #expect(trusted.stdout.contains("UTC"), "\(trusted)")
    }

    @Test("validate names an undeclared server at its line, with did-you-mean")
    func undeclaredServer() async throws {
        let dir = try Scratch.project([
            "time.graph.yaml": Self.graph.replacingOccurrences(of: "server: time", with: "server: tme"),
            "patchbay.toml": Self.config("mcp-server-time"),
        ])
        let result = try await CLI.run(["validate", "time.graph.yaml"], in: dir)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("time.graph.yaml:4:"), "\(result)")
        #expect(result.stderr.contains("MCP server `tme` of node `now` is not declared in any config"), "\(result)")
        #expect(result.stderr.contains("did you mean `time`?"), "\(result)")
    }
}
