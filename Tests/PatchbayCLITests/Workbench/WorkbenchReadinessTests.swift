import Foundation
import Testing

/// Issue 16, item 6: a run the machine cannot do is refused at once with the hint in the status
/// line, in the real workbench under tmux (a hosted alias without its key retried DNS ~56 s).
@Suite(.serialized)
struct WorkbenchReadinessTests {
    @Test("a hosted alias without its key: r is refused at once, the hint on the status line")
    func missingKeyRefusedAtOnce() async throws {
        // Wide enough for the whole message and hint on the one status line.
        let tmux = try await TmuxSession(
            graph: "ask.graph.yaml", width: 200, height: 40,
            files: ["ask.graph.yaml": RunReadinessCLITests.graph],
            userConfig: "[models]\nhosted = \"openai:gpt-4o-mini\"\n", environment: ["OPENAI_API_KEY": ""])
        defer { tmux.close() }
        try await tmux.waitFor("[1] Graph")
        try await tmux.press("r")
        try await tmux.waitFor("Run inputs")
        try await tmux.type("hi")
        let clock = ContinuousClock()
        let pressed = clock.now
        try await tmux.press("Enter")
        let screen = try await tmux.waitForAll([
            "Not started: node `ask`: OPENAI_API_KEY is not set (needed by provider `openai` for alias `hosted`)",
            "— export OPENAI_API_KEY=…",
        ])
        let took = clock.now - pressed
        print("workbench refused in \(took.formatted(.units(allowed: [.milliseconds])))")
        #expect(took < .seconds(1), "refused \(took) after Enter")
        #expect(!screen.contains("running"), "\(screen)")
        // The workbench goes on.
        try await tmux.press("?")
        try await tmux.waitFor("─ Help ─")
    }
}
