import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// The run store through the binary: history, show, diff, replay, fork, the cache across
/// processes and gc. Model calls are counted at the fault server.
@Suite("patchbay history commands")
struct HistoryCommandTests {
    static let env = ["FAULT_API_KEY": "k"]

    /// Runs the project's graph with `question` and returns the run id.
    static func run(_ project: FaultProject, _ question: String, extra: [String] = []) async throws -> String {
        let r = try await project.run(
            ["run", project.graph, "--json", "--input", "question=\(question)"] + extra, environment: env)
        #expect(r.status == 0, "\(r)")
        return try JSONValue(parsing: r.stdout)["run_id"]?.stringValue ?? ""
    }

    static func json(_ r: CLIResult) throws -> JSONValue { try JSONValue(parsing: r.stdout) }

    @Test("runs, show, show --step and diff-runs describe two runs with different inputs")
    func historyOfTwoRuns() async throws {
        let server = try await FaultServer.start(.init(reply: "First answer"))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let a = try await Self.run(project, "hi")
        server.setBehaviour(.init(reply: "Second answer\nwith a second line"))
        let b = try await Self.run(project, "bye")
        #expect(server.modelCalls.count == 2)

        let runs = try await project.run(["runs"])
        #expect(runs.status == 0, "\(runs)")
        let rows = runs.stdoutLines
        #expect(rows.count == 3 && rows[0].hasPrefix("ID"), "\(runs)")
        #expect(rows[1].hasPrefix(String(b.prefix(8))) && rows[1].contains("#2"), "newest first: \(runs)")
        #expect(rows[2].hasPrefix(String(a.prefix(8))) && rows[2].contains("#1"), "\(runs)")
        #expect(
            rows[1].contains("ask.graph.yaml") && rows[1].contains("succeeded") && rows[1].contains("4/4/0"), "\(runs)")
        let listed = try Self.json(try await project.run(["runs", project.graph, "--json", "--limit", "1"]))
        #expect(listed.arrayValue?.count == 1)
        #expect(listed.arrayValue?.first?["id"]?.stringValue == b)
        #expect(listed.arrayValue?.first?["usage"]?["input_tokens"]?.intValue == 5)

        let show = try await project.run(["show", String(a.prefix(8))])
        #expect(show.status == 0, "\(show)")
        #expect(show.stdout.contains("run \(a) (#1)  succeeded"), "\(show)")
        #expect(show.stdout.contains("question: hi"), "\(show)")
        #expect(show.stdout.contains("✓ ask (llm)"), "\(show)")
        #expect(show.stdout.contains("answer: Model said: First answer"), "\(show)")

        let step = try await project.run(["show", "#1", "--step", "ask"])
        #expect(step.status == 0, "\(step)")
        #expect(step.stdout.contains("inputs:\n  question: hi"), "\(step)")
        #expect(step.stdout.contains("outputs:\n  text: First answer"), "\(step)")
        #expect(step.stdout.contains("prompt sent:\n  user: Answer briefly: hi"), "as recorded: \(step)")
        let stepJSON = try Self.json(try await project.run(["show", "last", "--step", "ask", "--json"]))
        #expect(stepJSON["outputs"]?["text"] == "Second answer\nwith a second line")
        #expect(stepJSON["prompt"]?["messages"] == [["role": "user", "content": "Answer briefly: bye"]])
        let missing = try await project.run(["show", "last", "--step", "nope"])
        #expect(missing.status == 2 && missing.stderr.contains("has no step `nope`"), "\(missing)")

        let full = try Self.json(try await project.run(["show", b, "--json"]))
        #expect(full["steps"]?.arrayValue?.count == 4)
        #expect(full["inputs"]?["question"] == "bye")
        #expect(full["graph"]?.stringValue?.contains("Answer briefly") == true)

