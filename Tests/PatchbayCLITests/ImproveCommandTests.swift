import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// `patchbay improve` end to end on the fault server, a model that always answers "positive":
/// no move can help, so nothing is written; the search is stored and printed again; an existing
/// output is refused before anything runs; bad options are usage errors.
@Suite("patchbay improve", .serialized)
struct ImproveCommandTests {
    static let graph = """
        patchbay: 1
        nodes:
          review: { kind: input, type: string }
          classify:
            kind: llm
            mode: complete
            prompt: "Review: {{review}}\\nSentiment:"
            temperature: 0
          label: { kind: jq, jq: 'ascii_downcase | gsub("[^a-z]"; "")' }
          sentiment: { kind: output }
        wires:
          - review -> classify.review
          - classify.text -> label
          - label -> sentiment

        """

    static var cases: String {
        "cases:\n"
            + (0..<12).map { i in
                let label = i % 2 == 0 ? "positive" : "negative"
                return "  - { id: c\(i), inputs: { review: 'review \(i)' }, expect: { equals: \(label) } }\n"
            }.joined()
    }

    static func project() async throws -> FaultProject {
        let server = try await FaultServer.start(.init(reply: "positive"))
        let project = try FaultProject.make(server, graph: graph)
        try Data(cases.utf8).write(to: project.root.appendingPathComponent("ask.cases.yaml"))
        return project
    }

    static let key = ["FAULT_API_KEY": "k"]

    @Test("nothing helps: the table, no file, the search stored and shown again")
    func nothingHelps() async throws {
        let project = try await Self.project()
        defer { Task { try await project.server.shutdown() } }
        let r = try await project.run(["improve", project.graph, "--cases", "ask.cases.yaml"], environment: Self.key)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("improve ask.graph.yaml: 6 train, 3 dev, 3 test cases"), "\(r)")
        #expect(r.stdout.contains("classify: 1 labeled example (draw 1)"), "labeled examples are tried: \(r)")
        #expect(r.stdout.contains("no move was proven better on dev: the graph is unchanged"))
        let output = project.root.appendingPathComponent("ask.improved.graph.yaml").path
        #expect(!FileManager.default.fileExists(atPath: output), "no improvement, no file")
        #expect(r.stderr.contains("patchbay improve --show"), "\(r)")

        let shown = try await project.run(["improve", "--show", "last"])
        #expect(shown.status == 0 && shown.stdout.contains("no move was proven better"), "\(shown)")
        let json = try await project.run(["improve", "--show", "last", "--json"])
        let report = try JSONValue(parsing: json.stdout)
        #expect(report["devCases"] == 3 && report["candidates"]?.arrayValue?.isEmpty == false, "\(json)")
        let listed = try await project.run(["evals"])
        #expect(listed.stdout.contains("improved"), "\(listed)")
        let asEval = try await project.run(["evals", "show", "last"])
        #expect(asEval.status != 0 && asEval.stderr.contains("patchbay improve --show"), "\(asEval)")
    }

    @Test("an existing output is refused before anything runs; bad options are usage errors")
    func refusals() async throws {
        let project = try await Self.project()
        defer { Task { try await project.server.shutdown() } }
        let output = project.root.appendingPathComponent("ask.improved.graph.yaml")
        try Data("keep me".utf8).write(to: output)
        let r = try await project.run(["improve", project.graph, "--cases", "ask.cases.yaml"], environment: Self.key)
        #expect(r.status != 0 && r.stderr.contains("exists") && r.stderr.contains("--force"), "\(r)")
        #expect(project.server.requestCount == 0, "nothing ran")
        #expect(try String(contentsOf: output, encoding: .utf8) == "keep me")

        for (arguments, message) in [
            (["--split", "50/50"], "--split must be three whole numbers"),
            (["--dev", "ask.cases.yaml"], "--dev and --test go together"),
            (["--budget-time", "soon"], "--budget-time must be like 90s"),
            // Read by the parser the workbench's `:improve` uses (ImproveArguments), so worded alike.
            (["--try", "classify=@alt.txt"], "--try must be NODE.prompt=@FILE or NODE.prompt=TEXT"),
            (["--moves", "vote,shout"], "--moves: no move `shout`; the moves are examples, vote"),
            (["--budget-calls", "0"], "--budget-calls must be a whole number from 1 up, got 0"),
            (
                ["--split", "60/20/20", "--dev", "ask.cases.yaml", "--test", "ask.cases.yaml"],
                "--split divides the cases file; with --dev and --test there is nothing to split"
            ),
        ] {
            let bad = try await project.run(["improve", project.graph, "--cases", "ask.cases.yaml"] + arguments)
            #expect(bad.status == 2, "usage error: \(bad)")
            #expect(bad.stderr.contains(message), "\(bad)")
        }
    }
}
