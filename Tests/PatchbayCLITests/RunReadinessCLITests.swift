import Foundation
import PatchbayTestSupport
import Testing

/// What a run needs that this machine lacks is found before it starts: a hosted alias whose key
/// is not set is refused at once with the hint (it used to retry DNS for ~56 s offline).
@Suite("run readiness") struct RunReadinessCLITests {
    static let graph = """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          ask:
            kind: llm
            model: hosted
            prompt: "Answer briefly: {{question}}"
          answer: { kind: output, type: string }
        wires:
          - question -> ask.question
          - ask.text -> answer

        """

    static func project() throws -> URL {
        try Scratch.project([
            "patchbay.toml": "[models]\nhosted = \"openai:gpt-4o-mini\"\n", "ask.graph.yaml": Self.graph,
        ])
    }

    @Test(
        "a hosted alias without its key is refused in well under a second, with the hint", arguments: ["run", "step"])
    func missingKeyRefusedAtOnce(command: String) async throws {
        let root = try Self.project()
        let started = ContinuousClock.now
        // Set but empty is not set: the test does not depend on the runner's environment.
        let r = try await CLI.run(
            [command, "ask.graph.yaml", "--input", "question=hi", "--no-store"], stdin: "", in: root,
            environment: ["OPENAI_API_KEY": ""])
        let elapsed = ContinuousClock.now - started
        print("\(command) refused in \(elapsed.formatted(.units(allowed: [.milliseconds])))")
        // Generous for a loaded machine: the point is no retry loop (it took ~56 s).
        #expect(elapsed < .seconds(5), "\(elapsed)")
        #expect(r.status == 2, "\(r)")
        #expect(
            r.stderr.contains(
                "ask.graph.yaml:6:5: error: node `ask`: OPENAI_API_KEY is not set (needed by provider `openai` for alias `hosted`)"
            ), "\(r)")
        #expect(r.stderr.contains("  hint: export OPENAI_API_KEY=…"), "\(r)")
        #expect(r.stderr.contains("not started: 1 problem found before the run"), "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
    }

    @Test("eval: a judge on a hosted alias without its key is refused before the first case")
    func judgeWithoutKeyRefused() async throws {
        let root = try Scratch.project([
            "patchbay.toml": "[models]\nhosted = \"openai:gpt-4o-mini\"\n",
            "echo.graph.yaml": """
            patchbay: 1
            nodes:
              question: { kind: input, type: string }
              echo: { kind: template, template: "You said {{question}}" }
              answer: { kind: output, type: string }
            wires:
              - question -> echo.question
              - echo.text -> answer

            """,
            "c.cases.yaml":
                "cases:\n  - { id: one, inputs: { question: hi }, expect: { judge: { rubric: 'It says hi', model: hosted } } }\n",
        ])
        let started = ContinuousClock.now
        let r = try await CLI.run(
            ["eval", "echo.graph.yaml", "--cases", "c.cases.yaml", "--no-store"], in: root,
            environment: ["OPENAI_API_KEY": ""])
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(r.status == 2, "\(r)")
        #expect(
            r.stderr.contains(
                "a judge check's `model`: OPENAI_API_KEY is not set (needed by provider `openai` for alias `hosted`)"),
            "\(r)")
    }

    @Test("rerun checks only what runs again: a recorded command node is reused without trust")
    func rerunChecksWhatRunsAgain() async throws {
        let root = try Scratch.project([
            "cmd.graph.yaml": """
            patchbay: 1
            nodes:
              text: { kind: input, type: string }
              echo: { kind: command, command: [cat] }
              up: { kind: jq, jq: "ascii_upcase" }
              out: { kind: output }
            wires:
              - text -> echo
              - echo -> up
              - up -> out

            """
        ])
        let first = try await CLI.run(["run", "cmd.graph.yaml", "--input", "text=hi", "--trust"], in: root)
        #expect(first.status == 0, "\(first)")
        let fromUp = try await CLI.run(["rerun", "last", "--from", "up"], in: root)
        #expect(fromUp.status == 0 && fromUp.stdout == "HI\n", "\(fromUp)")
        let fromEcho = try await CLI.run(["rerun", "last", "--from", "echo"], in: root)
        #expect(fromEcho.status == 2, "\(fromEcho)")
        #expect(fromEcho.stderr.contains("command node `echo` would run `cat`"), "\(fromEcho)")
    }

    @Test("a provider of the user's own keeps its optional key: the run starts and answers without one")
    func ownProviderWithoutKeyRuns() async throws {
        let server = try await FaultServer.start(.init(reply: "Fine"))
        defer { Task { try await server.shutdown() } }
        // `fault` gets FAULT_API_KEY as its key variable, unset here: servers of one's own often need none.
        let project = try FaultProject.make(server)
        let r = try await project.run(
            ["run", project.graph, "--input", "question=hi"], environment: ["FAULT_API_KEY": ""])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == "Model said: Fine\n", "\(r)")
    }
}