        let diff = try await project.run(["diff-runs", a, b])
        #expect(diff.status == 0, "\(diff)")
        #expect(diff.stdout.contains("graph: same"), "\(diff)")
        // A changed text is a word diff, as the workbench's compare pane shows it.
        #expect(diff.stdout.contains("inputs:\n  question:\n    [-hi-]{+bye+}\n"), "\(diff)")
        #expect(diff.stdout.contains("~ ask  outputs differ"), "\(diff)")
        #expect(
            diff.stdout.contains("      text:\n        [-First-]{+Second+} answer\n        {+with a second line+}\n"),
            "\(diff)")
        let diffJSON = try Self.json(try await project.run(["diff-runs", a, b, "--json"]))
        let changed = diffJSON["steps"]?.arrayValue?.compactMap { $0["path"]?.stringValue }
        #expect(changed == ["question", "ask", "echo", "answer"])
        #expect(diffJSON["graph"]?["changed"] == false)
    }

    @Test("diff-runs names the nodes whose config changed between the graphs")
    func diffGraphs() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let a = try await Self.run(project, "hi")
        let edited = FaultProject.graphText().replacingOccurrences(
            of: "Model said: {{text}}", with: "It said: {{text}}")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: project.graph))
        let b = try await Self.run(project, "hi")
        #expect(server.modelCalls.count == 1, "the llm step is a cache hit in the second process")
        let diff = try await project.run(["diff-runs", a, b])
        #expect(diff.stdout.contains("graph: changed"), "\(diff)")
        #expect(diff.stdout.contains("~ node `echo`: template"), "\(diff)")
        #expect(!diff.stdout.contains("~ ask"), "the cached step is the same: \(diff)")
        #expect(diff.stdout.contains("~ echo  outputs differ"), "\(diff)")
    }

    @Test("replay makes no model call and is saved as a replay of the run")
    func replay() async throws {
        let server = try await FaultServer.start(.init(reply: "Recorded answer"))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let original = try await Self.run(project, "hi")
        #expect(server.requestCount == 1)
        try await project.run(["cache", "clear"]).expectOK()

        let replay = try await project.run(["replay", String(original.prefix(10)), "--json"])
        #expect(replay.status == 0, "\(replay)")
        #expect(server.requestCount == 1, "no request reached the model server")
        let result = try Self.json(replay)
        #expect(result["outputs"]?["answer"] == "Model said: Recorded answer")
        #expect(result["steps"]?.arrayValue?.allSatisfy { $0["status"] == "replayed" } == true, "\(replay)")

        // The graph file changed since: replay still runs the stored graph, and says so.
        let edited = FaultProject.graphText().replacingOccurrences(of: "Model said", with: "Changed")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: project.graph))
        let again = try await project.run(["replay", original])
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout == "Model said: Recorded answer\n", "\(again)")
        #expect(again.stderr.contains("has changed since run"), "\(again)")
        #expect(server.requestCount == 1)

        let last = try Self.json(try await project.run(["runs", "--json", "--limit", "1"]))
        #expect(last.arrayValue?.first?["origin"] == "replay")
        #expect(last.arrayValue?.first?["parent_run"]?.stringValue == original)
        let table = try await project.run(["runs"])
        #expect(table.stdout.contains("replay of \(original.prefix(8))"), "\(table)")
    }

    @Test("rerun --from --set forks: upstream steps come from the run, the node and downstream execute")
    func rerunFork() async throws {
        let server = try await FaultServer.start(.init(reply: "The answer"))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let original = try await Self.run(project, "hi")
        #expect(server.modelCalls.count == 1)

        let fork = try await project.run(
            ["rerun", "last", "--from", "echo", "--set", "echo.template=Forked: {{text}}", "--json"],
            environment: Self.env)
        #expect(fork.status == 0, "\(fork)")
        #expect(server.modelCalls.count == 1, "ask is upstream of echo: its recorded output is used")
        let result = try Self.json(fork)
        #expect(result["outputs"]?["answer"] == "Forked: The answer")
        let statuses = Dictionary(
            uniqueKeysWithValues: (result["steps"]?.arrayValue ?? []).compactMap { s in
                s["path"]?.stringValue.map { ($0, s["status"]?.stringValue ?? "") }
            })
        #expect(statuses["ask"] == "replayed" && statuses["echo"] == "succeeded", "\(fork)")
        let listed = try Self.json(try await project.run(["runs", "--json", "--limit", "1"]))
        #expect(listed.arrayValue?.first?["origin"] == "fork")
        #expect(listed.arrayValue?.first?["parent_run"]?.stringValue == original)
        #expect(listed.arrayValue?.first?["parent_step"] == "echo")
        // The file on disk is untouched by --set.
        #expect(try String(contentsOfFile: project.graph, encoding: .utf8) == FaultProject.graphText())

        let fromModel = try await project.run(["rerun", original, "--from", "ask"], environment: Self.env)
        #expect(fromModel.status == 0, "\(fromModel)")
        #expect(server.modelCalls.count == 2, "the forked node executes even though the cache has it")

        let upstream = try await project.run(
            ["rerun", original, "--from", "echo", "--set", "ask.temperature=0.5"], environment: Self.env)
        #expect(upstream.status == 0 && upstream.stderr.contains("`ask` is upstream of `echo`"), "\(upstream)")
        #expect(server.modelCalls.count == 2, "ask's recorded output is used despite the edit")
        let broken = try await project.run(
            ["rerun", original, "--from", "ask", "--set", "ask.prompt=no placeholder"], environment: Self.env)
        #expect(broken.status == 2 && broken.stderr.contains("`ask.question` is not an input port"), "\(broken)")
        #expect(broken.stderr.contains("hint: check the --set values"), "\(broken)")
        let bad = try await project.run(["rerun", original, "--from", "nosuch"], environment: Self.env)
        #expect(bad.status == 2 && bad.stderr.contains("no node `nosuch`"), "\(bad)")
        let badSet = try await project.run(
            ["rerun", original, "--from", "echo", "--set", "echo"], environment: Self.env)
        #expect(badSet.status == 2 && badSet.stderr.contains("expected NODE.FIELD=VALUE"), "\(badSet)")
    }

    @Test("the cache persists across processes; cache clear empties it; --no-store keeps it out")
    func cacheAcrossProcesses() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        _ = try await Self.run(project, "hi")
        #expect(server.requestCount == 1)
        let second = try await project.run(["run", project.graph, "--input", "question=hi"], environment: Self.env)
        #expect(second.status == 0, "\(second)")
        #expect(server.requestCount == 1, "a new process makes no model call for an unchanged graph")
        #expect(second.stderr.contains("1 cached"), "\(second)")

        let stats = try Self.json(try await project.run(["cache", "stats", "--json"]))
        #expect(stats["entries"] == 1 && stats["hits"] == 1, "\(stats)")
        let text = try await project.run(["cache", "stats"])
        #expect(text.stdout.contains("entries: 1"), "\(text)")

        let clear = try await project.run(["cache", "clear"])
        #expect(clear.status == 0 && clear.stdout.contains("cleared 1 cache entry"), "\(clear)")
        _ = try await Self.run(project, "hi")
        #expect(server.requestCount == 2, "after cache clear the node executes again")

        let before = try Self.json(try await project.run(["runs", "--json"])).arrayValue?.count
        _ = try await Self.run(project, "hi", extra: ["--no-store"])
        #expect(server.requestCount == 3, "--no-store uses a cache in memory only")
        #expect(
            try Self.json(try await project.run(["runs", "--json"])).arrayValue?.count == before,
            "--no-store is not recorded")
    }

    @Test("gc --keep N keeps the newest N runs")
    func gc() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        var ids: [String] = []
        for q in ["a", "b", "c"] { ids.append(try await Self.run(project, q)) }
        let gc = try await project.run(["gc", "--keep", "1"])
        #expect(gc.status == 0 && gc.stdout.contains("deleted 2 runs (8 steps)"), "\(gc)")
        let left = try Self.json(try await project.run(["runs", "--json"])).arrayValue?.compactMap {
            $0["id"]?.stringValue
        }
        #expect(left == [ids[2]])
        let gone = try await project.run(["show", ids[0]])
        #expect(
            gone.status == 2
                && gone.stderr.contains(
                    "no run `\(ids[0])` in this project (gc may have removed it; `patchbay gc` keeps the newest N runs)"
                ), "\(gone)")
        let help = try await CLI.run(["gc", "--help"])
        #expect(help.stdout.contains("Eval samples are runs too"), "\(help)")
        let negative = try await project.run(["gc", "--keep", "-1"])
        #expect(negative.status == 2, "\(negative)")
    }

    @Test("history commands in a folder with no store say to run a graph first")
    func noStore() async throws {
        let empty = try Scratch.make("empty")
        for args in [["runs"], ["show", "last"], ["cache", "stats"], ["gc", "--keep", "1"], ["replay", "last"]] {
            let r = try await CLI.run(args + ["--project", empty.path])
            #expect(r.status == 2, "\(args): \(r)")
            #expect(r.stderr.contains("no runs yet in \(empty.path)/.patchbay; run a graph first"), "\(args): \(r)")
        }
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        _ = try await Self.run(project, "hi")
        let unknown = try await project.run(["show", "zzzz"])
        #expect(
            unknown.status == 2 && unknown.stderr.contains("no run `zzzz`") && unknown.stderr.contains("hint:"),
            "\(unknown)")
        // From another folder, --project finds the store.
        let elsewhere = try await CLI.run(["runs", "--project", project.root.path, "--json"])
        #expect(try Self.json(elsewhere).arrayValue?.count == 1, "\(elsewhere)")
    }

    @Test("--inputs with invalid JSON names the file, line and column and says what to do")
    func invalidInputsFile() async throws {
        let server = try await FaultServer.start()
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let file = project.root.appendingPathComponent("bad.inputs.json")
        try Data("{\n  \"question\": \"hi\",\n  oops\n}\n".utf8).write(to: file)
        let r = try await project.run(["run", project.graph, "--inputs", file.path], environment: Self.env)
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("\(file.path):3:3: expected a key in double quotes"), "\(r)")
        #expect(r.stderr.contains("hint: fix the JSON there"), "\(r)")
        #expect(server.modelCalls.isEmpty)
    }

    @Test("model output shown from history is escaped for the terminal")
    func escaping() async throws {
        let server = try await FaultServer.start(.init(reply: "red \u{1b}[31malert\u{1b}[0m"))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        _ = try await Self.run(project, "hi")
        for args in [["show", "last"], ["show", "last", "--step", "ask"]] {
            let r = try await project.run(args)
            #expect(r.status == 0, "\(r)")
            #expect(!r.stdout.contains("\u{1b}"), "\(args): raw escape reached the terminal: \(r)")
            #expect(r.stdout.contains("\\x1b[31malert"), "\(args): \(r)")
        }
    }
}

extension CLIResult {
    func expectOK(sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(status == 0, "\(self)", sourceLocation: sourceLocation)
    }
}
