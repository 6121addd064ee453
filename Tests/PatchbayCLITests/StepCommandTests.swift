import Foundation
import PatchbayCore
import Testing

@Suite("patchbay step")
struct StepCommandTests {
    let textStats = CLI.sample("text-stats.graph.yaml")
    let inputs = ["--inputs", CLI.sample("text-stats.inputs.json")]

    /// The lines that announce a pause: `⏸ before `NODE` (REASON); next: …`.
    func pauses(_ r: CLIResult) -> [String] { r.stdoutLines.filter { $0.hasPrefix("⏸") } }

    @Test("shows the plan, stops before each node with its inputs, then runs to the end at EOF")
    func stepsThenContinues() async throws {
        let r = try await CLI.run(["step", textStats] + inputs, stdin: "\n\n")
        #expect(r.status == 0, "\(r)")
        let plan = try #require(r.stdoutLines.first)
        #expect(plan.hasPrefix("plan: text → stats"), "\(r)")
        // Two Enters: stopped before text, stats and short_enough; EOF then continues.
        let stops = pauses(r)
        #expect(stops.count == 3, "\(r)")
        #expect(stops.first?.contains("before `text` (step)") == true, "\(r)")
        #expect(stops.dropFirst().first?.contains("before `stats`") == true, "\(r)")
        #expect(stops.last?.contains("before `short_enough`") == true, "\(r)")
        // Before `stats` it shows the input it is about to get: the text.
        #expect(r.stdout.contains("← value: Patchbay runs graphs"), "\(r)")
        // Each node's result line and outputs, then the graph's outputs.
        #expect(r.stdoutLines.contains { $0.hasPrefix("✓ stats (jq)") }, "\(r)")
        #expect(r.stdoutLines.contains { $0.hasPrefix("↷ warning (template)") && $0.contains("skipped") }, "\(r)")
        #expect(r.stdout.contains("output summary: 16 words, 3 sentences"), "\(r)")
        #expect(r.stderr.contains("succeeded"), "\(r)")
    }

    @Test("b NODE then c stops at that node only")
    func breakpointThenContinue() async throws {
        let r = try await CLI.run(["step", textStats] + inputs, stdin: "b verdict\nc\n")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("breakpoint before `verdict`"), "\(r)")
        let stops = pauses(r)
        #expect(stops.count == 2, "\(r)")
        #expect(stops.last?.contains("before `verdict` (breakpoint)") == true, "\(r)")
        // By the time it stops at verdict, the nodes before it have run.
        let verdictStop = try #require(r.stdoutLines.firstIndex { $0.hasPrefix("⏸") && $0.contains("`verdict`") })
        let reportLine = try #require(r.stdoutLines.firstIndex { $0.hasPrefix("✓ report") })
        #expect(reportLine < verdictStop, "\(r)")
        #expect(r.stdout.contains("output summary:"), "\(r)")
    }

    @Test("t NODE runs to that node")
    func runToNode() async throws {
        let r = try await CLI.run(["step", textStats] + inputs, stdin: "t report\n")
        #expect(r.status == 0, "\(r)")
        let stops = pauses(r)
        #expect(stops.count == 2, "\(r)")
        #expect(stops.last?.contains("before `report` (run to node)") == true, "\(r)")
    }

    @Test("i PORT=JSON changes the input of the node about to run")
    func editInput() async throws {
        let r = try await CLI.run(["step", textStats] + inputs, stdin: "\ni value=\"A b. C.\"\nc\n")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("output summary: 3 words, 2 sentences, 7 characters."), "\(r)")
    }

    @Test("q cancels the run: exit 1")
    func quit() async throws {
        let r = try await CLI.run(["step", textStats] + inputs, stdin: "q\n")
        #expect(r.status == 1, "\(r)")
        #expect(pauses(r).count == 1, "\(r)")
        #expect(!r.stdout.contains("output summary"), "\(r)")
        #expect(r.stderr.contains("cancelled"), "\(r)")
    }

    @Test("a missing input exits 2 before anything runs")
    func missingInput() async throws {
        let r = try await CLI.run(["step", textStats], stdin: "")
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("The text to measure"), "\(r)")
    }

    @Test("without the local model, a graph with an llm node is refused before the first step")
    func refusedBeforeFirstStep() async throws {
        let empty = try Scratch.project([:])
        let r = try await CLI.run(
            // --no-store: a summary cached by an earlier run in this project would answer instead.
            [
                "step", CLI.sample("summarize.graph.yaml"), "--inputs", CLI.sample("summarize.inputs.json"),
                "--no-store",
            ], stdin: "\n",
            environment: ["XDG_DATA_HOME": empty.path])
        #expect(r.status == 2, "\(r)")
        #expect(pauses(r).isEmpty, "\(r)")
        #expect(r.stderr.contains("run `patchbay local install`"), "\(r)")
    }

    @Test("a breakpoint inside a map stops before that node for every item, concurrency or not")
    func breakpointInsideMap() async throws {
        let dir = try Scratch.project([
            "body.graph.yaml": """
            patchbay: 1
            nodes:
              item: { kind: input }
              double: { kind: jq, jq: '. * 2' }
              out: { kind: output }
            wires:
              - item -> double
              - double -> out

            """,
            "map.graph.yaml": """
            patchbay: 1
            nodes:
              xs: { kind: input, type: array }
              each: { kind: map, graph: body.graph.yaml, concurrency: 2 }
              res: { kind: output }
            wires:
              - xs -> each.items
              - each.results -> res

            """,
        ])
        let r = try await CLI.run(
            ["step", dir.appendingPathComponent("map.graph.yaml").path, "--input", "xs=[1,2,3,4]"],
            stdin: "b each/double\nc\n", timeout: 20)
        #expect(!r.timedOut, "the stepper hung: \(r)")
        #expect(r.status == 0, "\(r)")
        let stops = pauses(r).filter { $0.contains("(breakpoint)") }
        #expect(stops.count == 4, "\(r)")
        for i in 0..<4 {
            #expect(stops.contains { $0.contains("`each[\(i)]/double`") }, "item \(i): \(r)")
        }
        #expect(r.stdout.contains("output res:"), "\(r)")
    }

    static let humanGraph = """
        patchbay: 1
        nodes:
          ok: { kind: human, question: 'Publish {{title}}?', type: boolean }
          title: { kind: input, type: string }
          out: { kind: output }
        wires:
          - title -> ok.title
          - ok -> out

        """

    @Test("a human node asks on stdout and takes the answer from stdin")
    func humanAnswer() async throws {
        let dir = try Scratch.project(["ask.graph.yaml": Self.humanGraph])
        let graph = dir.appendingPathComponent("ask.graph.yaml").path
        let r = try await CLI.run(["step", graph, "--input", "title=the draft"], stdin: "c\ntrue\n")
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("? ok: Publish the draft?"), "\(r)")
        #expect(r.stdout.contains("output out: true"), "\(r)")

        let wrongType = try await CLI.run(["step", graph, "--input", "title=x"], stdin: "c\nmaybe\n")
        #expect(wrongType.status == 1, "\(wrongType)")
        #expect(wrongType.stderr.contains("boolean"), "\(wrongType)")
    }

    @Test("run has nobody to ask: a human node fails, saying what it needed")
    func humanInRun() async throws {
        let dir = try Scratch.project(["ask.graph.yaml": Self.humanGraph])
        let r = try await CLI.run([
            "run", dir.appendingPathComponent("ask.graph.yaml").path, "--input", "title=the draft",
        ])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("Publish the draft?"), "\(r)")
        #expect(r.stderr.contains("patchbay step"), "\(r)")
    }
}
