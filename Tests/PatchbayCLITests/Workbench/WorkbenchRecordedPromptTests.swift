import Foundation
import PatchbayTestSupport
import Testing

/// Time travel shows what a step ran with as recorded (issue 16, item 2), in the real binary
/// under tmux: after the graph and a sub-graph file were edited, a run opened from history shows
/// its llm step's prompt as the back end got it (a prompted-tools provider's instructions in it),
/// and a step inside the sub-graph the config it ran with and that the file has changed since.
@Suite(.serialized)
struct WorkbenchRecordedPromptTests {
    static let graph = """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          agent:
            kind: llm
            system: Answer in one line.
            prompt: "Q: {{question}}"
            tools: [{ graph: shout.graph.yaml }]
            max_turns: 2
          answer: { kind: output, type: string }
          framing: { kind: graph, graph: frame.graph.yaml }
          framed: { kind: output, type: string }
        wires:
          - question -> agent.question
          - agent.text -> answer
          - question -> framing.text
          - framing.result -> framed

        """

    static let frame = """
        patchbay: 1
        nodes:
          text: { kind: input, type: string }
          wrap: { kind: template, template: 'About {{text}}' }
          result: { kind: output, type: string }
        wires:
          - text -> wrap.text
          - wrap.text -> result

        """

    /// The fault server plays a provider whose models call tools by prompt.
    static func userConfig(_ server: FaultServer) -> String {
        """
        [providers.fault]
        type = "openai"
        base_url = "\(server.baseURL)"
        api_key = "k"
        max_retries = 0
        tools = "prompted"

        [models]
        default = "fault:test-model"

        """
    }

    @Test("after edits, a stored run shows its llm step's recorded prompt and a sub-graph step's config as run")
    func historyShowsRecordedPromptsAndSubgraphConfig() async throws {
        // Recorded rather than thrown: the message, with the last screen, is printed in full.
        do { try await steps() } catch { Issue.record("\(error)") }
    }

    func steps() async throws {
        let server = try await FaultServer.start(.init(turns: [.answer("Rain is wet.")]))
        defer { Task { try await server.shutdown() } }
        let tmux = try await TmuxSession(
            graph: "agent.graph.yaml", width: 120, height: 50,
            files: [
                "agent.graph.yaml": Self.graph, "shout.graph.yaml": ToolFixtures.shout, "frame.graph.yaml": Self.frame,
            ],
            userConfig: Self.userConfig(server))
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph agent.graph.yaml")
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type("rain")
        try await tmux.press("Enter")
        try await tmux.waitFor("Run finished")

        // Edit agent's system text (not saved) and the sub-graph file on disk.
        try await command("goto agent", tmux)
        try await tmux.waitForTitle("Inspector", "agent")
        try await tmux.press("3")
        try await tmux.waitForTitle("Prompt", "agent.system")
        try await tmux.press("i")
        try await tmux.waitFor("(editing)")
        try await tmux.type("Edited now. ")
        try await tmux.press("Escape")
        try await tmux.waitForAll(["Edited now. Answer", "[+]"])
        try Data(Self.frame.replacingOccurrences(of: "About {{text}}", with: "Changed {{text}}").utf8).write(
            to: tmux.graphs.appendingPathComponent("frame.graph.yaml"))

        // Open the run from history: the llm step shows the prompt it sent, as recorded.
        try await command("runs", tmux)
        try await tmux.waitFor("Runs (1)")
        try await tmux.press("Enter")
        try await tmux.waitFor("Showing run #1")
        try await tmux.press("2")
        try await select("agent", tmux)
        let agent = try await tmux.waitForAll([
            "Inspector: step agent", "graph changed since this run", "Prompt sent", "Answer in one line.",
            "You can call these tools:", "Q: rain",
        ])
        #expect(!agent.contains("Edited now."), "the inspector shows the prompt being edited:\n\(agent)")
        #expect(!agent.contains("(rebuilt)"), "the prompt is rebuilt, not the recorded one:\n\(agent)")

        // The template step inside the sub-graph: its config as run, and the file changed since.
        try await select("framing/wrap", tmux)
        let wrap = try await tmux.waitForAll([
            "Inspector: step framing/wrap", "sub-graph changed since this run", "(frame.graph.yaml)",
            "Config (as run)", "About {{text}}", "Text rendered",
        ])
        #expect(!wrap.contains("Changed {{text}}"), "the inspector shows the file as it is now:\n\(wrap)")
    }

    @Test("the session's own run: after the map body's template is edited, its step shows the template it ran with")
    func sessionRunShowsSubgraphConfigAsRun() async throws {
        do { try await sessionSteps() } catch { Issue.record("\(error)") }
    }

    /// One session, no model: run, enter the map, edit the body's template (saved to its file at
    /// once), then select the body's step in the trace.
    func sessionSteps() async throws {
        let tmux = try await TmuxSession(
            graph: "each.graph.yaml", width: 120, height: 50,
            files: [
                "each.graph.yaml": WorkbenchSubgraphTests.parent,
                "body.graph.yaml": WorkbenchSubgraphTests.body,
            ])
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph each.graph.yaml")
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type(#"["rain"]"#)
        try await tmux.press("Enter")
        try await tmux.waitFor("Run finished")

        try await command("goto each", tmux)
        try await tmux.waitForTitle("Inspector", "each")
        try await tmux.press("1")
        try await tmux.press("Enter")
        try await tmux.waitFor("Inside `each`")
        try await tmux.press("/")
        try await tmux.type("shout")
        try await tmux.press("Enter")
        try await tmux.waitForTitle("Inspector", "shout")
        try await tmux.press("3")
        try await tmux.waitForTitle("Prompt", "shout.template")
        try await tmux.press("i")
        try await tmux.waitFor("(editing)")
        try await tmux.type("Very ")
        try await tmux.press("Escape")
        try await tmux.waitForAll(["Very Loud: {{item}}", "saved (u undoes it)"])

        // The body's step in the trace: the template it ran with, and the file changed since.
        try await command("layout debug", tmux)
        try await tmux.waitFor("] Trace (")
        try await tmux.press("2")
        try await select("each[0]/shout", tmux)
        let shout = try await tmux.waitForAll([
            "Inspector: step each[0]/shout", "sub-graph changed since this run", "(body.graph.yaml)",
            "Config (as run)", #"template: "Loud: {{item}}""#, "Text rendered",
        ])
        #expect(!shout.contains(#"template: "Very Loud"#), "the inspector shows the file as it is now:\n\(shout)")
    }

    /// Presses `k`, then `j`, in the trace until the inspector shows step `path` (the trace
    /// starts at its last step).
    private func select(_ path: String, _ tmux: TmuxSession) async throws {
        for key in Array(repeating: "k", count: 12) + Array(repeating: "j", count: 12) {
            let title = "Inspector: step \(path) "
            if (try? await tmux.waitFor(title, timeout: .milliseconds(300))) != nil { return }
            try await tmux.press(key)
        }
        try await tmux.waitFor("Inspector: step \(path) ")
    }

    private func command(_ line: String, _ tmux: TmuxSession) async throws {
        try await tmux.press(":")
        try await tmux.type(line)
        try await tmux.waitFor(":" + line)
        try await tmux.press("Enter")
    }
}
