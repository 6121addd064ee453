import Foundation
import Testing

/// Time travel shows each step as it ran (issue 16, items 2 and 3), in the real binary under
/// tmux: a run opened from history after an edit shows its own config and says the graph has
/// changed; selecting a step in the trace selects its node in the graph, which shows the
/// statuses as of that step.
@Suite(.serialized)
struct WorkbenchTimeTravelTests {
    static let graph = "text-stats.graph.yaml"
    /// How the template it ran with begins, as the inspector wraps it at 120x40.
    static let template = #"template: "{{s.words}} words,"#

    @Test("a run opened from history after a prompt edit shows the prompt it ran with and says the graph changed")
    func historyShowsTheRunsOwnConfig() async throws {
        // Recorded rather than thrown: the message, with the last screen, is printed in full.
        do { try await historySteps() } catch { Issue.record("\(error)") }
    }

    func historySteps() async throws {
        let tmux = try await TmuxSession(graph: Self.graph, width: 120, height: 40)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")
        try await run("One two three.", tmux)

        // Edit report's template (not saved: the graph being edited is what differs).
        try await command("goto report", tmux)
        try await tmux.waitForTitle("Inspector", "report")
        try await tmux.press("3")
        try await tmux.waitForTitle("Prompt", "report.template")
        try await tmux.press("i")
        try await tmux.waitFor("(editing)")
        try await tmux.type("Edited now. ")
        try await tmux.press("Escape")
        try await tmux.waitForAll(["Edited now. {{s.words}}", "[+]"])

        // Open the run from history and select its `report` step.
        try await command("runs", tmux)
        try await tmux.waitFor("Runs (1)")
        try await tmux.press("Enter")
        try await tmux.waitFor("Showing run #1")
        try await tmux.press("2")
        try await select("report", tmux)
        let shown = try await tmux.waitForAll([
            "Inspector: step report", "graph changed since this run", "node: report)", "Config (as run)",
            Self.template,
        ])
        #expect(!shown.contains("Edited now."), "the inspector shows the prompt being edited:\n\(shown)")
    }

    @Test("selecting an early step in the trace selects its node and shows later nodes not run")
    func graphFollowsTheTrace() async throws {
        do { try await traceSteps() } catch { Issue.record("\(error)") }
    }

    func traceSteps() async throws {
        let tmux = try await TmuxSession(graph: Self.graph, width: 120, height: 40)
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")
        try await command("layout debug", tmux)
        try await tmux.waitFor("[2] Trace")
        try await run("One two three.", tmux)
        try await tmux.waitForAll(["✓ stats", "✓ short_enough"])

        // The trace's second step, `stats`: the graph shows the run as it stood then.
        try await tmux.press("2")
        try await select("stats", tmux)
        // `│` is a node box's left border: the trace's rows have the same glyphs after a number.
        let asOf = try await tmux.waitForAll(["Inspector: step stats", "│✓ stats", "│○ short_enough"])
        #expect(!asOf.contains("│✓ short_enough"), "a later node is drawn as run:\n\(asOf)")

        // Esc leaves the step: the inspector follows the graph's selection, which is `stats`.
        try await tmux.press("Escape")
        try await tmux.waitForTitle("Inspector", "stats")
        try await tmux.waitFor("│✓ short_enough")
    }

    /// `r`, the text, Enter; waits for the run to finish.
    private func run(_ text: String, _ tmux: TmuxSession) async throws {
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type(text)
        try await tmux.press("Enter")
        try await tmux.waitFor("Run finished")
    }

    /// Presses `k` in the trace until the inspector shows step `path` (the trace starts at
    /// its last step). Home is not used: tmux sends its own terminal's Home, not xterm's.
    private func select(_ path: String, _ tmux: TmuxSession) async throws {
        for _ in 0..<10 {
            try await tmux.press("k")
            let title = "Inspector: step \(path) "
            if (try? await tmux.waitFor(title, timeout: .milliseconds(500))) != nil { return }
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
