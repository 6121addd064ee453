import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// `patchbay rerun --from each/shout`: a fork from a node inside a `map` body, as the workbench's
/// `R`/`F` inside a sub-graph re-run (issue 8: both front ends say and do the same). The node runs
/// again in every item, the body's steps before it come from the recorded run, and a path that
/// names no node is refused with the workbench's sentence.
@Suite("patchbay rerun from a node inside a sub-graph")
struct SubgraphRerunCLITests {
    static let env = ["FAULT_API_KEY": "k"]

    static let parent = """
        patchbay: 1
        nodes:
          words: { kind: input, type: array }
          each: { kind: map, graph: body.graph.yaml }
          all: { kind: output }
        wires:
          - words -> each.items
          - each.results -> all

        """

    /// A body whose first node asks a model: re-running from the node after it reuses its answers.
    static let body = """
        patchbay: 1
        nodes:
          item: { kind: input, type: string }
          think: { kind: llm, prompt: 'Think about {{item}}' }
          shout: { kind: template, template: 'Loud: {{text}}' }
          out: { kind: output }
        wires:
          - item -> think.item
          - think.text -> shout.text
          - shout.text -> out

        """

    static func project(_ server: FaultServer) throws -> FaultProject {
        let project = try FaultProject.make(server, graph: parent)
        try Data(body.utf8).write(to: project.root.appendingPathComponent("body.graph.yaml"))
        return project
    }

    static func statuses(_ r: CLIResult) throws -> [String: String] {
        var statuses: [String: String] = [:]
        for step in try JSONValue(parsing: r.stdout)["steps"]?.arrayValue ?? [] {
            if let path = step["path"]?.stringValue { statuses[path] = step["status"]?.stringValue }
        }
        return statuses
    }

    @Test("rerun --from each/shout re-runs shout in every item; think before it is reused, not asked again")
    func rerunFromInsideAMapBody() async throws {
        let server = try await FaultServer.start(.init(reply: "calm"))
        defer { Task { try await server.shutdown() } }
        let project = try Self.project(server)
        let first = try await project.run(
            ["run", project.graph, "--json", "--input", #"words=["alpha", "beta"]"#], environment: Self.env)
        #expect(first.status == 0 && server.requestCount == 2, "\(first)")

        // The body changes on disk; the fork runs the files as they are now.
        let edited = Self.body.replacingOccurrences(of: "'Loud: {{text}}'", with: "'Very Loud: {{text}}'")
        try Data(edited.utf8).write(to: project.root.appendingPathComponent("body.graph.yaml"))
        let rerun = try await project.run(
            ["rerun", "last", "--from", "each/shout", "--json"], environment: Self.env)
        #expect(rerun.status == 0, "\(rerun)")
        #expect(server.requestCount == 2, "think is before shout: its recorded answers are used")
        #expect(
            rerun.stderr.contains("Re-running from `each/shout` in every item, and what depends on `each`"),
            "the workbench's words: \(rerun)")
        let result = try JSONValue(parsing: rerun.stdout)
        #expect(result["outputs"]?["all"] == ["Very Loud: calm", "Very Loud: calm"], "\(rerun)")
        let statuses = try Self.statuses(rerun)
        for item in 0..<2 {
            #expect(statuses["each[\(item)]/think"] == "replayed", "\(statuses)")
            #expect(statuses["each[\(item)]/shout"] == "succeeded", "\(statuses)")
        }
        #expect(statuses["all"] == "succeeded", "what depends on `each` runs again: \(statuses)")
        let listed = try JSONValue(parsing: try await project.run(["runs", "--json", "--limit", "1"]).stdout)
        #expect(listed.arrayValue?.first?["origin"] == "fork")
        #expect(listed.arrayValue?.first?["parent_step"] == "each/shout")
    }

    @Test("rerun --from a path inside a sub-graph that names no node is refused, with the nodes inside")
    func rerunFromAPathNamingNoNode() async throws {
        let server = try await FaultServer.start(.init(reply: "calm"))
        defer { Task { try await server.shutdown() } }
        let project = try Self.project(server)
        let first = try await project.run(
            ["run", project.graph, "--input", #"words=["alpha"]"#], environment: Self.env)
        #expect(first.status == 0, "\(first)")
        let runs = try await project.run(["runs", "--json"])

        let r = try await project.run(["rerun", "last", "--from", "each/shoot"], environment: Self.env)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("error: no node `each/shoot` in this graph to re-run from"), "\(r)")
        #expect(r.stderr.contains("hint: did you mean `each/shout`?"), "\(r)")
        #expect(r.stderr.contains("`each/think`"), "the nodes inside `each` are listed: \(r)")
        #expect(server.requestCount == 1, "nothing ran")
        #expect(try await project.run(["runs", "--json"]).stdout == runs.stdout, "no run was stored")
    }
}
