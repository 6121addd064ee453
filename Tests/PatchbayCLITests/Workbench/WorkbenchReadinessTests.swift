import Foundation
import Testing

/// Issue 16, item 6: a run the machine cannot do is refused at once with the hint in the status
/// line, in the real workbench under tmux (a hosted alias without its key retried DNS ~56 s).
@Suite(.serialized)
struct WorkbenchReadinessTests {
    @Test("a hosted alias without its key: r is refused at once, the hint on the status line, all of it on !")
    func missingKeyRefusedAtOnce() async throws {
        // 120 columns: the status line holds the problem and the way out; ! shows all of it.
        let tmux = try await TmuxSession(
            graph: "ask.graph.yaml", width: 120, height: 40,
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
        let screen = try await tmux.waitFor(
            "Not started: OPENAI_API_KEY is not set — export OPENAI_API_KEY=…  ! more")
        let took = clock.now - pressed
        print("workbench refused in \(took.formatted(.units(allowed: [.milliseconds])))")
        #expect(took < .seconds(1), "refused \(took) after Enter")
        #expect(!screen.contains("running"), "\(screen)")

        // ! shows the whole refusal: which node and alias, and every way to give the key.
        try await tmux.press("!")
        let notice = try await tmux.waitFor("─ Error ─")
        let text = Self.popupText(notice)
        for part in [
            "node `ask`: OPENAI_API_KEY is not set (needed by provider `openai` for alias `hosted`)",
            "hint: export OPENAI_API_KEY=…, or put api_key = \"…\" under [providers.openai] in the user config (~/.config/patchbay/config.toml) with mode 600",
            "not started: 1 problem found before the run",
        ] {
            #expect(text.contains(part), "not in the notice: \(part)\n\(notice)")
        }
        // Esc closes it; the workbench goes on.
        try await tmux.press("Escape")
        try await tmux.waitForAbsence(of: "─ Error ─")
        try await tmux.press("?")
        try await tmux.waitFor("─ Help ─")
    }

    /// The text inside the notice's frame, its wrapped lines joined with spaces.
    static func popupText(_ screen: String) -> String {
        let lines = screen.components(separatedBy: "\n")
        guard let top = lines.firstIndex(where: { $0.contains("─ Error ─") }) else { return "" }
        let inside = lines[(top + 1)...].prefix { !$0.contains("└") }.compactMap { line -> String? in
            // The popup's own frame is the innermost pair of │ on the line.
            let parts = line.components(separatedBy: "│")
            guard parts.count >= 3 else { return nil }
            return parts[parts.count / 2].trimmingCharacters(in: .whitespaces)
        }
        return inside.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
