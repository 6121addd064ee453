import Foundation
import PatchbayCore
import Testing

@testable import PatchbayProviders

/// `[mcp.NAME]` in the config files: commands and URLs, env, cwd and timeout; the project's
/// declarations marked for trust; mistakes refused at their line; keys kept out of the project
/// file and masked.
@Suite final class MCPConfigTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-mcp-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: folder) }

    func load(user: String = "", project: String = "") throws -> ModelConfig {
        try loadConfig(in: folder, user: user, project: project)
    }

    func error(user: String = "", project: String = "") -> ConfigError? {
        do {
            _ = try load(user: user, project: project)
            return nil
        } catch {
            return error as? ConfigError
        }
    }

    @Test func serversAreReadFromBothFiles() throws {
        let config = try load(
            user: """
                [mcp.git]
                command = ["mcp-server-git"]
                env = { GITHUB_TOKEN = "ghp_user_secret_value" }

                [mcp.time]
                command = ["mcp-server-time"]
                """,
            project: """
                [mcp.time]
                command = ["mcp-server-time", "--local-timezone", "UTC"]
                cwd = "tools"
                timeout = 2.5

                [mcp.remote]
                url = "http://127.0.0.1:8000/mcp"
                """)
        let time = try #require(config.mcpServers["time"])
        #expect(time.endpoint == .command(["mcp-server-time", "--local-timezone", "UTC"]))
        #expect(time.directory == "tools")
        #expect(time.timeout == .milliseconds(2500))
        #expect(time.fromProject && time.needsTrust, "the project's table replaces the user's whole")
        #expect(time.line == 1)
        let git = try #require(config.mcpServers["git"])
        #expect(!git.needsTrust)
        #expect(git.timeout == MCPServerConfig.defaultTimeout)
        #expect(git.environment["GITHUB_TOKEN"]?.value == "ghp_user_secret_value")
        let remote = try #require(config.mcpServers["remote"])
        #expect(remote.endpoint == .url("http://127.0.0.1:8000/mcp"))
        #expect(!remote.needsTrust, "a URL starts nothing")
        #expect(
            config.secretMasker(environment: [:]).mask("token ghp_user_secret_value") == "token \(SecretMasker.mask)")
    }

    @Test func mistakesAreRefusedAtTheirLine() throws {
        let unknown = try #require(error(project: "[mcp.time]\ncommand = [\"t\"]\ntimout = 3\n"))
        #expect(unknown.line == 3)
        #expect(unknown.message == "unknown key `timout` in `[mcp.time]`")
        #expect(unknown.hint == .didYouMean(["timeout"]))

        let neither = try #require(error(project: "\n[mcp.time]\ncwd = \"x\"\n"))
        #expect(neither.line == 2)
        #expect(neither.message == "MCP server `time` needs a `command` or a `url`")

        let both = try #require(error(project: "[mcp.time]\ncommand = [\"t\"]\nurl = \"http://h/mcp\"\n"))
        #expect(both.message == "MCP server `time` has both `command` and `url`")

        let text = try #require(error(project: "[mcp.time]\ncommand = \"mcp-server-time\"\n"))
        #expect(text.line == 2)
        #expect(text.message.hasPrefix("`mcp.time.command` must be a list of strings"))

        let empty = try #require(error(project: "[mcp.time]\ncommand = []\n"))
        #expect(empty.message.contains("non-empty list of strings"))

        let scheme = try #require(error(project: "[mcp.time]\nurl = \"ftp://h\"\n"))
        #expect(scheme.message == "`url` of MCP server `time` must start with http:// or https://")

        let slash = try #require(error(project: "[mcp.\"a/b\"]\ncommand = [\"t\"]\n"))
        #expect(slash.message.contains("may not be empty or contain `/`"))

        let timeout = try #require(error(project: "[mcp.time]\ncommand = [\"t\"]\ntimeout = 0\n"))
        #expect(timeout.line == 3)
        #expect(timeout.message.hasPrefix("`mcp.time.timeout` must be between"))

        let variable = try #require(error(user: "[mcp.time]\ncommand = [\"t\"]\nenv = { \"1X\" = \"y\" }\n"))
        #expect(variable.message.contains("is not a variable name"))
    }

    @Test("a key in a project file's env is refused without echoing it; the user's file may hold one")
    func projectKeysRefused() throws {
        let refused = try #require(
            error(project: "[mcp.git]\ncommand = [\"g\"]\nenv = { GITHUB_TOKEN = \"ghp_project_secret\" }\n"))
        #expect(refused.line == 3)
        #expect(refused.message.contains("`GITHUB_TOKEN` looks like a key"))
        #expect(!refused.description.contains("ghp_project_secret"))
        let plain = try load(project: "[mcp.time]\ncommand = [\"t\"]\nenv = { TZ = \"Europe/Paris\" }\n")
        #expect(plain.mcpServers["time"]?.environment["TZ"]?.value == "Europe/Paris")
        #expect(plain.secretMasker(environment: [:]).mask("Europe/Paris") == "Europe/Paris")
    }
}
