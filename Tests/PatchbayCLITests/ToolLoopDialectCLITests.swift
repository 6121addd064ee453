import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// One tool loop through each native dialect of the fault server, counted in requests and
/// steps: a turn of three calls — one split across many chunks, one to a tool that does not
/// exist, one whose arguments are not JSON — then an answer.
@Suite("llm tool loop in both native dialects", .serialized)
struct ToolLoopDialectCLITests {
    typealias Call = FaultServer.ToolCallScript

    @Test("a turn of good, split, unknown and malformed calls, then an answer", arguments: ["openai", "anthropic"])
    func threeCallsThenAnswer(type: String) async throws {
        let server = try await FaultServer.start(
            .init(turns: [
                .calls(
                    Call(id: "t1", name: "shout", arguments: #"{"text": "split in many pieces"}"#, pieces: 9),
                    Call(id: "t2", name: "whisper", arguments: #"{"text": "x"}"#),
                    Call(id: "t3", name: "shout", arguments: #"{"text": "#), text: "Calling."),
                .answer("Done."),
            ]))
        defer { Task { try await server.shutdown() } }
        let project = try ToolLoopHistoryCLITests.project(server)
        try Data(ProviderCacheKeyTests.toml(server, type: type).utf8).write(to: project.configFile)
        let r = try await project.run(
            ["run", project.graph, "--input", "question=Shout", "--json", "--no-store"], environment: [:])
        #expect(r.status == 0, "\(r)")
        #expect(server.requestCount == 2, "one request per turn")
        let result = (try? JSONValue(parsing: r.stdout)) ?? .null
        let paths = (result["steps"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
        // Calls of one turn run in parallel: recorded in the order they finish, between their turns.
        let calls = ["agent/turn[0]/call[0]:shout", "agent/turn[0]/call[1]:whisper", "agent/turn[0]/call[2]:shout"]
        let turns = ["agent/turn[0]", "agent/turn[1]"]
        #expect(
            Set(paths.filter { $0.hasPrefix("agent/") && $0.split(separator: "/").count <= 3 }) == Set(calls + turns),
            "\(paths)")
        let at = { (path: String) in paths.firstIndex(of: path) ?? -1 }
        #expect(calls.allSatisfy { at(turns[0]) < at($0) && at($0) < at(turns[1]) } && at(turns[1]) < at("agent"))
        #expect(paths.filter { $0.hasSuffix("/upper") } == ["agent/turn[0]/call[0]:shout/upper"], "one tool ran")
        let made = result["outputs"]?["calls"]?.arrayValue ?? []
        #expect(made.map { $0["is_error"] } == [false, true, true], "\(made)")
        #expect(made.first?["result"] == "SPLIT IN MANY PIECES")
        #expect(result["outputs"]?["answer"] == "Done.")
        let sent = try #require(server.requests.last?.bodyString)
        #expect(sent.contains("SPLIT IN MANY PIECES") && sent.contains("no tool `whisper`"), "\(sent)")
        if type == "anthropic" { #expect(sent.contains(#""is_error":true"#), "problems are marked: \(sent)") }
    }
}
