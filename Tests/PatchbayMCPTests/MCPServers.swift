import Foundation
import PatchbayCore
import PatchbayProviders
import Testing

@testable import PatchbayMCP

/// The real servers the tests start: mcp-server-time and mcp-server-git from PyPI, and a fixture
/// server, all in `.build/mcp-venv` (scripts/install-mcp-servers.sh). Missing servers fail the
/// tests that need them, with the command that installs them.
enum MCPServers {
    static let repoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let bin = repoRoot.appendingPathComponent(".build/mcp-venv/bin")
    static let fixture = repoRoot.appendingPathComponent("Tests/PatchbayMCPTests/Fixtures/fixture_server.py").path

    /// The venv's program `name`, or a failure saying how to install it.
    static func program(_ name: String) throws -> String {
        let path = bin.appendingPathComponent(name).path
        try #require(
            FileManager.default.isExecutableFile(atPath: path),
            "\(path) is missing: run scripts/install-mcp-servers.sh (scripts/test.sh does)")
        return path
    }

    static func time() throws -> MCPServerConfig {
        MCPServerConfig(name: "time", endpoint: .command([try program("mcp-server-time"), "--local-timezone", "UTC"]))
    }

    static func git() throws -> MCPServerConfig {
        MCPServerConfig(name: "git", endpoint: .command([try program("mcp-server-git")]))
    }

    /// The fixture server, under the venv's Python (which has the `mcp` package).
    static func fixture(timeout: Duration = .seconds(30), fromProject: Bool = false, before: String? = nil) throws
        -> MCPServerConfig
    {
        let python = try program("python")
        // `before`: a shell command run first, so a test can see whether the server was started.
        let argv = before.map { ["/bin/sh", "-c", "\($0); exec \"$0\" \"$1\"", python, fixture] } ?? [python, fixture]
        return MCPServerConfig(
            name: "fixture", endpoint: .command(argv), timeout: timeout, file: "/p/patchbay.toml", line: 3,
            fromProject: fromProject)
    }

    static func hub(_ servers: MCPServerConfig..., root: URL = FileManager.default.temporaryDirectory) -> MCPHub {
        MCPHub(servers: Dictionary(uniqueKeysWithValues: servers.map { ($0.name, $0) }), projectRoot: root)
    }

    static func use(_ run: String = UUID().uuidString, trusted: Bool = false) -> ToolUse {
        ToolUse(runID: run, graphPath: "/p/main.graph.yaml", trusted: trusted)
    }

    /// Whether a process with this id exists (reaping it first if it is our exited child).
    static func isAlive(_ pid: Int32) -> Bool {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { return false }
        return kill(pid, 0) == 0
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-mcp-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
