import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// `kill -9` in the middle of a run loses no finished step, and the run shows as interrupted.
@Suite("Crash safety of the run store")
struct CrashSafetyTests {
    /// question → prep → shape → ask (an llm call that does not answer for a minute) → answer.
    static let graph = """
        patchbay: 1
        title: Slow model
        nodes:
          question: { kind: input, type: string }
          prep: { kind: template, template: 'Q: {{question}}' }
          ask: { kind: llm, model: default, prompt: "{{text}}" }
          answer: { kind: output, type: string }
        wires:
          - question -> prep.question
          - prep.text -> ask.text
          - ask.text -> answer

        """

    @Test("after kill -9 mid-run, every finished step is in the store and the run is interrupted")
    func killMidRun() async throws {
        let server = try await FaultServer.start(.init(latency: .seconds(60)))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server, graph: Self.graph)
        let child = try RunningCLI(
            ["run", project.graph, "--input", "question=hi"], in: project.root, environment: ["FAULT_API_KEY": "k"])
        defer { child.killIfRunning() }

        // Wait until the two steps before the model call are committed (read by other processes)
        // and the model call is in flight.
        var seen: [JSONValue] = []
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while clock.now < deadline {
            if server.requestCount >= 1, let shown = try? await project.run(["show", "last", "--json"]),
                shown.status == 0,
                let steps = try? JSONValue(parsing: shown.stdout)["steps"]?.arrayValue, steps.count >= 2
            {
                seen = steps
                #expect(try JSONValue(parsing: shown.stdout)["status"] == "running", "\(shown)")
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(seen.count == 2, "the finished steps never showed up in the store; child stderr: \(child.stderr)")
        #expect(server.requestCount == 1, "the model call is in flight")

        child.signal(SIGKILL)
        #expect(await child.waitForExit(within: .seconds(10)) != nil)

        let shown = try await project.run(["show", "last", "--json"])
        #expect(shown.status == 0, "\(shown)")
        let run = try JSONValue(parsing: shown.stdout)
        #expect(run["status"] == "interrupted", "\(shown)")
        let steps = run["steps"]?.arrayValue ?? []
        #expect(steps.compactMap { $0["path"]?.stringValue } == ["question", "prep"], "\(shown)")
        #expect(steps.allSatisfy { $0["status"] == "succeeded" })
        #expect(steps.last?["outputs"]?["text"] == "Q: hi")
        #expect(run["executed"] == 2, "\(shown)")

        let table = try await project.run(["runs"])
        #expect(table.stdoutLines.count == 2 && table.stdoutLines[1].contains("interrupted"), "\(table)")
    }
}
