import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// A stored tool-loop run from the command line: `replay` goes through its turns and calls
/// without the model or the tool, `rerun --from agent/turn[k]` goes on live from turn k, and
/// `step` can skip a call with a result typed by hand. The model is the fault server; the tool a
/// graph file (a jq node), so the steps it ran are visible below the call.
@Suite("tool loop history from the command line", .serialized)
struct ToolLoopHistoryCLITests {
    static let graph = ToolLoopCLITests.graph.replacingOccurrences(
        of: "tools: [{ mcp: time }]", with: "tools: [{ graph: lib/shout.graph.yaml }]")

    static let shout = ToolFixtures.shout

    /// Two turns of one call each, then an answer.
    static let turns: [FaultServer.Turn] = [
        .calls(FaultServer.ToolCallScript(id: "c1", name: "shout", arguments: #"{"text": "one"}"#)),
        .calls(FaultServer.ToolCallScript(id: "c2", name: "shout", arguments: #"{"text": "two"}"#)),
        .answer("Shouted twice."),
    ]

    static func project(_ server: FaultServer) throws -> FaultProject {
        let project = try FaultProject.make(server, graph: graph)
        let lib = project.root.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: lib, withIntermediateDirectories: true)
        try Data(shout.utf8).write(to: lib.appendingPathComponent("shout.graph.yaml"))
        return project
    }

    static func statuses(_ result: JSONValue) -> [String: String] {
        var statuses: [String: String] = [:]
        for step in result["steps"]?.arrayValue ?? [] {
            if let path = step["path"]?.stringValue { statuses[path] = step["status"]?.stringValue }
        }
        return statuses
    }

    static func json(_ r: CLIResult) -> JSONValue { (try? JSONValue(parsing: r.stdout)) ?? .null }

    static let key = ["FAULT_API_KEY": "k"]

    @Test("replay and rerun --from a turn reuse the recorded turns and calls")
    func replayAndRerunFromATurn() async throws {
        let server = try await FaultServer.start(.init(turns: Self.turns))
        defer { Task { try await server.shutdown() } }
        let project = try Self.project(server)
        let first = try await project.run(
            ["run", project.graph, "--input", "question=Shout", "--json"], environment: Self.key)
        #expect(first.status == 0 && server.requestCount == 3, "\(first)")

        let replay = try await project.run(["replay", "last", "--json"], environment: Self.key)
        #expect(replay.status == 0, "\(replay)")
        #expect(server.requestCount == 3, "a replay asks the model nothing")
        let replayed = Self.statuses(Self.json(replay))
        for path in ["agent/turn[0]", "agent/turn[0]/call[0]:shout", "agent/turn[1]/call[0]:shout", "agent/turn[2]"] {
            #expect(replayed[path] == "replayed", "\(path): \(replayed)")
        }
        #expect(replayed["agent/turn[0]/call[0]:shout/upper"] == nil, "a replayed call is its recorded result")
        #expect(Self.json(replay)["outputs"]?["answer"] == "Shouted twice.")

        server.setBehaviour(.init(turns: [Self.turns[2]]))
        let rerun = try await project.run(
            ["rerun", "last", "--from", "agent/turn[2]", "--json"], environment: Self.key)
        #expect(rerun.status == 0, "\(rerun)")
        #expect(server.requestCount == 4, "only turn 2 asks the model again")
        let forked = Self.statuses(Self.json(rerun))
        #expect(forked["agent/turn[1]"] == "replayed" && forked["agent/turn[1]/call[0]:shout"] == "replayed")
        #expect(forked["agent/turn[2]"] == "succeeded", "\(forked)")

        // A call without its tool label names the same step; its turn's answer is kept.
        let atCall = try await project.run(
            ["rerun", "last", "--from", "agent/turn[1]/call[0]", "--json"], environment: Self.key)
        #expect(atCall.status == 0, "\(atCall)")
        let again = Self.statuses(Self.json(atCall))
        #expect(again["agent/turn[1]"] == "replayed" && again["agent/turn[1]/call[0]:shout"] == "succeeded")
    }

    @Test("rerun --from a step the run does not have names it and lists the node's steps")
    func rerunFromAMissingTurn() async throws {
        let server = try await FaultServer.start(.init(turns: Self.turns))
        defer { Task { try await server.shutdown() } }
        let project = try Self.project(server)
        _ = try await project.run(["run", project.graph, "--input", "question=Shout"], environment: Self.key)
        let r = try await project.run(["rerun", "last", "--from", "agent/turn[7]"], environment: Self.key)
        #expect(r.status != 0)
        #expect(r.stderr.contains("has no step `agent/turn[7]`"), "\(r)")
        #expect(r.stderr.contains("agent/turn[0]"), "the hint lists the node's steps: \(r)")
        #expect(server.requestCount == 3, "nothing ran")
    }

    @Test("step: r skips a paused call and the model is told the typed result")
    func stepSuppliesAResult() async throws {
        let server = try await FaultServer.start(.init(turns: [Self.turns[0], Self.turns[2]]))
        defer { Task { try await server.shutdown() } }
        let project = try Self.project(server)
        let r = try await project.run(
            ["step", project.graph, "--input", "question=Shout", "--no-store"],
            stdin: "b agent/turn/call:shout\nc\nr \"quiet please\"\nc\n", environment: Self.key)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("before `agent/turn[0]/call[0]:shout`"), "\(r)")
        #expect(!r.stdout.contains("call[0]:shout/upper"), "the tool graph did not run: \(r)")
        let messages = try #require(server.requests.last?.json()?["messages"] as? [[String: Any]])
        let told = messages.first { $0["role"] as? String == "tool" }?["content"] as? String
        #expect(told == "quiet please")
    }
}
