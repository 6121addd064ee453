import Foundation
import PatchbayCore
import Testing

@Suite("patchbay run")
struct RunCommandTests {
    let textStats = CLI.sample("text-stats.graph.yaml")

    @Test("--input NAME=VALUE runs text-stats and prints every output")
    func inputFlag() async throws {
        let r = try await CLI.run(["run", textStats, "--input", "text=One. Two three."])
        #expect(r.status == 0, "\(r)")
        // 3 words, 2 sentence marks, 15 characters in "One. Two three."
        #expect(r.stdout.contains("summary: 3 words, 2 sentences, 15 characters."), "\(r)")
        #expect(r.stdout.contains("counts:"), "\(r)")
        #expect(r.stdout.contains("\"words\": 3"), "\(r)")
        #expect(r.stderr.contains("succeeded"), "\(r)")
    }

    @Test("--inputs FILE.json reads the sample's inputs file")
    func inputsFile() async throws {
        let r = try await CLI.run(["run", textStats, "--inputs", CLI.sample("text-stats.inputs.json")])
        #expect(r.status == 0, "\(r)")
        let text = try #require(
            try JSONValue(parsing: String(contentsOfFile: CLI.sample("text-stats.inputs.json"), encoding: .utf8))[
                "text"]?.stringValue)
        let words = text.split(separator: " ").count
        #expect(r.stdout.contains("summary: \(words) words, 3 sentences, \(text.count) characters."), "\(r)")
    }

    @Test("--input NAME=@FILE reads the value from a file, newlines and all")
    func inputFromFile() async throws {
        let dir = try Scratch.make()
        let file = dir.appendingPathComponent("text.txt")
        try Data("First line.\nSecond line!".utf8).write(to: file)
        let r = try await CLI.run(["run", textStats, "--input", "text=@\(file.path)", "--json"])
        #expect(r.status == 0, "\(r)")
        let result = try JSONValue(parsing: r.stdout)
        #expect(result["outputs"]?["counts"]?["characters"] == .number(24), "\(r)")
        #expect(result["outputs"]?["counts"]?["sentences"] == .number(2), "\(r)")
    }

    @Test("a long text is routed to the warning, and the skipped report says why")
    func skipPropagation() async throws {
        let long = Array(repeating: "word", count: 70).joined(separator: " ")
        let r = try await CLI.run(["run", textStats, "--input", "text=\(long)", "--json"])
        #expect(r.status == 0, "\(r)")
        let result = try JSONValue(parsing: r.stdout)
        #expect(result["outputs"]?["summary"]?.stringValue?.hasPrefix("Too long:") == true, "\(r)")
        let steps = try #require(result["steps"]?.arrayValue)
        let report = try #require(steps.first { $0["node"] == "report" })
        #expect(report["status"] == "skipped")
        #expect(report["skip_reason"]?.stringValue?.contains("short_enough") == true, "\(report)")
    }

    @Test("--json prints one object with status, outputs, usage and steps")
    func jsonResult() async throws {
        let r = try await CLI.run(["run", textStats, "--inputs", CLI.sample("text-stats.inputs.json"), "--json"])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdoutLines.count == 1, "one JSON object on one line: \(r)")
        let result = try JSONValue(parsing: r.stdout)
        #expect(result["status"] == "succeeded")
        #expect(result["run_id"]?.stringValue?.isEmpty == false)
        #expect(result["outputs"]?["summary"]?.stringValue?.hasSuffix("characters.") == true)
        #expect(result["outputs"]?["counts"]?["sentences"] == .number(3))
        #expect(result["usage"]?["input_tokens"] == .number(0))
        let steps = try #require(result["steps"]?.arrayValue)
        let graph = try GraphCodec.decode(String(contentsOfFile: textStats, encoding: .utf8), path: textStats).graph
        #expect(Set(steps.compactMap { $0["node"]?.stringValue }) == Set(graph.nodes.map(\.id)))
        for step in steps {
            #expect(
                step["path"]?.stringValue != nil && step["status"]?.stringValue != nil
                    && step["kind"]?.stringValue != nil, "\(step)")
        }
    }

    @Test("--events prints JSON Lines from run_started to run_finished")
    func eventLines() async throws {
        let r = try await CLI.run(["run", textStats, "--inputs", CLI.sample("text-stats.inputs.json"), "--events"])
        #expect(r.status == 0, "\(r)")
        let events = try r.stdoutLines.map { try JSONValue(parsing: $0) }
        #expect(events.count > 2)
        #expect(events.first?["event"] == "run_started", "\(r)")
        #expect(events.first?["plan"]?.arrayValue?.first == "text")
        #expect(events.last?["event"] == "run_finished", "\(r)")
        #expect(events.last?["result"]?["status"] == "succeeded")
        let names = events.compactMap { $0["event"]?.stringValue }
        #expect(
            names.contains("node_started") && names.contains("node_finished") && names.contains("node_skipped"),
            "\(names)")
        // Every started node finishes (or is reported failed) before the run does.
        let started = events.filter { $0["event"] == "node_started" }.compactMap { $0["path"]?.stringValue }
        let ended = events.filter { $0["step"] != nil }.compactMap { $0["step"]?["path"]?.stringValue }
        #expect(Set(started).isSubset(of: Set(ended)))
    }

    @Test("--events with --json ends with the result object after run_finished")
    func eventsThenResult() async throws {
        let r = try await CLI.run(["run", textStats, "--input", "text=Hi.", "--events", "--json"])
        #expect(r.status == 0, "\(r)")
        let lines = try r.stdoutLines.map { try JSONValue(parsing: $0) }
        #expect(lines.count >= 3)
        #expect(lines.dropLast().last?["event"] == "run_finished", "\(r)")
        #expect(lines.last?["status"] == "succeeded" && lines.last?["steps"] != nil, "\(r)")
    }

    @Test("a missing input exits 2 and names the input with its description")
    func missingInput() async throws {
        let r = try await CLI.run(["run", textStats])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("`text`"), "\(r)")
        #expect(r.stderr.contains("The text to measure"), "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
    }

    @Test("an input the graph does not have exits 2")
    func unknownInput() async throws {
        let r = try await CLI.run(["run", textStats, "--input", "text=Hi.", "--input", "colour=blue"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("colour"), "\(r)")
    }

    @Test("--input without NAME= exits 2")
    func malformedInput() async throws {
        let r = try await CLI.run(["run", textStats, "--input", "just text"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("NAME=VALUE"), "\(r)")
    }

    @Test("a string input takes the text as is; other types parse JSON")
    func inputValueRules() async throws {
        let dir = try Scratch.project([
            "typed.graph.yaml": """
            patchbay: 1
            nodes:
              n:
                kind: input
                type: integer
              s:
                kind: input
                type: string
              calc:
                kind: jq
                jq: '{doubled: (.n * 2), s_type: (.s | type), s_length: (.s | length)}'
                inputs: [n, s]
              result:
                kind: output
            wires:
              - n -> calc.n
              - s -> calc.s
              - calc -> result

            """
        ])
        let graph = dir.appendingPathComponent("typed.graph.yaml").path
        let r = try await CLI.run(["run", graph, "--input", "n=21", "--input", "s=[1, 2]", "--json"])
        #expect(r.status == 0, "\(r)")
        let out = try JSONValue(parsing: r.stdout)["outputs"]?["result"]
        #expect(out?["doubled"] == .number(42), "\(r)")
        #expect(out?["s_type"] == "string", "\(r)")
        #expect(out?["s_length"] == .number(6), "\(r)")

        let wrongType = try await CLI.run(["run", graph, "--input", "n=twenty", "--input", "s=x"])
        #expect(wrongType.status == 2, "\(wrongType)")
        #expect(wrongType.stderr.contains("`n`"), "\(wrongType)")
    }

    @Test("a node that fails makes the run exit 1 with the error on stderr")
    func failingRun() async throws {
        let dir = try Scratch.project([
            "fails.graph.yaml": """
            patchbay: 1
            nodes:
              text:
                kind: input
              boom:
                kind: jq
                jq: 'error("the boom node gave up")'
              after:
                kind: output
            wires:
              - text -> boom
              - boom -> after

            """
        ])
        let r = try await CLI.run(["run", dir.appendingPathComponent("fails.graph.yaml").path, "--input", "text=x"])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("the boom node gave up"), "\(r)")
        #expect(r.stderr.contains("boom"), "\(r)")
        #expect(r.stdout.isEmpty, "no outputs were produced: \(r)")

        let json = try await CLI.run([
            "run", dir.appendingPathComponent("fails.graph.yaml").path, "--input", "text=x", "--json",
        ])
        #expect(json.status == 1, "\(json)")
        let result = try JSONValue(parsing: json.stdout)
        #expect(result["status"] == "failed")
        #expect(result["error"]?["message"]?.stringValue?.contains("the boom node gave up") == true, "\(json)")

        let events = try await CLI.run([
            "run", dir.appendingPathComponent("fails.graph.yaml").path, "--input", "text=x", "--events",
        ])
        #expect(events.status == 1, "\(events)")
        let lines = try events.stdoutLines.map { try JSONValue(parsing: $0) }
        let failed = try #require(lines.first { $0["event"] == "node_failed" }, "\(events)")
        #expect(failed["step"]?["node"] == "boom")
        #expect(failed["step"]?["error"]?["message"]?.stringValue?.contains("the boom node gave up") == true)
        #expect(lines.first { $0["event"] == "node_skipped" }?["step"]?["skip_reason"] == "`boom` failed", "\(events)")
        #expect(lines.last?["event"] == "run_finished" && lines.last?["result"]?["status"] == "failed", "\(events)")
    }

    @Test(
        "without the local model installed, a graph with llm nodes is refused before it starts, with the install command"
    )
    func localModelNotInstalled() async throws {
        let empty = try Scratch.project([:])
        let r = try await CLI.run(
            // --no-store: a summary cached by another test's run would answer without the model.
            ["run", CLI.sample("summarize.graph.yaml"), "--inputs", CLI.sample("summarize.inputs.json"), "--no-store"],
            environment: ["XDG_DATA_HOME": empty.path])
        #expect(r.status == 2, "\(r)")
        #expect(
            r.stderr.contains("node `summarize`: the local model is not installed (model alias `default`)"), "\(r)")
        #expect(r.stderr.contains("run `patchbay local install`"), "\(r)")
        #expect(r.stderr.contains("not started: 1 problem found before the run"), "\(r)")
    }

    @Test("run on an invalid graph exits 2 with the diagnostics")
    func invalidGraph() async throws {
        let dir = try Scratch.project(["bad.graph.yaml": "patchbay: 1\nnodes:\n  a:\n    kind: frobnicate\n"])
        let path = dir.appendingPathComponent("bad.graph.yaml").path
        let r = try await CLI.run(["run", path])
        #expect(r.status == 2, "\(r)")
        #expect(!r.stderr.diagnostics(for: path).isEmpty, "\(r)")
    }

    @Test("a graph file that does not exist exits 2")
    func missingGraph() async throws {
        let r = try await CLI.run(["run", "/nonexistent/nothing.graph.yaml"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("nothing.graph.yaml"), "\(r)")
    }
}
