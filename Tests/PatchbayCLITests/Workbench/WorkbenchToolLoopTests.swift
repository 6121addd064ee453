import Foundation
import PatchbayTestSupport
import Testing

/// A tool loop in the real workbench in a real terminal (tmux): the loopback fault server plays
/// the model (scripted tool-call turns, OpenAI's streamed dialect), a graph file is the tool, so
/// no MCP server is needed. A breakpoint stops before the call; `e` edits its arguments in
/// `$EDITOR` (a script that writes new ones), `S` skips it with a typed result.
@Suite(.serialized)
struct WorkbenchToolLoopTests {
    static let graph = """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          agent:
            kind: llm
            prompt: "{{question}}"
            tools: [{ graph: shout.graph.yaml }]
            max_turns: 3
          answer: { kind: output, type: string }
        wires:
          - question -> agent.question
          - agent.text -> answer

        """

    static let shout = ToolFixtures.shout

    /// `$EDITOR`: replaces the arguments file with other arguments.
    static let editor = #"printf '%s' '{"text": "edited in tmux"}' > "$1""# + "\n"

    static func userConfig(_ server: FaultServer) -> String {
        """
        [providers.fault]
        type = "openai"
        base_url = "\(server.baseURL)"
        api_key = "k"
        max_retries = 0

        [models]
        default = "fault:test-model"

        """
    }

    static func shoutCall() -> FaultServer.ToolCallScript {
        FaultServer.ToolCallScript(id: "call_1", name: "shout", arguments: #"{"text": "hi there"}"#)
    }

    @Test(
        "paused before a tool call: e edits its arguments in $EDITOR, S supplies its result; the inspector shows the conversation"
    )
    func editArgumentsThenSupplyAResult() async throws {
        // Recorded rather than thrown: the message, with the last screen, is printed in full.
        do { try await steps() } catch { Issue.record("\(error)") }
    }

    func steps() async throws {
        let server = try await FaultServer.start(
            .init(turns: [.calls(Self.shoutCall()), .answer("Done."), .answer("Quiet.")]))
        defer { Task { try await server.shutdown() } }
        let tmux = try await TmuxSession(
            graph: "agent.graph.yaml", width: 120, height: 40,
            files: ["agent.graph.yaml": Self.graph, "shout.graph.yaml": Self.shout, "edit-args.sh": Self.editor],
            userConfig: Self.userConfig(server), environment: ["EDITOR": "sh edit-args.sh", "VISUAL": ""])
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph agent.graph.yaml")

        try await tmux.press(":")
        try await tmux.type("break agent/turn/call")
        try await tmux.press("Enter")
        try await tmux.waitFor("Breakpoint before the tool calls of `agent/turn/call`")

        try await tmux.press("r")
        try await tmux.type("Say hi")
        try await tmux.press("Enter")
        try await tmux.waitForAll([
            "Paused before `agent` calls `shout`", "▾ turn 0", "▾ shout  call_1  ⏸", #""text": "hi there""#,
        ])

        try await tmux.press("e")
        try await tmux.waitForAll(["Arguments changed", #""text": "edited in tmux""#])
        try await tmux.press("c")
        try await tmux.waitForAll([
            "Run finished", #"▸ shout {"text":"edited in tmux"} → EDITED IN TMUX"#, "▾ turn 1", "Done.",
        ])
        #expect(server.modelCalls.count == 2)
        #expect(server.modelCalls.last?.bodyString.contains("EDITED IN TMUX") == true)

        // Again: the inputs form is prefilled, Enter runs; turn 0 comes from the cache (the same
        // conversation), the call does not (tools are never cached): it is skipped this time.
        try await tmux.press("r")
        try await tmux.press("Enter")
        try await tmux.waitForAll(["Paused before `agent` calls `shout`", "▾ turn 0  ◆"])
        try await tmux.press("S")
        try await tmux.waitFor("Result for `agent/turn 0/call shout` (JSON)")
        try await tmux.press("C-u")
        try await tmux.type(#""quiet""#)
        try await tmux.press("Enter")
        try await tmux.waitForAll(["Run finished", #"→ (supplied) quiet"#, "Quiet."])
        #expect(server.modelCalls.count == 3)
        let told = server.modelCalls.last?.bodyString ?? ""
        #expect(told.contains("quiet") && !told.contains("HI THERE"), "the tool did not run: \(told)")

        try await tmux.press("q")
        try await tmux.waitFor("EXITED:0")
    }
}
