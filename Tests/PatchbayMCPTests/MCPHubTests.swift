import Foundation
import PatchbayCore
import PatchbayProviders
import Testing

@testable import PatchbayMCP

/// The hub against real MCP servers from PyPI: tools listed and called, errors named.
@Suite("MCP hub on real servers", .serialized)
struct MCPHubTests {
    @Test("mcp-server-time lists its tools with their input schemas")
    func listsTools() async throws {
        let hub = MCPServers.hub(try MCPServers.time())
        let use = MCPServers.use()
        let tools = try await hub.tools(on: "time", for: use)
        await hub.endRun(use.runID)
        #expect(Set(tools.map(\.name)) == ["get_current_time", "convert_time"])
        let current = try #require(tools.first { $0.name == "get_current_time" })
        #expect(current.description.contains("current time"))
        #expect(current.parameters["type"] == "object")
        #expect(current.parameters["required"] == ["timezone"])
    }

    @Test("a valid call answers with structured content; an invalid timezone is a tool error")
    func callsTime() async throws {
        let hub = MCPServers.hub(try MCPServers.time())
        let use = MCPServers.use()
        let answer = try await hub.call("get_current_time", on: "time", arguments: ["timezone": "UTC"], for: use)
        #expect(!answer.isError)
        #expect(answer.value["timezone"] == "UTC")
        #expect(answer.value["datetime"]?.stringValue?.hasPrefix("20") == true)
        let converted = try await hub.call(
            "convert_time", on: "time",
            arguments: ["source_timezone": "UTC", "time": "12:00", "target_timezone": "Asia/Tokyo"], for: use)
        #expect(converted.value["target"]?["datetime"]?.stringValue?.contains("21:00") == true)

        let wrong = try await hub.call("get_current_time", on: "time", arguments: ["timezone": "Mars/Base"], for: use)
        #expect(wrong.isError)
        #expect(wrong.text.contains("Mars/Base"))
        let missing = try await hub.call("get_current_time", on: "time", arguments: [:], for: use)
        #expect(missing.isError)
        await hub.endRun(use.runID)
    }

    @Test("mcp-server-git reads a repository the test makes")
    func gitStatusAndLog() async throws {
        let repo = try MCPServers.folder()
        defer { try? FileManager.default.removeItem(at: repo) }
        for argv in [
            ["init", "-q", "-b", "main"], ["config", "user.email", "t@example.com"], ["config", "user.name", "T"],
        ] { try Self.git(argv, in: repo) }
        try "hello\n".write(to: repo.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try Self.git(["add", "a.txt"], in: repo)
        try Self.git(["commit", "-q", "-m", "first commit by the test"], in: repo)
        try "more\n".write(to: repo.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)

        let hub = MCPServers.hub(try MCPServers.git(), root: repo)
        let use = MCPServers.use()
        let tools = try await hub.tools(on: "git", for: use).map(\.name)
        #expect(tools.contains("git_status") && tools.contains("git_log"))
        let status = try await hub.call("git_status", on: "git", arguments: ["repo_path": .string(repo.path)], for: use)
        #expect(!status.isError)
        #expect(status.text.contains("b.txt"))
        let log = try await hub.call("git_log", on: "git", arguments: ["repo_path": .string(repo.path)], for: use)
        #expect(log.text.contains("first commit by the test"))
        let bad = try await hub.call("git_log", on: "git", arguments: ["repo_path": 12], for: use)
        #expect(bad.isError)
        await hub.endRun(use.runID)
    }

    static func git(_ arguments: [String], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
    }
}
