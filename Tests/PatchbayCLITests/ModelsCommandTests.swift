import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

@Suite("patchbay models and config path")
struct ModelsCommandTests {
    /// The output line for `alias` in the plain listing.
    static func line(_ r: CLIResult, alias: String) -> String? {
        r.stdoutLines.first {
            $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.map(String.init) == alias
        }
    }

    @Test("with no config at all, `default` is the bundled model")
    func builtInDefault() async throws {
        let project = try Scratch.project([:])
        let r = try await CLI.run(["models", "--offline"], in: project)
        #expect(r.status == 0, "\(r)")
        let line = try #require(Self.line(r, alias: "default"), "\(r)")
        #expect(line.hasSuffix("local:gemma3-270m"), "offline: no reachability detail: \(line)")
        #expect(line.hasPrefix("-"), "offline: not checked: \(line)")
        #expect(line.contains(" schema:grammar "), "how the alias constrains `schema:` answers: \(line)")
        #expect(line.contains(" tools:prompted "), "how the alias calls tools: \(line)")

        let json = try await CLI.run(["models", "--offline", "--json"], in: project)
        #expect(json.status == 0, "\(json)")
        let rows = try json.stdoutLines.map { try JSONValue(parsing: $0) }
        let row = try #require(rows.first { $0["alias"] == "default" }, "\(json)")
        #expect(row["provider"] == "local" && row["model"] == "gemma3-270m", "\(row)")
        #expect(row["reachable"] == nil, "offline rows carry no reachability: \(row)")
        #expect(row["constrain"] == "grammar" && row["tools"] == "prompted", "\(row)")
    }

    @Test("--project picks the project whose patchbay.toml applies")
    func projectOption() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let r = try await CLI.run(["models", "--offline", "--project", project.root.path])
        #expect(r.status == 0, "\(r)")
        #expect(Self.line(r, alias: "default")?.hasSuffix("fault:test-model") == true, "\(r)")
        #expect(server.requestCount == 0, "--offline asks nobody")
    }

    @Test("an alias on a provider that answers with the key is reachable")
    func reachable() async throws {
        let secret = makeSecret()
        let server = try await FaultServer.start(.init(requiredKey: secret))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let r = try await project.run(["models"], environment: ["FAULT_API_KEY": secret])
        #expect(r.status == 0, "\(r)")
        let line = try #require(Self.line(r, alias: "default"), "\(r)")
        #expect(line.hasPrefix("ok"), "\(line)")
        #expect(line.contains("fault:test-model") && line.contains(server.baseURL), "\(line)")
        #expect(server.requests.map(\.path) == ["/v1/models"], "one probe, no model call")

        let json = try await project.run(["models", "--json"], environment: ["FAULT_API_KEY": secret])
        let row = try #require(
            try json.stdoutLines.map { try JSONValue(parsing: $0) }.first { $0["alias"] == "default" }, "\(json)")
        #expect(row["reachable"] == .bool(true) && row["provider"] == "fault" && row["model"] == "test-model", "\(row)")
    }

    @Test("a wrong key makes the alias unreachable, naming the variable")
    func wrongKey() async throws {
        let server = try await FaultServer.start(.init(requiredKey: "sk-right"))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let r = try await project.run(["models"], environment: ["FAULT_API_KEY": "sk-wrong"])
        let line = try #require(Self.line(r, alias: "default"), "\(r)")
        #expect(line.hasPrefix("FAIL"), "\(line)")
        #expect(line.contains("FAULT_API_KEY was rejected (401)"), "\(line)")

        let json = try await project.run(["models", "--json"], environment: ["FAULT_API_KEY": "sk-wrong"])
        let row = try #require(
            try json.stdoutLines.map { try JSONValue(parsing: $0) }.first { $0["alias"] == "default" }, "\(json)")
        #expect(row["reachable"] == .bool(false), "\(row)")
        #expect(row["detail"]?.stringValue?.contains("FAULT_API_KEY") == true, "\(row)")
    }

    @Test("an unset key is reported as not set, not as rejected")
    func unsetKey() async throws {
        let server = try await FaultServer.start(.init(requiredKey: "sk-right"))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let r = try await project.run(["models"], environment: ["FAULT_API_KEY": ""])
        let line = try #require(Self.line(r, alias: "default"), "\(r)")
        #expect(line.hasPrefix("FAIL") && line.contains("FAULT_API_KEY is not set"), "\(line)")
    }

    @Test("a provider nobody listens on is unreachable, naming its URL")
    func nobodyListening() async throws {
        let server = try await FaultServer.start()
        let baseURL = server.baseURL
        try await server.shutdown()
        let project = try Scratch.project([
            "patchbay.toml":
                "[providers.gone]\nbase_url = \"\(baseURL)\"\napi_key_env = \"\"\n\n[models]\ndefault = \"gone:m\"\n"
        ])
        let r = try await CLI.run(["models"], in: project)
        let line = try #require(Self.line(r, alias: "default"), "\(r)")
        #expect(line.hasPrefix("FAIL") && line.contains(baseURL), "\(line)")
    }

    @Test("config path prints the user and project files and marks the missing ones")
    func configPath() async throws {
        let project = try Scratch.project([:])
        let xdg = try Scratch.make("xdg")
        let userFile = xdg.appendingPathComponent("patchbay/config.toml").path
        let projectFile = project.appendingPathComponent("patchbay.toml").path
        let missing = try await CLI.run(["config", "path"], in: project, environment: ["XDG_CONFIG_HOME": xdg.path])
        #expect(missing.status == 0, "\(missing)")
        #expect(
            missing.stdoutLines == ["user: \(userFile) (not present)", "project: \(projectFile) (not present)"],
            "\(missing)")

        try FileManager.default.createDirectory(
            atPath: xdg.appendingPathComponent("patchbay").path, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: userFile, contents: Data(), attributes: [.posixPermissions: 0o600])
        try Data("[models]\ndefault = \"openai:gpt-4o-mini\"\n".utf8).write(to: URL(fileURLWithPath: projectFile))
        let present = try await CLI.run(["config", "path"], in: project, environment: ["XDG_CONFIG_HOME": xdg.path])
        #expect(present.stdoutLines == ["user: \(userFile)", "project: \(projectFile)"], "\(present)")

        // --project names another folder than the current one.
        let other = try await CLI.run(
            ["config", "path", "--project", project.path], environment: ["XDG_CONFIG_HOME": xdg.path])
        #expect(other.stdoutLines.last == "project: \(projectFile)", "\(other)")
    }
}
